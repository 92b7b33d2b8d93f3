/** What only the Neo4j adapter has to show: its schema, parameter-only Cypher, chunked atomic batches, outages. */
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asOrgId, isAppError, type Organization } from '../../src/domain/index.js';
import { createNeo4jStore, type Neo4jStore } from '../../src/store/neo4j/index.js';
import { orgToProps } from '../../src/store/neo4j/mapping.js';
import { freePort } from '../../scripts/neo4j/start.mjs';
import { collab, org } from '../fixtures/builders.js';
import { describeWithNeo4j } from '../setup/neo4j.js';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
  return 'no error';
}

describeWithNeo4j('Neo4j adapter', (uri) => {
  let store: Neo4jStore;
  beforeAll(async () => {
    store = await createNeo4jStore({ uri });
  });
  afterAll(async () => {
    await store.close();
  });
  beforeEach(async () => {
    await store.clear();
  });

  it('creates the uniqueness constraints at start, and a second start is a no-op', async () => {
    const again = await createNeo4jStore({ uri });
    await again.close();
    const driver = neo4j.driver(uri);
    try {
      const { records } = await driver.executeQuery(
        'SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties RETURN type, labelsOrTypes[0] AS on, properties[0] AS prop',
      );
      const found = records.map((r) => `${r.get('on') as string}.${r.get('prop') as string} ${r.get('type') as string}`).sort();
      expect(found).toEqual([
        'ApiKey.hash UNIQUENESS',
        'ApiKey.id UNIQUENESS',
        'DigestDelivery.key UNIQUENESS',
        'InnomatchChange.id UNIQUENESS',
        'Introduction.id UNIQUENESS',
        'Organization.id UNIQUENESS',
        'Programme.id UNIQUENESS',
      ]);
    } finally {
      await driver.close();
    }
  });

  it('stores Cypher-looking text literally and filters by it without running it', async () => {
    const attack = `x'}) MATCH (n) DETACH DELETE n WITH 1 AS x CREATE (:Pwned) //`;
    const victim = org('victim');
    const nasty = org('nasty.id_-1', {
      name: { ko: `" OR 1=1 }]->() ${attack}`, en: attack },
      description: `$rows {rows} \`Organization\` ${attack}`,
      region: `') RETURN 1 //`,
      offers: [attack, '\\u0027; DROP'],
    });
    await store.applyBatch({ organizations: [victim, nasty], collaborations: [collab('victim', 'nasty.id_-1', { evidence: attack })] });
    expect(await store.getOrganization(asOrgId('nasty.id_-1'))).toEqual(nasty);
    expect(await store.getOrganization(asOrgId('victim'))).toEqual(victim);
    expect((await store.listOrganizations({ q: attack.toUpperCase() })).map((o) => o.id)).toEqual(['nasty.id_-1']);
    expect(await store.listOrganizations({ region: `x') OR true //` })).toEqual([]);
    expect((await store.allCollaborations())[0]?.evidence).toBe(attack);
    expect((await store.stats()).organizations).toBe(2);
  });

  it('writes nothing of a batch larger than one UNWIND chunk with a bad reference; re-applying a good one counts exactly', async () => {
    const orgs: Organization[] = Array.from({ length: 6_000 }, (_, i) => org(`o${String(i).padStart(5, '0')}`));
    const bad = { organizations: orgs, collaborations: [collab('o00001', 'o05999'), collab('o00002', 'ghost')] };
    expect(await codeOf(store.applyBatch(bad))).toBe('UNKNOWN_REFERENCE');
    expect((await store.stats()).organizations).toBe(0);

    const good = { organizations: orgs, collaborations: [collab('o00001', 'o05999')] };
    expect((await store.applyBatch(good)).organizations).toEqual({ created: 6_000, updated: 0, unchanged: 0 });
    const again = await store.applyBatch({ ...good, organizations: [...orgs.slice(0, 5_999), org('o05999', { needs: ['x'] })] });
    expect(again.organizations).toEqual({ created: 0, updated: 1, unchanged: 5_999 });
    expect(again.collaborations).toEqual({ created: 0, updated: 0, unchanged: 1 });
    const page = await store.listOrganizations({ after: asOrgId('o04999'), limit: 2 });
    expect(page.map((o) => o.id)).toEqual(['o05000', 'o05001']);
  }, 180_000);

  it('counts a row repeated within one batch against its earlier copy', async () => {
    const r = await store.applyBatch({ organizations: [org('d'), org('d'), org('d', { region: '서울' })] });
    expect(r.organizations).toEqual({ created: 1, updated: 1, unchanged: 1 });
    expect((await store.getOrganization(asOrgId('d')))?.region).toBe('서울');
  });

  it('creates a collaboration once when concurrent imports of stored organisations race to create it', async () => {
    await store.applyBatch({ organizations: [org('ra'), org('rb'), org('rc')] });
    const batch = { collaborations: [collab('ra', 'rb'), collab('rb', 'rc'), collab('rc', 'ra', { kind: 'poc' })] };
    const results = await Promise.all(Array.from({ length: 4 }, () => store.applyBatch(batch)));
    expect(results.every((r) => r.collaborations.created + r.collaborations.unchanged === 3)).toBe(true);
    // each collaboration is reported created by exactly the import that created it
    expect(results.reduce((sum, r) => sum + r.collaborations.created, 0)).toBe(3);
    expect((await store.stats()).collaborations).toBe(3);
    expect((await store.applyBatch(batch)).collaborations).toEqual({ created: 0, updated: 0, unchanged: 3 });
  });

  it('creates new organisations and their collaborations once when concurrent imports of the same batch race', async () => {
    const batch = {
      organizations: [org('na'), org('nb'), org('nc')],
      collaborations: [collab('na', 'nb'), collab('nb', 'nc'), collab('nc', 'na', { kind: 'poc' }), collab('nb', 'na')],
    };
    const results = await Promise.all(Array.from({ length: 4 }, () => store.applyBatch(batch)));
    expect(results.every((r) => r.collaborations.created + r.collaborations.unchanged === 4)).toBe(true);
    const stats = await store.stats();
    expect([stats.organizations, stats.collaborations]).toEqual([3, 3]);
    expect((await store.applyBatch(batch)).collaborations).toEqual({ created: 0, updated: 0, unchanged: 4 });
  });

  it('stores organisations given as text as that text, and counts them against objects regardless of key order', async () => {
    const a = org('ta', { name: { ko: '가나', en: 'Ta' }, region: '대전', founded: 1999, contacts: [{ name: '김', email: 'k@ta.example', locale: 'ko', digest: true }] });
    const b = org('tb', { sectors: ['ai', 'bio_health'] });
    const reversed = (o: Organization) => Object.fromEntries(Object.entries(o).reverse());
    const text = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));
    const first = await store.applyEncodedBatch({
      organizations: [{ id: a.id, text: text(reversed(a)) }, b],
      collaborations: [collab('ta', 'tb')],
    });
    expect(first.organizations).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(await store.getOrganization(a.id)).toEqual(a);
    expect(await store.listOrganizations({ region: '대전', q: '가나' })).toEqual([a]);
    expect(await store.applyBatch({ organizations: [a, b], collaborations: [collab('tb', 'ta')] })).toEqual({
      organizations: { created: 0, updated: 0, unchanged: 2 },
      collaborations: { created: 0, updated: 0, unchanged: 1 },
      programmes: { created: 0, updated: 0, unchanged: 0 },
    });
    const moved = await store.applyEncodedBatch({ organizations: [{ id: b.id, text: text({ ...b, region: '부산' }) }] });
    expect(moved.organizations).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect((await store.getOrganization(b.id))?.region).toBe('부산');
  });

  it('keeps as node properties only what queries filter on, beside the profile and its fingerprint', async () => {
    await store.applyBatch({ organizations: [org('p', { website: 'https://p.example', technologies: ['t'] })] });
    const driver = neo4j.driver(uri);
    try {
      const { records } = await driver.executeQuery('MATCH (o:Organization {id: "p"}) RETURN keys(o) AS keys');
      expect([...(records[0]?.get('keys') as string[])].sort()).toEqual(['fingerprint', 'id', 'name_en', 'profile', 'sectors', 'type']);
    } finally {
      await driver.close();
    }
  });

  it('creates a new organisation with every property the mapping writes, with the same values', async () => {
    const full = org('full', { name: { ko: '가득', en: 'Full' }, region: '대전', sectors: ['ai', 'bio_health'] });
    await store.applyBatch({ organizations: [full] });
    const driver = neo4j.driver(uri);
    try {
      const { records } = await driver.executeQuery('MATCH (o:Organization {id: "full"}) RETURN properties(o) AS p');
      expect(records[0]?.get('p')).toEqual(orgToProps(full));
    } finally {
      await driver.close();
    }
  });

  it('reads an organisation stored as flat properties (before profiles were kept whole) and rewrites it on upsert', async () => {
    const old = org('legacy', { name: { ko: '옛', en: 'Old' }, region: '서울', contacts: [{ name: 'L', email: 'l@x.example', locale: 'en', digest: false }] });
    const driver = neo4j.driver(uri);
    try {
      await driver.executeQuery('CREATE (o:Organization) SET o = $p', {
        p: {
          id: old.id, name_ko: '옛', name_en: 'Old', type: old.type, sectors: old.sectors, region: '서울', description: old.description,
          technologies: old.technologies, offers: old.offers, needs: old.needs, contacts: JSON.stringify(old.contacts),
          optedOut: false, fingerprint: 'an-old-fingerprint',
        },
      });
      expect(await store.getOrganization(old.id)).toEqual(old);
      expect((await store.applyBatch({ organizations: [old] })).organizations).toEqual({ created: 0, updated: 1, unchanged: 0 });
      const { records } = await driver.executeQuery('MATCH (o:Organization {id: "legacy"}) RETURN keys(o) AS keys');
      expect(records[0]?.get('keys') as string[]).not.toContain('description');
      expect(await store.getOrganization(old.id)).toEqual(old);
    } finally {
      await driver.close();
    }
  });

  it('keeps on a collaboration only its kind, year and evidence (absent evidence as ""): the ends and those identify it', async () => {
    await store.applyBatch({ organizations: [org('ca'), org('cb')], collaborations: [collab('ca', 'cb', { kind: 'mou' }), collab('cb', 'ca', { year: 2020, evidence: 'E' })] });
    const driver = neo4j.driver(uri);
    try {
      const { records } = await driver.executeQuery('MATCH ()-[r:COLLABORATED]->() RETURN properties(r) AS p ORDER BY r.kind');
      expect(records.map((r) => r.get('p') as unknown)).toEqual([
        { kind: 'joint_rnd', year: 2020, evidence: 'E' },
        { kind: 'mou', evidence: '' },
      ]);
    } finally {
      await driver.close();
    }
  });

  it('migrates collaborations written with a key property (schema version 1) at start, and marks the database version 2', async () => {
    await store.applyBatch({ organizations: [org('ma'), org('mb')] });
    const driver = neo4j.driver(uri);
    try {
      // the version-1 layout: a key property, and absent evidence as no property; no schema marker
      await driver.executeQuery(
        `MATCH (a:Organization {id: 'ma'}), (b:Organization {id: 'mb'})
         CREATE (a)-[:COLLABORATED {key: $mou, kind: 'mou', year: 2019}]->(b)
         CREATE (b)-[:COLLABORATED {key: $poc, kind: 'poc', evidence: 'E'}]->(a)
         WITH 1 AS x OPTIONAL MATCH (m:InnomatchSchema) DELETE m`,
        { mou: 'ma\u0000mb\u0000mou\u0000', poc: 'ma\u0000mb\u0000poc\u0000E' },
      );
      const reopened = await createNeo4jStore({ uri });
      try {
        const again = await reopened.applyBatch({ collaborations: [collab('mb', 'ma', { kind: 'mou', year: 2019 }), collab('ma', 'mb', { kind: 'poc', evidence: 'E' })] });
        expect(again.collaborations).toEqual({ created: 0, updated: 0, unchanged: 2 });
        expect(await reopened.allCollaborations()).toEqual([
          { a: 'ma', b: 'mb', kind: 'mou', year: 2019 },
          { a: 'mb', b: 'ma', kind: 'poc', evidence: 'E' },
        ]);
      } finally {
        await reopened.close();
      }
      const { records } = await driver.executeQuery('MATCH ()-[r:COLLABORATED]->() WHERE r.key IS NOT NULL RETURN count(r) AS n');
      expect(Number(records[0]?.get('n'))).toBe(0);
      const marker = await driver.executeQuery('MATCH (m:InnomatchSchema) RETURN m.version AS v');
      expect(marker.records.map((r) => Number(r.get('v')))).toEqual([2]);
    } finally {
      await driver.close();
    }
  });

  it('re-ingests collaborations of organisations stored in the flat layout (no fingerprint) without duplicating them', async () => {
    const driver = neo4j.driver(uri);
    try {
      const flat = (id: string) => ({
        id, name_en: id, type: 'sme', sectors: ['ai'], description: '', technologies: [], offers: [], needs: [], contacts: '[]', optedOut: false,
      });
      await driver.executeQuery(
        `CREATE (a:Organization) SET a = $a CREATE (b:Organization) SET b = $b CREATE (a)-[:COLLABORATED {kind: 'mou', evidence: '', year: 2019}]->(b)`,
        { a: flat('fa'), b: flat('fb') },
      );
    } finally {
      await driver.close();
    }
    const r = await store.applyBatch({ organizations: [org('fa'), org('fb')], collaborations: [collab('fa', 'fb', { kind: 'mou', year: 2019 })] });
    expect(r.organizations).toEqual({ created: 0, updated: 2, unchanged: 0 });
    expect(r.collaborations).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect((await store.stats()).collaborations).toBe(1);
  });

  it('names NEO4J_DATABASE, as a configuration error, when the database does not exist or is the system database', async () => {
    for (const database of ['nope', 'system']) {
      let error: unknown;
      try {
        const s = await createNeo4jStore({ uri, database });
        await s.stats().finally(() => s.close());
      } catch (e) {
        error = e;
      }
      expect(isAppError(error) ? [error.code, error.message] : error, database).toEqual(['CONFIG_INVALID', expect.stringContaining('NEO4J_DATABASE') as unknown]);
    }
  });

  it('drops a field that an update no longer has', async () => {
    await store.applyBatch({ organizations: [org('f', { region: '부산', founded: 2001, website: 'https://f.example' })] });
    await store.applyBatch({ organizations: [org('f')] });
    expect(await store.getOrganization(asOrgId('f'))).toEqual(org('f'));
  });
});

describe('Neo4j adapter without a server', () => {
  it('answers STORE_UNAVAILABLE within seconds when nothing listens, and never hangs', async () => {
    const uri = `bolt://127.0.0.1:${await freePort()}`;
    const started = Date.now();
    const store = await createNeo4jStore({ uri, maxRetryTimeMs: 1000 });
    try {
      expect(await codeOf(store.ping())).toBe('STORE_UNAVAILABLE');
      expect(await codeOf(store.getOrganization(asOrgId('kt')))).toBe('STORE_UNAVAILABLE');
      expect(await codeOf(store.applyBatch({ organizations: [org('kt')] }))).toBe('STORE_UNAVAILABLE');
    } finally {
      await store.close();
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('answers ping with STORE_UNAVAILABLE at once, without the retry budget', async () => {
    const store = await createNeo4jStore({ uri: `bolt://127.0.0.1:${await freePort()}`, maxRetryTimeMs: 0 });
    try {
      const started = Date.now();
      expect(await codeOf(store.ping())).toBe('STORE_UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await store.close();
    }
  });
});
