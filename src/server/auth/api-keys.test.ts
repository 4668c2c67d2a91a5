import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../tests/setup/harness.ts';
import { resolveApiKey } from './api-keys.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('API key resolution', () => {
  it('resolves the keys of one turn in one statement, each to its own actor, and none that is revoked or unknown', async () => {
    const a = await h.workspace('Keys A');
    const b = await h.workspace('Keys B');
    const reader = (await h.api(a.apiKey).post('/api/v1/api-keys', { name: 'reader', scopes: ['crm:read'] })).json();
    const revoked = (await h.api(b.apiKey).post('/api/v1/api-keys', { name: 'old', scopes: ['crm:read'] })).json();
    expect((await h.api(b.apiKey).delete(`/api/v1/api-keys/${revoked.id}`)).statusCode).toBeLessThan(300);
    const unknown = `${reader.key.slice(0, -4)}zzzz`;

    // Called in one turn: one look-up answers all of them.
    const [ra, rb, rr, rRevoked, rUnknown, rGarbage] = await Promise.all([
      resolveApiKey(h.db, a.apiKey),
      resolveApiKey(h.db, b.apiKey),
      resolveApiKey(h.db, reader.key),
      resolveApiKey(h.db, revoked.key),
      resolveApiKey(h.db, unknown),
      resolveApiKey(h.db, 'not a key'),
    ]);
    expect(ra).toMatchObject({ kind: 'api_key', workspaceId: a.workspaceId });
    expect(rb).toMatchObject({ kind: 'api_key', workspaceId: b.workspaceId });
    expect(rr).toMatchObject({ kind: 'api_key', workspaceId: a.workspaceId, apiKeyId: reader.id, name: 'reader', scopes: ['crm:read'] });
    expect(rRevoked).toBeUndefined();
    expect(rUnknown).toBeUndefined();
    expect(rGarbage).toBeUndefined();
    // Alone, the same answer.
    expect(await resolveApiKey(h.db, reader.key)).toEqual(rr);
    expect(await resolveApiKey(h.db, revoked.key)).toBeUndefined();
  });

  it('answers a burst of requests, each as its own caller', async () => {
    const a = await h.workspace('Keys burst A');
    const b = await h.workspace('Keys burst B');
    const calls = Array.from({ length: 12 }, (_, i) => h.api(i % 2 ? a.apiKey : b.apiKey).get('/api/v1/api-keys'));
    const answers = await Promise.all(calls);
    for (const res of answers) expect(res.statusCode).toBe(200);
    // Each workspace's requests saw its keys, and only them.
    const ofA = answers
      .filter((_, i) => i % 2)
      .map((r) =>
        JSON.stringify(
          r
            .json()
            .data.map((k: { id: string }) => k.id)
            .sort(),
        ),
      );
    const ofB = answers
      .filter((_, i) => !(i % 2))
      .map((r) =>
        JSON.stringify(
          r
            .json()
            .data.map((k: { id: string }) => k.id)
            .sort(),
        ),
      );
    expect(new Set(ofA).size).toBe(1);
    expect(new Set(ofB).size).toBe(1);
    expect(ofA[0]).not.toBe(ofB[0]);
  });
});
