import pg from 'pg';
import { createTestDatabase } from '../../../../test/support/database.js';
import type { CliContext } from '../command.js';
import { demoDataCommand } from './demo-data.js';

describe('demo-data against a real database (DATABASE_URL and MASTER_KEY, as npm start reads them)', () => {
  let url: string;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ url, drop } = await createTestDatabase());
  });
  afterAll(async () => {
    await drop();
  });

  function context(): CliContext & { out_: string[]; err_: string[] } {
    const out_: string[] = [];
    const err_: string[] = [];
    const env = { DATABASE_URL: url, MASTER_KEY: Buffer.alloc(32, 77).toString('base64'), LOG_LEVEL: 'error' };
    return { env, repoRoot: process.cwd(), out_, err_, out: (l) => out_.push(l), err: (l) => err_.push(l) };
  }

  it('writes the data set with a progress line, and a second run appends nothing', async () => {
    const first = context();
    expect(await demoDataCommand.run(['--events', '300', '--seed', 'cli'], first)).toBe(0);
    expect(first.out_[0]).toMatch(/^demo data, seed "cli": \d+ cases, [\d,]+ events in \d+s \([\d,]+ events\/s\)$/);
    const events = Number(/, ([\d,]+) events in/.exec(first.out_[0]!)![1]!.replace(/,/g, ''));
    expect(events).toBeGreaterThanOrEqual(300);
    expect(first.out_[1]).toMatch(
      new RegExp(`^appended ${events} events \\(\\d+ cases\\); already there from an earlier run: 0 events \\(0 cases\\)$`),
    );
    // Not a terminal: the bar is printed as lines, the last one complete.
    expect(first.err_[first.err_.length - 1]).toMatch(new RegExp(`^\\[#{30}\\] 100%  ${events}/${events} events`));

    const second = context();
    expect(await demoDataCommand.run(['--events', '300', '--seed', 'cli'], second)).toBe(0);
    expect(second.out_[1]).toMatch(new RegExp(`^appended 0 events \\(0 cases\\); already there from an earlier run: ${events} events`));

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const stored = await client.query<{ n: string }>("select count(*) as n from es_events where stream_id like '%-demo-%'");
      expect(Number(stored.rows[0]!.n)).toBe(events);
    } finally {
      await client.end();
    }
  });
});
