import { vnDate } from '../../../case-kernel/src/domain/working-calendar.js';
import { foldText, LABEL_SEPARATOR, type CaseFold, type CaseIndexRow } from './case-entry.js';
import type { CaseIndexSource } from './case-index-sources.js';

/** An event of one case as the index folds it: upcast already, with its place in the stream and when it was recorded. */
export interface CaseIndexEvent {
  type: string;
  data: Readonly<Record<string, unknown>>;
  revision: number;
  recordedAt: string;
}

/**
 * The case's row after these events (in stream order), starting from its stored row (or from
 * nothing). An event at or below the row's revision was applied already and is skipped, so a
 * replayed batch changes nothing. Null when nothing changed, or while the case's opening event
 * has not been seen (a case without a unit and status is not listed).
 */
export function advanceRow(
  source: CaseIndexSource,
  caseId: string,
  stored: CaseIndexRow | null,
  events: readonly CaseIndexEvent[],
): CaseIndexRow | null {
  let fold: CaseFold = stored
    ? { jurisdiction: stored.jurisdiction, status: stored.status, assigneeIds: stored.assigneeIds, details: stored.details }
    : source.initial;
  let revision = stored?.revision ?? -1;
  let openedOn = stored?.openedOn ?? null;
  let lastEventAt = stored?.lastEventAt ?? null;
  for (const event of events) {
    if (event.revision <= revision) continue;
    revision = event.revision;
    fold = source.evolve(fold, event);
    lastEventAt = event.recordedAt;
    openedOn ??= vnDate(new Date(event.recordedAt));
  }
  if (revision === (stored?.revision ?? -1) || fold.status === '' || fold.jurisdiction === '') return null;
  const { parts, words } = source.label(fold.details);
  return {
    kind: source.kind,
    caseId,
    jurisdiction: fold.jurisdiction,
    assigneeIds: fold.assigneeIds,
    status: fold.status,
    openedOn: openedOn!,
    lastEventAt: lastEventAt!,
    revision,
    label: parts.join(LABEL_SEPARATOR),
    searchText: foldText([...parts, ...words].join(' ')),
    details: fold.details,
  };
}
