import { demoEventId, type DemoCase } from './case-script.js';
import { demoCases } from './demo-plan.js';

const plan = (seed: string, events: number) => [...demoCases(seed, events)];
const eventsOf = (cases: DemoCase[]) => cases.flatMap((c) => c.steps.flatMap((s) => s.events));

/** Everything that ends up in the store, in order: streams, commands, times, actors, events and their ids. */
function written(cases: DemoCase[]) {
  return cases.map((c) => {
    let revision = 0;
    return {
      stream: c.stream,
      steps: c.steps.map((s) => ({
        command: s.command,
        at: s.at.toISOString(),
        actor: s.actor,
        correlationId: s.correlationId,
        events: s.events.map((e) => ({ id: demoEventId(c.stream, revision++), ...e })),
      })),
    };
  });
}

describe('demo data plan: deterministic', () => {
  it('the same seed gives the same streams, commands, events and event ids', () => {
    const first = written(plan('alpha', 1500));
    const second = written(plan('alpha', 1500));
    expect(eventsOf(plan('alpha', 1500)).length).toBeGreaterThanOrEqual(1500);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('a different seed gives different cases, ids and data', () => {
    const alpha = written(plan('alpha', 1500));
    const beta = written(plan('beta', 1500));
    const alphaStreams = new Set(alpha.map((c) => c.stream));
    expect(beta.filter((c) => alphaStreams.has(c.stream))).toEqual([]);
    const firstCommands = (cases: ReturnType<typeof written>) => cases.slice(0, 20).map((c) => JSON.stringify(c.steps[0]!.command));
    expect(firstCommands(beta)).not.toEqual(firstCommands(alpha));
  });

  it('a larger data set of the same seed starts with the smaller one, so a larger rerun only adds', () => {
    const small = written(plan('alpha', 300));
    const large = written(plan('alpha', 3000));
    expect(large.slice(0, small.length)).toEqual(small);
    expect(large.length).toBeGreaterThan(small.length);
  });

  it('stops at the storyline that reaches the size asked for', () => {
    for (const size of [1, 300, 2000]) {
      const cases = plan('sizes', size);
      const total = eventsOf(cases).length;
      expect(total).toBeGreaterThanOrEqual(size);
      // Without its last case the set was still short: no storyline more than needed.
      expect(total - cases[cases.length - 1]!.eventCount).toBeLessThan(size + 200);
    }
  });
});

describe('demo data plan: ids never meet the API’s', () => {
  const cases = plan('ids', 3000);

  it('case ids are "demo-" and a UUID, unique, so no id the API makes (a bare UUID) can be one of them', () => {
    const ids = cases.map((c) => c.caseId);
    for (const id of ids) expect(id).toMatch(/^demo-[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('event ids are UUIDs, unique across the data set; subject ids are demo ones', () => {
    const ids = cases.flatMap((c) => c.steps.flatMap((s) => s.events).map((_, revision) => demoEventId(c.stream, revision)));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    const subjects = eventsOf(cases).flatMap((e) => {
      const d = e.data as Record<string, unknown>;
      return [
        d.reporterSubjectId,
        d.ownerSubjectId,
        d.memberSubjectId,
        e.type === 'penalty.person_recorded' ? d.subjectId : undefined,
      ].filter((s) => s !== undefined);
    });
    expect(subjects.length).toBeGreaterThan(100);
    for (const subject of subjects) expect(subject).toMatch(/^(reporter|subj|penalised)-demo-|^demo-member-/);
  });
});
