import fc from 'fast-check';
import { DomainError } from '../../../case-kernel/src/domain/decider.js';
import { vnDate } from '../../../case-kernel/src/domain/working-calendar.js';
import { TIP_FIELD_SCHEMAS } from '../tips-context.js';
import {
  ASSIGNED,
  CLASSIFIED,
  context,
  decider,
  history,
  RECEIVED,
  refusal,
  stateOf,
  underVerification,
  VERIFYING,
  when,
  type Step,
} from './tip-scenario.testkit.js';
import { PROSECUTION_RESOLUTIONS, TIP_OUTCOMES, type TipCommand, type TipEvent, type TipState } from './tip-types.js';

/** Closed with a criminal case at 01:00 on 10 March 2026 in Vietnam (still 9 March in UTC). */
const CASE_OPENED: Step = [
  { type: 'CloseTip', outcome: 'criminal_case_opened', criminalCaseRef: '01/QĐ-KTVA' },
  '2026-03-09T18:00:00.000Z',
];
const sendFile = (sentOn: string, overrides: Partial<Extract<TipCommand, { type: 'RecordProsecutionFile' }>> = {}): TipCommand => ({
  type: 'RecordProsecutionFile',
  sentOn,
  procuracy: 'VKSND tỉnh Gia Lai',
  fileRef: '15/KLĐT',
  ...overrides,
});
const outcome = (
  resolvedOn: string,
  lawful = true,
  resolution: 'indicted' | 'returned_for_further_investigation' | 'suspended' | 'discontinued' = 'indicted',
): TipCommand => ({
  type: 'RecordProsecutionOutcome',
  resolvedOn,
  resolution,
  lawful,
});
const FILE_SENT: Step = [sendFile('2026-04-01'), '2026-04-01T03:00:00.000Z'];
const caseOpened = () => history(RECEIVED, CLASSIFIED, ASSIGNED, VERIFYING, CASE_OPENED);
const fileSent = () => history(RECEIVED, CLASSIFIED, ASSIGNED, VERIFYING, CASE_OPENED, FILE_SENT);

describe('tip prosecution file: sent to the procuracy recommending prosecution', () => {
  it('given a tip closed with a criminal case, when the file is sent, then the day, procuracy and file number are recorded', () => {
    const events = when(caseOpened(), ...FILE_SENT);
    expect(events).toEqual([
      {
        type: 'tip.prosecution_file_sent',
        data: { at: FILE_SENT[1], sentOn: '2026-04-01', procuracy: 'VKSND tỉnh Gia Lai', fileRef: '15/KLĐT' },
      },
    ]);
    const state = stateOf([...caseOpened(), ...events]);
    expect(state.status).toBe('closed');
    expect(state.prosecutionFile).toEqual({
      sentOn: '2026-04-01',
      procuracy: 'VKSND tỉnh Gia Lai',
      resolvedOn: null,
      resolution: null,
      lawful: null,
    });
  });

  it('may be sent on the day the case was opened, counted in Vietnam; trims the names and stores a missing file number as null', () => {
    const events = when(
      caseOpened(),
      sendFile('2026-03-10', { procuracy: '  VKSND khu vực 3  ', fileRef: undefined }),
      '2026-03-10T08:00:00.000Z',
    );
    expect(events[0]!.data).toEqual({ at: '2026-03-10T08:00:00.000Z', sentOn: '2026-03-10', procuracy: 'VKSND khu vực 3', fileRef: null });
  });

  it('refuses a tip that was not closed with a criminal case opened (409)', () => {
    expect(refusal(underVerification(), sendFile('2026-03-10'), '2026-03-10T08:00:00.000Z')).toMatchObject({
      kind: 'invalid_state',
      code: 'tip.no_criminal_case',
      details: { status: 'verifying' },
    });
    for (const closing of [
      { outcome: 'not_substantiated' },
      { outcome: 'not_opened' },
      { outcome: 'passed_to_administrative_handling', suggestedAct: '34.4' },
    ] as const) {
      const closed = history(RECEIVED, CLASSIFIED, ASSIGNED, VERIFYING, [{ type: 'CloseTip', ...closing }, '2026-03-09T18:00:00.000Z']);
      const error = refusal(closed, sendFile('2026-03-10'), '2026-03-10T08:00:00.000Z');
      expect(error).toMatchObject({ kind: 'invalid_state', code: 'tip.no_criminal_case', details: { status: 'closed' } });
      expect(error.messageVi).toContain('khởi tố vụ án');
    }
  });

  it('refuses a second file for the same tip (409)', () => {
    expect(refusal(fileSent(), sendFile('2026-04-02'), '2026-04-02T03:00:00.000Z')).toMatchObject({
      kind: 'invalid_state',
      code: 'tip.prosecution_file_already_sent',
    });
  });

  it('refuses a day before the case was opened, in the future, or that does not exist, naming the rule (422)', () => {
    const before = refusal(caseOpened(), sendFile('2026-03-09'), '2026-03-10T08:00:00.000Z');
    expect(before).toMatchObject({
      kind: 'rule_violated',
      code: 'tip.prosecution_file_before_case',
      details: { rule: 'CPC 2015 art. 232, 240', closedOn: '2026-03-10' },
    });
    expect(before.messageVi).toContain('khởi tố');
    expect(refusal(caseOpened(), sendFile('2026-03-11'), '2026-03-10T08:00:00.000Z')).toMatchObject({
      code: 'tip.prosecution_date_in_future',
      details: { field: 'sentOn', today: '2026-03-10' },
    });
    expect(refusal(caseOpened(), sendFile('2026-02-30'), '2026-03-10T08:00:00.000Z')).toMatchObject({
      code: 'tip.prosecution_date_invalid',
      details: { field: 'sentOn' },
    });
  });

  it('refuses a blank procuracy name (422)', () => {
    expect(refusal(caseOpened(), sendFile('2026-03-10', { procuracy: '   ' }), '2026-03-10T08:00:00.000Z')).toMatchObject({
      kind: 'rule_violated',
      code: 'tip.procuracy_required',
    });
  });
});

