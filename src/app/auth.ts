/**
 * Who is calling and what they may touch. Three roles: an admin may do everything (imports, contacts); a
 * coordinator acts on organisations, introductions and funnels within its sectors; a member acts for its own
 * organisation only. Search, the organisation directory and each organisation's public profile are open to any
 * valid key (a digest mail or a search result links to the profile of an organisation the reader does not act for).
 */
import { appError, type Introduction, type Organization, type OrgId, type Sector } from '../domain/index.js';
import type { ApiKeyRecord } from '../store/graph-store.js';

export type Role = ApiKeyRecord['role'];
export const ROLES = ['admin', 'coordinator', 'member'] as const satisfies readonly Role[];

export interface Principal {
  readonly keyId: string;
  readonly role: Role;
  readonly sectors: readonly Sector[];
  readonly orgId?: OrgId;
}

export function principalOf(key: ApiKeyRecord): Principal {
  return { keyId: key.id, role: key.role, sectors: key.sectors, ...(key.orgId !== undefined ? { orgId: key.orgId } : {}) };
}

/** Only admins see contacts (names, e-mails). */
export function seesContacts(p: Principal): boolean {
  return p.role === 'admin';
}

const sharesSector = (p: Principal, sectors: readonly Sector[]): boolean => sectors.some((s) => p.sectors.includes(s));

/**
 * A check that can be made from the id alone, before loading anything: a member may only name its own
 * organisation (so a 403 does not reveal whether another id exists).
 */
export function assertMayNameOrganization(p: Principal, id: OrgId): void {
  if (p.role === 'member' && p.orgId !== id) forbid(`this key acts for organization "${p.orgId ?? '?'}" only`);
}

/** Acting on (reading with contacts, updating, matching for) a stored organisation. */
export function assertMayActOn(p: Principal, org: Pick<Organization, 'id' | 'sectors'>): void {
  if (p.role === 'admin') return;
  if (p.role === 'member') return assertMayNameOrganization(p, org.id);
  if (!sharesSector(p, org.sectors)) forbid(`organization "${org.id}" is outside this key's sectors (${p.sectors.join(', ')})`);
}

export function assertMayActInSector(p: Principal, sector: Sector): void {
  if (p.role === 'admin') return;
  if (p.role === 'member') forbid('sector views are for coordinators and admins');
  if (!p.sectors.includes(sector)) forbid(`sector "${sector}" is outside this key's sectors (${p.sectors.join(', ')})`);
}

export function assertAdmin(p: Principal, what: string): void {
  if (p.role !== 'admin') forbid(`only an admin key may ${what}`);
}

/**
 * Proposing an introduction: a member only for a pair that includes itself; a coordinator when at least one
 * side is in its sectors (cross-sector pairs such as the brewery consortium are the point of the network).
 */
export function assertMayPropose(p: Principal, a: Pick<Organization, 'id' | 'sectors'>, b: Pick<Organization, 'id' | 'sectors'>): void {
  if (p.role === 'admin') return;
  if (p.role === 'member') {
    if (p.orgId !== a.id && p.orgId !== b.id) forbid(`a member key may only propose introductions for "${p.orgId ?? '?'}"`);
    return;
  }
  if (!sharesSector(p, a.sectors) && !sharesSector(p, b.sectors)) {
    forbid(`neither "${a.id}" nor "${b.id}" is in this key's sectors (${p.sectors.join(', ')})`);
  }
}

/** Reading or moving an introduction: a member when it is one side; a coordinator when it is in its sectors. */
export function mayHandleIntroduction(p: Principal, intro: Pick<Introduction, 'a' | 'b' | 'sectors'>): boolean {
  if (p.role === 'admin') return true;
  if (p.role === 'member') return p.orgId === intro.a || p.orgId === intro.b;
  return sharesSector(p, intro.sectors);
}

export function forbid(detail: string): never {
  throw appError('FORBIDDEN', { detail });
}
