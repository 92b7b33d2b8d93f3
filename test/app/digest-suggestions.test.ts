/**
 * The digest's batch suggestions on the sample network: the same lists as a match request through the service
 * (the scoring the API serves), recent suggestions left out in favour of the next best, reasons only when asked,
 * and the same answer from worker threads as from one thread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDigestSuggestions, threadsFor } from '../../src/app/digest-suggestions.js';
import { MatchService } from '../../src/app/match-service.js';
import type { OrgId } from '../../src/domain/index.js';
import type { Analyzer } from '../../src/match/index.js';
import { loadAnalyzer } from '../../src/root.js';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { sampleDataDir } from '../jobs/helpers/sample-data.js';

describe('digest suggestions (batch path)', () => {
  let store: EmbeddedStore;
  let analyzer: Analyzer;
  let ids: OrgId[];
  beforeAll(async () => {
    store = await EmbeddedStore.open({ dataDir: await sampleDataDir() });
    analyzer = await loadAnalyzer();
    ids = (await store.allOrganizations()).filter((o) => !o.optedOut).map((o) => o.id);
  });
  afterAll(async () => store.close());

  it('gives each organisation the top k the API serves, with both one-line reasons', async () => {
    const source = createDigestSuggestions({ store, analyzer, workers: 1 });
    const got = await source.suggestionsFor({ orgIds: ids, limitPerOrg: 4, exclude: new Map() });
    expect([...got.keys()]).toEqual(ids);
    const service = new MatchService(store, { analyzer });
    for (const id of ids.slice(0, 10)) {
      const served = await service.matchesFor(id, { limit: 4, includeExisting: false });
      expect(got.get(id)!.map((s) => ({ id: s.id, score: s.score })), id).toEqual(served.matches.map((m) => ({ id: m.id, score: m.score })));
      expect(got.get(id)!.map((s) => s.reason), id).toEqual(served.matches.map((m) => ({ ko: m.explanation!.whyThem.ko, en: m.explanation!.whyThem.en })));
    }
    expect([...got.values()].flat().every((s) => s.reason.ko !== '' && s.reason.en !== '')).toBe(true);
  });

  it('leaves out what was suggested recently and moves the next best up; reasons only when asked', async () => {
    const source = createDigestSuggestions({ store, analyzer, workers: 1 });
    const id = ids[0]!;
    const full = (await source.suggestionsFor({ orgIds: [id], limitPerOrg: 6, exclude: new Map() })).get(id)!;
    const recent = new Set([full[0]!.id, full[2]!.id]);
    const got = (await source.suggestionsFor({ orgIds: [id], limitPerOrg: 4, exclude: new Map([[id, recent]]), explain: false })).get(id)!;
    expect(got.map((s) => s.id)).toEqual(full.filter((s) => !recent.has(s.id)).map((s) => s.id));
    expect(got.every((s) => s.reason.ko === '' && s.reason.en === '')).toBe(true);
  });

  it('answers the same from three worker threads as from one thread', async () => {
    const exclude = new Map(ids.slice(0, 20).map((id, i) => [id, new Set([ids[(i + 7) % ids.length]!, ids[(i + 11) % ids.length]!])]));
    const request = { orgIds: [...ids, 'no-such-org' as OrgId], limitPerOrg: 3, exclude };
    const one = await createDigestSuggestions({ store, analyzer, workers: 1 }).suggestionsFor(request);
    expect(threadsFor(request.orgIds.length, 3, 10)).toBe(3);
    const threaded = createDigestSuggestions({ store, analyzer, workers: 3, minPerThread: 10 });
    const three = await threaded.suggestionsFor(request);
    expect([...three.entries()]).toEqual([...one.entries()]);
    expect(threaded.lastRun).toMatchObject({ organizations: request.orgIds.length, threads: 3 });
    expect(one.has('no-such-org' as OrgId)).toBe(false);
  });

  it('uses threads only for enough organisations', () => {
    expect(threadsFor(77, 4)).toBe(1);
    expect(threadsFor(2500, 4)).toBe(2);
    expect(threadsFor(100_000, 4)).toBe(4);
    expect(threadsFor(100_000, 1)).toBe(1);
  });
});
