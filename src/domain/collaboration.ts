import { z } from 'zod';
import { OrgIdSchema, type OrgId } from './ids.js';

export const COLLABORATION_KINDS = ['mou', 'joint_rnd', 'tech_transfer', 'poc', 'investment', 'programme'] as const;
export const CollaborationKindSchema = z.enum(COLLABORATION_KINDS);
export type CollaborationKind = z.infer<typeof CollaborationKindSchema>;

/** An undirected tie between two organisations, with the evidence that it happened. */
export const CollaborationSchema = z
  .strictObject({
    a: OrgIdSchema,
    b: OrgIdSchema,
    kind: CollaborationKindSchema,
    year: z.number().int().min(1900).max(2100).optional(),
    evidence: z.string().trim().max(2000).optional(),
  })
  .refine((c) => c.a !== c.b, { message: 'an organisation cannot collaborate with itself', path: ['b'] });
export type Collaboration = z.infer<typeof CollaborationSchema>;

/**
 * The identity of a collaboration: the unordered pair, the kind and the evidence. Two projects of the same pair
 * are two collaborations; the same row ingested twice is one.
 */
export function collaborationKey(c: Pick<Collaboration, 'a' | 'b' | 'kind' | 'evidence'>): string {
  return `${pairKey(c.a, c.b)}\u0000${c.kind}\u0000${c.evidence ?? ''}`;
}

/** The unordered pair as one string: the smaller id, NUL, the larger (the start of its collaborations' keys). */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/**
 * The collaboration as the stores keep it: an empty evidence is no evidence (both have the same key, and the Neo4j
 * store writes absent evidence as '' so that it can MERGE on it).
 */
export function storedCollaboration(c: Collaboration): Collaboration {
  if (c.evidence !== '') return c;
  const { evidence: _none, ...rest } = c;
  return rest;
}

/**
 * Each collaboration's last copy in a batch, by key, in the order the keys first appear: what a batch stores when
 * it gives one collaboration more than once (with different years), and what it is compared with, so that applying
 * the same batch again reports it unchanged.
 */
export function lastCopies(collabs: readonly Collaboration[]): Map<string, Collaboration> {
  const last = new Map<string, Collaboration>();
  for (const c of collabs) last.set(collaborationKey(c), c);
  return last;
}

/** The pair in canonical order (smaller id first). */
export function canonicalPair(a: OrgId, b: OrgId): [OrgId, OrgId] {
  return a < b ? [a, b] : [b, a];
}
