import type { ActCode } from '../../penalties/src/domain/penalty-reference.js';
import type {
  AdministrativeAct,
  TipCategory,
  TipChannel,
  TipCommand,
  TipEvent,
  TipOutcome,
  TipState,
} from '../../tips/src/domain/tip-types.js';
import { CaseScript, type Actor } from './case-script.js';
import { dayOf, laterOf, officeHours, onDay, plusDays, plusHours, WINDOW_START } from './demo-clock.js';
import type { DemoCommune, DemoWorld } from './demo-world.js';
import { allegation, CLASSIFICATION_NOTES, NOTIFICATION_METHODS, SOURCE_AGENCIES, VERIFICATION_NOTES } from './demo-texts.js';
import { personName, phoneNumber } from './fictional-identities.js';
import { offendersFor, penaltyStory, type PenaltyScript } from './penalty-story.js';
import type { Random } from './random.js';

export type TipScript = CaseScript<TipCommand, TipEvent, TipState>;

export interface TipStoryOptions {
  receivedAt: Date;
  /** Where the reported activity is (an establishment's name and address); a generic place otherwise. */
  place?: string;
  category?: TipCategory;
  channel?: TipChannel;
  /** The tip was checked by an inspection: it closes after it, with the inspection's outcome (the penalty case is the inspection's). */
  settledBy?: { notBefore: Date; outcome: 'passed_to_administrative_handling' | 'not_substantiated'; suggestedAct?: AdministrativeAct };
  /** The id of the penalty case opened when the tip is passed to administrative handling. */
  penaltyCaseId: string;
}

const HOUR = 1;
const DAY = 24 * HOUR;

/** What tips about each category usually end in. */
const OUTCOMES: Record<TipCategory, Record<TipOutcome, number>> = {
  buying_selling_sex: { passed_to_administrative_handling: 60, not_substantiated: 30, not_opened: 10, criminal_case_opened: 0 },
  brokering: { passed_to_administrative_handling: 35, criminal_case_opened: 25, not_opened: 15, not_substantiated: 25 },
  harbouring: { passed_to_administrative_handling: 40, criminal_case_opened: 15, not_opened: 15, not_substantiated: 30 },
  organising: { criminal_case_opened: 40, passed_to_administrative_handling: 20, not_opened: 15, not_substantiated: 25 },
  trafficking_for_sexual_exploitation: {
    criminal_case_opened: 55,
    not_opened: 20,
    not_substantiated: 25,
    passed_to_administrative_handling: 0,
  },
  involving_minor: { criminal_case_opened: 60, not_opened: 15, not_substantiated: 25, passed_to_administrative_handling: 0 },
};

/** The Decree 282/2025 act a tip of each category is passed on under. */
const ACTS: Record<TipCategory, Partial<Record<AdministrativeAct, number>>> = {
  buying_selling_sex: { '32': 45, '33': 45, '34.1': 10 },
  brokering: { '34.4': 100 },
  harbouring: { '34.2': 60, '35.1': 40 },
  organising: { '34.3': 70, '35.2': 30 },
  trafficking_for_sexual_exploitation: { '34.3': 100 },
  involving_minor: { '34.3': 100 },
};

/**
 * A tip from receipt to its outcome on the legal timeline of CPC 2015 art. 144-149: most are
 * classified within 24 hours and settled within 20 days; some are transferred, extended (by the
 * agency, rarely also by the procuracy), suspended and resumed, closed late, or still open.
 * A tip passed to administrative handling is handed over and opens a penalty case.
 */
