import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseScopedToken } from '../auth/tokens.ts';
import { type Db, inWorkspace } from '../db/client.ts';
import { AppError } from './errors.ts';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const TEXT = {
  en: {
    expired: ['This link has expired', 'Links we share work for a limited time. Ask the person who sent it to you for a new one.'],
    revoked: ['This link was withdrawn', 'The sender withdrew this link. Ask them for a new one if you still need it.'],
    missing: ['This link does not exist', 'Check that you opened the whole link from the email.'],
  },
  de: {
    expired: [
      'Dieser Link ist abgelaufen',
      'Geteilte Links gelten nur für eine begrenzte Zeit. Bitten Sie die Person, die ihn Ihnen geschickt hat, um einen neuen.',
    ],
    revoked: [
      'Dieser Link wurde zurückgezogen',
      'Der Absender hat diesen Link zurückgezogen. Bitten Sie ihn um einen neuen, falls Sie ihn noch brauchen.',
    ],
    missing: ['Diesen Link gibt es nicht', 'Prüfen Sie, ob Sie den ganzen Link aus der E-Mail geöffnet haben.'],
  },
} as const;

/** A small, self-contained page (no script) saying why a link does not open — and nothing of what was behind it. */
export function linkProblemPage(kind: 'expired' | 'revoked' | 'missing', locale: 'en' | 'de', brand: { product: string; color: string }): string {
  const [title, body] = TEXT[locale][kind];
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex"><title>${escapeHtml(title)} · ${escapeHtml(brand.product)}</title>
<style>body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;background:#f8f9fa;color:#212529}
main{max-width:28rem;margin:12vh auto;padding:2rem;background:#fff;border-radius:12px;border-top:4px solid ${brand.color};box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:1.35rem;margin:0 0 .75rem}p{line-height:1.5;margin:0;color:#495057}.brand{font-weight:700;color:${brand.color};margin-bottom:1.25rem}</style></head>
<body><main><div class="brand">${escapeHtml(brand.product)}</div><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></main></body></html>`;
}

const SAFE_COLOR = /^#[0-9a-fA-F]{6}$/;

/**
 * GET {path}/{token}: the page a link's recipient opens (a share link's `/s/`, a registration
 * link's `/r/`). A live link gets the web app; an expired or revoked one 410 and a page that says
 * so; an unknown one 404. No referrer leaves the page, so the token cannot leak to linked sites,
 * and no cache keeps it.
 */
export function registerLinkPage(
  app: FastifyInstance,
  path: '/s' | '/r',
  deps: { db: Db; hasWebApp: () => boolean; resolve: (token: string, req: FastifyRequest) => Promise<unknown> },
) {
  app.get(`${path}/:token`, { config: { auth: 'public' }, schema: { hide: true } }, async (req, reply) => {
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
    const { token } = req.params as { token: string };
    try {
      await deps.resolve(token, req);
      if (!deps.hasWebApp()) return reply.type('text/plain').send('The web app is not built. Run `npm run build`.');
      // The page lives at a secret URL: no cache may keep it (the static plugin would say `public`).
      return reply.type('text/html').sendFile('index.html', { cacheControl: false });
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'gone' && err.code !== 'not_found')) throw err;
      const ws = parseScopedToken(token);
      const w = ws
        ? await inWorkspace(deps.db, ws.workspaceId, (trx) =>
            trx.selectFrom('workspaces').select(['locale', 'branding']).where('id', '=', ws.workspaceId).executeTakeFirst(),
          )
        : undefined;
      const accept = String(req.headers['accept-language'] ?? '');
      const locale = w?.locale ?? (/^de\b/i.test(accept) ? 'de' : 'en');
      const b = (w?.branding ?? {}) as { productName?: string | null; primaryColor?: string | null };
      const kind = err.code === 'not_found' ? 'missing' : (err.details.reason as 'expired' | 'revoked');
      return reply
        .status(err.code === 'gone' ? 410 : 404)
        .type('text/html; charset=utf-8')
        .send(
          linkProblemPage(kind, locale, {
            product: b.productName || 'Tandem',
            color: b.primaryColor && SAFE_COLOR.test(b.primaryColor) ? b.primaryColor : '#1c7ed6',
          }),
        );
    }
  });
}
