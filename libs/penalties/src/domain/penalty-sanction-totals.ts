import type { SanctionInput } from './penalty-types.js';

/** What a decision amounts to without naming anyone: how many warnings, how many fines, and their sum in VND. */
export interface SanctionTotals {
  warningCount: number;
  fineCount: number;
  fineTotal: number;
}

/**
 * The de-identified totals of a decision's sanctions. `penalty.decided` carries them beside the
 * per-person list since schema version 2, labelled public so that integration events and
 * statistics never need the list (see libs/upcasting for version 1).
 */
export function sanctionTotals(sanctions: readonly Pick<SanctionInput, 'sanction' | 'amount'>[]): SanctionTotals {
  let warningCount = 0;
  let fineCount = 0;
  let fineTotal = 0;
  for (const s of sanctions) {
    if (s.sanction === 'warning') warningCount += 1;
    else {
      fineCount += 1;
      fineTotal += s.amount ?? 0;
    }
  }
  return { warningCount, fineCount, fineTotal };
}
