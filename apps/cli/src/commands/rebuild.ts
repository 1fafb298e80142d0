import { VN_PUBLIC_HOLIDAYS } from '../../../../libs/case-kernel/src/domain/vn-public-holidays.js';
import { WorkingCalendar } from '../../../../libs/case-kernel/src/domain/working-calendar.js';
import { openPool } from '../../../../libs/database/src/pool.js';
import { ProjectionRunner } from '../../../../libs/projections/src/projection-runner.js';
import { openPlatformStorage } from '../../../api/src/platform-storage.js';
import { platformProjections } from '../../../projector/src/platform-projections.js';
import { defineCommand, UsageError, type CliContext } from '../command.js';
import { configFrom, count } from './audit-session.js';

const DESCRIPTION = `Builds a projection again from the start of the log into fresh tables and swaps it in at once:
readers keep the old model until the new one has caught up. The process running the projections
(this one, or a running API or projector) does the work; a progress line shows how far it is.`;

const ENVIRONMENT = `
Environment (as for \`npm start\`): DATABASE_URL and MASTER_KEY, or the embedded PostgreSQL under DATA_DIR;
STATISTICS_KEY if the API and the projector have one (the statistics' person keys must match theirs).`;

export const rebuildCommand = defineCommand<Record<string, never>>({
  name: 'rebuild',
  summary: 'Rebuild a projection (read model) from the event log, swapped in atomically',
  declare: (command) =>
    command
      .usage('<projection>')
      .description(DESCRIPTION)
      .argument(
        '[projection]',
        'the projection to rebuild (apps/projector/src/platform-projections.ts), e.g. deadlines, indicator_facts or case_index',
      )
      .addHelpText('after', ENVIRONMENT),
  async action(_options, positionals, context: CliContext): Promise<number> {
    const config = configFrom(context);
    const projections = platformProjections(new WorkingCalendar(VN_PUBLIC_HOLIDAYS), config);
    const names = projections.map((p) => p.name);
    if (positionals.length !== 1 || !names.includes(positionals[0]!)) throw new UsageError(`give one projection: ${names.join(', ')}`);
    const name = positionals[0]!;
    const storage = await openPlatformStorage(config, (line) => context.err(line), { leaveAdoptedServerRunning: true });
    const pool = openPool({
      connectionString: storage.databaseUrl,
      max: 4,
      applicationName: 'pcm-cli-rebuild',
      log: (line) => context.err(line),
    });
    const runner = new ProjectionRunner(storage.eventStore, pool, projections, { log: () => undefined });
    const show = context.progress ?? context.err;
    const started = Date.now();
    const timer = setInterval(
      () => {
        void runner
          .status()
          .then((all) => {
            const rebuilding = all.find((s) => s.name === name)?.rebuilding;
            if (rebuilding)
              show(
                `rebuilding ${name}: ${count(rebuilding.position)} events  ${rebuilding.eventsPerSecond === null ? '…' : count(rebuilding.eventsPerSecond)} events/s  ${Math.round((Date.now() - started) / 1000)} s`,
              );
          })
          .catch(() => undefined);
      },
      context.progress ? 200 : 5_000,
    );
    try {
      await runner.start();
      const build = await runner.rebuild(name);
      clearInterval(timer);
      if (context.progress) context.err('');
      context.out(
        `${name}: build ${build.buildId} (version ${build.version}) is live after ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      return 0;
    } finally {
      clearInterval(timer);
      await runner.stop().catch(() => undefined);
      await pool.end().catch(() => undefined);
      await storage.close();
    }
  },
});
