import { PENALTY_REFERENCE } from '../../../libs/penalties/src/domain/reference/procedure-rules.js';
import { ROLES } from '../../../libs/access/src/domain/roles.js';
import { createApi, newIdempotencyKey } from '../src/api.js';
import { formatMoney, initialLanguage, translate, translateValue } from '../src/i18n/i18n.js';
import { MESSAGES } from '../src/i18n/messages.js';
import { areaOf, homeOf, mayExportReports, mayOpen, ROLE_SCREENS } from '../src/roles.js';
import { casesFromDeadlines, deadlineBoard, type DeadlineEntry } from '../src/screens/enforcement/deadline-groups.js';
import { decisionPreview, sanctionProblem } from '../src/screens/penalties/decision-preview.js';
import { barScale } from '../src/screens/statistics/indicator-shape.js';
import { loadSession, saveSession } from '../src/session.js';

describe('console words', () => {
  it('says everything in Vietnamese and in English, with the same placeholders', () => {
    for (const [key, [vi, en]] of Object.entries(MESSAGES)) {
      expect({ key, vi: vi.trim().length > 0, en: en.trim().length > 0 }).toEqual({ key, vi: true, en: true });
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect({ key, placeholders: names(vi) }).toEqual({ key, placeholders: names(en) });
    }
  });

  it('is Vietnamese unless English was chosen, and names every role', () => {
    expect(initialLanguage(null)).toBe('vi');
    expect(initialLanguage({ getItem: () => 'en' })).toBe('en');
    expect(translate('vi', 'tips.detail', { id: 'x' })).toBe('Tin báo x');
    for (const role of ROLES) expect(translateValue('en', 'role', role)).not.toBe(role);
    expect(formatMoney('vi', 1500000)).toBe('1.500.000 đồng');
  });

  it('uses neutral words for the people of the support compartment', () => {
    const support = Object.entries(MESSAGES).filter(([key]) => /^(support|consent|supportStatus|supportChannel|referral)\./.test(key));
    const words = support
      .flatMap(([, pair]) => pair)
      .join(' ')
      .toLowerCase();
    expect(words).toContain('người được hỗ trợ');
    expect(words).toContain('service user');
    for (const label of ['mại dâm', 'bán dâm', 'gái', 'prostitut', 'sex worker', 'offender', 'vi phạm']) expect(words).not.toContain(label);
  });
});

describe('screens per role', () => {
  it('never gives a support screen to an enforcement role, nor an enforcement screen to a support role or a statistician', () => {
    for (const role of ['police_officer', 'police_supervisor', 'inspector', 'sanctioning_official'] as const)
      expect(mayOpen([role], 'support')).toBe(false);
    for (const role of ['social_worker', 'support_supervisor', 'statistician', 'programme_officer'] as const) {
      for (const area of ['enforcement', 'deadlines', 'penalties'] as const) expect(mayOpen([role], area)).toBe(false);
    }
    expect(ROLE_SCREENS.statistician.areas).toEqual(['statistics']);
    expect(ROLE_SCREENS.programme_officer.areas).toEqual(['statistics']);
    expect(homeOf(['programme_officer'])).toBe('/console/statistics');
    expect(mayOpen(['programme_officer'], 'support')).toBe(false);
    // The periodic report is offered only to roles that may export statistics.
    expect(mayExportReports(['statistician'])).toBe(true);
    expect(mayExportReports(['auditor'])).toBe(true);
    expect(mayExportReports(['programme_officer'])).toBe(false);
    expect(mayExportReports(['programme_officer', 'statistician'])).toBe(true);
    expect(homeOf(['social_worker'])).toBe('/console/support-cases');
    expect(areaOf('/console/tips/abc?x=1')).toBe('enforcement');
    expect(areaOf('/console/tipsy')).toBeNull();
  });
});

describe('deadline board', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  const row = (caseId: string, deadline: string, dueAt: string, completedAt: string | null = null): DeadlineEntry => ({
    kind: 'tip',
    caseId,
    deadline,
    jurisdiction: '10015',
    assigneeId: null,
    dueAt,
    dueOn: dueAt.slice(0, 10),
    completedAt,
    status: 'due',
  });
  const rows = [
    row('a', 'verification', '2026-12-20T00:00:00Z'),
    row('b', 'classification', '2026-11-30T00:00:00Z'),
    row('b', 'verification', '2026-12-03T00:00:00Z'),
    row('c', 'classification', '2026-11-01T00:00:00Z', '2026-10-31T00:00:00Z'),
  ];

  it('sorts open duties into overdue, due within a week and later; done ones are left out', () => {
    const board = deadlineBoard(rows, now);
    expect(board.overdue.map((r) => r.caseId)).toEqual(['b']);
    expect(board.dueSoon.map((r) => `${r.caseId}:${r.deadline}`)).toEqual(['b:verification']);
    expect(board.later.map((r) => r.caseId)).toEqual(['a']);
  });

  it('lists each case once, most overdue first, with its soonest open duty', () => {
    expect(casesFromDeadlines(rows, now).map((l) => [l.caseId, l.overdue, l.next?.deadline ?? null])).toEqual([
      ['b', 1, 'classification'],
      ['a', 0, 'verification'],
      ['c', 0, null],
    ]);
  });
});

