import type { Page } from 'playwright-core';
import { launchBrowser, mainText, screenshot, signInAsDemoUser, type Browser } from './browser.js';
import { command, startConsoleServer, type ConsoleServer } from './console-server.js';
import { SEED_PLANS } from '../../libs/programme/src/seed/seed-plans.js';

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/**
 * One journey per role through the web console in headless Chromium, on the real API and
 * PostgreSQL, in Vietnamese (the default); screenshots go to test-artifacts/web/.
 */
describe('web console: a journey per role (headless Chromium)', () => {
  let server: ConsoleServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startConsoleServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

  it('police: records a tip, classifies, assigns, verifies and closes it; sees the deadline board and an establishment dossier', async () => {
    const page = await browser.newPage();
    await signInAsDemoUser(page, server.url, { role: 'police_supervisor', province: '01', commune: '10015' });
    await heading(page, 'Tin báo trong địa bàn');
    await page.getByRole('link', { name: 'Tiếp nhận tin báo' }).first().click();
    await heading(page, 'Tiếp nhận tin báo');
    await page.getByLabel('Nguồn tiếp nhận').selectOption('hotline');
    await page.getByLabel('Loại tin').selectOption('denunciation');
    await page.getByLabel('Nội dung tin báo').fill('Nghi có hoạt động môi giới tại quán karaoke tổ 5');
    await screenshot(page, 'police-1-new-tip');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await heading(page, /^Tin báo [0-9a-f-]{36}$/);
    const tipId = page.url().split('/').pop()!;
    await page.getByText('Đã tiếp nhận', { exact: true }).waitFor();
    expect(await mainText(page)).toContain('Nghi có hoạt động môi giới tại quán karaoke tổ 5');

    await page.getByRole('combobox', { name: 'Phân loại', exact: true }).selectOption('brokering');
    await page.getByRole('button', { name: 'Phân loại' }).click();
    await page.getByText('Đã phân loại', { exact: true }).waitFor();
    await page.getByRole('textbox', { name: 'Mã cán bộ được giao' }).fill('demo-police-supervisor-10015');
    await page.getByRole('button', { name: 'Giao cho cán bộ' }).click();
    await page.getByRole('button', { name: 'Bắt đầu kiểm tra, xác minh' }).click();
    await page.getByText('Đang xác minh', { exact: true }).waitFor();
    await page.getByRole('combobox', { name: 'Kết quả' }).selectOption('not_substantiated');
    await page.getByRole('button', { name: 'Kết thúc giải quyết' }).click();
    await page.getByText('Đã kết thúc', { exact: true }).waitFor();
    const closed = await mainText(page);
    expect(closed).toContain('Không có căn cứ');
    expect(closed).toContain('demo-police-supervisor-10015');
    await screenshot(page, 'police-2-tip-closed');

    // The tip is in the list, and its met and open duties on the deadline board.
    await page.getByRole('link', { name: 'Tin báo', exact: true }).click();
    await page.getByRole('link', { name: tipId }).waitFor();
    await page.getByRole('link', { name: 'Bảng thời hạn' }).click();
    await heading(page, 'Bảng thời hạn');
    await page.getByRole('heading', { level: 2, name: /^Quá hạn/ }).waitFor();
    await screenshot(page, 'police-3-deadline-board');

    // An establishment with an inspection and a penalty case, opened as a dossier.
    const inspector = await server.token('inspector', '10015');
    const officer = await server.token('police_supervisor', '10015');
    const establishment = await command(server, inspector, '/establishments', {
      commune: '10015',
      type: 'karaoke',
      businessName: 'Karaoke Sao Mai',
      address: 'Tổ 5, Chương Mỹ',
      ownerName: 'Chủ Cơ Sở Một',
      ownerContact: '0100 000 001',
      businessLicenceNumber: 'HKD-0001',
      securityPermitNumber: 'ANTT-0001',
    });
    const inspection = await command(server, inspector, '/inspections', {
      establishmentId: establishment.id,
      jurisdiction: '10015',
      mode: 'unannounced',
      plannedDate: today(),
    });
    await command(server, inspector, `/inspections/${inspection.id}/conduct`, {
      conductedOn: today(),
      members: [
        { agency: 'police', name: 'Thành Viên Một' },
        { agency: 'health', name: 'Thành Viên Hai' },
        { agency: 'culture', name: 'Thành Viên Ba' },
      ],
      findings: 'violations',
      violationDescription: 'Không có sổ đăng ký khách',
    });
    const penalty = await command(server, officer, '/penalty-cases', {
      jurisdiction: '10015',
      violationDate: today(),
      recordedOn: today(),
      act: '34.1',
      offenderType: 'organisation',
      people: [{ fullName: 'Công ty Sao Mai' }],
    });
    await command(server, inspector, `/establishments/${establishment.id}/link-inspection`, { inspectionId: inspection.id });
    await command(server, inspector, `/establishments/${establishment.id}/link-penalty-case`, { penaltyCaseId: penalty.id });
    await page.getByRole('link', { name: 'Hồ sơ cơ sở kinh doanh' }).click();
    // Found in the list of the area's establishments by its type, typed without diacritics; the list shows public fields only.
    await page.getByLabel(/^Loại hình hoặc từ khóa/).fill('karaoke');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    const listed = page.getByRole('link', { name: establishment.id });
    await listed.waitFor();
    const list = await mainText(page);
    expect(list).toContain('Đã đăng ký');
    expect(list).not.toContain('Karaoke Sao Mai');
    expect(list).not.toContain('Chủ Cơ Sở Một');
    await screenshot(page, 'police-4a-establishment-list');
    await listed.click();
    await heading(page, 'Hồ sơ cơ sở kinh doanh: Karaoke Sao Mai');
    await page.getByRole('link', { name: penalty.id }).waitFor();
    const dossier = await mainText(page);
    expect(dossier).toContain(inspection.id);
    expect(dossier).toContain('Không có sổ đăng ký khách');
    expect(dossier).toContain('Đã lập biên bản');
    await screenshot(page, 'police-4-dossier');
    await page.close();
  });

  it('sanctioning official: sees the act, the fine range and the competence limit before entering the decision', async () => {
    const official = await server.token('sanctioning_official', '10015');
    const penalty = await command(server, official, '/penalty-cases', {
      jurisdiction: '10015',
      violationDate: today(),
      recordedOn: today(),
      act: '33',
      offenderType: 'individual',
      people: [{ fullName: 'Người Vi Phạm Ví Dụ' }],
    });
    // On a phone, the demo sign-in offers the positions a sanctioning official holds at the chosen level.
    const phone = await browser.newPage({ width: 390, height: 844 });
    await phone.goto(`${server.url}/`);
    await phone.getByLabel('Vai trò').selectOption('sanctioning_official');
    await phone.getByLabel('Tỉnh, thành phố').selectOption('01');
    await phone.getByLabel('Xã, phường').selectOption('10015');
    const offered = await phone.getByLabel('Chức danh (do hệ thống định danh cấp)').locator('option').allInnerTexts();
    expect(offered).toContain('Chủ tịch Ủy ban nhân dân cấp xã');
    expect(offered).not.toContain('Chủ tịch Ủy ban nhân dân cấp tỉnh');
    await phone.getByLabel('Xã, phường').selectOption('');
    expect(await phone.getByLabel('Chức danh (do hệ thống định danh cấp)').locator('option').allInnerTexts()).toContain(
      'Chủ tịch Ủy ban nhân dân cấp tỉnh',
    );
    await screenshot(phone, 'sanctioning-0-sign-in-phone');
    await phone.close();
    const page = await browser.newPage();
    await signInAsDemoUser(page, server.url, { role: 'sanctioning_official', province: '01', commune: '10015' });
    await heading(page, 'Hồ sơ xử phạt trong địa bàn');
    await page.getByRole('link', { name: penalty.id }).click();
    await heading(page, `Hồ sơ xử phạt ${penalty.id}`);
    const before = page.locator('#before-decision');
    await before.waitFor();
    const shown = (await before.innerText()).replace(/\s+/g, ' ');
    expect(shown).toContain('33: bán dâm');
    expect(shown).toContain('Nghị định 282/2025/NĐ-CP');
    expect(await page.getByTestId('fine-range').innerText()).toBe('300.000 đồng – 500.000 đồng');
    // The position is the one the sign-in issued with the identity: shown, never chosen on the form.
    expect(await page.getByTestId('position').innerText()).toBe('Chủ tịch Ủy ban nhân dân cấp xã');
    expect(await page.getByLabel('Chức danh người ra quyết định').count()).toBe(0);
    expect(await page.getByTestId('competence').innerText()).toMatch(/^37\.500\.000 đồng .*Trong thẩm quyền$/);
    await page.getByLabel('Số quyết định').fill('15/QĐ-XPHC');
    await page.getByLabel('Số tiền (đồng)').fill('900000');
    await page.getByText('Ngoài khung tiền phạt').waitFor();
    await screenshot(page, 'sanctioning-1-before-decision');
    await page.getByLabel('Số tiền (đồng)').fill('400000');
    await page.getByRole('button', { name: 'Ra quyết định xử phạt' }).click();
    await page.getByText(/Đã ra quyết định 15\/QĐ-XPHC/).waitFor();
    expect(await mainText(page)).toContain('400.000 đồng');
    // After a reload the decided case shows the position and limit the decision was made with.
    await page.reload();
    await page.getByText(/Đã ra quyết định 15\/QĐ-XPHC/).waitFor();
    expect((await page.locator('#before-decision').innerText()).replace(/\s+/g, ' ')).toContain(
      'Chức danh đã ra quyết định Chủ tịch Ủy ban nhân dân cấp xã',
    );
    expect(await page.getByTestId('competence').innerText()).toMatch(/^37\.500\.000 đồng .*Trong thẩm quyền$/);
    await screenshot(page, 'sanctioning-2-decided');
    await page.close();
  });

  it('social worker: opens a support case, records consent per purpose, and sees the referrals and their status', async () => {
    const page = await browser.newPage({ width: 390, height: 844 });
    await signInAsDemoUser(page, server.url, { role: 'social_worker', province: '01', commune: '10015', userId: 'journey-worker' });
    await heading(page, 'Hồ sơ hỗ trợ được giao');
    await page.getByLabel(/Tên \(hoặc tên gọi/).fill('Hoa');
    await page.getByRole('button', { name: 'Mở hồ sơ hỗ trợ mới' }).click();
    await heading(page, /^Hồ sơ hỗ trợ [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const caseId = page.url().split('/').pop()!;
    await page.getByText('Tiếp xúc ban đầu', { exact: true }).waitFor();
    expect(await mainText(page)).toContain('Hoa');
    await page.getByRole('combobox', { name: 'Mục đích' }).selectOption('case_management');
    await page.getByRole('button', { name: 'Ghi nhận sự đồng ý' }).click();
    await page.getByText('Quản lý trường hợp: Đã đồng ý').waitFor();

    const worker = await server.token('social_worker', '10015', 'journey-worker');
    await command(server, worker, `/support-cases/${caseId}/screen-needs`, { needs: ['legal_aid'], screenedOn: today() });
    await command(server, worker, `/support-cases/${caseId}/consents`, {
      purpose: 'referral',
      providerId: 'legal-aid-centre-01',
      wordingVersion: 'v2026.1',
      method: 'written',
      givenOn: today(),
    });
    await command(server, worker, `/support-cases/${caseId}/referrals`, {
      providerId: 'legal-aid-centre-01',
      service: 'legal_aid',
      sharedFields: ['clientCode'],
      referredOn: today(),
    });
    await page.reload();
    await page.getByRole('cell', { name: 'legal-aid-centre-01' }).waitFor();
    const detail = await mainText(page);
    expect(detail).toContain('Chờ tiếp nhận');
    expect(detail).toContain('Chuyển gửi tới đơn vị (legal-aid-centre-01): Đã đồng ý');
    expect(detail).toContain('Người được hỗ trợ');
    await screenshot(page, 'social-worker-1-case-phone');

    await page.getByRole('link', { name: 'Hồ sơ hỗ trợ' }).click();
    await heading(page, 'Hồ sơ hỗ trợ được giao');
    await page
      .getByRole('link', { name: /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/ })
      .first()
      .waitFor();
    expect(await mainText(page)).toContain('Đã chuyển gửi');
    await screenshot(page, 'social-worker-2-list-phone');
    await page.close();
  });

  it('police: sends the file of a tip closed with a criminal case to the procuracy, then records its decision', async () => {
    // Quy Nhơn (21583): no other suite records tips there.
    const supervisor = await server.token('police_supervisor', '21583');
    const tip = await command(server, supervisor, '/tips', {
      jurisdiction: '21583',
      channel: 'hotline',
      kind: 'denunciation',
      allegation: 'Tin báo dẫn tới khởi tố',
      anonymous: true,
    });
    await command(server, supervisor, `/tips/${tip.id}/classify`, { category: 'organising' });
    await command(server, supervisor, `/tips/${tip.id}/assign`, { assigneeId: 'web-pf-officer' });
    await command(server, supervisor, `/tips/${tip.id}/start-verification`, {});
    await command(server, supervisor, `/tips/${tip.id}/close`, { outcome: 'criminal_case_opened' });

    const shown = today().split('-').reverse().join('/');
    const page = await browser.newPage();
    await signInAsDemoUser(page, server.url, { role: 'police_supervisor', province: '52', commune: '21583' });
    await page.goto(`${server.url}/console/tips/${tip.id}`);
    await heading(page, `Tin báo ${tip.id}`);
    const sendForm = page.getByRole('form', { name: 'Chuyển hồ sơ đề nghị truy tố' });
    await sendForm.getByRole('textbox', { name: 'Viện kiểm sát nhận hồ sơ' }).fill('VKSND tỉnh Gia Lai');
    await sendForm.getByRole('button', { name: 'Chuyển hồ sơ đề nghị truy tố' }).click();
    await page.getByText('Chờ Viện kiểm sát quyết định').waitFor();
    expect(await mainText(page)).toContain(`${shown} · VKSND tỉnh Gia Lai`);
    await page.getByRole('combobox', { name: 'Quyết định của Viện kiểm sát' }).selectOption('returned_for_further_investigation');
    await page.getByRole('button', { name: 'Ghi nhận quyết định của Viện kiểm sát' }).click();
    await page.getByText(`${shown} · Trả hồ sơ để điều tra bổ sung`).waitFor();
    // Both forms are gone once the decision is recorded.
    expect(await page.getByRole('button', { name: /Chuyển hồ sơ đề nghị truy tố|Ghi nhận quyết định/ }).count()).toBe(0);
    await screenshot(page, 'police-5-prosecution-file');
    await page.close();
  });

  it('statistician: every indicator of a plan as value against target, bars and target lines, a month trend, suppressed cells; downloads the report', async () => {
    // Kỳ Anh (18775): the commune plan 002 with its targets, two tips, and one person penalised (a person figure below the threshold of 5).
    // The plan is recorded by a programme officer: the statistician only queries.
    const programmeOfficer = await server.token('programme_officer', '42');
    const plan = await command(server, programmeOfficer, '/programme/plans', SEED_PLANS[2]!.plan);
    const officer = await server.token('police_supervisor', '18775');
    for (const allegation of ['Tin báo thống kê một', 'Tin báo thống kê hai']) {
      const tip = await command(server, officer, '/tips', {
        jurisdiction: '18775',
        channel: 'hotline',
        kind: 'report',
        allegation,
        anonymous: true,
      });
      await command(server, officer, `/tips/${tip.id}/classify`, { category: 'buying_selling_sex' });
    }
    const official = await server.token('sanctioning_official', '18775', undefined, 'commune_people_committee_chair');
    const penalty = await command(server, official, '/penalty-cases', {
      jurisdiction: '18775',
      violationDate: today(),
      recordedOn: today(),
      act: '32',
      offenderType: 'individual',
      people: [{ fullName: 'Người Thống Kê' }],
    });
    const recorded = (await (
      await fetch(`${server.url}/penalty-cases/${penalty.id}`, { headers: { authorization: official } })
    ).json()) as { people: Array<{ subjectId: string }> };
    await command(server, official, `/penalty-cases/${penalty.id}/decide`, {
      decisionNumber: '1/QĐ-XPHC',
      sanctions: [{ subjectId: recorded.people[0]!.subjectId, sanction: 'fine', amount: 1_000_000 }],
      additionalMeasures: [],
    });

    const page = await browser.newPage();
    await signInAsDemoUser(page, server.url, { role: 'statistician', province: '42' });
    await heading(page, 'Chỉ tiêu theo kế hoạch');
    await page.getByRole('combobox', { name: 'Địa bàn' }).selectOption('18775');
    // No plan at first: figures without targets. The plan is picked from the commune's list, by its unit, years, title and number of targets.
    await page.getByText(/Chưa chọn kế hoạch/).waitFor();
    expect((await page.locator('tr[data-indicator="tips_handled_in_time"]').innerText()).replace(/\s+/g, ' ')).toContain(
      'Không có chỉ tiêu',
    );
    const planSelect = page.getByRole('combobox', { name: /^Kế hoạch/ });
    const seed = SEED_PLANS[2]!.plan;
    const option = planSelect.locator(`option[value="${plan.id}"]`);
    await option.waitFor({ state: 'attached' });
    expect(await option.textContent()).toBe(
      `Kỳ Anh · ${seed.period.from.slice(0, 4)}–${seed.period.to.slice(0, 4)} · ${seed.title}${seed.documentRef ? ` (${seed.documentRef})` : ''} · ${seed.targets.length} chỉ tiêu`,
    );
    expect(await planSelect.inputValue()).toBe('');
    await planSelect.selectOption(plan.id);
    await page.waitForURL(new RegExp(`[?&]plan=${plan.id}(&|$)`));
    await page
      .locator('p.muted', { hasText: /Kế hoạch triển khai thực hiện Chương trình phòng, chống mại dâm giai đoạn 2026 - 2030/ })
      .waitFor();
    expect(await planSelect.inputValue()).toBe(plan.id);
    const tips = page.locator('tr[data-indicator="tips_handled_in_time"]');
    await tips.waitFor();
    expect((await tips.innerText()).replace(/\s+/g, ' ')).toMatch(/\d+(,\d)? % ≥ 100 % (Đạt|Chưa đạt)/);
    expect(await tips.locator('svg rect').count()).toBe(1);
    expect(await tips.locator('svg line.target').count()).toBe(1);
    const penalised = (await page.locator('tr[data-indicator="people_penalised"]').innerText()).replace(/\s+/g, ' ');
    expect(penalised).toContain('Ẩn để bảo mật');
    expect(penalised.replace(/Số người bị xử phạt vi phạm hành chính/, '')).not.toMatch(/\d/);
    expect(await page.locator('tbody tr').count()).toBeGreaterThanOrEqual(20);
    // The trend of one indicator, month by month.
    await page.getByRole('combobox', { name: 'Chỉ tiêu' }).selectOption('tips_handled_in_time');
    await page.getByRole('img', { name: /^Diễn biến theo tháng: Tố giác/ }).waitFor();
    await screenshot(page, 'statistician-1-dashboard');
    expect(await page.getByRole('heading', { name: 'Tải báo cáo định kỳ' }).count()).toBe(1);
    for (const [button, extension] of [
      ['XLSX', 'xlsx'],
      ['CSV', 'csv'],
      ['PDF', 'pdf'],
    ] as const) {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: button, exact: true }).click();
      expect((await download).suggestedFilename()).toMatch(new RegExp(`\\.${extension}$`));
    }
    await page.close();
  });

  it('programme officer: the figures against the targets of the plan they recorded, the same as the statistician sees; no report to download', async () => {
    // Kỳ Anh (18775): the commune plan 002 with its targets again, under another title, recorded by the officer who signs in.
    const officer = await server.token('programme_officer', '42', 'demo-programme-officer-42');
    const plan = await command(server, officer, '/programme/plans', {
      ...SEED_PLANS[2]!.plan,
      title: 'Kế hoạch của cán bộ phụ trách chương trình',
    });
    const page = await browser.newPage();
    await signInAsDemoUser(page, server.url, { role: 'programme_officer', province: '42' });
    await heading(page, 'Chỉ tiêu theo kế hoạch');
    expect(await page.locator('.who').innerText()).toContain('Cán bộ phụ trách chương trình (42)');
    expect(await page.getByRole('navigation', { name: 'Danh mục chức năng' }).getByRole('link').allInnerTexts()).toEqual([
      'Chỉ tiêu thống kê',
    ]);
    await page.getByRole('combobox', { name: 'Địa bàn' }).selectOption('18775');
    const planSelect = page.getByRole('combobox', { name: /^Kế hoạch/ });
    await planSelect.locator(`option[value="${plan.id}"]`).waitFor({ state: 'attached' });
    await planSelect.selectOption(plan.id);
    await page.waitForURL(new RegExp(`[?&]plan=${plan.id}(&|$)`));
    await page.locator('p.muted', { hasText: /Kế hoạch của cán bộ phụ trách chương trình/ }).waitFor();
    const tips = page.locator('tr[data-indicator="tips_handled_in_time"]');
    await tips.waitFor();
    expect((await tips.innerText()).replace(/\s+/g, ' ')).toMatch(/≥ 100 % (Đạt|Chưa đạt)/);
    // The same disclosure control: the one person penalised in Kỳ Anh stays hidden.
    expect((await page.locator('tr[data-indicator="people_penalised"]').innerText()).replace(/\s+/g, ' ')).toContain('Ẩn để bảo mật');
    // The periodic report is the statistician's (export): not offered here.
    expect(await page.getByRole('heading', { name: 'Tải báo cáo định kỳ' }).count()).toBe(0);
    for (const button of ['XLSX', 'CSV', 'PDF']) expect(await page.getByRole('button', { name: button, exact: true }).count()).toBe(0);
    await screenshot(page, 'programme-officer-1-dashboard');
    await page.close();
  });

  it('auditor: replays a case on its timeline with the as-of slider, reads the access log and verifies the chain', async () => {
    const officer = await server.token('police_officer', '10015');
    const tip = await command(server, officer, '/tips', {
      jurisdiction: '10015',
      channel: 'online',
      kind: 'report',
      allegation: 'Tin báo cho kiểm toán',
      anonymous: true,
    });
    await command(server, officer, `/tips/${tip.id}/classify`, { category: 'harbouring' });
    const page = await browser.newPage();
    await signInAsDemoUser(page, server.url, { role: 'auditor', province: 'VN' });
    await heading(page, 'Dòng thời gian hồ sơ');
    await page.getByLabel('Loại hồ sơ').selectOption('tip');
    await page.getByLabel('Mã hồ sơ').fill(tip.id);
    await page.getByRole('button', { name: 'Mở' }).click();
    await page.getByText('Toàn bộ chuỗi băm hợp lệ').waitFor();
    await page.getByTestId('as-of-state').waitFor();
    expect(await page.getByTestId('as-of-state').innerText()).toContain('"status": "classified"');
    const slider = page.getByLabel('Chọn thời điểm (theo sự kiện)');
    await slider.focus();
    await page.keyboard.press('Home');
    await page.getByText(/^Phiên bản 1 \/ 2/).waitFor();
    await page.waitForFunction(() =>
      (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document
        .querySelector('[data-testid="as-of-state"]')
        ?.textContent?.includes('"status": "received"'),
    );
    expect(await page.getByTestId('as-of-state').innerText()).toContain('"allegation": {');
    await screenshot(page, 'auditor-1-timeline');

    await page.getByRole('link', { name: 'Nhật ký truy cập' }).click();
    await page.getByRole('textbox', { name: 'Lọc theo mã hồ sơ' }).fill(tip.id);
    await page.getByRole('button', { name: 'Xem' }).click();
    await page
      .getByRole('cell', { name: /demo-auditor-VN/ })
      .first()
      .waitFor();
    await screenshot(page, 'auditor-2-access-log');

    await page.getByRole('link', { name: 'Kiểm tra chuỗi băm' }).click();
    await page.getByRole('button', { name: 'Kiểm tra ngay' }).click();
    await page.getByTestId('chain-status').waitFor();
    expect(await page.getByTestId('chain-status').innerText()).toBe('Toàn bộ chuỗi băm hợp lệ');
    await screenshot(page, 'auditor-3-chain');
    await page.close();
  });

  it('switches to English and back, and is usable with the keyboard alone', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByLabel('Role').selectOption('inspector');
    // Tab through the form and submit with Enter.
    await page.getByLabel('Role').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Establishment dossier' }).waitFor();
    await screenshot(page, 'english-inspector');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await heading(page, 'Hồ sơ cơ sở kinh doanh');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await page.close();
  });
});
