import { WorkingCalendar } from '../../../case-kernel/src/domain/working-calendar.js';
import { tipDeadlines, type TipDeadline } from './tip-deadlines.js';
import {
  ASSIGNED,
  calendar,
  CLASSIFIED,
  EXTENDED,
  history,
  RECEIVED,
  RECEIVED_AT,
  receiveTip,
  RESUMED,
  stateOf,
  SUSPENDED,
  VERIFYING,
  type Step,
} from './tip-scenario.testkit.js';
import type { TipEvent } from './tip-types.js';

const byName = (events: TipEvent[], now: string, cal = calendar) =>
  Object.fromEntries(tipDeadlines(stateOf(events), cal, new Date(now)).map((d) => [d.name, d] as const)) as Record<string, TipDeadline>;
const statuses = (events: TipEvent[], now: string) =>
  Object.fromEntries(Object.entries(byName(events, now)).map(([name, d]) => [name, d.status]));
const PROCURACY: Step = [{ type: 'NotifyProcuracy', procuracy: 'VKSND' }, '2026-03-04T02:00:00.000Z'];
const REPORTER: Step = [{ type: 'NotifyReporter', method: 'phone' }, '2026-03-04T03:00:00.000Z'];

describe('tip deadlines from receipt', () => {
  it('gives every limit of a fresh tip with its due time, source and status', () => {
    const deadlines = byName(history(RECEIVED), '2026-03-02T03:00:00.000Z');
    expect(deadlines.classification).toEqual({
      name: 'classification',
      rule: 'Joint Circular 01/2017/TTLT (classification of crime reports)',
      limit: '24 hours after receipt',
      dueAt: '2026-03-03T02:00:00.000Z',
      completedAt: null,
      status: 'pending',
    });
    expect(deadlines.transfer).toMatchObject({ dueAt: '2026-03-03T02:00:00.000Z', status: 'pending' });
    expect(deadlines.procuracy_notification).toMatchObject({
      rule: 'CPC 2015 art. 146',
      dueAt: '2026-03-05T16:59:59.999Z',
      status: 'pending',
    });
    expect(deadlines.reporter_notification).toMatchObject({ dueAt: '2026-03-05T16:59:59.999Z', status: 'pending' });
    expect(deadlines.verification).toMatchObject({ rule: 'CPC 2015 art. 147(1)', dueAt: '2026-03-22T16:59:59.999Z', status: 'pending' });
    expect(deadlines.administrative_handover).toBeUndefined();
  });

  it('counts the reporter notice in working days, skipping weekends and configured holidays, and the others in calendar days', () => {
    // Friday 24 April 2026: 27 April (Hùng Kings), 30 April and 1 May are holidays.
    const events = history([receiveTip({ receivedAt: '2026-04-24T02:00:00.000Z' }), '2026-04-24T02:00:00.000Z']);
    const deadlines = byName(events, '2026-04-24T03:00:00.000Z');
    expect(deadlines.procuracy_notification!.dueAt).toBe('2026-04-27T16:59:59.999Z');
    expect(deadlines.reporter_notification!.dueAt).toBe('2026-05-04T16:59:59.999Z');
    const withExtraHoliday = byName(history(RECEIVED), '2026-03-02T03:00:00.000Z', new WorkingCalendar(['2026-03-03']));
    expect(withExtraHoliday.reporter_notification!.dueAt).toBe('2026-03-06T16:59:59.999Z');
  });

  it('marks duties done in time as met, done late as overdue, and open ones as overdue once their time has passed', () => {
    const late = history(
      RECEIVED,
      [{ type: 'ClassifyTip', category: 'harbouring' }, '2026-03-03T03:00:00.000Z'],
      ASSIGNED,
      VERIFYING,
      PROCURACY,
    );
    expect(byName(late, '2026-03-10T00:00:00.000Z').classification).toMatchObject({
      completedAt: '2026-03-03T03:00:00.000Z',
      status: 'overdue',
    });
    expect(statuses(late, '2026-03-10T00:00:00.000Z')).toEqual({
      classification: 'overdue',
      transfer: 'not_applicable',
      procuracy_notification: 'met',
      reporter_notification: 'overdue',
      verification: 'pending',
    });
    expect(statuses(history(RECEIVED, CLASSIFIED, ASSIGNED, VERIFYING, PROCURACY, REPORTER), '2026-03-23T00:00:00.000Z')).toMatchObject({
      classification: 'met',
      reporter_notification: 'met',
      verification: 'overdue',
    });
  });

  it('owes no reporter notice for an anonymous tip', () => {
    const anonymous = history([receiveTip({ anonymous: true, reporter: undefined }), RECEIVED_AT]);
    expect(byName(anonymous, '2026-04-01T00:00:00.000Z').reporter_notification!.status).toBe('not_applicable');
  });

  it('for a transferred tip: the transfer is met, the procuracy notice and verification are owed by the receiving agency', () => {
    const transferred = history(RECEIVED, CLASSIFIED, [
      { type: 'TransferTip', receivingAgency: 'X', reason: 'not_competent_territory' },
      '2026-03-02T10:00:00.000Z',
    ]);
    expect(statuses(transferred, '2026-04-01T00:00:00.000Z')).toMatchObject({
      transfer: 'met',
      procuracy_notification: 'not_applicable',
      verification: 'not_applicable',
    });
  });
});

