/**
 * Every Cypher statement the Neo4j adapter runs. All are constants: values only ever travel as parameters, so
 * nothing read from a file or a request can change a statement. `$rows`/`$ids` are lists of at most
 * {@link CHUNK} entries.
 */

/** Rows per `UNWIND` call: large enough to amortise a round trip, small enough to keep one call's plan cheap. */
export const CHUNK = 5000;

/** Created at start-up; `IF NOT EXISTS` makes a second start (or a second process) a no-op. */
export const SCHEMA = [
  'CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (o:Organization) REQUIRE o.id IS UNIQUE',
  'CREATE CONSTRAINT programme_id IF NOT EXISTS FOR (p:Programme) REQUIRE p.id IS UNIQUE',
  'CREATE CONSTRAINT introduction_id IF NOT EXISTS FOR (i:Introduction) REQUIRE i.id IS UNIQUE',
  'CREATE CONSTRAINT digest_delivery_key IF NOT EXISTS FOR (d:DigestDelivery) REQUIRE d.key IS UNIQUE',
  'CREATE CONSTRAINT api_key_hash IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.hash IS UNIQUE',
  'CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE',
  // No constraint (nor index) on collaborations: the MERGE in COLLAB_MERGE locks both organisations before it
  // looks for the tie (kind and evidence) between them, so two writers can never both create it; an index on 300k
  // relationship keys cost ~15% of a large ingest's server time (seeks, and index updates at commit) for lookups
  // that a walk over one organisation's relationships answers. Databases created before this drop it.
  'DROP CONSTRAINT collaboration_key IF EXISTS',
  'CREATE CONSTRAINT innomatch_change_id IF NOT EXISTS FOR (m:InnomatchChange) REQUIRE m.id IS UNIQUE',
] as const;

/**
 * Bumped by every write transaction that changes what matching reads, as its last statement (so its lock is held
 * only through the commit): other API processes poll it (`CHANGE_MARKER_GET`) to see writes that were not theirs.
 */
export const CHANGE_MARKER_BUMP = `MERGE (m:InnomatchChange {id: 'matching'}) SET m.seq = coalesce(m.seq, 0) + 1`;

export const CHANGE_MARKER_GET = `OPTIONAL MATCH (m:InnomatchChange {id: 'matching'}) RETURN m.seq AS seq`;

/** The data layout this code writes; a database marked with an older one (or none) is migrated at start. */
export const SCHEMA_VERSION = 2;

export const SCHEMA_VERSION_GET = `MATCH (m:InnomatchSchema) RETURN max(m.version) AS version`;

export const SCHEMA_VERSION_SET = `MERGE (m:InnomatchSchema) SET m.version = $version`;

/**
 * Version 2: a collaboration is identified by its ends, kind and evidence, no longer by a `key` property (a
 * ~30-character string per relationship that cost ~20 % of a large ingest's server time), and absent evidence is
 * ''. Run until it migrates nothing; each run is one transaction of at most 10k relationships.
 */
export const MIGRATE_COLLAB_KEYS = `
MATCH ()-[r:COLLABORATED]->()
WHERE r.key IS NOT NULL
WITH r LIMIT 10000
SET r.evidence = coalesce(r.evidence, ''), r.key = null
RETURN count(r) AS migrated`;

export const PING = 'RETURN 1 AS ok';

// --- organisations ----------------------------------------------------------------------------------------

/**
 * The stored fingerprint of each organisation, and its element id: a batch's collaborations find their ends by it
 * (an element id cannot be reused while this transaction is open, so it names the node that was read).
 */
export const ORG_FINGERPRINTS = `
UNWIND $ids AS id
MATCH (o:Organization {id: id})
RETURN o.id AS id, o.fingerprint AS fingerprint, elementId(o) AS eid`;

export const ORG_EXISTING = `
UNWIND $ids AS id
MATCH (o:Organization {id: id})
RETURN o.id AS id, elementId(o) AS eid`;

