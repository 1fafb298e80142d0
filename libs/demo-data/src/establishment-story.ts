import type {
  EstablishmentCommand,
  EstablishmentEvent,
  EstablishmentState,
  RiskClass,
} from '../../establishments/src/domain/establishment.js';
import type { InspectionCommand, InspectionEvent, InspectionState } from '../../inspections/src/domain/inspection.js';
import type { ActCode } from '../../penalties/src/domain/penalty-reference.js';
import { CaseScript, type DemoCase } from './case-script.js';
import { AS_OF, dayOf, laterOf, officeHoursAfter, onDay, plusDays, plusHours } from './demo-clock.js';
import type { DemoCommune, DemoWorld } from './demo-world.js';
import { CLOSURE_NOTES, COMMITMENT_CLOSURES, ESTABLISHMENT_LABEL, RISK_REASONS, VIOLATION_DESCRIPTIONS } from './demo-texts.js';
import {
  identityNumber,
  organisationName,
  enterpriseCode,
  personName,
  phoneNumber,
  streetAddress,
  twoWordName,
} from './fictional-identities.js';
import { offendersFor, penaltyStory, type ViolationInput } from './penalty-story.js';
import type { Random } from './random.js';
import { tipStory } from './tip-story.js';

type EstablishmentScript = CaseScript<EstablishmentCommand, EstablishmentEvent, EstablishmentState>;
type InspectionScript = CaseScript<InspectionCommand, InspectionEvent, InspectionState>;

const DAY = 24;
const VIOLATION_CHANCE: Record<RiskClass, number> = { low: 0.1, medium: 0.25, high: 0.45 };

/**
 * An establishment in its commune's registry: registered, risk-classified, commitment signed,
 * then checked by the Đội 178 team (scheduled, or unannounced and sometimes triggered by a tip);
 * violations found open a penalty case linked to the inspection and the establishment.
 */
