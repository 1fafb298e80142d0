import { deadlineDates, lateFee } from '../../penalties/src/domain/penalty-deadlines.js';
import {
  actIn,
  applicableBracket,
  competenceIn,
  tableInForce,
  type ActCode,
  type ActTable,
  type AdditionalMeasure,
  type OffenderType,
  type OfficialPosition,
} from '../../penalties/src/domain/penalty-reference.js';
import type { PenaltyCommand, PenaltyEvent, PenaltyState, PersonInput, SanctionInput } from '../../penalties/src/domain/penalty-types.js';
import { PENALTY_REFERENCE } from '../../penalties/src/domain/reference/procedure-rules.js';
import { CaseScript, type Actor } from './case-script.js';
import { dayOf, officeHours, onDay, plusDays, workingDaysAfter } from './demo-clock.js';
import type { DemoCommune, DemoWorld } from './demo-world.js';
import { EXPLANATIONS, PENALTY_SUMMARIES } from './demo-texts.js';
import { enterpriseCode, identityNumber, organisationName, personName, streetAddress } from './fictional-identities.js';
import type { Random } from './random.js';

export type PenaltyScript = CaseScript<PenaltyCommand, PenaltyEvent, PenaltyState>;

export interface ViolationInput {
  recordAt: Date;
  violationDate: string;
  act: ActCode;
  offenderType: OffenderType;
  people: PersonInput[];
  multiplePeopleAtOnce: boolean;
  tipId: string | null;
  recorder: Actor;
  /** Police cases are decided in the police's chain of competence, the others by the People's Committee chairs. */
  policeLed: boolean;
}

const PROCEDURE = PENALTY_REFERENCE.procedure;
const POLICE_CHAIN: readonly OfficialPosition[] = [
  'police_officer_on_duty',
  'police_station_or_team_head',
  'commune_police_chief',
  'provincial_police_department_head',
  'provincial_police_director',
];
const CIVIL_CHAIN: readonly OfficialPosition[] = ['commune_people_committee_chair', 'provincial_people_committee_chair'];

/** Who is on the record for an act: people found (some at once), one manager, or the business itself. */
export function offendersFor(
  random: Random,
  act: ActCode,
  commune: DemoCommune,
): Pick<ViolationInput, 'offenderType' | 'people' | 'multiplePeopleAtOnce'> {
  const person = (): PersonInput => ({
    subjectId: null,
    fullName: personName(random),
    idNumber: random.chance(0.9) ? identityNumber(random) : null,
    address: random.chance(0.85) ? streetAddress(random, commune.fullName) : null,
  });
  if (act === '35.1' || act === '35.2') {
    if (random.chance(0.5)) return { offenderType: 'individual', people: [person()], multiplePeopleAtOnce: false };
    return {
      offenderType: 'organisation',
      people: [
        {
          subjectId: null,
          fullName: organisationName(random),
          idNumber: enterpriseCode(random),
          address: streetAddress(random, commune.fullName),
        },
      ],
      multiplePeopleAtOnce: false,
    };
  }
  const count = act === '32' || act === '33' || act === '34.1' ? random.weighted({ 1: 60, 2: 25, 3: 15 }) : '1';
  const people = Array.from({ length: Number(count) }, person);
  return {
    offenderType: 'individual',
    people,
    multiplePeopleAtOnce: people.length > 1 && (act === '32' || act === '33') && random.chance(0.6),
  };
}

/**
 * A penalty case from the violation record to payment, enforcement or complaint, within the
 * time limits (the explanation window, the decision deadline, delivery, payment), with a few
 * cases that go otherwise: closed without a decision, paid late with the late fee, enforced.
 */
