import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../tests/setup/harness.ts';
import { ConfigError, loadConfig } from './config.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h?.close());

describe('routes', () => {
  it('declares authentication on every registered route', () => {
    expect(h.http.routeTable.length).toBeGreaterThan(20);
    const undeclared = h.http.routeTable.filter((r) => r.auth === undefined);
    expect(undeclared).toEqual([]);
    const publicRoutes = h.http.routeTable.filter((r) => r.auth === 'public' && !r.url.startsWith('/api/docs')).map((r) => `${r.method} ${r.url}`);
    // Everything public is deliberate: sign-in, health, docs, branding for the portal sign-in page.
    expect(publicRoutes.sort()).toEqual(
      [
        'GET /api/openapi.json',
        'GET /api/v1/public/workspaces/:slug',
        'GET /healthz',
        'GET /metrics',
        'GET /readyz',
        'GET /r/:token',
        'GET /s/:token',
        'POST /api/v1/auth/login',
        'POST /api/v1/auth/magic-link',
        'POST /api/v1/auth/magic-link/verify',
      ].sort(),
    );
  });

  it('answers 401 problem+json on every non-public API route without credentials (404 for an unknown share link)', async () => {
    for (const r of h.http.routeTable.filter((x) => x.auth !== 'public' && x.url.startsWith('/api/v1'))) {
      const url = r.url.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
      const res = await h.http.inject({ method: r.method as 'GET', url });
      // Share-link routes authenticate by the token in their path: a made-up one is no link at all.
      const byToken = typeof r.auth === 'object' && (r.auth.actors.includes('share_link') || r.auth.actors.includes('registration_link'));
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(byToken ? 404 : 401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('describes every API route with its schemas in OpenAPI 3.1', async () => {
    const spec = (await h.http.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    const documented = new Set(Object.entries(spec.paths).flatMap(([p, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${p}`)));
    for (const r of h.http.routeTable.filter((x) => x.url.startsWith('/api/v1'))) {
      expect(documented, `${r.method} ${r.url}`).toContain(`${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    }
    const create = spec.paths['/api/v1/partners'].post;
    expect(create.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['name', 'type']));
    expect(create.responses['201']).toBeDefined();
    const docs = await h.http.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });
});

describe('operations endpoints', () => {
  it('answers healthz, readyz with current migrations, and Prometheus metrics', async () => {
    expect((await h.http.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await h.http.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
    await h.http.inject({ method: 'GET', url: '/healthz' });
    const metrics = await h.http.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toContain('tandem_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('process_cpu_user_seconds_total');
  });

  it('sends security headers and a request id, and echoes a valid incoming one', async () => {
    const res = await h.http.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const generated = await h.http.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id with spaces' } });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown API paths and malformed JSON with problem+json', async () => {
    const missing = await h.http.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'not_found', status: 404 });
    const ws = await h.workspace();
    const bad = await h.http.inject({
      method: 'POST',
      url: '/api/v1/partners',
      headers: { authorization: `Bearer ${ws.apiKey}`, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });
});

describe('configuration', () => {
  it('stops with a message naming each bad variable and what is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', PUBLIC_URL: 'not a url', LOG_LEVEL: 'loud', SECRET_KEY: 'short' })).toThrow(
      ConfigError,
    );
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', SECRET_KEY: 'short' });
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain('PORT');
      expect(msg).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL');
      expect(msg).toContain('LOG_LEVEL: must be one of');
      expect(msg).toContain('SECRET_KEY: must be at least 32 characters');
    }
  });

  it('generates SECRET_KEY once and keeps it in the data directory', () => {
    const dir = `${h.config.dataDir}/fresh`;
    const first = loadConfig({ TANDEM_DATA_DIR: dir });
    const second = loadConfig({ TANDEM_DATA_DIR: dir });
    expect(first.secretKey).toMatch(/^[0-9a-f]{64}$/);
    expect(second.secretKey).toBe(first.secretKey);
    expect(first.publicUrl).toBe('http://localhost:3000');
  });
});
