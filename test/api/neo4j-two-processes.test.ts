/**
 * Several API processes on one Neo4j (the README's way past one machine): a write through one of them, or through
 * `innomatch ingest`, reaches the others' matches and search within their refresh time (here 1 s).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiKey } from '../../src/app/api-keys.js';
import { systemClock } from '../../src/app/clock.js';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { createNeo4jStore } from '../../src/store/neo4j/index.js';
import { describeWithNeo4j } from '../setup/neo4j.js';
import { org } from '../fixtures/builders.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeWithNeo4j('two API processes on one Neo4j', (uri) => {
  const servers: RunningServer[] = [];
  let key = '';
  beforeAll(async () => {
    const store = await createNeo4jStore({ uri });
    try {
      await store.clear();
      await store.applyBatch({ organizations: [org('base-a', { offers: ['wafer metrology'] }), org('base-b', { needs: ['wafer metrology'] })] });
      key = (await createApiKey(store, { role: 'admin' }, systemClock)).key;
    } finally {
      await store.close();
    }
    const config = loadConfig({ NEO4J_URI: uri, INNOMATCH_REFRESH_SECONDS: '1', INNOMATCH_SECRET: 's'.repeat(40) }, { dataDir: mkdtempSync(join(tmpdir(), 'innomatch-two-')) });
    for (let i = 0; i < 2; i++) servers.push(await startServer({ config, port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) }));
  }, 60_000);
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  const search = async (server: RunningServer, query: string): Promise<string[]> => {
    const r = await fetch(`${server.url}/v1/search`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return r.status === 200 ? ((await r.json()) as { results: { id: string }[] }).results.map((x) => x.id) : [];
  };

  it('When one process stores a profile, then the other finds it in search and matches within seconds', async () => {
    const [one, two] = servers as [RunningServer, RunningServer];
    const put = await fetch(`${one.url}/v1/organizations/zyxo`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'zyxo', name: { en: 'Zyxo' }, type: 'startup', offers: ['zyxoquantum photonic annealing'] }),
    });
    expect(put.status).toBe(201);
    let found: string[] = [];
    for (let waited = 0; waited < 20_000 && !found.includes('zyxo'); waited += 250) {
      await sleep(250);
      found = await search(two, 'zyxoquantum photonic annealing');
    }
    expect(found).toContain('zyxo');
    const matches = await fetch(`${two.url}/v1/organizations/zyxo/matches?limit=1`, { headers: { authorization: `Bearer ${key}` } });
    expect(matches.status).toBe(200);
  }, 60_000);
});
