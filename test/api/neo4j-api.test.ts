import { createNeo4jStore } from '../../src/store/neo4j/index.js';
import { describeWithNeo4j } from '../setup/neo4j.js';
import { runApiSuite } from './api-suite.js';

// The same API suite as on the embedded store; skips only when a local run has no Neo4j (CI fails instead).
describeWithNeo4j('API on neo4j', (uri) => {
  runApiSuite('neo4j', { open: () => createNeo4jStore({ uri }) });
});
