/**
 * The composition root: the only place that picks a store adapter, reads the dictionary and the trained model
 * from disk, and wires the use cases. The CLI and the server call it; nothing below `app` knows which adapter runs.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StoreConfig } from './config.js';
import { MatchService } from './app/match-service.js';
import { appError } from './domain/index.js';
import { readModelFile } from './app/model-file.js';
import type { Model } from './match/index.js';
import { EmbeddedStore } from './store/embedded/embedded-store.js';
import type { GraphStore } from './store/graph-store.js';
import { createAnalyzer, parseDictionary, type Analyzer } from './text/index.js';

/** The package's own `data/` folder (sample network, dictionary), from both `src/` and `dist/`. */
export const PACKAGE_DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));

/**
 * The configured store. `create: false` refuses an embedded data directory that holds no store instead of making
 * an empty one there (a mistyped --data-dir would otherwise look like a network without organisations).
 */
export async function openStore(config: StoreConfig, options: { readonly create?: boolean } = {}): Promise<GraphStore> {
  if (config.kind === 'neo4j' && config.neo4j !== undefined) {
    const { createNeo4jStore } = await import('./store/neo4j/index.js');
    return createNeo4jStore(config.neo4j);
  }
  if (options.create === false) await assertStoreIn(config);
  return EmbeddedStore.open({ dataDir: config.dataDir });
}

/** Refuses an embedded data directory without a store (see `openStore`); Neo4j always has one. */
export async function assertStoreIn(config: StoreConfig): Promise<void> {
  if (config.kind === 'neo4j' || (await EmbeddedStore.existsIn(config.dataDir))) return;
  throw appError('CONFIG_INVALID', {
    detail: `no innomatch store in ${config.dataDir} (run \`innomatch ingest\` first, or check --data-dir and INNOMATCH_DATA_DIR)`,
  });
}

/** The bilingual analyser with every dictionary file in `data/dictionary/` (concepts merged in file-name order). */
export async function loadAnalyzer(dictionaryDir = join(PACKAGE_DATA_DIR, 'dictionary')): Promise<Analyzer> {
  const files = (await readdir(dictionaryDir)).filter((f) => f.endsWith('.tsv')).sort();
  const entries = [];
  for (const f of files) {
    const text = await readFile(join(dictionaryDir, f), 'utf8');
    try {
      entries.push(...parseDictionary(text).entries);
    } catch (e) {
      throw appError('CONFIG_INVALID', { detail: `${join(dictionaryDir, f)}: ${(e as Error).message}` });
    }
  }
  return createAnalyzer({ entries });
}

/** The trained model in `<dataDir>/model.json`, when `innomatch train` has written one. */
export async function loadModel(dataDir: string): Promise<Model | undefined> {
  return readModelFile(join(dataDir, 'model.json'));
}

/** The match service over `store`, with the analyser and the trained model when there is one. */
export async function createMatchService(store: GraphStore, dataDir: string): Promise<MatchService> {
  const [analyzer, model] = await Promise.all([loadAnalyzer(), loadModel(dataDir)]);
  return new MatchService(store, { analyzer, ...(model !== undefined ? { model } : {}) });
}

/** A fresh embedded store in a new temporary directory, removed again by `dispose` (`innomatch eval`). */
export async function openScratchStore(): Promise<{ store: GraphStore; dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'innomatch-scratch-'));
  const store = await EmbeddedStore.open({ dataDir: dir }).catch(async (e: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw e;
  });
  return {
    store,
    dispose: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
