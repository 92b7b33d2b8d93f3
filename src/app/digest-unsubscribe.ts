/**
 * Unsubscribe links of the weekly digest: a token that names one contact of one organisation and is signed with
 * HMAC-SHA256 under the deployment secret, and the use case that turns that contact's `digest` off.
 *
 * Token: `v1.<payload>.<mac>`, payload = base64url(JSON [orgId, email]), mac = base64url(HMAC-SHA256(secret,
 * "innomatch/unsubscribe/v1." + payload)). The purpose prefix keeps the MAC from being valid for any other kind of
 * token signed with the same secret. Tokens do not expire: an unsubscribe link in an old e-mail must keep working.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { appError, OrgIdSchema, type OrgId } from '../domain/index.js';
import type { GraphStore } from '../store/graph-store.js';

const VERSION = 'v1';
const PURPOSE = `innomatch/unsubscribe/${VERSION}.`;

export interface UnsubscribeSubject {
  readonly orgId: OrgId;
  readonly email: string;
}

export function signUnsubscribeToken(secret: string, subject: UnsubscribeSubject): string {
  const payload = Buffer.from(JSON.stringify([subject.orgId, subject.email.toLowerCase()]), 'utf8').toString('base64url');
  return `${VERSION}.${payload}.${mac(secret, payload).toString('base64url')}`;
}

/** The subject of a token signed with `secret`; anything else (altered, truncated, other secret) is `INVALID_TOKEN`. */
export function verifyUnsubscribeToken(secret: string, token: string): UnsubscribeSubject {
  const invalid = () => appError('INVALID_TOKEN', { purpose: 'unsubscribe' });
  const [version, payload, signature, ...rest] = token.split('.');
  if (version !== VERSION || payload === undefined || signature === undefined || rest.length > 0) throw invalid();
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(decoded) || decoded.length !== 2 || typeof decoded[1] !== 'string') throw invalid();
  const orgId = OrgIdSchema.safeParse(decoded[0]);
  if (!orgId.success) throw invalid();
  return { orgId: orgId.data, email: decoded[1] };
}

function mac(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(PURPOSE + payload).digest();
}

export interface UnsubscribeResult extends UnsubscribeSubject {
  /** False when the contact was already unsubscribed or no longer exists: the link is idempotent. */
  readonly changed: boolean;
}

/**
 * Honours an unsubscribe link: verifies the token and sets `digest: false` on every contact of the organisation
 * with that address (compared case-insensitively), writing the updated organisation as one batch. Clicking twice,
 * or after the contact was removed, succeeds without a change.
 *
 * The store has no compare-and-set, so an edit of the same profile landing between the read and the write here is
 * lost (the last writer wins whole, as for every profile write).
 */
export async function unsubscribeFromDigest(store: GraphStore, secret: string, token: string): Promise<UnsubscribeResult> {
  const subject = verifyUnsubscribeToken(secret, token);
  const org = await store.getOrganization(subject.orgId);
  const email = subject.email.toLowerCase();
  const matches = (c: { email: string }) => c.email.toLowerCase() === email;
  if (org === undefined || !org.contacts.some((c) => matches(c) && c.digest)) return { ...subject, changed: false };
  const contacts = org.contacts.map((c) => (matches(c) ? { ...c, digest: false } : c));
  await store.applyBatch({ organizations: [{ ...org, contacts }] });
  return { ...subject, changed: true };
}