export function establishmentStory(
  world: DemoWorld,
  random: Random,
  commune: DemoCommune,
  ids: (label: string) => string,
  start: Date,
): DemoCase[] {
  const calendar = world.calendar;
  const inspector = random.pick(commune.inspectors);
  const type = random.weighted({ karaoke: 28, massage: 18, guesthouse: 22, hotel: 10, bar: 7, cafe_dim_light: 12, other: 3 });
  const businessName = `${ESTABLISHMENT_LABEL[type]} ${twoWordName(random)}`;
  const address = streetAddress(random, commune.fullName);
  const ownerName = personName(random);
  const needsPermit = type !== 'cafe_dim_light' && type !== 'other';
  const establishment: EstablishmentScript = new CaseScript(world.establishments, ids('establishment'));
  const cases: DemoCase[] = [establishment];
  const registered = establishment.run(
    {
      kind: 'register',
      commune: commune.code,
      establishmentType: type,
      businessName,
      address,
      businessLicenceNumber: random.chance(0.95) ? `${commune.provinceCode}H8${random.digits(6)}` : null,
      securityPermitNumber: needsPermit && random.chance(0.9) ? `${random.int(1, 999)}/GCN-ANTT` : null,
      ownerSubjectId: null,
      ownerName,
      ownerContact: phoneNumber(random),
    },
    start,
    inspector,
  );
  if (!registered) return cases;
  let risk: RiskClass = random.weighted(
    type === 'karaoke' || type === 'massage' ? { low: 20, medium: 50, high: 30 } : { low: 50, medium: 40, high: 10 },
  );
  if (
    !establishment.run(
      { kind: 'classify_risk', riskClass: risk, reason: random.pick(RISK_REASONS[risk]) },
      officeHoursAfter(calendar, start, random.int(1, 10), random),
      inspector,
    )
  )
    return cases;
  const sign = (after: Date, days: number) => {
    const at = officeHoursAfter(calendar, after, days, random);
    return establishment.run({ kind: 'sign_commitment', signedOn: dayOf(at), commune: commune.code }, at, inspector);
  };
  if (random.chance(0.75) && !sign(establishment.lastDecidedAt!, random.int(3, 30))) return cases;

  const checks = Number(random.weighted({ 0: 30, 1: 35, 2: 22, 3: 13 }));
  for (let k = 0; k < checks; k++) {
    const planAt = officeHoursAfter(calendar, establishment.lastDecidedAt!, random.int(10, 120), random);
    if (planAt.getTime() > AS_OF.getTime()) break;
    const unannounced = random.chance(0.45);
    const triggered = unannounced && random.chance(0.6);
    const violations = random.chance(VIOLATION_CHANCE[risk] + (triggered ? 0.2 : 0));
    const act: ActCode | null = violations ? random.weighted({ '35.1': 45, '33': 20, '32': 20, '34.1': 15 }) : null;
    const plannedDate = unannounced ? plusDays(dayOf(planAt), random.int(0, 1)) : plusDays(dayOf(planAt), random.int(3, 14));
    const conductedOn = unannounced || random.chance(0.85) ? plannedDate : plusDays(plannedDate, random.int(1, 3));
    const conductAt = onDay(conductedOn, unannounced ? 19 + random.next() * 3 : 8.5 + random.next() * 7);

    let tipId: string | null = null;
    if (triggered) {
      tipId = ids(`inspection ${k} tip`);
      const { tip } = tipStory(world, random.fork(`tip ${k}`), commune, tipId, {
        receivedAt: plusHours(planAt, -(6 + random.next() * 60)),
        place: `${businessName}, ${address}`,
        category: act === '35.1' ? 'harbouring' : 'buying_selling_sex',
        channel: random.weighted({ hotline: 60, online: 30, in_person: 10 }),
        settledBy: {
          notBefore: conductAt,
          outcome: violations ? 'passed_to_administrative_handling' : 'not_substantiated',
          ...(act ? { suggestedAct: act } : {}),
        },
        penaltyCaseId: ids(`inspection ${k} tip penalty`),
      });
      cases.push(tip);
    }

    const inspection: InspectionScript = new CaseScript(world.inspections, ids(`inspection ${k}`));
    cases.push(inspection);
    if (
      !inspection.run(
        {
          kind: 'plan',
          establishmentId: establishment.caseId,
          jurisdiction: commune.code,
          mode: unannounced ? 'unannounced' : 'scheduled',
          triggeringTipId: tipId,
          plannedDate,
        },
        planAt,
        inspector,
      )
    )
      break;
    const police = commune.team.filter((m) => m.agency === 'police');
    const others = commune.team.filter((m) => m.agency !== 'police');
    const members = [...random.sample(police, random.int(1, 2)), ...random.sample(others, random.int(2, 3))].map((m) => ({
      agency: m.agency,
      name: m.name,
      subjectId: m.subjectId,
    }));
    const conducted = inspection.run(
      {
        kind: 'conduct',
        conductedOn,
        members,
        findings: violations ? 'violations' : 'compliant',
        violationDescription: violations ? random.pick(VIOLATION_DESCRIPTIONS) : null,
      },
      conductAt,
      inspector,
    );
    if (!conducted) break;
    const linkAt = plusHours(conductAt, 12 + random.next() * 36);
    if (!establishment.run({ kind: 'link_inspection', inspectionId: inspection.caseId }, linkAt, inspector)) break;

    if (act) {
      const owner: ViolationInput['people'][number] = {
        subjectId: establishment.state.ownerSubjectId,
        fullName: ownerName,
        idNumber: identityNumber(random),
        address: streetAddress(random, commune.fullName),
      };
      const business: ViolationInput['people'][number] = {
        subjectId: null,
        fullName: organisationName(random),
        idNumber: enterpriseCode(random),
        address,
      };
      const offenders: Pick<ViolationInput, 'offenderType' | 'people' | 'multiplePeopleAtOnce'> =
        act === '35.1'
          ? random.chance(0.5)
            ? { offenderType: 'individual', people: [owner], multiplePeopleAtOnce: false }
            : { offenderType: 'organisation', people: [business], multiplePeopleAtOnce: false }
          : offendersFor(random, act, commune);
      const penalty = penaltyStory(world, random.fork(`penalty ${k}`), commune, ids(`inspection ${k} penalty`), {
        recordAt: plusHours(conductAt, 0.5 + random.next()),
        violationDate: conductedOn,
        act,
        ...offenders,
        tipId,
        recorder: random.pick(commune.officers),
        policeLed: random.chance(0.3),
      });
      if (penalty.steps.length > 0) {
        cases.push(penalty);
        const linkPenaltyAt = plusHours(conductAt, DAY + random.next() * 2 * DAY);
        if (!inspection.run({ kind: 'link_penalty_case', penaltyCaseId: penalty.caseId }, linkPenaltyAt, inspector)) break;
        if (!establishment.run({ kind: 'link_penalty_case', penaltyCaseId: penalty.caseId }, linkPenaltyAt, inspector)) break;
        if (risk !== 'high') {
          risk = 'high';
          if (
            !establishment.run(
              { kind: 'classify_risk', riskClass: risk, reason: 'Vi phạm phát hiện khi kiểm tra' },
              plusHours(linkPenaltyAt, 2),
              inspector,
            )
          )
            break;
        }
        if (random.chance(0.3) && !sign(establishment.lastDecidedAt!, random.int(2, 10))) break;
      }
    }
    if (random.chance(0.85))
      inspection.run(
        { kind: 'close', note: random.chance(0.7) ? random.pick(CLOSURE_NOTES) : null },
        plusHours(laterOf(inspection.lastDecidedAt!, linkAt), (1 + random.next() * 9) * DAY),
        inspector,
      );
  }
  if (random.chance(0.06)) {
    const at = officeHoursAfter(calendar, establishment.lastDecidedAt!, random.int(5, 60), random);
    establishment.run({ kind: 'close', closedOn: dayOf(at), reason: random.pick(COMMITMENT_CLOSURES) }, at, inspector);
  }
  return cases;
}
