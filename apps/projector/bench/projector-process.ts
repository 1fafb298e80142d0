/**
 * Child process of the projections benchmark (libs/projections/bench): the projector as main.ts runs it
 * (startProjector: same storage, runner and platform projections), alone in its process so its
 * peak memory is the projector's. The parent asks over IPC.
 */
import { loadConfig } from '../../../libs/config/src/config.js';
import type { ProjectorReply, ProjectorRequest } from '../../../libs/projections/bench/projector-ipc.js';
import { PROJECTOR_METRICS_PORT, startProjector } from '../src/projector.js';

const MB = 1024 * 1024;
let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const usage = process.memoryUsage();
  peakRss = Math.max(peakRss, usage.rss);
  peakHeap = Math.max(peakHeap, usage.heapUsed);
};
sample();
setInterval(sample, 100).unref();

const send = (reply: ProjectorReply) => process.send!(reply);
const memory = (): ProjectorReply => {
  sample();
  return { type: 'memory', rssMb: process.memoryUsage().rss / MB, peakRssMb: peakRss / MB, peakHeapUsedMb: peakHeap / MB };
};

try {
  const projector = await startProjector(
    loadConfig(process.env, undefined, { defaultMetricsPort: PROJECTOR_METRICS_PORT }),
    () => undefined,
    { runner: { batchSize: Number(process.env.BENCH_BATCH ?? 1000) } },
  );
  process.on('message', (request: ProjectorRequest) => {
    void (async () => {
      try {
        if (request.type === 'memory') {
          send(memory());
          return;
        }
        if (request.type === 'rebuild') {
          const started = performance.now();
          const build = await projector.runner.rebuild(request.projection);
          send({ type: 'rebuilt', seconds: (performance.now() - started) / 1000, position: build.position });
          return;
        }
        const last = memory();
        await projector.close();
        send(last);
        process.disconnect();
      } catch (error) {
        send({ type: 'failed', error: (error as Error).message });
      }
    })();
  });
  send({ type: 'ready' });
} catch (error) {
  send({ type: 'failed', error: (error as Error).message });
  process.exitCode = 1;
  process.disconnect();
}
