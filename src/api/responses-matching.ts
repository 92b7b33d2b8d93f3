/**
 * Response schemas of the matching endpoints: the allow-lists `present-matching.ts` is typed against. Every
 * string in them comes from public profile fields (names, offers, needs) or from the engine; never contacts.
 */
import { z } from 'zod';
import { CollaborationKindSchema, OrganizationTypeSchema, OrgIdSchema, OrgNameSchema, SectorSchema } from '../domain/index.js';
import { COMPONENT_NAMES } from '../match/defaults.js';

const Localized = z.strictObject({ ko: z.string(), en: z.string() });
const Components = z.strictObject(Object.fromEntries(COMPONENT_NAMES.map((c) => [c, z.number()])) as Record<(typeof COMPONENT_NAMES)[number], z.ZodNumber>);
const OrgSummary = { id: OrgIdSchema, name: OrgNameSchema, type: OrganizationTypeSchema };

const SharedTerm = z.strictObject({ term: z.string(), yours: z.array(z.string()), theirs: z.array(z.string()), weight: z.number() });
const NeedOffer = z.strictObject({ need: z.string(), offer: z.string(), terms: z.array(z.string()), weight: z.number() });
/** A collaboration kind, or `shared_programme` for co-participation in a programme (not a collaboration). */
const Tie = z.enum([...CollaborationKindSchema.options, 'shared_programme']);
const GraphPath = z.strictObject({
  via: OrgIdSchema,
  viaName: Localized,
  yourTie: z.array(Tie),
  theirTie: z.array(Tie),
});

export const ReasonSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('shared_topics'), contribution: z.number(), similarity: z.number(), terms: z.array(SharedTerm) }),
  z.strictObject({
    kind: z.literal('need_offer'),
    direction: z.enum(['they_offer', 'you_offer']),
    contribution: z.number(),
    similarity: z.number(),
    pairs: z.array(NeedOffer),
  }),
  z.strictObject({ kind: z.literal('type_fit'), contribution: z.number(), yourType: OrganizationTypeSchema, theirType: OrganizationTypeSchema, prior: z.number() }),
  z.strictObject({ kind: z.literal('network'), contribution: z.number(), commonPartners: z.number(), paths: z.array(GraphPath) }),
  z.strictObject({
    kind: z.literal('activity'),
    contribution: z.number(),
    recentProjects: z.number().meta({ description: 'their recent projects (among the newest share of all), the count the activity score used' }),
    yourRecentProjects: z.number().meta({ description: 'your recent projects, likewise' }),
  }),
]);

export const MatchExplanationSchema = z.strictObject({
  kind: z.literal('match'),
  interest: z.strictObject({ forYou: z.number(), forThem: z.number() }),
  combination: z.enum(['harmonic', 'geometric']),
  components: z.array(z.strictObject({ component: z.enum(COMPONENT_NAMES), forYou: z.number(), forThem: z.number() })),
  reasons: z.array(ReasonSchema),
  whyThem: Localized.meta({ description: '"why them for you", in Korean and English' }),
  whyYou: Localized.meta({ description: '"why you for them"' }),
});

export const MatchListSchema = z.strictObject({
  organization: OrgIdSchema,
  modelVersion: z.string(),
  matches: z.array(
    z.strictObject({
      ...OrgSummary,
      score: z.number(),
      /** Present for an existing partner (listed only with includeExisting): the kinds of their collaborations. */
      alreadyPartners: z.array(CollaborationKindSchema).optional(),
      components: Components,
      explanation: MatchExplanationSchema.optional(),
    }),
  ),
});

export const SearchResultSchema = z.strictObject({
  query: z.string(),
  modelVersion: z.string(),
  results: z.array(
    z.strictObject({
      ...OrgSummary,
      score: z.number(),
      explanation: z.strictObject({
        kind: z.literal('search'),
        matched: z.array(z.strictObject({ term: z.string(), query: z.array(z.string()), phrases: z.array(z.string()), weight: z.number() })),
        offersSimilarity: z.number(),
        profileSimilarity: z.number(),
      }),
    }),
  ),
});

export const TeamResultSchema = z.strictObject({
  modelVersion: z.string(),
  needs: z.array(z.strictObject({ need: z.string(), coveredBy: OrgIdSchema.optional(), strength: z.number() })),
  members: z.array(
    z.strictObject({ ...OrgSummary, explanation: z.strictObject({ kind: z.literal('team_member'), covers: z.array(NeedOffer), reason: Localized }) }),
  ),
  coverage: z.number().meta({ description: 'share of the needs covered' }),
});

const Side = z.strictObject(OrgSummary);
export const OpportunityListSchema = z.strictObject({
  sector: SectorSchema,
  modelVersion: z.string(),
  pairs: z.array(z.strictObject({ a: Side, b: Side, score: z.number(), components: Components, explanation: MatchExplanationSchema.optional() })),
});
