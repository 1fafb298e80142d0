import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../libs/config/src/config.js';
import { freePort } from '../../../libs/database/src/free-port.js';
import { createTestDatabase } from '../../../test/support/database.js';
import { TEST_AUTH_SECRET, TEST_MASTER_KEY } from '../../../test/support/api.js';
import { DEMO_DATA_COMMAND, runApi, startupLines } from '../src/run-api.js';

function capture() {
  const io = { outLines: [] as string[], errLines: [] as string[], code: null as number | null };
  return {
    io,
    sink: {
      out: (line: string) => io.outLines.push(line),
      err: (line: string) => io.errLines.push(line),
      exit: (code: number) => {
        io.code = code;
      },
    },
  };
}

describe('starting the API', () => {
  it('stops with exit code 2 and names every bad variable, starting nothing', async () => {
    const { io, sink } = capture();
    await runApi({ PORT: 'eighty', EVENT_STORE: 'mongo', DATABASE_URL: 'mysql://root:hunter2@db/x' }, sink);
    expect(io.code).toBe(2);
    const message = io.errLines.join('\n');
    expect(message).toMatch(/PORT: an integer/);
    expect(message).toMatch(/EVENT_STORE: one of postgres, kurrentdb/);
    expect(message).toMatch(/DATABASE_URL: the scheme must be/);
    expect(message).not.toContain('hunter2');
    expect(io.outLines).toEqual([]);
  });

  it('exits 1 with a clear message when the configured database cannot be reached', async () => {
    const { io, sink } = capture();
    await runApi(
      {
        DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/none',
        MASTER_KEY: Buffer.alloc(32, 3).toString('base64'),
        PORT: '39999',
        LOG_LEVEL: 'fatal',
      },
      sink,
    );
    expect(io.code).toBe(1);
    expect(io.errLines.join('\n')).toMatch(/^Start-up failed: /);
    expect(io.errLines.join('\n')).not.toContain('secret');
  });

  it('once it listens, prints where the console is and how to sign in, and both answer', async () => {
    const database = await createTestDatabase();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'pcm-run-api-'));
    const { io, sink } = capture();
    const env = {
      DATABASE_URL: database.url,
      MASTER_KEY: TEST_MASTER_KEY,
      AUTH_JWT_SECRET: TEST_AUTH_SECRET,
      PORT: String(await freePort()),
      METRICS_PORT: 'off',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'fatal',
      STATISTICS_WARM_UP: 'off',
    };
    const running = await runApi(env, sink);
    try {
      expect(io.errLines).toEqual([]);
      expect(running).not.toBeNull();
      const url = `http://127.0.0.1:${env.PORT}`;
      // Before these, what starting the storage said (the jurisdictions loaded).
      const listening = io.outLines.findIndex((line) => line.startsWith('API listening on'));
      expect(io.outLines.slice(listening)).toEqual([
        `API listening on ${url} (health: ${url}/health)`,
        'Metrics: off (METRICS_PORT=off)',
        `Web console: ${url}/`,
        'Demo sign-in (POST /auth/demo-token): off, a token key is configured (AUTH_JWT_SECRET): the console asks for a bearer token',
        'Sign in: paste a bearer token into the console, e.g. from `npm run -s token -- --user officer-1 --role police_officer --scope 01`',
        'Get a bearer token for a role and jurisdiction with, for example:',
        `  curl -H "Authorization: Bearer $(npm run -s token -- --user officer-1 --role police_officer --scope 01)" ${url}/me`,
      ]);
      // Not on a configured database: demo cases could never be taken out of its append-only log.
      expect(io.outLines.join('\n')).not.toContain('demo-data');
      const consolePage = await fetch(`${url}/`);
      expect(consolePage.status).toBe(200);
      expect(consolePage.headers.get('content-type')).toMatch(/^text\/html/);
      expect((await fetch(`${url}/health`)).status).toBe(200);
    } finally {
      await running?.stop('test over');
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
    expect(io.outLines.at(-1)).toBe('test over: shutting down');
    expect(io.code).toBe(0);
  });
});

describe('the start-up lines in each sign-in configuration', () => {
  const url = 'http://127.0.0.1:3000';
  const lines = (env: Record<string, string>, embeddedDatabase = env.DATABASE_URL === undefined) =>
    startupLines(loadConfig(env, { isRoot: false, cwd: '/srv/app' }), { url, embeddedDatabase });

  it('the all-in-one default: the console, the demo sign-in, a token for curl, and how to load demo data', () => {
    expect(lines({})).toEqual([
      `API listening on ${url} (health: ${url}/health)`,
      `Metrics: http://127.0.0.1:9464/metrics (this machine only; not on ${url})`,
      `Web console: ${url}/`,
      'Demo sign-in (POST /auth/demo-token): on, the all-in-one default, listening on 127.0.0.1 only; anyone who reaches the console may sign in as any role: never for real data',
      'Sign in: on the console, choose a demo user, a role and a province or commune (no password)',
      'Get a bearer token for a role and jurisdiction with, for example:',
      `  curl -H "Authorization: Bearer $(npm run -s token -- --user officer-1 --role police_officer --scope 01)" ${url}/me`,
      'Demo data: `npm run cli -- demo-data --events 20000` in another terminal while this runs (made-up cases in every built-in commune; run again, it appends nothing)',
    ]);
  });

  it('names a demo-data command the CLI accepts', async () => {
    const { parseDemoDataArguments } = await import('../../cli/src/commands/demo-data.js');
    const [npm, run, cli, dashes, command, ...args] = DEMO_DATA_COMMAND.split(' ');
    expect([npm, run, cli, dashes, command]).toEqual(['npm', 'run', 'cli', '--', 'demo-data']);
    expect(parseDemoDataArguments(args)).toMatchObject({ events: 20000, help: false });
  });

  it('with an identity provider: sign in there, no local token, no demo data', () => {
    const oidc = lines({
      AUTH_JWKS_URL: 'https://idp.example.vn/jwks',
      OIDC_ISSUER: 'https://idp.example.vn/realms/pcm',
      OIDC_CLIENT_ID: 'pcm-console',
      DATABASE_URL: 'postgres://u:p@db/cases',
      MASTER_KEY: TEST_MASTER_KEY,
    });
    expect(oidc).toContain(
      'Sign in: the console sends you to the identity provider https://idp.example.vn/realms/pcm (client pcm-console)',
    );
    expect(oidc.join('\n')).not.toMatch(/npm run -s token|demo-data/);
  });

  it("with the identity provider's keys but no console client: a token from that provider", () => {
    expect(lines({ AUTH_JWKS_URL: 'https://idp.example.vn/jwks' }, false)).toContain(
      'Sign in: paste a bearer token into the console, issued by the identity provider whose keys AUTH_JWKS_URL gives',
    );
  });

  it('listening beyond this machine: no demo sign-in, a locally signed token instead', () => {
    const open = lines({ HOST: '0.0.0.0' });
    expect(open).toContain(
      'Sign in: paste a bearer token into the console, e.g. from `npm run -s token -- --user officer-1 --role police_officer --scope 01`',
    );
  });
});
