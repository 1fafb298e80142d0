import pg from 'pg';
import { createTestDatabase } from '../../../test/support/database.js';
import { NotificationListener } from './notification-listener.js';
import { openPool } from './pool.js';
import { eventually, sessionsOf, terminateIdleSessions } from './testing/sessions.js';

// A server restart, a failover or a network cut ends sessions under a running process. Without an
// 'error' listener, pg's pool would re-emit the first such failure on itself and end this very
// test process: each test reaching its assertions is the first proof that it did not.
describe('lost database connections', () => {
  let url: string;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ url, drop } = await createTestDatabase());
  });
  afterAll(() => drop());

  it('a pool logs one code-only line per idle connection lost and opens new ones for the next queries', async () => {
    const lines: string[] = [];
    const pool = openPool({ connectionString: url, max: 3, applicationName: 'pcm-test-pool', log: (line) => lines.push(line) });
    try {
      // Three connections used at once, then idle in the pool.
      await Promise.all([1, 2, 3].map(() => pool.query('select pg_sleep(0.05)')));
      expect(pool.idleCount).toBe(3);

      expect(await terminateIdleSessions(url, ['pcm-test-pool'])).toBe(3);
      expect(await eventually(() => lines.length === 3)).toBe(true);
      expect(lines).toEqual(Array(3).fill('pcm-test-pool: idle client lost (57P01); the pool opens a new connection when needed'));
      // The server's message is never repeated (it may quote data in other failures).
      expect(lines.join('\n')).not.toMatch(/terminat|administrator/i);
      expect(pool.totalCount).toBe(0);

      const { rows } = await pool.query<{ name: string }>("select current_setting('application_name') as name");
      expect(rows[0]!.name).toBe('pcm-test-pool');
      expect((await sessionsOf(url, 'pcm-test-pool')).length).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it('a connection lost while checked out fails its holder’s next query, not the process; the pool carries on', async () => {
    const pool = openPool({ connectionString: url, max: 1, applicationName: 'pcm-test-held', log: () => undefined });
    try {
      const client = await pool.connect();
      await client.query('select 1');
      expect(await terminateIdleSessions(url, ['pcm-test-held'])).toBe(1);
      await expect(client.query('select 1')).rejects.toThrow();
      client.release(true);
      // The only slot of the pool was freed and a new connection answers.
      expect((await pool.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });

  it('a LISTEN connection lost is re-established, and notifications arrive again', async () => {
    const lines: string[] = [];
    const states: boolean[] = [];
    const payloads: Array<string | undefined> = [];
    const pool = openPool({ connectionString: url, max: 2, applicationName: 'pcm-test-listen', log: (line) => lines.push(line) });
    const listener = new NotificationListener(pool, 'pcm_test_channel', {
      component: 'test listener',
      log: (line) => lines.push(line),
      retryMs: 50,
      onNotification: (payload) => payloads.push(payload),
      onListening: (listening) => states.push(listening),
    });
    const notify = async (payload: string) => {
      const sender = new pg.Client({ connectionString: url });
      await sender.connect();
      await sender.query("select pg_notify('pcm_test_channel', $1)", [payload]);
      await sender.end();
    };
    try {
      expect(await listener.start()).toBe(true);
      await notify('before');
      expect(await eventually(() => payloads.includes('before'))).toBe(true);

      expect(await terminateIdleSessions(url, ['pcm-test-listen'])).toBe(1);
      expect(await eventually(() => states.length === 3)).toBe(true);
      expect(states).toEqual([true, false, true]);
      expect(listener.listening).toBe(true);
      expect(lines).toEqual(['test listener: notification connection lost (57P01); listening again in the background']);
      const sessions = await sessionsOf(url, 'pcm-test-listen');
      expect(sessions.map((s) => s.query)).toEqual(['listen pcm_test_channel']);

      await notify('after');
      expect(await eventually(() => payloads.includes('after'))).toBe(true);
    } finally {
      await listener.close();
      await pool.end();
    }
    expect(listener.listening).toBe(false);
  });

  it('a listener that cannot connect keeps trying, and stops trying once closed', async () => {
    const unreachable = url.replace(/\/[^/]+$/, '/pcm_no_such_database');
    const pool = openPool({ connectionString: unreachable, max: 1, applicationName: 'pcm-test-unreachable', log: () => undefined });
    let attempts = 0;
    const connect = pool.connect.bind(pool);
    (pool as unknown as { connect: () => Promise<pg.PoolClient> }).connect = () => {
      attempts += 1;
      return connect();
    };
    const listener = new NotificationListener(pool, 'pcm_test_channel', {
      component: 'test',
      retryMs: 20,
      onNotification: () => undefined,
    });
    try {
      expect(await listener.start()).toBe(false);
      expect(await eventually(() => attempts >= 3)).toBe(true);
    } finally {
      await listener.close();
    }
    const after = attempts;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(attempts).toBe(after);
    await pool.end();
  });
});
