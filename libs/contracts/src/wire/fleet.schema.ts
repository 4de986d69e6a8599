import { z } from 'zod';
import { nameSchema } from '../config/breaker-config.schema.js';
import {
  announcedBreakerSchema,
  contentHashSchema,
  instanceIdSchema,
  revisionSchema,
  STANDING_OVERRIDE_ACTIONS,
  standingOverrideSchema,
} from './sync-messages.schema.js';

/** One SDK instance as the control plane records it (REST response of the instance registry). */
export const instanceStatusSchema = z.object({
  environment: nameSchema,
  service: nameSchema,
  instanceId: instanceIdSchema,
  hostname: z.string(),
  pid: z.number().int(),
  sdkVersion: z.string(),
  connected: z.boolean(),
  /** Node that holds (or last held) the connection. */
  nodeId: z.string(),
  connectedAt: z.string(),
  lastSeenAt: z.string(),
  disconnectedAt: z.string().nullable(),
  breakers: z.array(announcedBreakerSchema),
  /** Last revision the instance ACKed, with the content hash it reported: never set by a NACK. */
  appliedRevision: revisionSchema.nullable(),
  appliedHash: contentHashSchema.nullable(),
  appliedAt: z.string().nullable(),
  /** Whether the reported hash equals the server's hash of the same configs (null: not checkable yet). */
  hashVerified: z.boolean().nullable(),
  lastNack: z.object({ revision: revisionSchema, reason: z.string(), at: z.string() }).nullable(),
  /** "synced": applied the service's latest change; "stale": behind or rejected it; "offline": disconnected. */
  syncStatus: z.enum(['synced', 'stale', 'offline']),
  /** Fleet-wide overrides in force for the instance's service (pushed to it, and re-sent when it reconnects). */
  overrides: z.array(standingOverrideSchema),
});
export type InstanceStatus = z.infer<typeof instanceStatusSchema>;

/** Per breaker: how many instances of the service run its current version ("38 of 40"). */
export const breakerDriftSchema = z.object({
  service: nameSchema,
  breaker: nameSchema,
  version: z.number().int().min(1),
  /** The environment revision at which the current version was written. */
  revision: revisionSchema,
  current: z.number().int().min(0),
  total: z.number().int().min(0),
  summary: z.string(),
});
export type BreakerDrift = z.infer<typeof breakerDriftSchema>;

export const fleetOverrideSchema = z.object({
  environment: nameSchema,
  service: nameSchema,
  breaker: nameSchema,
  action: z.enum(STANDING_OVERRIDE_ACTIONS),
  createdBy: z.string(),
  createdAt: z.string(),
  message: z.string(),
});
export type FleetOverride = z.infer<typeof fleetOverrideSchema>;

/** GET /api/v1/environments/{env}/instances?service= */
export const instanceListResponseSchema = z.object({
  environment: nameSchema,
  currentRevision: revisionSchema,
  instances: z.array(instanceStatusSchema),
  drift: z.array(breakerDriftSchema),
  overrides: z.array(fleetOverrideSchema),
});
export type InstanceListResponse = z.infer<typeof instanceListResponseSchema>;

export const instanceListQuerySchema = z.strictObject({ service: nameSchema.optional() });

/** POST /api/v1/environments/{env}/services/{service}/breakers/{name}/override */
export const overrideRequestSchema = z.strictObject({
  action: z.enum(['force_open', 'force_close', 'reset'], { error: 'must be one of force_open, force_close, reset' }),
  message: z.string({ error: 'must be a string' }).max(2_000, 'must be at most 2000 characters').optional(),
});
export type OverrideRequest = z.infer<typeof overrideRequestSchema>;

/** Response of setting or clearing an override. */
export const overrideResponseSchema = z.object({
  environment: nameSchema,
  service: nameSchema,
  breaker: nameSchema,
  action: z.enum(['force_open', 'force_close', 'reset', 'clear']),
  /** The standing override after the request (null when none is in force). */
  active: fleetOverrideSchema.nullable(),
});
export type OverrideResponse = z.infer<typeof overrideResponseSchema>;
