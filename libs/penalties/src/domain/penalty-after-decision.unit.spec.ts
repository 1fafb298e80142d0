import { decided, delivered, given, recorded } from './penalty-scenario.testkit.js';
import type { PenaltyEvent } from './penalty-types.js';

// Decided Tue 10/3/2026 (deliver by 12/3); delivered 11/3: pay by 21/3, a Saturday, so by Mon 23/3; complain by 9/6.
const TWO_PEOPLE = recorded({
  people: [
    { subjectId: 'subj-a', fullName: 'A', idNumber: null, address: null },
    { subjectId: 'subj-b', fullName: 'B', idNumber: null, address: null },
  ],
  act: '33',
});
const MIXED: PenaltyEvent = {
  type: 'penalty.decided',
  data: {
    decidedOn: '2026-03-10',
    decisionNumber: '13/QĐ',
    position: 'commune_police_chief',
    referenceTable: 'decree-282-2025',
    sanctions: [
      { subjectId: 'subj-a', sanction: 'fine', amount: 400_000 },
      { subjectId: 'subj-b', sanction: 'warning', amount: null },
    ],
    additionalMeasures: [],
    warningCount: 1,
    fineCount: 1,
    fineTotal: 400_000,
  },
};
const paid: PenaltyEvent = {
  type: 'penalty.fine_paid',
  data: { subjectId: 'subj-a', paidOn: '2026-03-20', fine: 1_500_000, lateDays: 0, lateFee: 0, amountPaid: 1_500_000 },
};

describe('penalty case: delivering the decision (art. 70)', () => {
  it('records delivery within 2 working days as on time, and a later one as late rather than refusing it', () => {
    expect(given(...recorded(), decided()).when({ kind: 'deliver', deliveredOn: '2026-03-12' }, '2026-03-12')).toEqual([
      { type: 'penalty.decision_delivered', data: { deliveredOn: '2026-03-12', late: false } },
    ]);
    expect(given(...recorded(), decided()).when({ kind: 'deliver', deliveredOn: '2026-03-13' }, '2026-03-13')[0]!.data).toEqual({
      deliveredOn: '2026-03-13',
      late: true,
    });
  });

  it('refuses delivery before the decision, before its date, in the future, or twice', () => {
    expect(given(...recorded()).refuses({ kind: 'deliver', deliveredOn: '2026-03-10' })).toMatchObject({
      kind: 'invalid_state',
      code: 'penalty.not_decided',
    });
    expect(given(...recorded(), decided()).refuses({ kind: 'deliver', deliveredOn: '2026-03-09' }).code).toBe('penalty.date_out_of_order');
    expect(given(...recorded(), decided()).refuses({ kind: 'deliver', deliveredOn: '2026-03-11' }, '2026-03-10').code).toBe(
      'penalty.date_in_future',
    );
    expect(given(...recorded(), decided(), delivered()).refuses({ kind: 'deliver', deliveredOn: '2026-03-11' }, '2026-03-12').code).toBe(
      'penalty.already_delivered',
    );
  });

  it('settles at once a decision that only warns', () => {
    const warned = given(
      ...TWO_PEOPLE,
      {
        ...MIXED,
        data: { ...MIXED.data, sanctions: MIXED.data.sanctions.map((s) => ({ ...s, sanction: 'warning' as const, amount: null })) },
      },
      delivered(),
    );
    expect(warned.state.status).toBe('settled');
  });
});

describe('penalty case: payment (arts. 73, 78)', () => {
  it('records a payment within 10 days of delivery without a late fee, and settles the case', () => {
    const events = given(...recorded(), decided(), delivered()).when(
      { kind: 'record_payment', subjectId: 'subj-a', paidOn: '2026-03-23', amountPaid: 1_500_000 },
      '2026-03-24',
    );
    expect(events).toEqual([
      {
        type: 'penalty.fine_paid',
        data: { subjectId: 'subj-a', paidOn: '2026-03-23', fine: 1_500_000, lateDays: 0, lateFee: 0, amountPaid: 1_500_000 },
      },
    ]);
    expect(given(...recorded(), decided(), delivered(), ...events).state.status).toBe('settled');
  });

  it('computes the late fee of 0.05% a day after the period on payment, and refuses another amount naming what is due', () => {
    const late = given(...recorded(), decided(), delivered()).when(
      { kind: 'record_payment', subjectId: 'subj-a', paidOn: '2026-03-28', amountPaid: 1_503_750 },
      '2026-03-30',
    );
    expect(late[0]!.data).toEqual({
      subjectId: 'subj-a',
      paidOn: '2026-03-28',
      fine: 1_500_000,
      lateDays: 5,
      lateFee: 3_750,
      amountPaid: 1_503_750,
    });
    const short = given(...recorded(), decided(), delivered()).refuses(
      { kind: 'record_payment', subjectId: 'subj-a', paidOn: '2026-03-28', amountPaid: 1_500_000 },
      '2026-03-30',
    );
    expect(short).toMatchObject({
      kind: 'rule_violated',
      code: 'penalty.payment_amount_mismatch',
      details: { fine: 1_500_000, lateDays: 5, lateFee: 3_750, due: 1_503_750, given: 1_500_000 },
    });
    expect(short.message).toContain('0.05%');
  });

  it('refuses payment before delivery, for a warning, for an unknown person, twice, and after settlement', () => {
    const pay = { kind: 'record_payment' as const, subjectId: 'subj-a', paidOn: '2026-03-12', amountPaid: 1_500_000 };
    expect(given(...recorded(), decided()).refuses(pay, '2026-03-12')).toMatchObject({
      kind: 'invalid_state',
      code: 'penalty.not_delivered',
    });
    expect(given(...TWO_PEOPLE, MIXED, delivered()).refuses({ ...pay, subjectId: 'subj-b' }, '2026-03-12').code).toBe(
      'penalty.nothing_to_pay',
    );
    expect(given(...TWO_PEOPLE, MIXED, delivered()).refuses({ ...pay, subjectId: 'subj-x' }, '2026-03-12').code).toBe(
      'penalty.unknown_subject',
    );
    expect(given(...recorded(), decided(), delivered()).refuses({ ...pay, paidOn: '2026-03-10' }, '2026-03-12').code).toBe(
      'penalty.date_out_of_order',
    );
    expect(given(...recorded(), decided(), delivered(), paid).refuses(pay, '2026-03-24').code).toBe('penalty.settled');
    const partly = given(...TWO_PEOPLE, MIXED, delivered(), { ...paid, data: { ...paid.data, fine: 400_000, amountPaid: 400_000 } });
    expect(partly.state.status).toBe('settled');
  });
});

