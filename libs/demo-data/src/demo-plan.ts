import type { DemoCase } from './case-script.js';
import { demoId } from './case-script.js';
import { AS_OF, dayOf, onDay, WINDOW_START } from './demo-clock.js';
import { createDemoWorld, pickCommune, type DemoCommune, type DemoWorld } from './demo-world.js';
import { establishmentStory } from './establishment-story.js';
import { hotspotStory } from './hotspot-story.js';
import { offendersFor, penaltyStory } from './penalty-story.js';
import type { Random } from './random.js';
import { tipStory } from './tip-story.js';

const WINDOW_OPENS = onDay(WINDOW_START, 0).getTime();
/** Storylines start at least a day before AS_OF, so each has at least its first event. */
const WINDOW_LENGTH = AS_OF.getTime() - 24 * 3600_000 - WINDOW_OPENS;

/** A penalty case from a patrol: people found at a place at night, no tip before it. */
function patrolStory(world: DemoWorld, random: Random, commune: DemoCommune, id: string, start: Date): DemoCase[] {
  const act = random.weighted({ '32': 40, '33': 35, '34.1': 20, '34.2': 5 });
  const recordAt = onDay(dayOf(start), 20 + random.next() * 3.5);
  return [
    penaltyStory(world, random, commune, id, {
      recordAt,
      violationDate: dayOf(recordAt),
      act,
      ...offendersFor(random, act, commune),
      tipId: null,
      recorder: random.pick(commune.officers),
      policeLed: true,
    }),
  ];
}

/**
 * Storyline `index` of a seed: a few related cases in one commune (a tip and its penalty case; an
 * establishment with its inspections, tips and penalty cases; a hotspot; a patrol's penalty case).
 * It depends only on the seed and the index, so a larger data set starts with the smaller one.
 */
export function storyline(world: DemoWorld, index: number): DemoCase[] {
  const random = world.random.fork(`story ${index}`);
  const commune = pickCommune(world, random);
  const start = new Date(WINDOW_OPENS + Math.floor(random.next() * WINDOW_LENGTH));
  const ids = (label: string) => demoId(`${world.seed}\n${index}\n${label}`);
  let cases: DemoCase[];
  switch (random.weighted({ tip: 40, establishment: 30, hotspot: 12, patrol: 18 })) {
    case 'tip': {
      const { tip, penalty } = tipStory(world, random, commune, ids('tip'), { receivedAt: start, penaltyCaseId: ids('tip penalty') });
      cases = penalty ? [tip, penalty] : [tip];
      break;
    }
    case 'establishment':
      cases = establishmentStory(world, random, commune, ids, start);
      break;
    case 'hotspot':
      cases = hotspotStory(world, random, commune, ids('hotspot'), start);
      break;
    default:
      cases = patrolStory(world, random, commune, ids('patrol penalty'), start);
  }
  return cases.filter((c) => c.steps.length > 0);
}

/** The cases of a seed's data set, storyline by storyline, until at least `targetEvents` events. */
export function* demoCases(seed: string, targetEvents: number): Generator<DemoCase> {
  const world = createDemoWorld(seed);
  let events = 0;
  for (let index = 0; events < targetEvents; index++) {
    for (const demoCase of storyline(world, index)) {
      events += demoCase.eventCount;
      yield demoCase;
    }
  }
}
