import { DemoDataRefusedError, CaseScript } from './case-script.js';
import { AS_OF, plusHours } from './demo-clock.js';
import { createDemoWorld } from './demo-world.js';
import { formatDuration, formatProgress } from './progress.js';
import { Random } from './random.js';

const world = createDemoWorld('script');
const inspector = { userId: 'demo-inspector-1-10015', role: 'inspector' as const };
const identify = (on: string) => ({
  kind: 'identify' as const,
  jurisdiction: '10015',
  hotspotKind: 'street' as const,
  locationDescription: 'Vỉa hè',
  identifiedOn: on,
});

describe('case script: the real decider on a simulated clock', () => {
  it('decides each command on the state the previous ones left, keeping that state for sealing', () => {
    const script = new CaseScript(world.hotspots, 'demo-h');
    expect(script.run(identify('2026-03-02'), new Date('2026-03-02T03:00:00Z'), inspector)).toBe(true);
    expect(
      script.run({ kind: 'start_treatment', plan: 'Tuần tra', startedOn: '2026-03-05' }, new Date('2026-03-05T03:00:00Z'), inspector),
    ).toBe(true);
    expect(script.steps.map((s) => s.events.map((e) => e.type))).toEqual([['hotspot.identified'], ['hotspot.treatment_started']]);
    expect(script.steps[1]!.decidedOn.status).toBe('identified');
    expect(script.state.status).toBe('under_treatment');
    expect(script.stream).toBe('hotspot-demo-h');
    expect(script.eventCount).toBe(2);
  });

  it('a command the decider refuses is a generator bug: it throws naming the rule, nothing recorded', () => {
    const script = new CaseScript(world.hotspots, 'demo-h');
    script.run(identify('2026-03-02'), new Date('2026-03-02T03:00:00Z'), inspector);
    const refused = () => script.run({ kind: 'eradicate', eradicatedOn: '2026-03-03' }, new Date('2026-03-03T03:00:00Z'), inspector);
    expect(refused).toThrow(DemoDataRefusedError);
    expect(refused).toThrow(/hotspot demo-h: eradicate refused \(hotspot.not_under_treatment\)/);
    expect(script.steps).toHaveLength(1);
  });

  it('nothing happens after AS_OF; a time before the previous command moves just after it', () => {
    const script = new CaseScript(world.hotspots, 'demo-h');
    expect(script.run(identify('2026-11-30'), plusHours(AS_OF, 1), inspector)).toBe(false);
    expect(script.steps).toHaveLength(0);
    script.run(identify('2026-03-02'), new Date('2026-03-02T03:00:00Z'), inspector);
    script.run({ kind: 'start_treatment', plan: 'Tuần tra', startedOn: '2026-03-02' }, new Date('2026-03-02T01:00:00Z'), inspector);
    expect(script.steps[1]!.at.getTime()).toBeGreaterThan(script.steps[0]!.at.getTime());
  });
});

describe('seeded random', () => {
  it('the same label gives the same numbers; forks are independent of how much the parent drew', () => {
    const a = new Random('x');
    const b = new Random('x');
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    const untouched = new Random('x').fork('child').next();
    expect(a.fork('child').next()).toBe(untouched);
    expect(new Random('y').next()).not.toBe(new Random('x').next());
    const draws = Array.from({ length: 2000 }, () => a.int(1, 6));
    expect(Math.min(...draws)).toBe(1);
    expect(Math.max(...draws)).toBe(6);
    expect(new Random('w').weighted({ never: 0, always: 1 })).toBe('always');
  });
});

describe('progress bar', () => {
  it('shows events written of the target, events/s and the time left at that rate', () => {
    expect(formatProgress({ events: 250_000, target: 1_000_000, elapsedMs: 50_000 }, 20)).toBe(
      '[#####---------------]  25%  250,000/1,000,000 events  5,000 events/s  ETA 2m30s',
    );
    expect(formatProgress({ events: 0, target: 500, elapsedMs: 0 }, 4)).toBe('[----]   0%  0/500 events  0 events/s  ETA ?');
    expect(formatDuration(3725)).toBe('1h02m');
    expect(formatDuration(42)).toBe('42s');
  });
});
