import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath } from '../support/ensure-browser.mjs';

/** The machine has no network beyond the package registries: nothing in the background may try to reach out. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export const ARTIFACTS = path.resolve('test-artifacts', 'web');

export interface Browser {
  context: BrowserContext;
  /** A new tab: its own session storage, so nobody is signed in yet. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Headless Chromium on a fresh, empty user-data directory: CHROMIUM_PATH, else Debian's
 * (`npm test` installs it first when it can, test/support/ensure-browser.mjs), never a browser
 * downloaded by a test tool. Without one, this throws the line saying what to do: never a skip.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'pcm-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  context.setDefaultTimeout(15_000);
  await mkdir(ARTIFACTS, { recursive: true });
  return {
    context,
    async newPage(viewport) {
      const page = await context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      return page;
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Signs in through the console's own demo form, as a person would. */
export async function signInAsDemoUser(
  page: Page,
  url: string,
  user: { role: string; province: string; commune?: string; userId?: string },
): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel('Vai trò').selectOption(user.role);
  await page.getByLabel('Tỉnh, thành phố').selectOption(user.province);
  if (user.province !== 'VN') await page.getByLabel('Xã, phường').selectOption(user.commune ?? '');
  if (user.userId) await page.getByLabel(/Mã người dùng/).fill(user.userId);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('navigation', { name: 'Danh mục chức năng' }).waitFor();
}

/** Paths the page asked the API for (not its own files). */
export function recordApiRequests(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/assets/') && request.resourceType() !== 'document') paths.push(`${request.method()} ${url.pathname}`);
  });
  return paths;
}

export async function mainText(page: Page): Promise<string> {
  return (await page.locator('body').innerText()).replace(/\s+/g, ' ');
}