export function tipStory(
  world: DemoWorld,
  random: Random,
  commune: DemoCommune,
  tipId: string,
  options: TipStoryOptions,
): { tip: TipScript; penalty: PenaltyScript | null } {
  const tip: TipScript = new CaseScript(world.tips, tipId);
  const calendar = world.calendar;
  const { receivedAt } = options;
  const officer = random.pick(commune.officers);
  const supervisor = commune.supervisor;
  const channel = options.channel ?? random.weighted({ hotline: 40, in_person: 22, online: 28, transferred_from_agency: 10 });
  const kind =
    channel === 'transferred_from_agency'
      ? random.weighted({ report: 70, prosecution_proposal: 30 })
      : random.weighted({ denunciation: 35, report: 45, feedback: 20 });
  const anonymous = random.chance(channel === 'in_person' ? 0.05 : channel === 'transferred_from_agency' ? 0.3 : 0.45);
  const category =
    options.category ??
    random.weighted({
      buying_selling_sex: 42,
      brokering: 18,
      harbouring: 14,
      organising: 11,
      trafficking_for_sexual_exploitation: 9,
      involving_minor: 6,
    });
  const result = { tip, penalty: null as PenaltyScript | null };

  // Duties that run beside the main line (notices), done when their time comes.
  const duties: Array<{ at: Date; command: TipCommand; actor: Actor }> = [];
  const due = (at: Date) => duties.filter((d) => d.at.getTime() <= at.getTime()).sort((a, b) => a.at.getTime() - b.at.getTime());
  const step = (command: TipCommand, at: Date, actor: Actor = officer): boolean => {
    for (const duty of due(at)) {
      duties.splice(duties.indexOf(duty), 1);
      if (!tip.run(duty.command, duty.at, duty.actor)) return false;
    }
    return tip.run(command, at, actor);
  };
  const finish = () => {
    for (const duty of due(new Date(8.64e15))) if (!tip.run(duty.command, duty.at, duty.actor)) break;
    return result;
  };

  const reporter = anonymous
    ? {}
    : { reporter: { name: personName(random), ...(random.chance(0.8) ? { contact: phoneNumber(random) } : {}) } };
  const source = channel === 'transferred_from_agency' ? { sourceAgency: `${random.pick(SOURCE_AGENCIES)} ${commune.name}` } : {};
  const receipt: TipCommand = {
    type: 'ReceiveTip',
    tipId,
    jurisdiction: commune.code,
    channel,
    kind,
    receivedAt: receivedAt.toISOString(),
    allegation: allegation(random, category, options.place),
    anonymous,
    ...reporter,
    ...source,
  };
  if (!tip.run(receipt, plusHours(receivedAt, 0.1 + random.next()), officer)) return result;

  const procuracy = `Viện kiểm sát nhân dân khu vực ${random.int(1, 12)} - ${commune.provinceName}`;
  const notice = random.next();
  if (notice < 0.95)
    duties.push({
      at: plusHours(receivedAt, notice < 0.9 ? 4 + random.next() * 60 : 80 + random.next() * 100),
      command: { type: 'NotifyProcuracy', procuracy, documentRef: `${random.int(1, 900)}/TB-CA` },
      actor: officer,
    });
  if (!anonymous) {
    const days = random.chance(0.9) ? random.int(1, 3) : random.int(4, 8);
    duties.push({
      at: officeHours(calendar, dayOf(calendar.addWorkingDays(receivedAt, days)), random),
      command: { type: 'NotifyReporter', method: random.pick(NOTIFICATION_METHODS) },
      actor: officer,
    });
  }

  const classifyAt = plusHours(receivedAt, random.chance(0.93) ? 1 + random.next() * 19 : 26 + random.next() * 30);
  if (!step({ type: 'ClassifyTip', category, ...(random.chance(0.5) ? { note: random.pick(CLASSIFICATION_NOTES) } : {}) }, classifyAt))
    return finish();
  if (!options.settledBy && random.chance(0.04)) {
    const territory = random.chance(0.6);
    const receivingAgency = territory
      ? `Công an ${random.pick(world.communes.filter((c) => c.code !== commune.code)).fullName}`
      : `Phòng Cảnh sát hình sự Công an ${commune.provinceName}`;
    step(
      { type: 'TransferTip', receivingAgency, reason: territory ? 'not_competent_territory' : 'not_competent_subject_matter' },
      plusHours(classifyAt, 1 + random.next() * 4),
      supervisor,
    );
    // The procuracy is told by the receiving agency once the tip has left.
    duties.splice(0, duties.length, ...duties.filter((d) => d.command.type !== 'NotifyProcuracy'));
    return finish();
  }
  const assignAt = plusHours(classifyAt, 0.5 + random.next() * 6);
  if (!step({ type: 'AssignTip', assigneeId: officer.userId }, assignAt, supervisor)) return finish();
  const startAt = plusHours(assignAt, 0.5 + random.next() * 20);
  if (!step({ type: 'StartVerification', ...(random.chance(0.4) ? { note: random.pick(VERIFICATION_NOTES) } : {}) }, startAt))
    return finish();
  let assignee = officer;
  if (random.chance(0.05)) {
    assignee = random.pick(commune.officers.filter((o) => o.userId !== officer.userId));
    if (!step({ type: 'AssignTip', assigneeId: assignee.userId }, plusHours(startAt, (2 + random.next() * 4) * DAY), supervisor))
      return finish();
  }

  const firstDue = calendar.addDays(receivedAt, 20);
  const between = (from: Date, to: Date) =>
    to.getTime() <= from.getTime() ? from : new Date(from.getTime() + random.next() * (to.getTime() - from.getTime()));
  const closeWithin = (limit: Date): Date | null => {
    const since = tip.lastDecidedAt!;
    const roll = random.next();
    if (roll < 0.85) return between(plusHours(since, DAY), plusHours(limit, -2));
    return roll < 0.93 ? plusHours(limit, (1 + random.next() * 14) * DAY) : null;
  };
  let closeAt: Date | null;
  const path = options.settledBy
    ? 'settled'
    : random.weighted({ inTime: 64, extended: 15, procuracy: 3, suspended: 6, overdue: 6, late: 6 });
  switch (path) {
    case 'settled':
      closeAt = plusHours(laterOf(options.settledBy!.notBefore, tip.lastDecidedAt!), (1 + random.next() * 5) * DAY);
      break;
    case 'inTime':
      closeAt = between(plusHours(tip.lastDecidedAt!, DAY), plusHours(firstDue, -2));
      break;
    case 'late':
      closeAt = plusHours(firstDue, (1 + random.next() * 14) * DAY);
      break;
    case 'overdue':
      closeAt = null;
      break;
    case 'extended':
    case 'procuracy': {
      const extendAt = laterOf(plusHours(firstDue, -(1 + random.next() * 3) * DAY), plusHours(tip.lastDecidedAt!, 1));
      const agencyMaximum = dayOf(calendar.addMonths(receivedAt, 2));
      const until =
        path === 'procuracy'
          ? agencyMaximum
          : [dayOf(between(plusHours(firstDue, 7 * DAY), calendar.addMonths(receivedAt, 2))), agencyMaximum].sort()[0]!;
      if (extendAt.getTime() >= firstDue.getTime() || until <= dayOf(firstDue)) {
        closeAt = closeWithin(firstDue);
        break;
      }
      if (
        !step(
          { type: 'ExtendVerification', until, reason: random.weighted({ complex_circumstances: 60, multiple_locations: 40 }) },
          extendAt,
        )
      )
        return finish();
      let limit = new Date(Date.parse(`${until}T23:59:59.999+07:00`));
      if (path === 'procuracy') {
        const secondAt = plusHours(limit, -(1 + random.next() * 4) * DAY);
        const later = [plusDays(until, random.int(15, 55)), dayOf(calendar.addMonths(calendar.addMonths(receivedAt, 2), 2))].sort()[0]!;
        const ref = `${random.int(1, 300)}/QĐ-VKS`;
        if (
          !step(
            { type: 'ExtendVerification', until: later, reason: 'complex_circumstances', procuracyDecisionRef: ref },
            laterOf(secondAt, plusHours(tip.lastDecidedAt!, 1)),
          )
        )
          return finish();
        limit = new Date(Date.parse(`${later}T23:59:59.999+07:00`));
      }
      closeAt = closeWithin(limit);
      break;
    }
    case 'suspended': {
      const suspendAt = officeHours(calendar, plusDays(dayOf(firstDue), random.int(0, 3)), random);
      const ground = random.weighted({
        expert_examination_pending: 40,
        asset_valuation_pending: 10,
        foreign_legal_assistance_pending: 10,
        requested_documents_pending: 40,
      });
      if (!step({ type: 'SuspendTip', ground }, suspendAt)) return finish();
      if (!random.chance(0.8)) return finish();
      const resumeAt = officeHours(calendar, plusDays(dayOf(suspendAt), random.int(10, 45)), random);
      if (!step({ type: 'ResumeTip' }, resumeAt)) return finish();
      closeAt = closeWithin(calendar.addMonths(resumeAt, 1));
      break;
    }
    default:
      closeAt = null;
  }
  if (closeAt === null) return finish();

  const outcome = options.settledBy?.outcome ?? random.weighted(OUTCOMES[category]);
  const administrative = outcome === 'passed_to_administrative_handling';
  const act = administrative
    ? (options.settledBy?.suggestedAct ?? (random.weighted(ACTS[category] as Record<AdministrativeAct, number>) as AdministrativeAct))
    : null;
  const closing: TipCommand = {
    type: 'CloseTip',
    outcome,
    ...(act ? { suggestedAct: act } : {}),
    ...(outcome === 'criminal_case_opened' ? { criminalCaseRef: `${random.int(1, 200)}/QĐ-KTVA` } : {}),
    ...(random.chance(0.3) ? { note: random.pick(VERIFICATION_NOTES) } : {}),
  };
  if (!step(closing, closeAt, assignee) || !act) return finish();
  const handOverAt = plusHours(tip.lastDecidedAt!, random.chance(0.9) ? 2 + random.next() * 58 : (4 + random.next() * 2) * DAY);
  const authority = random.chance(0.5) ? `Chủ tịch UBND ${commune.fullName}` : `Trưởng Công an ${commune.fullName}`;
  if (
    !step(
      { type: 'HandOverToSanctioningOfficial', sanctioningAuthority: authority, documentRef: `${random.int(1, 900)}/CV-CA` },
      handOverAt,
      assignee,
    )
  )
    return finish();
  if (!options.settledBy) {
    const receiptDay = dayOf(receivedAt);
    const violationDate = [plusDays(receiptDay, -random.int(0, 2)), WINDOW_START].sort().reverse()[0]!;
    result.penalty = penaltyStory(world, random.fork('penalty'), commune, options.penaltyCaseId, {
      recordAt: laterOf(
        onDay(dayOf(plusHours(tip.lastDecidedAt!, 2 + random.next() * 46)), 8 + random.next() * 9),
        plusHours(tip.lastDecidedAt!, 1),
      ),
      violationDate,
      act: act as ActCode,
      ...offendersFor(random, act as ActCode, commune),
      tipId,
      recorder: assignee,
      policeLed: true,
    });
  }
  return finish();
}
