import { describe, expect, it } from 'vitest';
import { FunnelSchema, IntroductionListSchema, IntroductionResponseSchema } from '../../../src/api/responses.js';
import type { Ctx } from '../api-suite.js';
import { codeOf, type TestApi } from '../harness.js';

async function propose(api: TestApi, key: string, a: string, b: string): Promise<string> {
  const r = await api.call('POST', '/v1/introductions', { key, body: { a, b, note: `${a} meets ${b}` } });
  expect(r.status, r.text).toBe(201);
  return IntroductionResponseSchema.parse(r.body).id;
}

const move = (api: TestApi, key: string, id: string, body: Record<string, unknown>) => api.call('PATCH', `/v1/introductions/${id}`, { key, body });

export function introductionsSuite(ctx: Ctx): void {
  describe('POST /v1/introductions', () => {
    it('When a coordinator proposes a pair in its sector, then 201 with Location, the proposer and both sides’ sectors', async () => {
      const { api, keys } = ctx();
      const r = await api.call('POST', '/v1/introductions', { key: keys.coordAi, body: { a: 'kt', b: 'yonsei', note: 'data × vision', reasons: ['KT data'] } });
      expect(r.status).toBe(201);
      const intro = IntroductionResponseSchema.parse(r.body);
      expect(intro).toMatchObject({ a: 'kt', b: 'yonsei', status: 'proposed', proposedBy: keys.ids.coordAi, sectors: ['ai', 'smart_manufacturing'], note: 'data × vision' });
      expect(r.headers.get('location')).toBe(`/v1/introductions/${intro.id}`);
      expect(IntroductionResponseSchema.parse((await api.call('GET', `/v1/introductions/${intro.id}`, { key: keys.memberKt })).body).id).toBe(intro.id);
    });

    it('When a coordinator proposes a pair entirely outside its sectors, or a member a pair without itself, then 403', async () => {
      const { api, keys } = ctx();
      expect(codeOf(await api.call('POST', '/v1/introductions', { key: keys.coordBio, body: { a: 'kt', b: 'ksf' } }))).toBe('FORBIDDEN');
      expect(codeOf(await api.call('POST', '/v1/introductions', { key: keys.memberKt, body: { a: 'wizcore', b: 'daesun' } }))).toBe('FORBIDDEN');
      expect((await api.call('POST', '/v1/introductions', { key: keys.memberKt, body: { a: 'wizcore', b: 'kt' } })).status).toBe(201);
    });

    it('When the pair is the same organisation, unknown, already open, or the body is wrong, then 400 / 422 / 409 / 400', async () => {
      const { api, keys } = ctx();
      expect(codeOf(await api.call('POST', '/v1/introductions', { key: keys.admin, body: { a: 'kt', b: 'kt' } }))).toBe('VALIDATION_FAILED');
      expect(codeOf(await api.call('POST', '/v1/introductions', { key: keys.admin, body: { a: 'kt', b: 'nobody' } }))).toBe('UNKNOWN_REFERENCE');
      await propose(api, keys.admin, 'kt', 'ksf');
      expect(codeOf(await api.call('POST', '/v1/introductions', { key: keys.admin, body: { a: 'ksf', b: 'kt' } }))).toBe('CONFLICT');
      expect(codeOf(await api.call('POST', '/v1/introductions', { key: keys.admin, body: { a: 'kt', b: 'yonsei', by: 'me' } }))).toBe('VALIDATION_FAILED');
      expect(codeOf(await api.call('POST', '/v1/introductions', { key: keys.admin, body: { a: 1, b: 'yonsei' } }))).toBe('VALIDATION_FAILED');
    });

    it('When six proposals of the same pair race, then exactly one is created and the other five get 409 CONFLICT', async () => {
      const { api, keys, store } = ctx();
      const bodies = Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? { a: 'kt', b: 'yonsei' } : { a: 'yonsei', b: 'kt' }));
      const answers = await Promise.all(bodies.map((body) => api.call('POST', '/v1/introductions', { key: keys.coordAi, body })));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      expect(answers.filter((a) => a.status === 409).every((a) => codeOf(a) === 'CONFLICT')).toBe(true);
      const created = IntroductionResponseSchema.parse(answers.find((a) => a.status === 201)?.body);
      expect((await store.listIntroductions({ orgId: 'kt' as never })).map((i) => i.id)).toEqual([created.id]);
    });

    it('When a proposal names one organisation twice, then the 400 names body.b like every other body field', async () => {
      const { api, keys } = ctx();
      const a = await api.call('POST', '/v1/introductions', { key: keys.admin, body: { a: 'kt', b: 'kt' } });
      expect([a.status, codeOf(a)]).toEqual([400, 'VALIDATION_FAILED']);
      expect((a.body as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['body.b']);
    });
  });

  describe('PATCH /v1/introductions/:id', () => {
    it('When moved proposed → accepted → met → closed with an outcome, then each step is recorded in the history', async () => {
      const { api, keys } = ctx();
      const id = await propose(api, keys.coordAi, 'kt', 'ksf');
      expect((await move(api, keys.memberKt, id, { status: 'accepted' })).status).toBe(200);
      expect((await move(api, keys.coordAi, id, { status: 'met', reason: 'met at the forum' })).status).toBe(200);
      const closed = await move(api, keys.coordAi, id, { status: 'closed', outcome: 'mou' });
      expect(closed.status).toBe(200);
      const intro = IntroductionResponseSchema.parse(closed.body);
      expect(intro).toMatchObject({ status: 'closed', outcome: 'mou' });
      expect(intro.history.map((h) => h.status)).toEqual(['proposed', 'accepted', 'met', 'closed']);
      expect(intro.history[2]).toMatchObject({ by: keys.ids.coordAi, reason: 'met at the forum' });
    });

    it('When a transition is not allowed, then 409 ILLEGAL_TRANSITION and nothing changes', async () => {
      const { api, keys, store } = ctx();
      const id = await propose(api, keys.admin, 'kt', 'ksf');
      const skip = await move(api, keys.admin, id, { status: 'met' });
      expect([skip.status, codeOf(skip)]).toEqual([409, 'ILLEGAL_TRANSITION']);
      expect((await move(api, keys.admin, id, { status: 'declined', reason: 'no fit' })).status).toBe(200);
      expect(codeOf(await move(api, keys.admin, id, { status: 'accepted' }))).toBe('ILLEGAL_TRANSITION');
      expect((await store.getIntroduction(id as never))?.status).toBe('declined');
    });

    it('When a pair is declined, then the decline is stored for the match service to exclude the pair', async () => {
      const { api, keys, store } = ctx();
      const id = await propose(api, keys.coordAi, 'kt', 'yonsei');
      expect((await move(api, keys.memberKt, id, { status: 'declined', reason: 'not now' })).status).toBe(200);
      const declined = await store.listIntroductions({ status: 'declined' });
      expect(declined.map((i) => [i.a, i.b])).toEqual([['kt', 'yonsei']]);
      // a declined pair may be proposed again later (it is no longer open)
      expect((await api.call('POST', '/v1/introductions', { key: keys.coordAi, body: { a: 'yonsei', b: 'kt' } })).status).toBe(201);
    });

    it('When the body is wrong (proposed, bad outcome, outcome without closing, closing without outcome, unknown field), then 400', async () => {
      const { api, keys } = ctx();
      const id = await propose(api, keys.admin, 'kt', 'ksf');
      for (const body of [{ status: 'proposed' }, { status: 'accepted', outcome: 'mou' }, { status: 'done' }, { status: 'accepted', at: 'now' }, {}]) {
        const a = await move(api, keys.admin, id, body);
        expect([a.status, codeOf(a)], JSON.stringify(body)).toEqual([400, 'VALIDATION_FAILED']);
      }
      await move(api, keys.admin, id, { status: 'accepted' });
      await move(api, keys.admin, id, { status: 'met' });
      expect(codeOf(await move(api, keys.admin, id, { status: 'closed' }))).toBe('VALIDATION_FAILED');
      expect(codeOf(await move(api, keys.admin, id, { status: 'closed', outcome: 'merger' }))).toBe('VALIDATION_FAILED');
    });

    it('When closing comes without an outcome, or an outcome without closing, then the 400 names body.outcome', async () => {
      const { api, keys } = ctx();
      const id = await propose(api, keys.admin, 'kt', 'ksf');
      const early = await move(api, keys.admin, id, { status: 'accepted', outcome: 'mou' });
      expect((early.body as { errors: { path: string; message: string }[] }).errors).toEqual([{ path: 'body.outcome', message: 'is allowed only when status is closed' }]);
      await move(api, keys.admin, id, { status: 'accepted' });
      await move(api, keys.admin, id, { status: 'met' });
      const bare = await move(api, keys.admin, id, { status: 'closed' });
      expect([bare.status, codeOf(bare)]).toEqual([400, 'VALIDATION_FAILED']);
      expect((bare.body as { errors: { path: string; message: string }[] }).errors).toEqual([{ path: 'body.outcome', message: 'is required when status is closed' }]);
    });

    it('When the id is unknown or the caller is outside the introduction, then 404 / 403', async () => {
      const { api, keys } = ctx();
      expect(codeOf(await move(api, keys.admin, 'intro-missing', { status: 'accepted' }))).toBe('NOT_FOUND');
      expect(codeOf(await move(api, keys.admin, 'bad id!', { status: 'accepted' }))).toBe('VALIDATION_FAILED');
      const id = await propose(api, keys.coordAi, 'kt', 'ksf');
      expect(codeOf(await move(api, keys.coordBio, id, { status: 'accepted' }))).toBe('FORBIDDEN');
      expect(codeOf(await move(api, keys.memberWiz, id, { status: 'accepted' }))).toBe('FORBIDDEN');
      expect(codeOf(await api.call('GET', `/v1/introductions/${id}`, { key: keys.memberWiz }))).toBe('FORBIDDEN');
    });

    it('When many PATCHes of one introduction race, then exactly one move from each status wins and the history is a legal chain', async () => {
      const { api, keys, store } = ctx();
      const same = await propose(api, keys.admin, 'kt', 'ksf');
      const accepts = await Promise.all(Array.from({ length: 12 }, () => move(api, keys.admin, same, { status: 'accepted' })));
      expect(accepts.filter((a) => a.status === 200)).toHaveLength(1);
      expect(accepts.filter((a) => codeOf(a) === 'ILLEGAL_TRANSITION')).toHaveLength(11);

      // accepted and declined mixed: proposed → accepted → declined is legal, so up to two may win, in that order
      const mixed = await propose(api, keys.admin, 'wizcore', 'daesun');
      const statuses = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 'accepted' : 'declined'));
      const answers = await Promise.all(statuses.map((status) => move(api, keys.admin, mixed, { status })));
      const won = answers.filter((a) => a.status === 200).map((a) => IntroductionResponseSchema.parse(a.body).status);
      expect(answers.filter((a) => a.status !== 200).every((a) => codeOf(a) === 'ILLEGAL_TRANSITION')).toBe(true);
      const stored = await store.getIntroduction(mixed as never);
      const history = stored?.history.map((h) => h.status) ?? [];
      expect(history.slice(1).sort()).toEqual([...won].sort());
      expect([['proposed', 'declined'], ['proposed', 'accepted', 'declined']]).toContainEqual(history);
      expect(stored?.status).toBe(history.at(-1));
    });
  });

  describe('GET /v1/introductions and the sector funnel', () => {
    const world = async (ctx: Ctx) => {
      const { api, keys } = ctx();
      const ktKsf = await propose(api, keys.coordAi, 'kt', 'ksf'); // ai
      const wizDae = await propose(api, keys.admin, 'wizcore', 'daesun'); // smart_manufacturing
      const bio = await propose(api, keys.coordBio, 'biolab', 'yonsei'); // bio_health + ai + smart_manufacturing
      await move(api, keys.admin, ktKsf, { status: 'accepted' });
      await move(api, keys.admin, ktKsf, { status: 'met' });
      await move(api, keys.admin, ktKsf, { status: 'closed', outcome: 'joint_rnd' });
      await move(api, keys.admin, bio, { status: 'declined' });
      return { ktKsf, wizDae, bio };
    };

    it('When each role lists introductions, then it sees only its own scope', async () => {
      const { api, keys } = ctx();
      const { ktKsf, wizDae, bio } = await world(ctx);
      const ids = async (key: string, qs = '') => IntroductionListSchema.parse((await api.call('GET', `/v1/introductions${qs}`, { key })).body).items.map((i) => i.id);
      expect((await ids(keys.admin)).sort()).toEqual([ktKsf, wizDae, bio].sort());
      expect((await ids(keys.coordAi)).sort()).toEqual([ktKsf, bio].sort());
      expect(await ids(keys.coordBio)).toEqual([bio]);
      expect(await ids(keys.memberKt)).toEqual([ktKsf]);
      expect(await ids(keys.memberWiz)).toEqual([wizDae]);
      expect(await ids(keys.admin, '?status=declined')).toEqual([bio]);
      expect(await ids(keys.admin, '?sector=smart_manufacturing&status=proposed')).toEqual([wizDae]);
      expect(codeOf(await api.call('GET', '/v1/introductions?sector=smart_manufacturing', { key: keys.coordAi }))).toBe('FORBIDDEN');
      expect(codeOf(await api.call('GET', '/v1/introductions?status=lost', { key: keys.admin }))).toBe('VALIDATION_FAILED');
    });

    it('When a coordinator asks for its sector’s funnel, then it counts each stage reached', async () => {
      const { api, keys } = ctx();
      await world(ctx);
      const a = await api.call('GET', '/v1/sectors/ai/funnel', { key: keys.coordAi });
      expect(a.status).toBe(200);
      expect(FunnelSchema.parse(a.body)).toEqual({
        sector: 'ai',
        proposed: 2,
        accepted: 1,
        declined: 1,
        met: 1,
        closed: 1,
        open: 0,
        outcomes: { mou: 0, joint_rnd: 1, tech_transfer: 0, none: 0 },
      });
    });

    it('When a member or a coordinator of another sector asks for a funnel, then 403', async () => {
      const { api, keys } = ctx();
      expect(codeOf(await api.call('GET', '/v1/sectors/ai/funnel', { key: keys.memberKt }))).toBe('FORBIDDEN');
      expect(codeOf(await api.call('GET', '/v1/sectors/ai/funnel', { key: keys.coordBio }))).toBe('FORBIDDEN');
      expect(codeOf(await api.call('GET', '/v1/sectors/Not%20A%20Slug/funnel', { key: keys.admin }))).toBe('VALIDATION_FAILED');
    });
  });
}
