import { PENALTY_FIELD_SCHEMAS } from '../../../penalties/src/penalties-context.js';
import type { IntegrationContract, IntegrationMapper } from '../contract.js';
import { count, optionalCode, unitFrom } from './fields.js';

/**
 * Penalty decisions on `pcm.penalties.v1`: the unit, the act of Decree 282/2025, the kind of
 * offender, and the decision's totals (warnings, fines, their sum in VND). No person: no subject
 * id, name or per-person sanction, no decision number, no summary.
 */
export const PENALTY_DECISION_ISSUED_V1: IntegrationContract = {
  name: 'penalty.decision_issued',
  version: 1,
  topic: 'pcm.penalties.v1',
  fields: ['unit', 'act', 'offenderType', 'warningCount', 'fineCount', 'fineTotal'],
};

export const PENALTY_MAPPERS: IntegrationMapper[] = [
  {
    kind: 'penalty_case',
    schemas: PENALTY_FIELD_SCHEMAS,
    source: 'penalty.decided',
    contract: PENALTY_DECISION_ISSUED_V1,
    reads: ['penalty.violation_recorded'],
    map: ({ event: { data }, latest }) => {
      const record = latest('penalty.violation_recorded')?.data;
      return {
        unit: unitFrom(record, 'jurisdiction'),
        act: optionalCode(record?.act, 'act'),
        offenderType: optionalCode(record?.offenderType, 'offenderType'),
        warningCount: count(data.warningCount, 'warningCount'),
        fineCount: count(data.fineCount, 'fineCount'),
        fineTotal: count(data.fineTotal, 'fineTotal'),
      };
    },
  },
];
