import type { Branding } from '../db/schema.ts';

export type Locale = 'en' | 'de';
export type TemplateName = 'magic_link' | 'staff_invite' | 'partner_invite' | 'share_link' | 'share_code';

type Strings = { subject: string; heading: string; body: string; button: string; footer: string };

const STRINGS: Record<TemplateName, Record<Locale, Strings>> = {
  magic_link: {
    en: {
      subject: 'Your sign-in link for {product}',
      heading: 'Sign in to {product}',
      body: 'Click the button to sign in. The link works once and expires in 15 minutes. If you did not ask for it, ignore this email.',
      button: 'Sign in',
      footer: 'Sent by {product} for {workspace}.',
    },
    de: {
      subject: 'Ihr Anmeldelink für {product}',
      heading: 'Bei {product} anmelden',
      body: 'Klicken Sie auf die Schaltfläche, um sich anzumelden. Der Link funktioniert einmal und läuft in 15 Minuten ab. Falls Sie ihn nicht angefordert haben, ignorieren Sie diese E-Mail.',
      button: 'Anmelden',
      footer: 'Gesendet von {product} für {workspace}.',
    },
  },
  staff_invite: {
    en: {
      subject: 'You have been invited to {workspace} on {product}',
      heading: 'Welcome to {workspace}',
      body: '{inviter} invited you to the {workspace} partner program on {product}. Click the button to sign in. The link works once and expires in 15 minutes; you can always ask for a new one on the sign-in page.',
      button: 'Accept invitation',
      footer: 'Sent by {product} for {workspace}.',
    },
    de: {
      subject: 'Einladung zu {workspace} auf {product}',
      heading: 'Willkommen bei {workspace}',
      body: '{inviter} hat Sie zum Partnerprogramm {workspace} auf {product} eingeladen. Klicken Sie auf die Schaltfläche, um sich anzumelden. Der Link funktioniert einmal und läuft in 15 Minuten ab; auf der Anmeldeseite können Sie jederzeit einen neuen anfordern.',
      button: 'Einladung annehmen',
      footer: 'Gesendet von {product} für {workspace}.',
    },
  },
  partner_invite: {
    en: {
      subject: '{workspace} invites you to its partner portal',
      heading: 'Your partner portal at {workspace}',
      body: '{inviter} invited you to the {workspace} partner portal for {partner}. Register deals, follow their status and reach your partner team — no password needed.',
      button: 'Open the partner portal',
      footer: 'Sent by {product} for {workspace}.',
    },
    de: {
      subject: '{workspace} lädt Sie in sein Partnerportal ein',
      heading: 'Ihr Partnerportal bei {workspace}',
      body: '{inviter} hat Sie für {partner} in das Partnerportal von {workspace} eingeladen. Registrieren Sie Deals, verfolgen Sie deren Status und erreichen Sie Ihr Partnerteam – ganz ohne Passwort.',
      button: 'Partnerportal öffnen',
      footer: 'Gesendet von {product} für {workspace}.',
    },
  },
  share_link: {
    en: {
      subject: '{sender} shared {title} with you',
      heading: '{title}',
      body: '{sender} of {workspace} shared {title} with you. The link is for you alone and works until {expires}{codeNote}.',
      button: 'Open',
      footer: 'Sent by {product} for {workspace}. Do not forward this email: anyone with the link can open it until it expires.',
    },
    de: {
      subject: '{sender} hat {title} mit Ihnen geteilt',
      heading: '{title}',
      body: '{sender} von {workspace} hat {title} mit Ihnen geteilt. Der Link ist nur für Sie bestimmt und gilt bis {expires}{codeNote}.',
      button: 'Öffnen',
      footer:
        'Gesendet von {product} für {workspace}. Bitte leiten Sie diese E-Mail nicht weiter: Jeder mit dem Link kann ihn bis zum Ablauf öffnen.',
    },
  },
  share_code: {
    en: {
      subject: 'Your code: {code}',
      heading: 'Your code is {code}',
      body: 'Enter this code on the page of the link {workspace} shared with you. It works once and for 10 minutes. If you did not ask for it, ignore this email.',
      button: 'Back to the link',
      footer: 'Sent by {product} for {workspace}.',
    },
    de: {
      subject: 'Ihr Code: {code}',
      heading: 'Ihr Code lautet {code}',
      body: 'Geben Sie diesen Code auf der Seite des Links ein, den {workspace} mit Ihnen geteilt hat. Er gilt einmal und 10 Minuten lang. Falls Sie ihn nicht angefordert haben, ignorieren Sie diese E-Mail.',
      button: 'Zurück zum Link',
      footer: 'Gesendet von {product} für {workspace}.',
    },
  },
};

const SUPPORT: Record<Locale, string> = { en: 'Questions? Write to {support}.', de: 'Fragen? Schreiben Sie an {support}.' };

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function fill(s: string, vars: Record<string, string>): string {
  return s.replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? '');
}

const SAFE_COLOR = /^#[0-9a-fA-F]{6}$/;

/** Renders a branded, localised email with one call to action. */
export function renderEmail(
  name: TemplateName,
  locale: Locale,
  ctx: { workspace: string; branding: Branding; actionUrl: string; vars?: Record<string, string> },
): { subject: string; text: string; html: string } {
  const s = STRINGS[name][locale] ?? STRINGS[name].en;
  const product = ctx.branding.productName || 'Tandem';
  const vars = { product, workspace: ctx.workspace, ...(ctx.vars ?? {}) };
  const t = (x: string) => fill(x, vars);
  // The workspace's support contact, when branding names one (a white-labelled portal's emails point there).
  const support = ctx.branding.supportEmail ? fill(SUPPORT[locale] ?? SUPPORT.en, { support: ctx.branding.supportEmail }) : '';
  const color = ctx.branding.primaryColor && SAFE_COLOR.test(ctx.branding.primaryColor) ? ctx.branding.primaryColor : '#1c7ed6';
  const logo =
    ctx.branding.logoUrl?.startsWith('https://') || ctx.branding.logoUrl?.startsWith('http://')
      ? `<img src="${escapeHtml(ctx.branding.logoUrl)}" alt="${escapeHtml(product)}" height="32" style="display:block;margin-bottom:16px">`
      : `<div style="font-weight:700;font-size:18px;color:${color};margin-bottom:16px">${escapeHtml(product)}</div>`;
  const html = `<!doctype html><html lang="${locale}"><body style="margin:0;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1a1b1e">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:32px 16px">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="background:#fff;border-radius:8px;border-top:4px solid ${color}">
<tr><td style="padding:32px">${logo}
<h1 style="font-size:22px;margin:0 0 12px">${escapeHtml(t(s.heading))}</h1>
<p style="font-size:15px;line-height:1.5;margin:0 0 24px">${escapeHtml(t(s.body))}</p>
<a href="${escapeHtml(ctx.actionUrl)}" style="display:inline-block;background:${color};color:#fff;text-decoration:none;padding:12px 20px;border-radius:6px;font-weight:600">${escapeHtml(t(s.button))}</a>
<p style="font-size:12px;color:#868e96;margin:24px 0 0;word-break:break-all">${escapeHtml(ctx.actionUrl)}</p>
</td></tr></table>
<p style="font-size:12px;color:#868e96">${escapeHtml(t(s.footer))}${support ? `<br>${escapeHtml(support)}` : ''}</p></td></tr></table></body></html>`;
  const text = `${t(s.heading)}\n\n${t(s.body)}\n\n${t(s.button)}: ${ctx.actionUrl}\n\n-- \n${t(s.footer)}${support ? `\n${support}` : ''}\n`;
  return { subject: t(s.subject), text, html };
}
