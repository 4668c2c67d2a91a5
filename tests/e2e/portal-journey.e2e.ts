// Journey: staff invite a partner user from the partner page, the invitation is read from the dev
// mailbox, the partner signs in by magic link, sees only its deals (never another partner's or a
// staff-only one), opens a deal and replies; staff find the reply on the opportunity's timeline.
// In English a partner admin is invited; in German a rep, with whom staff share one deal first.
// axe-core checks every main portal page on the way. See also safelist-journey.e2e.ts.
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectAccessible, launchChromium, newPage, snap, staffLogin } from '../setup/browser.ts';
import { startTestServer } from '../setup/server.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;
type Deal = { id: string; name: string; partners: { partnerId: string; partnerName: string }[] };

let server: TestServer;
let browser: Browser;
let partnerId: string;
let dealsOfOthers: { staffOnly: Deal; otherPartner: Deal };

async function adminApi<T>(path: string): Promise<T> {
  const res = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${server.apiKey}` } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

async function switchStaffToGerman(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('language-de').click();
  await page.getByTestId('nav-settings').getByText('Einstellungen').waitFor();
}

/** The magic link of the newest email to `email`, read through the dev mailbox's API. */
async function magicLinkFor(page: Page, email: string): Promise<string> {
  let text = '';
  await expect
    .poll(
      async () => {
        text = await page.evaluate(async (to) => {
          const list = await fetch(`/api/v1/dev/mailbox?to=${encodeURIComponent(to)}`).then((r) => r.json());
          if (!list.data?.length) return '';
          return (await fetch(`/api/v1/dev/mailbox/${list.data[0].id}`).then((r) => r.json())).text as string;
        }, email);
        return text;
      },
      { timeout: 15_000 },
    )
    .toContain('/auth/magic?');
  const path = text.match(/\/auth\/magic\?[^\s"<>)]+/)?.[0];
  expect(path).toBeTruthy();
  return `${server.url}${path}`;
}

type Words = {
  lang: 'en' | 'de';
  role: 'partner_admin' | 'partner_rep';
  roleLabel: string;
  invited: string;
  reply: string;
  nextStep: string;
  noMatch: string;
  sent: string;
};

async function journey(w: Words) {
  const p = (n: string) => `portal-${w.lang}-${n}`;
  const email = `${w.lang}-nina-${Date.now()}@nordlicht-it.de`;
  const name = w.lang === 'en' ? 'Nina Neumann' : 'Nils Nowak';
  const staff = await newPage(browser);
  const partner = await newPage(browser);
  try {
    // 1. Staff invite the partner user from the partner page.
    await staffLogin(staff.page, server.url, server.admin);
    if (w.lang === 'de') await switchStaffToGerman(staff.page);
    await staff.page.goto(`${server.url}/app/partners/${partnerId}`);
    await staff.page.getByTestId('partner-user-invite').click();
    await staff.page.getByTestId('invite-name').fill(name);
    await staff.page.getByTestId('invite-email').fill(email);
    await staff.page.getByTestId('invite-role').click();
    await staff.page.getByRole('option', { name: w.roleLabel, exact: true }).click();
    await snap(staff.page, p('01-invite'));
    await staff.page.getByTestId('invite-submit').click();
    await staff.page.getByText(w.invited.replace('{{email}}', email)).waitFor();
    await staff.page.locator(`[data-testid=person-row][data-email="${email}"]`).waitFor();
    await snap(staff.page, p('02-partner-users'));

    // 2. The invitation in the dev mailbox.
    await staff.page.goto(`${server.url}/app/mailbox`);
    await staff.page.getByTestId('mailbox-list').getByText(email).first().click();
    await staff.page.getByTestId('mailbox-view').waitFor();
    await snap(staff.page, p('03-mailbox'));
    const link = await magicLinkFor(staff.page, email);

    // 3. A rep sees only what is shared with them: staff share one deal from its page.
    const own = (await adminApi<{ data: Deal[] }>(`/api/v1/opportunities?partnerId=${partnerId}&sort=updatedAt&order=desc&limit=5`)).data[0];
    if (w.role === 'partner_rep') {
      await staff.page.goto(`${server.url}/app/opportunities/${own.id}`);
      await staff.page.getByTestId('partner-access-pick').click();
      await staff.page.getByRole('option', { name: new RegExp(name) }).click();
      await staff.page.getByTestId('partner-access-share').click();
      await staff.page.getByTestId('partner-access-card').getByText(name).waitFor();
      await snap(staff.page, p('04-partner-access'));
    }

    // 4. The partner signs in by magic link (the portal's login page first, checked by axe).
    await partner.page.goto(`${server.url}/p/demo/login`);
    await partner.page.getByTestId('login-submit').waitFor();
    await expectAccessible(partner.page, p('login'));
    await partner.page.goto(link);
    await partner.page.waitForURL(/\/p\/demo$/);
    await partner.page.getByTestId('portal-greeting').waitFor();
    if (w.lang === 'de') {
      await partner.page.getByTestId('portal-language').getByText('Deutsch').click();
      await expect.poll(() => partner.page.getByTestId('portal-greeting').textContent()).toContain('Willkommen');
    }
    await partner.page.getByTestId('portal-recent-deals').getByRole('link').first().waitFor();
    await snap(partner.page, p('05-home'));
    await expectAccessible(partner.page, p('home'));

    // 5. Only the partner's deals: neither another partner's deal nor a staff-only one.
    await partner.page.goto(`${server.url}/p/demo/deals`);
    await partner.page.getByTestId('portal-deals-table').waitFor();
    await snap(partner.page, p('06-deals'));
    await expectAccessible(partner.page, p('deals'));
    const listed = await partner.page.evaluate(() => fetch('/api/v1/portal/deals?limit=200').then((r) => r.json()));
    const ids: string[] = listed.data.map((d: { id: string }) => d.id);
    expect(ids).not.toContain(dealsOfOthers.staffOnly.id);
    expect(ids).not.toContain(dealsOfOthers.otherPartner.id);
    if (w.role === 'partner_rep') expect(ids).toEqual([own.id]);
    else expect(ids).toContain(own.id);
    for (const other of [dealsOfOthers.staffOnly, dealsOfOthers.otherPartner]) {
      await partner.page.goto(`${server.url}/p/demo/deals?q=${encodeURIComponent(other.name)}`);
      await partner.page.getByText(w.noMatch).waitFor();
    }
    await snap(partner.page, p('07-deals-no-match'));
    await partner.page.goto(`${server.url}/p/demo/deals/${dealsOfOthers.otherPartner.id}`);
    await partner.page
      .getByTestId('portal-deal-title')
      .or(partner.page.getByText(w.lang === 'en' ? 'This deal is not available' : 'Dieser Deal ist nicht verfügbar'))
      .waitFor();
    expect(await partner.page.getByTestId('portal-deal-title').count()).toBe(0);

    // 6. The partner opens its deal and replies.
    await partner.page.goto(`${server.url}/p/demo/deals?q=${encodeURIComponent(own.name)}`);
    await partner.page.locator(`[data-testid=portal-deal-row][data-id="${own.id}"]`).getByTestId('portal-deal-link').click();
    await partner.page.waitForURL(new RegExp(`/p/demo/deals/${own.id}$`));
    await expect.poll(() => partner.page.getByTestId('portal-deal-title').textContent()).toBe(own.name);
    await partner.page.getByTestId('portal-timeline-entries').waitFor();
    await snap(partner.page, p('08-deal'));
    await expectAccessible(partner.page, p('deal'));
    // The next step is editable by default: changed in place, saved on the deal.
    const nextStep = `${w.nextStep} ${Date.now()}`;
    await partner.page.getByTestId('edit-nextStep').click();
    await partner.page.getByTestId('input-nextStep').fill(nextStep);
    await partner.page.getByTestId('save-nextStep').click();
    await partner.page.getByTestId('deal-field-nextStep').getByText(nextStep).waitFor();
    expect((await adminApi<{ nextStep: string }>(`/api/v1/opportunities/${own.id}`)).nextStep).toBe(nextStep);
    const reply = `${w.reply} ${Date.now()}`;
    await partner.page.getByTestId('portal-reply-body').fill(reply);
    await partner.page.getByTestId('portal-reply-submit').click();
    await partner.page.getByText(w.sent).waitFor();
    await partner.page.getByTestId('portal-timeline-entries').getByText(reply).waitFor();
    await snap(partner.page, p('09-deal-replied'));

    // 7. Rules of engagement and team, in the UI language.
    await partner.page.goto(`${server.url}/p/demo/rules`);
    await partner.page.getByTestId('rules-list').waitFor();
    expect(await partner.page.getByTestId('rules-list').textContent()).toContain(
      w.lang === 'en' ? 'Register every deal' : 'Registrieren Sie jeden Deal',
    );
    await snap(partner.page, p('10-rules'));
    await expectAccessible(partner.page, p('rules'));
    await partner.page.goto(`${server.url}/p/demo/team`);
    await partner.page.getByTestId('team-table').getByText(name).waitFor();
    expect(await partner.page.getByTestId('team-invite').count()).toBe(w.role === 'partner_admin' ? 1 : 0);
    await snap(partner.page, p('11-team'));
    await expectAccessible(partner.page, p('team'));

    // 8. Staff see the reply on the opportunity's timeline, marked shared.
    await staff.page.goto(`${server.url}/app/opportunities/${own.id}`);
    await staff.page.getByTestId('timeline-entries').getByText(reply).waitFor();
    await staff.page.getByTestId('tasks-card').waitFor();
    await snap(staff.page, p('12-staff-timeline'));

    // 9. Deactivated by staff, the rep is signed out at once.
    if (w.role === 'partner_rep') {
      await staff.page.goto(`${server.url}/app/partners/${partnerId}`);
      await staff.page.locator(`[data-testid=person-row][data-email="${email}"]`).getByTestId('person-deactivate').click();
      await snap(staff.page, p('13-deactivate-confirm'));
      await staff.page.getByRole('button', { name: 'Deaktivieren', exact: true }).click();
      await staff.page.locator(`[data-testid=person-row][data-email="${email}"]`).getByText('Deaktiviert').waitFor();
      await partner.page.goto(`${server.url}/p/demo/deals`);
      await partner.page.waitForURL(/\/p\/demo\/login/);
      await snap(partner.page, p('14-signed-out'));
    }
  } finally {
    await staff.context.close();
    await partner.context.close();
  }
}

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
  server = await startTestServer();
  browser = await launchChromium();
  const me = await adminApi<{ data: { id: string; name: string }[] }>('/api/v1/partners?q=Nordlicht');
  partnerId = me.data[0].id;
  const all = (await adminApi<{ data: Deal[] }>('/api/v1/opportunities?limit=200&sort=updatedAt&order=desc')).data;
  const staffOnly = all.find((d) => d.partners.length === 0);
  const otherPartner = all.find((d) => d.partners.length > 0 && d.partners.every((x) => x.partnerId !== partnerId));
  if (!staffOnly || !otherPartner) throw new Error('the demo has no staff-only deal or no deal of another partner');
  dealsOfOthers = { staffOnly, otherPartner };
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the partner portal', () => {
  test('staff invite a partner admin, who signs in by magic link, sees only its deals and replies; staff see the reply', () =>
    journey({
      lang: 'en',
      role: 'partner_admin',
      roleLabel: 'Partner admin',
      invited: 'Invitation sent to {{email}}',
      reply: 'The customer wants a demo next week.',
      nextStep: 'Demo on Tuesday',
      noMatch: 'No deal matches',
      sent: 'Reply sent',
    }));

  test('the same in German, with a rep who sees only the deal staff shared with them', () =>
    journey({
      lang: 'de',
      role: 'partner_rep',
      roleLabel: 'Partner-Vertrieb',
      invited: 'Einladung an {{email}} gesendet',
      reply: 'Der Kunde möchte nächste Woche eine Demo.',
      nextStep: 'Demo am Dienstag',
      noMatch: 'Kein Deal passt',
      sent: 'Antwort gesendet',
    }));
});
