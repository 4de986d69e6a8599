import { z } from 'zod';
import {
  breakerConfigSchema,
  breakerMetadataSchema,
  breakerOverridesSchema,
  circuitTypeSchema,
  nameSchema,
  serviceCategorySchema,
  templateNameSchema,
} from '../config/breaker-config.schema.js';
import { VALUE_SOURCES } from '../config/resolve.js';
import { changeMessageSchema, timestampSchema } from './common.schema.js';

/**
 * What a breaker config stores (and what each version freezes): the template it starts from, its own overrides
 * and its metadata. The effective config is computed from these and the environment's defaults.
 */
export const breakerContentSchema = z.object({
  template: templateNameSchema.optional(),
  overrides: breakerOverridesSchema,
  metadata: breakerMetadataSchema.omit({ template: true, environment: true }),
});
export type BreakerContent = z.infer<typeof breakerContentSchema>;

/** PUT body: create, or update with `If-Match: <version>`. */
export const putBreakerRequestSchema = z.strictObject({
  template: templateNameSchema.optional(),
  overrides: breakerOverridesSchema.default({}),
  metadata: breakerMetadataSchema.omit({ template: true, environment: true }).default({}),
  message: changeMessageSchema,
});
export type PutBreakerRequest = z.input<typeof putBreakerRequestSchema>;

export const valueSourceSchema = z.enum(VALUE_SOURCES);

export const breakerSchema = z.object({
  environment: z.string(),
  service: z.string(),
  name: z.string(),
  version: z.number().int(),
  template: templateNameSchema.optional(),
  overrides: breakerOverridesSchema,
  metadata: breakerContentSchema.shape.metadata,
  /** What the breaker runs with: template, then environment defaults, then overrides. */
  effective: breakerConfigSchema,
  /** Where each effective value came from (`default`, `template`, `environment`, `override`), by field path. */
  sources: z.record(z.string(), valueSourceSchema),
  contentHash: z.string(),
  updatedAt: timestampSchema,
  updatedBy: z.string(),
  /** The environment revision of the last change (write or delete). */
  revision: z.number().int(),
});
export type Breaker = z.infer<typeof breakerSchema>;

export const breakerListQuerySchema = z.strictObject({
  service: nameSchema.optional(),
  tag: nameSchema.optional(),
  category: serviceCategorySchema.optional(),
  circuitType: circuitTypeSchema.optional(),
});
export type BreakerListQuery = z.infer<typeof breakerListQuerySchema>;

export const breakerListSchema = z.object({ items: z.array(breakerSchema), revision: z.number().int() });

export const breakerVersionSchema = z.object({
  version: z.number().int(),
  template: templateNameSchema.optional(),
  overrides: breakerOverridesSchema,
  metadata: breakerContentSchema.shape.metadata,
  /** The effective config when this version was written. */
  effective: breakerConfigSchema,
  contentHash: z.string(),
  author: z.string(),
  message: z.string().optional(),
  createdAt: timestampSchema,
  revision: z.number().int(),
});
export type BreakerVersion = z.infer<typeof breakerVersionSchema>;

export const breakerVersionListSchema = z.object({ items: z.array(breakerVersionSchema) });

const versionNumberSchema = z.coerce
  .number({ error: 'must be a version number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1');

export const versionParamSchema = versionNumberSchema;

export const diffQuerySchema = z.strictObject({ from: versionNumberSchema, to: versionNumberSchema });

export const fieldChangeSchema = z.object({
  path: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type FieldChange = z.infer<typeof fieldChangeSchema>;

export const breakerDiffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  /** Changes of the stored content (template, overrides, metadata). */
  changes: z.array(fieldChangeSchema),
  /** Changes of the effective config as each version recorded it. */
  effectiveChanges: z.array(fieldChangeSchema),
});
export type BreakerDiff = z.infer<typeof breakerDiffSchema>;

export const rollbackRequestSchema = z.strictObject({
  version: z.number({ error: 'must be a version number' }).int('must be a whole number').min(1, 'must be at least 1'),
  message: changeMessageSchema,
});
export type RollbackRequest = z.infer<typeof rollbackRequestSchema>;

/** Breakers of one environment changed after a revision (for SDK sync). */
export const changesQuerySchema = z.strictObject({
  since: z.coerce
    .number({ error: 'must be a revision number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more'),
});

export const breakerChangeSchema = z.object({
  service: z.string(),
  name: z.string(),
  revision: z.number().int(),
  deleted: z.boolean(),
  /** Absent when deleted. */
  breaker: breakerSchema.optional(),
});
export const changesResponseSchema = z.object({
  environment: z.string(),
  revision: z.number().int(),
  changes: z.array(breakerChangeSchema),
});
export type ChangesResponse = z.infer<typeof changesResponseSchema>;

export const importQuerySchema = z.strictObject({
  dryRun: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true'),
});

export const importItemSchema = z.object({
  service: z.string(),
  name: z.string(),
  action: z.enum(['create', 'update', 'unchanged']),
  currentVersion: z.number().int().optional(),
  newVersion: z.number().int().optional(),
  changes: z.array(fieldChangeSchema),
});
export const importResultSchema = z.object({
  dryRun: z.boolean(),
  environment: z.string(),
  items: z.array(importItemSchema),
  createdServices: z.array(z.string()),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const breakerPathSchema = z.object({ env: nameSchema, service: nameSchema, name: nameSchema });
