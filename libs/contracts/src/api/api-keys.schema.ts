import { z } from 'zod';
import { nameSchema } from '../config/breaker-config.schema.js';
import { roleSchema, timestampSchema } from './common.schema.js';

export const API_KEY_TYPES = ['sdk', 'admin'] as const;
export type ApiKeyType = (typeof API_KEY_TYPES)[number];

/** SDK keys read one environment's configs and report metrics; admin keys call the REST API with a role. */
export const createApiKeyRequestSchema = z
  .strictObject({
    name: z
      .string({ error: 'must be a string' })
      .trim()
      .min(1, 'is required')
      .max(100, 'must be at most 100 characters'),
    type: z.enum(API_KEY_TYPES, { error: 'must be one of sdk, admin' }),
    environment: nameSchema.optional(),
    role: roleSchema.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.type === 'sdk' && value.environment === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['environment'],
        message: 'is required for an sdk key',
        params: { rule: 'required' },
      });
    if (value.type === 'sdk' && value.role !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['role'],
        message: 'is not allowed for an sdk key',
        params: { rule: 'forbidden' },
      });
    if (value.type === 'admin' && value.role === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['role'],
        message: 'is required for an admin key',
        params: { rule: 'required' },
      });
    if (value.type === 'admin' && value.environment !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['environment'],
        message: 'is not allowed for an admin key',
        params: { rule: 'forbidden' },
      });
  });
export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequestSchema>;

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(API_KEY_TYPES),
  environment: z.string().optional(),
  role: roleSchema.optional(),
  /** The first characters of the key, to recognise it; the key itself is never shown again. */
  prefix: z.string(),
  createdAt: timestampSchema,
  createdBy: z.string().optional(),
  lastUsedAt: timestampSchema.optional(),
  revokedAt: timestampSchema.optional(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

/** The creation response: the only time the secret is shown. */
export const createdApiKeySchema = apiKeySchema.extend({ secret: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

export const apiKeyListSchema = z.object({ items: z.array(apiKeySchema) });
