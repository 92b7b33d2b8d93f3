/**
 * Response schemas: what each answer may contain. They document the API (OpenAPI) and are the allow-lists the
 * mappers in `present.ts` are typed against; the API tests parse every answer with them in strict mode.
 */
import { z } from 'zod';
import {
  ContactSchema,
  ERRORS,
  IntroductionSchema,
  IntroductionOutcomeSchema,
  OrganizationSchema,
  OrganizationTypeSchema,
  OrgIdSchema,
  OrgNameSchema,
  SectorSchema,
  type ErrorCode,
} from '../domain/index.js';

export const ProblemSchema = z.strictObject({
  type: z.string().meta({ description: 'a link to this code in /docs' }),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.enum(Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]]),
  instance: z.string().meta({ description: 'urn:uuid:<request id>, also sent as X-Request-Id' }),
  errors: z.array(z.strictObject({ path: z.string(), message: z.string() })),
});

/** A profile without its private contacts; admins get the contacts too. */
export const PublicOrganizationSchema = OrganizationSchema.omit({ contacts: true }).extend({
  contacts: z.array(ContactSchema).optional().meta({ description: 'admin keys only' }),
});
export type PublicOrganization = z.output<typeof PublicOrganizationSchema>;

export const OrganizationSummarySchema = z.strictObject({
  id: OrgIdSchema,
  name: OrgNameSchema,
  type: OrganizationTypeSchema,
  sectors: z.array(SectorSchema),
  region: z.string().optional(),
});
export type OrganizationSummary = z.output<typeof OrganizationSummarySchema>;

export const DirectoryPageSchema = z.strictObject({
  items: z.array(OrganizationSummarySchema),
  nextCursor: z.string().optional().meta({ description: 'pass as ?cursor= for the next page; absent on the last page' }),
});

export const IntroductionResponseSchema = IntroductionSchema;
export const IntroductionListSchema = z.strictObject({ items: z.array(IntroductionSchema) });

/** Who the calling key is: what it may do follows from its role, its sectors and (a member key) its organisation. */
export const MeSchema = z.strictObject({
  keyId: z.string(),
  role: z.enum(['admin', 'coordinator', 'member']),
  sectors: z.array(SectorSchema).meta({ description: 'a coordinator’s sectors (empty for other roles)' }),
  organization: OrgIdSchema.optional().meta({ description: 'the organisation a member key acts for' }),
});

const count = z.number().int().min(0);
export const FunnelSchema = z.strictObject({
  sector: SectorSchema,
  proposed: count,
  accepted: count,
  declined: count,
  met: count,
  closed: count,
  open: count,
  outcomes: z.record(IntroductionOutcomeSchema, count),
});

const created = z.strictObject({ created: count, updated: count, unchanged: count });
export const ImportReportSchema = z.strictObject({
  files: z.array(
    z.strictObject({ name: z.string(), kind: z.enum(['organizations', 'collaborations', 'programmes']), format: z.string(), rows: count, accepted: count }),
  ),
  rejected: z.array(
    z.strictObject({
      file: z.string().meta({ description: 'organizations, collaborations or programmes' }),
      line: count.meta({ description: '1-based position of the row in its array' }),
      field: z.string(),
      reason: z.string(),
    }),
  ),
  applied: z
    .strictObject({ organizations: created, collaborations: created, programmes: created })
    .optional(),
  landed: z.boolean(),
});

export const HealthSchema = z.strictObject({ status: z.literal('ok') });
export const ReadinessSchema = z.strictObject({
  ready: z.boolean(),
  store: z.enum(['ok', 'unavailable']),
  index: z.enum(['built', 'building', 'absent']),
});
