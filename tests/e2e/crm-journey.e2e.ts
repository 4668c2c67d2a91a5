// Journey: a staff user creates an account, an opportunity on it, adds a note, drags the deal to
// another stage on the pipeline board, and finds the stage change and the note on the deal's
// timeline — once in English and once with the UI switched to German (money and dates by locale).
// Then: partner roles with shares (over 100 % refused), a contact role, and the board's column
// totals from the server.
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

async function snap(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  await page.waitForTimeout(300); // let transitions (notifications, modals) settle
  // A modal's overlay covers the viewport only: the page below it would show undimmed.
  await page.screenshot({ path: path.join(ARTIFACTS, `crm-${name}.png`), fullPage });
}

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
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

type Words = {
  lang: 'en' | 'de';
  account: string;
  opportunity: string;
  amountTyped: string;
  amountShown: string;
  note: string;
  from: string;
  to: string;
  stageChange: string;
};

async function journey(page: Page, w: Words): Promise<void> {
  const p = (n: string) => `${w.lang}-${n}`;

  // 1. A new account.
  await page.getByTestId('nav-accounts').click();
  await page.getByTestId('account-new').click();
  await page.getByTestId('account-name').fill(w.account);
  const domain = `${w.lang}-${Date.now()}.example`;
  await page.getByTestId('account-domains').fill(domain);
  await page.getByTestId('account-domains').press('Enter');
  await snap(page, p('01-account-form'));
  await page.getByTestId('account-submit').click();
  await page.waitForURL(/\/app\/accounts\/[0-9a-f-]{36}$/);
  await expect.poll(() => page.getByTestId('account-title').textContent()).toBe(w.account);
  await snap(page, p('02-account'));

  // 2. An opportunity on it (the account is preset).
  await page.getByTestId('account-new-opportunity').click();
  await page.getByTestId('opportunity-name').fill(w.opportunity);
  await page.getByTestId('opportunity-amount').fill(w.amountTyped);
  await snap(page, p('03-opportunity-form'));
  await page.getByTestId('opportunity-submit').click();
  await page.waitForURL(/\/app\/opportunities\/[0-9a-f-]{36}$/);
  const opportunityId = page.url().split('/').pop() as string;
  await expect.poll(() => page.getByTestId('opportunity-title').textContent()).toBe(w.opportunity);
  await expect.poll(() => page.getByTestId('opportunity-amount-text').textContent()).toBe(w.amountShown);
  expect(await page.getByTestId('stage-badge').first().textContent()).toBe(w.from);

  // 3. A note on the deal.
  await page.getByTestId('note-body').fill(w.note);
  await page.getByTestId('note-submit').click();
  await page.getByTestId('timeline-entries').getByText(w.note).waitFor();
  await snap(page, p('04-opportunity-note'));

  // 4. The board, narrowed to this deal by name; drag the card to the next stage.
  await page.goto(`${server.url}/app/opportunities/board?q=${encodeURIComponent(w.opportunity)}`);
  const card = page.locator(`[data-testid=board-card][data-id="${opportunityId}"]`);
  await page.getByTestId('board-column-prospecting').locator(`[data-id="${opportunityId}"]`).waitFor();
  await expect.poll(() => page.getByTestId('board-sum-prospecting').textContent()).toBe(w.amountShown);
  await snap(page, p('05-board-before'));
  await card.dragTo(page.getByTestId('board-column-qualification'));
  await page.getByTestId('board-column-qualification').locator(`[data-id="${opportunityId}"]`).waitFor();
  await expect.poll(() => page.getByTestId('board-count-qualification').textContent()).toBe('1');
  await expect.poll(() => page.getByTestId('board-count-prospecting').textContent()).toBe('0');
  await snap(page, p('06-board-after'));

  // The server has the new stage, not only the screen.
  const saved = await page.evaluate((id) => fetch(`/api/v1/opportunities/${id}`).then((r) => r.json()), opportunityId);
  expect(saved.stage).toBe('qualification');

  // 5. The timeline shows the stage change (from → to) and the note.
  await card.click();
  await page.waitForURL(new RegExp(`/app/opportunities/${opportunityId}$`));
  const timeline = page.getByTestId('timeline-entries');
  await timeline.getByTestId('timeline-stage_change').waitFor();
  expect(await timeline.getByTestId('timeline-stage_change').first().textContent()).toBe(w.stageChange);
  await timeline.getByText(w.note).waitFor();
  await snap(page, p('07-opportunity-timeline'));

  // Global search (Ctrl+K) finds the new account.
  await page.keyboard.press('Control+K');
  await page.getByTestId('global-search-input').fill(w.account.slice(0, 12));
  await page.getByTestId('global-search-result').filter({ hasText: w.account }).first().waitFor();
  await snap(page, p('08-search'));
  await page.keyboard.press('Escape');
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

describe('CRM: account → opportunity → note → board → timeline', () => {
  test('in English', async () => {
    const { context, page } = await newPage();
    try {
      await staffLogin(page);
      await journey(page, {
        lang: 'en',
        account: 'Northwind Traders Ltd',
        opportunity: 'Northwind — 250 seats',
        amountTyped: '125000.5',
        amountShown: '€125,000.50',
        note: 'Kick-off call went well; security review next.',
        from: 'Prospecting',
        to: 'Qualification',
        stageChange: 'Stage changed from Prospecting to Qualification',
      });
    } finally {
      await context.close();
    }
  }, 240_000);

  test('in German', async () => {
    const { context, page } = await newPage();
    try {
      await staffLogin(page);
      await page.getByTestId('user-menu').click();
      await page.getByTestId('language-de').click();
      await page.getByTestId('nav-settings').getByText('Einstellungen').waitFor();
      await journey(page, {
        lang: 'de',
        account: 'Müller Maschinenbau GmbH',
        opportunity: 'Müller — 40 Lizenzen',
        amountTyped: '1234,56',
        amountShown: '1.234,56\u00a0€',
        note: 'Erstgespräch mit der IT-Leitung; Angebot folgt.',
        from: 'Akquise',
        to: 'Qualifizierung',
        stageChange: 'Phase geändert von Akquise zu Qualifizierung',
      });
    } finally {
      await context.close();
    }
  }, 240_000);
  test('partner roles with shares, a contact role, and the board totals of every deal', async () => {
    const { context, page } = await newPage();
    try {
      await staffLogin(page);
      // The German journey saved German as this user's language: back to English.
      await page.getByTestId('user-menu').click();
      await page.getByTestId('language-en').click();
      await page.getByTestId('nav-settings').getByText('Settings').waitFor();
      const found = await page.evaluate(() => fetch('/api/v1/opportunities?q=Northwind').then((r) => r.json()));
      const deal = found.data[0] as { id: string; accountId: string };
      await page.goto(`${server.url}/app/opportunities/${deal.id}`);
      await page.getByTestId('opportunity-partners').getByText('No partner on this deal').waitFor();

      // Two partners, 60 % + 50 %: the editor says so at once and does not save.
      await page.getByTestId('opportunity-partners-edit').click();
      const editor = page.getByTestId('partner-roles-editor');
      const pick = async (row: number, name: string) => {
        await editor.getByTestId('partner-role-partner').nth(row).click();
        await editor.getByTestId('partner-role-partner').nth(row).fill(name);
        await page.getByRole('option', { name }).click();
      };
      await editor.getByTestId('partner-role-add').click();
      await pick(0, 'Nordlicht IT-Services GmbH');
      await editor.getByTestId('partner-role-share').nth(0).fill('60');
      await editor.getByTestId('partner-role-add').click();
      await pick(1, 'Referral Partners Inc.');
      await editor.getByTestId('partner-role-share').nth(1).fill('50');
      await expect.poll(() => editor.getByTestId('partner-share-error').textContent()).toContain('110 %');
      await editor.getByTestId('partner-roles-save').click();
      await editor.getByTestId('partner-share-error').waitFor();
      await snap(page, 'en-17-partner-shares-over', { fullPage: false });
      const unsaved = await page.evaluate((id) => fetch(`/api/v1/opportunities/${id}`).then((r) => r.json()), deal.id);
      expect(unsaved.partners).toEqual([]);

      // 60 % + 40 %: saved, and the page lists both with their role and share.
      await editor.getByTestId('partner-role-share').nth(1).fill('40');
      await expect.poll(() => editor.getByTestId('partner-share-error').count()).toBe(0);
      await editor.getByTestId('partner-roles-save').click();
      await editor.waitFor({ state: 'detached' });
      await expect.poll(() => page.getByTestId('opportunity-partner-share').allTextContents()).toEqual(['60 %', '40 %']);
      const saved = await page.evaluate((id) => fetch(`/api/v1/opportunities/${id}`).then((r) => r.json()), deal.id);
      expect(saved.partners.map((p: { partnerName: string; role: string; share: number }) => [p.partnerName, p.role, p.share])).toEqual([
        ['Nordlicht IT-Services GmbH', 'services', 60],
        ['Referral Partners Inc.', 'referrer', 40],
      ]);

      // A contact of the account with a role.
      await page.evaluate(
        (accountId) =>
          fetch('/api/v1/me')
            .then((r) => r.json())
            .then((me) =>
              fetch('/api/v1/contacts', {
                method: 'POST',
                headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
                body: JSON.stringify({ firstName: 'Nora', lastName: 'Lindqvist', accountId, title: 'Head of IT' }),
              }),
            ),
        deal.accountId,
      );
      await page.getByTestId('opportunity-contact-roles-edit').click();
      const contacts = page.getByTestId('contact-roles-editor');
      await contacts.getByTestId('contact-role-add').click();
      await contacts.getByTestId('contact-role-contact').click();
      await page.getByRole('option', { name: 'Nora Lindqvist' }).click();
      await contacts.getByTestId('contact-role-role').fill('Decision maker');
      await snap(page, 'en-18-contact-role', { fullPage: false });
      await contacts.getByTestId('contact-roles-save').click();
      await contacts.waitFor({ state: 'detached' });
      await page.getByTestId('opportunity-contact-roles').getByText('Decision maker').waitFor();
      await snap(page, 'en-19-opportunity-roles');

      // The board's column totals count every deal, not only the cards loaded.
      await page.goto(`${server.url}/app/opportunities/board`);
      const summary = await page.evaluate(() => fetch('/api/v1/opportunities/summary').then((r) => r.json()));
      for (const s of summary.data as { stage: string; count: number }[]) {
        await expect.poll(() => page.getByTestId(`board-count-${s.stage}`).textContent()).toBe(String(s.count));
      }
      const busiest = (summary.data as { stage: string; count: number }[]).reduce((a, b) => (b.count > a.count ? b : a));
      const cards = await page.getByTestId(`board-column-${busiest.stage}`).getByTestId('board-card').count();
      expect(cards).toBeLessThanOrEqual(busiest.count);
      expect(await page.getByTestId(`board-sum-${busiest.stage}`).textContent()).toMatch(/[€$£]/);
      await snap(page, 'en-20-board-totals', { fullPage: false });
    } finally {
      await context.close();
    }
  }, 240_000);
  test('list views: filters saved as a view, and every CRM list renders', async () => {
    const { context, page } = await newPage();
    try {
      await staffLogin(page);
      // The German journey saved German as this user's language: back to English.
      await page.getByTestId('user-menu').click();
      await page.getByTestId('language-en').click();
      await page.getByTestId('nav-settings').getByText('Settings').waitFor();
      await page.getByTestId('nav-opportunities').click();
      await page.getByTestId('opportunity-search').waitFor();
      await snap(page, 'en-09-opportunities');

      // Filter, save the filters as a view, clear them, and get them back from the view.
      await page.getByTestId('opportunity-search').fill('Northwind');
      await page.waitForURL(/q=Northwind/);
      await page.getByTestId('opportunity-table').getByText('Northwind — 250 seats').waitFor();
      await page.getByTestId('opportunities-views').click();
      await page.getByTestId('opportunities-view-save').click();
      await page.getByTestId('view-name').fill('Northwind deals');
      await page.getByTestId('view-submit').click();
      await expect.poll(() => page.getByTestId('opportunities-views').textContent()).toContain('Northwind deals');
      await page.goto(`${server.url}/app/opportunities`);
      await page.getByTestId('opportunities-views').click();
      await page.getByRole('menuitem', { name: 'Northwind deals' }).click();
      await page.waitForURL(/q=Northwind/);
      expect(await page.getByTestId('opportunity-search').inputValue()).toBe('Northwind');
      await snap(page, 'en-10-opportunities-view');

      // "Export CSV" downloads the list with the same filters.
      const href = (await page.getByTestId('opportunities-export').getAttribute('href')) as string;
      expect(href).toContain('q=Northwind');
      const csv = await page.evaluate((url) => fetch(url).then(async (r) => ({ type: r.headers.get('content-type'), body: await r.text() })), href);
      expect(csv.type).toContain('text/csv');
      expect(csv.body).toContain('Northwind — 250 seats');
      expect(csv.body).not.toContain('Müller — 40 Lizenzen');

      await page.getByTestId('nav-accounts').click();
      await page.getByTestId('account-search').waitFor();
      await snap(page, 'en-11-accounts');
      await page.getByTestId('nav-contacts').click();
      await page.getByTestId('contact-search').waitFor();
      await snap(page, 'en-12-contacts');
      await page.getByTestId('nav-leads').click();
      await page.getByTestId('lead-search').waitFor();
      await snap(page, 'en-13-leads');
    } finally {
      await context.close();
    }
  }, 240_000);
  test('CSV import wizard: upload, mapping with suggestions, preview with row errors, start', async () => {
    const { context, page } = await newPage();
    try {
      await staffLogin(page);
      await page.getByTestId('nav-accounts').click();
      await page.getByTestId('accounts-import').click();
      const csv =
        'Company;Website;Country\nKöhler Logistik GmbH;koehler-logistik.de;DE\n;missing-name.example;AT\nBrandt & Söhne KG;brandt-soehne.de;Deutschland\n';
      await page.locator('input[type=file]').setInputFiles({ name: 'accounts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await page.getByTestId('import-upload').click();
      await page.getByTestId('import-check').waitFor();
      await snap(page, 'en-14-import-mapping');
      await page.getByTestId('import-check').click();
      await page.getByTestId('import-start').waitFor();
      await page.getByTestId('import-rejected').waitFor();
      await snap(page, 'en-15-import-preview');
      await page.getByTestId('import-start').click();
      await page.getByTestId('import-progress').or(page.getByTestId('import-result')).first().waitFor();
      await snap(page, 'en-16-import-started');
    } finally {
      await context.close();
    }
  }, 240_000);
});
