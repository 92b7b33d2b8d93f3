/**
 * API keys: created once (the secret is shown to the caller and never again), stored as a SHA-256 hash, and
 * resolved to a {@link Principal} per request. A key is 256 random bits, so a plain hash (no salt, no stretching)
 * is enough: there is nothing to guess.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { appError, fieldIssuesFromZod, OrgIdSchema, SectorSchema } from '../domain/index.js';
import type { ApiKeyRecord, GraphStore } from '../store/graph-store.js';
import { principalOf, ROLES, type Principal } from './auth.js';
import type { Clock } from './clock.js';

const KEY_PREFIX = 'imk_';

export const NewApiKeySchema = z
  .strictObject({
    role: z.enum(ROLES),
    sectors: z.array(SectorSchema).max(20).default([]),
    orgId: OrgIdSchema.optional(),
  })
  .superRefine((k, ctx) => {
    if (k.role === 'member' && k.orgId === undefined) ctx.addIssue({ code: 'custom', path: ['orgId'], message: 'a member key needs the organisation it acts for (--org)' });
    if (k.role !== 'member' && k.orgId !== undefined) ctx.addIssue({ code: 'custom', path: ['orgId'], message: 'only a member key acts for one organisation' });
    if (k.role === 'coordinator' && k.sectors.length === 0) ctx.addIssue({ code: 'custom', path: ['sectors'], message: 'a coordinator key needs at least one sector (--sector)' });
    if (k.role !== 'coordinator' && k.sectors.length > 0) ctx.addIssue({ code: 'custom', path: ['sectors'], message: 'only a coordinator key is limited to sectors' });
  });
export type NewApiKey = z.input<typeof NewApiKeySchema>;

export interface CreatedApiKey {
  readonly id: string;
  /** The secret, shown once. */
  readonly key: string;
  readonly record: ApiKeyRecord;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Creates and stores a key; a member key must name a stored organisation. */
export async function createApiKey(store: GraphStore, input: NewApiKey, clock: Clock): Promise<CreatedApiKey> {
  const parsed = NewApiKeySchema.safeParse(input);
  if (!parsed.success) {
    const issues = fieldIssuesFromZod(parsed.error.issues);
    throw appError('VALIDATION_FAILED', { detail: issues.map((i) => `${i.path}: ${i.message}`).join('; ') }, issues);
  }
  const k = parsed.data;
  if (k.orgId !== undefined && (await store.existingIds([k.orgId])).size === 0) {
    throw appError('UNKNOWN_REFERENCE', { entity: 'organization', id: k.orgId });
  }
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const record: ApiKeyRecord = {
    id: `key_${randomBytes(6).toString('hex')}`,
    hash: hashApiKey(key),
    role: k.role,
    sectors: [...new Set(k.sectors)].sort(),
    ...(k.orgId !== undefined ? { orgId: k.orgId } : {}),
    createdAt: clock.now().toISOString(),
  };
  await store.putApiKey(record);
  return { id: record.id, key, record };
}

export type Authenticator = (key: string) => Promise<Principal | undefined>;

/**
 * Resolves a presented key to its principal, or undefined for an unknown or revoked key. Known keys are cached
 * for `ttlMs` so a hot path costs no store round trip per request; a revocation takes effect within `ttlMs`.
 * Unknown keys are not cached (a key created a moment ago must work at once).
 */
export function createAuthenticator(store: GraphStore, clock: Clock, ttlMs: number): Authenticator {
  const cache = new Map<string, { principal: Principal; until: number }>();
  return async (key) => {
    if (!key.startsWith(KEY_PREFIX) || key.length > 200) return undefined;
    const hash = hashApiKey(key);
    const now = clock.now().getTime();
    const hit = cache.get(hash);
    if (hit !== undefined && hit.until > now) return hit.principal;
    const record = await store.findApiKeyByHash(hash);
    if (record === undefined || record.revoked === true) {
      cache.delete(hash);
      return undefined;
    }
    const principal = principalOf(record);
    if (ttlMs > 0) {
      if (cache.size >= 10_000) cache.clear(); // bounded: a flood of distinct valid keys cannot grow it without end
      cache.set(hash, { principal, until: now + ttlMs });
    }
    return principal;
  };
}
