import { UsageError, type CliContext, type Command } from './command.js';
import { COMMANDS } from './commands/index.js';

const PROGRAM = 'node dist/apps/cli/src/main.js';

export function helpText(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `Usage: ${PROGRAM} <command> [arguments]`,
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Run "${PROGRAM} <command> --help" for the arguments of a command.`,
  ].join('\n');
}

/** Dispatches to a command; returns the exit code (0 done, 1 failed, 2 bad usage). */
export async function runCli(argv: string[], context: CliContext, commands: readonly Command[] = COMMANDS): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? context.err : context.out)(helpText(commands));
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    context.err(`Unknown command "${name}".\n\n${helpText(commands)}`);
    return 2;
  }
  try {
    return await command.run(args, context);
  } catch (error) {
    if (error instanceof UsageError) {
      context.err(`${command.name}: ${error.message}\nRun "${PROGRAM} ${command.name} --help" for its arguments.`);
      return 2;
    }
    context.err(`${command.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