/**
 * `SET o = …` replaces every property, so a property no longer written disappears from the node. Returns the
 * element ids for the batch's collaborations, and whether the MERGE created the node: marked on creation only
 * (the mark goes with the `SET`), since a stored node need not have a fingerprint (one written before profiles
 * were kept whole has none). The plan holds the chunk's rows in an Eager before it projects them, which costs
 * memory, not time.
 */
export const ORG_UPSERT = `
UNWIND $rows AS row
MERGE (o:Organization {id: row.id})
ON CREATE SET o._created = true
WITH o, row, o._created IS NOT NULL AS created
SET o = row
RETURN row.id AS id, elementId(o) AS eid, created`;

/**
 * For organisations the batch's read did not find: CREATE, cheaper than MERGE (no seek, no Eager). Should a
 * concurrent transaction have created one in between, the uniqueness constraint fails this one.
 */
export const ORG_CREATE = `
UNWIND $rows AS row
CREATE (o:Organization)
SET o = row
RETURN row.id AS id, elementId(o) AS eid, true AS created`;

export const ORG_GET = `
MATCH (o:Organization {id: $id})
RETURN properties(o) AS o`;

const ORG_FILTERS = `
  ($types IS NULL OR o.type IN $types)
  AND ($sectors IS NULL OR any(s IN o.sectors WHERE s IN $sectors))
  AND ($region IS NULL OR any(r IN [trim(normalize(toLower(coalesce(o.region, '')), NFKC))] WHERE o.region IS NOT NULL AND (
       r = $region.text OR $region.text IN split(r, ' ')
       OR r IN $region.provinceNames OR split(r, ' ')[0] IN $region.provinceNames
       OR any(w IN split(r, ' ') WHERE w IN $region.provinceCities OR w IN $region.cityNames))))
  AND ($q IS NULL OR toLower(o.id) CONTAINS $q OR normalize(toLower(coalesce(o.name_ko, '')), NFC) CONTAINS $q
       OR normalize(toLower(coalesce(o.name_en, '')), NFC) CONTAINS $q)`;

/** Keyset paging: ids in ascending order, strictly after `$after`. */
export const ORG_LIST_AFTER = `
MATCH (o:Organization)
WHERE o.id > $after AND ${ORG_FILTERS}
RETURN properties(o) AS o
ORDER BY o.id
LIMIT $limit`;

export const ORG_LIST = `
MATCH (o:Organization)
WHERE o.id IS NOT NULL AND ${ORG_FILTERS}
RETURN properties(o) AS o
ORDER BY o.id
LIMIT $limit`;

export const ORG_DELETE = `
MATCH (o:Organization {id: $id})
DETACH DELETE o
RETURN count(*) AS deleted`;

// --- collaborations ---------------------------------------------------------------------------------------

/**
 * The keys (`collaborationKey`: the ends in order, the kind and the evidence, joined by `$sep` = NUL) of the
 * collaborations that start at the given organisations (element ids). Asked for both ends of a batch's
 * collaborations it returns every stored one among them (each is stored in one direction, and so starts at one of
 * its ends), plus the ends' other ties: one walk per organisation instead of one pattern match per row.
 */
export const COLLAB_KEYS_FROM = `
UNWIND $ids AS id
MATCH (a:Organization) WHERE elementId(a) = id
MATCH (a)-[r:COLLABORATED]->(b:Organization)
RETURN CASE WHEN a.id < b.id THEN a.id + $sep + b.id ELSE b.id + $sep + a.id END + $sep + r.kind + $sep + coalesce(r.evidence, '') AS key,
  r.year AS year`;

/**
 * For a collaboration with an end created in this same transaction: no other transaction can have tied anything
 * to that end, and the batch's own duplicates are dropped before, so there is nothing to MERGE against.
 */
export const COLLAB_CREATE = `
UNWIND $rows AS row
MATCH (a:Organization) WHERE elementId(a) = row.a
MATCH (b:Organization) WHERE elementId(b) = row.b
CREATE (a)-[:COLLABORATED {kind: row.kind, year: row.year, evidence: row.evidence}]->(b)`;

