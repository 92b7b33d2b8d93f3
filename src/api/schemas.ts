/**
 * Request schemas: the single source of truth for validation and for the OpenAPI document. Objects are strict
 * (an unknown field is an error, not silently dropped); list query parameters take `a,b` or repeated `x=a&x=b`.
 */
import { z } from 'zod';
import {
  ContactSchema,
  IntroductionIdSchema,
  IntroductionOutcomeSchema,
  IntroductionStatusSchema,
  OrganizationSchema,
  OrganizationTypeSchema,
  OrgIdSchema,
  SectorSchema,
} from '../domain/index.js';
import { DEFAULT_LIMITS } from './limits.js';

const MAX = DEFAULT_LIMITS.maxPageSize;

/** A list in the query string: comma-separated and/or repeated. */
function queryList<T extends z.ZodType>(item: T, max: number) {
  return z.preprocess((v) => {
    const parts: unknown[] | undefined = typeof v === 'string' ? [v] : Array.isArray(v) ? v : undefined;
    if (parts === undefined) return v; // not a list: let the array schema say so
    return parts
      .flatMap((s) => (typeof s === 'string' ? s.split(',').map((x) => x.trim()) : [s]))
      .filter((s) => s !== '');
  }, z.array(item).max(max));
}

/**
 * `limit`: a positive integer; values above the cap are treated as the cap (so a client asking for 10⁶ gets 50).
 * In a query string (`coerce`) an empty value (`?limit=`) means the default, as if it were left out.
 */
function limitParam(fallback: number, coerce: boolean) {
  const description = `at most ${MAX}; larger values are treated as ${MAX} (default ${fallback})`;
  const n = coerce ? z.coerce.number() : z.number();
  const limit = n
    .int('must be a whole number')
    .min(1)
    .default(fallback)
    .transform((v) => Math.min(v, MAX));
  if (!coerce) return limit.meta({ description });
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), limit).meta({ description });
}

const booleanParam = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .meta({ description: '"true" or "false"' });

export const OrgIdParams = z.strictObject({ id: OrgIdSchema });
export const IntroductionIdParams = z.strictObject({ id: IntroductionIdSchema });
export const SectorParams = z.strictObject({ sector: SectorSchema });

/** An opaque keyset cursor: the base64url of the last id of the previous page. */
export const CursorSchema = z
  .string()
  .max(200)
  .transform((s, ctx) => {
    const id = OrgIdSchema.safeParse(Buffer.from(s, 'base64url').toString('utf8'));
    if (id.success) return id.data;
    ctx.addIssue({ code: 'custom', message: 'is not a cursor returned by this API' });
    return z.NEVER;
  });
export const encodeCursor = (id: string): string => Buffer.from(id, 'utf8').toString('base64url');

export const DirectoryQuery = z.strictObject({
  type: queryList(OrganizationTypeSchema, 8).optional().meta({ description: 'organisation types, comma-separated' }),
  sector: queryList(SectorSchema, 20).optional().meta({ description: 'sectors, comma-separated' }),
  q: z.string().trim().min(1).max(100).optional().meta({ description: 'case-insensitive part of the Korean or English name, or of the id' }),
  cursor: CursorSchema.optional().meta({ description: 'the nextCursor of the previous page' }),
  limit: limitParam(20, true),
});

/**
 * A profile as `PUT /v1/organizations/:id` takes it: the public file format, except that leaving out
 * `contacts` keeps the stored ones (only an admin may send contacts).
 */
export const OrganizationBody = OrganizationSchema.extend({
  contacts: z.array(ContactSchema).max(50).optional().meta({ description: 'admin only; left out: the stored contacts are kept' }),
});

const rows = (what: string) => z.array(z.unknown()).max(200_000).optional().meta({ description: `${what}, each validated as a row of the file format` });
export const ImportBody = z.strictObject({
  organizations: rows('organisation profiles'),
  collaborations: rows('collaborations'),
  programmes: rows('programmes'),
  strict: z.boolean().default(false).meta({ description: 'reject the whole import when any row is invalid' }),
});

export const ProposalBody = z
  .strictObject({
    a: OrgIdSchema,
    b: OrgIdSchema,
    note: z.string().trim().max(2000).optional(),
    reasons: z.array(z.string().trim().min(1).max(500)).max(20).optional(),
  })
  .refine((p) => p.a !== p.b, { path: ['b'], message: 'must differ from a (an organisation cannot be introduced to itself)' });

export const StatusChangeBody = z
  .strictObject({
    status: IntroductionStatusSchema.exclude(['proposed']),
    outcome: IntroductionOutcomeSchema.optional().meta({ description: 'required when status is closed, not allowed otherwise' }),
    reason: z.string().trim().min(1).max(2000).optional(),
  })
  .refine((c) => c.status !== 'closed' || c.outcome !== undefined, { path: ['outcome'], message: 'is required when status is closed' })
  .refine((c) => c.status === 'closed' || c.outcome === undefined, { path: ['outcome'], message: 'is allowed only when status is closed' });

export const IntroductionQuery = z.strictObject({
  sector: SectorSchema.optional(),
  status: IntroductionStatusSchema.optional(),
});

export const MatchQuery = z.strictObject({
  types: queryList(OrganizationTypeSchema, 8).optional().meta({ description: 'only these organisation types' }),
  sectors: queryList(SectorSchema, 20).optional().meta({ description: 'only organisations in these sectors' }),
  limit: limitParam(10, true),
  includeExisting: booleanParam.default(false).meta({ description: 'also suggest existing partners (default false)' }),
});

export const SearchBody = z.strictObject({
  query: z.string().trim().min(1).max(2000).meta({ description: 'free text in Korean or English' }),
  types: z.array(OrganizationTypeSchema).max(8).optional(),
  sectors: z.array(SectorSchema).max(20).optional(),
  limit: limitParam(10, false),
});

export const TeamBody = z
  .strictObject({
    organization: OrgIdSchema.optional().meta({ description: 'build the team around this organisation’s needs' }),
    needs: z.string().trim().min(1).max(5000).optional().meta({ description: 'or around these needs, in free text' }),
  })
  .refine((t) => (t.organization === undefined) !== (t.needs === undefined), { message: 'give exactly one of organization or needs' });

export const OpportunitiesQuery = z.strictObject({ limit: limitParam(20, true) });

/** Health probes ignore any query string (load balancers add their own). */
export const AnyQuery = z.object({});

/** The signed token of a digest's unsubscribe link; other parameters (e.g. added by mail trackers) are ignored. */
export const UnsubscribeQuery = z.object({
  token: z.string().min(1).max(2048).meta({ description: 'the signed token from the e-mail’s link (`v1.<payload>.<mac>`)' }),
});
