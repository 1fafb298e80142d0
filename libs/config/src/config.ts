import { createPrivateKey } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Everything the processes read from the environment, validated once at boot. */
export interface AppConfig {
  host: string;
  port: number;
  /**
   * Port of the Prometheus /metrics listener, always bound to 127.0.0.1 (METRICS_PORT; the
   * process's default, e.g. 9464 for the API and 9465 for the projector); null: METRICS_PORT=off.
   */
  metricsPort: number | null;
  /** Absent: the all-in-one default starts an embedded PostgreSQL under dataDir. */
  databaseUrl: string | null;
  databasePoolSize: number;
  eventStore: 'postgres' | 'kurrentdb';
  kurrentDbUrl: string | null;
  /** Absent: integration events to Kafka are off. */
  kafkaBrokers: string[] | null;
  dataDir: string;
  embeddedPostgresPort: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug';
  /**
   * How log lines are written (LOG_FORMAT): `json` (one JSON object a line) or `pretty` (pino-pretty, a
   * devDependency: JSON when it is not installed); null, unset: pretty for the all-in-one default (no
   * DATABASE_URL) on a terminal, JSON everywhere else (libs/logging/src/logger.ts).
   */
  logFormat: 'json' | 'pretty' | null;
  auth: AuthConfig;
  breakGlassMinutes: number;
  /** Base64 of the 32-byte key that wraps every data subject's key; null only for the embedded default. */
  masterKey: string | null;
  /**
   * Base64 of the secret the statistics' person keys are made with (at least 32 bytes); null:
   * derived from MASTER_KEY (libs/indicators/src/statistics-key.ts). Null as well where masterKey is 'unused'.
   */
  statisticsKey: string | null;
  /** Disclosure control of person-based statistics (libs/statistics/src/domain/disclosure). */
  disclosure: DisclosureConfig;
  /** The API runs one country-wide indicator table in the background when it starts, so the first statistician does not wait for cold buffers. */
  statisticsWarmUp: boolean;
  /** The API runs the projections itself ('inline', the all-in-one default) or leaves them to a projector process ('off'). */
  projections: 'inline' | 'off';
  audit: AuditConfig;
  /** OpenID Connect sign-in of the web console (authorization code + PKCE); null: none configured. */
  oidc: OidcConfig | null;
}

/** How person counts are published: suppressed below the threshold; optionally rounded to 5 and perturbed (cell-key method). */
export interface DisclosureConfig {
  threshold: number;
  roundToFive: boolean;
  /**
   * How person counts are protected beyond suppression: `cell_key` (the default: perturbation by
   * the cell-key method with the published p-table) or `none` (exact counts: only for a test
   * installation; every answer says so).
   */
  mechanism: 'cell_key' | 'dp' | 'none';
  /** dp: the privacy loss (ε) of one release of an indicator and period, and the budget of ε per indicator and year. */
  dp: { epsilon: number; yearlyBudget: number };
  /**
   * The secret of the record keys (STATISTICS_PERTURBATION_SALT); null: derived from MASTER_KEY,
   * or generated into DATA_DIR for the all-in-one default (libs/indicators/src/cell-key-secret.ts).
   */
  perturbationSalt: string | null;
}

/** The identity provider the web console signs users in with; its tokens are verified with AUTH_JWKS_URL or AUTH_JWT_PUBLIC_KEY. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  scopes: string;
}

/** Signed checkpoints of the event log (libs/audit). */
export interface AuditConfig {
  /** PEM (PKCS#8) of the Ed25519 key that signs checkpoints; null: one generated once under dataDir (local use). */
  signingKeyPem: string | null;
  /** The API publishes a checkpoint every this many minutes; null: only on request. */
  checkpointMinutes: number | null;
}

