import { z } from 'zod';
import { nameSchema } from '../config/breaker-config.schema.js';
import { changeMessageSchema, timestampSchema } from './common.schema.js';

const text = (max: number) => z.string({ error: 'must be a string' }).max(max, `must be at most ${max} characters`);
const tagsSchema = z.array(nameSchema, { error: 'must be a list of tags' }).max(50, 'must list at most 50 tags');

export const serviceSchema = z.object({
  name: z.string(),
  description: z.string(),
  owner: z.string(),
  tags: z.array(z.string()),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Service = z.infer<typeof serviceSchema>;

export const createServiceRequestSchema = z.strictObject({
  name: nameSchema,
  description: text(2_000).optional(),
  owner: text(200).optional(),
  tags: tagsSchema.optional(),
  message: changeMessageSchema,
});
export type CreateServiceRequest = z.infer<typeof createServiceRequestSchema>;

export const updateServiceRequestSchema = z
  .strictObject({
    description: text(2_000).optional(),
    owner: text(200).optional(),
    tags: tagsSchema.optional(),
    message: changeMessageSchema,
  })
  .refine((v) => Object.keys(v).some((key) => key !== 'message'), {
    message: 'must change at least one of description, owner, tags',
  });
export type UpdateServiceRequest = z.infer<typeof updateServiceRequestSchema>;

export const serviceListSchema = z.object({ items: z.array(serviceSchema) });
