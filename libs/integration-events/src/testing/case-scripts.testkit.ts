/**
 * Realistic case histories of every enforcement context and of the support compartment, with a
 * distinct personal value in every personal and sensitive field, run either in memory through
 * the deciders or through the real CaseCommands pipeline (encryption, policy, append).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { caseStream } from '../../../access/src/application/case-records.js';
import type { Principal } from '../../../access/src/domain/roles.js';
import type { CaseCommands, CaseContext, CommandResult } from '../../../case-kernel/src/application/case-commands.js';
import type { DomainEvent } from '../../../case-kernel/src/domain/decider.js';
import { VN_PUBLIC_HOLIDAYS } from '../../../case-kernel/src/domain/vn-public-holidays.js';
import { WorkingCalendar } from '../../../case-kernel/src/domain/working-calendar.js';
import { establishmentsContext } from '../../../establishments/src/establishments-context.js';
import type { RecordedEvent } from '../../../event-store/src/port.js';
import { hotspotsContext } from '../../../hotspots/src/hotspots-context.js';
import { inspectionsContext } from '../../../inspections/src/inspections-context.js';
import { outreachContext } from '../../../outreach/src/outreach-context.js';
import { penaltiesContext } from '../../../penalties/src/penalties-context.js';
import { supportCasesContext } from '../../../support/src/support-cases-context.js';
import { tipsContext } from '../../../tips/src/tips-context.js';
import { PLATFORM_UPCASTERS, toCurrentDomainEvent } from '../../../upcasting/src/platform-upcasters.js';

// Steps of every context share one list, so the context is typed loosely here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyContext = CaseContext<any, any, any>;

export interface ScriptStep {
  context: AnyContext;
  caseId: string;
  command: unknown;
  /** When the command is given (ISO instant). */
  at: string;
  actor: Principal;
}

const calendar = new WorkingCalendar(VN_PUBLIC_HOLIDAYS);
export const CONTEXTS = {
  tips: tipsContext(calendar),
  penalties: penaltiesContext(calendar),
  establishments: establishmentsContext,
  inspections: inspectionsContext,
  hotspots: hotspotsContext,
  support: supportCasesContext,
  outreach: outreachContext,
} as const;

/** A commune of Hà Nội (01) and its province; the scope test helpers use these. */
export const UNIT = '10015';
const PARENT: Record<string, string> = { [UNIT]: '01', '01': 'VN' };
export const contains = (scope: string, code: string): boolean =>
  code === scope || (PARENT[code] !== undefined && contains(scope, PARENT[code]!));

const person = (userId: string, role: Principal['grants'][number]['role']): Principal => ({ userId, grants: [{ role, scope: '01' }] });
export const ACTORS = {
  supervisor: person('supervisor-1', 'police_supervisor'),
  officer: person('officer-1', 'police_officer'),
  // Over province 01, the position its identity provider states for it.
  official: {
    userId: 'official-1',
    grants: [{ role: 'sanctioning_official' as const, scope: '01', position: 'provincial_people_committee_chair' }],
  },
  inspector: person('inspector-1', 'inspector'),
  socialWorker: person('social-worker-1', 'social_worker'),
};

/** A personal value no other field holds: `what` and a random tag. */
const secret = (what: string) => `${what} ${randomBytes(6).toString('hex')}`;

