import type { HotspotCommand, HotspotEvent, HotspotState } from '../../hotspots/src/domain/hotspot.js';
import { CaseScript, type DemoCase } from './case-script.js';
import { dayOf, officeHoursAfter } from './demo-clock.js';
import type { DemoCommune, DemoWorld } from './demo-world.js';
import { hotspotLocation, REACTIVATION_REASONS, TREATMENT_PLANS } from './demo-texts.js';
import type { Random } from './random.js';

/** A hotspot identified, treated, eradicated, sometimes re-activated and treated again. */
export function hotspotStory(world: DemoWorld, random: Random, commune: DemoCommune, id: string, start: Date): DemoCase[] {
  const officer = random.pick(commune.officers);
  const hotspot = new CaseScript<HotspotCommand, HotspotEvent, HotspotState>(world.hotspots, id);
  const kind = random.weighted({ venue: 40, street: 30, online: 20, other: 10 });
  const identified = hotspot.run(
    {
      kind: 'identify',
      jurisdiction: commune.code,
      hotspotKind: kind,
      locationDescription: hotspotLocation(random, kind, commune.name),
      identifiedOn: dayOf(start),
    },
    start,
    officer,
  );
  if (!identified || random.chance(0.1)) return [hotspot];
  const after = (days: number) => officeHoursAfter(world.calendar, hotspot.lastDecidedAt!, days, random);
  const treat = (days: number) => {
    const at = after(days);
    return hotspot.run({ kind: 'start_treatment', plan: random.pick(TREATMENT_PLANS), startedOn: dayOf(at) }, at, officer);
  };
  if (!treat(random.int(3, 20))) return [hotspot];
  for (let round = 0; round < 3 && random.chance(round === 0 ? 0.7 : 0.5); round++) {
    const eradicatedAt = after(random.int(30, 150));
    if (!hotspot.run({ kind: 'eradicate', eradicatedOn: dayOf(eradicatedAt) }, eradicatedAt, officer) || !random.chance(0.25)) break;
    const reactivatedAt = after(random.int(20, 120));
    if (
      !hotspot.run(
        { kind: 'reactivate', reactivatedOn: dayOf(reactivatedAt), reason: random.pick(REACTIVATION_REASONS) },
        reactivatedAt,
        officer,
      )
    )
      break;
    if (!treat(random.int(2, 10))) break;
  }
  return [hotspot];
}
