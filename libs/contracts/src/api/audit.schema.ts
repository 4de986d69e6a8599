import { z } from 'zod';
import { timestampSchema } from './common.schema.js';

export const ACTOR_TYPES = ['user', 'api_key', 'anonymous', 'system'] as const;

export const auditEventSchema = z.object({
  id: z.string(),
  createdAt: timestampSchema,
  actor: z.object({ type: z.enum(ACTOR_TYPES), id: z.string().optional(), label: z.string() }),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string(),
  environment: z.string().optional(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  message: z.string().optional(),
  ip: z.string().optional(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

const optionalText = z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(500).optional();

const auditFilterShape = {
  /** User id or email, or API key id or name. */
  actor: optionalText,
  resourceType: optionalText,
  /** Exact resource id, e.g. `production/payments/stripe`. */
  resource: optionalText,
  action: optionalText,
  from: z.string().datetime({ offset: true, message: 'must be an ISO 8601 time' }).optional(),
  to: z.string().datetime({ offset: true, message: 'must be an ISO 8601 time' }).optional(),
};

const fromBeforeTo = (v: { from?: string | undefined; to?: string | undefined }): boolean =>
  !v.from || !v.to || Date.parse(v.from) <= Date.parse(v.to);

export const auditQuerySchema = z
  .strictObject({
    ...auditFilterShape,
    limit: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(500, 'must be at most 500')
      .default(50),
    cursor: z.string().max(200, 'must be at most 200 characters').optional(),
  })
  .refine(fromBeforeTo, { path: ['to'], message: 'must not be before from' });
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** The same filters, every matching event, as JSON or CSV. */
export const auditExportQuerySchema = z
  .strictObject({
    ...auditFilterShape,
    format: z.enum(['json', 'csv'], { error: 'must be json or csv' }).default('json'),
  })
  .refine(fromBeforeTo, { path: ['to'], message: 'must not be before from' });
export type AuditExportQuery = z.infer<typeof auditExportQuerySchema>;

export const auditPageSchema = z.object({ items: z.array(auditEventSchema), nextCursor: z.string().optional() });
export type AuditPage = z.infer<typeof auditPageSchema>;
