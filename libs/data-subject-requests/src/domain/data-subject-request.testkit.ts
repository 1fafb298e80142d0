/** Given/when/then helpers for the data-subject request decider's tests (pure; no I/O). */
import { DomainError, fold, type DecisionContext } from '../../../case-kernel/src/domain/decider.js';
import { VN_PUBLIC_HOLIDAYS } from '../../../case-kernel/src/domain/vn-public-holidays.js';
import { WorkingCalendar } from '../../../case-kernel/src/domain/working-calendar.js';
import { createDataSubjectRequestDecider } from './data-subject-request-decider.js';
import type { DataSubjectRequestCommand, DataSubjectRequestEvent, RequestKind } from './data-subject-request.js';

export const calendar = new WorkingCalendar(VN_PUBLIC_HOLIDAYS);
export const decider = createDataSubjectRequestDecider(calendar);

/** The history's steps are taken by dpo-1; a deletion is completed by a second officer, SECOND_DPO. */
export function contextAt(now: string, roles: string[] = ['data_protection_officer'], actorId = 'dpo-1'): DecisionContext {
  return { now: new Date(now), actorId, roles, newId: () => 'id' };
}

export const SECOND_DPO = 'dpo-2';

/** Wednesday 29 April 2026, 10:00 in Vietnam: the next two days are holidays, then a weekend. */
export const RECEIVED_AT = '2026-04-29T03:00:00.000Z';

export const fileCommand = (
  requestKind: RequestKind = 'delete',
  overrides: Partial<Extract<DataSubjectRequestCommand, { kind: 'file' }>> = {},
): DataSubjectRequestCommand => ({
  kind: 'file',
  subjectId: 'referral-abc',
  jurisdiction: '10015',
  requestKind,
  channel: 'in_person',
  receivedAt: RECEIVED_AT,
  ...overrides,
});

export function given(...past: DataSubjectRequestEvent[]) {
  const state = fold(decider, past);
  const decide = (command: DataSubjectRequestCommand, at: string, roles?: string[], actorId?: string) =>
    decider.decide(command, state, contextAt(at, roles, actorId));
  return {
    state,
    when: decide,
    refuses(command: DataSubjectRequestCommand, at: string, roles?: string[], actorId?: string): DomainError {
      try {
        const accepted = decide(command, at, roles, actorId);
        throw new Error(`expected a refusal, got ${accepted.map((e) => e.type).join(', ') || 'nothing'}`);
      } catch (error) {
        if (error instanceof DomainError) return error;
        throw error;
      }
    },
  };
}

/** The events of a request filed at RECEIVED_AT and then taken through `commands`, each at its time. */
export function history(kind: RequestKind, ...commands: Array<[DataSubjectRequestCommand, string]>): DataSubjectRequestEvent[] {
  const events: DataSubjectRequestEvent[] = [];
  for (const [command, at] of [[fileCommand(kind), RECEIVED_AT] as [DataSubjectRequestCommand, string], ...commands]) {
    const actor = command.kind === 'complete' && command.erasure !== null ? SECOND_DPO : 'dpo-1';
    events.push(...decider.decide(command, fold(decider, events), contextAt(at, undefined, actor)));
  }
  return events;
}

export const ACK: [DataSubjectRequestCommand, string] = [{ kind: 'acknowledge' }, '2026-05-04T02:00:00.000Z'];
export const AUTHORISE: [DataSubjectRequestCommand, string] = [{ kind: 'authorise_erasure' }, '2026-05-06T02:00:00.000Z'];