/** The tip, penalty case, establishment, inspection and hotspot of one story, each through its whole life. */
export function enforcementScript(): ScriptStep[] {
  const { tips, penalties, establishments, inspections, hotspots } = CONTEXTS;
  const { supervisor, officer, official, inspector } = ACTORS;
  const tip = randomUUID();
  const penalty = randomUUID();
  const place = randomUUID();
  const check = randomUUID();
  const spot = randomUUID();
  const [personA, personB, owner] = [`penalised-${randomUUID()}`, `penalised-${randomUUID()}`, `subj-${randomUUID()}`];
  return [
    {
      context: tips,
      caseId: tip,
      at: '2026-03-02T02:00:00.000Z',
      actor: supervisor,
      command: {
        type: 'ReceiveTip',
        tipId: tip,
        jurisdiction: UNIT,
        channel: 'hotline',
        kind: 'denunciation',
        receivedAt: '2026-03-02T01:30:00.000Z',
        allegation: secret('Tố giác môi giới tại quán karaoke'),
        anonymous: false,
        reporter: { name: secret('Trần Thị Báo'), contact: secret('09') },
      },
    },
    {
      context: tips,
      caseId: tip,
      at: '2026-03-02T05:00:00.000Z',
      actor: supervisor,
      command: { type: 'ClassifyTip', category: 'brokering', note: secret('Ghi chú phân loại') },
    },
    {
      context: tips,
      caseId: tip,
      at: '2026-03-02T06:00:00.000Z',
      actor: supervisor,
      command: { type: 'AssignTip', assigneeId: supervisor.userId },
    },
    {
      context: tips,
      caseId: tip,
      at: '2026-03-03T02:00:00.000Z',
      actor: supervisor,
      command: { type: 'StartVerification', note: secret('Xác minh tại nhà') },
    },
    {
      context: tips,
      caseId: tip,
      at: '2026-03-10T02:00:00.000Z',
      actor: supervisor,
      command: { type: 'CloseTip', outcome: 'passed_to_administrative_handling', suggestedAct: '32', note: secret('Kết luận xác minh') },
    },
    {
      context: penalties,
      caseId: penalty,
      at: '2026-03-03T02:00:00.000Z',
      actor: officer,
      command: {
        kind: 'record_violation',
        jurisdiction: UNIT,
        violationDate: '2026-03-02',
        recordedOn: '2026-03-03',
        act: '35.1',
        multiplePeopleAtOnce: false,
        offenderType: 'individual',
        people: [
          { subjectId: personA, fullName: secret('Nguyễn Văn An'), idNumber: secret('0012'), address: secret('Thôn Đông') },
          { subjectId: personB, fullName: secret('Lê Văn Bình'), idNumber: secret('0013'), address: secret('Thôn Tây') },
        ],
        tipId: tip,
        summary: secret('Biên bản tại nhà nghỉ'),
      },
    },
    {
      context: penalties,
      caseId: penalty,
      at: '2026-03-04T02:00:00.000Z',
      actor: official,
      command: { kind: 'request_explanation', subjectId: personA },
    },
    {
      context: penalties,
      caseId: penalty,
      at: '2026-03-06T02:00:00.000Z',
      actor: official,
      command: { kind: 'record_explanation', subjectId: personA, receivedOn: '2026-03-06', explanation: secret('Lời giải trình') },
    },
    {
      context: penalties,
      caseId: penalty,
      at: '2026-03-10T02:00:00.000Z',
      actor: official,
      command: {
        kind: 'decide',
        position: 'commune_people_committee_chair',
        decisionNumber: '12/QĐ-XPHC',
        sanctions: [
          { subjectId: personA, sanction: 'fine', amount: 20_000_000 },
          { subjectId: personB, sanction: 'fine', amount: 25_000_000 },
        ],
        additionalMeasures: [],
      },
    },
    {
      context: penalties,
      caseId: penalty,
      at: '2026-03-11T02:00:00.000Z',
      actor: official,
      command: { kind: 'deliver', deliveredOn: '2026-03-11' },
    },
    {
      context: establishments,
      caseId: place,
      at: '2026-03-02T03:00:00.000Z',
      actor: inspector,
      command: {
        kind: 'register',
        commune: UNIT,
        establishmentType: 'karaoke',
        businessName: secret('Karaoke Hoa'),
        address: secret('Số 1 đường Làng'),
        businessLicenceNumber: secret('GP'),
        securityPermitNumber: null,
        ownerSubjectId: owner,
        ownerName: secret('Phạm Thị Chủ'),
        ownerContact: secret('098'),
      },
    },
    {
      context: establishments,
      caseId: place,
      at: '2026-03-03T03:00:00.000Z',
      actor: inspector,
      command: { kind: 'classify_risk', riskClass: 'high', reason: secret('Nhiều phòng kín') },
    },
    {
      context: establishments,
      caseId: place,
      at: '2026-03-04T03:00:00.000Z',
      actor: inspector,
      command: { kind: 'sign_commitment', signedOn: '2026-03-04', commune: UNIT },
    },
    {
      context: establishments,
      caseId: place,
      at: '2026-06-01T03:00:00.000Z',
      actor: inspector,
      command: { kind: 'close', closedOn: '2026-06-01', reason: secret('Ngừng kinh doanh') },
    },
    {
      context: inspections,
      caseId: check,
      at: '2026-03-05T03:00:00.000Z',
      actor: inspector,
      command: {
        kind: 'plan',
        establishmentId: place,
        jurisdiction: UNIT,
        mode: 'scheduled',
        triggeringTipId: null,
        plannedDate: '2026-03-09',
      },
    },
    {
      context: inspections,
      caseId: check,
      at: '2026-03-09T08:00:00.000Z',
      actor: inspector,
      command: {
        kind: 'conduct',
        conductedOn: '2026-03-09',
        members: [
          { agency: 'police', name: secret('Đỗ Văn Một'), subjectId: null },
          { agency: 'health', name: secret('Vũ Thị Hai'), subjectId: null },
          { agency: 'culture', name: secret('Hồ Văn Ba'), subjectId: null },
        ],
        findings: 'violations',
        violationDescription: secret('Phát hiện vi phạm'),
      },
    },
    {
      context: inspections,
      caseId: check,
      at: '2026-03-10T08:00:00.000Z',
      actor: inspector,
      command: { kind: 'link_penalty_case', penaltyCaseId: penalty },
    },
    {
      context: inspections,
      caseId: check,
      at: '2026-03-12T08:00:00.000Z',
      actor: inspector,
      command: { kind: 'close', note: secret('Kết thúc kiểm tra') },
    },
    {
      context: hotspots,
      caseId: spot,
      at: '2026-03-02T04:00:00.000Z',
      actor: inspector,
      command: {
        kind: 'identify',
        jurisdiction: UNIT,
        hotspotKind: 'street',
        locationDescription: secret('Ngõ chợ'),
        identifiedOn: '2026-03-02',
      },
    },
    {
      context: hotspots,
      caseId: spot,
      at: '2026-03-05T04:00:00.000Z',
      actor: inspector,
      command: { kind: 'start_treatment', plan: secret('Kế hoạch xử lý'), startedOn: '2026-03-05' },
    },
    {
      context: hotspots,
      caseId: spot,
      at: '2026-05-05T04:00:00.000Z',
      actor: inspector,
      command: { kind: 'eradicate', eradicatedOn: '2026-05-05' },
    },
    {
      context: hotspots,
      caseId: spot,
      at: '2026-09-05T04:00:00.000Z',
      actor: inspector,
      command: { kind: 'reactivate', reactivatedOn: '2026-09-05', reason: secret('Tái hoạt động') },
    },
  ];
}

