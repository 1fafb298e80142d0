import request from 'supertest';
import { PRIVACY_LOSS_RECORDED } from '../../../libs/indicators/src/application/privacy-ledger.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';
import { createTestDatabase } from '../../../test/support/database.js';

interface Line {
  code: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
  byUnit?: Array<{ unit: string | null; value: number | null; suppressed: boolean }>;
}

/**
 * The optional differentially private mechanism (STATISTICS_MECHANISM=dp): two-sided geometric noise
 * on every person count of a release, each release charged to the privacy-loss ledger (events), the
 * same question again free, answers refused once the year's budget is spent.
 */
describe('API: statistics under the differentially private mechanism', () => {
  let api: TestApi;
  let database: { url: string; drop: () => Promise<void> };
  let statistician: string;
  const YEAR = 2026;
  beforeAll(async () => {
    database = await createTestDatabase();
    // ε 1 per release, a budget of 2.5 per indicator and year: two releases, not a third.
    api = await startTestApi(database.url, undefined, {
      STATISTICS_MECHANISM: 'dp',
      STATISTICS_DP_EPSILON: '1',
      STATISTICS_DP_YEARLY_BUDGET: '2.5',
      STATISTICS_WARM_UP: 'off',
    });
    statistician = await bearer('dp-statistician', [{ role: 'statistician', scope: '01' }]);
  });
  afterAll(async () => {
    await api.close();
    await database.drop();
  });

  const ask = (query: string) =>
    request(api.app.getHttpServer()).get(`/statistics/indicators?area=01&year=${YEAR}&${query}`).set('Authorization', statistician);
  const ledger = (indicator: string) => api.store.readStream(`statistics-privacy-ledger-${indicator}-${YEAR}`);
  const person = (body: { indicators: Line[] }, code: string) => body.indicators.find((l) => l.code === code)!;

  it('publishes every person count with noise and no suppression, says how, and records the release’s ε in the ledger', async () => {
    const answer = (await ask('period=year').expect(200)).body;
    expect(answer.disclosure).toEqual({
      threshold: 5,
      roundedToFive: false,
      perturbed: true,
      mechanism: 'dp',
      pTable: null,
      maxNoise: 0,
      totals: 'independently_perturbed',
      suppression: 'none',
      secretId: expect.stringMatching(/^[0-9a-f]{16}$/),
      dp: { epsilon: 1, yearlyBudget: 2.5, noise: 'two_sided_geometric' },
    });
    const penalised = person(answer, 'people_penalised');
    expect(penalised.suppressed).toBe(false);
    expect(penalised.byUnit!.every((r) => r.value !== null && r.value >= 0 && !r.suppressed)).toBe(true);
    for (const indicator of ['people_penalised', 'people_in_need_accessed_support']) {
      const events = await ledger(indicator);
      expect(events.map((e) => [e.type, e.data.epsilon, e.data.periodFrom, e.data.periodTo])).toEqual([
        [PRIVACY_LOSS_RECORDED, 1, `${YEAR}-01-01`, `${YEAR}-12-31`],
      ]);
    }
  });

  it('answers the same question again with the same figures and charges nothing more', async () => {
    const first = (await ask('period=year').expect(200)).body;
    const again = (await ask('period=year').expect(200)).body;
    expect(again.indicators).toEqual(first.indicators);
    expect(await ledger('people_penalised')).toHaveLength(1);
  });

  it('charges each new release, and refuses the one that would pass the year’s budget, publishing nothing', async () => {
    await ask('period=month&index=3').expect(200);
    expect((await ledger('people_penalised')).map((e) => e.data.spentAfter)).toEqual([1, 2]);
    const refused = await ask('period=month&index=4').expect(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'statistics.privacy_budget_spent', errors: { year: YEAR, budget: 2.5 } });
    expect(refused.body.indicators).toBeUndefined();
    expect(await ledger('people_penalised')).toHaveLength(2);
    // What was released before can still be asked again.
    await ask('period=month&index=3').expect(200);
    await ask('period=year').expect(200);
  });
});
