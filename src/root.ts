/**
 * The composition root: the only place that picks a store adapter. The CLI and the server call it; nothing
 * below `app` knows which adapter runs.
 */
import type { StoreConfig } from './config.js';
import type { GraphStore } from './store/graph-store.js';
import { EmbeddedStore } from './store/embedded/embedded-store.js';

export async function openStore(config: StoreConfig): Promise<GraphStore> {
  if (config.kind === 'neo4j' && config.neo4j !== undefined) {
    const { createNeo4jStore } = await import('./store/neo4j/index.js');
    return createNeo4jStore(config.neo4j);
  }
  return EmbeddedStore.open({ dataDir: config.dataDir });
}
