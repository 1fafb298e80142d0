import { caseStream, type CaseRecords } from '../../../access/src/application/case-records.js';
import { AccessDeniedError, type PolicyPoint } from '../../../access/src/application/policy-point.js';
import {
  eventIdFor,
  type CaseCommands,
  type CommandRequest,
  type CommandResult,
} from '../../../case-kernel/src/application/case-commands.js';
import { authorizeOnExistingCase } from '../../../case-kernel/src/application/hidden-case-guard.js';
import { fold } from '../../../case-kernel/src/domain/decider.js';
import type { KeyStore } from '../../../crypto/src/index.js';
import type { DataSubjectRequestsContext } from '../data-subject-requests-context.js';
import type { DataSubjectRequestCommand, DataSubjectRequestEvent } from '../domain/data-subject-request.js';
import { assertErasureMayBeExecuted } from '../domain/data-subject-request-decider.js';

export type HandlingCommand =
  | { kind: 'acknowledge' }
  | { kind: 'authorise_erasure' }
  | { kind: 'complete'; outcome: string }
  | { kind: 'refuse'; reason: Extract<DataSubjectRequestCommand, { kind: 'refuse' }>['reason']; explanation: string };

export interface HandlingResult extends CommandResult {
  /** For a completed deletion: the keys destroyed and the log position of the completion. */
  erasure?: { destroyedKeyIds: string[]; position: string };
}

/**
 * The data-protection officer's handling of a request. Handling needs a read grant on the request
 * (asked first, so anyone else meets the same 404 as for a missing request), then the write grant
 * and the DPO role (CaseCommands and the decider). A deletion takes two officers: one authorises
 * the erasure (recorded), another completes it, which shreds the subject's key and records the
 * execution with the completion. Everything that would refuse the completion is asked before the
 * key is shredded; a failure after the shred leaves the request authorised, and completing it
 * again shreds again (harmless) and records it.
 */
export class DataSubjectRequestHandling {
  constructor(
    private readonly commands: CaseCommands,
    private readonly records: CaseRecords,
    private readonly policy: PolicyPoint,
    private readonly keys: KeyStore,
    private readonly context: DataSubjectRequestsContext,
  ) {}

  async handle(request: Omit<CommandRequest<HandlingCommand>, 'command'> & { command: HandlingCommand }): Promise<HandlingResult> {
    const found = await authorizeOnExistingCase(this.records, this.policy, this.context.kind, request.caseId, 'read', request.caller);
    const { command } = request;
    if (command.kind !== 'complete') return this.commands.execute(this.context, { ...request, command });
    const state = fold(
      this.context.decider,
      found.events.map((e) => ({ type: e.type, data: e.data }) as DataSubjectRequestEvent),
    );
    if (state.requestKind !== 'delete' || state.subjectId === null) {
      return this.commands.execute(this.context, { ...request, command: { kind: 'complete', outcome: command.outcome, erasure: null } });
    }
    // A retry of a completion already recorded (same user, same key) gets the first answer: nothing is shredded again.
    if (found.events.some((e) => e.id === eventIdFor(request, caseStream(this.context.kind, request.caseId), 0))) {
      const replayed = await this.commands.execute(this.context, {
        ...request,
        command: { kind: 'complete', outcome: command.outcome, erasure: state.erasure },
      });
      return { ...replayed, erasure: { destroyedKeyIds: state.erasure?.destroyedKeyIds ?? [], position: replayed.checkpoint ?? '' } };
    }
    // Only a data-protection officer whose scope holds the request erases (anyone else who may read it meets the same 404), and never the one who authorised it.
    await this.policy
      .authorize(
        request.caller.principal,
        'write',
        { kind: 'erasure_request', id: state.subjectId, jurisdiction: found.resource.jurisdiction, assignees: [], fields: {} },
        request.caller,
      )
      .catch((error: unknown) => {
        throw error instanceof AccessDeniedError ? new AccessDeniedError(404) : error;
      });
    assertErasureMayBeExecuted(state, request.caller.principal.userId);
    const shredded = await this.keys.shred(state.subjectId, {
      actorId: request.caller.principal.userId,
      reason: `data subject request ${request.caseId}: deletion`,
    });
    const erasure = {
      erasedAt: shredded.erasedAt.toISOString(),
      alreadyErased: shredded.alreadyErased,
      destroyedKeyIds: shredded.destroyedKeyIds,
    };
    const completed = await this.commands.execute(this.context, {
      ...request,
      command: { kind: 'complete', outcome: command.outcome, erasure },
    });
    return { ...completed, erasure: { destroyedKeyIds: shredded.destroyedKeyIds, position: completed.checkpoint ?? '' } };
  }
}
