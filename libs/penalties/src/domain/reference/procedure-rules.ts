import type { PenaltyReference, ProcedureRules } from '../penalty-reference.js';
import { DECREE_282_2025 } from './decree-282-2025.js';

/**
 * Time limits of the Law on Handling Administrative Violations 2012 (Law 15/2012/QH13) as amended
 * by Law 67/2020/QH14 (in force 1/1/2022): limitation art. 6 (1 year in this field), explanation
 * art. 61 (5 + 5 working days; right to explain when the highest fine reaches 15 m VND for an
 * individual, or a permit may be withdrawn), decision art. 66 (7 working days; 1 month with
 * explanation or verification; +1 month for especially serious, complex cases), delivery art. 70
 * (2 working days), payment art. 73 (10 days), late fee art. 78 (0.05 % a day); complaints: Law on
 * Complaints 2011 art. 9 (90 days from receipt). Verify before go-live.
 */
export const LAW_ON_HANDLING_ADMINISTRATIVE_VIOLATIONS: ProcedureRules = {
  id: 'law-15-2012-qh13-amended-2020',
  sourceEn: 'Law on Handling Administrative Violations',
  sourceVi: 'Luật Xử lý vi phạm hành chính',
  effectiveFrom: '2022-01-01',
  limitationMonths: 12,
  explanationWorkingDays: 5,
  explanationExtensionWorkingDays: 5,
  explanationFineThreshold: 15_000_000,
  decisionWorkingDays: 7,
  decisionMonthsWithExplanationOrVerification: 1,
  decisionExtensionMonths: 1,
  deliveryWorkingDays: 2,
  paymentDays: 10,
  lateFeeRatePerDay: 0.0005,
  complaintDays: 90,
};

/** The reference data the API uses by default. */
export const PENALTY_REFERENCE: PenaltyReference = {
  tables: [DECREE_282_2025],
  procedure: LAW_ON_HANDLING_ADMINISTRATIVE_VIOLATIONS,
};