describe('penalty decision preview (the same reference data and functions as the decision)', () => {
  it('shows the bracket and whether the position may decide it, organisations doubled', () => {
    const individual = decisionPreview(
      PENALTY_REFERENCE,
      { referenceTable: 'decree-282-2025', act: '33', multiplePeopleAtOnce: false, offenderType: 'individual' },
      'police_officer_on_duty',
    )!;
    expect(individual.bracket).toEqual({ min: 300_000, max: 500_000, warningAllowed: true });
    expect(individual.competence).toMatchObject({ limit: 7_500_000, within: true });
    const organisation = decisionPreview(
      PENALTY_REFERENCE,
      { referenceTable: 'decree-282-2025', act: '33', multiplePeopleAtOnce: true, offenderType: 'organisation' },
      null,
    )!;
    expect(organisation.bracket).toEqual({ min: 2_000_000, max: 4_000_000, warningAllowed: false });
    expect(organisation.competence).toBeNull();
    expect(
      decisionPreview(
        PENALTY_REFERENCE,
        { referenceTable: 'decree-144-2021', act: '33', multiplePeopleAtOnce: false, offenderType: 'individual' },
        null,
      ),
    ).toBeNull();
  });

  it('flags a fine outside the bracket and a warning the act does not allow', () => {
    const bracket = { min: 300_000, max: 500_000, warningAllowed: false };
    expect(sanctionProblem(bracket, 'fine', 400_000)).toBeNull();
    expect(sanctionProblem(bracket, 'fine', 600_000)).toBe('out_of_range');
    expect(sanctionProblem(bracket, 'fine', null)).toBe('out_of_range');
    expect(sanctionProblem(bracket, 'warning', null)).toBe('warning_not_allowed');
  });
});

describe('statistics bars', () => {
  it('puts percentages on their own scale, counts against the larger of value and target, and draws no bar for a suppressed cell', () => {
    const base = { code: 'tips_handled_in_time' as const, numerator: 1, denominator: 1, met: null, suppressed: false };
    expect(barScale({ ...base, measure: 'percent', value: 87.5, target: { comparator: 'at_least', value: 90, upTo: null } })).toEqual({
      bar: 87.5,
      target: 90,
    });
    const count = barScale({ ...base, measure: 'count', value: 50, target: { comparator: 'at_least', value: 100, upTo: null } });
    expect(count.bar! / count.target!).toBeCloseTo(0.5);
    expect(barScale({ ...base, measure: 'count', value: null, suppressed: true, target: null })).toEqual({ bar: null, target: null });
  });
});

describe('API client', () => {
  it('sends each command with a fresh idempotency key and the revision as If-Match, reusing the key on its one retry', async () => {
    const sent: Array<Record<string, string>> = [];
    let failOnce = true;
    const fetcher = (async (_: string, init: { headers: Record<string, string> }) => {
      sent.push(init.headers);
      if (failOnce) {
        failOnce = false;
        throw new TypeError('network');
      }
      return new Response(JSON.stringify({ id: 'x', revision: 4 }), { status: 200, headers: { etag: '"4"' } });
    }) as unknown as typeof fetch;
    const api = createApi(
      () => 'tok',
      () => undefined,
      fetcher,
    );
    const answer = await api.command('/tips/x/classify', { category: 'brokering' }, '3');
    expect(answer.revision).toBe('4');
    expect(sent).toHaveLength(2);
    expect(sent[0]!['idempotency-key']).toBe(sent[1]!['idempotency-key']);
    expect(sent[0]).toMatchObject({ authorization: 'Bearer tok', 'if-match': '"3"' });
    await api.command('/tips/x/close', {});
    expect(sent[2]!['idempotency-key']).not.toBe(sent[0]!['idempotency-key']);
    expect(sent[2]!['if-match']).toBeUndefined();
    expect(newIdempotencyKey()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('signs out on 401 and gives the problem+json to the screen', async () => {
    let signedOut = false;
    const fetcher = (async () =>
      new Response(JSON.stringify({ status: 401, detail: 'token expired' }), { status: 401 })) as unknown as typeof fetch;
    const api = createApi(
      () => 'old',
      () => (signedOut = true),
      fetcher,
    );
    await expect(api.get('/me')).rejects.toMatchObject({ status: 401, problem: { detail: 'token expired' } });
    expect(signedOut).toBe(true);
  });
});

describe('session', () => {
  it('keeps the session of the tab until it expires', () => {
    const items = new Map<string, string>();
    const storage = {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
      removeItem: (k: string) => void items.delete(k),
    };
    saveSession(storage, {
      token: 't',
      userId: 'u',
      grants: [{ role: 'auditor', scope: 'VN' }],
      expiresAt: '2026-12-01T08:00:00Z',
      via: 'demo',
    });
    expect(loadSession(storage, new Date('2026-12-01T07:59:00Z'))?.userId).toBe('u');
    expect(loadSession(storage, new Date('2026-12-01T08:00:00Z'))).toBeNull();
    expect(items.size).toBe(0);
  });
});