/** An outreach referral made by a police officer and a support case opened and screened by a social worker. */
export function supportScript(): ScriptStep[] {
  const { support, outreach } = CONTEXTS;
  const { officer, socialWorker } = ACTORS;
  const referral = randomUUID();
  const supportCase = randomUUID();
  return [
    {
      context: outreach,
      caseId: referral,
      at: '2026-03-03T03:00:00.000Z',
      actor: officer,
      command: {
        kind: 'refer',
        jurisdiction: UNIT,
        contactHint: secret('Gọi số'),
        preferredLanguage: 'vi',
        preferredTime: secret('Buổi chiều'),
        needsMentioned: secret('Cần tư vấn'),
      },
    },
    {
      context: support,
      caseId: supportCase,
      at: '2026-03-04T03:00:00.000Z',
      actor: socialWorker,
      command: {
        type: 'OpenSupportCase',
        caseId: supportCase,
        jurisdiction: UNIT,
        channel: 'walk_in',
        contactedOn: '2026-03-04',
        assigneeId: socialWorker.userId,
        serviceUser: { name: secret('Người được hỗ trợ'), contact: secret('097'), birthYear: 1998, address: secret('Xóm Bắc') },
        note: secret('Lần gặp đầu'),
      },
    },
    {
      context: support,
      caseId: supportCase,
      at: '2026-03-04T04:00:00.000Z',
      actor: socialWorker,
      command: {
        type: 'GiveConsent',
        purpose: 'case_management',
        wordingVersion: 'v1',
        method: 'verbal_witnessed',
        witness: secret('Người làm chứng'),
        givenOn: '2026-03-04',
      },
    },
    {
      context: support,
      caseId: supportCase,
      at: '2026-03-05T03:00:00.000Z',
      actor: socialWorker,
      command: {
        type: 'ScreenNeeds',
        needs: ['psychological_counselling'],
        healthNotes: secret('Ghi chú sức khỏe'),
        note: secret('Nhu cầu'),
        screenedOn: '2026-03-05',
      },
    },
  ];
}

