import { describe, expect, it } from 'vitest';
import { MatchListSchema, OpportunityListSchema, SearchResultSchema, TeamResultSchema } from '../../../src/api/responses-matching.js';
import type { Ctx, SuiteContext } from '../api-suite.js';
import { codeOf } from '../harness.js';

const matchIds = (body: unknown): string[] => MatchListSchema.parse(body).matches.map((m) => m.id);

export function matchingSuite(ctx: Ctx): void {
  describe('GET /v1/organizations/:id/matches', () => {
    it('When an admin asks for KT’s matches, then scored matches with components and two-sided explanations come back, existing partners left out', async () => {
      const { api, keys } = ctx();
      const a = await api.call('GET', '/v1/organizations/kt/matches', { key: keys.admin });
      expect(a.status, a.text).toBe(200);
      const body = MatchListSchema.parse(a.body);
      expect(body.organization).toBe('kt');
      expect(body.modelVersion).not.toBe('');
      expect(body.matches.length).toBeGreaterThan(0);
      expect(body.matches.map((m) => m.id)).not.toContain('ksf'); // the MOU partner
      expect(body.matches.map((m) => m.id)).not.toContain('kt');
      const first = body.matches[0];
      expect(first?.explanation?.whyThem.ko).not.toBe('');
      expect(first?.explanation?.whyYou.en).not.toBe('');
      const network = body.matches.find((m) => m.id === 'yonsei')?.explanation?.reasons.find((r) => r.kind === 'network');
      expect(network?.kind === 'network' ? network.paths.map((p) => p.via) : []).toEqual(['ksf']);
      const scores = body.matches.map((m) => m.score);
      expect([...scores].sort((x, y) => y - x)).toEqual(scores);
      expect(body.matches.every((m) => m.alreadyPartners === undefined)).toBe(true);
      // with existing partners included, each is marked with what they did together; the others are not
      const all = MatchListSchema.parse((await api.call('GET', '/v1/organizations/kt/matches?includeExisting=true', { key: keys.admin })).body);
      expect(all.matches.find((m) => m.id === 'ksf')?.alreadyPartners).toEqual(['mou']);
      expect(all.matches.filter((m) => m.alreadyPartners !== undefined).map((m) => m.id)).toEqual(['ksf']);
    });

    it('When filtered by types and limited, then only those types come, at most the limit; a huge limit is capped', async () => {
      const { api, keys } = ctx();
      const sme = MatchListSchema.parse((await api.call('GET', '/v1/organizations/kt/matches?types=sme,university&limit=2', { key: keys.admin })).body);
      expect(sme.matches.length).toBeLessThanOrEqual(2);
      expect(sme.matches.every((m) => m.type === 'sme' || m.type === 'university')).toBe(true);
      expect((await api.call('GET', '/v1/organizations/kt/matches?limit=99999', { key: keys.admin })).status).toBe(200);
      for (const qs of ['types=robot', 'limit=0', 'includeExisting=yes', 'sectors=A%20B', 'region=x']) {
        expect(codeOf(await api.call('GET', `/v1/organizations/kt/matches?${qs}`, { key: keys.admin })), qs).toBe('VALIDATION_FAILED');
      }
    });

    it('When a member asks for its own matches, then 200; for another organisation, then 403; a coordinator outside its sectors: 403', async () => {
      const { api, keys } = ctx();
      expect((await api.call('GET', '/v1/organizations/kt/matches', { key: keys.memberKt })).status).toBe(200);
      expect(codeOf(await api.call('GET', '/v1/organizations/wizcore/matches', { key: keys.memberKt }))).toBe('FORBIDDEN');
      expect(codeOf(await api.call('GET', '/v1/organizations/kt/matches', { key: keys.coordBio }))).toBe('FORBIDDEN');
      expect((await api.call('GET', '/v1/organizations/yonsei/matches', { key: keys.coordAi })).status).toBe(200);
      expect(codeOf(await api.call('GET', '/v1/organizations/nobody/matches', { key: keys.admin }))).toBe('NOT_FOUND');
    });

    it('When an introduction is declined, then the pair is no longer suggested to either side', async () => {
      const { api, keys } = ctx();
      expect(matchIds((await api.call('GET', '/v1/organizations/kt/matches?limit=50', { key: keys.admin })).body)).toContain('yonsei');
      const proposed = await api.call('POST', '/v1/introductions', { key: keys.coordAi, body: { a: 'kt', b: 'yonsei' } });
      const id = (proposed.body as { id: string }).id;
      expect((await api.call('PATCH', `/v1/introductions/${id}`, { key: keys.memberKt, body: { status: 'declined' } })).status).toBe(200);
      expect(matchIds((await api.call('GET', '/v1/organizations/kt/matches?limit=50', { key: keys.admin })).body)).not.toContain('yonsei');
      expect(matchIds((await api.call('GET', '/v1/organizations/yonsei/matches?limit=50', { key: keys.admin })).body)).not.toContain('kt');
    });

    it('When a profile is written through the API, then the next matches reflect it', async () => {
      const { api, keys } = ctx();
      expect(matchIds((await api.call('GET', '/v1/organizations/kt/matches?limit=50', { key: keys.admin })).body)).not.toContain('footfall-ai');
      const body = { id: 'footfall-ai', name: { en: 'Footfall AI' }, type: 'startup', sectors: ['ai'], needs: ['telecom big data', '유동인구 데이터'] };
      expect((await api.call('PUT', '/v1/organizations/footfall-ai', { key: keys.admin, body })).status).toBe(201);
      expect(matchIds((await api.call('GET', '/v1/organizations/kt/matches?limit=50', { key: keys.admin })).body)).toContain('footfall-ai');
    });
  });

  describe('repeated matches (answers are kept until the next write)', () => {
    const ktMatches = (c: SuiteContext) => c.api.call('GET', '/v1/organizations/kt/matches?limit=50', { key: c.keys.admin });
    const yonsei = { id: 'yonsei', name: { en: 'Yonsei University' }, type: 'university', sectors: ['ai', 'smart_manufacturing'], offers: ['cloud image learning platform', 'machine vision research'], needs: ['telecom big data'] };

    it('When the same matches are asked twice, then the same answer comes, with the same headers as any JSON answer', async () => {
      const c = ctx();
      const [a, b] = [await ktMatches(c), await ktMatches(c)];
      expect(a.status).toBe(200);
      expect(b.text).toBe(a.text);
      expect(b.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(b.headers.get('x-content-type-options')).toBe('nosniff');
      expect(b.headers.get('x-request-id')).not.toBe(a.headers.get('x-request-id'));
    });

    it('When a partner opts out and back in through the API, then each next answer reflects it at once', async () => {
      const c = ctx();
      expect(matchIds((await ktMatches(c)).body)).toContain('yonsei');
      expect((await c.api.call('PUT', '/v1/organizations/yonsei', { key: c.keys.admin, body: { ...yonsei, optedOut: true } })).status).toBe(200);
      expect(matchIds((await ktMatches(c)).body)).not.toContain('yonsei');
      expect((await c.api.call('PUT', '/v1/organizations/yonsei', { key: c.keys.admin, body: yonsei })).status).toBe(200);
      expect(matchIds((await ktMatches(c)).body)).toContain('yonsei');
    });

    it('When an introduction is proposed, then matches stay; once it is declined, the very next answer drops the pair', async () => {
      const c = ctx();
      const before = await ktMatches(c);
      expect(matchIds(before.body)).toContain('yonsei');
      const proposed = await c.api.call('POST', '/v1/introductions', { key: c.keys.coordAi, body: { a: 'yonsei', b: 'kt' } });
      expect(proposed.status).toBe(201);
      expect(matchIds((await ktMatches(c)).body)).toEqual(matchIds(before.body));
      const id = (proposed.body as { id: string }).id;
      expect((await c.api.call('PATCH', `/v1/introductions/${id}`, { key: c.keys.memberKt, body: { status: 'declined' } })).status).toBe(200);
      expect(matchIds((await ktMatches(c)).body)).not.toContain('yonsei');
    });

    it('When an import adds a collaboration with a candidate, then the next answer leaves the new partner out', async () => {
      const c = ctx();
      expect(matchIds((await ktMatches(c)).body)).toContain('yonsei');
      const imported = await c.api.call('POST', '/v1/imports', { key: c.keys.admin, body: { collaborations: [{ a: 'kt', b: 'yonsei', kind: 'joint_rnd', year: 2024 }] } });
      expect(imported.status, imported.text).toBe(200);
      expect(matchIds((await ktMatches(c)).body)).not.toContain('yonsei');
    });
  });

  describe('POST /v1/search and /v1/teams', () => {
    it('When any key searches in Korean, then results with the matched terms come back', async () => {
      const { api, keys } = ctx();
      const a = await api.call('POST', '/v1/search', { key: keys.memberWiz, body: { query: '유동인구 데이터', limit: 5 } });
      expect(a.status, a.text).toBe(200);
      const body = SearchResultSchema.parse(a.body);
      expect(body.results[0]?.id).toBe('kt');
      expect(body.results[0]?.explanation.matched.length).toBeGreaterThan(0);
    });

    it('When the search body is wrong, then 400 naming the field', async () => {
      const { api, keys } = ctx();
      for (const body of [{}, { query: '' }, { query: 'x', limit: 'ten' }, { query: 'x', types: ['robot'] }, { query: 'x', page: 2 }, { query: 'x'.repeat(2001) }]) {
        expect(codeOf(await api.call('POST', '/v1/search', { key: keys.admin, body })), JSON.stringify(body).slice(0, 40)).toBe('VALIDATION_FAILED');
      }
      expect((await api.call('POST', '/v1/search', { key: keys.admin, body: { query: 'data', limit: 10_000 } })).status).toBe(200);
    });

    it('When a team is asked for free-text needs or an own organisation, then members with reasons; another organisation: 403', async () => {
      const { api, keys } = ctx();
      const byText = await api.call('POST', '/v1/teams', { key: keys.memberWiz, body: { needs: 'telecom big data; university research' } });
      expect(byText.status, byText.text).toBe(200);
      const team = TeamResultSchema.parse(byText.body);
      expect(team.needs.map((n) => n.need)).toEqual(['telecom big data', 'university research']);
      for (const m of team.members) expect(m.explanation.reason.en).not.toBe('');
      expect((await api.call('POST', '/v1/teams', { key: keys.memberWiz, body: { organization: 'wizcore' } })).status).toBe(200);
      expect(codeOf(await api.call('POST', '/v1/teams', { key: keys.memberWiz, body: { organization: 'kt' } }))).toBe('FORBIDDEN');
      expect(codeOf(await api.call('POST', '/v1/teams', { key: keys.admin, body: { organization: 'kt', needs: 'x' } }))).toBe('VALIDATION_FAILED');
      expect(codeOf(await api.call('POST', '/v1/teams', { key: keys.admin, body: {} }))).toBe('VALIDATION_FAILED');
    });
  });

  describe('GET /v1/sectors/:sector/opportunities', () => {
    it('When a coordinator asks for its sector, then cross-type pairs not yet connected come back; other roles and sectors: 403', async () => {
      const { api, keys } = ctx();
      const a = await api.call('GET', '/v1/sectors/ai/opportunities?limit=5', { key: keys.coordAi });
      expect(a.status, a.text).toBe(200);
      const body = OpportunityListSchema.parse(a.body);
      expect(body.pairs.length).toBeGreaterThan(0);
      expect(body.pairs.length).toBeLessThanOrEqual(5);
      for (const p of body.pairs) {
        expect(p.a.type).not.toBe(p.b.type);
        expect([p.a.id, p.b.id].sort()).not.toEqual(['ksf', 'kt']);
      }
      expect(codeOf(await api.call('GET', '/v1/sectors/ai/opportunities', { key: keys.coordBio }))).toBe('FORBIDDEN');
      expect(codeOf(await api.call('GET', '/v1/sectors/ai/opportunities', { key: keys.memberKt }))).toBe('FORBIDDEN');
      expect(codeOf(await api.call('GET', '/v1/sectors/ai/opportunities?limit=x', { key: keys.admin }))).toBe('VALIDATION_FAILED');
      expect((await api.call('GET', '/v1/sectors/ai/opportunities?limit=', { key: keys.admin })).status).toBe(200);
    });

    it('When a pair gets an introduction (proposed, or carried through to closed), then the board no longer offers it', async () => {
      const { api, keys } = ctx();
      const pairsOf = async () =>
        OpportunityListSchema.parse((await api.call('GET', '/v1/sectors/ai/opportunities?limit=50', { key: keys.coordAi })).body).pairs.map((p) => [p.a.id, p.b.id].sort().join('+'));
      const footfall = { id: 'footfall-ai', name: { en: 'Footfall AI' }, type: 'startup', sectors: ['ai'], offers: ['machine vision'], needs: ['telecom big data', '유동인구 데이터'] };
      expect((await api.call('PUT', '/v1/organizations/footfall-ai', { key: keys.admin, body: footfall })).status).toBe(201);
      const before = await pairsOf();
      expect(before).toEqual(expect.arrayContaining(['kt+yonsei', 'footfall-ai+kt']));

      expect((await api.call('POST', '/v1/introductions', { key: keys.coordAi, body: { a: 'yonsei', b: 'kt' } })).status).toBe(201);
      const closed = await api.call('POST', '/v1/introductions', { key: keys.coordAi, body: { a: 'kt', b: 'footfall-ai' } });
      const id = (closed.body as { id: string }).id;
      for (const body of [{ status: 'accepted' }, { status: 'met' }, { status: 'closed', outcome: 'none' }]) {
        expect((await api.call('PATCH', `/v1/introductions/${id}`, { key: keys.coordAi, body })).status).toBe(200);
      }

      const after = await pairsOf();
      expect(after).not.toContain('kt+yonsei');
      expect(after).not.toContain('footfall-ai+kt');
      expect(after).toEqual(before.filter((p) => p !== 'kt+yonsei' && p !== 'footfall-ai+kt'));
    });
  });
}
