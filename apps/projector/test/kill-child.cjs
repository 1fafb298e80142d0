// The projector as the kill test runs it (apps/projector/src/run-projector.ts, the same code as
// main.ts), with the platform's projections plus a counting one that holds each batch's
// transaction open for SLOW_MS after its writes, and a line on stdout when a batch starts and commits.
require('./register-ts.cjs');
const { runProjector } = require('../src/run-projector.js');
const { platformProjections } = require('../src/platform-projections.js');
const { WorkingCalendar } = require('../../../libs/case-kernel/src/domain/working-calendar.js');
const { VN_PUBLIC_HOLIDAYS } = require('../../../libs/case-kernel/src/domain/vn-public-holidays.js');
const { tallyProjection } = require('../../../libs/projections/src/testing/test-projections.js');

const deadlines = platformProjections(new WorkingCalendar(VN_PUBLIC_HOLIDAYS), { statisticsKey: null, masterKey: process.env.MASTER_KEY });
const tally = tallyProjection({ eventTypes: deadlines.flatMap((p) => p.eventTypes), slowMs: Number(process.env.SLOW_MS ?? 0) });
const line = (text) => process.stdout.write(`${text}\n`);

void runProjector(
  [],
  process.env,
  { out: line, err: (text) => process.stderr.write(`${text}\n`), exit: (code) => process.exit(code) },
  {
    projections: [...deadlines, tally],
    runner: {
      batchSize: Number(process.env.BATCH_SIZE ?? 100),
      lingerMs: 5,
      pollIntervalMs: 50,
      superviseMs: 100,
      retryMs: 100,
      observer: {
        batchStarted: (b) => line(`BATCH_START ${b.projection} ${b.buildId} ${b.from} ${b.to}`),
        batchCommitted: (b) => line(`BATCH_COMMIT ${b.projection} ${b.buildId} ${b.from} ${b.to}`),
      },
    },
  },
);
