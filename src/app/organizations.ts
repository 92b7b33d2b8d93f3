/** Reading and writing organisation profiles on behalf of a caller. */
import { appError, OrganizationSchema, type Organization, type OrganizationType, type OrgId, type Sector } from '../domain/index.js';
import type { GraphStore } from '../store/graph-store.js';
import { assertMayActOn, assertMayNameOrganization, forbid, seesContacts, type Principal } from './auth.js';

export interface DirectoryQuery {
  readonly types?: readonly OrganizationType[];
  readonly sectors?: readonly Sector[];
  readonly q?: string;
  readonly after?: OrgId;
  readonly limit: number;
}

/** One page of the directory, in id order; `nextAfter` is set when there is more. */
export async function listDirectory(store: GraphStore, query: DirectoryQuery): Promise<{ items: Organization[]; nextAfter?: OrgId }> {
  const rows = await store.listOrganizations({ ...query, limit: query.limit + 1 });
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return rows.length > query.limit && last !== undefined ? { items, nextAfter: last.id } : { items };
}

/**
 * One organisation's profile, for any valid key: the profile is public like the directory and search results
 * that link to it (the API leaves contacts out for every key but an admin's, see `seesContacts`).
 */
export async function getOrganization(store: GraphStore, id: OrgId): Promise<Organization> {
  const org = await store.getOrganization(id);
  if (org === undefined) throw appError('NOT_FOUND', { entity: 'organization', id });
  return org;
}

/**
 * May `p` act on (match for, build a team around) organisation `id`? An admin may act on any id and a member on
 * its own, decided from the id alone (a member naming another id gets 403 whether it exists or not); only a
 * coordinator's request costs a store read (on Neo4j, a round trip), to see the organisation's sectors (an
 * unknown id: `NOT_FOUND`). Otherwise whether the id exists is for the caller to find out (the match service
 * answers `NOT_FOUND`).
 */
export async function assertMayActOnOrganization(store: GraphStore, p: Principal, id: OrgId): Promise<void> {
  assertMayNameOrganization(p, id);
  if (p.role === 'coordinator') assertMayActOn(p, await getOrganization(store, id));
}

/**
 * Creates or replaces one profile. `contacts` are private, so only an admin may send them; when the request
 * leaves them out the stored ones are kept (a member editing its profile cannot see, and must not erase, them).
 * The write itself is one atomic batch; among concurrent writes of one id the last one wins whole.
 */
export async function upsertOrganization(
  store: GraphStore,
  p: Principal,
  org: Omit<Organization, 'contacts'> & { contacts?: Organization['contacts'] },
): Promise<{ organization: Organization; created: boolean }> {
  assertMayNameOrganization(p, org.id);
  if (org.contacts !== undefined && !seesContacts(p)) forbid('only an admin key may set contacts');
  const before = await store.getOrganization(org.id);
  if (before !== undefined) assertMayActOn(p, before);
  // parsed again so the keys come in schema order and an identical profile is recognised as unchanged
  const organization = OrganizationSchema.parse({ ...org, contacts: org.contacts ?? before?.contacts ?? [] });
  assertMayActOn(p, organization);
  const result = await store.applyBatch({ organizations: [organization] });
  return { organization, created: result.organizations.created > 0 };
}
