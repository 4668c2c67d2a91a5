// Journey: staff share a deal with "comment" allowed and an emailed code → the email is in the dev
// mailbox → the recipient opens the link in a fresh browser, enters the code from the second
// email, sees the deal (no hidden field), comments → staff see the comment on the timeline → the
// link expires and its page says so → a second link is revoked by staff and its page says so.
// Once in English and once in German (staff UI and the workspace's language switched to German).
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
  await page.waitForTimeout(350); // let transitions (notifications, modals) settle
  await page.screenshot({ path: path.join(ARTIFACTS, `share-${name}.png`), fullPage });
}

async function newPage(locale = 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  return { context, page };
}

/** The admin API key of the demo workspace, from the test itself (setup and reading the mailbox). */
async function adminApi<T>(pathname: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`${server.url}${pathname}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${server.apiKey}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  expect(res.ok, `${pathname}: ${res.status}`).toBe(true);
  return (await res.json()) as T;
}

/** The newest email to an address in the dev mailbox, with its text. */
async function latestMail(to: string) {
  const list = await adminApi<{ data: { id: string; template: string }[] }>(`/api/v1/dev/mailbox?to=${encodeURIComponent(to)}`);
  expect(list.data.length).toBeGreaterThan(0);
  return adminApi<{ id: string; subject: string; template: string; text: string }>(`/api/v1/dev/mailbox/${list.data[0].id}`);
}

async function staffLogin(page: Page, lang: 'en' | 'de'): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByTestId('login-submit').waitFor();
  await page.locator('input[type=email]').fill(server.admin.email);
  await page.locator('input[type=password]').fill(server.admin.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/app$/);
  await page.getByTestId('dashboard-welcome').waitFor();
  await page.getByTestId('user-menu').click();
  await page.getByTestId(`language-${lang}`).click();
  await page
    .getByTestId('nav-settings')
    .getByText(lang === 'de' ? 'Einstellungen' : 'Settings')
    .waitFor();
}

type Words = {
  lang: 'en' | 'de';
  deal: string;
  hidden: string;
  comment: string;
  codeTitle: string;
  expired: string;
  withdrawn: string;
  active: string;
  revoked: string;
};

/** A deal of Nordlicht (sourced) with a hidden description, a shared note and a shared task. */
async function seedDeal(w: Words) {
  const partners = await adminApi<{ data: { id: string; name: string }[] }>('/api/v1/partners?q=Nordlicht');
  const accounts = await adminApi<{ data: { id: string }[] }>('/api/v1/accounts?limit=1');
  const deal = await adminApi<{ id: string }>('/api/v1/opportunities', {
    method: 'POST',
    body: {
      name: w.deal,
      accountId: accounts.data[0].id,
      amount: { value: 48000, currency: 'EUR' },
      closeDate: '2027-04-30',
      stage: 'proposal',
      nextStep: w.lang === 'de' ? 'Angebot mit dem Einkauf abstimmen' : 'Align the proposal with procurement',
      description: w.hidden,
      partners: [{ partnerId: partners.data[0].id, role: 'services', attribution: 'sourced', share: 100 }],
    },
  });
  await adminApi(`/api/v1/opportunities/${deal.id}/timeline`, {
    method: 'POST',
    body: { kind: 'note', visibility: 'shared', body: w.lang === 'de' ? 'Workshop-Termin steht fest.' : 'Workshop date confirmed.' },
  });
  await adminApi(`/api/v1/opportunities/${deal.id}/tasks`, {
    method: 'POST',
    body: { title: w.lang === 'de' ? 'Referenzkunden nennen' : 'Name a reference customer', side: 'partner', dueDate: '2027-01-15' },
  });
  return deal.id;
}

/** Opens the share dialog on the deal page and creates a link; returns its URL (shown once). */
async function createLink(page: Page, w: Words, email: string, opts: { comment?: boolean; code?: boolean; snapAs?: string }): Promise<string> {
  await page.getByTestId('share-open').click();
  await page.getByTestId('share-email').fill(email);
  await page.getByTestId('share-name').fill('Rita Recipient');
  if (opts.comment) await page.getByTestId('share-action-comment').check();
  if (opts.code) await page.getByTestId('share-require-code').check();
  if (opts.snapAs) await snap(page, `${w.lang}-${opts.snapAs}`, { fullPage: false });
  await page.getByTestId('share-submit').click();
  await page.getByTestId('share-result').waitFor();
  const url = (await page.getByTestId('share-url').textContent()) as string;
  expect(url).toMatch(/\/s\/[0-9a-f]{32}\.[\w-]{43}$/);
  if (opts.snapAs) await snap(page, `${w.lang}-${opts.snapAs}-created`, { fullPage: false });
  await page.getByTestId('share-done').click();
  await page.getByTestId('share-result').waitFor({ state: 'detached' });
  expect(url.startsWith(`${server.url}/s/`)).toBe(true);
  return url;
}

async function journey(w: Words): Promise<void> {
  const p = (n: string) => `${w.lang}-${n}`;
  const dealId = await seedDeal(w);
  const email = `rita.${w.lang}.${Date.now()}@kunde.example`;
  const staff = await newPage();
  const recipient = await newPage(w.lang === 'de' ? 'de-DE' : 'en-US');
  try {
    await staffLogin(staff.page, w.lang);
    await staff.page.goto(`${server.url}/app/opportunities/${dealId}`);
    await staff.page.getByTestId('share-links').waitFor();
    const url = await createLink(staff.page, w, email, { comment: true, code: true, snapAs: '01-share-dialog' });
    await expect.poll(() => staff.page.getByTestId('share-link-status').first().textContent()).toBe(w.active);
    await snap(staff.page, p('02-deal-with-link'));

    // The email with the link is in the dev mailbox.
    const mail = await latestMail(email);
    expect(mail.template).toBe('share_link');
    expect(mail.text).toContain(url);
    await staff.page.goto(`${server.url}/app/mailbox?id=${mail.id}`);
    await staff.page.getByTestId('mailbox-view').waitFor();
    await snap(staff.page, p('03-mailbox'));

    // The recipient, in a browser of their own: the code screen, the code from the second email.
    const r = recipient.page;
    await r.goto(url);
    await r.getByTestId('shared-code').waitFor();
    expect(await r.getByTestId('shared-code').textContent()).toContain(w.codeTitle);
    if (w.lang === 'en') {
      // The language switch works before anything else.
      await r.getByTestId('language-switch').getByText('DE').click();
      await r.getByTestId('shared-code').getByText('Bestätigen Sie, dass Sie es sind').waitFor();
      await r.getByTestId('language-switch').getByText('EN').click();
      await r.getByTestId('shared-code').getByText(w.codeTitle).waitFor();
    }
    await snap(r, p('04-code-screen'));
    await r.getByTestId('shared-code-send').click();
    await r.getByTestId('shared-code-input').waitFor();
    await expect.poll(async () => (await latestMail(email)).template).toBe('share_code');
    const code = /\b(\d{6})\b/.exec((await latestMail(email)).subject)?.[1] as string;
    await r.getByTestId('shared-code-input').locator('input').first().click();
    await r.keyboard.type(code === '000000' ? '111111' : '000000');
    await r.getByTestId('shared-code-error').waitFor();
    await snap(r, p('05-code-wrong'));
    await r.getByTestId('shared-code-input').locator('input').first().click();
    await r.keyboard.type(code);
    await r.getByTestId('shared-title').waitFor();
    expect(await r.getByTestId('shared-title').textContent()).toBe(w.deal);
    await r.getByTestId('shared-timeline').getByTestId('shared-entry').first().waitFor();
    await r.getByTestId('shared-tasks').getByTestId('shared-task').first().waitFor();
    const body = (await r.locator('body').textContent()) as string;
    expect(body).not.toContain(w.hidden);
    expect(body).not.toContain('48,000');
    expect(body).not.toContain('48.000');
    await snap(r, p('06-recipient-deal'));

    // A comment on the shared timeline.
    await r.getByTestId('shared-comment').fill(w.comment);
    await r.getByTestId('shared-comment-send').click();
    await r.getByTestId('shared-entries').getByText(w.comment).waitFor();
    await snap(r, p('07-recipient-commented'));

    // Staff see it on the deal's timeline, signed with the recipient's name.
    await staff.page.goto(`${server.url}/app/opportunities/${dealId}`);
    const entries = staff.page.getByTestId('timeline-entries');
    await entries.getByText(w.comment).waitFor();
    await entries.getByText('Rita Recipient').first().waitFor();
    await expect.poll(() => staff.page.getByTestId('share-link-use').first().textContent()).toMatch(/1/);
    await snap(staff.page, p('08-staff-sees-comment'));

    // The link expires while the page is open: the next call says so, and so does a reload.
    const links = await adminApi<{ data: { id: string; recipientEmail: string }[] }>(`/api/v1/share-links?entityType=opportunity&entityId=${dealId}`);
    const first = links.data.find((l) => l.recipientEmail === email) as { id: string };
    await server.ownerDb
      .updateTable('shareLinks')
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where('id', '=', first.id)
      .execute();
    await r.getByTestId('shared-comment').fill('One more thing');
    await r.getByTestId('shared-comment-send').click();
    await r.getByTestId('shared-gone').waitFor();
    expect(await r.getByTestId('shared-gone').getAttribute('data-reason')).toBe('expired');
    expect(await r.getByTestId('shared-gone').textContent()).toContain(w.expired);
    expect(await r.locator('body').textContent()).not.toContain(w.deal);
    await snap(r, p('09-expired-live'));
    const reloaded = await r.reload();
    expect(reloaded?.status()).toBe(410);
    expect(await r.locator('h1').textContent()).toBe(w.expired);
    expect(await r.locator('body').textContent()).not.toContain(w.deal);
    await snap(r, p('10-expired-page'));

    // A second, read-only link: opened, then revoked by staff in the UI.
    await staff.page.reload();
    await staff.page.getByTestId('share-links').waitFor();
    const second = await createLink(staff.page, w, `second.${email}`, {});
    await r.goto(second);
    await r.getByTestId('shared-title').waitFor();
    expect(await r.getByTestId('shared-comment').count()).toBe(0);
    const activeRow = staff.page.locator('[data-testid=share-link][data-status=active]').first();
    await activeRow.getByTestId('share-revoke').click();
    await snap(staff.page, p('11-revoke-confirm'), { fullPage: false });
    await staff.page
      .getByRole('dialog')
      .getByRole('button', { name: w.lang === 'de' ? 'Zurückziehen' : 'Revoke' })
      .click();
    await expect.poll(() => staff.page.locator('[data-testid=share-link][data-status=revoked]').count()).toBe(1);
    await expect.poll(() => staff.page.locator('[data-testid=share-link][data-status=expired]').count()).toBe(1);
    expect(await staff.page.locator('[data-testid=share-link][data-status=revoked]').getByTestId('share-link-status').textContent()).toBe(w.revoked);
    await snap(staff.page, p('12-staff-links'));
    const revoked = await r.reload();
    expect(revoked?.status()).toBe(410);
    expect(await r.locator('h1').textContent()).toBe(w.withdrawn);
    expect(await r.locator('body').textContent()).not.toContain(w.deal);
    await snap(r, p('13-revoked-page'));
  } finally {
    await staff.context.close();
    await recipient.context.close();
  }
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

describe('share links: share a deal, code, comment, expiry, revocation', () => {
  test('in English', async () => {
    await journey({
      lang: 'en',
      deal: 'Lumen Cloud rollout',
      hidden: 'E2E-HIDDEN-internal-description-en',
      comment: 'Thanks — we can run the workshop in week 12.',
      codeTitle: 'Confirm it is you',
      expired: 'This link has expired',
      withdrawn: 'This link was withdrawn',
      active: 'Active',
      revoked: 'Revoked',
    });
  }, 240_000);

  test('in German', async () => {
    // The workspace's language becomes German: the recipient's page and the server's pages follow.
    await adminApi('/api/v1/workspace', { method: 'PATCH', body: { locale: 'de' } });
    await journey({
      lang: 'de',
      deal: 'Lumen Cloud Einführung',
      hidden: 'E2E-HIDDEN-internal-description-de',
      comment: 'Danke – den Workshop können wir in KW 12 machen.',
      codeTitle: 'Bestätigen Sie, dass Sie es sind',
      expired: 'Dieser Link ist abgelaufen',
      withdrawn: 'Dieser Link wurde zurückgezogen',
      active: 'Aktiv',
      revoked: 'Zurückgezogen',
    });
  }, 240_000);

  test('a partner’s filtered deals as a shared list, and the share dialog of an account', async () => {
    const words = { lang: 'en', deal: 'Polaris list deal', hidden: 'E2E-HIDDEN-list-description' } as Words;
    await seedDeal(words);
    const nordlicht = (await adminApi<{ data: { id: string }[] }>('/api/v1/partners?q=Nordlicht')).data[0].id;
    const staff = await newPage();
    const recipient = await newPage();
    try {
      await staffLogin(staff.page, 'en');
      await staff.page.goto(`${server.url}/app/opportunities?stage=proposal&partnerId=${nordlicht}`);
      await staff.page.getByTestId('opportunities-share').click();
      await staff.page.getByTestId('share-list-filters').getByText('Stage: Proposal').waitFor();
      await expect.poll(() => staff.page.getByTestId('share-partner').inputValue()).toBe('Nordlicht IT-Services GmbH');
      await staff.page.getByTestId('share-email').fill(`list.${Date.now()}@kunde.example`);
      await staff.page.getByTestId('share-notify').uncheck();
      await snap(staff.page, 'en-16-share-list-dialog', { fullPage: false });
      await staff.page.getByTestId('share-submit').click();
      await staff.page.getByTestId('share-result').getByText('Nothing was emailed').waitFor();
      const url = (await staff.page.getByTestId('share-url').textContent()) as string;
      await staff.page.getByTestId('share-done').click();

      await recipient.page.goto(url);
      await recipient.page.getByTestId('shared-deals').getByText(words.deal).waitFor();
      const body = (await recipient.page.locator('body').textContent()) as string;
      expect(body).not.toContain(words.hidden);
      await snap(recipient.page, 'en-17-recipient-list');

      // An account offers "acknowledge" only (comments and tasks are for deals).
      const account = (await adminApi<{ data: { id: string }[] }>('/api/v1/accounts?limit=1')).data[0].id;
      await staff.page.goto(`${server.url}/app/accounts/${account}`);
      await staff.page.getByTestId('share-open').click();
      await staff.page.getByTestId('share-action-acknowledge').waitFor();
      expect(await staff.page.getByTestId('share-action-comment').count()).toBe(0);
      await snap(staff.page, 'en-18-share-account-dialog', { fullPage: false });
    } finally {
      await staff.context.close();
      await recipient.context.close();
    }
  }, 240_000);

  test('settings: the portal host name with its DNS step, and the favicon with its preview', async () => {
    const { context, page } = await newPage();
    try {
      await staffLogin(page, 'en');
      await page.goto(`${server.url}/app/settings?tab=general`);
      await page.getByTestId('general-custom-host').fill('partners.acme.example');
      await page.getByTestId('general-custom-host-dns').waitFor();
      await page.getByTestId('general-save').click();
      await expect.poll(async () => (await adminApi<{ customHost: string | null }>('/api/v1/workspace')).customHost).toBe('partners.acme.example');
      await page.evaluate(() => window.scrollTo(0, 0));
      await snap(page, 'en-14-settings-host');
      await page.goto(`${server.url}/app/settings?tab=branding`);
      await page.getByTestId('branding-favicon').fill(`${server.url}/favicon-missing.png`);
      await page.getByTestId('branding-preview-tab').waitFor();
      await page.getByTestId('branding-save').click();
      await expect
        .poll(async () => (await adminApi<{ branding: { faviconUrl: string | null } }>('/api/v1/workspace')).branding.faviconUrl)
        .toBe(`${server.url}/favicon-missing.png`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await snap(page, 'en-15-settings-favicon');
      // Back to no host name, so links keep pointing at this test server.
      await adminApi('/api/v1/workspace', { method: 'PATCH', body: { customHost: null } });
    } finally {
      await context.close();
    }
  }, 240_000);
});
