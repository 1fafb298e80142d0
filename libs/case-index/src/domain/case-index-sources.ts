import type { EstablishmentEvent, EstablishmentStatus } from '../../../establishments/src/domain/establishment.js';
import type { HotspotEvent, HotspotStatus } from '../../../hotspots/src/domain/hotspot.js';
import type { InspectionEvent, InspectionStatus } from '../../../inspections/src/domain/inspection.js';
import type { PenaltyEvent, PenaltyStatus } from '../../../penalties/src/domain/penalty-types.js';
import type { TipEvent, TipStatus } from '../../../tips/src/domain/tip-types.js';
import { text, type CaseFold, type CaseIndexKind } from './case-entry.js';
import { wordsOf } from './label-words.js';

/**
 * How the index folds one case kind. Each reducer reads only the event's public fields (see the
 * kind's `*-context.ts` labels), plus the assignee id the policy scopes by; statuses are the names
 * the context's own evolve gives. A record of every event type, so a new one fails to compile
 * until it is placed here.
 */
type Reducers<E extends { type: string; data: unknown }, S extends string, D> = {
  [K in E['type']]: (fold: Fold<S, D>, data: Extract<E, { type: K }>['data']) => Fold<S, D>;
};
type Fold<S extends string, D> = CaseFold<D> & { status: S | '' };

export interface CaseIndexSource {
  kind: CaseIndexKind;
  eventTypes: readonly string[];
  /** The status names the kind's events give (the `status` filter's values). */
  statuses: readonly string[];
  initial: CaseFold;
  /** Never throws: an event of another type or of an unexpected shape leaves the fold as it is. */
  evolve(fold: CaseFold, event: { type: string; data: Readonly<Record<string, unknown>> }): CaseFold;
  /** The label's public codes, and the Vietnamese words searched with them. */
  label(details: Readonly<Record<string, unknown>>): { parts: string[]; words: string[] };
}

function indexSource<E extends { type: string; data: unknown }, S extends string, D extends Record<string, unknown>>(
  kind: CaseIndexKind,
  statuses: readonly S[],
  details: D,
  reducers: Reducers<E, S, D>,
  label: (details: D) => Array<string | null>,
): CaseIndexSource {
  const byType = reducers as unknown as Record<string, (fold: CaseFold, data: unknown) => CaseFold>;
  return {
    kind,
    eventTypes: Object.keys(reducers),
    statuses,
    initial: { jurisdiction: '', status: '', assigneeIds: [], details },
    evolve(fold, event) {
      if (!Object.hasOwn(byType, event.type)) return fold;
      try {
        return byType[event.type]!(fold, event.data ?? {});
      } catch {
        return fold;
      }
    },
    label(stored) {
      const parts = label({ ...details, ...stored } as D).filter((part): part is string => typeof part === 'string');
      return { parts, words: wordsOf(parts) };
    },
  };
}

/** The fold unchanged: an event that moves neither status, unit, assignee nor label. */
const same = <F>(fold: F): F => fold;
const unit = (value: unknown, fold: CaseFold) => text(value) ?? fold.jurisdiction;

const TIP_STATUSES: readonly TipStatus[] = [
  'received',
  'classified',
  'assigned',
  'verifying',
  'extended',
  'suspended',
  'resumed',
  'transferred',
  'closed',
];
type TipDetails = { tipKind: string | null; channel: string | null; category: string | null };

const tips = indexSource<TipEvent, TipStatus, TipDetails>(
  'tip',
  TIP_STATUSES,
  { tipKind: null, channel: null, category: null },
  {
    'tip.received': (f, d) => ({
      ...f,
      status: 'received',
      jurisdiction: unit(d.jurisdiction, f),
      details: { ...f.details, tipKind: text(d.kind), channel: text(d.channel) },
    }),
    'tip.reporter_recorded': same,
    'tip.classified': (f, d) => ({
      ...f,
      status: f.status === 'received' ? 'classified' : f.status,
      details: { ...f.details, category: text(d.category) },
    }),
    'tip.escalated': same,
    'tip.transferred': (f) => ({ ...f, status: 'transferred' }),
    // The assignee id is labelled internal: kept only as the row's assignee, which the policy scopes by, never in the label.
    'tip.assigned': (f, d) => ({
      ...f,
      status: f.status === 'classified' ? 'assigned' : f.status,
      assigneeIds: text(d.assigneeId) ? [d.assigneeId] : f.assigneeIds,
    }),
    'tip.procuracy_notified': same,
    'tip.reporter_notified': same,
    'tip.verification_started': (f) => ({ ...f, status: 'verifying' }),
    'tip.verification_extended': (f) => ({ ...f, status: 'extended' }),
    'tip.suspended': (f) => ({ ...f, status: 'suspended' }),
    'tip.resumed': (f) => ({ ...f, status: 'resumed' }),
    'tip.closed': (f) => ({ ...f, status: 'closed' }),
    'tip.penalty_case_requested': same,
    'tip.file_handed_over': same,
    'tip.prosecution_file_sent': same,
    'tip.prosecution_file_resolved': same,
  },
  (d) => [d.tipKind, d.channel, d.category],
);