export function penaltyStory(world: DemoWorld, random: Random, commune: DemoCommune, caseId: string, input: ViolationInput): PenaltyScript {
  const script: PenaltyScript = new CaseScript(world.penalties, caseId);
  const calendar = world.calendar;
  const recordedOn = dayOf(input.recordAt);
  const official = commune.official;
  const officer = input.recorder;
  const at = (day: string) => officeHours(calendar, day, random);
  const dates = () => deadlineDates(script.state, calendar, PROCEDURE);
  const recorded = script.run(
    {
      kind: 'record_violation',
      jurisdiction: commune.code,
      violationDate: input.violationDate,
      recordedOn,
      act: input.act,
      multiplePeopleAtOnce: input.multiplePeopleAtOnce,
      offenderType: input.offenderType,
      people: input.people,
      tipId: input.tipId,
      summary: random.chance(0.8) ? random.pick(PENALTY_SUMMARIES) : null,
    },
    input.recordAt,
    officer,
  );
  if (!recorded) return script;

  if (random.chance(0.04)) {
    script.run(
      { kind: 'close', reason: random.weighted({ no_violation: 60, transferred_for_prosecution: 40 }) },
      at(workingDaysAfter(calendar, recordedOn, random.int(1, 5))),
      official,
    );
    return script;
  }
  const people = script.state.people.map((p) => p.subjectId);
  let explanationOpenUntil: string | null = null;
  let longer = false;
  if (script.state.explanationRight && random.chance(0.45)) {
    longer = true;
    const subjectId = random.pick(people);
    const requestDay = workingDaysAfter(calendar, recordedOn, random.int(0, 2));
    if (!script.run({ kind: 'request_explanation', subjectId }, at(requestDay), officer)) return script;
    if (
      random.chance(0.1) &&
      !script.run(
        { kind: 'extend_explanation', reason: 'Người vi phạm đề nghị thêm thời gian' },
        at(workingDaysAfter(calendar, requestDay, 1)),
        officer,
      )
    )
      return script;
    const due = dates().explanation!;
    if (random.chance(0.85)) {
      const candidate = workingDaysAfter(calendar, requestDay, random.int(1, 3));
      const receivedOn = candidate < due ? candidate : due;
      if (
        !script.run({ kind: 'record_explanation', subjectId, receivedOn, explanation: random.pick(EXPLANATIONS) }, at(receivedOn), officer)
      )
        return script;
    } else {
      explanationOpenUntil = due;
    }
  } else if (random.chance(0.1)) {
    longer = true;
    if (
      !script.run(
        { kind: 'require_verification', reason: 'Xác minh nhân thân và tình tiết vụ việc' },
        at(workingDaysAfter(calendar, recordedOn, random.int(1, 4))),
        officer,
      )
    )
      return script;
  }
  if (longer && random.chance(0.06)) {
    if (
      !script.run(
        { kind: 'extend_decision_deadline', reason: 'Vụ việc có nhiều tình tiết phức tạp' },
        at(workingDaysAfter(calendar, dayOf(script.lastDecidedAt!), 2)),
        official,
      )
    )
      return script;
  }
  if (random.chance(0.02)) {
    script.run({ kind: 'close', reason: 'time_barred' }, at(plusDays(dates().decision, random.int(1, 10))), official);
    return script;
  }

  const deadline = dates().decision;
  let earliest = dayOf(script.lastDecidedAt!);
  if (explanationOpenUntil !== null && plusDays(explanationOpenUntil, 1) > earliest) earliest = plusDays(explanationOpenUntil, 1);
  const target = longer ? workingDaysAfter(calendar, earliest, random.int(1, 8)) : workingDaysAfter(calendar, recordedOn, random.int(1, 6));
  const decideDay = [target < earliest ? earliest : target, deadline].sort()[0]!;
  const table = tableInForce(PENALTY_REFERENCE, input.violationDate)!;
  const { command, position } = decision(random, table, script.state, input.policeLed);
  // The position is the decider's identity's: provincial positions are held by a provincial official.
  const provincial =
    competenceIn(table, position)!.heldAt.includes('province') && !competenceIn(table, position)!.heldAt.includes('commune');
  const decider: Actor = provincial
    ? { userId: `demo-official-${commune.provinceCode}`, role: 'sanctioning_official', scope: commune.provinceCode, position }
    : { ...official, scope: commune.code, position };
  const decided = script.run(command, onDay(decideDay, 9 + random.next() * 7), decider);
  if (!decided) return script;

  const deliveredOn = workingDaysAfter(calendar, decideDay, random.chance(0.9) ? random.int(0, 2) : random.int(3, 6));
  if (!script.run({ kind: 'deliver', deliveredOn }, onDay(deliveredOn, 15 + random.next() * 2), official)) return script;
  const paymentDue = dates().payment!;
  // What follows delivery, in date order: each command states the day it is recorded on.
  const later: Array<{ day: string; command: PenaltyCommand }> = [];
  for (const sanction of script.state.decision!.sanctions) {
    if (sanction.sanction !== 'fine') continue;
    const fine = sanction.amount!;
    const { subjectId } = sanction;
    const fate = random.weighted({ onTime: 78, late: 8, unpaid: 14 });
    if (fate === 'onTime') {
      const paidOn = plusDays(deliveredOn, random.int(1, 10));
      later.push({ day: paidOn, command: { kind: 'record_payment', subjectId, paidOn, amountPaid: fine } });
    } else if (fate === 'late') {
      const paidOn = plusDays(paymentDue, random.int(1, 40));
      later.push({
        day: paidOn,
        command: { kind: 'record_payment', subjectId, paidOn, amountPaid: fine + lateFee(fine, paymentDue, paidOn, PROCEDURE).lateFee },
      });
    } else {
      const measure = random.weighted({ salary_deduction: 30, bank_account_deduction: 40, asset_seizure: 20, other: 10 });
      later.push({ day: plusDays(paymentDue, random.int(3, 30)), command: { kind: 'order_enforcement', subjectId, measure } });
    }
  }
  if (random.chance(0.05)) {
    const receivedOn = plusDays(deliveredOn, random.int(3, 60));
    later.push({ day: receivedOn, command: { kind: 'record_complaint', subjectId: random.pick(people), receivedOn } });
  }
  later.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  for (const { day, command } of later) if (!script.run(command, onDay(day, 9 + random.next() * 7), official)) break;
  return script;
}

