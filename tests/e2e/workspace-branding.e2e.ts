// Journey: an admin changes the workspace colour in Settings → Branding, and the partner portal
// shows it — once in English and once with the UI switched to German.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer } from '../setup/server.ts';

const ARTIFACTS = path.resolve('artifacts/e2e');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

let server: TestServer;
let browser: Browser;

/** `#0b7285` → `rgb(11, 114, 133)`, the form getComputedStyle reports. */
function rgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

async function backgroundOf(page: Page, testId: string): Promise<string> {
  return page.getByTestId(testId).evaluate((el) => getComputedStyle(el).backgroundColor);
}

async function snap(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300); // let transitions (notifications, modals) settle
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  return { context, page };
}

async function staffLogin(page: Page): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByTestId('login-submit').waitFor();
  await page.locator('input[type=email]').fill(server.admin.email);
  await page.locator('input[type=password]').fill(server.admin.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/app$/);
  await page.getByTestId('dashboard-welcome').waitFor();
}

async function changeColour(page: Page, colour: string): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-branding').click();
  const input = page.getByTestId('branding-color');
  await input.waitFor();
  await input.fill(colour);
  await input.press('Escape');
  // The live preview follows the input before anything is saved.
  await expect.poll(() => backgroundOf(page, 'branding-preview-header')).toBe(rgb(colour));
  await page.getByTestId('branding-save').click();
}

async function openPortalLogin(page: Page): Promise<void> {
  const { slug } = server.partner;
  await page.goto(`${server.url}/p/${slug}/login`);
  await page.getByTestId('portal-login-header').waitFor();
  await page.getByTestId('login-submit').waitFor();
}

async function submitPartnerLogin(page: Page): Promise<void> {
  const { slug, email, password } = server.partner;
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(new RegExp(`/p/${slug}$`));
  await page.getByTestId('portal-header').waitFor();
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  execFileSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
  server = await startTestServer();
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('workspace branding reaches the partner portal', () => {
  test('an admin changes the primary colour and the partner sees it in the portal header', async () => {
    const colour = '#0b7285';
    const { context, page } = await newPage();
    try {
      await staffLogin(page);
      await snap(page, 'en-01-dashboard');

      await changeColour(page, colour);
      await page.getByText('Branding saved').waitFor();
      await snap(page, 'en-02-branding-saved');

      await openPortalLogin(page);
      expect(await backgroundOf(page, 'portal-login-header')).toBe(rgb(colour));
      await snap(page, 'en-03-portal-login');

      await submitPartnerLogin(page);
      expect(await backgroundOf(page, 'portal-header')).toBe(rgb(colour));
      // The greeting names the partner organisation of whoever signed in.
      const me = await page.evaluate(() => fetch('/api/v1/me').then((r) => r.json()));
      expect(me.actor.kind).toBe('partner_user');
      expect(await page.getByTestId('portal-partner-name').textContent()).toContain(me.actor.partner.name);
      await snap(page, 'en-04-portal-home');
    } finally {
      await context.close();
    }
  });

  test('the same journey works with the UI switched to German', async () => {
    const colour = '#c2255c';
    const { context, page } = await newPage();
    try {
      await staffLogin(page);
      await page.getByTestId('user-menu').click();
      await page.getByTestId('language-de').click();
      await page.getByTestId('nav-settings').getByText('Einstellungen').waitFor();
      await snap(page, 'de-01-dashboard');

      await changeColour(page, colour);
      await page.getByText('Branding gespeichert').waitFor();
      await expect.poll(() => page.getByTestId('branding-save').textContent()).toBe('Änderungen speichern');
      await snap(page, 'de-02-branding-saved');

      await openPortalLogin(page);
      expect(await backgroundOf(page, 'portal-login-header')).toBe(rgb(colour));
      expect(await page.getByTestId('login-submit').textContent()).toBe('Anmelden');
      await snap(page, 'de-03-portal-login');

      await submitPartnerLogin(page);
      expect(await backgroundOf(page, 'portal-header')).toBe(rgb(colour));
      await expect.poll(() => page.getByTestId('portal-greeting').textContent()).toContain('Willkommen');
      await snap(page, 'de-04-portal-home');
    } finally {
      await context.close();
    }
  });
});
