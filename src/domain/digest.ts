import { z } from 'zod';
import { OrgIdSchema } from './ids.js';

/** ISO 8601 week, e.g. 2026-W48. */
export const IsoWeekSchema = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'must be an ISO week such as 2026-W48');
export type IsoWeek = z.infer<typeof IsoWeekSchema>;

export const DIGEST_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;
export const DigestStatusSchema = z.enum(DIGEST_STATUSES);
export type DigestStatus = z.infer<typeof DigestStatusSchema>;

/**
 * One weekly e-mail to one contact of one organisation. `pending` is written as an intent before sending and
 * turned into `sent` after; a `pending` record found by a later run was left in doubt by a crash.
 */
export const DigestDeliverySchema = z.strictObject({
  orgId: OrgIdSchema,
  email: z.string().max(320),
  week: IsoWeekSchema,
  items: z.array(OrgIdSchema).max(100),
  status: DigestStatusSchema,
  messageId: z.string().max(300),
  attempts: z.number().int().min(0),
  error: z.string().max(2000).optional(),
  updatedAt: z.iso.datetime(),
});
export type DigestDelivery = z.infer<typeof DigestDeliverySchema>;

export function digestKey(d: Pick<DigestDelivery, 'orgId' | 'email' | 'week'>): string {
  return `${d.orgId}\u0000${d.email.toLowerCase()}\u0000${d.week}`;
}
