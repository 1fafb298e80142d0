import { sanctionTotals } from '../../../penalties/src/domain/penalty-sanction-totals.js';
import type { SanctionInput } from '../../../penalties/src/domain/penalty-types.js';
import type { Upcaster } from '../upcaster-registry.js';

/**
 * `penalty.decided` 1 → 2: version 2 adds the de-identified totals (warningCount, fineCount,
 * fineTotal) beside the per-person `sanctions`, computed the way the decider computes them.
 * When a reader may not see `sanctions` (it holds the redaction marker, or is missing), the totals
 * hold the same marker: they are derived from it and must never reveal more than it does.
 */
export const penaltyDecidedV1ToV2: Upcaster = {
  eventType: 'penalty.decided',
  fromVersion: 1,
  upcast(data) {
    const sanctions = data.sanctions;
    if (!Array.isArray(sanctions)) {
      const marker = sanctions ?? null;
      return { ...data, warningCount: marker, fineCount: marker, fineTotal: marker };
    }
    return { ...data, ...sanctionTotals(sanctions as SanctionInput[]) };
  },
};
