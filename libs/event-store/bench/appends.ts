import { runClosedLoop, summarise } from './load.js';
import type { BenchOptions } from './options.js';
import type { ScenarioResult } from './report.js';
import { APPEND_SCENARIOS, type AppendScenario, type OpenScenario } from './scenarios.js';
import type { BenchServer } from './server.js';

interface Running {
  scenario: AppendScenario;
  open: OpenScenario;
  /** Latencies of each round's slice. */
  slices: number[][];
}

type Plan = Pick<BenchOptions, 'writers' | 'seconds' | 'rounds' | 'warmupSeconds'>;

/**
 * All append scenarios are opened together, warmed up once, then measured round-robin in
 * `rounds` slices of `seconds / rounds`, each after a CHECKPOINT, so that a busy moment on the
 * machine or a flush of an earlier scenario's writes does not land on one scenario only.
 */
export async function measureAppends(server: BenchServer, plan: Plan, progress: (message: string) => void): Promise<ScenarioResult[]> {
  const running: Running[] = [];
  try {
    for (const scenario of APPEND_SCENARIOS) {
      running.push({ scenario, open: await scenario.open(await server.database(scenario.database), plan.writers), slices: [] });
    }
    for (const { scenario, open } of running) {
      progress(`warm-up ${plan.warmupSeconds} s: ${scenario.title}`);
      await runClosedLoop(open.op, plan.writers, plan.warmupSeconds);
    }
    const sliceSeconds = plan.seconds / plan.rounds;
    for (let round = 1; round <= plan.rounds; round += 1) {
      progress(`round ${round}/${plan.rounds}: ${sliceSeconds} s per scenario`);
      for (const entry of running) {
        await server.checkpoint();
        entry.slices.push(await runClosedLoop(entry.open.op, plan.writers, sliceSeconds));
      }
    }
    return running.map(({ scenario, slices }) => ({
      id: scenario.id,
      title: scenario.title,
      eventsPerOp: scenario.eventsPerOp,
      roundEventsPerSecond: slices.map((slice) => (slice.length * scenario.eventsPerOp) / sliceSeconds),
      ...summarise(slices.flat(), plan.seconds, scenario.eventsPerOp),
    }));
  } finally {
    for (const { open } of running) await open.close();
  }
}