/** The decision: a position competent for the act's highest fine, fines inside the bracket, allowed measures. */
function decision(
  random: Random,
  table: ActTable,
  state: PenaltyState,
  policeLed: boolean,
): { command: PenaltyCommand; position: OfficialPosition } {
  const act = actIn(table, state.act!)!;
  const bracket = applicableBracket(table, act, state.multiplePeopleAtOnce, state.offenderType!);
  const individualMax = applicableBracket(table, act, state.multiplePeopleAtOnce, 'individual').max;
  const competent = (policeLed ? POLICE_CHAIN : CIVIL_CHAIN).filter((p) => competenceIn(table, p)!.individualLimit >= individualMax);
  const fallback = POLICE_CHAIN.filter((p) => competenceIn(table, p)!.individualLimit >= individualMax);
  const chain = competent.length > 0 ? competent : fallback;
  const position = chain[random.chance(0.2) && chain.length > 1 ? 1 : 0]!;
  const sanctions: SanctionInput[] = state.people.map((p) => {
    if (bracket.warningAllowed && random.chance(0.3)) return { subjectId: p.subjectId, sanction: 'warning', amount: null };
    const level = random.weighted({ middle: 50, minimum: 30, other: 20 });
    const raw =
      level === 'minimum'
        ? bracket.min
        : level === 'middle'
          ? (bracket.min + bracket.max) / 2
          : bracket.min + random.next() * (bracket.max - bracket.min);
    const amount = Math.min(bracket.max, Math.max(bracket.min, Math.round(raw / 50_000) * 50_000));
    return { subjectId: p.subjectId, sanction: 'fine', amount };
  });
  const chance: Record<AdditionalMeasure, number> = {
    confiscation: 0.4,
    expulsion: 0.02,
    return_illegal_gains: 0.5,
    security_permit_withdrawal: state.offenderType === 'organisation' ? 0.6 : 0.3,
  };
  const additionalMeasures = act.additionalMeasures.filter((m) => random.chance(chance[m]));
  return { command: { kind: 'decide', decisionNumber: `${random.int(1, 480)}/QĐ-XPHC`, sanctions, additionalMeasures }, position };
}
