import type { DecisionContext } from '../../../case-kernel/src/domain/decider.js';
import { vnDate } from '../../../case-kernel/src/domain/working-calendar.js';
import { requireUndecided, type Deps } from './penalty-decide-record.js';
import { deadlineDates, type PenaltyDeadlineDates } from './penalty-deadlines.js';
import { invalidState, ruleViolated } from './penalty-errors.js';
import { sanctionTotals } from './penalty-sanction-totals.js';
import {
  actIn,
  applicableBracket,
  competenceIn,
  tableById,
  type ActEntry,
  type ActTable,
  type CompetenceEntry,
  type ScopeLevel,
} from './penalty-reference.js';
import type { PenaltyCommand, PenaltyEvent, PenaltyState } from './penalty-types.js';

type Command<K extends PenaltyCommand['kind']> = Extract<PenaltyCommand, { kind: K }>;

const vnd = (n: number) => `${n.toLocaleString('en-US')} VND`;
const dong = (n: number) => `${n.toLocaleString('vi-VN')} đồng`;

function decisionDeadlineOpen(dates: PenaltyDeadlineDates, today: string): void {
  if (today > dates.decision) {
    throw ruleViolated(
      'decision_deadline_passed',
      `The time limit for deciding ended on ${dates.decision}: 7 working days from the record, 1 month with explanation or verification, extendable once by 1 month (Law on Handling Administrative Violations, art. 66)`,
      `Thời hạn ra quyết định xử phạt đã hết ngày ${dates.decision}: 07 ngày làm việc kể từ ngày lập biên bản, 01 tháng nếu có giải trình hoặc xác minh, gia hạn không quá 01 tháng (Luật Xử lý vi phạm hành chính, Điều 66)`,
      { dueOn: dates.decision },
    );
  }
}

function limitationRunning(dates: PenaltyDeadlineDates, state: PenaltyState, today: string): void {
  if (today > dates.limitation) {
    throw ruleViolated(
      'limitation_expired',
      `The limitation period of 1 year from the violation on ${state.violationDate} ended on ${dates.limitation}: no penalty may be decided (Law on Handling Administrative Violations, art. 6)`,
      `Thời hiệu xử phạt 01 năm kể từ ngày vi phạm ${state.violationDate} đã hết ngày ${dates.limitation}: không được xử phạt (Luật Xử lý vi phạm hành chính, Điều 6)`,
      { violationDate: state.violationDate, limitationEnded: dates.limitation },
    );
  }
}

export function requireVerification(
  command: Command<'require_verification'>,
  state: PenaltyState,
  context: DecisionContext,
  { calendar, reference }: Deps,
): PenaltyEvent[] {
  requireUndecided(state);
  if (state.verificationRequired)
    throw invalidState('verification_already_required', 'Verification was already required', 'Đã yêu cầu xác minh');
  decisionDeadlineOpen(deadlineDates(state, calendar, reference.procedure), vnDate(context.now));
  const dueOn = deadlineDates({ ...state, verificationRequired: true }, calendar, reference.procedure).decision;
  return [{ type: 'penalty.verification_required', data: { reason: command.reason, dueOn } }];
}

export function extendDecisionDeadline(
  command: Command<'extend_decision_deadline'>,
  state: PenaltyState,
  context: DecisionContext,
  { calendar, reference }: Deps,
): PenaltyEvent[] {
  requireUndecided(state);
  if (state.explanation.requestedBy.length === 0 && !state.verificationRequired) {
    throw ruleViolated(
      'extension_not_applicable',
      'The time limit for deciding may be extended only in especially complex cases with explanation or verification (Law on Handling Administrative Violations, art. 66.1)',
      'Chỉ gia hạn thời hạn ra quyết định đối với vụ việc đặc biệt phức tạp có giải trình hoặc xác minh (Luật Xử lý vi phạm hành chính, Điều 66)',
    );
  }
  if (state.decisionDeadlineExtended)
    throw invalidState(
      'decision_deadline_already_extended',
      'The time limit for deciding was already extended once (art. 66.1)',
      'Thời hạn ra quyết định đã được gia hạn một lần (Điều 66)',
    );
  decisionDeadlineOpen(deadlineDates(state, calendar, reference.procedure), vnDate(context.now));
  const dueOn = deadlineDates({ ...state, decisionDeadlineExtended: true }, calendar, reference.procedure).decision;
  return [{ type: 'penalty.decision_deadline_extended', data: { reason: command.reason, dueOn } }];
}

