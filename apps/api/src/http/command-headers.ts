import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

export interface CommandHeaders {
  /** From If-Match ("3", W/"3" or 3): the case revision the client last saw. */
  expectedRevision: number | null;
  /** From Idempotency-Key: required on every command. */
  idempotencyKey: string;
}

const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/** Whether a header value is a well-formed Idempotency-Key (anything else is a 400 from CommandHeaders). */
export function isIdempotencyKey(value: string | undefined): value is string {
  return value !== undefined && KEY.test(value);
}

/** Set on every route handler that takes CommandHeaders: the IdempotencyKeyInterceptor binds its key. */
export const READS_IDEMPOTENCY_KEY = Symbol('reads Idempotency-Key');

function markReadsIdempotencyKey(target: object, key: string | symbol | undefined): void {
  if (key === undefined) return;
  const handler = (target as Record<string | symbol, unknown>)[key];
  if (typeof handler === 'function') Reflect.defineMetadata(READS_IDEMPOTENCY_KEY, true, handler);
}

export function parseIfMatch(header: string | undefined): number | null | 'invalid' {
  if (header === undefined || header.trim() === '' || header.trim() === '*') return null;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(header.trim());
  return match ? Number(match[1]) : 'invalid';
}

/**
 * Reads and checks the command headers; a bad one is a 400 naming it. Marks the route, so that its
 * Idempotency-Key is bound to the route and body of its first request (IdempotencyKeyInterceptor).
 */
export const CommandHeaders = createParamDecorator(
  (_: unknown, context: ExecutionContext): CommandHeaders => {
    const request = context.switchToHttp().getRequest<Request>();
    const problems: string[] = [];
    const idempotencyKey = request.header('idempotency-key') ?? '';
    if (!isIdempotencyKey(idempotencyKey))
      problems.push('Idempotency-Key: required, 8-128 characters of letters, digits, "_", ".", ":" or "-" (a UUID is fine)');
    const expectedRevision = parseIfMatch(request.header('if-match'));
    if (expectedRevision === 'invalid') problems.push('If-Match: the case revision, e.g. "3" (from the ETag of the last read)');
    if (problems.length > 0) throw new BadRequestException(problems);
    return { expectedRevision: expectedRevision as number | null, idempotencyKey };
  },
  [markReadsIdempotencyKey],
);
