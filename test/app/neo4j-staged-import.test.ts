/**
 * An import into Neo4j hands its organisations to a staged batch while it still reads (`stageBatch`): the server
 * writes them inside the batch's open transaction. What the user sees must not change: the same report, the same
 * stored records as an import into the embedded store, all or nothing, and a refused file contributes nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { importFiles, type ImportOptions, type InputFile } from '../../src/app/import/import-files.js';
import type { Collaboration, Organization } from '../../src/domain/index.js';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import type { GraphStore, StagedBatch } from '../../src/store/graph-store.js';
import { createNeo4jStore, type Neo4jStore } from '../../src/store/neo4j/index.js';
import { collaborationsText, organizationsText } from '../fixtures/import-inputs.js';
import { describeWithNeo4j } from '../setup/neo4j.js';

const enc = new TextEncoder();
/** Every JSON Lines file in pieces of 2 MiB, parsed on this thread: several groups reach the staged batch. */
const PIECES: ImportOptions = { threads: 0, threadMinBytes: 0 };

const orgsFile = (name = 'orgs.jsonl', prefix = 'org'): InputFile => ({ kind: 'organizations', name, bytes: enc.encode(organizationsText(prefix)) });
const collabsFile = (): InputFile => ({ kind: 'collaborations', name: 'collabs.jsonl', bytes: enc.encode(collaborationsText()) });

/** Stores list in an order of their own. */
const inOrder = (cs: readonly Collaboration[]) => cs.map((c) => JSON.stringify(c)).sort();
const byId = (os: readonly Organization[]) => [...os].sort((x, y) => (x.id < y.id ? -1 : 1));

/** `store` with its staged batches counted: how many were opened, how many `add` calls, how many committed. */
function counting(store: GraphStore): { store: GraphStore; seen: { opened: number; adds: number; commits: number; aborts: number } } {
  const seen = { opened: 0, adds: 0, commits: 0, aborts: 0 };
  const wrapped = Object.create(store) as GraphStore;
  wrapped.stageBatch = (): StagedBatch => {
    const staged = (store.stageBatch as () => StagedBatch).call(store);
    seen.opened++;
    return {
      add: (orgs) => {
        seen.adds++;
        staged.add(orgs);
      },
      commit: (rest) => {
        seen.commits++;
        return staged.commit(rest);
      },
      abort: () => {
        seen.aborts++;
        return staged.abort();
      },
    };
  };
  return { store: wrapped, seen };
}

describeWithNeo4j('importing into Neo4j through a staged batch', (uri) => {
  let neo: Neo4jStore;
  const embedded: EmbeddedStore[] = [];
  const freshEmbedded = async () => {
    const s = await EmbeddedStore.open({ dataDir: mkdtempSync(join(tmpdir(), 'innomatch-staged-')) });
    embedded.push(s);
    return s;
  };
  beforeAll(async () => {
    neo = await createNeo4jStore({ uri });
  });
  afterAll(async () => {
    await neo.close();
  });
  beforeEach(async () => {
    await neo.clear();
  });
  afterEach(async () => {
    for (const s of embedded.splice(0)) await s.close();
  });

  it('hands organisations over piece by piece and ends with the same report and records as the embedded store', async () => {
    const { store, seen } = counting(neo);
    const files = [orgsFile(), collabsFile()];
    const staged = await importFiles(store, files, PIECES);
    const reference = await freshEmbedded();
    expect(staged).toEqual(await importFiles(reference, files, PIECES));
    expect(seen).toEqual({ opened: 1, adds: expect.any(Number) as number, commits: 1, aborts: 0 });
    expect(seen.adds).toBeGreaterThan(1); // the file came in several pieces, each handed over when read
    expect(staged.applied?.organizations.created).toBeGreaterThan(2900);
    expect(byId(await neo.allOrganizations())).toEqual(byId(await reference.allOrganizations()));
    expect(inOrder(await neo.allCollaborations())).toEqual(inOrder(await reference.allCollaborations()));

    // the same files again: nothing changes, counted the same way
    const again = await importFiles(store, files, PIECES);
    expect(again).toEqual(await importFiles(reference, files, PIECES));
    expect(again.applied?.organizations).toMatchObject({ created: 0, updated: 0 });
    expect(again.applied?.collaborations.created).toBe(0);
  }, 120_000);

  it('drops what a file refused half-way had handed over, and lands the earlier files with the rest', async () => {
    // ~7 MB: its first pieces are read, validated and handed over before the bad bytes
    const bad: InputFile = {
      kind: 'organizations',
      name: 'late.jsonl',
      bytes: new Uint8Array([...enc.encode(organizationsText('late') + organizationsText('later')), 0xff, 0xfe, ...enc.encode(`\n${organizationsText('latest')}`)]),
    };
    const files = [orgsFile(), bad, collabsFile()];
    const { store, seen } = counting(neo);
    const report = await importFiles(store, files, PIECES);
    const reference = await freshEmbedded();
    expect(report).toEqual(await importFiles(reference, files, PIECES));
    expect(report.rejected.some((r) => r.file === 'late.jsonl' && r.line === 0)).toBe(true);
    // the staged batch went; everything landed in one batch at the end
    expect(seen).toMatchObject({ opened: 1, aborts: 1, commits: 0 });
    expect(await neo.existingIds(['late-1' as never, 'org-1' as never])).toEqual(new Set(['org-1']));
    expect(byId(await neo.allOrganizations())).toEqual(byId(await reference.allOrganizations()));
    expect(inOrder(await neo.allCollaborations())).toEqual(inOrder(await reference.allCollaborations()));
  }, 120_000);

  it('with --strict and a rejected row lands nothing, and its transaction holds no lock afterwards', async () => {
    const { store, seen } = counting(neo);
    const report = await importFiles(store, [orgsFile(), collabsFile()], { ...PIECES, strict: true });
    expect(report.landed).toBe(false);
    expect(report.rejected.length).toBeGreaterThan(0);
    expect(seen.aborts).toBe(seen.opened);
    expect((await neo.stats()).organizations).toBe(0);
    // a later import of the same organisations is not kept waiting by a transaction left open
    const later = await importFiles(neo, [orgsFile()], PIECES);
    expect(later.applied?.organizations.created).toBeGreaterThan(2900);
  }, 120_000);
});
