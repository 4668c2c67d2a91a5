import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_SECRET } from '../../../tests/setup/constants.ts';
import { createHarness, type Harness } from '../../../tests/setup/harness.ts';

const exec = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, '../../../bin/tandem.mjs');

let h: Harness;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  h = await createHarness();
  env = { ...process.env, DATABASE_URL: h.ownerUrl, SECRET_KEY: TEST_SECRET, TANDEM_DATA_DIR: h.config.dataDir, LOG_LEVEL: 'warn' };
});
afterAll(() => h?.close());

type Result = { stdout: string; stderr: string; code: number };
const tandem = (args: string[], e: NodeJS.ProcessEnv = env): Promise<Result> =>
  exec('node', [CLI, ...args], { env: e }).then(
    (r) => ({ ...r, code: 0 }),
    (err) => ({ stdout: err.stdout, stderr: err.stderr, code: err.code }),
  );

describe('tandem CLI', { timeout: 120_000 }, () => {
  it('creates a workspace and prints one JSON object whose admin API key works', async () => {
    const { stdout } = await tandem([
      'workspace',
      'create',
      '--name',
      'Müller & Söhne Partnerprogramm',
      '--admin-email',
      'Chef@Example.com',
      '--json',
    ]);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ slug: 'muller-sohne-partnerprogramm', workspaceId: expect.any(String), apiKey: expect.stringMatching(/^tnd_/) });
    const me = await h.api(out.apiKey).get('/api/v1/workspace');
    expect(me.json()).toMatchObject({ name: 'Müller & Söhne Partnerprogramm', slug: out.slug });
    const users = (await h.api(out.apiKey).get('/api/v1/users')).json();
    expect(users.data[0]).toMatchObject({ email: 'chef@example.com', role: 'admin' });
  });

  it('refuses a taken slug and a bad email with a clear error and a non-zero exit', async () => {
    await tandem(['workspace', 'create', '--name', 'One', '--slug', 'taken-slug', '--admin-email', 'a@example.com']);
    const dup = await tandem(['workspace', 'create', '--name', 'Two', '--slug', 'taken-slug', '--admin-email', 'b@example.com']);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('slug "taken-slug" exists already');
    const bad = await tandem(['workspace', 'create', '--name', 'Three', '--admin-email', 'nope']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('must be an email address');
    const missing = await tandem(['workspace', 'create', '--name', 'Four']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('--admin-email');
  });

  it('creates scoped and partner API keys, and rejects an unknown scope', async () => {
    const ws = JSON.parse((await tandem(['workspace', 'create', '--name', 'Keys Inc', '--admin-email', 'k@example.com', '--json'])).stdout);
    const scoped = JSON.parse(
      (await tandem(['api-key', 'create', '--workspace', ws.slug, '--name', 'reader', '--scopes', 'partners:read', '--json'])).stdout,
    );
    expect(scoped.scopes).toEqual(['partners:read']);
    expect((await h.api(scoped.key).get('/api/v1/partners')).statusCode).toBe(200);
    expect((await h.api(scoped.key).post('/api/v1/partners', { name: 'x', type: 'referral' })).statusCode).toBe(403);
    const partner = (await h.api(ws.apiKey).post('/api/v1/partners', { name: 'P GmbH', type: 'reseller' })).json();
    const asPartner = JSON.parse(
      (await tandem(['api-key', 'create', '--workspace', ws.slug, '--name', 'p', '--partner', partner.id, '--json'])).stdout,
    );
    expect(asPartner.partnerId).toBe(partner.id);
    const bad = await tandem(['api-key', 'create', '--workspace', ws.slug, '--name', 'x', '--scopes', 'everything']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--scopes');
    const noWs = await tandem(['api-key', 'create', '--workspace', 'no-such-ws', '--name', 'x']);
    expect(noWs.stderr).toContain('No workspace has the slug "no-such-ws"');
  });

  it('prints help for every command and fails on a bad environment naming the variable', async () => {
    const help = await tandem(['--help']);
    for (const c of ['start', 'migrate', 'seed', 'workspace', 'api-key', 'audit']) expect(help.stdout).toContain(c);
    expect((await tandem(['workspace', 'create', '--help'])).stdout).toContain('--admin-email');
    const bad = await tandem(['migrate'], { ...env, PORT: 'eighty' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('PORT');
  });

  it('seeds the demo workspace once and says so the second time', async () => {
    const first = await tandem(['seed', '--demo']);
    expect(first.stdout).toContain('Demo workspace "demo" is ready');
    expect(first.stdout).toMatch(/API key: tnd_/);
    const again = await tandem(['seed', '--demo']);
    expect(again.code).toBe(0);
  });
});

describe('tandem CLI on the embedded database', { timeout: 120_000 }, () => {
  it('attaches to the embedded PostgreSQL already running on a data directory', async () => {
    const dir = inject('pgDataDir');
    if (!dir) return; // this run uses DATABASE_URL; the start test below covers the embedded server
    const e = { ...process.env, SECRET_KEY: TEST_SECRET, TANDEM_DATA_DIR: dir, LOG_LEVEL: 'warn', DATABASE_URL: '' };
    const out = await tandem(['workspace', 'create', '--name', 'Attached', '--admin-email', 'x@example.com', '--json'], e);
    expect(JSON.parse(out.stdout).slug).toBe('attached');
    expect(existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(true); // still running: it was not ours to stop
  });

  it('starts its own embedded PostgreSQL, serves, and stops the database cleanly on Ctrl-C', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-cli-'));
    const port = await freePort();
    const e = { ...process.env, TANDEM_DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '', SECRET_KEY: '' };
    const child = spawn(process.execPath, [CLI, 'start'], { env: e, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const banner = await waitForOutput(child, /Press Ctrl-C to stop/);
      expect(banner).toMatch(/Demo admin:\s+admin@demo\.tandem\.test \/ \S+/);
      expect(banner).toMatch(/Demo partner:\s+\S+@\S+ \/ \S+/);
      expect(banner).toMatch(/Admin API key: tnd_/);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      const key = /Admin API key: (\S+)/.exec(banner)?.[1];
      const partners = await fetch(`http://127.0.0.1:${port}/api/v1/partners`, { headers: { authorization: `Bearer ${key}` } });
      expect((await partners.json()).data.length).toBeGreaterThan(0);
      expect(existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(true);
      child.kill('SIGINT');
      const code = await new Promise((r) => child.on('exit', r));
      expect(code).toBe(0);
      expect(existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(false);
      // A second start finds the data, applies nothing, and prints the same demo logins.
      const again = await tandem(['migrate'], { ...e });
      expect(again.stdout).toContain('up to date');
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

function waitForOutput(child: ChildProcess, re: RegExp, timeoutMs = 45_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re}; got:\n${out}`)), timeoutMs);
    const on = (d: Buffer) => {
      out += String(d);
      if (re.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    };
    child.stdout?.on('data', on);
    child.stderr?.on('data', on);
    child.on('exit', (c) => reject(new Error(`exited with ${c}:\n${out}`)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}