describe('tip deadlines through extension, suspension and resumption', () => {
  it('moves the verification limit to the extension, under art. 147(2)', () => {
    const deadlines = byName(history(RECEIVED, CLASSIFIED, ASSIGNED, VERIFYING, EXTENDED), '2026-04-01T00:00:00.000Z');
    expect(deadlines.verification).toMatchObject({ rule: 'CPC 2015 art. 147(2)', dueAt: '2026-04-30T16:59:59.999Z', status: 'pending' });
  });

  it('counts a suspension on the last day as meeting the limit, and runs one month after resumption', () => {
    const resumed = history(RECEIVED, CLASSIFIED, ASSIGNED, VERIFYING, EXTENDED, SUSPENDED, RESUMED);
    const deadlines = byName(resumed, '2026-05-20T00:00:00.000Z');
    expect(deadlines.verification).toMatchObject({ completedAt: SUSPENDED[1], status: 'met' });
    expect(deadlines.verification_after_resumption_1).toMatchObject({
      rule: 'CPC 2015 art. 149',
      dueAt: '2026-06-11T16:59:59.999Z',
      completedAt: null,
      status: 'pending',
    });
    const closed = history(RECEIVED, CLASSIFIED, ASSIGNED, VERIFYING, EXTENDED, SUSPENDED, RESUMED, [
      { type: 'CloseTip', outcome: 'not_substantiated' },
      '2026-06-01T03:00:00.000Z',
    ]);
    expect(byName(closed, '2026-07-01T00:00:00.000Z').verification_after_resumption_1).toMatchObject({
      completedAt: '2026-06-01T03:00:00.000Z',
      status: 'met',
    });
  });

  it('tracks the handover of the file to the sanctioning official within 3 days of closing', () => {
    const passed = history(RECEIVED, CLASSIFIED, ASSIGNED, VERIFYING, [
      { type: 'CloseTip', outcome: 'passed_to_administrative_handling', suggestedAct: '33' },
      '2026-03-13T03:00:00.000Z',
    ]);
    expect(byName(passed, '2026-03-14T00:00:00.000Z').administrative_handover).toMatchObject({
      rule: 'Law on Handling Administrative Violations 2012 art. 63',
      dueAt: '2026-03-16T16:59:59.999Z',
      status: 'pending',
    });
    expect(byName(passed, '2026-03-17T00:00:00.000Z').administrative_handover!.status).toBe('overdue');
    const handed = history(
      RECEIVED,
      CLASSIFIED,
      ASSIGNED,
      VERIFYING,
      [{ type: 'CloseTip', outcome: 'passed_to_administrative_handling', suggestedAct: '33' }, '2026-03-13T03:00:00.000Z'],
      [{ type: 'HandOverToSanctioningOfficial', sanctioningAuthority: 'Chủ tịch UBND xã' }, '2026-03-16T03:00:00.000Z'],
    );
    expect(byName(handed, '2026-04-01T00:00:00.000Z').administrative_handover).toMatchObject({
      completedAt: '2026-03-16T03:00:00.000Z',
      status: 'met',
    });
  });
});
