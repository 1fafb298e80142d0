import { failureCode, isConnectionLoss } from '../../../../libs/database/src/pool.js';

/** Seconds a client is told to wait (Retry-After) when the database cannot be reached. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * SQLSTATEs and socket codes that mean the database cannot serve anyone right now, rather than
 * that this statement was refused: class 08 (connection exception), 57P01-57P03 (the server
 * shutting down, crashed, or starting), 53300 (too many connections), and the socket errors of
 * a server that is down, unreachable or not resolvable.
 */
const UNAVAILABLE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/**
 * The messages of node-postgres (pg, pg-pool) for a connection that was lost, could not be made
 * in time, or belongs to a pool that is closing. They carry no code, and no data of the request.
 */
const PG_CONNECTION_MESSAGES = [
  /^Connection terminated\b/,
  /^timeout exceeded when trying to connect$/,
  /^timeout expired$/,
  /^Query read timeout$/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^Cannot use a pool after calling end on the pool$/,
];

/** KurrentDB client errors (`error.type`) of a cluster that cannot be reached or has no leader. */
const KURRENTDB_UNAVAILABLE_TYPES = new Set(['unavailable', 'deadline-exceeded', 'not-leader']);

/**
 * Whether an error means the database (read models, event store, key store) cannot be reached:
 * the request may be sent again once it is back, so the answer is 503 with Retry-After, never 500.
 * Looks through `cause` and the errors of an AggregateError (a connection tried on several
 * addresses, or a store that wraps the driver's error). Never reads anything but codes and the
 * driver's own fixed messages.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (current === null || typeof current !== 'object' || seen.has(current) || seen.size > 20) continue;
    seen.add(current);
    if (isConnectionLoss(current)) return true;
    const { code, message, type, cause, errors } = current as {
      code?: unknown;
      message?: unknown;
      type?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (typeof code === 'string' && (/^08/.test(code) || UNAVAILABLE_CODES.has(code))) return true;
    if (typeof code !== 'string' && typeof message === 'string' && PG_CONNECTION_MESSAGES.some((pattern) => pattern.test(message)))
      return true;
    if (current instanceof Error && typeof type === 'string' && KURRENTDB_UNAVAILABLE_TYPES.has(type)) return true;
    if (cause !== undefined) pending.push(cause);
    if (Array.isArray(errors)) pending.push(...errors.slice(0, 10));
  }
  return false;
}

/** The code to log for an unavailable database: the first SQLSTATE or socket code found, never a message. */
export function unavailableCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const code = failureCode(current);
    if (code !== 'no code') return code;
    const next = (current as { cause?: unknown; errors?: unknown[] }).cause ?? (current as { errors?: unknown[] }).errors?.[0];
    current = next;
  }
  return 'no code';
}
