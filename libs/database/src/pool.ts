import pg from 'pg';

export type LogLine = (line: string) => void;

/** Where a component logs a lost connection when its caller gives no logger. */
export const stderrLine: LogLine = (line) => void process.stderr.write(`${line}\n`);

/**
 * The code of a connection failure: the SQLSTATE (57P01 for a terminated backend) or the socket's
 * code (ECONNRESET). Never the message: a server message may quote data.
 */
export function failureCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(code) ? code : 'no code';
}

/**
 * Whether an error means the connection was lost rather than the statement refused: SQLSTATE class
 * 08 (connection exception), 57P01-57P03 (the server shutting down or starting), a socket error, or
 * pg's own "Connection terminated" (which has no code). Such a statement may be tried again.
 */
export function isConnectionLoss(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string')
    return /^08/.test(code) || ['57P01', '57P02', '57P03', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT'].includes(code);
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && /^Connection terminated/.test(message);
}

/**
 * pg.Pool emits 'error' when an idle connection dies (server restart, network cut, a terminated
 * backend), and a Node process ends on an 'error' event nobody listens to. This logs one line,
 * with the error's code only; the pool has already dropped the connection and opens a new one
 * for the next query. A connection that dies while checked out fails its holder's next query
 * instead (and is dropped when released), so it is only kept from crashing the process here.
 */
export function keepPoolAlive(pool: pg.Pool, component: string, log: LogLine = stderrLine): pg.Pool {
  pool.on('error', (error) => log(`${component}: idle client lost (${failureCode(error)}); the pool opens a new connection when needed`));
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

export interface OpenPoolOptions {
  connectionString: string;
  max: number;
  /** Shown in pg_stat_activity.application_name, so an operator (or a test) can tell the component's sessions apart. */
  applicationName: string;
  log?: LogLine;
}

/** A long-lived pool of a component: named in pg_stat_activity and kept alive through lost connections. */
export function openPool(options: OpenPoolOptions): pg.Pool {
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.max, application_name: options.applicationName });
  return keepPoolAlive(pool, options.applicationName, options.log);
}