/** Where bearer tokens are verified from. `local-secret`: none configured, a secret kept under dataDir (local use only). */
export interface AuthConfig {
  issuer: string;
  audience: string;
  /** A token whose `exp - iat` is longer is refused (AUTH_MAX_TOKEN_LIFETIME_HOURS, default 12 h). */
  maxTokenLifetimeSeconds: number;
  /** Allowed difference between the issuer's clock and ours for `iat`, `nbf` and `exp` (AUTH_CLOCK_SKEW_SECONDS, default 60). */
  clockSkewSeconds: number;
  keys:
    | { kind: 'secret'; secretBase64: string }
    | { kind: 'public_key'; pem: string; algorithm: string }
    | { kind: 'jwks'; url: string }
    | { kind: 'local-secret' };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration; fix these environment variables:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug'] as const;
const LOG_FORMATS = ['json', 'pretty'] as const;

/** What a process needs for its logger before the whole configuration is read (the projector's and the relay's main.ts). */
export type LoggingConfig = Pick<AppConfig, 'logLevel' | 'logFormat' | 'databaseUrl'>;

/**
 * LOG_LEVEL, LOG_FORMAT and whether DATABASE_URL is set, read leniently: a bad value gives the
 * default here, and loadConfig, which the process calls next, names it and stops the process.
 */
export function loggingConfig(env: Env): LoggingConfig {
  const value = (name: string) => env[name]?.trim() || null;
  const pick = <T extends string>(allowed: readonly T[], raw: string | null): T | null =>
    (allowed as readonly string[]).includes(raw ?? '') ? (raw as T) : null;
  return {
    logLevel: pick(LOG_LEVELS, value('LOG_LEVEL')) ?? 'info',
    logFormat: pick(LOG_FORMATS, value('LOG_FORMAT')),
    databaseUrl: value('DATABASE_URL'),
  };
}

/** PostgreSQL refuses to run as root; as root the embedded server runs as `postgres`, which must reach its data. */
export function defaultDataDir(isRoot: boolean, cwd: string): string {
  return isRoot ? path.join(tmpdir(), 'phong-chong-platform-data') : path.join(cwd, '.data');
}

/** `masterKey: 'unused'`: a process that never opens a personal field (the relay) neither needs nor receives MASTER_KEY. */
export interface LoadConfigOptions {
  masterKey?: 'required' | 'unused';
  /** The process's own METRICS_PORT default, so processes on one host do not collide (the API's: 9464). */
  defaultMetricsPort?: number;
}

/** Where the API serves /metrics unless METRICS_PORT says otherwise (the port of OpenTelemetry's Prometheus exporter). */
export const API_METRICS_PORT = 9464;

export function loadConfig(
  env: Env,
  defaults = { isRoot: process.getuid?.() === 0, cwd: process.cwd() },
  options: LoadConfigOptions = {},
): AppConfig {
  const problems: string[] = [];
  const text = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : null;
  };
  const integer = (name: string, fallback: number, min: number, max: number) => {
    const raw = text(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}: an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  // URLs may hold passwords: never echo them back.
  const url = (name: string, schemes: string[]) => {
    const raw = text(name);
    if (raw === null) return null;
    let scheme: string;
    try {
      scheme = new URL(raw).protocol.replace(/:$/, '');
    } catch {
      problems.push(`${name}: not a valid URL (expected ${schemes.map((s) => `${s}://`).join(' or ')})`);
      return null;
    }
    if (!schemes.includes(scheme)) problems.push(`${name}: the scheme must be ${schemes.map((s) => `${s}://`).join(' or ')}`);
    return raw;
  };
  const decimal = (name: string, fallback: number, min: number, max: number) => {
    const raw = text(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw) || value < min || value > max) {
      problems.push(`${name}: a number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = text(name);
    if (raw === null) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name}: one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  };

  const eventStore = oneOf('EVENT_STORE', ['postgres', 'kurrentdb'] as const, 'postgres');
  const kurrentDbUrl = url('KURRENTDB_URL', ['kurrentdb', 'kurrentdb+discover', 'esdb', 'esdb+discover', 'kdb', 'kdb+discover']);
  if (eventStore === 'kurrentdb' && kurrentDbUrl === null && text('KURRENTDB_URL') === null) {
    problems.push('KURRENTDB_URL: required when EVENT_STORE=kurrentdb (e.g. kurrentdb://localhost:2113?tls=false)');
  }
  const brokersRaw = text('KAFKA_BROKERS');
  let kafkaBrokers: string[] | null = null;
  if (brokersRaw !== null) {
    kafkaBrokers = brokersRaw.split(',').map((b) => b.trim());
    if (kafkaBrokers.some((b) => !/^[A-Za-z0-9.-]+:\d{1,5}$/.test(b))) {
      problems.push('KAFKA_BROKERS: a comma-separated list of host:port');
    }
  }
  const secret = text('AUTH_JWT_SECRET');
  const publicKey = text('AUTH_JWT_PUBLIC_KEY');
  const jwksUrl = url('AUTH_JWKS_URL', ['https', 'http']);
  const keySources = [secret, publicKey, text('AUTH_JWKS_URL')].filter((v) => v !== null).length;
  if (keySources > 1) problems.push('AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY, AUTH_JWKS_URL: set only one of them');
  if (secret !== null && Buffer.from(secret, 'base64').length < 32) problems.push('AUTH_JWT_SECRET: base64 of at least 32 random bytes');
  if (publicKey !== null && !publicKey.includes('BEGIN PUBLIC KEY'))
    problems.push('AUTH_JWT_PUBLIC_KEY: a PEM public key (-----BEGIN PUBLIC KEY-----)');
  const auth: AuthConfig = {
    issuer: text('AUTH_ISSUER') ?? 'phong-chong-local',
    audience: text('AUTH_AUDIENCE') ?? 'phong-chong-api',
    maxTokenLifetimeSeconds: integer('AUTH_MAX_TOKEN_LIFETIME_HOURS', 12, 1, 7 * 24) * 3600,
    clockSkewSeconds: integer('AUTH_CLOCK_SKEW_SECONDS', 60, 0, 300),
    keys: secret
      ? { kind: 'secret', secretBase64: secret }
      : publicKey
        ? {
            kind: 'public_key',
            pem: publicKey.replace(/\\n/g, '\n'),
            algorithm: oneOf('AUTH_JWT_ALGORITHM', ['RS256', 'PS256', 'ES256', 'EdDSA'] as const, 'RS256'),
          }
        : jwksUrl
          ? { kind: 'jwks', url: jwksUrl }
          : { kind: 'local-secret' },
  };
  const masterKey = options.masterKey === 'unused' ? null : text('MASTER_KEY');
  if (masterKey === null && text('DATABASE_URL') !== null && options.masterKey !== 'unused') {
    problems.push(
      'MASTER_KEY: required with DATABASE_URL (base64 of 32 random bytes, e.g. `openssl rand -base64 32`); kept away from the database and its backups',
    );
  }
  if (masterKey !== null && (Buffer.from(masterKey, 'base64').length !== 32 || !/^[A-Za-z0-9+/]+={0,2}$/.test(masterKey))) {
    problems.push('MASTER_KEY: the base64 of exactly 32 bytes');
  }
  const statisticsKey = options.masterKey === 'unused' ? null : text('STATISTICS_KEY');
  if (statisticsKey !== null && (Buffer.from(statisticsKey, 'base64').length < 32 || !/^[A-Za-z0-9+/]+={0,2}$/.test(statisticsKey))) {
    problems.push(
      'STATISTICS_KEY: the base64 of at least 32 random bytes (e.g. `openssl rand -base64 32`), or unset to derive it from MASTER_KEY',
    );
  }
  const perturbationSalt = text('STATISTICS_PERTURBATION_SALT');
  if (perturbationSalt !== null && perturbationSalt.length < 16)
    problems.push(
      'STATISTICS_PERTURBATION_SALT: a secret of at least 16 characters, kept stable (the same question must give the same figures), or unset to derive it from MASTER_KEY',
    );
  const disclosure: DisclosureConfig = {
    threshold: integer('STATISTICS_SUPPRESSION_THRESHOLD', 5, 2, 100),
    roundToFive: oneOf('STATISTICS_ROUNDING', ['none', 'base5'] as const, 'none') === 'base5',
    mechanism: oneOf('STATISTICS_MECHANISM', ['cell_key', 'dp', 'none'] as const, 'cell_key'),
    dp: { epsilon: decimal('STATISTICS_DP_EPSILON', 0.5, 0.01, 10), yearlyBudget: decimal('STATISTICS_DP_YEARLY_BUDGET', 10, 0.01, 1000) },
    perturbationSalt,
  };
  const signingKeyPem = text('AUDIT_SIGNING_KEY')?.replace(/\\n/g, '\n') ?? null;
  if (signingKeyPem !== null && !isEd25519PrivateKey(signingKeyPem)) {
    problems.push('AUDIT_SIGNING_KEY: a PEM Ed25519 private key (e.g. `openssl genpkey -algorithm ed25519`)');
  }
  const checkpointMinutes = text('AUDIT_CHECKPOINT_MINUTES') === null ? null : integer('AUDIT_CHECKPOINT_MINUTES', 60, 1, 7 * 24 * 60);
  const oidcIssuer = url('OIDC_ISSUER', ['https', 'http']);
  const oidcClientId = text('OIDC_CLIENT_ID');
  if ((text('OIDC_ISSUER') === null) !== (oidcClientId === null))
    problems.push('OIDC_ISSUER, OIDC_CLIENT_ID: set both for the web console to sign in with an identity provider, or neither');
  if (oidcClientId !== null && !/^[\x21-\x7e]{1,200}$/.test(oidcClientId))
    problems.push('OIDC_CLIENT_ID: the client id registered at the identity provider (printable characters, no spaces)');
  if (text('OIDC_ISSUER') !== null && auth.keys.kind !== 'jwks' && auth.keys.kind !== 'public_key') {
    problems.push("OIDC_ISSUER: also set AUTH_JWKS_URL (or AUTH_JWT_PUBLIC_KEY) so the API verifies the identity provider's tokens");
  }
  const oidc =
    oidcIssuer && oidcClientId
      ? { issuer: oidcIssuer.replace(/\/+$/, ''), clientId: oidcClientId, scopes: text('OIDC_SCOPES') ?? 'openid profile' }
      : null;
  const port = integer('PORT', 3000, 1, 65535);
  const metricsPort = metricsPortOf(text('METRICS_PORT'), options.defaultMetricsPort ?? API_METRICS_PORT, problems);
  if (metricsPort !== null && metricsPort === port)
    problems.push(
      `METRICS_PORT: must differ from PORT (${port}): /metrics has a listener of its own, on 127.0.0.1 (or set METRICS_PORT=off)`,
    );
  const config: AppConfig = {
    host: text('HOST') ?? '127.0.0.1',
    port,
    metricsPort,
    databaseUrl: url('DATABASE_URL', ['postgres', 'postgresql']),
    databasePoolSize: integer('DATABASE_POOL_SIZE', 10, 1, 500),
    eventStore,
    kurrentDbUrl,
    kafkaBrokers,
    dataDir: path.resolve(defaults.cwd, text('DATA_DIR') ?? defaultDataDir(defaults.isRoot, defaults.cwd)),
    embeddedPostgresPort: integer('EMBEDDED_PG_PORT', 54329, 1, 65535),
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    logFormat: text('LOG_FORMAT') === null ? null : oneOf('LOG_FORMAT', LOG_FORMATS, 'json'),
    auth,
    breakGlassMinutes: integer('BREAK_GLASS_MINUTES', 60, 1, 24 * 60),
    masterKey,
    statisticsKey,
    disclosure,
    statisticsWarmUp: oneOf('STATISTICS_WARM_UP', ['on', 'off'] as const, 'on') === 'on',
    projections: oneOf('PROJECTIONS', ['inline', 'off'] as const, 'inline'),
    audit: { signingKeyPem, checkpointMinutes },
    oidc,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** METRICS_PORT: a port (the listener is always on 127.0.0.1), or `off`. */
function metricsPortOf(raw: string | null, fallback: number, problems: string[]): number | null {
  if (raw === null) return fallback;
  if (raw.toLowerCase() === 'off') return null;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    problems.push(`METRICS_PORT: an integer from 1 to 65535, or off (got "${raw}")`);
    return fallback;
  }
  return value;
}

function isEd25519PrivateKey(pem: string): boolean {
  try {
    return createPrivateKey(pem).asymmetricKeyType === 'ed25519';
  } catch {
    return false;
  }
}
