/**
 * A round of worker threads (`runWorkers`): the messages come back in job order; the first thread that fails
 * rejects the round with its error (and the others are stopped rather than left running).
 */
import { describe, expect, it } from 'vitest';
import type { AnalysedSlice } from '../../src/match/index.js';
import { runWorkers } from '../../src/app/worker-thread.js';
import { syntheticNetwork } from '../../scripts/bench/synthetic.js';

describe('runWorkers', () => {
  it('gives each job’s message in job order', async () => {
    const orgs = syntheticNetwork(30, 3).organizations;
    const jobs = [{ organizations: orgs.slice(0, 5) }, { organizations: orgs.slice(5, 30) }, { organizations: [] }];
    const out = await runWorkers<AnalysedSlice>('analyse-worker', jobs);
    expect(out.map((s) => s.count)).toEqual([5, 25, 0]);
  });

  it('rejects with the error of a thread that fails, while another is still at work', async () => {
    const busy = { organizations: syntheticNetwork(3000, 4).organizations };
    const broken = { organizations: [{ id: 'x' }] }; // no name, no texts: the analysis throws
    await expect(runWorkers('analyse-worker', [busy, broken])).rejects.toThrow(/^analyse-worker: /);
  });

  it('resolves at once for no jobs', async () => {
    expect(await runWorkers('analyse-worker', [])).toEqual([]);
  });
});
