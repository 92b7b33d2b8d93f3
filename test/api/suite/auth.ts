import { describe, expect, it } from 'vitest';
import { hashApiKey } from '../../../src/app/api-keys.js';
import type { Ctx } from '../api-suite.js';
import { codeOf } from '../harness.js';

export function authSuite(ctx: Ctx): void {
  describe('authentication', () => {
    it('When no key is sent, then every /v1 route answers 401 with WWW-Authenticate', async () => {
      const { api } = ctx();
      for (const [m, p] of [
        ['GET', '/v1/organizations'],
        ['GET', '/v1/organizations/kt'],
        ['PUT', '/v1/organizations/kt'],
        ['POST', '/v1/imports'],
        ['POST', '/v1/introductions'],
        ['GET', '/v1/introductions'],
        ['GET', '/v1/sectors/ai/funnel'],
        ['GET', '/v1/organizations/kt/matches'],
        ['POST', '/v1/search'],
        ['GET', '/v1/me'],
      ] as const) {
        const a = await api.call(m, p);
        expect(a.status, `${m} ${p}`).toBe(401);
        expect(codeOf(a)).toBe('UNAUTHENTICATED');
        expect(a.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
    });

    it('When a key asks who it is (GET /v1/me), then it gets its role, its sectors and its organisation', async () => {
      const { api, keys } = ctx();
      const me = async (key: string) => (await api.call('GET', '/v1/me', { key })).body;
      expect(await me(keys.memberKt)).toEqual({ keyId: keys.ids.memberKt, role: 'member', sectors: [], organization: 'kt' });
      expect(await me(keys.coordAi)).toEqual({ keyId: keys.ids.coordAi, role: 'coordinator', sectors: ['ai'] });
      expect(await me(keys.admin)).toEqual({ keyId: keys.ids.admin, role: 'admin', sectors: [] });
    });

    it('When the key is unknown, malformed or not a Bearer token, then 401', async () => {
      const { api, keys } = ctx();
      expect((await api.call('GET', '/v1/organizations', { key: 'imk_not-a-real-key' })).status).toBe(401);
      expect((await api.call('GET', '/v1/organizations', { key: `${keys.admin}x` })).status).toBe(401);
      expect((await api.call('GET', '/v1/organizations', { headers: { authorization: `Basic ${keys.admin}` } })).status).toBe(401);
      expect((await api.call('GET', '/v1/organizations', { headers: { authorization: 'Bearer' } })).status).toBe(401);
    });

    it('When a key is revoked in the store, then it is refused', async () => {
      const { api, store } = ctx();
      const key = 'imk_revoked-key-for-the-test-000000000000000000';
      await store.putApiKey({ id: 'key_revoked', hash: hashApiKey(key), role: 'admin', sectors: [], createdAt: '2026-01-01T00:00:00.000Z', revoked: true });
      expect((await api.call('GET', '/v1/organizations', { key })).status).toBe(401);
    });

    it('When a valid key of any role lists the directory, then it is served', async () => {
      const { api, keys } = ctx();
      for (const key of [keys.admin, keys.coordAi, keys.coordBio, keys.memberKt]) {
        expect((await api.call('GET', '/v1/organizations', { key })).status).toBe(200);
      }
    });
  });
}
