/**
 * The match service builds its engine in slices (so a server keeps answering while it rebuilds after an import);
 * the engine must be the very one `buildMatchEngine` makes, and the service must keep answering from the old one
 * until the new one is in place, without losing a write reported meanwhile.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMatchEngineInSlices } from '../../src/app/build-engine.js';
import { MatchService } from '../../src/app/match-service.js';
import { asOrgId, type Collaboration, type Organization, type Programme } from '../../src/domain/index.js';
import { buildMatchEngine, type Analyzer } from '../../src/match/index.js';
import { loadAnalyzer } from '../../src/root.js';
import { readSampleNetwork } from '../fixtures/sample-network.js';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import type { GraphStore } from '../../src/store/graph-store.js';

let analyzer: Analyzer;
let organizations: Organization[];
let collaborations: Collaboration[];
let programmes: Programme[];

beforeAll(async () => {
  analyzer = await loadAnalyzer();
  ({ organizations, collaborations, programmes } = readSampleNetwork());
});

describe('buildMatchEngineInSlices', () => {
  it('When built in slices (a turn of the event loop after every organisation), then every answer equals the one-go build', async () => {
    const data = { organizations: [...organizations].reverse(), collaborations, programmes, declinedPairs: [{ a: organizations[0]!.id, b: organizations[1]!.id }] };
    const whole = buildMatchEngine(data, { analyzer });
    const sliced = await buildMatchEngineInSlices(data, { analyzer }, 0);
    for (const o of organizations) expect(sliced.match(o.id, { limit: 20 }), o.id).toEqual(whole.match(o.id, { limit: 20 }));
    expect(sliced.search('machine vision 스마트공장', { limit: 10 })).toEqual(whole.search('machine vision 스마트공장', { limit: 10 }));
  });

  it('When the profiles are analysed by a worker thread (as for large networks), then every answer equals the one-go build, explanations included', async () => {
    const data = { organizations: [...organizations].reverse(), collaborations, programmes };
    const whole = buildMatchEngine(data, { analyzer });
    const offThread = await buildMatchEngineInSlices(data, { analyzer }, 0, 0);
    for (const o of organizations) expect(offThread.match(o.id, { limit: 20 }), o.id).toEqual(whole.match(o.id, { limit: 20 }));
    expect(offThread.search('machine vision 스마트공장', { limit: 10 })).toEqual(whole.search('machine vision 스마트공장', { limit: 10 }));
  });

  it('When built in slices, then other callbacks run between the slices (a turn of the event loop after each)', async () => {
    // counts turns of the event loop rather than elapsed time, so a fast machine (or a warm JIT) cannot starve it
    let turns = 0;
    let done = false;
    const spin = () => {
      if (done) return;
      turns++;
      setImmediate(spin);
    };
    setImmediate(spin);
    try {
      await buildMatchEngineInSlices({ organizations, collaborations, programmes }, { analyzer }, 0);
    } finally {
      done = true;
    }
    expect(turns).toBeGreaterThan(organizations.length / 2);
  });
});

describe('MatchService.rebuild', () => {
  it('When the store changes behind its back and it rebuilds, then the old index answers until the new one is in place, and a write reported meanwhile is kept', async () => {
    const real = await EmbeddedStore.open({ dataDir: mkdtempSync(join(tmpdir(), 'innomatch-rebuild-')) });
    // the real store, except that a rebuild's read of all organisations is held (after reading) until released
    let hold: Promise<void> | undefined;
    let readDone = () => {};
    const read = new Promise<void>((r) => (readDone = r));
    const store: GraphStore = Object.create(real, {
      allOrganizations: {
        value: async () => {
          const rows = await real.allOrganizations();
          readDone();
          await hold;
          return rows;
        },
      },
    });
    try {
      await real.applyBatch({ organizations, collaborations, programmes });
      const service = new MatchService(store, { analyzer });
      await service.start();
      const someone = organizations[0]!.id;
      const imported = { ...organizations[1]!, id: asOrgId('newcomer-by-import') };
      const written = { ...organizations[2]!, id: asOrgId('newcomer-by-api') };
      await real.applyBatch({ organizations: [imported] }); // as an import would
      let release = () => {};
      hold = new Promise<void>((r) => (release = r));
      const generation = service.generation;
      const rebuilt = service.rebuild();
      await read;
      // the rebuild has read the store: the old index still answers, and a profile is written through the API
      const during = await service.matchesFor(someone, { limit: 50, includeExisting: true });
      expect(during.matches.map((m) => m.id)).not.toContain('newcomer-by-import');
      await real.applyBatch({ organizations: [written] });
      await service.notify({ kind: 'organization', id: written.id });
      release();
      await rebuilt;
      expect(service.generation).toBeGreaterThan(generation);
      const ids = (await service.topK(500, { ids: [someone] }))[0]?.matches.map((m) => m.id);
      expect(ids).toContain('newcomer-by-import');
      expect(ids).toContain('newcomer-by-api');
    } finally {
      await real.close();
    }
  });
});
