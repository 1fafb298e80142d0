import type { ResourceKind } from '../../../access/src/domain/resources.js';

/** The case kinds of the enforcement compartment: the only ones the case index lists. */
export const CASE_INDEX_KINDS = [
  'tip',
  'establishment',
  'inspection',
  'hotspot',
  'penalty_case',
] as const satisfies readonly ResourceKind[];
export type CaseIndexKind = (typeof CASE_INDEX_KINDS)[number];

/**
 * What the index keeps of a case between events: its unit, status and assignees, and `details`,
 * the few public values its label is made of (plus counts of events where a status needs them).
 * An empty status means the case's opening event has not been seen.
 */
export interface CaseFold<D = Record<string, unknown>> {
  jurisdiction: string;
  status: string;
  assigneeIds: string[];
  details: D;
}

/** One row of the case index, as stored. */
export interface CaseIndexRow {
  kind: CaseIndexKind;
  caseId: string;
  jurisdiction: string;
  assigneeIds: string[];
  status: string;
  /** The Vietnamese calendar day the case's first event was recorded. */
  openedOn: string;
  /** When the store accepted the case's latest event (ISO 8601). */
  lastEventAt: string;
  revision: number;
  /** Public codes only, joined by " · " (e.g. "report · hotline · brokering"); the console translates them. */
  label: string;
  /** The label and the Vietnamese words of its codes, folded (lower case, no diacritics): what `q` searches. */
  searchText: string;
  details: Record<string, unknown>;
}

export const LABEL_SEPARATOR = ' · ';

/**
 * Lower case without diacritics, so "Nhà nghỉ", "nha nghi" and "NHÀ NGHỈ" compare equal. Applied
 * to the stored search text and to the query alike. "đ" has no decomposition of its own.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A string value of an event field, or null for anything else (a malformed event must not stop the view). */
export const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);