describe('tip prosecution file: the procuracy’s decision', () => {
  it('given a file sent, when the decision is recorded, then the file is resolved with its day, decision and lawfulness', () => {
    const events = when(fileSent(), outcome('2026-04-20', false, 'returned_for_further_investigation'), '2026-04-21T03:00:00.000Z');
    expect(events).toEqual([
      {
        type: 'tip.prosecution_file_resolved',
        data: { at: '2026-04-21T03:00:00.000Z', resolvedOn: '2026-04-20', resolution: 'returned_for_further_investigation', lawful: false },
      },
    ]);
    expect(stateOf([...fileSent(), ...events]).prosecutionFile).toEqual({
      sentOn: '2026-04-01',
      procuracy: 'VKSND tỉnh Gia Lai',
      resolvedOn: '2026-04-20',
      resolution: 'returned_for_further_investigation',
      lawful: false,
    });
  });

  it('refuses a decision before any file was sent, and a second decision (409)', () => {
    expect(refusal(caseOpened(), outcome('2026-04-20'), '2026-04-21T03:00:00.000Z')).toMatchObject({
      kind: 'invalid_state',
      code: 'tip.prosecution_file_not_sent',
    });
    expect(refusal(underVerification(), outcome('2026-04-20'), '2026-04-21T03:00:00.000Z')).toMatchObject({
      kind: 'invalid_state',
      code: 'tip.prosecution_file_not_sent',
    });
    const resolved = [...fileSent(), ...when(fileSent(), outcome('2026-04-20'), '2026-04-21T03:00:00.000Z')];
    expect(refusal(resolved, outcome('2026-04-22', false), '2026-04-22T03:00:00.000Z')).toMatchObject({
      kind: 'invalid_state',
      code: 'tip.prosecution_file_already_resolved',
    });
  });

  it('refuses a day before the file was sent or in the future, a decision not in the list, and a missing lawfulness (422)', () => {
    expect(refusal(fileSent(), outcome('2026-03-31'), '2026-04-21T03:00:00.000Z')).toMatchObject({
      kind: 'rule_violated',
      code: 'tip.prosecution_resolved_before_sent',
      details: { sentOn: '2026-04-01' },
    });
    expect(refusal(fileSent(), outcome('2026-04-22'), '2026-04-21T03:00:00.000Z')).toMatchObject({
      code: 'tip.prosecution_date_in_future',
      details: { field: 'resolvedOn' },
    });
    expect(
      refusal(
        fileSent(),
        { type: 'RecordProsecutionOutcome', resolvedOn: '2026-04-20', resolution: 'convicted' as never, lawful: true },
        '2026-04-21T03:00:00.000Z',
      ),
    ).toMatchObject({ code: 'tip.prosecution_resolution_unknown' });
    expect(
      refusal(
        fileSent(),
        { type: 'RecordProsecutionOutcome', resolvedOn: '2026-04-20', resolution: 'indicted', lawful: 'yes' as never },
        '2026-04-21T03:00:00.000Z',
      ),
    ).toMatchObject({ code: 'tip.prosecution_lawful_required' });
  });

  it('carries no personal field: every field of both events is labelled public or internal', () => {
    const resolved: TipEvent[] = [...fileSent(), ...when(fileSent(), outcome('2026-04-20'), '2026-04-21T03:00:00.000Z')];
    for (const event of resolved.filter((e) => e.type.startsWith('tip.prosecution_'))) {
      const labels = TIP_FIELD_SCHEMAS.of(event.type);
      expect(Object.keys(event.data).sort()).toEqual(Object.keys(labels).sort());
      expect(Object.values(labels).every((label) => label === 'public' || label === 'internal')).toBe(true);
    }
  });
});

