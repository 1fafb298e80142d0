import type { Command as Program } from 'commander';
import { ConfigError, loadConfig } from '../../../../libs/config/src/config.js';
import {
  createDemoWorld,
  formatDuration,
  formatProgress,
  writeDemoData,
  type DemoDataProgress,
} from '../../../../libs/demo-data/src/index.js';
import { openPlatformStorage } from '../../../api/src/platform-storage.js';
import { cliProgram, defineCommand, parseArguments, UsageError, type CliContext } from '../command.js';

export const MAX_DEMO_EVENTS = 1_000_000;

export interface DemoDataArguments {
  events: number;
  seed: string;
  concurrency: number;
}

interface DemoDataOptions {
  events?: string;
  seed?: string;
  concurrency?: string;
}

const declare = (command: Program) =>
  command
    .usage('[--events N] [--seed TEXT] [--concurrency N]')
    .description(
      `Generates a realistic demo data set for the built-in communes (establishments, tips through
their whole lifecycle, inspections by the Đội 178 team, hotspots, penalty cases under Decree
282/2025), every command decided by the platform's own rules on a simulated clock
(15/12/2025 to 30/11/2026), and appends it to the platform's event store with personal fields
encrypted, as the API would. Names, addresses, identity numbers (000…) and phone numbers
(0100 …) are made up; case ids start with "demo-".

The same seed gives the same data, case ids and event ids: running it again appends nothing,
and a larger --events with the same seed adds to the smaller set.`,
    )
    .option('--events <N>', 'events to generate, 1 to 1,000,000 (default 5,000); the last storyline may add a few')
    .option('--seed <TEXT>', '1-64 letters, digits, "_", "." or "-" (default demo)')
    .option('--concurrency <N>', 'cases written at the same time, 1 to 64 (default 16)')
    .addHelpText(
      'after',
      `
Environment (as for \`npm start\`):
  DATABASE_URL  postgres://… to write to, with MASTER_KEY; unset: the embedded PostgreSQL under
                DATA_DIR (started for the run, or the one a running API already uses)
  MASTER_KEY    the key that wraps the data subjects' keys (required with DATABASE_URL)

Read the data as a role of a commune, e.g. (Chương Mỹ, 10015):
  npm run -s token -- --user demo-supervisor-10015 --role police_supervisor --scope 10015`,
    );

/** Checks the options and applies the defaults; a UsageError says what to fix. */
function demoDataArguments(values: DemoDataOptions): DemoDataArguments {
  const events = wholeNumber('--events', values.events, 5_000, 1, MAX_DEMO_EVENTS);
  const concurrency = wholeNumber('--concurrency', values.concurrency, 16, 1, 64);
  const seed = values.seed ?? 'demo';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(seed)) throw new UsageError(`--seed: 1-64 letters, digits, "_", "." or "-" (got "${seed}")`);
  return { events, seed, concurrency };
}

/** Parses and checks the arguments; a UsageError says what to fix. */
export function parseDemoDataArguments(args: string[]): DemoDataArguments & { help: boolean } {
  const { options, help } = parseArguments<DemoDataOptions>(declare(cliProgram('demo-data')), args);
  return { ...(help ? demoDataArguments({}) : demoDataArguments(options)), help };
}

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = /^\d[\d_,]*$/.test(raw.trim()) ? Number(raw.trim().replace(/[_,]/g, '')) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${name}: a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')} (got "${raw}")`);
  }
  return value;
}

export const demoDataCommand = defineCommand<DemoDataOptions>({
  name: 'demo-data',
  summary: 'Generate and append a deterministic demo data set: [--events N] [--seed TEXT] (same seed, nothing appended twice)',
  declare,
  async action(values, _operands, context: CliContext): Promise<number> {
    const options = demoDataArguments(values);
    let config;
    try {
      config = loadConfig(context.env, { isRoot: process.getuid?.() === 0, cwd: context.repoRoot });
    } catch (error) {
      if (error instanceof ConfigError) throw new UsageError(error.message);
      throw error;
    }
    const storage = await openPlatformStorage(config, (line) => context.err(line), {
      leaveAdoptedServerRunning: true,
      keyStorePoolSize: options.concurrency,
    });
    try {
      const missing = createDemoWorld(options.seed).communes.filter((c) => !storage.jurisdictions.has(c.code));
      if (missing.length > 0)
        throw new Error(`the database's administrative units lack the demo communes ${missing.map((c) => c.code).join(', ')}`);
      const bar = progressBar(context);
      const report = await writeDemoData(storage.eventStore, storage.keyStore, { ...options, onProgress: bar.update });
      bar.finish();
      const rate = Math.round(report.events / Math.max(report.seconds, 0.001)).toLocaleString('en-US');
      context.out(
        `demo data, seed "${report.seed}": ${report.cases.toLocaleString('en-US')} cases, ${report.events.toLocaleString('en-US')} events in ${formatDuration(report.seconds)} (${rate} events/s)`,
      );
      context.out(
        `appended ${report.appendedEvents.toLocaleString('en-US')} events (${report.appendedCases.toLocaleString('en-US')} cases); already there from an earlier run: ${report.existingEvents.toLocaleString('en-US')} events (${report.existingCases.toLocaleString('en-US')} cases)`,
      );
      return 0;
    } finally {
      await storage.close();
    }
  },
});

/** Redrawn in place on a terminal; otherwise a line every 5 seconds. */
function progressBar(context: CliContext): { update(progress: DemoDataProgress): void; finish(): void } {
  const everyMs = context.progress ? 200 : 5_000;
  let shownAt = 0;
  let last: DemoDataProgress | null = null;
  const show = (progress: DemoDataProgress) =>
    context.progress ? context.progress(formatProgress(progress)) : context.err(formatProgress(progress));
  return {
    update(progress) {
      last = progress;
      if (progress.elapsedMs - shownAt < everyMs) return;
      shownAt = progress.elapsedMs;
      show(progress);
    },
    finish() {
      if (last) show({ ...last, target: Math.max(last.target, last.events) });
      if (context.progress) context.err('');
    },
  };
}
