import { createNeo4jStore } from '../../src/store/neo4j/index.js';
import { describeWithNeo4j } from '../setup/neo4j.js';
import { runGraphStoreContract } from './contract.js';

// Skips only when the run has no Neo4j (locally without Java/Maven); in CI the global setup fails instead.
describeWithNeo4j('neo4j adapter', (uri) => {
  runGraphStoreContract('neo4j', {
    open: () => createNeo4jStore({ uri }),
    reopen: async (store) => {
      await store.close();
      return createNeo4jStore({ uri });
    },
  });
});