const establishments = indexSource<EstablishmentEvent, EstablishmentStatus, { establishmentType: string | null }>(
  'establishment',
  ['registered', 'closed'],
  { establishmentType: null },
  {
    // The business's name and address are internal: only its type is in the label.
    'establishment.registered': (f, d) => ({
      ...f,
      status: 'registered',
      jurisdiction: unit(d.commune, f),
      details: { establishmentType: text(d.establishmentType) },
    }),
    'establishment.risk_classified': same,
    'establishment.commitment_signed': same,
    'establishment.inspection_linked': same,
    'establishment.penalty_linked': same,
    'establishment.closed': (f) => ({ ...f, status: 'closed' }),
  },
  (d) => [d.establishmentType],
);

const inspections = indexSource<InspectionEvent, InspectionStatus, Record<string, never>>(
  'inspection',
  ['planned', 'conducted', 'penalty_linked', 'closed'],
  {},
  {
    // Mode, date, establishment and findings are internal: an inspection's label is empty.
    'inspection.planned': (f, d) => ({ ...f, status: 'planned', jurisdiction: unit(d.jurisdiction, f) }),
    'inspection.team_member_recorded': same,
    'inspection.conducted': (f) => ({ ...f, status: 'conducted' }),
    'inspection.penalty_linked': (f) => ({ ...f, status: 'penalty_linked' }),
    'inspection.closed': (f) => ({ ...f, status: 'closed' }),
  },
  () => [],
);

const hotspots = indexSource<HotspotEvent, HotspotStatus, { hotspotKind: string | null }>(
  'hotspot',
  ['identified', 'under_treatment', 'eradicated', 'reactivated'],
  { hotspotKind: null },
  {
    'hotspot.identified': (f, d) => ({
      ...f,
      status: 'identified',
      jurisdiction: unit(d.jurisdiction, f),
      details: { hotspotKind: text(d.hotspotKind) },
    }),
    'hotspot.treatment_started': (f) => ({ ...f, status: 'under_treatment' }),
    'hotspot.eradicated': (f) => ({ ...f, status: 'eradicated' }),
    'hotspot.reactivated': (f) => ({ ...f, status: 'reactivated' }),
  },
  (d) => [d.hotspotKind],
);

/**
 * `finesDue` is the decision's public fineCount and `finesPaid` counts the payments: the context
 * settles a case once every fine is paid (one payment per person fined), which these two decide
 * without the per-person sanctions (internal).
 */
type PenaltyDetails = { act: string | null; offenderType: string | null; finesDue: number; finesPaid: number };
const settledOr = (f: Fold<PenaltyStatus, PenaltyDetails>, otherwise: PenaltyStatus | ''): PenaltyStatus | '' =>
  f.details.finesPaid >= f.details.finesDue ? 'settled' : otherwise;

const penalties = indexSource<PenaltyEvent, PenaltyStatus, PenaltyDetails>(
  'penalty_case',
  ['recorded', 'decided', 'delivered', 'settled', 'closed'],
  { act: null, offenderType: null, finesDue: 0, finesPaid: 0 },
  {
    // The officer who drew up the record is the case's assignee (an internal id, as for tips).
    'penalty.violation_recorded': (f, d) => ({
      ...f,
      status: 'recorded',
      jurisdiction: unit(d.jurisdiction, f),
      assigneeIds: text(d.assigneeId) ? [d.assigneeId] : f.assigneeIds,
      details: { ...f.details, act: text(d.act), offenderType: text(d.offenderType) },
    }),
    'penalty.person_recorded': same,
    'penalty.explanation_requested': same,
    'penalty.explanation_extended': same,
    'penalty.explanation_received': same,
    'penalty.verification_required': same,
    'penalty.decision_deadline_extended': same,
    'penalty.decided': (f, d) => ({
      ...f,
      status: 'decided',
      details: { ...f.details, finesDue: Number.isSafeInteger(d.fineCount) ? d.fineCount : 0 },
    }),
    'penalty.decision_delivered': (f) => ({ ...f, status: settledOr(f, 'delivered') }),
    'penalty.fine_paid': (f) => {
      const paid = { ...f, details: { ...f.details, finesPaid: f.details.finesPaid + 1 } };
      return { ...paid, status: settledOr(paid, f.status) };
    },
    'penalty.enforcement_ordered': same,
    'penalty.complaint_lodged': same,
    'penalty.closed_without_decision': (f) => ({ ...f, status: 'closed' }),
  },
  (d) => [d.act, d.offenderType],
);

export const CASE_INDEX_SOURCES: readonly CaseIndexSource[] = [tips, establishments, inspections, hotspots, penalties];

export const sourceOfKind = (kind: CaseIndexKind): CaseIndexSource => CASE_INDEX_SOURCES.find((s) => s.kind === kind)!;
