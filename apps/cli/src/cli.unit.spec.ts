import { runCli } from './cli.js';
import { UsageError, type CliContext, type Command } from './command.js';
import { COMMANDS } from './commands/index.js';

function io(): CliContext & { out_: string[]; err_: string[] } {
  const out_: string[] = [];
  const err_: string[] = [];
  return { env: {}, repoRoot: '/repo', out_, err_, out: (l) => out_.push(l), err: (l) => err_.push(l) };
}

const echo: Command = {
  name: 'echo',
  summary: 'prints its arguments',
  run: async (args, context) => {
    if (args[0] === '--bad') throw new UsageError('--bad is not allowed');
    if (args[0] === '--crash') throw new Error('disk on fire');
    context.out(args.join(' '));
    return 0;
  },
};

describe('CLI dispatcher', () => {
  it('--help lists every registered command with its summary', async () => {
    const context = io();
    expect(await runCli(['--help'], context)).toBe(0);
    const help = context.out_.join('\n');
    expect(help).toContain('Usage: node dist/apps/cli/src/main.js <command> [arguments]');
    for (const command of COMMANDS) expect(help.split('\n')).toContainEqual(expect.stringMatching(new RegExp(`^\\s+${command.name}\\s+`)));
    for (const command of COMMANDS) expect(help).toContain(command.summary);
    expect(help).toContain('import-units');
  });

  it('no command: help on stderr, exit 2; unknown command: named, exit 2', async () => {
    const none = io();
    expect(await runCli([], none)).toBe(2);
    expect(none.err_.join('\n')).toContain('Commands:');
    const unknown = io();
    expect(await runCli(['import-everything'], unknown)).toBe(2);
    expect(unknown.err_.join('\n')).toContain('Unknown command "import-everything"');
  });

  it('runs the named command with the remaining arguments', async () => {
    const context = io();
    expect(await runCli(['echo', 'a', 'b'], context, [echo])).toBe(0);
    expect(context.out_).toEqual(['a b']);
  });

  it('a usage error exits 2 naming the command; any other failure exits 1', async () => {
    const usage = io();
    expect(await runCli(['echo', '--bad'], usage, [echo])).toBe(2);
    expect(usage.err_[0]).toMatch(/^echo: --bad is not allowed\nRun ".* echo --help"/);
    const crash = io();
    expect(await runCli(['echo', '--crash'], crash, [echo])).toBe(1);
    expect(crash.err_).toEqual(['echo failed: disk on fire']);
  });

  it('import-units without DATABASE_URL exits 2 and says to set it', async () => {
    const context = io();
    expect(await runCli(['import-units'], context)).toBe(2);
    expect(context.err_[0]).toContain('import-units: DATABASE_URL is not set');
  });
});
