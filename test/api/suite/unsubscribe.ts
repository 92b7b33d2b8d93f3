import { describe, expect, it } from 'vitest';
import { signUnsubscribeToken } from '../../../src/app/digest-unsubscribe.js';
import { asOrgId } from '../../../src/domain/index.js';
import type { Ctx } from '../api-suite.js';
import { codeOf } from '../harness.js';

/** The secret the suite's API checks unsubscribe links with (the digest job would sign with the same). */
export const UNSUBSCRIBE_SECRET = 'u'.repeat(64);

// In the world, KT's contact secret-kt@contacts.example receives the digest.
const KT = asOrgId('kt');
const ADDRESS = 'secret-kt@contacts.example';
const link = (token: string) => `/v1/unsubscribe?token=${encodeURIComponent(token)}`;

export function unsubscribeSuite(ctx: Ctx): void {
  describe('unsubscribe links of the weekly digest', () => {
    const receivesDigest = async () => (await ctx().store.getOrganization(KT))?.contacts.find((c) => c.email === ADDRESS)?.digest;

    it('When the link is followed without a key, then that contact is unsubscribed and a bilingual page confirms it, also the second time', async () => {
      const { api } = ctx();
      expect(await receivesDigest()).toBe(true);
      const token = signUnsubscribeToken(UNSUBSCRIBE_SECRET, { orgId: KT, email: 'Secret-KT@contacts.example' });
      const first = await api.call('GET', `${link(token)}&utm_source=mail`);
      expect(first.status).toBe(200);
      expect(first.headers.get('content-type')).toMatch(/^text\/html/);
      expect(first.text).toContain('수신 거부가 완료되었습니다');
      expect(first.text).toContain('will no longer receive');
      expect(await receivesDigest()).toBe(false);
      const again = await api.call('GET', link(token));
      expect(again.status).toBe(200);
      expect(again.text).toContain('was already unsubscribed');
    });

    it('When a mail client posts the one-click unsubscribe (RFC 8058), then 204 and the contact is unsubscribed', async () => {
      const { api } = ctx();
      const token = signUnsubscribeToken(UNSUBSCRIBE_SECRET, { orgId: KT, email: ADDRESS });
      const a = await api.call('POST', link(token), { raw: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect([a.status, a.text]).toEqual([204, '']);
      expect(await receivesDigest()).toBe(false);
    });

    it('When the token is altered, signed with another secret or missing, then 400 and nobody is unsubscribed', async () => {
      const { api } = ctx();
      const token = signUnsubscribeToken(UNSUBSCRIBE_SECRET, { orgId: KT, email: ADDRESS });
      const [v, , mac] = token.split('.') as [string, string, string];
      const otherPayload = Buffer.from(JSON.stringify(['kt', 'someone-else@contacts.example'])).toString('base64url');
      const forged = [`${v}.${otherPayload}.${mac}`, signUnsubscribeToken('x'.repeat(64), { orgId: KT, email: ADDRESS }), `${token.slice(0, -3)}AAA`, 'garbage'];
      for (const bad of forged) {
        for (const method of ['GET', 'POST']) {
          const a = await api.call(method, link(bad));
          expect([a.status, codeOf(a)], `${method} ${bad}`).toEqual([400, 'INVALID_TOKEN']);
        }
      }
      const missing = await api.call('GET', '/v1/unsubscribe');
      expect([missing.status, codeOf(missing)]).toEqual([400, 'VALIDATION_FAILED']);
      expect(missing.body).toMatchObject({ errors: [{ path: 'query.token' }] });
      expect(await receivesDigest()).toBe(true);
    });
  });
}
