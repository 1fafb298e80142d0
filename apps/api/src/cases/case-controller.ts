import { Inject } from '@nestjs/common';
import type { Response } from 'express';
import type { CaseRecords } from '../../../../libs/access/src/application/case-records.js';
import type { PolicyPoint } from '../../../../libs/access/src/application/policy-point.js';
import { caseIdFor, type CaseCommands, type CaseContext } from '../../../../libs/case-kernel/src/application/case-commands.js';
import type { CaseRead, CaseReader } from '../../../../libs/case-kernel/src/application/case-reader.js';
import type { DomainEvent } from '../../../../libs/case-kernel/src/domain/decider.js';
import type { Caller } from '../access/request-context.js';
import type { CommandHeaders } from '../http/command-headers.js';
import { CASE_COMMANDS, CASE_READER, CASE_RECORDS, POLICY_POINT } from '../tokens.js';
import { commandAnswer, readCaseHistory } from './case-http.js';

/**
 * What every case context's controller does the same way: create a case (its id from the
 * Idempotency-Key), run a command on one (If-Match), read it and its history through the policy
 * point, with the revision as the ETag. Subclasses declare their routes and map bodies to commands.
 */
export abstract class CaseController<C, E extends DomainEvent, S> {
  @Inject(CASE_COMMANDS) protected readonly commands!: CaseCommands;
  @Inject(CASE_READER) protected readonly reader!: CaseReader;
  @Inject(CASE_RECORDS) protected readonly records!: CaseRecords;
  @Inject(POLICY_POINT) protected readonly policy!: PolicyPoint;

  protected abstract readonly context: CaseContext<C, E, S>;

  /** A command that opens a new case: the same user retrying with the same key gets the same case. */
  protected async create(command: C, headers: CommandHeaders, caller: Caller, response: Response) {
    const caseId = caseIdFor(caller.principal.userId, headers.idempotencyKey, this.context.kind);
    return commandAnswer(await this.commands.execute(this.context, { caseId, command, caller, ...headers }), response);
  }

  /** A command on an existing case. */
  protected async run(caseId: string, command: C, headers: CommandHeaders, caller: Caller, response: Response) {
    return commandAnswer(await this.commands.execute(this.context, { caseId, command, caller, ...headers }), response);
  }

  /** The case as the caller may see it (hidden fields hold the redaction marker); its revision is the ETag. */
  protected async readCase(id: string, caller: Caller, response: Response): Promise<CaseRead<S>> {
    const read = await this.reader.read<E, S>(this.context.kind, id, this.context.decider, caller);
    response.setHeader('ETag', `"${read.revision}"`);
    return read;
  }

  /** Event types, times and actors of the case; the read is recorded, no field is revealed. */
  protected async readHistory(id: string, caller: Caller, response: Response) {
    const read = await readCaseHistory(this.records, this.policy, this.context.kind, id, caller);
    response.setHeader('ETag', `"${read.revision}"`);
    return { id, ...read };
  }
}