/**
 * Undirected MERGE: finds the tie in either direction, creates it a → b when missing. The ends come by element id
 * (read earlier in the same transaction) instead of two index seeks a row. MERGE locks a and b before it looks
 * again and creates, so concurrent writers of the same key create it once.
 */
export const COLLAB_MERGE = `
UNWIND $rows AS row
MATCH (a:Organization) WHERE elementId(a) = row.a
MATCH (b:Organization) WHERE elementId(b) = row.b
MERGE (a)-[r:COLLABORATED {kind: row.kind, evidence: row.evidence}]-(b)
ON CREATE SET r.year = row.year, r._created = true
WITH r, r._created IS NOT NULL AS created
REMOVE r._created
RETURN created`;

/** A stored collaboration given again with another year (ends by element id, as in COLLAB_MERGE). */
export const COLLAB_SET_YEAR = `
UNWIND $rows AS row
MATCH (a:Organization) WHERE elementId(a) = row.a
MATCH (b:Organization) WHERE elementId(b) = row.b
MATCH (a)-[r:COLLABORATED {kind: row.kind, evidence: row.evidence}]-(b)
SET r.year = row.year`;

const COLLAB_FIELDS = 'startNode(r).id AS a, endNode(r).id AS b, r.kind AS kind, r.year AS year, r.evidence AS evidence';

/**
 * In `collaborationKey` order: the smaller end, the larger, the kind, the evidence (the key joins them with NUL,
 * which sorts before every other character, so comparing keys is comparing these in turn).
 */
const COLLAB_ORDER = `
ORDER BY CASE WHEN a < b THEN a ELSE b END, CASE WHEN a < b THEN b ELSE a END, kind, coalesce(evidence, '')`;

export const COLLAB_ALL = `
MATCH (:Organization)-[r:COLLABORATED]->(:Organization)
RETURN ${COLLAB_FIELDS}${COLLAB_ORDER}`;

export const COLLAB_OF = `
MATCH (:Organization {id: $id})-[r:COLLABORATED]-(:Organization)
RETURN ${COLLAB_FIELDS}${COLLAB_ORDER}`;

export const PARTNERS_OF = `
MATCH (:Organization {id: $id})-[r:COLLABORATED]-(p:Organization)
RETURN p.id AS id, count(r) AS weight, collect(DISTINCT r.kind) AS kinds
ORDER BY id`;

export const SHARED_PARTNERS = `
MATCH (a:Organization {id: $a})-[:COLLABORATED]-(x:Organization)-[:COLLABORATED]-(b:Organization {id: $b})
WHERE x.id <> $a AND x.id <> $b
RETURN DISTINCT x.id AS id
ORDER BY id`;

// --- programmes -------------------------------------------------------------------------------------------

/** Participants come back in the order they were given (`pos` on the edge). */
const PROGRAMME_RETURN = `
CALL (p) {
  OPTIONAL MATCH (o:Organization)-[r:PARTICIPATED]->(p)
  WITH o, r ORDER BY r.pos
  RETURN collect(o.id) AS participants
}
RETURN properties(p) AS p, participants
ORDER BY p.id`;

export const PROGRAMME_BY_IDS = `
UNWIND $ids AS id
MATCH (p:Programme {id: id})
${PROGRAMME_RETURN}`;

export const PROGRAMME_ALL = `
MATCH (p:Programme)
${PROGRAMME_RETURN}`;

export const PROGRAMME_OF = `
MATCH (:Organization {id: $id})-[:PARTICIPATED]->(p:Programme)
WITH DISTINCT p
${PROGRAMME_RETURN}`;

/** Replaces the programme's properties and its participation edges. */
export const PROGRAMME_UPSERT = `
UNWIND $rows AS row
MERGE (p:Programme {id: row.props.id})
SET p = row.props
WITH p, row
CALL (p) {
  MATCH (:Organization)-[old:PARTICIPATED]->(p)
  DELETE old
}
CALL (p, row) {
  UNWIND range(0, size(row.participants) - 1) AS i
  MATCH (o:Organization {id: row.participants[i]})
  CREATE (o)-[:PARTICIPATED {pos: i}]->(p)
}`;

