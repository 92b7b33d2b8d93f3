import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import type { Organization } from '../../src/domain/index.js';
import { collab, org } from '../fixtures/builders.js';

describe('embedded store files', () => {
  it('reopens a segment and a snapshot larger than one read (records cut between reads, Korean text included)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'innomatch-embedded-'));
    // 40 profiles of ~90,000 characters, a third of them 3-byte Hangul: a ~5 MB segment, more than one 4 MiB read
    const orgs = Array.from({ length: 40 }, (_, i) =>
      org(`big-${i}`, { description: `${'반도체 공정 '.repeat(7_000)}${'wafer '.repeat(8_000)}${i}`, offers: [`offer ${i}`] }),
    );
    const collabs = orgs.slice(1).map((o, i) => collab(`big-${i}`, o.id, { kind: 'joint_rnd' }));
    let store = await EmbeddedStore.open({ dataDir });
    await store.applyBatch({ organizations: orgs, collaborations: collabs });
    await store.close();
    store = await EmbeddedStore.open({ dataDir });
    expect(await store.allOrganizations()).toEqual([...orgs].sort((x, y) => (x.id < y.id ? -1 : 1)));
    expect(await store.allCollaborations()).toHaveLength(collabs.length);
    await store.compact();
    await store.close();
    expect(readdirSync(join(dataDir, 'graph')).filter((n) => n.startsWith('seg-'))).toEqual([]);
    store = await EmbeddedStore.open({ dataDir });
    expect(await store.getOrganization(orgs[17]!.id)).toEqual(orgs[17]);
    expect((await store.stats()).collaborations).toBe(collabs.length);
    await store.close();
  });

  it('refuses to open over a corrupt segment, naming the file and line', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'innomatch-embedded-'));
    const store = await EmbeddedStore.open({ dataDir });
    await store.applyBatch({ organizations: [org('a'), org('b')] });
    await store.close();
    writeFileSync(join(dataDir, 'graph', 'seg-000000000009.jsonl'), '{"t":"org","v":{"id":"c"}}\r\n{"t":"org",\n');
    await expect(EmbeddedStore.open({ dataDir })).rejects.toThrow(/seg-000000000009\.jsonl:2: the data file is corrupt/);
  });
});

describe('embedded store: organisations given as text', () => {
  const enc = new TextEncoder();
  const asText = (o: Organization, space?: number) => ({ id: o.id, text: enc.encode(JSON.stringify(o, null, space)) });

  it('stores them as given, finds the same value unchanged in any form, and keeps them across compaction and restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'innomatch-embedded-'));
    const a = org('a', { description: '반도체 검사 장비', offers: ['비전 검사'] });
    const b = org('b');
    let store = await EmbeddedStore.open({ dataDir });
    expect((await store.applyEncodedBatch({ organizations: [asText(a), b], collaborations: [collab('a', 'b')] })).organizations).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(await store.getOrganization(a.id)).toEqual(a);
    // the same bytes, the same value as an object, the same value spaced out: all unchanged
    expect((await store.applyEncodedBatch({ organizations: [asText(a), a, asText(a, 2)] })).organizations).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect((await store.applyEncodedBatch({ organizations: [asText(b)] })).organizations).toEqual({ created: 0, updated: 0, unchanged: 1 });
    const a2 = { ...a, needs: ['클라우드'] };
    expect((await store.applyEncodedBatch({ organizations: [asText(a2)] })).organizations).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(await store.listOrganizations({ q: 'a' })).toEqual([a2]);
    await store.close();
    store = await EmbeddedStore.open({ dataDir });
    expect(await store.allOrganizations()).toEqual([a2, b]);
    await store.applyEncodedBatch({ organizations: [asText(org('c'))] });
    await store.compact();
    await store.close();
    store = await EmbeddedStore.open({ dataDir });
    expect(await store.allOrganizations()).toEqual([a2, b, org('c')]);
    expect(await store.partnersOf(b.id)).toEqual([{ id: 'a', weight: 1, kinds: ['joint_rnd'] }]);
    await store.close();
  });

  it('keeps the neighbour maps right when collaborations come before and after the first graph query', async () => {
    const store = await EmbeddedStore.open({ dataDir: mkdtempSync(join(tmpdir(), 'innomatch-embedded-')) });
    await store.applyBatch({ organizations: [org('a'), org('b'), org('c')], collaborations: [collab('a', 'b')] });
    expect(await store.sharedPartners('a' as never, 'c' as never)).toEqual([]);
    await store.applyBatch({ collaborations: [collab('c', 'b', { kind: 'mou' }), collab('a', 'b', { kind: 'poc', evidence: 'x' })] });
    expect(await store.partnersOf('b' as never)).toEqual([
      { id: 'a', weight: 2, kinds: ['joint_rnd', 'poc'] },
      { id: 'c', weight: 1, kinds: ['mou'] },
    ]);
    expect(await store.sharedPartners('a' as never, 'c' as never)).toEqual(['b']);
    await store.deleteOrganization('a' as never);
    expect(await store.partnersOf('b' as never)).toEqual([{ id: 'c', weight: 1, kinds: ['mou'] }]);
    await store.close();
  });
});

describe('embedded store: reopening', () => {
  it('reads profiles back as their text: unchanged by the same text after a restart, and a corrupt one is named when read', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'innomatch-embedded-'));
    const a = org('a', { description: '반도체 검사 장비' });
    let store = await EmbeddedStore.open({ dataDir });
    await store.applyBatch({ organizations: [a, org('b')] });
    await store.close();
    store = await EmbeddedStore.open({ dataDir });
    const text = new TextEncoder().encode(JSON.stringify(a));
    expect((await store.applyEncodedBatch({ organizations: [{ id: a.id, text }, org('b')] })).organizations).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(await store.getOrganization(a.id)).toEqual(a);
    await store.close();
    // a profile whose text was damaged on disk (the line still looks like an org line): the store opens, reading it fails clearly
    writeFileSync(join(dataDir, 'graph', 'seg-000000000009.jsonl'), '{"t":"org","v":{"id":"c","name":{"en":"C"},"type":}}\n');
    store = await EmbeddedStore.open({ dataDir });
    expect(await store.getOrganization(a.id)).toEqual(a);
    await expect(store.getOrganization('c' as never)).rejects.toThrow(/the stored organisation "c" is corrupt \(not JSON/);
    await store.close();
  });
});
