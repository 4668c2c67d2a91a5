// Journey: an admin shows deal amounts to one partner in Settings → Partner visibility; the
// "view as partner" preview shows the amount before anything is saved, the partner's deal page
// after saving, and neither once the rule is reset — in English and in German.
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, newPage, snap, staffLogin } from '../setup/browser.ts';
import { startTestServer } from '../setup/server.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

let server: TestServer;
let browser: Browser;
let deal: { id: string; name: string };

type Words = { lang: 'en' | 'de'; scope: string; saved: string; removeRule: string; language: string };

async function partnerLogin(page: Page, language: string) {
  await page.goto(`${server.url}/p/demo/login`);
  await page.getByTestId('login-submit').waitFor();
  await page.locator('input[type=email]').fill(server.partner.email);
  await page.locator('input[type=password]').fill(server.partner.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/p\/demo$/);
  await page.getByTestId('portal-language').getByText(language).click();
}

async function journey(w: Words) {
  const p = (n: string) => `safelist-${w.lang}-${n}`;
  const staff = await newPage(browser);
  const partner = await newPage(browser);
  try {
    await staffLogin(staff.page, server.url, server.admin);
    if (w.lang === 'de') {
      await staff.page.getByTestId('user-menu').click();
      await staff.page.getByTestId('language-de').click();
      await staff.page.getByTestId('nav-settings').getByText('Einstellungen').waitFor();
    }
    await staff.page.goto(`${server.url}/app/settings?tab=visibility`);
    await staff.page.getByTestId('safelist-grid').waitFor();

    // The rule for one partner: the demo partner, previewed on one of its deals.
    await staff.page.getByTestId('safelist-scope').getByText(w.scope, { exact: true }).click();
    await staff.page.getByTestId('safelist-partner').fill('Nordlicht');
    await staff.page.getByRole('option', { name: /Nordlicht/ }).click();
    await staff.page.getByTestId('safelist-grid').waitFor();
    await staff.page.getByTestId('preview-deal').click();
    await staff.page.getByRole('option', { name: deal.name, exact: true }).click();
    const preview = staff.page.getByTestId('preview-deal-view');
    await expect.poll(() => preview.getByTestId('portal-deal-title').textContent()).toBe(deal.name);
    expect(await preview.getByTestId('deal-amount').count()).toBe(0);

    // Amount visible in the draft: the preview shows it before anything is saved.
    await staff.page.getByTestId('safelist-visible-amount').check({ force: true });
    await preview.getByTestId('deal-amount').waitFor();
    await snap(staff.page, p('01-preview-draft'));
    await partnerLogin(partner.page, w.language);
    await partner.page.goto(`${server.url}/p/demo/deals/${deal.id}`);
    await partner.page.getByTestId('portal-deal-details').waitFor();
    expect(await partner.page.getByTestId('deal-amount').count()).toBe(0);

    // Saved: the partner's deal page shows the amount, formatted in the partner's language.
    await staff.page.getByTestId('safelist-save').click();
    await staff.page.getByText(w.saved).waitFor();
    await snap(staff.page, p('02-saved'));
    await partner.page.reload();
    await partner.page.getByTestId('deal-amount').waitFor();
    expect(await partner.page.getByTestId('deal-amount').textContent()).toMatch(w.lang === 'de' ? /\d,\d\d\s?\S+$/ : /^\D*\d[\d,]*\.\d\d$/);
    await snap(partner.page, p('03-partner-sees-amount'));

    // Reset to the less specific rule: the amount is gone again.
    await staff.page.getByTestId('safelist-reset').click();
    await staff.page.getByRole('button', { name: w.removeRule }).click();
    await staff.page.getByTestId('safelist-save').waitFor();
    await expect.poll(() => staff.page.getByTestId('safelist-reset').count()).toBe(0);
    await partner.page.reload();
    await partner.page.getByTestId('portal-deal-details').waitFor();
    expect(await partner.page.getByTestId('deal-amount').count()).toBe(0);
    await snap(staff.page, p('04-reset'));
  } finally {
    await staff.context.close();
    await partner.context.close();
  }
}

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
  server = await startTestServer();
  browser = await launchChromium();
  const get = async (path: string) => (await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${server.apiKey}` } })).json();
  const partnerId = (await get('/api/v1/partners?q=Nordlicht')).data[0].id;
  deal = (await get(`/api/v1/opportunities?partnerId=${partnerId}&sort=updatedAt&order=desc&limit=1`)).data[0];
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('partner visibility (safelists)', () => {
  test('showing the amount to one partner: the preview shows it before saving, the partner after', () =>
    journey({
      lang: 'en',
      scope: 'One partner',
      saved: 'Rule saved: partners see the new fields at once',
      removeRule: 'Remove rule',
      language: 'English',
    }));

  test('the same in German', () =>
    journey({
      lang: 'de',
      scope: 'Ein Partner',
      saved: 'Regel gespeichert: Partner sehen die neuen Felder sofort',
      removeRule: 'Regel entfernen',
      language: 'Deutsch',
    }));
});