describe('penalty case: enforcement (art. 86) and complaints (Law on Complaints art. 9)', () => {
  it('orders enforcement against an unpaid fine only after the payment period', () => {
    const enforce = { kind: 'order_enforcement' as const, subjectId: 'subj-a', measure: 'salary_deduction' as const };
    expect(given(...recorded(), decided(), delivered()).when(enforce, '2026-03-24')).toEqual([
      { type: 'penalty.enforcement_ordered', data: { subjectId: 'subj-a', measure: 'salary_deduction', orderedOn: '2026-03-24' } },
    ]);
    expect(given(...recorded(), decided(), delivered()).refuses(enforce, '2026-03-23')).toMatchObject({
      code: 'penalty.payment_period_running',
      details: { dueOn: '2026-03-23' },
    });
    const ordered: PenaltyEvent = {
      type: 'penalty.enforcement_ordered',
      data: { subjectId: 'subj-a', measure: 'salary_deduction', orderedOn: '2026-03-24' },
    };
    expect(given(...recorded(), decided(), delivered(), ordered).refuses(enforce, '2026-03-25').code).toBe(
      'penalty.enforcement_already_ordered',
    );
    expect(given(...TWO_PEOPLE, MIXED, delivered()).refuses({ ...enforce, subjectId: 'subj-b' }, '2026-03-25').code).toBe(
      'penalty.nothing_to_pay',
    );
    // The fine collected under enforcement is then recorded as paid, with the late fee.
    expect(
      given(...recorded(), decided(), delivered(), ordered).when(
        { kind: 'record_payment', subjectId: 'subj-a', paidOn: '2026-03-25', amountPaid: 1_501_500 },
        '2026-03-25',
      ),
    ).toHaveLength(1);
  });

  it('records a complaint within 90 days of delivery, which leaves the decision enforceable', () => {
    const complaint = { kind: 'record_complaint' as const, subjectId: 'subj-a', receivedOn: '2026-06-09' };
    const events = given(...recorded(), decided(), delivered()).when(complaint, '2026-06-10');
    expect(events).toEqual([{ type: 'penalty.complaint_lodged', data: { subjectId: 'subj-a', receivedOn: '2026-06-09' } }]);
    const complained = given(...recorded(), decided(), delivered(), ...events);
    expect(complained.state.status).toBe('delivered');
    expect(
      complained.when({ kind: 'order_enforcement', subjectId: 'subj-a', measure: 'bank_account_deduction' }, '2026-06-10'),
    ).toHaveLength(1);
    expect(given(...recorded(), decided(), delivered(), paid).when(complaint, '2026-06-10')).toHaveLength(1);
  });

  it('refuses a complaint after 90 days, before delivery, or twice', () => {
    const complaint = { kind: 'record_complaint' as const, subjectId: 'subj-a', receivedOn: '2026-06-10' };
    const late = given(...recorded(), decided(), delivered()).refuses(complaint, '2026-06-10');
    expect(late).toMatchObject({ code: 'penalty.complaint_window_closed', details: { dueOn: '2026-06-09' } });
    expect(late.message).toContain('Law on Complaints 2011, art. 9');
    expect(given(...recorded(), decided()).refuses({ ...complaint, receivedOn: '2026-03-10' }).code).toBe('penalty.not_delivered');
    const lodged: PenaltyEvent = { type: 'penalty.complaint_lodged', data: { subjectId: 'subj-a', receivedOn: '2026-03-12' } };
    expect(
      given(...recorded(), decided(), delivered(), lodged).refuses({ ...complaint, receivedOn: '2026-03-13' }, '2026-03-13').code,
    ).toBe('penalty.complaint_already_recorded');
  });
});
