import { z } from 'zod';
import { OrgIdSchema } from './ids.js';

export const ORGANIZATION_TYPES = [
  'large_company',
  'sme',
  'startup',
  'university',
  'research_institute',
  'investor',
  'public_agency',
  'association',
] as const;
export const OrganizationTypeSchema = z.enum(ORGANIZATION_TYPES);
export type OrganizationType = z.infer<typeof OrganizationTypeSchema>;

/** The four i-CON sectors are the defaults; any other lower-case slug is accepted too. */
export const DEFAULT_SECTORS = ['system_semiconductor', 'bio_health', 'ai', 'smart_manufacturing'] as const;
export const SectorSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be a lower-case slug such as "ai" or "bio_health"');
export type Sector = z.infer<typeof SectorSchema>;

export const LocaleSchema = z.enum(['ko', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

export const MAX_DESCRIPTION_CHARS = 100_000;
const phrase = z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters');
const phraseList = z.array(phrase).max(200, 'at most 200 entries');

export const ContactSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email('must be an e-mail address'),
  locale: LocaleSchema.default('ko'),
  /** Opted in to the weekly suggestion e-mail. */
  digest: z.boolean().default(false),
});
export type Contact = z.infer<typeof ContactSchema>;

export const OrgNameSchema = z
  .strictObject({
    ko: z.string().trim().min(1).max(300).optional(),
    en: z.string().trim().min(1).max(300).optional(),
  })
  .refine((n) => n.ko !== undefined || n.en !== undefined, { message: 'needs at least one of name.ko or name.en' });

/**
 * An organisation profile, the public file format (README "Profile format").
 * `contacts` are private: never returned by match endpoints.
 */
export const OrganizationSchema = z.strictObject({
  id: OrgIdSchema,
  name: OrgNameSchema,
  type: OrganizationTypeSchema,
  sectors: z.array(SectorSchema).max(20).default([]),
  region: z.string().trim().max(100).optional(),
  description: z.string().max(MAX_DESCRIPTION_CHARS, `must be at most ${MAX_DESCRIPTION_CHARS} characters`).default(''),
  technologies: phraseList.default([]),
  offers: phraseList.default([]),
  needs: phraseList.default([]),
  founded: z.number().int().min(1800).max(2100).optional(),
  employees: z.number().int().min(0).max(10_000_000).optional(),
  /** A web address people can open: http or https only (a javascript: or data: URL in a link would run). */
  website: z.url({ protocol: /^https?$/, error: 'must be an http or https address' }).optional(),
  contacts: z.array(ContactSchema).max(50).default([]),
  /** Where the profile comes from (e.g. "fictional" or the public source). */
  source: z.string().max(1000).optional(),
  /** An opted-out member is never suggested to anyone and receives no digest. */
  optedOut: z.boolean().default(false),
});
export type Organization = z.infer<typeof OrganizationSchema>;
/** What a file or request may contain before defaults are applied. */
export type OrganizationInput = z.input<typeof OrganizationSchema>;

/** Display name in the wanted language, falling back to the other one. */
export function displayName(org: Pick<Organization, 'name' | 'id'>, locale: Locale = 'en'): string {
  return (locale === 'ko' ? (org.name.ko ?? org.name.en) : (org.name.en ?? org.name.ko)) ?? org.id;
}
