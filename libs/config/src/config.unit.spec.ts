import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { ConfigError, loadConfig, loggingConfig } from './config.js';

const defaults = { isRoot: false, cwd: '/srv/app' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, defaults);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('runs with nothing set: embedded PostgreSQL under .data, PostgreSQL event store, Kafka off', () => {
    expect(loadConfig({}, defaults)).toEqual({
      host: '127.0.0.1',
      port: 3000,
      metricsPort: 9464,
      databaseUrl: null,
      databasePoolSize: 10,
      eventStore: 'postgres',
      kurrentDbUrl: null,
      kafkaBrokers: null,
      dataDir: path.join('/srv/app', '.data'),
      embeddedPostgresPort: 54329,
      logLevel: 'info',
      logFormat: null,
      auth: {
        issuer: 'phong-chong-local',
        audience: 'phong-chong-api',
        maxTokenLifetimeSeconds: 12 * 3600,
        clockSkewSeconds: 60,
        keys: { kind: 'local-secret' },
      },
      breakGlassMinutes: 60,
      masterKey: null,
      statisticsKey: null,
      disclosure: {
        threshold: 5,
        roundToFive: false,
        mechanism: 'cell_key',
        dp: { epsilon: 0.5, yearlyBudget: 10 },
        perturbationSalt: null,
      },
      statisticsWarmUp: true,
      projections: 'inline',
      audit: { signingKeyPem: null, checkpointMinutes: null },
      oidc: null,
    });
  });

  it('reads the disclosure control of person figures: threshold, rounding to 5, perturbation salt', () => {
    expect(
      loadConfig(
        { STATISTICS_SUPPRESSION_THRESHOLD: '10', STATISTICS_ROUNDING: 'base5', STATISTICS_PERTURBATION_SALT: 'a-long-enough-secret' },
        defaults,
      ).disclosure,
    ).toEqual({
      threshold: 10,
      roundToFive: true,
      mechanism: 'cell_key',
      dp: { epsilon: 0.5, yearlyBudget: 10 },
      perturbationSalt: 'a-long-enough-secret',
    });
    expect(loadConfig({ STATISTICS_MECHANISM: 'none' }, defaults).disclosure.mechanism).toBe('none');
    expect(
      loadConfig({ STATISTICS_MECHANISM: 'dp', STATISTICS_DP_EPSILON: '0.5', STATISTICS_DP_YEARLY_BUDGET: '6' }, defaults).disclosure,
    ).toMatchObject({ mechanism: 'dp', dp: { epsilon: 0.5, yearlyBudget: 6 } });
    expect(problemsOf({ STATISTICS_DP_EPSILON: '0', STATISTICS_DP_YEARLY_BUDGET: 'lots' })).toEqual([
      expect.stringMatching(/^STATISTICS_DP_EPSILON: a number from 0.01 to 10/),
      expect.stringMatching(/^STATISTICS_DP_YEARLY_BUDGET: a number from 0.01 to 1000/),
    ]);
    const problems = problemsOf({
      STATISTICS_SUPPRESSION_THRESHOLD: '1',
      STATISTICS_ROUNDING: 'base10',
      STATISTICS_PERTURBATION_SALT: 'short-s3cret',
      STATISTICS_MECHANISM: 'laplace',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^STATISTICS_SUPPRESSION_THRESHOLD: an integer from 2 to 100/),
        expect.stringMatching(/^STATISTICS_ROUNDING: one of none, base5/),
        expect.stringMatching(/^STATISTICS_PERTURBATION_SALT: a secret of at least 16 characters/),
        expect.stringMatching(/^STATISTICS_MECHANISM: one of cell_key, dp, none/),
      ]),
    );
    expect(problems).toHaveLength(4);
    expect(loadConfig({ STATISTICS_WARM_UP: 'off' }, defaults).statisticsWarmUp).toBe(false);
    expect(problemsOf({ STATISTICS_WARM_UP: 'no' })).toEqual(['STATISTICS_WARM_UP: one of on, off (got "no")']);
    // The salt is a secret: a problem with it never repeats it.
    expect(problems.join()).not.toContain('short-s3cret');
  });

  it('reads the identity provider of the web console, and needs its token keys with it', () => {
    const jwks = { AUTH_JWKS_URL: 'https://idp.example.vn/jwks.json' };
    expect(
      loadConfig({ ...jwks, OIDC_ISSUER: 'https://idp.example.vn/realms/pcm/', OIDC_CLIENT_ID: 'pcm-console' }, defaults).oidc,
    ).toEqual({
      issuer: 'https://idp.example.vn/realms/pcm',
      clientId: 'pcm-console',
      scopes: 'openid profile',
    });
    expect(() => loadConfig({ ...jwks, OIDC_ISSUER: 'https://idp.example.vn' }, defaults)).toThrow(/OIDC_ISSUER, OIDC_CLIENT_ID: set both/);
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.example.vn', OIDC_CLIENT_ID: 'pcm-console' }, defaults)).toThrow(
      /also set AUTH_JWKS_URL/,
    );
    expect(() => loadConfig({ ...jwks, OIDC_ISSUER: 'ftp://idp', OIDC_CLIENT_ID: 'pcm console' }, defaults)).toThrow(
      /OIDC_ISSUER: the scheme[\s\S]*OIDC_CLIENT_ID: the client id/,
    );
  });

  it('reads the longest token lifetime and the clock skew allowed, and refuses values out of range', () => {
    expect(loadConfig({ AUTH_MAX_TOKEN_LIFETIME_HOURS: '1', AUTH_CLOCK_SKEW_SECONDS: '0' }, defaults).auth).toMatchObject({
      maxTokenLifetimeSeconds: 3600,
      clockSkewSeconds: 0,
    });
    const problems = problemsOf({ AUTH_MAX_TOKEN_LIFETIME_HOURS: '0', AUTH_CLOCK_SKEW_SECONDS: 'a minute' });
    expect(problems).toEqual([
      'AUTH_MAX_TOKEN_LIFETIME_HOURS: an integer from 1 to 168 (got "0")',
      'AUTH_CLOCK_SKEW_SECONDS: an integer from 0 to 300 (got "a minute")',
    ]);
    expect(problemsOf({ AUTH_MAX_TOKEN_LIFETIME_HOURS: '8760' })).toEqual([
      'AUTH_MAX_TOKEN_LIFETIME_HOURS: an integer from 1 to 168 (got "8760")',
    ]);
  });

  it('reads the metrics port (the process’s own default, or off), never equal to PORT', () => {
    expect(loadConfig({ METRICS_PORT: '9100' }, defaults).metricsPort).toBe(9100);
    expect(loadConfig({ METRICS_PORT: 'off' }, defaults).metricsPort).toBeNull();
    expect(loadConfig({}, defaults, { defaultMetricsPort: 9465 }).metricsPort).toBe(9465);
    expect(problemsOf({ METRICS_PORT: '0' })).toEqual(['METRICS_PORT: an integer from 1 to 65535, or off (got "0")']);
    expect(problemsOf({ METRICS_PORT: 'no' })).toEqual(['METRICS_PORT: an integer from 1 to 65535, or off (got "no")']);
    expect(problemsOf({ PORT: '9464' })).toEqual([expect.stringMatching(/^METRICS_PORT: must differ from PORT \(9464\)/)]);
    expect(loadConfig({ PORT: '9464', METRICS_PORT: 'off' }, defaults).port).toBe(9464);
  });

  it('as root keeps the embedded data where the postgres user can reach it', () => {
    expect(loadConfig({}, { isRoot: true, cwd: '/root/app' }).dataDir).not.toContain('/root/');
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        DATABASE_URL: 'postgres://u:p@db:5432/cases',
        MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
        EVENT_STORE: 'kurrentdb',
        KURRENTDB_URL: 'kurrentdb://node1:2113?tls=false',
        KAFKA_BROKERS: 'k1:9092, k2:9092',
        DATA_DIR: 'var/data',
        LOG_LEVEL: 'debug',
        LOG_FORMAT: 'pretty',
      },
      defaults,
    );
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://u:p@db:5432/cases',
      eventStore: 'kurrentdb',
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      dataDir: '/srv/app/var/data',
      logLevel: 'debug',
      logFormat: 'pretty',
    });
  });

  it('reads the logger settings leniently before the whole configuration (a bad value is the default there, and a problem of loadConfig)', () => {
    expect(loggingConfig({ LOG_LEVEL: 'warn', LOG_FORMAT: 'json', DATABASE_URL: 'postgres://db/x' })).toEqual({
      logLevel: 'warn',
      logFormat: 'json',
      databaseUrl: 'postgres://db/x',
    });
    expect(loggingConfig({ LOG_LEVEL: 'loud', LOG_FORMAT: 'xml' })).toEqual({ logLevel: 'info', logFormat: null, databaseUrl: null });
    expect(problemsOf({ LOG_FORMAT: 'xml' })).toEqual(['LOG_FORMAT: one of json, pretty (got "xml")']);
  });

  it('names every bad variable at once', () => {
    const problems = problemsOf({ PORT: 'abc', EVENT_STORE: 'mongo', LOG_LEVEL: 'loud', LOG_FORMAT: 'xml', KAFKA_BROKERS: 'nohost' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['EVENT_STORE', 'KAFKA_BROKERS', 'LOG_FORMAT', 'LOG_LEVEL', 'PORT']);
    expect(problems).toHaveLength(5);
  });

  it('requires KURRENTDB_URL with EVENT_STORE=kurrentdb', () => {
    expect(problemsOf({ EVENT_STORE: 'kurrentdb' })).toEqual([expect.stringMatching(/^KURRENTDB_URL: required/)]);
  });

  it('refuses a DATABASE_URL of another scheme without echoing its secret', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://root:s3cret@db/x', MASTER_KEY: Buffer.alloc(32).toString('base64') });
    expect(problems).toEqual([expect.stringMatching(/^DATABASE_URL: the scheme must be postgres:\/\//)]);
    expect(problems.join()).not.toContain('s3cret');
    expect(problemsOf({ DATABASE_URL: 'not a url s3cret', MASTER_KEY: Buffer.alloc(32).toString('base64') }).join()).not.toContain(
      's3cret',
    );
  });

  it('takes one source of token keys, and refuses a short secret or two sources', () => {
    const secret = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ AUTH_JWT_SECRET: secret }, defaults).auth.keys).toEqual({ kind: 'secret', secretBase64: secret });
    expect(loadConfig({ AUTH_JWKS_URL: 'https://idp.example/jwks.json' }, defaults).auth.keys).toEqual({
      kind: 'jwks',
      url: 'https://idp.example/jwks.json',
    });
    expect(problemsOf({ AUTH_JWT_SECRET: 'c2hvcnQ=' })).toEqual(['AUTH_JWT_SECRET: base64 of at least 32 random bytes']);
    expect(problemsOf({ AUTH_JWT_SECRET: secret, AUTH_JWKS_URL: 'https://idp.example/jwks.json' })).toEqual([
      'AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY, AUTH_JWKS_URL: set only one of them',
    ]);
  });

  it('requires a master key with an external database, and checks its size without echoing it', () => {
    expect(problemsOf({ DATABASE_URL: 'postgres://db/x' })).toEqual([expect.stringMatching(/^MASTER_KEY: required with DATABASE_URL/)]);
    const short = Buffer.alloc(16, 9).toString('base64');
    const problems = problemsOf({ MASTER_KEY: short });
    expect(problems).toEqual(['MASTER_KEY: the base64 of exactly 32 bytes']);
  });

  it('runs the projections in the API unless PROJECTIONS=off, and names any other value', () => {
    expect(loadConfig({ PROJECTIONS: 'off' }, defaults).projections).toBe('off');
    expect(loadConfig({ PROJECTIONS: 'inline' }, defaults).projections).toBe('inline');
    expect(problemsOf({ PROJECTIONS: 'false' })).toEqual(['PROJECTIONS: one of inline, off (got "false")']);
    expect(problemsOf({ PROJECTIONS: 'OFF' })).toEqual(['PROJECTIONS: one of inline, off (got "OFF")']);
  });

  it('takes a statistics key of at least 32 bytes, refuses a short or malformed one without echoing it', () => {
    const key = Buffer.alloc(48, 5).toString('base64');
    expect(loadConfig({ STATISTICS_KEY: key }, defaults).statisticsKey).toBe(key);
    expect(loadConfig({ STATISTICS_KEY: '  ' }, defaults).statisticsKey).toBeNull();
    const short = Buffer.alloc(31, 5).toString('base64');
    expect(problemsOf({ STATISTICS_KEY: short })).toEqual([
      expect.stringMatching(/^STATISTICS_KEY: the base64 of at least 32 random bytes/),
    ]);
    const malformed = `${Buffer.alloc(32, 5).toString('base64')}!!`;
    const problems = problemsOf({ STATISTICS_KEY: malformed });
    expect(problems).toEqual([expect.stringMatching(/^STATISTICS_KEY: /)]);
    expect(problems.join()).not.toContain(malformed);
    expect(problems.join()).not.toContain(short);
    // The relay neither needs nor receives the key material.
    expect(loadConfig({ STATISTICS_KEY: short }, defaults, { masterKey: 'unused' }).statisticsKey).toBeNull();
  });

  it('takes an Ed25519 checkpoint signing key (PEM, \\n escapes allowed) and a checkpoint interval', () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(loadConfig({ AUDIT_SIGNING_KEY: pem.replace(/\n/g, '\\n'), AUDIT_CHECKPOINT_MINUTES: '30' }, defaults).audit).toEqual({
      signingKeyPem: pem,
      checkpointMinutes: 30,
    });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(problemsOf({ AUDIT_SIGNING_KEY: rsa, AUDIT_CHECKPOINT_MINUTES: '0' })).toEqual([
      expect.stringMatching(/^AUDIT_SIGNING_KEY: a PEM Ed25519 private key/),
      'AUDIT_CHECKPOINT_MINUTES: an integer from 1 to 10080 (got "0")',
    ]);
  });

  it('refuses ports out of range', () => {
    expect(problemsOf({ PORT: '70000' })).toEqual(['PORT: an integer from 1 to 65535 (got "70000")']);
    expect(problemsOf({ EMBEDDED_PG_PORT: '0' })).toEqual(['EMBEDDED_PG_PORT: an integer from 1 to 65535 (got "0")']);
  });
});
