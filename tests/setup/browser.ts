// What the browser journeys share: Debian's Chromium with playwright-core, screenshots in
// artifacts/e2e/, staff sign-in, and the axe-core accessibility check of a page.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const ARTIFACTS = path.resolve('artifacts/e2e');

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

/** Launches the system Chromium (CHROMIUM_PATH or /usr/bin/chromium). */
export function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A fresh context and page at a desktop size, logging page errors (CSP bypassed so that axe can be injected). */
export async function newPage(browser: Browser, width = 1440, height = 900): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'en-US', bypassCSP: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  return { context, page };
}

/** A full-page screenshot `artifacts/e2e/<name>.png`, after transitions settle. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(350);
  // Scrolled, a fixed header would be painted into the middle of a full-page capture.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Signs a staff user in with email and password and waits for the dashboard. */
export async function staffLogin(page: Page, url: string, who: { email: string; password: string }): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByTestId('login-submit').waitFor();
  await page.locator('input[type=email]').fill(who.email);
  await page.locator('input[type=password]').fill(who.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/app$/);
  await page.getByTestId('dashboard-welcome').waitFor();
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] };

/**
 * Runs axe-core (WCAG 2.1 A/AA and best practices) on the page as it is and fails on any serious
 * or critical violation, naming rule and elements; every finding goes to `artifacts/e2e/axe-<name>.json`.
 */
export async function expectAccessible(page: Page, name: string): Promise<AxeViolation[]> {
  await page.waitForTimeout(300);
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  writeFileSync(path.join(ARTIFACTS, `axe-${name}.json`), `${JSON.stringify(violations, null, 2)}\n`);
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
  expect(blocking, `axe on ${name}:\n${report}`).toEqual([]);
  return violations;
}
