import { sealCaseEvents } from '../../case-kernel/src/application/case-commands.js';
import type { KeyStore } from '../../crypto/src/index.js';
import type { EventStore, NewEvent } from '../../event-store/src/port.js';
import { demoEventId, type DemoCase } from './case-script.js';
import { demoCases } from './demo-plan.js';

export interface DemoDataOptions {
  seed: string;
  /** The data set ends with the storyline that reaches this many events. */
  events: number;
  /** Cases sealed and appended at the same time (default 16): new subjects' keys are created one round trip at a time. */
  concurrency?: number;
  onProgress?(progress: DemoDataProgress): void;
}

export interface DemoDataProgress {
  /** Events generated and handed to the store so far (appended or already there). */
  events: number;
  /** The number of events asked for. */
  target: number;
  elapsedMs: number;
}

export interface DemoDataReport {
  seed: string;
  cases: number;
  events: number;
  /** Written by this run. */
  appendedEvents: number;
  appendedCases: number;
  /** Already in the store from an earlier run of the same seed: left as they were. */
  existingEvents: number;
  existingCases: number;
  seconds: number;
}

/**
 * The events of a demo case as the store keeps them: every command's events sealed exactly as
 * CaseCommands seals them (personal and sensitive fields encrypted with the subject's key, the
 * command's actor, role, jurisdiction and time as metadata), with ids that depend only on the
 * stream and the position.
 */
export async function sealDemoCase(demoCase: DemoCase, keys: Pick<KeyStore, 'keyFor'>): Promise<NewEvent[]> {
  const sealed: NewEvent[] = [];
  for (const step of demoCase.steps) {
    const first = sealed.length;
    const { jurisdiction } = demoCase.context.creates(step.command)
      ? demoCase.context.newCaseScope(step.command)
      : demoCase.context.scope(step.decidedOn);
    const metadata = {
      actorId: step.actor.userId,
      role: step.actor.role,
      jurisdiction,
      purpose: 'case_handling',
      correlationId: step.correlationId,
      causationId: null,
      occurredAt: step.at.toISOString(),
    };
    sealed.push(
      ...(await sealCaseEvents(
        demoCase.context,
        step.decidedOn,
        demoCase.caseId,
        step.events,
        keys,
        (i) => demoEventId(demoCase.stream, first + i),
        metadata,
      )),
    );
  }
  return sealed;
}

/**
 * Generates a seed's data set and appends each case's events in one append (several cases at a
 * time). A rerun of the same seed appends nothing: the event ids are the same, and the store
 * answers a repeated append as a duplicate.
 */
export async function writeDemoData(store: EventStore, keys: Pick<KeyStore, 'keyFor'>, options: DemoDataOptions): Promise<DemoDataReport> {
  const started = performance.now();
  const cases = demoCases(options.seed, options.events);
  const report: DemoDataReport = {
    seed: options.seed,
    cases: 0,
    events: 0,
    appendedEvents: 0,
    appendedCases: 0,
    existingEvents: 0,
    existingCases: 0,
    seconds: 0,
  };
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (!failure) {
      try {
        const next = cases.next();
        if (next.done) return;
        const events = await sealDemoCase(next.value, keys);
        const result = await store.append(next.value.stream, events, 'no_stream');
        report.cases += 1;
        report.events += events.length;
        if (result.duplicate) {
          report.existingCases += 1;
          report.existingEvents += events.length;
        } else {
          report.appendedCases += 1;
          report.appendedEvents += events.length;
        }
        options.onProgress?.({ events: report.events, target: options.events, elapsedMs: performance.now() - started });
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 16) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
