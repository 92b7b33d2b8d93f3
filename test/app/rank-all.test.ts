/**
 * The weekly batch over threads (`rankAll`): the threads analyse one slice each, then each builds the engine and
 * ranks chunks of ids claimed from a shared counter. Whatever the threads and the chunk size, the rows are those
 * of one engine's `topKForAll`, in ascending id order, every organisation once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { slices } from '../../src/app/analysis-round.js';
import { rankAll, type RankAllProgress } from '../../src/app/rank-all.js';
import { buildMatchEngine, type Analyzer, type BatchRow, type MatchData } from '../../src/match/index.js';
import { loadAnalyzer } from '../../src/root.js';
import { syntheticNetwork } from '../../scripts/bench/synthetic.js';

describe('rankAll', () => {
  let analyzer: Analyzer;
  let data: MatchData;
  let expected: BatchRow[];
  beforeAll(async () => {
    analyzer = await loadAnalyzer();
    const net = syntheticNetwork(300, 9);
    // given in descending id order: the batch must file them in the engine's order all the same
    data = { organizations: [...net.organizations].reverse(), collaborations: net.collaborations };
    expected = buildMatchEngine(data, { analyzer, keepSurfaces: false }).topKForAll(5);
  });

  it('over two threads, in chunks of 7 ids, gives the rows of one engine', async () => {
    const seen: RankAllProgress[] = [];
    const r = await rankAll(data, { analyzer }, { k: 5, workers: 2, chunk: 7 }, (p) => seen.push(p));
    // progress: the analysis round first, then ranked ids that never go back, ending at every organisation
    expect(seen[0]).toEqual({ stage: 'analyse', done: 0, total: 300 });
    const ranked = seen.filter((p) => p.stage === 'rank').map((p) => p.done);
    expect(ranked.at(-1)).toBe(300);
    expect(ranked).toEqual([...ranked].sort((x, y) => x - y));
    expect(r.workers).toBe(2);
    expect(r.timings.buildMs).toHaveLength(2);
    expect(r.timings.rankMs).toHaveLength(2);
    expect(r.rows).toEqual(expected);
  });

  it('in this thread when asked for one', async () => {
    const r = await rankAll(data, { analyzer }, { k: 5, workers: 1 });
    expect(r.workers).toBe(1);
    expect(r.timings.analyseMs).toBe(0);
    expect(r.rows).toEqual(expected);
  });

  it('splits n items into contiguous slices', () => {
    expect(slices(5, 2)).toEqual([
      { offset: 0, limit: 3 },
      { offset: 3, limit: 2 },
    ]);
    expect(slices(1, 4)).toEqual([{ offset: 0, limit: 1 }]);
    expect(slices(0, 2)).toEqual([]);
  });
});
