import { applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CaseRecords } from '../../../../libs/access/src/application/case-records.js';
import { AccessDeniedError, type PolicyPoint } from '../../../../libs/access/src/application/policy-point.js';
import type { ResourceKind } from '../../../../libs/access/src/domain/resources.js';
import type { CommandResult } from '../../../../libs/case-kernel/src/application/case-commands.js';
import type { Caller } from '../access/request-context.js';

/** Shapes shared by the request bodies. */
export const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const CASE_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const SUBJECT_ID = /^[A-Za-z0-9_.:-]{1,100}$/;

export interface HistoryEntry {
  type: string;
  at: string;
  recordedAt: string;
  actorId: string;
  role: string;
  revision: number;
}

/**
 * Event types, times and actors of a case, through the policy point (the read is recorded). A
 * missing case is answered as one the caller may not see, so probing ids reveals nothing.
 */
export async function readCaseHistory(
  records: CaseRecords,
  policy: PolicyPoint,
  kind: ResourceKind,
  id: string,
  caller: Caller,
): Promise<{ revision: number; history: HistoryEntry[] }> {
  const found = CASE_ID.test(id) ? await records.describe(kind, id) : null;
  if (!found) {
    await policy.authorize(caller.principal, 'read', { kind, id: 'unknown', jurisdiction: 'VN', assignees: [], fields: {} }, caller);
    throw new AccessDeniedError(404);
  }
  await policy.authorize(caller.principal, 'read', { ...found.resource, fields: {} }, caller);
  const history = found.events.map((e) => ({
    type: e.type,
    at: e.metadata.occurredAt,
    recordedAt: e.metadata.recordedAt,
    actorId: e.metadata.actorId,
    role: e.metadata.role,
    revision: e.revision,
  }));
  return { revision: found.events[found.events.length - 1]!.revision, history };
}

/** The body of every command's answer, with the case revision as the ETag. */
export function commandAnswer(result: CommandResult, response: Response) {
  response.setHeader('ETag', `"${result.revision}"`);
  return { id: result.caseId, revision: result.revision, events: result.events };
}

/** Documents the command headers: Idempotency-Key always, If-Match on commands to an existing case. */
export function ApiCommandHeaders(onExistingCase: boolean) {
  const headers = [
    ApiHeader({
      name: 'Idempotency-Key',
      required: true,
      description:
        'A unique key per intended command (8-128 characters; a UUID is fine). A retry with the same key, route and body returns the first result and appends nothing; the same key with another route or body is 422 idempotency_key.reused.',
    }),
  ];
  if (onExistingCase)
    headers.push(
      ApiHeader({
        name: 'If-Match',
        required: false,
        description: 'The case revision last read (the ETag, e.g. "3"); a stale revision is a 409.',
      }),
    );
  return applyDecorators(...headers);
}
