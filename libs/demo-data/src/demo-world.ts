import { WorkingCalendar } from '../../case-kernel/src/domain/working-calendar.js';
import { VN_PUBLIC_HOLIDAYS } from '../../case-kernel/src/domain/vn-public-holidays.js';
import { establishmentsContext } from '../../establishments/src/establishments-context.js';
import { hotspotsContext } from '../../hotspots/src/hotspots-context.js';
import type { MemberAgency } from '../../inspections/src/domain/inspection.js';
import { inspectionsContext } from '../../inspections/src/inspections-context.js';
import { BUILT_IN_UNITS } from '../../jurisdictions/src/built-in-units.js';
import { penaltiesContext, type PenaltiesContext } from '../../penalties/src/penalties-context.js';
import { tipsContext, type TipsContext } from '../../tips/src/tips-context.js';
import { uuidFrom } from '../../case-kernel/src/application/case-commands.js';
import type { Actor } from './case-script.js';
import { personName } from './fictional-identities.js';
import { Random } from './random.js';

export interface TeamMember {
  subjectId: string;
  agency: MemberAgency;
  name: string;
}

/** A built-in commune with the simulated people who work its cases. */
export interface DemoCommune {
  code: string;
  name: string;
  fullName: string;
  provinceCode: string;
  provinceName: string;
  /** How often it gets a storyline: wards (phường) and Hồ Chí Minh's communes are busier. */
  weight: number;
  officers: Actor[];
  supervisor: Actor;
  inspectors: Actor[];
  /** The commune People's Committee chair, who decides penalties (role sanctioning_official). */
  official: Actor;
  /** The commune's members of the interdisciplinary team (Đội 178), the same people check after check. */
  team: TeamMember[];
}

export interface DemoWorld {
  seed: string;
  random: Random;
  calendar: WorkingCalendar;
  communes: DemoCommune[];
  tips: TipsContext;
  penalties: PenaltiesContext;
  establishments: typeof establishmentsContext;
  inspections: typeof inspectionsContext;
  hotspots: typeof hotspotsContext;
}

const TEAM_AGENCIES: readonly MemberAgency[] = ['police', 'police', 'police', 'health', 'health', 'culture', 'culture', 'other'];

/** Everything a seed's storylines share: the calendar, the contexts, and each commune's staff. */
export function createDemoWorld(seed: string): DemoWorld {
  const random = new Random(`demo-data ${seed}`);
  const calendar = new WorkingCalendar(VN_PUBLIC_HOLIDAYS);
  const provinces = new Map(BUILT_IN_UNITS.filter((u) => u.level === 'province').map((u) => [u.code, u.name]));
  // Subject ids of team members carry the seed, so two data sets never share a person's key.
  const seedTag = uuidFrom(`demo-data seed\n${seed}`).slice(0, 8);
  const communes = BUILT_IN_UNITS.filter((u) => u.level === 'commune').map((unit): DemoCommune => {
    const roster = random.fork(`roster ${unit.code}`);
    const actor = (name: string, role: Actor['role']): Actor => ({ userId: `demo-${name}-${unit.code}`, role });
    return {
      code: unit.code,
      name: unit.name,
      fullName: unit.fullName,
      provinceCode: unit.parentCode!,
      provinceName: provinces.get(unit.parentCode!) ?? unit.parentCode!,
      weight: (unit.fullName.startsWith('Phường') ? 3 : 2) + (unit.parentCode === '79' ? 1 : 0),
      officers: [1, 2, 3, 4, 5].map((k) => actor(`officer-${k}`, 'police_officer')),
      supervisor: actor('supervisor', 'police_supervisor'),
      inspectors: [1, 2].map((k) => actor(`inspector-${k}`, 'inspector')),
      official: actor('official', 'sanctioning_official'),
      team: TEAM_AGENCIES.map((agency, k) => ({
        subjectId: `demo-member-${seedTag}-${unit.code}-${k + 1}`,
        agency,
        name: personName(roster),
      })),
    };
  });
  return {
    seed,
    random,
    calendar,
    communes,
    tips: tipsContext(calendar),
    penalties: penaltiesContext(calendar),
    establishments: establishmentsContext,
    inspections: inspectionsContext,
    hotspots: hotspotsContext,
  };
}

export function pickCommune(world: DemoWorld, random: Random): DemoCommune {
  return world.communes[Number(random.weighted(Object.fromEntries(world.communes.map((c, i) => [String(i), c.weight]))))]!;
}
