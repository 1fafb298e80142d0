import type { CaseRecords } from '../../../access/src/application/case-records.js';
import type { PolicyPoint } from '../../../access/src/application/policy-point.js';
import type { CaseCommands, CommandRequest, CommandResult } from '../../../case-kernel/src/application/case-commands.js';
import { authorizeOnExistingCase } from '../../../case-kernel/src/application/hidden-case-guard.js';
import { fold } from '../../../case-kernel/src/domain/decider.js';
import type { KeyStore } from '../../../crypto/src/index.js';
import type { DataSubjectRequestsContext } from '../data-subject-requests-context.js';
import type { DataSubjectRequestCommand, DataSubjectRequestEvent } from '../domain/data-subject-request.js';

export type HandlingCommand =
  | { kind: 'acknowledge' }
  | { kind: 'complete'; outcome: string }
  | { kind: 'refuse'; reason: Extract<DataSubjectRequestCommand, { kind: 'refuse' }>['reason']; explanation: string };

/**
 * The data-protection officer's handling of a request. Handling needs a read grant on the request
 * (asked first, so anyone else meets the same 404 as for a missing request), then the write grant
 * and the DPO role (CaseCommands and the decider). A deletion is completed in three steps: the
 * erasure is authorised and recorded, the subject's key is shredded, the execution is recorded with
 * the completion. A failure between the steps leaves the request acknowledged with the erasure
 * authorised; completing it again (any key) shreds again — harmless — and records it.
 */
export class DataSubjectRequestHandling {
  constructor(
    private readonly commands: CaseCommands,
    private readonly records: CaseRecords,
    private readonly policy: PolicyPoint,
    private readonly keys: KeyStore,
    private readonly context: DataSubjectRequestsContext,
  ) {}

  async handle(request: Omit<CommandRequest<HandlingCommand>, 'command'> & { command: HandlingCommand }): Promise<CommandResult> {
    const found = await authorizeOnExistingCase(this.records, this.policy, this.context.kind, request.caseId, 'read', request.caller);
    const { command } = request;
    if (command.kind !== 'complete') return this.commands.execute(this.context, { ...request, command });
    const state = fold(this.context.decider, found.events.map((e) => ({ type: e.type, data: e.data }) as DataSubjectRequestEvent));
    if (state.requestKind !== 'delete' || state.subjectId === null) {
      return this.commands.execute(this.context, { ...request, command: { kind: 'complete', outcome: command.outcome, erasure: null } });
    }
    const authorised = await this.commands.execute(this.context, { ...request, command: { kind: 'authorise_erasure' }, idempotencyKey: `${request.idempotencyKey}:erasure` });
    const shredded = await this.keys.shred(state.subjectId, { actorId: request.caller.principal.userId, reason: `data subject request ${request.caseId}: deletion` });
    const completed = await this.commands.execute(this.context, {
      ...request,
      command: { kind: 'complete', outcome: command.outcome, erasure: { erasedAt: shredded.erasedAt.toISOString(), alreadyErased: shredded.alreadyErased } },
      expectedRevision: authorised.revision,
    });
    return { ...completed, events: [...authorised.events, ...completed.events] };
  }
}
