/**
 * Who may appear in a result list: the exclusions every request applies (absent or opted-out organisations,
 * blocked slots such as self, existing partners and declined pairs) and the optional filters (types, sectors,
 * region). Returns a predicate over slots for the ranking loops.
 */
import type { Organization, OrganizationType, Sector } from '../domain/index.js';
import { ORGANIZATION_TYPES, regionFilter } from '../domain/index.js';

export interface CandidateFilters {
  readonly types?: readonly OrganizationType[] | undefined;
  readonly sectors?: readonly Sector[] | undefined;
  readonly region?: string | undefined;
}

export const TYPE_INDEX: Readonly<Record<OrganizationType, number>> = Object.fromEntries(
  ORGANIZATION_TYPES.map((t, i) => [t, i]),
) as Record<OrganizationType, number>;

export interface SlotTable {
  has(slot: number): boolean;
  readonly optedOut: Uint8Array;
  readonly types: Uint8Array;
  orgAt(slot: number): Organization | undefined;
}

/**
 * allow(slot) = present ∧ ¬optedOut ∧ ¬blocked ∧ type ∈ types ∧ sectors ∩ wanted ≠ ∅ ∧ region matches (by any of
 * its names, Korean or English, a province holding its cities: `regionFilter`).
 */
export function candidatePredicate(table: SlotTable, filters: CandidateFilters, blocked: { has(slot: number): boolean }): (slot: number) => boolean {
  let typeMask = 0xff;
  if (filters.types !== undefined && filters.types.length > 0) {
    typeMask = 0;
    for (const t of filters.types) typeMask |= 1 << TYPE_INDEX[t];
  }
  const sectors = filters.sectors !== undefined && filters.sectors.length > 0 ? new Set(filters.sectors) : undefined;
  const region = filters.region !== undefined && filters.region.trim() !== '' ? regionFilter(filters.region) : undefined;
  const { optedOut, types } = table;
  return (slot) => {
    if (!table.has(slot) || optedOut[slot] === 1 || blocked.has(slot)) return false;
    if ((typeMask & (1 << types[slot]!)) === 0) return false;
    if (sectors === undefined && region === undefined) return true;
    const org = table.orgAt(slot);
    if (org === undefined) return false;
    if (sectors !== undefined && !org.sectors.some((s) => sectors.has(s))) return false;
    if (region !== undefined && !region(org.region)) return false;
    return true;
  };
}
