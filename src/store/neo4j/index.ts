export { createNeo4jStore, Neo4jStore, type Neo4jStoreOptions } from './neo4j-store.js';
