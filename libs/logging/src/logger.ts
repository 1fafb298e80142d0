import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LoggingConfig } from '../../config/src/config.js';

/**
 * Keys whose values never reach a log line, at any depth of a logged object:
 * every field the contexts label `personal` or `sensitive` (libs/<context>/src/<context>-context.ts;
 * apps/api/src/http/log-redaction.unit.spec.ts checks the list against every case context of the API), the
 * objects that hold them in request bodies (reporter, serviceUser, members), bodies, and credentials.
 */
export const REDACTED_KEYS: readonly string[] = [
  // personal and sensitive fields of the case contexts
  'address',
  'allegation',
  'birthYear',
  'closureNote',
  'contact',
  'contactHint',
  'contactNote',
  'explanation',
  'followUpNote',
  'fullName',
  'healthNotes',
  'idNumber',
  'memberName',
  'name',
  'needs',
  'needsMentioned',
  'note',
  'ownerContact',
  'ownerName',
  'reopeningNote',
  'reporterContact',
  'reporterName',
  'screeningNote',
  'service',
  'serviceNote',
  'summary',
  'witness',
  // what holds them in commands and request bodies
  'reporter',
  'serviceUser',
  'members',
  'person',
  'phone',
  'email',
  'aliases',
  'body',
  // credentials
  'authorization',
  'cookie',
  'set-cookie',
  'token',
  'password',
  'secret',
  'masterKey',
];

export const CENSOR = '[redacted]';

const REDACTED = new Set(REDACTED_KEYS);
/** Nested objects are censored this deep (a log line's objects are shallow; a deeper value is censored whole). */
const MAX_DEPTH = 8;

/**
 * The paths given to pino's `redact`: each key at the top level of a line and of a child logger's
 * bindings, whatever the object. Every level of a line's plain objects and arrays is censored by
 * censorNested (pino's log formatter): pino's wildcard paths (`*.name`, `*.*.name`, …) would cost
 * about 30 µs a line for each level of our ~40 keys (123 µs for four levels, measured; the walk: 2 µs).
 */
export function redactionPaths(keys: readonly string[] = REDACTED_KEYS): string[] {
  return keys.map((key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`));
}

/**
 * The value with every key of REDACTED_KEYS inside it censored, at any depth, in plain objects and
 * arrays (errors, dates and buffers are left to pino's serializers). Copies only what it changes;
 * the logged object itself is never modified.
 */
export function censorNested<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return CENSOR as T;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, i) => {
      const censored = censorNested(item, depth + 1);
      if (censored !== item) (copy ??= [...value])[i] = censored;
    });
    return (copy ?? value) as T;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const censored = REDACTED.has(key) ? CENSOR : censorNested(item, depth + 1);
    if (censored !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = censored;
  }
  return (copy ?? value) as T;
}

/** pino-pretty's formatter of one JSON line. */
export type Prettifier = (line: string) => string;
type PrettyFactory = (options: Record<string, unknown>) => Prettifier;

/** pino-pretty's prettyFactory, if it is installed: a devDependency, absent from a production install. */
export function loadPinoPretty(): PrettyFactory | null {
  try {
    return (createRequire(import.meta.url)('pino-pretty') as { prettyFactory: PrettyFactory }).prettyFactory;
  } catch {
    return null;
  }
}

export interface LoggerOptions {
  /** Which process writes (`api`, `projector`, `relay`): the `app` field of every line. */
  app: string;
  /** Default: stdout. Tests pass a stream of their own. */
  destination?: DestinationStream;
  /** Default: whether stdout is a terminal. */
  isTty?: boolean;
  /** Default: loadPinoPretty. */
  loadPretty?: () => PrettyFactory | null;
}

let stdoutStream: DestinationStream | undefined;
/** One synchronous stream on stdout for every logger of the process (a line is out before process.exit). */
function stdout(): DestinationStream {
  return (stdoutStream ??= pino.destination({ dest: 1, sync: true }));
}

/**
 * LOG_FORMAT, or when it is unset: pretty for the all-in-one default (no DATABASE_URL) on a
 * terminal, where a person reads the lines; JSON everywhere else (a container, a pipe, a file),
 * where a collector parses them.
 */
export function logFormat(config: Pick<LoggingConfig, 'logFormat' | 'databaseUrl'>, isTty: boolean): 'json' | 'pretty' {
  return config.logFormat ?? (config.databaseUrl === null && isTty ? 'pretty' : 'json');
}

/**
 * The process's pino logger: LOG_LEVEL, JSON lines (or pino-pretty, see logFormat) with an ISO
 * time and the level's name, and every key of REDACTED_KEYS censored before the line is written
 * (pino's redact paths at the top level, censorNested below it).
 */
export function createLogger(config: LoggingConfig, options: LoggerOptions): Logger {
  const isTty = options.isTty ?? process.stdout.isTTY === true;
  const format = logFormat(config, isTty);
  const pretty = format === 'pretty' ? (options.loadPretty ?? loadPinoPretty)() : null;
  const target = options.destination ?? stdout();
  // pino-pretty's own stream is asynchronous (a transform): formatting each line here keeps the
  // line out before a process.exit that follows it (a bad setting, a failed start).
  const prettify = pretty?.({ colorize: isTty, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,app' });
  const destination: DestinationStream = prettify ? { write: (line) => target.write(prettify(line)) } : target;
  const logger = pino(
    {
      level: config.logLevel,
      base: { app: options.app, pid: process.pid, hostname: hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: (object) => censorNested(object) },
      redact: { paths: redactionPaths(), censor: CENSOR },
    },
    destination,
  );
  if (format === 'pretty' && !pretty)
    logger.warn('LOG_FORMAT=pretty: pino-pretty is not installed (a devDependency), so the lines are JSON');
  return logger;
}
