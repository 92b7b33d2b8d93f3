import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asIntroductionId, asOrgId, isAppError, type DigestDelivery } from '../../src/domain/index.js';
import type { GraphStore } from '../../src/store/graph-store.js';
import { collab, introduction, org, programme } from '../fixtures/builders.js';

export interface ContractTarget {
  /** Opens the store under test (empty or not: the suite clears it before each test). */
  open(): Promise<GraphStore>;
  /** Closes `store` and opens it again on the same data, as after a restart. */
  reopen(store: GraphStore): Promise<GraphStore>;
}

const id = asOrgId;

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
  return 'no error';
}

/**
 * The one behaviour every GraphStore adapter must show. Run by test/store/embedded-contract.test.ts and
 * test/store/neo4j-contract.test.ts.
 */
export function runGraphStoreContract(name: string, target: ContractTarget): void {
  describe(`GraphStore contract: ${name}`, () => {
    let store: GraphStore;
    beforeAll(async () => {
      store = await target.open();
    });
    afterAll(async () => {
      await store.close();
    });
    beforeEach(async () => {
      await store.clear();
    });

    const network = () => ({
      organizations: [
        org('kt', { type: 'large_company', name: { ko: 'KT', en: 'KT Corporation' }, region: '경기', sectors: ['ai'] }),
        org('ksf', { type: 'association', name: { ko: '코리아스타트업포럼' }, sectors: ['ai'] }),
        org('wizcore', { type: 'sme', sectors: ['smart_manufacturing'], region: '서울' }),
        org('autonics', { type: 'large_company', sectors: ['smart_manufacturing'], region: '부산' }),
        org('daesun', { type: 'sme', name: { ko: '대선주조' }, sectors: ['smart_manufacturing'], region: '부산' }),
        org('yonsei', { type: 'university', sectors: ['ai', 'smart_manufacturing'], region: '서울' }),
      ],
      collaborations: [
        collab('kt', 'ksf', { kind: 'mou', year: 2020, evidence: 'MOU 2020-11' }),
        collab('wizcore', 'daesun', { kind: 'poc', year: 2020, evidence: '5G TF' }),
        collab('autonics', 'daesun', { kind: 'poc', year: 2020, evidence: '5G TF' }),
        collab('yonsei', 'daesun', { kind: 'joint_rnd', year: 2020, evidence: '5G TF' }),
        collab('wizcore', 'yonsei', { kind: 'joint_rnd', year: 2021, evidence: 'cloud vision' }),
      ],
      programmes: [programme('icon-2020', ['kt', 'ksf', 'wizcore'], { sectors: ['ai'] })],
    });

    describe('organisations', () => {
      it('stores a batch and gives back exactly what went in', async () => {
        const batch = network();
        const result = await store.applyBatch(batch);
        expect(result.organizations).toEqual({ created: 6, updated: 0, unchanged: 0 });
        expect(result.collaborations).toEqual({ created: 5, updated: 0, unchanged: 0 });
        expect(result.programmes).toEqual({ created: 1, updated: 0, unchanged: 0 });
        expect(await store.getOrganization(id('kt'))).toEqual(batch.organizations[0]);
        expect(await store.getOrganization(id('nobody'))).toBeUndefined();
      });

      it('is idempotent: the same batch again changes nothing and duplicates nothing', async () => {
        await store.applyBatch(network());
        const again = await store.applyBatch(network());
        expect(again.organizations).toEqual({ created: 0, updated: 0, unchanged: 6 });
        expect(again.collaborations).toEqual({ created: 0, updated: 0, unchanged: 5 });
        expect(again.programmes).toEqual({ created: 0, updated: 0, unchanged: 1 });
        const stats = await store.stats();
        expect(stats.organizations).toBe(6);
        expect(stats.collaborations).toBe(5);
        expect(stats.programmes).toBe(1);
      });

      it('counts an upsert with a changed field as an update and keeps the new value', async () => {
        await store.applyBatch(network());
        const changed = org('kt', { type: 'large_company', name: { en: 'KT' }, needs: ['AI startups'] });
        const r = await store.applyBatch({ organizations: [changed] });
        expect(r.organizations).toEqual({ created: 0, updated: 1, unchanged: 0 });
        expect((await store.getOrganization(id('kt')))?.needs).toEqual(['AI startups']);
        expect((await store.getOrganization(id('kt')))?.name).toEqual({ en: 'KT' });
      });

      it('rejects a batch naming an unknown organisation and writes none of it', async () => {
        const code = await codeOf(
          store.applyBatch({ organizations: [org('a1')], collaborations: [collab('a1', 'ghost')] }),
        );
        expect(code).toBe('UNKNOWN_REFERENCE');
        expect(await store.getOrganization(id('a1'))).toBeUndefined();
        expect((await store.stats()).organizations).toBe(0);
      });

      it('accepts a collaboration with an organisation stored by an earlier batch', async () => {
        await store.applyBatch({ organizations: [org('x1')] });
        await store.applyBatch({ organizations: [org('x2')], collaborations: [collab('x1', 'x2')] });
        expect((await store.partnersOf(id('x1'))).map((p) => p.id)).toEqual(['x2']);
      });

      it('lists by id with type, sector, region and name filters and keyset paging', async () => {
        await store.applyBatch(network());
        const ids = (orgs: { id: string }[]) => orgs.map((o) => o.id);
        expect(ids(await store.listOrganizations())).toEqual(['autonics', 'daesun', 'ksf', 'kt', 'wizcore', 'yonsei']);
        expect(ids(await store.listOrganizations({ types: ['sme'] }))).toEqual(['daesun', 'wizcore']);
        expect(ids(await store.listOrganizations({ types: ['sme', 'university'] }))).toEqual(['daesun', 'wizcore', 'yonsei']);
        expect(ids(await store.listOrganizations({ sectors: ['ai'] }))).toEqual(['ksf', 'kt', 'yonsei']);
        expect(ids(await store.listOrganizations({ region: '부산' }))).toEqual(['autonics', 'daesun']);
        expect(ids(await store.listOrganizations({ q: '대선' }))).toEqual(['daesun']);
        // typed in decomposed jamo (NFD, as some systems produce), it finds the same names
        expect(ids(await store.listOrganizations({ q: '대선'.normalize('NFD') }))).toEqual(['daesun']);
        expect(ids(await store.listOrganizations({ region: '부산'.normalize('NFD') }))).toEqual(['autonics', 'daesun']);
        expect(ids(await store.listOrganizations({ q: 'corporation' }))).toEqual(['kt']);
        const page1 = await store.listOrganizations({ limit: 4 });
        expect(ids(page1)).toEqual(['autonics', 'daesun', 'ksf', 'kt']);
        const page2 = await store.listOrganizations({ limit: 4, after: page1.at(-1)?.id });
        expect(ids(page2)).toEqual(['wizcore', 'yonsei']);
        expect(await store.listOrganizations({ limit: 4, after: id('yonsei') })).toEqual([]);
        expect(ids(await store.allOrganizations())).toEqual(ids(await store.listOrganizations()));
      });

      it('finds a profile written in decomposed jamo (NFD) by composed text', async () => {
        await store.applyBatch({ organizations: [org('nfd', { name: { ko: '한빛정밀'.normalize('NFD') }, region: '대전'.normalize('NFD') })] });
        expect((await store.listOrganizations({ q: '한빛' })).map((o) => o.id)).toEqual(['nfd']);
        expect((await store.listOrganizations({ region: '대전' })).map((o) => o.id)).toEqual(['nfd']);
      });

      it('finds a region by any of its names: Korean or English, a province with its cities, a city by either name', async () => {
        await store.applyBatch({
          organizations: [
            org('r1', { region: '서울' }),
            org('r2', { region: 'Seoul' }),
            org('r3', { region: '경기 성남' }),
            org('r4', { region: 'Pangyo' }),
            org('r5', { region: 'Seongnam' }),
            org('r6', { region: '경기 수원' }),
            org('r7', { region: '부산광역시 해운대구' }),
            org('r8'),
          ],
        });
        const ids = async (region: string) => (await store.listOrganizations({ region })).map((o) => o.id);
        expect(await ids('서울')).toEqual(['r1', 'r2']);
        expect(await ids('SEOUL ')).toEqual(['r1', 'r2']);
        expect(await ids('경기')).toEqual(['r3', 'r4', 'r5', 'r6']);
        expect(await ids('Gyeonggi-do')).toEqual(['r3', 'r4', 'r5', 'r6']);
        expect(await ids('성남')).toEqual(['r3', 'r5']);
        expect(await ids('busan')).toEqual(['r7']);
        expect(await ids('해운대구')).toEqual(['r7']);
        expect(await ids('경기 수원')).toEqual(['r6']);
        expect(await ids('Atlantis')).toEqual([]);
      });

      it('finds which of a list of ids exist', async () => {
        await store.applyBatch(network());
        expect([...(await store.existingIds([id('kt'), id('ghost'), id('yonsei')]))].sort()).toEqual(['kt', 'yonsei']);
      });

      it('deletes an organisation with its collaborations', async () => {
        await store.applyBatch(network());
        expect(await store.deleteOrganization(id('daesun'))).toBe(true);
        expect(await store.deleteOrganization(id('daesun'))).toBe(false);
        expect(await store.getOrganization(id('daesun'))).toBeUndefined();
        expect((await store.partnersOf(id('wizcore'))).map((p) => p.id)).toEqual(['yonsei']);
        expect((await store.stats()).collaborations).toBe(2);
      });

      it('stores text with quotes, braces and Cypher-looking content literally', async () => {
        const nasty = org('nasty', {
          description: `"}) MATCH (n) DETACH DELETE n //\n' OR 1=1 -- {$x} \u0000 한국어`,
          offers: ['`backtick`', '${template}'],
        });
        await store.applyBatch({ organizations: [nasty] });
        expect(await store.getOrganization(id('nasty'))).toEqual(nasty);
      });
    });

    describe('collaborations and the graph around an organisation', () => {
      it('lists partners with the number of collaborations and their kinds', async () => {
        await store.applyBatch({
          ...network(),
          collaborations: [
            ...network().collaborations,
            collab('wizcore', 'daesun', { kind: 'joint_rnd', year: 2021, evidence: 'follow-up' }),
          ],
        });
        expect(await store.partnersOf(id('daesun'))).toEqual([
          { id: 'autonics', weight: 1, kinds: ['poc'] },
          { id: 'wizcore', weight: 2, kinds: ['joint_rnd', 'poc'] },
          { id: 'yonsei', weight: 1, kinds: ['joint_rnd'] },
        ]);
        expect(await store.partnersOf(id('nobody'))).toEqual([]);
      });

      it('treats a collaboration as undirected: a→b and b→a with the same evidence are one', async () => {
        await store.applyBatch(network());
        const r = await store.applyBatch({ collaborations: [collab('ksf', 'kt', { kind: 'mou', year: 2020, evidence: 'MOU 2020-11' })] });
        expect(r.collaborations).toEqual({ created: 0, updated: 0, unchanged: 1 });
      });

      it('updates the year of a collaboration given again with another year, and counts it as one tie', async () => {
        await store.applyBatch(network());
        const fixed = await store.applyBatch({ collaborations: [collab('ksf', 'kt', { kind: 'mou', year: 2021, evidence: 'MOU 2020-11' })] });
        expect(fixed.collaborations).toEqual({ created: 0, updated: 1, unchanged: 0 });
        expect((await store.collaborationsOf(id('kt'))).map((c) => c.year)).toEqual([2021]);
        expect(await store.partnersOf(id('kt'))).toEqual([{ id: 'ksf', weight: 1, kinds: ['mou'] }]);
        expect((await store.stats()).collaborations).toBe(5);
        // within one batch the last copy lands (earlier copies count as unchanged), and the same batch again changes nothing
        const copies = { collaborations: [collab('kt', 'wizcore', { kind: 'poc', year: 2022 }), collab('wizcore', 'kt', { kind: 'poc', year: 2024 }), collab('kt', 'wizcore', { kind: 'poc', year: 2023 })] };
        expect((await store.applyBatch(copies)).collaborations).toEqual({ created: 1, updated: 0, unchanged: 2 });
        expect((await store.collaborationsOf(id('wizcore'))).find((c) => c.kind === 'poc' && (c.a === 'kt' || c.b === 'kt'))?.year).toBe(2023);
        expect((await store.applyBatch(copies)).collaborations).toEqual({ created: 0, updated: 0, unchanged: 3 });
        const again = await store.applyBatch({ collaborations: [collab('ksf', 'kt', { kind: 'mou', year: 2021, evidence: 'MOU 2020-11' })] });
        expect(again.collaborations).toEqual({ created: 0, updated: 0, unchanged: 1 });
      });

      it('treats an empty evidence as none: the same collaboration, kept without it', async () => {
        await store.applyBatch(network());
        const first = await store.applyBatch({ collaborations: [collab('kt', 'yonsei', { kind: 'poc', year: 2022, evidence: '' })] });
        expect(first.collaborations).toEqual({ created: 1, updated: 0, unchanged: 0 });
        const again = await store.applyBatch({ collaborations: [collab('yonsei', 'kt', { kind: 'poc', year: 2022 }), collab('kt', 'yonsei', { kind: 'poc', evidence: 'x' })] });
        expect(again.collaborations).toEqual({ created: 1, updated: 0, unchanged: 1 });
        const between = (await store.collaborationsOf(id('kt'))).filter((c) => c.b === 'yonsei' || c.a === 'yonsei');
        expect(between.sort((x, y) => (x.evidence ?? '').localeCompare(y.evidence ?? ''))).toEqual([
          { a: 'kt', b: 'yonsei', kind: 'poc', year: 2022 },
          { a: 'kt', b: 'yonsei', kind: 'poc', evidence: 'x' },
        ]);
      });

      it('finds shared partners of two organisations', async () => {
        await store.applyBatch(network());
        expect(await store.sharedPartners(id('wizcore'), id('autonics'))).toEqual(['daesun']);
        expect(await store.sharedPartners(id('wizcore'), id('daesun'))).toEqual(['yonsei']);
        expect(await store.sharedPartners(id('kt'), id('daesun'))).toEqual([]);
      });

      it('lists all collaborations and those of one organisation', async () => {
        await store.applyBatch(network());
        expect(await store.allCollaborations()).toHaveLength(5);
        const ofYonsei = await store.collaborationsOf(id('yonsei'));
        expect(ofYonsei.map((c) => [c.a, c.b].sort().join('+')).sort()).toEqual(['daesun+yonsei', 'wizcore+yonsei']);
        expect(ofYonsei.find((c) => c.evidence === 'cloud vision')?.year).toBe(2021);
      });

      it('lists programmes and who took part', async () => {
        await store.applyBatch(network());
        expect((await store.programmesOf(id('ksf'))).map((p) => p.id)).toEqual(['icon-2020']);
        expect(await store.programmesOf(id('daesun'))).toEqual([]);
        expect(await store.allProgrammes()).toEqual(network().programmes);
      });
    });

    describe('introductions', () => {
      beforeEach(async () => {
        await store.applyBatch(network());
      });

      it('creates, reads and lists introductions by status, sector and organisation', async () => {
        await store.createIntroduction(introduction('i1', 'kt', 'ksf'));
        await store.createIntroduction(introduction('i2', 'daesun', 'yonsei', { sectors: ['smart_manufacturing'], createdAt: '2026-11-02T09:00:00.000Z' }));
        expect((await store.getIntroduction(asIntroductionId('i1')))?.b).toBe('ksf');
        expect((await store.listIntroductions()).map((i) => i.id)).toEqual(['i1', 'i2']);
        expect((await store.listIntroductions({ sector: 'smart_manufacturing' })).map((i) => i.id)).toEqual(['i2']);
        expect((await store.listIntroductions({ orgId: id('yonsei') })).map((i) => i.id)).toEqual(['i2']);
        expect(await store.listIntroductions({ status: 'met' })).toEqual([]);
      });

      it('refuses a duplicate id and an unknown organisation', async () => {
        await store.createIntroduction(introduction('i1', 'kt', 'ksf'));
        expect(await codeOf(store.createIntroduction(introduction('i1', 'kt', 'ksf')))).toBe('CONFLICT');
        expect(await codeOf(store.createIntroduction(introduction('i3', 'kt', 'ghost')))).toBe('UNKNOWN_REFERENCE');
      });

      it('lets exactly one of several concurrent creations of the same pair succeed; the others get CONFLICT while it is open', async () => {
        const racers = Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? introduction(`race-${i}`, 'kt', 'yonsei') : introduction(`race-${i}`, 'yonsei', 'kt')));
        const outcomes = await Promise.allSettled(racers.map((r) => store.createIntroduction(r)));
        const won = outcomes.filter((o): o is PromiseFulfilledResult<Awaited<ReturnType<GraphStore['createIntroduction']>>> => o.status === 'fulfilled');
        expect(won).toHaveLength(1);
        for (const o of outcomes) if (o.status === 'rejected') expect(isAppError(o.reason) && o.reason.code).toBe('CONFLICT');
        expect((await store.listIntroductions({ orgId: id('kt') })).map((i) => i.id)).toEqual([won[0]?.value.id]);
        // other pairs, even sharing one side, are not held up
        await store.createIntroduction(introduction('other', 'kt', 'daesun'));
      });

      it('refuses a second introduction of a pair while one is proposed, accepted or met; after declined or closed it may be proposed again', async () => {
        const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T00:00:00.000Z`;
        await store.createIntroduction(introduction('i1', 'kt', 'yonsei'));
        for (const [day, status] of [[3, 'accepted'], [4, 'met']] as const) {
          expect(await codeOf(store.createIntroduction(introduction(`again-${status}`, 'yonsei', 'kt'))), 'while proposed/accepted').toBe('CONFLICT');
          await store.updateIntroduction(asIntroductionId('i1'), { status, by: 'x', at: at(day) });
        }
        expect(await codeOf(store.createIntroduction(introduction('again-met', 'kt', 'yonsei')))).toBe('CONFLICT');
        await store.updateIntroduction(asIntroductionId('i1'), { status: 'closed', outcome: 'none', by: 'x', at: at(5) });
        await store.createIntroduction(introduction('i2', 'yonsei', 'kt'));
        await store.updateIntroduction(asIntroductionId('i2'), { status: 'declined', by: 'x', at: at(6) });
        await store.createIntroduction(introduction('i3', 'kt', 'yonsei'));
        expect((await store.listIntroductions({ orgId: id('yonsei') })).map((i) => [i.id, i.status])).toEqual([
          ['i1', 'closed'],
          ['i2', 'declined'],
          ['i3', 'proposed'],
        ]);
      });

      it('moves along allowed transitions and records each step', async () => {
        await store.createIntroduction(introduction('i1', 'kt', 'ksf'));
        const iid = asIntroductionId('i1');
        await store.updateIntroduction(iid, { status: 'accepted', by: 'kt', at: '2026-11-03T00:00:00.000Z' });
        await store.updateIntroduction(iid, { status: 'met', by: 'coordinator-1', at: '2026-11-10T00:00:00.000Z' });
        const closed = await store.updateIntroduction(iid, {
          status: 'closed',
          outcome: 'mou',
          by: 'coordinator-1',
          at: '2026-11-20T00:00:00.000Z',
          reason: 'MOU signed',
        });
        expect(closed.status).toBe('closed');
        expect(closed.outcome).toBe('mou');
        expect(closed.history.map((h) => h.status)).toEqual(['proposed', 'accepted', 'met', 'closed']);
        expect(await store.getIntroduction(iid)).toEqual(closed);
      });

      it('refuses illegal transitions and unknown introductions, leaving the record as it was', async () => {
        await store.createIntroduction(introduction('i1', 'kt', 'ksf'));
        const iid = asIntroductionId('i1');
        expect(await codeOf(store.updateIntroduction(iid, { status: 'met', by: 'x', at: '2026-11-03T00:00:00.000Z' }))).toBe('ILLEGAL_TRANSITION');
        expect(await codeOf(store.updateIntroduction(asIntroductionId('nope'), { status: 'accepted', by: 'x', at: '2026-11-03T00:00:00.000Z' }))).toBe('NOT_FOUND');
        expect((await store.getIntroduction(iid))?.status).toBe('proposed');
      });

      it('lets exactly one of two concurrent, conflicting transitions win', async () => {
        await store.createIntroduction(introduction('i1', 'kt', 'ksf'));
        const iid = asIntroductionId('i1');
        const at = '2026-11-03T00:00:00.000Z';
        const outcomes = await Promise.allSettled([
          store.updateIntroduction(iid, { status: 'declined', by: 'ksf', at }),
          store.updateIntroduction(iid, { status: 'accepted', by: 'kt', at }),
          store.updateIntroduction(iid, { status: 'declined', by: 'kt', at }),
        ]);
        const ok = outcomes.filter((o) => o.status === 'fulfilled');
        const final = await store.getIntroduction(iid);
        // declined is final, accepted → declined is allowed: so either [declined] alone, or [accepted, declined].
        expect(final?.status).toBe('declined');
        expect(final?.history.length).toBe(1 + ok.length);
      });
    });

    describe('digest log', () => {
      const delivery = (over: Partial<DigestDelivery> = {}): DigestDelivery => ({
        orgId: id('kt'),
        email: 'a@example.com',
        week: '2026-W48',
        items: [id('ksf')],
        status: 'pending',
        messageId: '<kt.a.2026-W48@innomatch>',
        attempts: 1,
        updatedAt: '2026-11-23T08:00:00.000Z',
        ...over,
      });

      it('keeps one record per (organisation, e-mail, week), replaced on write', async () => {
        await store.applyBatch(network());
        await store.putDelivery(delivery());
        await store.putDelivery(delivery({ status: 'sent', attempts: 1 }));
        await store.putDelivery(delivery({ week: '2026-W47', status: 'sent' }));
        await store.putDelivery(delivery({ orgId: id('yonsei'), status: 'failed', error: '550 no such user' }));
        expect(await store.getDelivery(id('kt'), 'a@example.com', '2026-W48')).toEqual(delivery({ status: 'sent' }));
        expect(await store.getDelivery(id('kt'), 'b@example.com', '2026-W48')).toBeUndefined();
        expect(await store.listDeliveries({ orgId: id('kt') })).toHaveLength(2);
        expect(await store.listDeliveries({ week: '2026-W48' })).toHaveLength(2);
        expect(await store.listDeliveries({ fromWeek: '2026-W48', orgId: id('kt') })).toHaveLength(1);
        expect((await store.listDeliveries({ status: 'failed' }))[0]?.error).toBe('550 no such user');
      });
    });

    describe('API keys', () => {
      it('finds a key by its hash only', async () => {
        await store.applyBatch(network());
        const key = { id: 'k1', hash: 'h'.repeat(64), role: 'member' as const, sectors: [], orgId: id('kt'), createdAt: '2026-11-01T00:00:00.000Z' };
        await store.putApiKey(key);
        expect(await store.findApiKeyByHash('h'.repeat(64))).toEqual(key);
        expect(await store.findApiKeyByHash('x'.repeat(64))).toBeUndefined();
      });
    });

    describe('the change marker', () => {
      it('moves with every write matching reads (profiles, ties, introductions), and not with deliveries or keys', async () => {
        const moves = async (write: () => Promise<unknown>): Promise<boolean> => {
          const before = await store.changeMarker();
          await write();
          return (await store.changeMarker()) !== before;
        };
        expect(await moves(() => store.applyBatch(network()))).toBe(true);
        expect(await moves(() => store.applyBatch({ collaborations: [collab('kt', 'yonsei', { kind: 'poc' })] }))).toBe(true);
        expect(await moves(() => store.createIntroduction(introduction('m1', 'kt', 'daesun')))).toBe(true);
        expect(await moves(() => store.updateIntroduction(asIntroductionId('m1'), { status: 'declined', by: 'x', at: '2026-11-03T00:00:00.000Z' }))).toBe(true);
        expect(await moves(() => store.deleteOrganization(id('ksf')))).toBe(true);
        const delivery: DigestDelivery = { orgId: id('kt'), email: 'a@example.com', week: '2026-W48', items: [], status: 'sent', messageId: '<m@x>', attempts: 1, updatedAt: '2026-11-23T08:00:00.000Z' };
        expect(await moves(() => store.putDelivery(delivery))).toBe(false);
        expect(await moves(() => store.putApiKey({ id: 'k9', hash: 'z'.repeat(64), role: 'admin', sectors: [], createdAt: '2026-11-01T00:00:00.000Z' }))).toBe(false);
      });
    });

    describe('durability', () => {
      it('still has every acknowledged write after a restart', async () => {
        await store.applyBatch(network());
        await store.createIntroduction(introduction('i1', 'kt', 'ksf'));
        await store.updateIntroduction(asIntroductionId('i1'), { status: 'accepted', by: 'kt', at: '2026-11-03T00:00:00.000Z' });
        await store.deleteOrganization(id('autonics'));
        const before = {
          orgs: await store.allOrganizations(),
          collabs: (await store.allCollaborations()).length,
          intro: await store.getIntroduction(asIntroductionId('i1')),
          stats: await store.stats(),
        };
        store = await target.reopen(store);
        expect(await store.allOrganizations()).toEqual(before.orgs);
        expect((await store.allCollaborations()).length).toBe(before.collabs);
        expect(await store.getIntroduction(asIntroductionId('i1'))).toEqual(before.intro);
        expect(await store.stats()).toEqual(before.stats);
      });

      it('answers ping while it is up', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });
  });
}