// --- introductions ----------------------------------------------------------------------------------------

export const INTRO_CREATE = `CREATE (i:Introduction) SET i = $props`;

/**
 * Takes the write locks of both organisations of a proposed pair, in the order of `$ids` (sorted by the caller, so
 * two transactions never wait on each other crosswise), and returns the ids that exist. Holding them until commit
 * serialises the proposals of one pair: the open-pair check after it sees any proposal committed before.
 */
export const INTRO_LOCK_PAIR = `
UNWIND $ids AS id
MATCH (o:Organization {id: id})
SET o._lock = true
REMOVE o._lock
RETURN o.id AS id`;

/** An introduction of the unordered pair ($a, $b) whose status is one of $open (not final), if any. */
export const INTRO_OPEN_OF_PAIR = `
MATCH (i:Introduction)
WHERE ((i.a = $a AND i.b = $b) OR (i.a = $b AND i.b = $a)) AND i.status IN $open
RETURN i.id AS id, i.status AS status
ORDER BY i.createdAt, i.id
LIMIT 1`;

export const INTRO_GET = `
MATCH (i:Introduction {id: $id})
RETURN properties(i) AS i`;

/**
 * Takes the introduction's write lock before it is read, so two concurrent transitions are serialised and the
 * second one checks against the first one's result.
 */
export const INTRO_LOCK = `
MATCH (i:Introduction {id: $id})
SET i._lock = true
REMOVE i._lock
RETURN count(i) AS found`;

export const INTRO_UPDATE = `
MATCH (i:Introduction {id: $id})
SET i = $props`;

export const INTRO_LIST = `
MATCH (i:Introduction)
WHERE ($status IS NULL OR i.status = $status)
  AND ($sector IS NULL OR $sector IN i.sectors)
  AND ($orgId IS NULL OR i.a = $orgId OR i.b = $orgId)
RETURN properties(i) AS i
ORDER BY i.createdAt, i.id`;

// --- digest log and API keys ------------------------------------------------------------------------------

export const DELIVERY_PUT = `
MERGE (d:DigestDelivery {key: $props.key})
SET d = $props`;

export const DELIVERY_GET = `
MATCH (d:DigestDelivery {key: $key})
RETURN properties(d) AS d`;

export const DELIVERY_LIST = `
MATCH (d:DigestDelivery)
WHERE ($orgId IS NULL OR d.orgId = $orgId)
  AND ($week IS NULL OR d.week = $week)
  AND ($fromWeek IS NULL OR d.week >= $fromWeek)
  AND ($status IS NULL OR d.status = $status)
RETURN properties(d) AS d
ORDER BY d.week, d.orgId, d.email`;

export const KEY_PUT = `
MERGE (k:ApiKey {hash: $props.hash})
SET k = $props`;

export const KEY_BY_HASH = `
MATCH (k:ApiKey {hash: $hash})
RETURN properties(k) AS k`;

// --- whole store ------------------------------------------------------------------------------------------

export const STATS = `
CALL () { MATCH (o:Organization) RETURN count(o) AS organizations }
CALL () { MATCH (o:Organization) WITH o.type AS t, count(*) AS n RETURN collect([t, n]) AS byType }
CALL () { MATCH (o:Organization) UNWIND o.sectors AS s WITH s, count(*) AS n RETURN collect([s, n]) AS bySector }
CALL () { MATCH ()-[r:COLLABORATED]->() RETURN count(r) AS collaborations }
CALL () { MATCH (p:Programme) RETURN count(p) AS programmes }
CALL () { MATCH (i:Introduction) RETURN count(i) AS introductions }
RETURN organizations, byType, bySector, collaborations, programmes, introductions`;

/** Deletes in transactions of 10k nodes so a large graph never needs one huge transaction (auto-commit only). */
export const CLEAR = `
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`;
