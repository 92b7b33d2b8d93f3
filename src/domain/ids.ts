import { z } from 'zod';

/** A stable slug: letters, digits, `-`, `_`, `.`; 1–64 characters. */
export const SLUG_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export const OrgIdSchema = z
  .string()
  .regex(SLUG_PATTERN, 'must be a slug of letters, digits, "-", "_" or "." (at most 64 characters)')
  .brand<'OrgId'>();
/** An organisation id; branded so it cannot be confused with other string ids. */
export type OrgId = z.infer<typeof OrgIdSchema>;

export const IntroductionIdSchema = z.string().regex(SLUG_PATTERN).brand<'IntroductionId'>();
export type IntroductionId = z.infer<typeof IntroductionIdSchema>;

export const ProgrammeIdSchema = z.string().regex(SLUG_PATTERN).brand<'ProgrammeId'>();
export type ProgrammeId = z.infer<typeof ProgrammeIdSchema>;

/** Trusted conversion for ids that already passed a schema (store rows, index internals). */
export const asOrgId = (s: string): OrgId => s as OrgId;
export const asIntroductionId = (s: string): IntroductionId => s as IntroductionId;
export const asProgrammeId = (s: string): ProgrammeId => s as ProgrammeId;