export function decidePenalty(
  command: Command<'decide'>,
  state: PenaltyState,
  context: DecisionContext,
  { calendar, reference }: Deps,
): PenaltyEvent[] {
  requireUndecided(state);
  const today = vnDate(context.now);
  const table = tableById(reference, state.referenceTable!);
  const act = table ? actIn(table, state.act!) : null;
  if (!table || !act)
    throw ruleViolated(
      'no_reference_table',
      `The reference table ${state.referenceTable} of this case is not loaded`,
      `Chưa nạp bảng tra cứu ${state.referenceTable} của hồ sơ này`,
    );
  const official = officialPosition(table, context);
  const dates = deadlineDates(state, calendar, reference.procedure);
  limitationRunning(dates, state, today);
  decisionDeadlineOpen(dates, today);
  const waiting = state.explanation.requestedBy.filter((s) => !state.explanation.received.some((r) => r.subjectId === s));
  if (waiting.length > 0 && dates.explanation !== null && today <= dates.explanation) {
    throw ruleViolated(
      'explanation_pending',
      `A person who asked to explain may still do so until ${dates.explanation}: decide after the explanation or that day (Law on Handling Administrative Violations, art. 61)`,
      `Người vi phạm đã yêu cầu giải trình vẫn còn thời hạn đến ngày ${dates.explanation}: chỉ ra quyết định sau khi nhận giải trình hoặc hết thời hạn (Luật Xử lý vi phạm hành chính, Điều 61)`,
      { dueOn: dates.explanation },
    );
  }
  checkSanctions(command, state, table, act);
  const competenceLimit = checkCompetence(command, state, table, act, official);
  const extra = command.additionalMeasures.find((m) => !act.additionalMeasures.includes(m));
  if (extra !== undefined || new Set(command.additionalMeasures).size !== command.additionalMeasures.length) {
    throw ruleViolated(
      'measure_not_allowed',
      `Act ${act.code} of ${table.sourceEn} allows only these additional measures, each once: ${act.additionalMeasures.join(', ') || 'none'}`,
      `Hành vi ${act.code} của ${table.sourceVi} chỉ cho phép các biện pháp: ${act.additionalMeasures.join(', ') || 'không có'}`,
      { measure: extra ?? null },
    );
  }
  const sanctions = command.sanctions.map((s) => ({
    subjectId: s.subjectId,
    sanction: s.sanction,
    amount: s.sanction === 'fine' ? s.amount : null,
  }));
  return [
    {
      type: 'penalty.decided',
      data: {
        decidedOn: today,
        decisionNumber: command.decisionNumber,
        position: official.position,
        competenceLimit,
        referenceTable: table.id,
        sanctions,
        additionalMeasures: command.additionalMeasures,
        ...sanctionTotals(sanctions),
      },
    },
  ];
}

/** One sanction per person on the record; warnings only where the act allows them; fines within the bracket. */
function checkSanctions(command: Command<'decide'>, state: PenaltyState, table: ActTable, act: ActEntry): void {
  const named = command.sanctions.map((s) => s.subjectId);
  if (
    named.length !== state.people.length ||
    new Set(named).size !== named.length ||
    !state.people.every((p) => named.includes(p.subjectId))
  ) {
    throw ruleViolated(
      'sanctions_must_cover_each_person',
      'The decision states one sanction for each person on the violation record, and no one else',
      'Quyết định phải nêu một hình thức xử phạt cho từng người trong biên bản, không thêm người khác',
      { people: state.people.length, sanctions: named.length },
    );
  }
  const bracket = applicableBracket(table, act, state.multiplePeopleAtOnce, state.offenderType!);
  for (const s of command.sanctions) {
    if (s.sanction === 'warning' && !bracket.warningAllowed) {
      throw ruleViolated(
        'warning_not_allowed',
        `${table.sourceEn} allows no warning for act ${act.code} in this bracket: a fine is required`,
        `${table.sourceVi} không quy định cảnh cáo cho hành vi ${act.code} ở khung này: phải phạt tiền`,
        { act: act.code },
      );
    }
    if (s.sanction === 'fine' && (s.amount === null || !Number.isInteger(s.amount) || s.amount < bracket.min || s.amount > bracket.max)) {
      throw ruleViolated(
        'fine_out_of_range',
        `For act ${act.code} (${state.offenderType}${state.multiplePeopleAtOnce ? ', two or more people at once' : ''}) ${table.sourceEn} sets a fine of ${vnd(bracket.min)} to ${vnd(bracket.max)}`,
        `Đối với hành vi ${act.code} (${state.offenderType === 'organisation' ? 'tổ chức' : 'cá nhân'}), ${table.sourceVi} quy định mức phạt từ ${dong(bracket.min)} đến ${dong(bracket.max)}`,
        { act: act.code, min: bracket.min, max: bracket.max, given: s.amount },
      );
    }
  }
}

