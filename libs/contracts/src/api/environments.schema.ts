import { z } from 'zod';
import { breakerOverridesSchema, nameSchema } from '../config/breaker-config.schema.js';
import { changeMessageSchema, timestampSchema } from './common.schema.js';

const descriptionSchema = z.string({ error: 'must be a string' }).max(2_000, 'must be at most 2000 characters');

export const environmentSchema = z.object({
  name: z.string(),
  description: z.string(),
  builtIn: z.boolean(),
  /** The environment layer of every breaker's effective config (over the template, under its overrides). */
  defaults: breakerOverridesSchema,
  /** Grows with every change of this environment's configs or defaults (see GET .../changes). */
  revision: z.number().int(),
  createdAt: timestampSchema,
});
export type Environment = z.infer<typeof environmentSchema>;

export const createEnvironmentRequestSchema = z.strictObject({
  name: nameSchema.refine((v) => v.length <= 64, { message: 'must be at most 64 characters' }),
  description: descriptionSchema.optional(),
  defaults: breakerOverridesSchema.optional(),
  message: changeMessageSchema,
});
export type CreateEnvironmentRequest = z.infer<typeof createEnvironmentRequestSchema>;

export const updateEnvironmentRequestSchema = z
  .strictObject({
    description: descriptionSchema.optional(),
    defaults: breakerOverridesSchema.optional(),
    message: changeMessageSchema,
  })
  .refine((v) => Object.keys(v).some((key) => key !== 'message'), {
    message: 'must change at least one of description, defaults',
  });
export type UpdateEnvironmentRequest = z.infer<typeof updateEnvironmentRequestSchema>;

export const environmentListSchema = z.object({ items: z.array(environmentSchema) });
