import type {
  Collaboration,
  DigestDelivery,
  Introduction,
  IntroductionId,
  IntroductionStatus,
  IsoWeek,
  Organization,
  OrganizationType,
  OrgId,
  Programme,
  Sector,
} from '../domain/index.js';

/** A batch that lands whole or not at all. Rows are already validated; references are checked by the store. */
export interface Batch {
  readonly organizations?: readonly Organization[];
  readonly collaborations?: readonly Collaboration[];
  readonly programmes?: readonly Programme[];
}

/**
 * An organisation given as its JSON text (UTF-8) instead of as an object: text that parses to exactly the
 * validated `Organization` (the import workers send a row's own text when it already is the value). A store that
 * keeps records as text can compare and persist it without serialising it again or even parsing it.
 */
export interface EncodedOrganization {
  readonly id: OrgId;
  readonly text: Uint8Array;
}

/** A {@link Batch} whose organisations may come as text. */
export interface EncodedBatch extends Omit<Batch, 'organizations'> {
  readonly organizations?: readonly (Organization | EncodedOrganization)[];
}

export const isEncodedOrganization = (o: Organization | EncodedOrganization): o is EncodedOrganization => 'text' in o && o.text instanceof Uint8Array;

/**
 * What a batch changed. Re-applying the same batch reports everything as unchanged. A collaboration is identified
 * by its pair, kind and evidence (`collaborationKey`); one given again with another year is updated; given more
 * than once in a batch, its last copy is the one that lands and counts (the others are unchanged).
 */
export interface BatchResult {
  readonly organizations: { readonly created: number; readonly updated: number; readonly unchanged: number };
  readonly collaborations: { readonly created: number; readonly updated: number; readonly unchanged: number };
  readonly programmes: { readonly created: number; readonly updated: number; readonly unchanged: number };
}

export interface OrganizationFilter {
  readonly types?: readonly OrganizationType[];
  readonly sectors?: readonly Sector[];
  /** By any of the region's names, Korean or English; a province holds its cities (`regionQuery` in the domain). */
  readonly region?: string;
  /** Case-insensitive substring of the Korean or English name or the id, in NFC like `region`. */
  readonly q?: string;
  /** Exclusive lower bound on the id, for keyset paging (ids are listed in ascending order). */
  readonly after?: OrgId;
  readonly limit?: number;
}

/** A neighbour in the collaboration graph, with how many collaborations (edges) join the two. */
export interface Partner {
  readonly id: OrgId;
  readonly weight: number;
  readonly kinds: readonly Collaboration['kind'][];
}

export interface IntroductionFilter {
  readonly status?: IntroductionStatus;
  readonly sector?: Sector;
  /** Introductions in which this organisation is either side. */
  readonly orgId?: OrgId;
}

export interface IntroductionUpdate {
  readonly status: IntroductionStatus;
  readonly outcome?: Introduction['outcome'];
  readonly reason?: string;
  readonly by: string;
  readonly at: string;
}

export interface DeliveryFilter {
  readonly orgId?: OrgId;
  readonly week?: IsoWeek;
  /** Weeks greater than or equal to this one (ISO weeks sort as strings). */
  readonly fromWeek?: IsoWeek;
  readonly status?: DigestDelivery['status'];
}

export interface StoreStats {
  readonly organizations: number;
  readonly byType: Readonly<Record<string, number>>;
  readonly bySector: Readonly<Record<string, number>>;
  readonly collaborations: number;
  readonly programmes: number;
  readonly introductions: number;
}

/** A stored API key: only the hash of the secret is kept. */
export interface ApiKeyRecord {
  readonly id: string;
  readonly hash: string;
  readonly role: 'admin' | 'coordinator' | 'member';
  readonly sectors: readonly Sector[];
  readonly orgId?: OrgId;
  readonly createdAt: string;
  readonly revoked?: boolean;
}

/**
 * The graph of organisations, collaborations, programmes, introductions and the digest log. Two adapters
 * (embedded file store, Neo4j) pass one contract suite (`test/store/contract.ts`). Expected failures are
 * `AppError`s (`NOT_FOUND`, `UNKNOWN_REFERENCE`, `ILLEGAL_TRANSITION`, `CONFLICT`, `STORE_UNAVAILABLE`).
 */
export interface GraphStore {
  readonly kind: 'embedded' | 'neo4j';

  /**
   * Applies a batch atomically: every collaboration and programme participant must name an organisation in the
   * batch or already stored (else `UNKNOWN_REFERENCE` and nothing is written). Upserts are idempotent.
   */
  applyBatch(batch: Batch): Promise<BatchResult>;
  /**
   * The same with organisations as text, for a store that can keep them so (optional: without it, callers parse
   * the text and call `applyBatch`).
   */
  applyEncodedBatch?(batch: EncodedBatch): Promise<BatchResult>;
  /** Ids among `ids` that are stored. */
  existingIds(ids: readonly OrgId[]): Promise<Set<OrgId>>;

  getOrganization(id: OrgId): Promise<Organization | undefined>;
  listOrganizations(filter?: OrganizationFilter): Promise<Organization[]>;
  /** Every organisation, for building the match index. */
  allOrganizations(): Promise<Organization[]>;
  /** Removes the organisation and its collaborations; false when it did not exist. */
  deleteOrganization(id: OrgId): Promise<boolean>;

  allCollaborations(): Promise<Collaboration[]>;
  collaborationsOf(id: OrgId): Promise<Collaboration[]>;
  partnersOf(id: OrgId): Promise<Partner[]>;
  /** Organisations that both `a` and `b` have collaborated with. */
  sharedPartners(a: OrgId, b: OrgId): Promise<OrgId[]>;

  allProgrammes(): Promise<Programme[]>;
  programmesOf(id: OrgId): Promise<Programme[]>;

  /**
   * Stores a new introduction. CONFLICT while its pair has an open one (proposed, accepted or met), checked in the
   * same write: of concurrent proposals of one pair exactly one is created. UNKNOWN_REFERENCE for an unknown side.
   */
  createIntroduction(intro: Introduction): Promise<Introduction>;
  getIntroduction(id: IntroductionId): Promise<Introduction | undefined>;
  listIntroductions(filter?: IntroductionFilter): Promise<Introduction[]>;
  /** Moves an introduction along an allowed transition, atomically (`ILLEGAL_TRANSITION` otherwise). */
  updateIntroduction(id: IntroductionId, update: IntroductionUpdate): Promise<Introduction>;

  /** Creates or replaces the delivery record keyed by (orgId, email, week). */
  putDelivery(delivery: DigestDelivery): Promise<void>;
  getDelivery(orgId: OrgId, email: string, week: IsoWeek): Promise<DigestDelivery | undefined>;
  listDeliveries(filter?: DeliveryFilter): Promise<DigestDelivery[]>;

  putApiKey(key: ApiKeyRecord): Promise<void>;
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined>;

  stats(): Promise<StoreStats>;
  /** Throws `STORE_UNAVAILABLE` when the store cannot be reached. */
  ping(): Promise<void>;
  /**
   * A value that changes whenever what matching reads changes (organisations, collaborations, programmes,
   * introductions), whichever process wrote it, and not for digest deliveries or API keys: an API process polls it
   * to see other processes' writes (`startServer`).
   */
  changeMarker(): Promise<string>;
  /** Removes everything (tests and `eval` use fresh stores). */
  clear(): Promise<void>;
  close(): Promise<void>;
}
