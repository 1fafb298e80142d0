import { randomUUID } from 'node:crypto';
import type { CellValue } from 'exceljs';
import request from 'supertest';
import { SEED_PLANS } from '../../../libs/programme/src/seed/seed-plans.js';
import { vnDate } from '../../../libs/case-kernel/src/domain/working-calendar.js';
import type { ProjectionRunner } from '../../../libs/projections/src/projection-runner.js';
import { INDICATOR_FACTS_PROJECTION } from '../../../libs/indicators/src/indicator-facts-projection.js';
import { pageLines, readPdf } from '../../../libs/indicators/src/reports/testing/pdf-text.js';
import { readXlsx } from '../../../libs/indicators/src/reports/testing/read-xlsx.js';
import { BUILT_IN_MAPPINGS, BUILT_IN_UNITS } from '../../../libs/jurisdictions/src/built-in-units.js';
import { JurisdictionTree } from '../../../libs/jurisdictions/src/domain/jurisdiction-tree.js';
import { PROJECTION_RUNNER } from '../src/projections/projection-tokens.js';
import { bearer, startTestApi, type TestApi } from '../../../test/support/api.js';
import { createTestDatabase } from '../../../test/support/database.js';

// Phú Thọ (25) and its communes: no other suite records cases there, so every figure below is known.
const PROVINCE = '25';
const COMMUNE = '07900';
const SMALL_COMMUNE = '08707';
const TODAY = vnDate(new Date());
const YEAR = Number(TODAY.slice(0, 4));
const HOUR = 3600_000;
/** A day of this year, never after today (the contexts refuse future days). */
const inYear = (month: number, day: number) => {
  const date = `${YEAR}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return date < TODAY ? date : TODAY;
};
const SERVICE_USER = { name: 'Nguyễn Thị Thống Kê', contact: '0900 000 111', birthYear: 1995, address: 'Tổ 1, Việt Trì' };
const PENALISED_NAME = 'Phạm Văn Thống Kê';

interface Line {
  code: string;
  subgroup: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
  target: { comparator: string; value: number } | null;
  met: boolean | null;
  byUnit?: Array<{ unit: string | null; value: number | null; suppressed: boolean }>;
}

describe('API: statistics — indicators, targets, disclosure control, reports (GET /statistics/…)', () => {
  let api: TestApi;
  // A database of the suite's own: person figures are read from the country's protected table, so
  // other suites' people (in the same shared run database) would change what is suppressed here.
  let database: { url: string; drop: () => Promise<void> };
  let t: Record<
    | 'inspector'
    | 'supervisor'
    | 'officer'
    | 'official'
    | 'worker'
    | 'statistician'
    | 'auditor'
    | 'outsideStatistician'
    | 'dpo'
    | 'programme',
    string
  >;
  let planId: string;
  let communePlanId: string;
  const secrets: string[] = [SERVICE_USER.name, SERVICE_USER.contact, PENALISED_NAME];
  const caseIds: string[] = [];
  const clientCodes: string[] = [];

  const http = () => request(api.app.getHttpServer());
  const post = async (path: string, body: object, token: string, status = 200) => {
    const response = await http().post(path).set('Authorization', token).set('Idempotency-Key', randomUUID()).send(body);
    if (response.status !== status) throw new Error(`POST ${path} → ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string };
  };
  const create = async (path: string, body: object, token: string) => {
    const { id } = await post(path, body, token, 201);
    caseIds.push(id);
    return id;
  };
  const indicators = async (query: string, token = t.statistician): Promise<Record<string, Line>> => {
    const response = await http().get(`/statistics/indicators?${query}`).set('Authorization', token).expect(200);
    expect(response.body.fresh).toBe(true);
    return Object.fromEntries((response.body.indicators as Line[]).map((l) => [l.subgroup ? `${l.code}:${l.subgroup}` : l.code, l]));
  };

  beforeAll(async () => {
    // Exact counts (STATISTICS_MECHANISM=none, a test installation), so the arithmetic can be checked
    // by hand; the default, cell-key perturbation, has its own tests below on a second API.
    database = await createTestDatabase();
    api = await startTestApi(database.url, undefined, { STATISTICS_MECHANISM: 'none' });
    const as = (user: string, role: string, scope = PROVINCE) => bearer(user, [{ role: role as never, scope }]);
    t = {
      inspector: await as('st-inspector', 'inspector'),
      supervisor: await as('st-supervisor', 'police_supervisor'),
      officer: await as('st-officer', 'police_officer'),
      official: await bearer('st-official', [
        { role: 'sanctioning_official', scope: PROVINCE, position: 'provincial_people_committee_chair' },
      ]),
      worker: await as('st-worker', 'social_worker'),
      statistician: await as('st-statistician', 'statistician'),
      auditor: await as('st-auditor', 'auditor', 'VN'),
      outsideStatistician: await as('st-statistician-79', 'statistician', '79'),
      dpo: await as('st-dpo', 'data_protection_officer', 'VN'),
      // Records the plans and programme activities; the statistician only queries.
      programme: await as('st-programme', 'programme_officer'),
    };

    // Establishments: 30 at-risk (karaoke) and 2 of another kind in the commune.
    const establishments: string[] = [];
    for (let i = 0; i < 32; i += 1) {
      const type = i < 30 ? 'karaoke' : 'other';
      establishments.push(
        await create(
          '/establishments',
          {
            commune: COMMUNE,
            type,
            businessName: `Cơ sở ${i}`,
            address: `Số ${i}`,
            businessLicenceNumber: null,
            securityPermitNumber: null,
            ownerName: 'Chủ Cơ Sở',
            ownerContact: '0900',
          },
          t.inspector,
        ),
      );
    }
    // Reviews: 4 classified high (signs of trouble), 6 classified low → 10 of 30 reviewed.
    for (const [i, id] of establishments.slice(0, 10).entries())
      await post(`/establishments/${id}/classify-risk`, { riskClass: i < 4 ? 'high' : 'low', reason: 'Rà soát định kỳ' }, t.inspector);
    // Inspections today of 7 at-risk establishments, the first 3 of them among those with signs.
    for (const id of [0, 1, 2, 10, 11, 12, 13].map((i) => establishments[i]!)) {
      const inspection = await create(
        '/inspections',
        { establishmentId: id, jurisdiction: COMMUNE, mode: 'scheduled', triggeringTipId: null, plannedDate: TODAY },
        t.inspector,
      );
      await post(
        `/inspections/${inspection}/conduct`,
        {
          conductedOn: TODAY,
          members: [
            { agency: 'police', name: 'Thành Viên Một' },
            { agency: 'health', name: 'Thành Viên Hai' },
            { agency: 'culture', name: 'Thành Viên Ba' },
          ],
          findings: 'compliant',
          violationDescription: null,
        },
        t.inspector,
      );
    }

    // Hotspots: H1 eradicated in the year, H2 under treatment, H3 eradicated last year and re-activated this year.
    const hotspot = (identifiedOn: string) =>
      create('/hotspots', { jurisdiction: COMMUNE, kind: 'street', locationDescription: 'Đoạn đường ven chợ', identifiedOn }, t.supervisor);
    const h1 = await hotspot(inYear(2, 1));
    await post(`/hotspots/${h1}/start-treatment`, { plan: 'Tuần tra', startedOn: inYear(3, 1) }, t.supervisor);
    await post(`/hotspots/${h1}/eradicate`, { eradicatedOn: inYear(6, 1) }, t.supervisor);
    const h2 = await hotspot(inYear(3, 1));
    await post(`/hotspots/${h2}/start-treatment`, { plan: 'Tuần tra', startedOn: inYear(4, 1) }, t.supervisor);
    const h3 = await hotspot(`${YEAR - 1}-05-01`);
    await post(`/hotspots/${h3}/start-treatment`, { plan: 'Tuần tra', startedOn: `${YEAR - 1}-06-01` }, t.supervisor);
    await post(`/hotspots/${h3}/eradicate`, { eradicatedOn: `${YEAR - 1}-08-01` }, t.supervisor);
    await post(`/hotspots/${h3}/reactivate`, { reactivatedOn: inYear(5, 1), reason: 'Tái hoạt động' }, t.supervisor);

    // Tips: one received 30 hours ago and never classified (its 24-hour limit ran out), four received an hour ago; two closed.
    const receive = (hoursAgo: number) =>
      create(
        '/tips',
        {
          jurisdiction: COMMUNE,
          channel: 'hotline',
          kind: 'denunciation',
          allegation: 'Nội dung tố giác',
          anonymous: true,
          receivedAt: new Date(Date.now() - hoursAgo * HOUR).toISOString(),
        },
        t.supervisor,
      );
    await receive(30);
    const tips = [await receive(1), await receive(1), await receive(1), await receive(1)];
    for (const [i, id] of tips.slice(0, 2).entries()) {
      await post(`/tips/${id}/classify`, { category: 'brokering' }, t.supervisor);
      await post(`/tips/${id}/assign`, { assigneeId: 'st-officer' }, t.supervisor);
      await post(`/tips/${id}/start-verification`, {}, t.officer);
      await post(
        `/tips/${id}/close`,
        i === 0 ? { outcome: 'criminal_case_opened', criminalCaseRef: '01/QĐ-KTVA' } : { outcome: 'not_substantiated' },
        t.officer,
      );
    }

    // People penalised: six in the commune, three in the small commune (one person per case).
    for (const [unit, count] of [
      [COMMUNE, 6],
      [SMALL_COMMUNE, 3],
    ] as const) {
      for (let i = 0; i < count; i += 1) {
        const person = { fullName: PENALISED_NAME, idNumber: '001300000777', address: 'Thôn Một' };
        const id = await create(
          '/penalty-cases',
          {
            jurisdiction: unit,
            violationDate: TODAY,
            recordedOn: TODAY,
            act: '32',
            offenderType: 'individual',
            people: [person],
            tipId: null,
            summary: 'Phát hiện khi kiểm tra',
          },
          t.officer,
        );
        // The person's subject id is the one the server minted for the record.
        const subjectId = (await http().get(`/penalty-cases/${id}`).set('Authorization', t.officer).expect(200)).body.people[0]
          .subjectId as string;
        secrets.push(subjectId);
        await post(
          `/penalty-cases/${id}/decide`,
          { decisionNumber: `${i}/QĐ-XPHC`, sanctions: [{ subjectId, sanction: 'fine', amount: 1_500_000 }], additionalMeasures: [] },
          t.official,
        );
      }
    }

    // Support: ten service users screened in the commune, five of them served.
    for (let i = 0; i < 10; i += 1) {
      const id = await create(
        '/support-cases',
        { jurisdiction: COMMUNE, channel: 'walk_in', contactedOn: TODAY, serviceUser: SERVICE_USER },
        t.worker,
      );
      await post(
        `/support-cases/${id}/consents`,
        { purpose: 'case_management', wordingVersion: 'v2026.1', method: 'written', givenOn: TODAY },
        t.worker,
      );
      await post(`/support-cases/${id}/screen-needs`, { needs: ['legal_aid'], healthNotes: 'Ghi chú', screenedOn: TODAY }, t.worker);
      if (i < 5) {
        await post(
          `/support-cases/${id}/consents`,
          { purpose: 'referral', providerId: 'provider-legal-aid-25', wordingVersion: 'v2026.1', method: 'written', givenOn: TODAY },
          t.worker,
        );
        const referral = await post(
          `/support-cases/${id}/referrals`,
          { providerId: 'provider-legal-aid-25', service: 'legal_aid', sharedFields: ['clientCode'], referredOn: TODAY },
          t.worker,
        );
        const referralId =
          (referral as unknown as { referralId?: string }).referralId ??
          (await http().get(`/support-cases/${id}`).set('Authorization', t.worker)).body.referrals[0].referralId;
        await post(`/support-cases/${id}/referrals/${referralId}/accept`, { acceptedOn: TODAY }, t.worker);
        await post(`/support-cases/${id}/referrals/${referralId}/service-delivered`, { deliveredOn: TODAY, note: 'Đã tư vấn' }, t.worker);
      }
      clientCodes.push((await http().get(`/support-cases/${id}`).set('Authorization', t.worker).expect(200)).body.clientCode);
    }

    // Programme: a regular communication activity in the commune, and a plan with Hóc Môn's 20% inspection target.
    const programme = t.programme;
    await post(
      '/programme/communications',
      {
        jurisdiction: COMMUNE,
        heldOn: inYear(3, 1),
        form: 'meeting',
        audience: 'youth',
        reach: 40,
        recurring: true,
        villages: ['Thôn Một', 'Thôn Hai'],
      },
      programme,
      201,
    );
    // Trainings, reference figures, communication by audience, integration, pilot models, website posts, a commune's own plan.
    await post(
      '/programme/trainings',
      { jurisdiction: PROVINCE, heldOn: inYear(4, 2), topic: 'Tập huấn', participants: { province: 10, commune: 6 } },
      programme,
      201,
    );
    const figures = {
      staffProvince: 40,
      staffCommune: 12,
      staffAll: 100,
      workersAtRiskEstablishments: 200,
      highSchoolStudents: 1000,
      villages: 10,
    };
    await post(
      '/programme/reference-figures',
      { jurisdiction: PROVINCE, area: [PROVINCE], asOf: `${YEAR}-01-01`, figures },
      programme,
      201,
    );
    for (const [jurisdiction, audience, reach] of [
      [SMALL_COMMUNE, 'establishment_workers', 50],
      [PROVINCE, 'high_school_students', 700],
      [PROVINCE, 'officials', 30],
    ] as const) {
      await post(
        '/programme/communications',
        { jurisdiction, heldOn: inYear(4, 3), form: 'meeting', audience, reach, recurring: false, villages: [] },
        programme,
        201,
      );
    }
    await post(
      '/programme/integrations',
      { jurisdiction: SMALL_COMMUNE, recordedOn: inYear(2, 1), programmes: ['socio_economic'] },
      programme,
      201,
    );
    for (const jurisdiction of [COMMUNE, SMALL_COMMUNE])
      await post(
        '/programme/pilot-models',
        { jurisdiction, startedOn: inYear(3, 1), modelKind: 'prevention', name: 'Mô hình' },
        programme,
        201,
      );
    for (const day of [5, 20])
      await post(
        '/programme/website-posts',
        { jurisdiction: PROVINCE, publishedOn: inYear(3, day), title: 'Tin bài', url: `https://phutho.gov.vn/tin/${day}` },
        programme,
        201,
      );
    const hocMon = SEED_PLANS[0]!.plan;
    communePlanId = (
      await post(
        '/programme/plans',
        {
          ...hocMon,
          jurisdiction: COMMUNE,
          issuer: { name: 'Ủy ban nhân dân phường Việt Trì', level: 'commune' },
          adoptedOn: inYear(1, 10),
          period: { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` },
          area: { era: 'current', units: [COMMUNE], label: 'Phường Việt Trì' },
          targets: [],
        },
        programme,
        201,
      )
    ).id;
    const target = hocMon.targets.filter(
      (x) => x.indicator === 'at_risk_establishments_inspected' || x.indicator === 'people_in_need_accessed_support',
    );
    planId = (
      await post(
        '/programme/plans',
        {
          ...hocMon,
          jurisdiction: PROVINCE,
          issuer: { name: 'Ủy ban nhân dân tỉnh Phú Thọ', level: 'province' },
          period: { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` },
          area: { era: 'current', units: [PROVINCE], label: 'Tỉnh Phú Thọ' },
          targets: target,
        },
        programme,
        201,
      )
    ).id;
    secrets.push(...clientCodes);
  }, 180_000);
  afterAll(async () => {
    await api.close();
    await database.drop();
  });

  it('computes the establishment, hotspot, tip and communication indicators of a commune for the year from the events, with the plan’s target', async () => {
    const lines = await indicators(`area=${COMMUNE}&period=year&year=${YEAR}&plan=${planId}`);
    // 30 at-risk establishments, 7 inspected → 23.3 % against the 20 % target → met.
    expect(lines.at_risk_establishments_inspected).toMatchObject({
      numerator: 7,
      denominator: 30,
      target: { comparator: 'at_least', value: 20 },
      met: true,
      suppressed: false,
    });
    expect(lines.at_risk_establishments_inspected!.value).toBeCloseTo((7 / 30) * 100, 6);
    // 10 of 30 reviewed (classified) → 33.3 %.
    expect(lines.at_risk_establishments_reviewed).toMatchObject({ numerator: 10, denominator: 30, target: null, met: null });
    // 4 with signs of trouble, 3 inspected on or after the day they were noted → 75 %.
    expect(lines.establishments_with_signs_inspected).toMatchObject({ numerator: 3, denominator: 4, value: 75 });
    // Hotspots active in the year: H1, H2, H3; eradicated at the end: H1 → 33.3 %; one re-activation; formed or re-formed: H1, H2 and H3's re-activation.
    expect(lines.hotspots_eradicated).toMatchObject({ numerator: 1, denominator: 3 });
    expect(lines.hotspots_reactivated).toMatchObject({ value: 1 });
    expect(lines.hotspots_formed_or_reformed).toMatchObject({ value: 3 });
    // Tips: 5 received, one ran past its classification limit → 80 %; 2 of 5 handled → 40 %; one criminal case, none a year before → no change figure.
    expect(lines.tips_handled_in_time).toMatchObject({ numerator: 4, denominator: 5, value: 80 });
    expect(lines.detected_cases_handled).toMatchObject({ numerator: 2, denominator: 5, value: 40 });
    expect(lines.crimes_handled_change).toMatchObject({ numerator: 1, denominator: 0, value: null });
    // One commune of one with a regular communication activity → 100 %.
    expect(lines.communes_with_communication).toMatchObject({ numerator: 1, denominator: 1, value: 100 });
  });

  it('rolls the commune up into the province: every commune of Phú Thọ counts in the denominator', async () => {
    const lines = await indicators(`area=${PROVINCE}&period=year&year=${YEAR}`);
    expect(lines.communes_with_communication).toMatchObject({ numerator: 1, denominator: 3 });
    expect(lines.at_risk_establishments_inspected).toMatchObject({ numerator: 7, denominator: 30 });
    // Every indicator of the catalogue is answered (staff trained once per level).
    expect(Object.keys(lines)).toHaveLength(24);
  });

  it('computes the programme indicators of the province from trainings, communication, integration, pilot models, plans and reference figures', async () => {
    const lines = await indicators(`area=${PROVINCE}&period=year&year=${YEAR}`);
    // Trainings: 10 of 40 provincial staff → 25 %; 6 of 12 commune staff → 50 %.
    expect(lines['staff_trained:province']).toMatchObject({ numerator: 10, denominator: 40, value: 25 });
    expect(lines['staff_trained:commune']).toMatchObject({ numerator: 6, denominator: 12, value: 50 });
    expect(lines['staff_trained:district']).toMatchObject({ value: null });
    // Communication reach over the reference figures: 50 / 200 workers, 700 / 1000 students, 30 / 100 officials; 2 of 10 villages.
    expect(lines.workers_reached).toMatchObject({ numerator: 50, denominator: 200, value: 25 });
    expect(lines.students_reached).toMatchObject({ numerator: 700, denominator: 1000, value: 70 });
    expect(lines.staff_briefed).toMatchObject({ numerator: 30, denominator: 100, value: 30 });
    expect(lines.villages_with_communication).toMatchObject({ numerator: 2, denominator: 10, value: 20 });
    // Communes (3 in Phú Thọ): 1 integrating, 2 with pilot models, 1 with its own plan.
    expect(lines.communes_integrating).toMatchObject({ numerator: 1, denominator: 3 });
    expect(lines.communes_with_pilot_models).toMatchObject({ numerator: 2, denominator: 3 });
    expect(lines.communes_with_plan).toMatchObject({ numerator: 1, denominator: 3 });
    // Website posts: two in March, so March's figure is 2; over the year the fewest in a month is 0.
    expect(lines.website_posts_per_month).toMatchObject({ value: 0 });
    const march = await indicators(`area=${PROVINCE}&period=month&index=3&year=${YEAR}`);
    expect(march.website_posts_per_month).toMatchObject({ numerator: 2, denominator: 1, value: 2 });
  });

  it('counts service users who accessed support through the disclosure control: 5 of 10 in need → 50 %', async () => {
    const lines = await indicators(`area=${COMMUNE}&period=year&year=${YEAR}&plan=${planId}`);
    expect(lines.people_in_need_accessed_support).toMatchObject({
      numerator: 5,
      denominator: 10,
      value: 50,
      suppressed: false,
      target: { value: 100 },
      met: false,
    });
  });

  it('suppresses a commune with 3 people penalised, and hides enough that no total gives it away', async () => {
    const small = await indicators(`area=${SMALL_COMMUNE}&period=year&year=${YEAR}`);
    expect(small.people_penalised).toMatchObject({ value: null, numerator: null, suppressed: true });
    const province = await indicators(`area=${PROVINCE}&period=year&year=${YEAR}`);
    const rows = province.people_penalised!.byUnit!;
    expect(rows.find((r) => r.unit === SMALL_COMMUNE)).toMatchObject({ value: null, suppressed: true });
    // The province's total minus the published communes must not pin the hidden one down: it is shared by at least two hidden rows.
    const total = province.people_penalised!.value;
    expect(total).toBe(9);
    expect(rows.filter((r) => r.suppressed).length).toBeGreaterThanOrEqual(2);
    expect(rows.filter((r) => !r.suppressed).every((r) => r.value === 0 || r.value! >= 5)).toBe(true);
    // A commune is shown alone as its row in the province's table shows it: nothing to difference between the two answers.
    const commune = await indicators(`area=${COMMUNE}&period=year&year=${YEAR}`);
    const row = rows.find((r) => r.unit === COMMUNE)!;
    expect(commune.people_penalised).toMatchObject({ suppressed: row.suppressed, value: row.value });
  });

  it('states the plan’s report due date for the period and how person counts are published', async () => {
    const answer = (
      await http()
        .get(`/statistics/indicators?area=${COMMUNE}&period=year&year=${YEAR}&plan=${planId}`)
        .set('Authorization', t.statistician)
        .expect(200)
    ).body;
    // Hóc Môn's calendar, reused by the province's plan: the annual report before 10/11.
    expect(answer.reportDue).toEqual({ dueBefore: `${YEAR}-11-10`, lastDay: `${YEAR}-11-09` });
    expect(answer.disclosure).toEqual({
      threshold: 5,
      roundedToFive: false,
      perturbed: false,
      mechanism: 'none',
      pTable: null,
      maxNoise: 0,
      totals: 'exact',
      suppression: 'hierarchical',
      secretId: null,
    });
    expect(answer.computedAt).toEqual({ from: expect.any(String), to: expect.any(String) });
    const monthly = (
      await http()
        .get(`/statistics/indicators?area=${COMMUNE}&period=month&index=3&year=${YEAR}&plan=${planId}`)
        .set('Authorization', t.statistician)
        .expect(200)
    ).body;
    expect(monthly.reportDue).toEqual({ dueBefore: `${YEAR}-04-10`, lastDay: `${YEAR}-04-09` });
    const quarterly = (
      await http()
        .get(`/statistics/indicators?area=${COMMUNE}&period=quarter&index=1&year=${YEAR}&plan=${planId}`)
        .set('Authorization', t.statistician)
        .expect(200)
    ).body;
    expect(quarterly.reportDue).toBeNull();
    const withoutPlan = (
      await http().get(`/statistics/indicators?area=${COMMUNE}&period=year&year=${YEAR}`).set('Authorization', t.statistician).expect(200)
    ).body;
    expect(withoutPlan.reportDue).toBeNull();
  });

  it('perturbs person counts by default (cell-key method), each unit’s figure the same in every table and on every asking', async () => {
    const perturbed = await startTestApi(database.url, undefined, { PROJECTIONS: 'off', STATISTICS_WARM_UP: 'off' });
    try {
      const ask = async (area: string, token = t.statistician) =>
        (
          await request(perturbed.app.getHttpServer())
            .get(`/statistics/indicators?area=${area}&period=year&year=${YEAR}`)
            .set('Authorization', token)
            .expect(200)
        ).body;
      const province = await ask(PROVINCE);
      expect(province.disclosure).toEqual({
        threshold: 5,
        roundedToFive: false,
        perturbed: true,
        mechanism: 'cell_key',
        pTable: 'ptable-2026-1',
        maxNoise: 2,
        totals: 'independently_perturbed',
        suppression: 'hierarchical',
        secretId: expect.stringMatching(/^[0-9a-f]{16}$/),
      });
      const support = (answer: { indicators: Line[] }) => answer.indicators.find((l) => l.code === 'people_in_need_accessed_support')!;
      const penalised = (answer: { indicators: Line[] }) => answer.indicators.find((l) => l.code === 'people_penalised')!;
      // Within the p-table's ±2 of the truth (5 of 10 in need in the commune; 9 penalised in the province).
      const commune = await ask(COMMUNE);
      expect(Math.abs(support(commune).numerator! - 5)).toBeLessThanOrEqual(2);
      expect(Math.abs(support(commune).denominator! - 10)).toBeLessThanOrEqual(2);
      expect(Math.abs(penalised(province).value! - 9)).toBeLessThanOrEqual(2);
      // The commune alone, in its province's table, and the province in the country's table: one figure each.
      expect(penalised(province).byUnit!.find((r) => r.unit === COMMUNE)!.value).toBe(penalised(commune).value);
      const country = await ask('VN', t.auditor);
      expect(penalised(country).byUnit!.find((r) => r.unit === PROVINCE)!.value).toBe(penalised(province).value);
      // Suppression still comes first: the commune of 3 stays hidden, at every level.
      expect(penalised(province).byUnit!.find((r) => r.unit === SMALL_COMMUNE)).toMatchObject({ value: null, suppressed: true });
      expect(penalised(await ask(SMALL_COMMUNE))).toMatchObject({ value: null, suppressed: true });
      expect((await ask(PROVINCE)).indicators).toEqual(province.indicators);
      // The monthly trend shows each month as the month's own answer shows it, and the CSV report the JSON's figures.
      const server = perturbed.app.getHttpServer();
      const month = Number(TODAY.slice(5, 7));
      const trend = (
        await request(server)
          .get(`/statistics/indicators/people_penalised/trend?area=${PROVINCE}&year=${YEAR}`)
          .set('Authorization', t.statistician)
          .expect(200)
      ).body;
      const monthly = (
        await request(server)
          .get(`/statistics/indicators?area=${PROVINCE}&period=month&index=${month}&year=${YEAR}`)
          .set('Authorization', t.statistician)
          .expect(200)
      ).body;
      expect(trend.months[month - 1].value).toBe(penalised(monthly).value);
      const csv = (
        await request(server)
          .get(`/statistics/reports?area=${PROVINCE}&period=year&year=${YEAR}&format=csv&lang=en`)
          .set('Authorization', t.statistician)
          .expect(200)
      ).text;
      const csvLine = csv.split('\r\n').find((l) => l.startsWith('people_penalised,'))!;
      expect(csvLine.split(',')[2]).toBe(String(penalised(province).value));
    } finally {
      await perturbed.close();
    }
  });

  it('rounds person counts to 5 after the noise when configured, the same on every asking', async () => {
    const rounded = await startTestApi(database.url, undefined, {
      PROJECTIONS: 'off',
      STATISTICS_WARM_UP: 'off',
      STATISTICS_ROUNDING: 'base5',
      STATISTICS_PERTURBATION_SALT: 'e2e-perturbation-salt-0001',
    });
    try {
      const ask = async () =>
        (
          await request(rounded.app.getHttpServer())
            .get(`/statistics/indicators?area=${PROVINCE}&period=year&year=${YEAR}`)
            .set('Authorization', t.statistician)
            .expect(200)
        ).body;
      const first = await ask();
      expect(first.disclosure).toMatchObject({ threshold: 5, roundedToFive: true, perturbed: true, mechanism: 'cell_key' });
      const penalised = first.indicators.find((l: Line) => l.code === 'people_penalised') as Line;
      const published = penalised.byUnit!.filter((r) => r.value !== null).map((r) => r.value!);
      expect(published.length).toBeGreaterThan(0);
      expect(published.every((v) => v % 5 === 0)).toBe(true);
      expect(penalised.byUnit!.find((r) => r.unit === SMALL_COMMUNE)).toMatchObject({ value: null, suppressed: true });
      expect((await ask()).indicators).toEqual(first.indicators);
    } finally {
      await rounded.close();
    }
  });

  it('never shows a case id, a client code, a subject id or a personal field to a statistician or an auditor', async () => {
    for (const token of [t.statistician, t.auditor]) {
      const answers = [
        await http()
          .get(`/statistics/indicators?area=${PROVINCE}&period=year&year=${YEAR}&plan=${planId}`)
          .set('Authorization', token)
          .expect(200),
        await http()
          .get(`/statistics/indicators/people_penalised/trend?area=${COMMUNE}&year=${YEAR}`)
          .set('Authorization', token)
          .expect(200),
        await http()
          .get(`/statistics/reports?area=${COMMUNE}&period=year&year=${YEAR}&format=json`)
          .set('Authorization', token)
          .expect(200),
      ];
      const text = answers.map((a) => a.text).join('\n');
      for (const secret of [...secrets, ...caseIds]) expect(text).not.toContain(secret);
    }
    // Nor does the facts table keep them: person keys are keyed hashes.
    const stored = JSON.stringify((await api.pool.query(`select * from rm_${INDICATOR_FACTS_PROJECTION}.facts`)).rows);
    for (const secret of [...secrets, ...clientCodes.map((c) => `su-${c}`)]) expect(stored).not.toContain(secret);
  });

  it('refuses enforcement and support roles, and a statistician outside their jurisdiction', async () => {
    for (const token of [t.supervisor, t.officer, t.inspector, t.worker, t.official]) {
      await http().get(`/statistics/indicators?area=${COMMUNE}&period=year&year=${YEAR}`).set('Authorization', token).expect(403);
      await http().get(`/statistics/reports?area=${COMMUNE}&period=year&year=${YEAR}&format=csv`).set('Authorization', token).expect(403);
    }
    await http()
      .get(`/statistics/indicators?area=${COMMUNE}&period=year&year=${YEAR}`)
      .set('Authorization', t.outsideStatistician)
      .expect(403);
  });

  it('shows a programme officer the figures against the plan’s targets through the same disclosure control, and no report to export', async () => {
    const query = `area=${COMMUNE}&period=year&year=${YEAR}&plan=${planId}`;
    expect(await indicators(query, t.programme)).toEqual(await indicators(query, t.statistician));
    const lines = await indicators(`area=${SMALL_COMMUNE}&period=year&year=${YEAR}`, t.programme);
    expect(lines.people_penalised).toMatchObject({ value: null, numerator: null, suppressed: true });
    await http()
      .get(`/statistics/indicators/people_penalised/trend?area=${COMMUNE}&year=${YEAR}`)
      .set('Authorization', t.programme)
      .expect(200);
    expect(
      (await http().get(`/statistics/plans?area=${PROVINCE}`).set('Authorization', t.programme).expect(200)).body.plans.map(
        (p: { id: string }) => p.id,
      ),
    ).toContain(planId);
    for (const format of ['csv', 'json', 'pdf'])
      await http().get(`/statistics/reports?${query}&format=${format}`).set('Authorization', t.programme).expect(403);
    const outside = await bearer('st-programme-79', [{ role: 'programme_officer', scope: '79' }]);
    await http().get(`/statistics/indicators?${query}`).set('Authorization', outside).expect(403);
  });

  it('lets no query parameter move a period boundary: fixed period kinds and the plan’s recorded calendar only, which a statistician cannot record or revise', async () => {
    const base = `area=${COMMUNE}&period=month&index=3&year=${YEAR}&plan=${planId}`;
    const answer = (await http().get(`/statistics/indicators?${base}`).set('Authorization', t.statistician).expect(200)).body;
    // Hóc Môn's calendar, reused by the province's plan: calendar months.
    expect(answer.period).toMatchObject({ from: `${YEAR}-03-01`, to: `${YEAR}-03-31` });
    const moves = [
      'monthStartsOnDay=10',
      'monthStartsOn=10',
      'calendar=10',
      'reporting[monthStartsOnDay]=10',
      'from=' + `${YEAR}-03-10`,
      'to=' + `${YEAR}-04-09`,
      'start=10',
      'end=9',
      'window=30',
      'cutoff=10',
      'day=10',
      'offset=9',
    ];
    const trend = `area=${COMMUNE}&year=${YEAR}`;
    await http().get(`/statistics/indicators/people_penalised/trend?${trend}`).set('Authorization', t.statistician).expect(200);
    for (const move of moves) {
      for (const path of [
        `/statistics/indicators?${base}`,
        `/statistics/reports?${base}&format=csv`,
        `/statistics/indicators/people_penalised/trend?${trend}`,
        `/statistics/plans?area=${COMMUNE}`,
      ]) {
        const refused = await http().get(`${path}&${move}`).set('Authorization', t.statistician).expect(400);
        expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(JSON.stringify(refused.body)).toContain(move.split(/[=[]/)[0]);
      }
    }
    // Nor can a statistician record a plan with another calendar or revise this one's.
    const plan = SEED_PLANS[0]!.plan;
    await post(
      '/programme/plans',
      {
        ...plan,
        jurisdiction: PROVINCE,
        issuer: { name: 'Ủy ban nhân dân tỉnh Phú Thọ', level: 'province' },
        area: { era: 'current', units: [PROVINCE], label: 'Tỉnh Phú Thọ' },
        reporting: { ...plan.reporting, monthStartsOnDay: 10 },
      },
      t.statistician,
      403,
    );
    await post(
      `/programme/plans/${planId}/revise`,
      { revisedOn: inYear(1, 15), reason: 'Lịch mới', reporting: { ...plan.reporting, monthStartsOnDay: 11 } },
      t.statistician,
      403,
    );
    expect((await http().get(`/statistics/indicators?${base}`).set('Authorization', t.statistician).expect(200)).body.period).toEqual(
      answer.period,
    );
  });

  it('answers bad queries with 400 naming the field, and an unknown plan with 404', async () => {
    const bad = await http()
      .get(`/statistics/indicators?area=${COMMUNE}&period=decade&year=${YEAR}&extra=1`)
      .set('Authorization', t.statistician)
      .expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/period/);
    expect(JSON.stringify(bad.body)).toMatch(/extra/);
    await http().get(`/statistics/indicators?area=ZZ99&period=year&year=${YEAR}`).set('Authorization', t.statistician).expect(400);
    await http()
      .get(`/statistics/indicators?area=${COMMUNE}&period=quarter&index=5&year=${YEAR}`)
      .set('Authorization', t.statistician)
      .expect(400);
    await http()
      .get(`/statistics/indicators?area=${COMMUNE}&period=year&year=${YEAR}&plan=no-such-plan`)
      .set('Authorization', t.statistician)
      .expect(404);
    await http()
      .get(`/statistics/indicators/no_such_indicator/trend?area=${COMMUNE}&year=${YEAR}`)
      .set('Authorization', t.statistician)
      .expect(404);
  });

  it('gives a monthly trend: everything registered and inspected this month counts in this month only', async () => {
    const trend = await http()
      .get(`/statistics/indicators/at_risk_establishments_inspected/trend?area=${COMMUNE}&year=${YEAR}`)
      .set('Authorization', t.statistician)
      .expect(200);
    const month = Number(TODAY.slice(5, 7));
    expect(trend.body.months).toHaveLength(12);
    expect(trend.body.months[month - 1]).toMatchObject({ numerator: 7, denominator: 30 });
    for (const m of trend.body.months.slice(month)) expect(m).toMatchObject({ numerator: 0, denominator: 0, value: null });
  });

  it('keeps counting a service user’s case after their key is shredded (the fact has no identity), also after a rebuild', async () => {
    const subject = `su-${clientCodes[0]}`;
    await http().post(`/data-subjects/${subject}/erasure`).set('Authorization', t.dpo).send({ reason: 'Yêu cầu xóa dữ liệu' }).expect(202);
    const secondDpo = await bearer('st-dpo-2', [{ role: 'data_protection_officer', scope: 'VN' }]);
    await http().post(`/data-subjects/${subject}/erasure/confirm`).set('Authorization', secondDpo).send({}).expect(200);
    expect(await api.keyStore.existingKey(subject)).toBe('erased');
    const runner = api.app.get<ProjectionRunner>(PROJECTION_RUNNER);
    await runner.rebuild(INDICATOR_FACTS_PROJECTION);
    const lines = await indicators(`area=${COMMUNE}&period=year&year=${YEAR}`);
    expect(lines.people_in_need_accessed_support).toMatchObject({ numerator: 5, denominator: 10, value: 50 });
  }, 120_000);

  describe('plans to choose from (GET /statistics/plans)', () => {
    interface PlanItem {
      id: string;
      title: string | null;
      documentRef: string | null;
      jurisdiction: { code: string; name: string | null };
      period: { from: string | null; to: string | null };
      targets: number;
      status: string;
    }
    const tree = JurisdictionTree.build(BUILT_IN_UNITS, BUILT_IN_MAPPINGS);
    const plans = async (query: string, token = t.statistician) => {
      const response = await http().get(`/statistics/plans${query}`).set('Authorization', token).expect(200);
      expect(response.body.fresh).toBe(true);
      return response.body as { area: { code: string; name: string | null }; plans: PlanItem[] };
    };
    const ids = (answer: { plans: PlanItem[] }) => answer.plans.map((p) => p.id);
    let otherProvincePlanId: string;
    beforeAll(async () => {
      // A plan of Hồ Chí Minh City (79), to be left out of Phú Thọ's lists.
      const elsewhere = await bearer('st-plans-programme-79', [{ role: 'programme_officer', scope: '79' }]);
      otherProvincePlanId = (await post('/programme/plans', SEED_PLANS[0]!.plan, elsewhere, 201)).id;
    });

    it('takes a plan’s calendar and targets only for an area the plan speaks for: another province’s plan is answered as no plan', async () => {
      const borrowed = await http()
        .get(`/statistics/indicators?area=${COMMUNE}&period=month&index=3&year=${YEAR}&plan=${otherProvincePlanId}`)
        .set('Authorization', t.statistician)
        .expect(404);
      const missing = await http()
        .get(`/statistics/indicators?area=${COMMUNE}&period=month&index=3&year=${YEAR}&plan=no-such-plan`)
        .set('Authorization', t.statistician)
        .expect(404);
      expect({ ...borrowed.body, instance: undefined, errors: undefined }).toEqual({
        ...missing.body,
        instance: undefined,
        errors: undefined,
      });
      await http()
        .get(`/statistics/reports?area=${PROVINCE}&period=year&year=${YEAR}&plan=${otherProvincePlanId}&format=json`)
        .set('Authorization', t.statistician)
        .expect(404);
      // The country's answer may use it: the plan is of a unit inside the country.
      await http()
        .get(`/statistics/indicators?area=VN&period=year&year=${YEAR}&plan=${otherProvincePlanId}`)
        .set('Authorization', t.auditor)
        .expect(200);
    });

    it('lists a commune’s own plans and its province’s, each with title, document, unit, period and the number of targets', async () => {
      const commune = await plans(`?area=${COMMUNE}`);
      expect(commune.area).toEqual({ code: COMMUNE, name: 'Việt Trì' });
      const hocMon = SEED_PLANS[0]!.plan;
      expect(commune.plans.find((p) => p.id === planId)).toEqual({
        id: planId,
        title: hocMon.title,
        documentRef: hocMon.documentRef,
        jurisdiction: { code: PROVINCE, name: 'Phú Thọ' },
        period: { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` },
        targets: 2,
        status: 'in_force',
      });
      expect(commune.plans.find((p) => p.id === communePlanId)).toMatchObject({
        jurisdiction: { code: COMMUNE, name: 'Việt Trì' },
        targets: 0,
        status: 'in_force',
      });
    });

    it('keeps to the area: a sibling commune gets the province’s plan but not the other commune’s, the province gets both, no plan of another province', async () => {
      const small = await plans(`?area=${SMALL_COMMUNE}`);
      expect(ids(small)).toContain(planId);
      expect(ids(small)).not.toContain(communePlanId);
      const province = await plans(`?area=${PROVINCE}`);
      expect(ids(province)).toEqual(expect.arrayContaining([planId, communePlanId]));
      for (const answer of [small, province, await plans(`?area=${COMMUNE}`)]) {
        expect(ids(answer)).not.toContain(otherProvincePlanId);
        for (const plan of answer.plans)
          expect(tree.contains(PROVINCE, plan.jurisdiction.code) || plan.jurisdiction.code === 'VN').toBe(true);
      }
      // The whole country: every plan, Hồ Chí Minh City's too.
      expect(ids(await plans('?area=VN', t.auditor))).toEqual(expect.arrayContaining([planId, communePlanId, otherProvincePlanId]));
    });

    it('defaults to the caller’s own scope: the province for its statistician, the country for an auditor', async () => {
      const own = await plans('');
      expect(own.area.code).toBe(PROVINCE);
      expect(ids(own)).toEqual(ids(await plans(`?area=${PROVINCE}`)));
      const auditor = await plans('', t.auditor);
      expect(auditor.area.code).toBe('VN');
      expect(ids(auditor)).toEqual(expect.arrayContaining([planId, otherProvincePlanId]));
      const outside = await plans('', t.outsideStatistician);
      expect(outside.area.code).toBe('79');
      expect(ids(outside)).toContain(otherProvincePlanId);
      expect(ids(outside)).not.toContain(planId);
    });

    it('answers through the policy point: enforcement, support and data-protection roles and a statistician outside the area are refused, each answer and refusal logged', async () => {
      for (const token of [t.supervisor, t.officer, t.inspector, t.worker, t.official, t.dpo]) {
        await http().get(`/statistics/plans?area=${COMMUNE}`).set('Authorization', token).expect(403);
        await http().get('/statistics/plans').set('Authorization', token).expect(403);
      }
      await http().get(`/statistics/plans?area=${COMMUNE}`).set('Authorization', t.outsideStatistician).expect(403);
      const reader = await bearer('st-plans-reader', [{ role: 'statistician', scope: PROVINCE }]);
      const officer = await bearer('st-plans-officer', [{ role: 'police_officer', scope: PROVINCE }]);
      await http().get(`/statistics/plans?area=${SMALL_COMMUNE}`).set('Authorization', reader).expect(200);
      await http().get(`/statistics/plans?area=${SMALL_COMMUNE}`).set('Authorization', officer).expect(403);
      const logged = async (actorId: string) =>
        (await http().get(`/access-log?actorId=${actorId}&resourceKind=statistics`).set('Authorization', t.auditor).expect(200)).body
          .entries as Array<{ action: string; decision: string; status: number | null; resource: { kind: string; jurisdiction: string } }>;
      expect(await logged('st-plans-reader')).toEqual([
        expect.objectContaining({
          action: 'list',
          decision: 'allow',
          resource: expect.objectContaining({ kind: 'statistics', jurisdiction: SMALL_COMMUNE }),
        }),
      ]);
      expect(await logged('st-plans-officer')).toEqual([
        expect.objectContaining({
          action: 'list',
          decision: 'deny',
          status: 403,
          resource: expect.objectContaining({ kind: 'statistics', jurisdiction: SMALL_COMMUNE }),
        }),
      ]);
    });

    it('refuses a bad area with 400 problem+json naming the field, and an unknown field', async () => {
      const unknown = await http().get('/statistics/plans?area=ZZ99').set('Authorization', t.statistician).expect(400);
      expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(unknown.body)).toMatch(/area/);
      const malformed = await http().get('/statistics/plans?area=bad!').set('Authorization', t.statistician).expect(400);
      expect(JSON.stringify(malformed.body)).toMatch(/area/);
      const extra = await http().get(`/statistics/plans?area=${PROVINCE}&extra=1`).set('Authorization', t.statistician).expect(400);
      expect(JSON.stringify(extra.body)).toMatch(/extra/);
    });

    it('shows nothing personal: only the documented fields, never a case id, a client code, a subject id or a name', async () => {
      for (const token of [t.statistician, t.auditor]) {
        const response = await http().get(`/statistics/plans?area=${PROVINCE}`).set('Authorization', token).expect(200);
        expect(Object.keys(response.body).sort()).toEqual(['area', 'fresh', 'plans']);
        for (const plan of response.body.plans as PlanItem[])
          expect(Object.keys(plan).sort()).toEqual(['documentRef', 'id', 'jurisdiction', 'period', 'status', 'targets', 'title']);
        for (const secret of [...secrets, ...caseIds]) expect(response.text).not.toContain(secret);
      }
    });
  });

  describe('periodic reports', () => {
    const report = (query: string, area = COMMUNE) =>
      http()
        .get(`/statistics/reports?area=${area}&period=year&year=${YEAR}&plan=${planId}&${query}`)
        .set('Authorization', t.statistician)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);

    it('CSV: a BOM for Excel, Vietnamese by default, value / target / met, suppressed cells marked', async () => {
      const response = await report('format=csv');
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      const body = response.body as Buffer;
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = body.toString('utf8');
      expect(text).toContain('Mã,Chỉ tiêu,Kết quả,Tử số,Mẫu số,Chỉ tiêu kế hoạch,Đạt');
      expect(text).toMatch(/at_risk_establishments_inspected,[^\r\n]*,"23,3 %",7,30,≥ 20 %,Đạt/);
      const small = (await report('format=csv', SMALL_COMMUNE)).body.toString('utf8');
      expect(small).toMatch(/\r\npeople_penalised,[^\r\n]*,Ẩn \(bảo mật\),,,,\r\n/);
      expect(small).not.toMatch(/people_penalised,[^\r\n]*,3,/);
    });

    it('English on request; JSON carries the same figures', async () => {
      const csv = (await report('format=csv&lang=en')).body.toString('utf8');
      expect(csv).toContain('Code,Indicator,Value,Numerator,Denominator,Target,Met');
      expect(csv).toMatch(/at_risk_establishments_inspected,[^\r\n]*,23\.3 %,7,30,≥ 20 %,Met/);
      const json = JSON.parse((await report('format=json', SMALL_COMMUNE).expect('Content-Type', /json/)).body.toString('utf8'));
      expect(json.indicators.find((l: Line) => l.code === 'people_penalised')).toMatchObject({ suppressed: true, value: null });
      expect(json.report.rows).toHaveLength(24);
    });

    it('HTML: a printable page (print CSS) with the table', async () => {
      const html = (await report('format=html', SMALL_COMMUNE).expect('Content-Type', /text\/html/)).body.toString('utf8');
      expect(html).toContain('@media print');
      expect(html).toContain('<html lang="vi">');
      expect(html).toContain('Ẩn (bảo mật)');
      expect(html).toMatch(/<td>people_penalised<\/td>.*Ẩn \(bảo mật\)/);
      expect((await report('format=html')).body.toString('utf8')).toMatch(/<td>at_risk_establishments_inspected<\/td>.*23,3 %/);
    });

    it('XLSX: a workbook ExcelJS reads back: title and subtitle, the period as dates, the header row frozen, every figure a number equal to the CSV’s, suppressed cells as text', async () => {
      interface ReportJson {
        period: { from: string; to: string };
        asOf: string;
        reportDue: { dueBefore: string } | null;
        report: { title: string; subtitle: string; headers: string[]; rows: string[][] };
      }
      const workbook = async (area: string) => {
        const response = await report('format=xlsx&lang=en', area).expect('Content-Type', /spreadsheetml/);
        expect(response.headers['content-disposition']).toBe(`attachment; filename="bao-cao-${area}-year-${YEAR}-1.xlsx"`);
        const json = JSON.parse((await report('format=json&lang=en', area)).body.toString('utf8')) as ReportJson;
        const sheet = (await readXlsx(response.body as Buffer)).worksheets[0]!;
        const values = (row: number) => (sheet.getRow(row).values as CellValue[]).slice(1);
        const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
        expect(values(1)).toEqual([json.report.title]);
        expect(values(2)).toEqual([json.report.subtitle]);
        expect(values(3)).toEqual(['From', day(json.period.from), 'To', day(json.period.to), 'Data as of', day(json.asOf.slice(0, 10))]);
        if (json.reportDue) expect(values(4)).toEqual(['Report due before', day(json.reportDue.dueBefore)]);
        const header = json.reportDue ? 5 : 4;
        expect(values(header)).toEqual(['Code', 'Indicator', 'Value', 'Numerator', 'Denominator', 'Target', 'Met']);
        expect(sheet.views).toEqual([expect.objectContaining({ state: 'frozen', ySplit: header })]);
        const table = json.report.rows.map((_, r) =>
          json.report.headers.map((_, c) => sheet.getRow(header + 1 + r).getCell(c + 1).value ?? ''),
        );
        return { json, sheet, table, header };
      };

      const small = await workbook(SMALL_COMMUNE);
      expect(small.table).toHaveLength(24);
      expect(small.table.find((cells) => cells[0] === 'people_penalised')!.slice(2)).toEqual(['Suppressed (confidential)', '', '', '', '']);

      const commune = await workbook(COMMUNE);
      // Where the CSV writes a figure ("23.3 %", "7", "≥ 20 %"), the workbook holds that number; the rest is the CSV's text.
      const FIGURE = /^([≥≤] )?-?[\d,]+(\.\d)?( %)?$/;
      const expected = commune.json.report.rows.map((cells) =>
        cells.map((text, c) => (c >= 2 && FIGURE.test(text) ? Number(text.replace(/[≥≤ %,]/g, '')) : text)),
      );
      expect(commune.table).toEqual(expected);
      expect(expected.flat().filter((v) => typeof v === 'number').length).toBeGreaterThan(24);
      const inspected = commune.table.findIndex((cells) => cells[0] === 'at_risk_establishments_inspected');
      expect(commune.table[inspected]!.slice(2)).toEqual([23.3, 7, 30, 20, 'Met']);
      expect([3, 4, 5, 6].map((c) => commune.sheet.getRow(commune.header + 1 + inspected).getCell(c).numFmt)).toEqual([
        '#,##0.0" %"',
        '#,##0',
        '#,##0',
        '"≥ "#,##0" %"',
      ]);
      // Columns as wide as their text: the codes fit, the names wrap within 60 characters.
      const longestCode = Math.max(...commune.json.report.rows.map((cells) => cells[0]!.length));
      expect(commune.sheet.getColumn(1).width).toBe(longestCode + 2);
      expect(commune.sheet.getColumn(2).width).toBe(60);
    });

    it('PDF: an attachment named .pdf that a PDF parser reads: the area, the header, the figures, no personal data', async () => {
      const area = JSON.parse((await report('format=json')).body.toString('utf8')).area as { code: string; name: string };
      const response = await report('format=pdf');
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toMatch(
        new RegExp(`^attachment; filename="bao-cao-${COMMUNE}-year-${YEAR}-1\\.pdf"$`),
      );
      const pdf = await readPdf(response.body as Buffer);
      expect(pdf.info).toMatchObject({ Title: 'Báo cáo kết quả thực hiện chỉ tiêu phòng, chống mại dâm', Language: 'vi' });
      const lines = pdf.pages.flatMap(pageLines);
      const text = lines.join(' ');
      expect(text).toContain(`Địa bàn: ${area.name} (${COMMUNE})`);
      expect(lines).toContain('Mã Chỉ tiêu Kết quả Tử số Mẫu số Chỉ tiêu kế hoạch Đạt');
      expect(lines.find((line) => line.startsWith('at_risk_establishments_inspected '))).toMatch(/ 23,3 % 7 30 ≥ 20 % Đạt$/);
      expect(lines.at(-1)).toBe(`Trang ${pdf.pageCount}/${pdf.pageCount}`);
      for (const secret of [...secrets, ...caseIds]) expect(text).not.toContain(secret);
      const english = await readPdf((await report('format=pdf&lang=en', SMALL_COMMUNE)).body as Buffer);
      expect(english.pages.flatMap(pageLines).find((line) => line.startsWith('people_penalised '))).toMatch(
        / Suppressed \(confidential\)$/,
      );
    });

    it('is documented: pdf among the formats, application/pdf among the answers', async () => {
      const operation = (await http().get('/docs/openapi.json').expect(200)).body.paths['/statistics/reports'].get as {
        parameters: Array<{ name: string; schema: { enum?: string[] } }>;
        responses: Record<string, { content?: Record<string, unknown> }>;
      };
      expect(operation.parameters.find((p) => p.name === 'format')!.schema.enum).toEqual(['json', 'csv', 'xlsx', 'html', 'pdf']);
      expect(Object.keys(operation.responses['200']!.content!)).toEqual(expect.arrayContaining(['application/pdf', 'text/csv']));
    });
  });
});