/** A stored-like event made in memory: what a decider decided, with the envelope fields the relay reads. */
export type MemoryEvent = Pick<RecordedEvent, 'id' | 'streamId' | 'type' | 'schemaVersion' | 'data' | 'revision' | 'checkpoint'> & {
  metadata: Pick<RecordedEvent['metadata'], 'occurredAt'>;
};

/** Runs the steps through the deciders only (no encryption): the events in the order they were decided. */
export function runInMemory(steps: readonly ScriptStep[]): MemoryEvent[] {
  const streams = new Map<string, MemoryEvent[]>();
  const log: MemoryEvent[] = [];
  for (const step of steps) {
    const streamId = caseStream(step.context.kind, step.caseId);
    const history = streams.get(streamId) ?? [];
    const state = history.reduce((s, e) => step.context.decider.evolve(s, toCurrentDomainEvent(e)), step.context.decider.initialState);
    const decided: DomainEvent[] = step.context.decider.decide(step.command, state, {
      now: new Date(step.at),
      actorId: step.actor.userId,
      roles: step.actor.grants.map((g) => g.role),
      grants: step.actor.grants,
      newId: randomUUID,
    });
    for (const event of decided) {
      const recorded: MemoryEvent = {
        id: randomUUID(),
        streamId,
        type: event.type,
        schemaVersion: PLATFORM_UPCASTERS.currentVersion(event.type),
        data: event.data as RecordedEvent['data'],
        revision: history.length,
        checkpoint: String(log.length + 1),
        metadata: { occurredAt: step.at },
      };
      history.push(recorded);
      log.push(recorded);
    }
    streams.set(streamId, history);
  }
  return log;
}

/**
 * Runs the steps through the real pipeline. `setClock` moves the clock CaseCommands was built
 * with to each step's time, so that legal time limits are met as in the script.
 */
export async function runThroughPipeline(
  commands: CaseCommands,
  setClock: (at: Date) => void,
  steps: readonly ScriptStep[],
): Promise<CommandResult[]> {
  const results: CommandResult[] = [];
  for (const [index, step] of steps.entries()) {
    setClock(new Date(step.at));
    results.push(
      await commands.execute(step.context, {
        caseId: step.caseId,
        command: step.command,
        caller: { principal: step.actor, purpose: 'case_handling', correlationId: randomUUID() },
        expectedRevision: null,
        idempotencyKey: `script-${step.caseId}-${index}`,
      }),
    );
  }
  return results;
}
