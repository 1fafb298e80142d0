import { launchBrowser, mainText, recordApiRequests, screenshot, signInAsDemoUser, type Browser } from './browser.js';
import { command, startConsoleServer, type ConsoleServer } from './console-server.js';

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** The API routes of each compartment, as the page would ask for them. */
const ENFORCEMENT_API = /^(GET|POST) \/(tips|establishments|inspections|hotspots|penalty-cases|deadlines)(\/|$)/;
const SUPPORT_API = /^(GET|POST) \/(support-cases|outreach-referrals|providers|data-subject-requests)(\/|$)/;
const ANY_CASE_API =
  /^(GET|POST) \/(tips|establishments|inspections|hotspots|penalty-cases|deadlines|support-cases|outreach-referrals|providers|data-subject-requests|cases|audit|access-log)(\/|$)/;

/**
 * Confidentiality in the console: a social worker's screens never show enforcement data, a police
 * officer's never show support data, and a statistician's dashboard never shows a case — not on
 * the screen, and not even asked of the API. Each role also tries the other compartment's
 * addresses directly.
 */
describe('web console: compartments (headless Chromium)', () => {
  let server: ConsoleServer;
  let browser: Browser;
  const support = { id: '', clientCode: '', name: 'Ngọc Lan Compartment', contact: '0100 555 777' };
  const enforcement = {
    tipId: '',
    allegation: 'Karaoke Compartment tổ 9 có dấu hiệu môi giới',
    penaltyId: '',
    offender: 'Người Phạt Compartment',
  };

  beforeAll(async () => {
    server = await startConsoleServer();
    browser = await launchBrowser();
    const worker = await server.token('social_worker', '10015', 'compartment-worker');
    const opened = await command(server, worker, '/support-cases', {
      jurisdiction: '10015',
      channel: 'walk_in',
      contactedOn: today(),
      serviceUser: { name: support.name, contact: support.contact },
    });
    support.id = opened.id;
    await command(server, worker, `/support-cases/${opened.id}/consents`, {
      purpose: 'case_management',
      wordingVersion: 'v2026.1',
      method: 'written',
      givenOn: today(),
    });
    const view = await fetch(`${server.url}/support-cases/${opened.id}`, { headers: { authorization: worker } });
    support.clientCode = ((await view.json()) as { clientCode: string }).clientCode;
    const officer = await server.token('police_officer', '10015', 'compartment-officer');
    enforcement.tipId = (
      await command(server, officer, '/tips', {
        jurisdiction: '10015',
        channel: 'hotline',
        kind: 'report',
        allegation: enforcement.allegation,
        anonymous: true,
      })
    ).id;
    // Assigned to the officer, who then sees its personal fields (the allegation).
    const supervisor = await server.token('police_supervisor', '10015');
    await command(server, supervisor, `/tips/${enforcement.tipId}/classify`, { category: 'brokering' });
    await command(server, supervisor, `/tips/${enforcement.tipId}/assign`, { assigneeId: 'compartment-officer' });
    // The one crossing: an outreach referral from enforcement, which the officer can never read back.
    await command(server, officer, '/outreach-referrals', { jurisdiction: '10015', contactHint: 'Liên hệ qua tổ dân phố 9' });
    enforcement.penaltyId = (
      await command(server, officer, '/penalty-cases', {
        jurisdiction: '10015',
        violationDate: today(),
        recordedOn: today(),
        act: '32',
        offenderType: 'individual',
        people: [{ fullName: enforcement.offender }],
      })
    ).id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const supportMarks = () => [support.id, support.clientCode, support.name, support.contact];
  const enforcementMarks = () => [
    enforcement.tipId,
    enforcement.allegation,
    enforcement.penaltyId,
    enforcement.offender,
    'Liên hệ qua tổ dân phố 9',
  ];

  it('a social worker sees their own support case, and nothing of enforcement on any screen', async () => {
    const page = await browser.newPage();
    const requests = recordApiRequests(page);
    await signInAsDemoUser(page, server.url, { role: 'social_worker', province: '01', commune: '10015', userId: 'compartment-worker' });
    await page.getByRole('link', { name: support.clientCode }).waitFor();
    const seen: string[] = [await mainText(page)];
    await page.getByRole('link', { name: support.clientCode }).click();
    await page.getByText(support.name).waitFor();
    seen.push(await mainText(page));
    for (const path of [
      '/console/referrals',
      '/console/tips',
      `/console/tips/${enforcement.tipId}`,
      '/console/deadlines',
      `/console/penalty-cases/${enforcement.penaltyId}`,
      '/console/establishments',
    ]) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      seen.push(await mainText(page));
    }
    await screenshot(page, 'compartment-social-worker');
    const text = seen.join('\n');
    expect(text).toContain(support.name);
    for (const mark of enforcementMarks()) expect(text).not.toContain(mark);
    expect(requests.filter((r) => ENFORCEMENT_API.test(r))).toEqual([]);
    expect(requests.some((r) => SUPPORT_API.test(r))).toBe(true);
    await page.close();
  });

  it('a police officer sees the tip, and nothing of support on any screen (not even the referral they made)', async () => {
    const page = await browser.newPage();
    const requests = recordApiRequests(page);
    await signInAsDemoUser(page, server.url, { role: 'police_officer', province: '01', commune: '10015', userId: 'compartment-officer' });
    await page.getByRole('link', { name: enforcement.tipId }).waitFor();
    const seen: string[] = [await mainText(page)];
    await page.getByRole('link', { name: enforcement.tipId }).click();
    await page.getByText(enforcement.allegation).waitFor();
    seen.push(await mainText(page));
    for (const path of [
      '/console/deadlines',
      `/console/penalty-cases/${enforcement.penaltyId}`,
      '/console/support-cases',
      `/console/support-cases/${support.id}`,
      '/console/referrals',
      '/console/statistics',
      '/console/access-log',
    ]) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      seen.push(await mainText(page));
    }
    await screenshot(page, 'compartment-police-officer');
    const text = seen.join('\n');
    expect(text).toContain(enforcement.allegation);
    for (const mark of supportMarks()) expect(text).not.toContain(mark);
    expect(requests.filter((r) => SUPPORT_API.test(r))).toEqual([]);
    expect(requests.some((r) => ENFORCEMENT_API.test(r))).toBe(true);
    await page.close();
  });

  it.each(['statistician', 'programme_officer'])(
    "a %s's dashboard shows figures and no case, and never asks the API for one",
    async (role) => {
      const page = await browser.newPage();
      const requests = recordApiRequests(page);
      await signInAsDemoUser(page, server.url, { role, province: '01' });
      await page.getByRole('heading', { level: 1, name: 'Chỉ tiêu theo kế hoạch' }).waitFor();
      await page.locator('tr[data-indicator="tips_handled_in_time"]').waitFor();
      expect(requests.some((r) => r.startsWith('GET /statistics/indicators'))).toBe(true);
      await page.waitForLoadState('networkidle');
      const seen: string[] = [await mainText(page)];
      for (const path of ['/console/tips', `/console/support-cases/${support.id}`, '/console/deadlines']) {
        await page.goto(`${server.url}${path}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.waitForLoadState('networkidle');
        seen.push(await mainText(page));
      }
      await screenshot(page, `compartment-${role.replace(/_/g, '-')}`);
      const text = seen.join('\n');
      for (const mark of [...supportMarks(), ...enforcementMarks()]) expect(text).not.toContain(mark);
      expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
      expect(requests.filter((r) => ANY_CASE_API.test(r))).toEqual([]);
      await page.close();
    },
  );
});
