import type { Branding } from '../db/schema.ts';

export type Locale = 'en' | 'de';
export type { TemplateName } from './strings.ts';

import type { TemplateName } from './strings.ts';

import { STRINGS, SUPPORT } from './strings.ts';

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
