import { runCli } from '../cli.js';
import type { CliContext } from '../command.js';
import { accessLogFilter } from './access-log.js';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const context: CliContext = { env: {}, repoRoot: '/nonexistent-repo', out: (l) => out.push(l), err: (l) => err.push(l) };
  return { code: await runCli(argv, context), out: out.join('\n'), err: err.join('\n') };
}

const AUDITOR = ['--user', 'a1', '--role', 'auditor', '--scope', 'VN'];

describe('audit commands: arguments are checked before anything is opened (exit 2, saying what to fix)', () => {
  it.each([
    [['verify', '--role', 'auditor', '--scope', 'VN'], /--user/],
    [['verify', '--user', 'a1', '--role', 'root', '--scope', 'VN'], /--role root: one of/],
    [['verify', '--user', 'a1', '--role', 'auditor', '--scope', 'VN', '--purpose', 'Bad Purpose'], /--purpose/],
    [['verify', '--bogus'], /Unknown option '--bogus'/],
    [['checkpoint', 'destroy', ...AUDITOR], /unknown action "destroy"/],
    [['checkpoint', 'prove', 'only-one', ...AUDITOR], /prove takes 2 argument/],
    [['checkpoint', 'list', '--limit', '0', ...AUDITOR], /--limit/],
    [['checkpoint', 'verify', 'not-a-file-or-id', ...AUDITOR], /neither a checkpoint file nor a checkpoint id/],
    [['replay', ...AUDITOR], /give one stream id/],
    [['as-of', 'spaceship', 'x', '2026-01-01T00:00:00Z', ...AUDITOR], /kind spaceship: one of/],
    [['as-of', 'tip', 'x', '2026-01-01', ...AUDITOR], /time 2026-01-01: a date-time/],
    [['access-log', 'gossip', ...AUDITOR], /unknown query "gossip"/],
    [['access-log', 'viewers', 'tip', ...AUDITOR], /viewers takes 2 argument/],
    [['access-log', 'all', '--from', 'monday', ...AUDITOR], /--from monday/],
  ])('%j', async (argv, message) => {
    const run = await cli(...argv);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
  });

  it('prints each command’s help with the caller options and the exit codes', async () => {
    for (const command of ['verify', 'checkpoint', 'replay', 'as-of', 'access-log']) {
      const run = await cli(command, '--help');
      expect(run.code).toBe(0);
      expect(run.out).toContain('--token TOKEN');
      expect(run.out).toContain('3 the log or a checkpoint does not verify');
    }
  });

  it('maps access-log queries to the read model filter', () => {
    const base = { json: undefined, pending: undefined } as Parameters<typeof accessLogFilter>[2];
    expect(accessLogFilter('viewers', ['support_case', 'sc-1'], base)).toMatchObject({
      resourceKind: 'support_case',
      resourceId: 'sc-1',
      decision: undefined,
      limit: 100,
    });
    expect(accessLogFilter('denials', [], { ...base, actor: 'officer-2', limit: '20' })).toMatchObject({
      actorId: 'officer-2',
      decision: 'deny',
      limit: 20,
    });
    expect(accessLogFilter('break-glass', [], { ...base, pending: true, from: '2026-03-01T00:00:00+07:00' })).toMatchObject({
      type: 'access.break_glass_opened',
      pendingReviewOnly: true,
      from: '2026-02-28T17:00:00.000Z',
    });
  });
});
