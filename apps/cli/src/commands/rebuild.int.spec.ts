import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PostgresEventStore } from '../../../../libs/event-store/src/postgres/postgres-event-store.js';
import { newEvent } from '../../../../libs/event-store/src/testing/contract.js';
import { hmacPersonKey, statisticsKey } from '../../../../libs/indicators/src/statistics-key.js';
import { createTestDatabase } from '../../../../test/support/database.js';
import { runCli } from '../cli.js';

const MASTER_KEY = Buffer.alloc(32, 44).toString('base64');
const STATISTICS_KEY = Buffer.alloc(40, 45).toString('base64');
const STREAM = 'penalty_case-rebuild-key-test';

describe('CLI rebuild: the statistics key comes from the configuration it was given', () => {
  let url: string;
  let drop: () => Promise<void>;
  let dir: string;
  beforeAll(async () => {
    ({ url, drop } = await createTestDatabase());
    dir = await mkdtemp(path.join(tmpdir(), 'rebuild-key-'));
    const store = await PostgresEventStore.connect(url, 2);
    await store.append(STREAM, [newEvent('penalty.person_recorded', { subjectId: 'person-42' })], 'no_stream');
    await store.close();
  });
  afterAll(async () => {
    await drop();
    await rm(dir, { recursive: true, force: true });
  });

  async function rebuildWith(env: Record<string, string>): Promise<string[]> {
    const err: string[] = [];
    const code = await runCli(['rebuild', 'indicator_facts'], {
      env: { DATABASE_URL: url, DATA_DIR: dir, LOG_LEVEL: 'error', ...env },
      repoRoot: process.cwd(),
      out: () => undefined,
      err: (l) => err.push(l),
    });
    expect(code).toBe(0);
    expect(err.filter((line) => !line.startsWith('Jurisdictions: loaded the built-in demo set'))).toEqual([]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ people: string[] }>(
        "select state->'people' as people from rm_indicator_facts.case_states where stream = $1",
        [STREAM],
      );
      return rows[0]!.people;
    } finally {
      await client.end();
    }
  }

  it('uses STATISTICS_KEY when set, otherwise the key derived from MASTER_KEY', async () => {
    const withKey = await rebuildWith({ MASTER_KEY, STATISTICS_KEY });
    expect(withKey).toEqual([hmacPersonKey(Buffer.from(STATISTICS_KEY, 'base64'))('penalty', 'person-42')]);

    const derived = await rebuildWith({ MASTER_KEY });
    expect(derived).toEqual([hmacPersonKey(statisticsKey({ statisticsKey: null, masterKey: MASTER_KEY }))('penalty', 'person-42')]);
    expect(derived).not.toEqual(withKey);
    expect(derived[0]).not.toContain('person-42');
  }, 60_000);

  it('refuses a short STATISTICS_KEY as bad usage, naming the variable', async () => {
    const err: string[] = [];
    const code = await runCli(['rebuild', 'indicator_facts'], {
      env: { DATABASE_URL: url, DATA_DIR: dir, MASTER_KEY, STATISTICS_KEY: Buffer.alloc(16, 1).toString('base64') },
      repoRoot: process.cwd(),
      out: () => undefined,
      err: (l) => err.push(l),
    });
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/STATISTICS_KEY: the base64 of at least 32 random bytes/);
  });
});