describe('tip prosecution file (property)', () => {
  const DAY = 86_400_000;
  const CLOSED_AT = Date.parse('2026-03-09T18:00:00.000Z');
  // A day relative to the command's own time, so runs hit both sides of every rule.
  const offset = fc.integer({ min: -40, max: 3 });
  const step = fc.tuple(
    fc.oneof(
      fc.record({ type: fc.constant('RecordProsecutionFile' as const), offset, procuracy: fc.constantFrom('VKSND tỉnh', ' ') }),
      fc.record({
        type: fc.constant('RecordProsecutionOutcome' as const),
        offset,
        resolution: fc.constantFrom(...PROSECUTION_RESOLUTIONS),
        lawful: fc.boolean(),
      }),
    ),
    fc.integer({ min: 0, max: 20 * DAY }),
  );

  it('a file follows only a criminal case, once, no earlier than the case; one decision, no earlier than the file; the status stays closed', () => {
    const produced = new Set<string>();
    fc.assert(
      fc.property(fc.constantFrom(...TIP_OUTCOMES), fc.array(step, { minLength: 1, maxLength: 8 }), (outcome, run) => {
        const closing: TipCommand =
          outcome === 'passed_to_administrative_handling'
            ? { type: 'CloseTip', outcome, suggestedAct: '34.4' }
            : { type: 'CloseTip', outcome };
        let state: TipState = stateOf(history(RECEIVED, CLASSIFIED, ASSIGNED, VERIFYING, [closing, new Date(CLOSED_AT).toISOString()]));
        let now = CLOSED_AT;
        for (const [{ offset: days, ...cmd }, pause] of run) {
          now += pause;
          const on = vnDate(new Date(now + days * DAY));
          const command: TipCommand = cmd.type === 'RecordProsecutionFile' ? { ...cmd, sentOn: on } : { ...cmd, resolvedOn: on };
          let events: TipEvent[];
          try {
            events = decider.decide(command, state, context(new Date(now)));
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            expect(['invalid_state', 'rule_violated']).toContain(error.kind);
            continue;
          }
          const before = state;
          for (const event of events) {
            produced.add(event.type);
            state = decider.evolve(state, event);
          }
          expect(state.status).toBe('closed');
          expect(state.closure?.outcome).toBe('criminal_case_opened');
          expect(on <= vnDate(new Date(now))).toBe(true);
          if (command.type === 'RecordProsecutionFile') {
            expect(before.prosecutionFile).toBeNull();
            expect(on >= vnDate(new Date(CLOSED_AT))).toBe(true);
          } else {
            expect(before.prosecutionFile?.resolvedOn).toBeNull();
            expect(on >= before.prosecutionFile!.sentOn).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
    expect([...produced].sort()).toEqual(['tip.prosecution_file_resolved', 'tip.prosecution_file_sent']);
  });
});
