import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { DirectoryPageSchema, ImportReportSchema, PublicOrganizationSchema } from '../../../src/api/responses.js';
import type { Ctx } from '../api-suite.js';
import { codeOf } from '../harness.js';

const profile = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: { en: `Profile ${id}` }, type: 'startup', sectors: ['ai'], ...extra });

export function organizationsSuite(ctx: Ctx): void {
  describe('GET /v1/organizations (directory)', () => {
    it('When filtered by type, sector and name, then only matching summaries come back, in id order', async () => {
      const { api, keys } = ctx();
      const all = DirectoryPageSchema.parse((await api.call('GET', '/v1/organizations', { key: keys.memberKt })).body);
      expect(all.items.map((o) => o.id)).toEqual(['biolab', 'daesun', 'ksf', 'kt', 'wizcore', 'yonsei']);
      expect(all.nextCursor).toBeUndefined();
      const sme = DirectoryPageSchema.parse((await api.call('GET', '/v1/organizations?type=sme&sector=smart_manufacturing', { key: keys.coordAi })).body);
      expect(sme.items.map((o) => o.id)).toEqual(['daesun', 'wizcore']);
      const two = DirectoryPageSchema.parse((await api.call('GET', '/v1/organizations?type=university&type=association', { key: keys.coordAi })).body);
      expect(two.items.map((o) => o.id)).toEqual(['ksf', 'yonsei']);
      const named = DirectoryPageSchema.parse((await api.call('GET', `/v1/organizations?q=${encodeURIComponent('대선')}`, { key: keys.coordAi })).body);
      expect(named.items.map((o) => o.id)).toEqual(['daesun']);
    });

    it('When paged with limit and cursor, then the pages join up without gaps or repeats', async () => {
      const { api, keys } = ctx();
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page++) {
        const a = await api.call('GET', `/v1/organizations?limit=4${cursor !== undefined ? `&cursor=${cursor}` : ''}`, { key: keys.admin });
        const body = DirectoryPageSchema.parse(a.body);
        seen.push(...body.items.map((o) => o.id));
        cursor = body.nextCursor;
        if (cursor === undefined) break;
      }
      expect(seen).toEqual(['biolab', 'daesun', 'ksf', 'kt', 'wizcore', 'yonsei']);
    });

    it('When limit is huge, then it is capped at 50', async () => {
      const { api, keys } = ctx();
      const rows = Array.from({ length: 60 }, (_, i) => profile(`bulk-${String(i).padStart(2, '0')}`));
      expect((await api.call('POST', '/v1/imports', { key: keys.admin, body: { organizations: rows } })).status).toBe(200);
      const a = await api.call('GET', '/v1/organizations?limit=1000000000', { key: keys.memberKt });
      expect(a.status).toBe(200);
      expect(DirectoryPageSchema.parse(a.body).items).toHaveLength(50);
    });

    it('When limit is given empty (?limit=), then the default page size applies as if it were left out', async () => {
      const { api, keys } = ctx();
      const rows = Array.from({ length: 25 }, (_, i) => profile(`bulk-${String(i).padStart(2, '0')}`));
      expect((await api.call('POST', '/v1/imports', { key: keys.admin, body: { organizations: rows } })).status).toBe(200);
      for (const qs of ['limit=', 'limit=%20', 'type=sme&limit=']) {
        const a = await api.call('GET', `/v1/organizations?${qs}`, { key: keys.memberKt });
        expect(a.status, `${qs}: ${a.text}`).toBe(200);
      }
      expect(DirectoryPageSchema.parse((await api.call('GET', '/v1/organizations?limit=', { key: keys.memberKt })).body).items).toHaveLength(20);
    });

    it('When a query parameter is wrong, unknown or repeated, then 400 names it', async () => {
      const { api, keys } = ctx();
      for (const [qs, path] of [
        ['limit=-1', 'query.limit'],
        ['limit=abc', 'query.limit'],
        ['limit=1.5', 'query.limit'],
        ['limit=1e400', 'query.limit'],
        ['type=big_company', 'query.type.0'],
        ['sector=Bio%20Health', 'query.sector.0'],
        ['cursor=%25%25%25', 'query.cursor'],
        ['colour=red', 'query.colour'],
        ['q=a&q=b', 'query.q'],
      ] as const) {
        const a = await api.call('GET', `/v1/organizations?${qs}`, { key: keys.admin });
        expect(a.status, qs).toBe(400);
        expect(codeOf(a)).toBe('VALIDATION_FAILED');
        expect((a.body as { errors: { path: string }[] }).errors.map((e) => e.path), qs).toContain(path);
      }
    });
  });

  describe('GET /v1/organizations/:id', () => {
    it('When an admin reads a profile, then contacts are included', async () => {
      const { api, keys } = ctx();
      const a = await api.call('GET', '/v1/organizations/kt', { key: keys.admin });
      expect(a.status).toBe(200);
      expect(PublicOrganizationSchema.parse(a.body).contacts).toEqual([{ name: '김비밀', email: 'secret-kt@contacts.example', locale: 'ko', digest: true }]);
    });

    it('When a member reads its own organisation, then the profile comes without contacts', async () => {
      const { api, keys } = ctx();
      const a = await api.call('GET', '/v1/organizations/kt', { key: keys.memberKt });
      expect(a.status).toBe(200);
      const body = PublicOrganizationSchema.parse(a.body);
      expect(body).toMatchObject({ id: 'kt', type: 'large_company', offers: ['유동인구 데이터', 'telecom big data'] });
      expect(body).not.toHaveProperty('contacts');
    });

    it('When a member reads another organisation (as digest mails and search results link it), then the public profile comes without contacts; an unknown id: 404', async () => {
      const { api, keys } = ctx();
      const a = await api.call('GET', '/v1/organizations/wizcore', { key: keys.memberKt });
      expect(a.status, a.text).toBe(200);
      const body = PublicOrganizationSchema.parse(a.body);
      expect(body).toMatchObject({ id: 'wizcore', type: 'sme', offers: ['5G smart factory', 'MES'] });
      expect(body).not.toHaveProperty('contacts');
      const missing = await api.call('GET', '/v1/organizations/no-such-org', { key: keys.memberKt });
      expect([missing.status, codeOf(missing)]).toEqual([404, 'NOT_FOUND']);
    });

    it('When a coordinator reads inside and outside its sectors, then 200 both times, contacts left out; the matches outside stay 403', async () => {
      const { api, keys } = ctx();
      expect((await api.call('GET', '/v1/organizations/yonsei', { key: keys.coordAi })).status).toBe(200);
      const outside = await api.call('GET', '/v1/organizations/kt', { key: keys.coordBio });
      expect(outside.status, outside.text).toBe(200);
      expect(PublicOrganizationSchema.parse(outside.body)).not.toHaveProperty('contacts');
      expect(codeOf(await api.call('GET', '/v1/organizations/kt/matches', { key: keys.coordBio }))).toBe('FORBIDDEN');
    });

    it('When the id is unknown or not a slug, then 404 and 400', async () => {
      const { api, keys } = ctx();
      const missing = await api.call('GET', '/v1/organizations/no-such-org', { key: keys.admin });
      expect([missing.status, codeOf(missing)]).toEqual([404, 'NOT_FOUND']);
      const bad = await api.call('GET', `/v1/organizations/${encodeURIComponent('a b')}`, { key: keys.admin });
      expect([bad.status, codeOf(bad)]).toEqual([400, 'VALIDATION_FAILED']);
      const long = await api.call('GET', `/v1/organizations/${'x'.repeat(65)}`, { key: keys.admin });
      expect(long.status).toBe(400);
    });
  });

  describe('organisation ids made only of dots', () => {
    /** Sends the path as it is: fetch and URL strings (like a browser) resolve `.` and `..` segments away before sending. */
    const rawPut = (url: string, path: string, key: string, body: unknown) =>
      new Promise<{ status: number; body: { code?: string; errors?: { path: string; message: string }[] } }>((resolve, reject) => {
        const { hostname, port } = new URL(url);
        const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
        const req = request({ hostname, port, path, method: 'PUT', headers }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as never }));
        });
        req.on('error', reject);
        req.end(JSON.stringify(body));
      });

    it('When an admin puts "." or "..", then 400 says why and nothing is stored', async () => {
      const { api, keys, store } = ctx();
      for (const id of ['.', '..', '...']) {
        const a = await rawPut(api.url, `/v1/organizations/${id}`, keys.admin, profile(id));
        expect([a.status, a.body.code], id).toEqual([400, 'VALIDATION_FAILED']);
        expect(a.body.errors, id).toContainEqual({ path: 'path.id', message: expect.stringMatching(/must not be only dots/) });
      }
      expect(await store.existingIds(['.', '..', '...'] as never)).toEqual(new Set());
      expect((await rawPut(api.url, '/v1/organizations/a..b', keys.admin, profile('a..b'))).status).toBe(201); // dots among other characters are fine
    });

    it('When an import or a proposal names a dots-only id, then the row or the body is refused with the same message', async () => {
      const { api, keys, store } = ctx();
      const imported = ImportReportSchema.parse((await api.call('POST', '/v1/imports', { key: keys.admin, body: { organizations: [profile('..'), profile('ok-co')] } })).body);
      expect(imported.rejected.map((r) => `${r.field}: ${r.reason}`)).toEqual([expect.stringMatching(/^id: must not be only dots/)]);
      expect(await store.existingIds(['..', 'ok-co'] as never)).toEqual(new Set(['ok-co']));
      const proposal = await api.call('POST', '/v1/introductions', { key: keys.admin, body: { a: 'kt', b: '..' } });
      expect(codeOf(proposal)).toBe('VALIDATION_FAILED');
      expect((proposal.body as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['body.b']);
    });
  });

  describe('PUT /v1/organizations/:id', () => {
    it('When an admin creates, replaces and re-sends a profile, then 201, 200, 200 and the store holds the last one', async () => {
      const { api, keys, store } = ctx();
      const first = await api.call('PUT', '/v1/organizations/newco', { key: keys.admin, body: profile('newco') });
      expect(first.status).toBe(201);
      expect(PublicOrganizationSchema.parse(first.body)).toMatchObject({ id: 'newco', contacts: [] });
      const second = await api.call('PUT', '/v1/organizations/newco', { key: keys.admin, body: profile('newco', { offers: ['vision AI'] }) });
      expect(second.status).toBe(200);
      expect((await api.call('PUT', '/v1/organizations/newco', { key: keys.admin, body: profile('newco', { offers: ['vision AI'] }) })).status).toBe(200);
      expect((await store.getOrganization('newco' as never))?.offers).toEqual(['vision AI']);
    });

    it('When a member updates its own profile without contacts, then the stored contacts are kept and not shown to it', async () => {
      const { api, keys, store } = ctx();
      const a = await api.call('PUT', '/v1/organizations/kt', {
        key: keys.memberKt,
        body: { id: 'kt', name: { ko: 'KT' }, type: 'large_company', sectors: ['ai'], needs: ['AI 스타트업'] },
      });
      expect(a.status).toBe(200);
      expect(a.body).not.toHaveProperty('contacts');
      const stored = await store.getOrganization('kt' as never);
      expect(stored?.needs).toEqual(['AI 스타트업']);
      expect(stored?.contacts.map((c) => c.email)).toEqual(['secret-kt@contacts.example']);
    });

    it('When a non-admin sends contacts, or a member writes another organisation, then 403 and nothing changes', async () => {
      const { api, keys, store } = ctx();
      const withContacts = await api.call('PUT', '/v1/organizations/kt', {
        key: keys.memberKt,
        body: { id: 'kt', name: { ko: 'KT' }, type: 'large_company', contacts: [{ name: 'x', email: 'x@example.org' }] },
      });
      expect(withContacts.status).toBe(403);
      expect((await api.call('PUT', '/v1/organizations/wizcore', { key: keys.memberKt, body: profile('wizcore') })).status).toBe(403);
      expect((await store.getOrganization('wizcore' as never))?.type).toBe('sme');
    });

    it('When a coordinator writes outside its sectors, or moves a profile out of them, then 403', async () => {
      const { api, keys } = ctx();
      expect((await api.call('PUT', '/v1/organizations/biolab', { key: keys.coordAi, body: profile('biolab', { sectors: ['ai'] }) })).status).toBe(403);
      expect((await api.call('PUT', '/v1/organizations/ksf', { key: keys.coordAi, body: profile('ksf', { sectors: ['bio_health'] }) })).status).toBe(403);
      expect((await api.call('PUT', '/v1/organizations/ksf', { key: keys.coordAi, body: profile('ksf', { sectors: ['ai', 'bio_health'] }) })).status).toBe(200);
    });

    it('When the body is wrong (id mismatch, unknown field, wrong types, missing name), then 400 naming each field', async () => {
      const { api, keys } = ctx();
      const cases: [unknown, string][] = [
        [profile('other'), 'body.id'],
        [profile('kt', { ceo: 'x' }), 'body.ceo'],
        [profile('kt', { type: 'big_company' }), 'body.type'],
        [profile('kt', { sectors: 'ai' }), 'body.sectors'],
        [profile('kt', { founded: '1981' }), 'body.founded'],
        [profile('kt', { name: {} }), 'body.name'],
        [profile('kt', { description: 'x'.repeat(100_001) }), 'body.description'],
        [[profile('kt')], 'body'],
      ];
      for (const [body, path] of cases) {
        const a = await api.call('PUT', '/v1/organizations/kt', { key: keys.admin, body });
        expect(a.status, path).toBe(400);
        expect((a.body as { errors: { path: string }[] }).errors.map((e) => e.path), path).toContain(path);
      }
    });

    it('When many writes of one organisation race, then all succeed and the stored profile is exactly one of them', async () => {
      const { api, keys, store } = ctx();
      const bodies = Array.from({ length: 20 }, (_, i) => profile('racer', { description: `version ${i}`, offers: [`offer ${i}`] }));
      const answers = await Promise.all(bodies.map((body) => api.call('PUT', '/v1/organizations/racer', { key: keys.admin, body })));
      expect(answers.every((a) => a.status === 200 || a.status === 201)).toBe(true);
      // at least one says "created"; the Neo4j adapter counts a concurrent first write as created in each
      // transaction (it reads fingerprints before MERGE without a lock), so exactly one is not asserted here
      expect(answers.filter((a) => a.status === 201).length).toBeGreaterThanOrEqual(1);
      const stored = await store.getOrganization('racer' as never);
      const i = Number(stored?.description.replace('version ', ''));
      expect(stored?.offers).toEqual([`offer ${i}`]);
      const read = PublicOrganizationSchema.parse((await api.call('GET', '/v1/organizations/racer', { key: keys.admin })).body);
      expect(read.description).toBe(`version ${i}`);
      expect((await store.listOrganizations({ q: 'racer' })).length).toBe(1);
    });
  });
}
