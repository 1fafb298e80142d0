import { Command as Program, CommanderError, type OutputConfiguration } from 'commander';

/** What a command gets from the process; tests pass their own. */
export interface CliContext {
  env: Record<string, string | undefined>;
  /** The repository root (where package.json is); defaults such as ../shared are resolved from it. */
  repoRoot: string;
  out(line: string): void;
  err(line: string): void;
  /** Redraws a one-line status (a progress bar) in place; absent when stderr is not a terminal. */
  progress?(line: string): void;
  /** The terminal's width, which help text is wrapped to; absent: help lines are not wrapped. */
  helpWidth?: number;
}

/** One CLI command. Add a file under commands/ (made with defineCommand) and list it in commands/index.ts. */
export interface Command {
  name: string;
  /** One line for the CLI's `--help`. */
  summary: string;
  /** Returns the exit code; throws UsageError for bad arguments or settings. */
  run(args: string[], context: CliContext): Promise<number>;
  /** A fresh commander declaration of its arguments and options, which `run` parses with and `--help` is generated from. */
  declaration?(): Program;
}

/** The caller got the arguments or the environment wrong (exit code 2); the message says what to fix. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CommandSpec<Options> {
  name: string;
  summary: string;
  /** Declares the usage line, description, arguments and options on the command (commander); its --help is generated from them. */
  declare(command: Program): Program;
  /** Runs with the options commander parsed and the operands (positional arguments); returns the exit code. `command`: the parsed declaration (for its helpInformation). */
  action(options: Options, operands: string[], context: CliContext, command: Program): Promise<number>;
}

/** Help lines are not wrapped unless a terminal's width is known. */
const UNWRAPPED = 10_000;

/** The CLI's commander settings: errors come back as exceptions (never process.exit), output goes to the context, placeholders read `--user ID`. */
export function cliProgram(name: string, context?: CliContext): Program {
  const output: OutputConfiguration = {
    writeOut: (text) => context?.out(text.replace(/\n$/, '')),
    writeErr: (text) => context?.err(text.replace(/\n$/, '')),
    // Errors are thrown (exitOverride) and reported once, by runCli, with the command's name.
    outputError: () => undefined,
    getOutHelpWidth: () => context?.helpWidth ?? UNWRAPPED,
    getErrHelpWidth: () => context?.helpWidth ?? UNWRAPPED,
  };
  return new Program(name)
    .exitOverride()
    .configureOutput(output)
    .helpOption('-h, --help', 'show this help')
    .configureHelp({ optionTerm: (option) => option.flags.replace(/<([^>]+)>/g, '$1') });
}

/** A repeatable option's values in order (`--role a --role b`); undefined when not given. */
export function repeatable(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** commander's message as the CLI words it: "Unknown option '--size'" (commander: "error: unknown option '--size'"). */
function usageMessage(error: CommanderError): string {
  const message = error.message.replace(/^error: /, '').replace(/<([^>]+)>/g, '$1');
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** A command that declares no arguments takes no operands. */
function refuseOperands(program: Program, name: string): void {
  if (program.registeredArguments.length === 0 && program.args.length > 0)
    throw new UsageError(`Unexpected argument '${program.args[0]}': ${name} takes options only`);
}

/**
 * Parses `args` with a command's declaration, running nothing: its options and operands, or
 * `help: true` for `--help`; a bad option or value is a UsageError.
 */
export function parseArguments<Options>(program: Program, args: string[]): { options: Options; operands: string[]; help: boolean } {
  try {
    program.parse(args, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0) return { options: program.opts() as Options, operands: [], help: true };
    throw new UsageError(usageMessage(error));
  }
  refuseOperands(program, program.name());
  return { options: program.opts() as Options, operands: program.args, help: false };
}

/**
 * A command whose arguments commander parses: `run(args, context)` declares them afresh, parses
 * (`--help` prints the generated help and returns 0; a bad option or value is a UsageError), and
 * calls the action. A command that declares no arguments refuses operands.
 */
export function defineCommand<Options>(spec: CommandSpec<Options>): Command {
  const declaration = () => spec.declare(cliProgram(spec.name));
  return {
    name: spec.name,
    summary: spec.summary,
    declaration,
    async run(args: string[], context: CliContext): Promise<number> {
      const program = spec.declare(cliProgram(spec.name, context));
      let code = 0;
      program.action(async () => {
        refuseOperands(program, spec.name);
        code = await spec.action(program.opts() as Options, program.args, context, program);
      });
      try {
        await program.parseAsync(args, { from: 'user' });
      } catch (error) {
        if (!(error instanceof CommanderError)) throw error;
        if (error.exitCode === 0) return 0;
        throw new UsageError(usageMessage(error));
      }
      return code;
    },
  };
}
