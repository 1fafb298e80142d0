import { CommanderError } from 'commander';
import { cliProgram, UsageError, type CliContext, type Command } from './command.js';
import { COMMANDS } from './commands/index.js';

const PROGRAM = 'node dist/apps/cli/src/main.js';

/**
 * The CLI's commander program: each command is a subcommand that hands its arguments, as given,
 * to the command's own `run` (which parses them with its own declaration and answers its `--help`).
 */
function program(commands: readonly Command[], context: CliContext, ran: (command: Command, args: string[]) => Promise<void>) {
  const cli = cliProgram(PROGRAM, context)
    .usage('<command> [arguments]')
    .description(
      'The case platform from the command line: tokens, administrative units, demo data, audits of the event log, reports, rebuilds.',
    )
    .enablePositionalOptions()
    .helpCommand('help [command]', 'show this help, or the help of a command')
    .addHelpText('after', `\nRun "${PROGRAM} <command> --help" for the arguments of a command.`);
  for (const command of commands) {
    cli
      .command(command.name)
      .summary(command.summary)
      .helpOption(false)
      .allowUnknownOption()
      .passThroughOptions()
      .action((_options: unknown, subcommand: { args: string[] }) => ran(command, subcommand.args));
  }
  return cli;
}

/** Dispatches to a command; returns the exit code (0 done, 1 failed, 2 bad usage). */
export async function runCli(argv: string[], context: CliContext, commands: readonly Command[] = COMMANDS): Promise<number> {
  let code = 0;
  const cli = program(commands, context, async (command, args) => {
    code = await runCommand(command, args, context);
  });
  // `help <command>` is that command's own --help.
  const args = argv[0] === 'help' && argv.length > 1 ? [argv[1]!, '--help', ...argv.slice(2)] : argv;
  try {
    await cli.parseAsync(args, { from: 'user' });
    return code;
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.code === 'commander.unknownCommand') {
      context.err(`Unknown command "${argv[0]}".\n`);
      cli.outputHelp({ error: true });
      return 2;
    }
    // Help asked for (0), or no command given: the help, on stderr (2).
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help') return error.exitCode === 0 ? 0 : 2;
    context.err(error.message.replace(/^error: /, ''));
    return 2;
  }
}

async function runCommand(command: Command, args: string[], context: CliContext): Promise<number> {
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