/** The competence limit for this case (art. 52.2: organisations ×2): what the decision records as applied. */
export function competenceLimitFor(official: CompetenceEntry, state: Pick<PenaltyState, 'offenderType'>, table: ActTable): number {
  return official.individualLimit * (state.offenderType === 'organisation' ? table.organisationMultiplier : 1);
}

/**
 * The position the decision is made in, from the decider's verified grants over the case: a
 * position of the reference table, held by a role that may hold it, at a level of scope where it
 * exists (a commune scope cannot hold a provincial position). With several, the widest competence.
 */
export function officialPosition(table: ActTable, context: DecisionContext): CompetenceEntry {
  const grants = context.grants ?? [];
  const held = grants.filter((g) => g.position !== undefined);
  const usable = held.flatMap((g) => positionsHeldBy(table, g.role, g.scope).filter((e) => e.position === g.position));
  if (usable.length > 0) return usable.reduce((best, e) => (e.individualLimit > best.individualLimit ? e : best));
  if (held.some((g) => competenceIn(table, g.position!))) {
    throw ruleViolated(
      'position_not_held_at_scope',
      `The position in your identity does not exist at the level of your scope, or not for your role (${table.sourceEn}; Law on Handling Administrative Violations, arts. 38-52)`,
      `Chức danh trong tài khoản của bạn không có ở cấp địa bàn hoặc vai trò của bạn (${table.sourceVi}; Luật Xử lý vi phạm hành chính, Điều 38-52)`,
    );
  }
  throw ruleViolated(
    'no_sanctioning_position',
    `Only a sanctioning official whose identity states a position of ${table.sourceEn}, in the case's jurisdiction, may decide a penalty (Law on Handling Administrative Violations, arts. 38-52)`,
    `Chỉ người có thẩm quyền xử phạt có chức danh theo ${table.sourceVi} trong tài khoản, tại địa bàn của hồ sơ, mới được ra quyết định xử phạt (Luật Xử lý vi phạm hành chính, Điều 38-52)`,
  );
}

/** The positions of the table a grant of `role` over `scope` can hold: its role may hold them, and they exist at the scope's level. */
export function positionsHeldBy(table: ActTable, role: string, scope: string): CompetenceEntry[] {
  return table.competence.filter((e) => e.statedBy.includes(role) && e.heldAt.includes(scopeLevel(scope)));
}

/** The level of a scope from its official code (provinces two digits, communes five). */
function scopeLevel(scope: string): ScopeLevel {
  return scope === 'VN' ? 'country' : /^\d{2}$/.test(scope) ? 'province' : 'commune';
}

/** Law art. 52.2: competence to fine is set by the highest fine of the act's bracket; organisations ×2. Answers the limit applied. */
function checkCompetence(
  command: Command<'decide'>,
  state: PenaltyState,
  table: ActTable,
  act: ActEntry,
  official: CompetenceEntry,
): number {
  const limit = competenceLimitFor(official, state, table);
  if (!command.sanctions.some((s) => s.sanction === 'fine')) return limit;
  const bracket = applicableBracket(table, act, state.multiplePeopleAtOnce, state.offenderType!);
  const highest = Math.max(bracket.max, ...command.sanctions.map((s) => s.amount ?? 0));
  if (highest > limit) {
    throw ruleViolated(
      'beyond_competence',
      `A ${official.titleEn} may fine ${state.offenderType === 'organisation' ? 'an organisation' : 'an individual'} up to ${vnd(limit)} for one act; act ${act.code} carries fines up to ${vnd(bracket.max)}, which is beyond this competence (Law on Handling Administrative Violations, art. 52.2; ${table.sourceEn})`,
      `${official.titleVi} được phạt tiền đến ${dong(limit)} đối với một hành vi; hành vi ${act.code} có mức phạt tối đa ${dong(bracket.max)}, vượt thẩm quyền (Luật Xử lý vi phạm hành chính, Điều 52; ${table.sourceVi})`,
      { position: official.position, limit, actMaximum: bracket.max },
    );
  }
  return limit;
}

export function closeWithoutDecision(
  command: Command<'close'>,
  state: PenaltyState,
  context: DecisionContext,
  { calendar, reference }: Deps,
): PenaltyEvent[] {
  requireUndecided(state);
  const today = vnDate(context.now);
  const dates = deadlineDates(state, calendar, reference.procedure);
  if (command.reason === 'time_barred' && today <= dates.limitation && today <= dates.decision) {
    throw ruleViolated(
      'not_time_barred',
      `A penalty may still be decided until ${dates.decision < dates.limitation ? dates.decision : dates.limitation}`,
      `Vẫn còn thời hạn ra quyết định xử phạt đến ngày ${dates.decision < dates.limitation ? dates.decision : dates.limitation}`,
    );
  }
  return [{ type: 'penalty.closed_without_decision', data: { reason: command.reason, closedOn: today } }];
}
