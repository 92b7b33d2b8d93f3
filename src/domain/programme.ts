import { z } from 'zod';
import { OrgIdSchema, ProgrammeIdSchema } from './ids.js';
import { OrgNameSchema, SectorSchema } from './organization.js';

export const PROGRAMME_KINDS = ['exchange', 'rnd_task', 'demo_day', 'forum', 'accelerator'] as const;
export const ProgrammeKindSchema = z.enum(PROGRAMME_KINDS);

/** An exchange programme or R&D task and the organisations that took part. */
export const ProgrammeSchema = z.strictObject({
  id: ProgrammeIdSchema,
  name: OrgNameSchema,
  kind: ProgrammeKindSchema,
  sectors: z.array(SectorSchema).max(20).default([]),
  year: z.number().int().min(1900).max(2100).optional(),
  description: z.string().max(10_000).default(''),
  participants: z.array(OrgIdSchema).max(10_000).default([]),
});
export type Programme = z.infer<typeof ProgrammeSchema>;
export type ProgrammeInput = z.input<typeof ProgrammeSchema>;
