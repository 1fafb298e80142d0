import { applyDecorators, NotFoundException, type PipeTransform } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiForbiddenResponse, ApiHeader, ApiNotFoundResponse, ApiOperation, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CaseRecords } from '../../../../libs/access/src/application/case-records.js';
import { AccessDeniedError, type PolicyPoint } from '../../../../libs/access/src/application/policy-point.js';
import type { CommandResult } from '../../../../libs/case-kernel/src/application/case-commands.js';
import type { CaseRead } from '../../../../libs/case-kernel/src/application/case-reader.js';
import type { TipDeadline } from '../../../../libs/tips/src/domain/tip-deadlines.js';
import type { TipState } from '../../../../libs/tips/src/domain/tip-types.js';
import type { Caller } from '../access/request-context.js';

const CASE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A tip id that cannot exist is answered as a missing tip, before anything is read. */
export class TipIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!CASE_ID.test(value)) throw new NotFoundException();
    return value;
  }
}

/** The body of every command's answer, with the case revision as the ETag. */
export function commandAnswer(result: CommandResult, response: Response) {
  response.setHeader('ETag', `"${result.revision}"`);
  return { id: result.caseId, revision: result.revision, events: result.events };
}

/** The state as the caller may see it (hidden fields hold the redaction marker), with its deadlines at the read time. */
export function tipView(id: string, read: CaseRead<TipState>, deadlines: TipDeadline[]) {
  const { id: _recorded, reporter, ...state } = read.state;
  return {
    id,
    revision: read.revision,
    ...state,
    reporter: reporter && { name: reporter.name, contact: reporter.contact },
    deadlines,
    redactedFields: read.redactedFields,
    erasedFields: read.erasedFields,
  };
}

/**
 * Event types, times and actors of a tip, through the policy point (the read is recorded, no
 * field is revealed). A missing tip is answered as one the caller may not see.
 */
export async function readTipHistory(records: CaseRecords, policy: PolicyPoint, id: string, caller: Caller) {
  const found = await records.describe('tip', id);
  if (!found) {
    await policy.authorize(caller.principal, 'read', { kind: 'tip', id: 'unknown', jurisdiction: 'VN', assignees: [], fields: {} }, caller);
    throw new AccessDeniedError(404);
  }
  await policy.authorize(caller.principal, 'read', { ...found.resource, fields: {} }, caller);
  return {
    id,
    revision: found.events[found.events.length - 1]!.revision,
    history: found.events.map((e) => ({ type: e.type, at: e.metadata.occurredAt, recordedAt: e.metadata.recordedAt, actorId: e.metadata.actorId, role: e.metadata.role, revision: e.revision })),
  };
}

/** Documents a command: its headers and the problem answers it can give. */
export function TipCommandDocs(summary: string, onExistingTip = true) {
  const decorators = [
    ApiOperation({ summary }),
    ApiHeader({ name: 'Idempotency-Key', required: true, description: 'A unique key per intended command (8-128 characters; a UUID is fine). A retry with the same key returns the first result and appends nothing.' }),
    ApiBadRequestResponse({ description: 'problem+json naming the invalid or unknown fields; nothing is recorded' }),
    ApiForbiddenResponse({ description: 'Your role or jurisdiction does not allow this command' }),
    ApiUnprocessableEntityResponse({ description: 'problem+json with the code and the legal rule refused (e.g. tip.extension_beyond_maximum, CPC 2015 art. 147(2))' }),
    ApiConflictResponse({ description: 'Stale If-Match, or the tip’s status does not allow the command' }),
  ];
  if (onExistingTip) {
    decorators.push(
      ApiHeader({ name: 'If-Match', required: false, description: 'The tip revision last read (the ETag, e.g. "3"); a stale revision is a 409.' }),
      ApiNotFoundResponse({ description: 'No such tip' }),
    );
  }
  return applyDecorators(...decorators);
}
