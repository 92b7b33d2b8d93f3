import { z } from 'zod';

/**
 * A stable slug: letters, digits, `-`, `_`, `.`; 1–64 characters; not only dots (`.` and `..` are path segments
 * that URLs and file paths resolve away, so such an id could never be reached at `/v1/organizations/<id>`).
 */
export const SLUG_PATTERN = /^(?!\.+$)[A-Za-z0-9._-]{1,64}$/;

const ONLY_DOTS = /^\.+$/;

/** A slug schema whose message says what is wrong, dots-only ids included. */
const slug = () =>
  z.string().regex(SLUG_PATTERN, {
    error: (issue) =>
      typeof issue.input === 'string' && ONLY_DOTS.test(issue.input)
        ? 'must not be only dots ("." and ".." mean "this" and "the parent" in a path, so no link could reach it)'
        : 'must be a slug of letters, digits, "-", "_" or "." (at most 64 characters)',
  });

export const OrgIdSchema = slug().brand<'OrgId'>();
/** An organisation id; branded so it cannot be confused with other string ids. */
export type OrgId = z.infer<typeof OrgIdSchema>;

export const IntroductionIdSchema = slug().brand<'IntroductionId'>();
export type IntroductionId = z.infer<typeof IntroductionIdSchema>;

export const ProgrammeIdSchema = slug().brand<'ProgrammeId'>();
export type ProgrammeId = z.infer<typeof ProgrammeIdSchema>;

/** Trusted conversion for ids that already passed a schema (store rows, index internals). */
export const asOrgId = (s: string): OrgId => s as OrgId;
export const asIntroductionId = (s: string): IntroductionId => s as IntroductionId;
export const asProgrammeId = (s: string): ProgrammeId => s as ProgrammeId;
