import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
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
