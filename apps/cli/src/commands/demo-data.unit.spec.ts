import { runCli } from '../cli.js';
import type { CliContext } from '../command.js';
import { parseDemoDataArguments } from './demo-data.js';

function io(env: Record<string, string> = {}): CliContext & { out_: string[]; err_: string[] } {
  const out_: string[] = [];
  const err_: string[] = [];
  return { env, repoRoot: '/repo', out_, err_, out: (l) => out_.push(l), err: (l) => err_.push(l) };
}

describe('demo-data arguments', () => {
  it.each([
    [['--events', 'many'], '--events: a whole number from 1 to 1,000,000 (got "many")'],
    [['--events', '0'], '--events: a whole number from 1 to 1,000,000 (got "0")'],
    [['--events', '1000001'], '--events: a whole number from 1 to 1,000,000 (got "1000001")'],
    [['--events', '2.5'], '--events: a whole number from 1 to 1,000,000 (got "2.5")'],
    [['--events=-5'], '--events: a whole number from 1 to 1,000,000 (got "-5")'],
    [['--concurrency', '0'], '--concurrency: a whole number from 1 to 64 (got "0")'],
    [['--seed', 'a seed with spaces'], '--seed: 1-64 letters, digits, "_", "." or "-" (got "a seed with spaces")'],
  ])('%j exits 2 and says what to fix, before touching any database', async (args, message) => {
    const context = io({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', MASTER_KEY: Buffer.alloc(32, 1).toString('base64') });
    expect(await runCli(['demo-data', ...args], context)).toBe(2);
    expect(context.err_).toHaveLength(1);
    expect(context.err_[0]).toBe(`demo-data: ${message}\nRun "node dist/apps/cli/src/main.js demo-data --help" for its arguments.`);
    expect(context.out_).toEqual([]);
  });

  it('an unknown option or a stray argument exits 2 naming it', async () => {
    const unknown = io();
    expect(await runCli(['demo-data', '--size', '10'], unknown)).toBe(2);
    expect(unknown.err_[0]).toMatch(/^demo-data: Unknown option '--size'/);
    const stray = io();
    expect(await runCli(['demo-data', '500'], stray)).toBe(2);
    expect(stray.err_[0]).toMatch(/^demo-data: .*'500'/);
  });

  it('without DATABASE_URL but with a bad setting, exits 2 naming the variable', async () => {
    const context = io({ DATABASE_URL: 'postgres://x@127.0.0.1:1/db' });
    expect(await runCli(['demo-data', '--events', '10'], context)).toBe(2);
    expect(context.err_[0]).toContain('MASTER_KEY: required with DATABASE_URL');
  });

  it('defaults, thousands separators, and --help', async () => {
    expect(parseDemoDataArguments([])).toEqual({ events: 5000, seed: 'demo', concurrency: 16, help: false });
    expect(parseDemoDataArguments(['--events', '1,000,000', '--seed', 'big-1', '--concurrency', '16'])).toEqual({
      events: 1_000_000,
      seed: 'big-1',
      concurrency: 16,
      help: false,
    });
    const help = io();
    expect(await runCli(['demo-data', '--help'], help)).toBe(0);
    expect(help.out_[0]).toMatch(/^Usage: demo-data \[--events N\] \[--seed TEXT\]/);
  });
});
