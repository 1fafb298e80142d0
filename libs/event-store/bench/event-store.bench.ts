/**
 * `npm run bench:event-store`: append throughput and latency of our PostgreSQL event store
 * against a plain INSERT (the limit) and emmett-postgresql (the peer), and the catch-up read
 * rate and memory of `subscribe`, all on one PostgreSQL server. See docs/benchmarks.md.
 */
import { loadavg } from 'node:os';
import { measureAppends } from './appends.js';
import { CATCH_UP_BATCH_SIZE, runCatchUp } from './catch-up.js';
import { DATA_BYTES } from './events.js';
import { parseOptions, USAGE } from './options.js';
import { buildResult, formatReport, machineFacts } from './report.js';
import { openBenchServer } from './server.js';

const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  if (options === 'help') return void console.log(USAGE);
  const loadAverageAtStart = loadavg()[0]!;
  const server = await openBenchServer(options.databaseUrl);
  try {
    const machine = machineFacts(await server.facts(), loadAverageAtStart);
    const scenarios = await measureAppends(server, options, progress);
    progress(`catch-up: seeding ${options.catchUpEvents} events, then reading them through subscribe`);
    const catchUp = await runCatchUp(await server.database('catchup'), options.catchUpEvents, options.writers, () => server.checkpoint());
    const { json: _json, databaseUrl: _databaseUrl, ...settings } = options;
    const result = buildResult({
      date: new Date().toISOString(),
      machine,
      settings: { ...settings, eventDataBytes: DATA_BYTES, catchUpBatchSize: CATCH_UP_BATCH_SIZE },
      scenarios,
      catchUp,
    });
    console.log(formatReport(result));
    if (options.json) console.log(JSON.stringify(result, null, 2));
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
