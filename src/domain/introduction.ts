import { z } from 'zod';
import { IntroductionIdSchema, OrgIdSchema } from './ids.js';
import { SectorSchema } from './organization.js';

export const INTRODUCTION_STATUSES = ['proposed', 'accepted', 'declined', 'met', 'closed'] as const;
export const IntroductionStatusSchema = z.enum(INTRODUCTION_STATUSES);
export type IntroductionStatus = z.infer<typeof IntroductionStatusSchema>;

export const INTRODUCTION_OUTCOMES = ['mou', 'joint_rnd', 'tech_transfer', 'none'] as const;
export const IntroductionOutcomeSchema = z.enum(INTRODUCTION_OUTCOMES);
export type IntroductionOutcome = z.infer<typeof IntroductionOutcomeSchema>;

/**
 * The allowed moves of an introduction: proposed → accepted | declined; accepted → met | declined;
 * met → closed (with an outcome). declined and closed are final.
 */
export const INTRODUCTION_TRANSITIONS: Readonly<Record<IntroductionStatus, readonly IntroductionStatus[]>> = {
  proposed: ['accepted', 'declined'],
  accepted: ['met', 'declined'],
  met: ['closed'],
  declined: [],
  closed: [],
};

/** The statuses an introduction can still move from (proposed, accepted, met): while one is, its pair is open. */
export const OPEN_INTRODUCTION_STATUSES: readonly IntroductionStatus[] = INTRODUCTION_STATUSES.filter((s) => INTRODUCTION_TRANSITIONS[s].length > 0);

export const isOpenIntroduction = (status: IntroductionStatus): boolean => INTRODUCTION_TRANSITIONS[status].length > 0;

export function canTransition(from: IntroductionStatus, to: IntroductionStatus): boolean {
  return INTRODUCTION_TRANSITIONS[from].includes(to);
}

export const IntroductionEventSchema = z.strictObject({
  status: IntroductionStatusSchema,
  at: z.iso.datetime(),
  by: z.string().max(200),
  reason: z.string().max(2000).optional(),
});
export type IntroductionEvent = z.infer<typeof IntroductionEventSchema>;

/** A proposed meeting between two organisations and what came of it. */
export const IntroductionSchema = z.strictObject({
  id: IntroductionIdSchema,
  a: OrgIdSchema,
  b: OrgIdSchema,
  /** Who proposed it: a key id, a coordinator or a member organisation. */
  proposedBy: z.string().max(200),
  sectors: z.array(SectorSchema).default([]),
  note: z.string().max(2000).optional(),
  status: IntroductionStatusSchema,
  outcome: IntroductionOutcomeSchema.optional(),
  reasons: z.array(z.string().max(500)).max(20).default([]),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  history: z.array(IntroductionEventSchema).default([]),
});
export type Introduction = z.infer<typeof IntroductionSchema>;
