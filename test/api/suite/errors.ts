import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../api-suite.js';
import { codeOf } from '../harness.js';

export function errorsSuite(ctx: Ctx): void {
  describe('errors are problems, never stack traces', () => {
    it('When the route does not exist, then 404 ROUTE_NOT_FOUND; when the method does not, then 405 with Allow', async () => {
      const { api, keys } = ctx();
      const missing = await api.call('GET', '/v1/nothing-here', { key: keys.admin });
      expect([missing.status, codeOf(missing)]).toEqual([404, 'ROUTE_NOT_FOUND']);
      const wrong = await api.call('DELETE', '/v1/organizations/kt', { key: keys.admin });
      expect([wrong.status, codeOf(wrong)]).toEqual([405, 'METHOD_NOT_ALLOWED']);
      expect(wrong.headers.get('allow')).toBe('GET, PUT, HEAD');
    });

    it('When the body is malformed JSON, then 400 MALFORMED_JSON', async () => {
      const { api, keys } = ctx();
      for (const raw of ['{"id": "kt", ', '{"a":1}}', "{'id': 'kt'}"]) {
        const a = await api.call('PUT', '/v1/organizations/kt', { key: keys.admin, raw, headers: { 'content-type': 'application/json' } });
        expect([a.status, codeOf(a)], raw).toEqual([400, 'MALFORMED_JSON']);
      }
    });

    it('When the body is valid JSON but no object (null, a string, a number), then 400 naming the body, not "not valid JSON"', async () => {
      const { api, keys } = ctx();
      for (const raw of ['null', '"just a string"', '42', 'true']) {
        const a = await api.call('PUT', '/v1/organizations/kt', { key: keys.admin, raw, headers: { 'content-type': 'application/json' } });
        expect([a.status, codeOf(a)], raw).toEqual([400, 'VALIDATION_FAILED']);
        expect((a.body as { errors: { path: string; message: string }[] }).errors, raw).toEqual([{ path: 'body', message: 'must be a JSON object' }]);
      }
    });

    it('When the body is not JSON, then 415; when it is missing, then 400', async () => {
      const { api, keys } = ctx();
      const text = await api.call('POST', '/v1/introductions', { key: keys.admin, raw: 'a=kt&b=ksf', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect([text.status, codeOf(text)]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      const none = await api.call('POST', '/v1/introductions', { key: keys.admin });
      expect([none.status, codeOf(none)]).toEqual([400, 'VALIDATION_FAILED']);
    });

    it('When a path segment is not valid percent-encoding, then 400 VALIDATION_FAILED naming the path, not 500', async () => {
      const { api, keys } = ctx();
      for (const [method, path] of [
        ['GET', '/v1/organizations/%E0%A4%A/matches'],
        ['GET', '/v1/organizations/%E0%A4%A'],
        ['GET', '/v1/introductions/%FF'],
        ['GET', '/v1/sectors/%C3/funnel'],
      ] as const) {
        const a = await api.call(method, path, { key: keys.admin });
        expect([a.status, codeOf(a)], path).toEqual([400, 'VALIDATION_FAILED']);
        expect((a.body as { errors: { path: string }[] }).errors.map((e) => e.path), path).toEqual(['path']);
      }
    });

    it('When a compressed body does not decompress as its Content-Encoding says, then 400 VALIDATION_FAILED naming the body, not 500', async () => {
      const { api, keys } = ctx();
      const json = Buffer.from(JSON.stringify({ query: 'machine vision' }));
      const cases: [string, string, Uint8Array][] = [
        ['gzip', 'garbage', Buffer.from('garbage')],
        ['br', 'garbage', Buffer.from('garbage')],
        ['deflate', 'garbage', Buffer.from('garbage')],
        ['gzip', 'cut short', gzipSync(json).subarray(0, 12)],
        ['gzip', 'brotli data', brotliCompressSync(json)],
      ];
      for (const [encoding, what, raw] of cases) {
        const a = await api.call('POST', '/v1/search', { key: keys.memberKt, raw, headers: { 'content-type': 'application/json', 'content-encoding': encoding } });
        expect([a.status, codeOf(a)], `${encoding}: ${what}`).toEqual([400, 'VALIDATION_FAILED']);
        expect((a.body as { errors: { path: string }[] }).errors.map((e) => e.path), `${encoding}: ${what}`).toEqual(['body']);
      }
      // the same encodings done right are read as usual
      for (const [encoding, raw] of [['gzip', gzipSync(json)], ['br', brotliCompressSync(json)], ['deflate', deflateSync(json)]] as const) {
        const ok = await api.call('POST', '/v1/search', { key: keys.memberKt, raw, headers: { 'content-type': 'application/json', 'content-encoding': encoding } });
        expect(ok.status, `${encoding}: ${ok.text}`).toBe(200);
      }
    });

    it('When a JSON body is over 1 MB, then 413 PAYLOAD_TOO_LARGE', async () => {
      const { api, keys } = ctx();
      const body = { id: 'kt', name: { en: 'KT' }, type: 'large_company', description: 'x'.repeat(1_100_000) };
      const a = await api.call('PUT', '/v1/organizations/kt', { key: keys.admin, body });
      expect([a.status, codeOf(a)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    });

    it('When a request comes without a key and with a large body, then 401 before the body is read', async () => {
      const { api } = ctx();
      const a = await api.call('POST', '/v1/imports', { raw: `{"organizations": [${'1,'.repeat(5_000_000)}1]}`, headers: { 'content-type': 'application/json' } });
      expect(a.status).toBe(401);
    });
  });
}
