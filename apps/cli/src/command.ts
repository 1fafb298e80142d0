/** What a command gets from the process; tests pass their own. */
export interface CliContext {
  env: Record<string, string | undefined>;
  /** The repository root (where package.json is); defaults such as ../shared are resolved from it. */
  repoRoot: string;
  out(line: string): void;
  err(line: string): void;
  /** Redraws a one-line status (a progress bar) in place; absent when stderr is not a terminal. */
  progress?(line: string): void;
}

/** One CLI command. Add a file under commands/ and list it in commands/index.ts. */
export interface Command {
  name: string;
  /** One line for `--help`. */
  summary: string;
  /** Returns the exit code; throws UsageError for bad arguments or settings. */
  run(args: string[], context: CliContext): Promise<number>;
}

/** The caller got the arguments or the environment wrong (exit code 2); the message says what to fix. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
