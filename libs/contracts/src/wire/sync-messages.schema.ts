import { z } from 'zod';
import { breakerConfigSchema, circuitTypeSchema, nameSchema } from '../config/breaker-config.schema.js';
import { fieldErrorSchema } from '../errors/error-envelope.schema.js';
import { SYNC_PROTOCOL_VERSION } from './sync-events.js';

/** Per-environment change counter: every config version written bumps it by one, durably. */
export const revisionSchema = z
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be 0 or more')
  .max(Number.MAX_SAFE_INTEGER, 'must be a safe integer');

export const contentHashSchema = z
  .string({ error: 'must be a string' })
  .regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256: followed by 64 lower-case hex digits');

const shortText = (max: number) =>
  z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** An instance id the SDK chooses (defaults to hostname-pid-random). */
export const instanceIdSchema = z
  .string({ error: 'must be a string' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, 'must be 1-128 letters, digits, "_", ".", ":" or "-"');

export const announcedBreakerSchema = z.strictObject({ name: nameSchema, type: circuitTypeSchema });
export type AnnouncedBreaker = z.infer<typeof announcedBreakerSchema>;

/** SDK -> server: who this instance is and where it stands. Sent after every connect. */
export const helloMessageSchema = z.strictObject({
  protocol: z.literal(SYNC_PROTOCOL_VERSION, { error: `must be ${SYNC_PROTOCOL_VERSION}` }),
  service: nameSchema,
  instanceId: instanceIdSchema,
  hostname: shortText(255),
  pid: z.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more'),
  sdkVersion: shortText(64),
  /** The revision this instance last applied (from memory or its cache file), null when it has none. */
  lastRevision: revisionSchema.nullable(),
  breakers: z.array(announcedBreakerSchema).max(10_000, 'must list at most 10000 breakers'),
});
export type HelloMessage = z.infer<typeof helloMessageSchema>;

/** server -> SDK after a valid hello. */
export const welcomeMessageSchema = z.strictObject({
  environment: nameSchema,
  /** The server pings this often; the SDK reconnects when nothing arrives for a few intervals. */
  heartbeatIntervalMs: z.number().int().min(100).max(300_000),
  /** Which control-plane node holds the connection (for status pages and debugging). */
  nodeId: shortText(128),
});
export type WelcomeMessage = z.infer<typeof welcomeMessageSchema>;

/** One breaker's config as the server sends it: the current version's effective config. */
export const syncedConfigSchema = z.strictObject({
  name: nameSchema,
  /** The config's version number (1, 2, ...), as shown in its history. */
  version: z.number().int().min(1),
  /** The environment revision at which this version was written. */
  revision: revisionSchema,
  config: breakerConfigSchema,
});
export type SyncedConfig = z.infer<typeof syncedConfigSchema>;

export const OVERRIDE_ACTIONS = ['force_open', 'force_close', 'reset', 'clear'] as const;
export type OverrideAction = (typeof OVERRIDE_ACTIONS)[number];
export const overrideActionSchema = z.enum(OVERRIDE_ACTIONS, {
  error: `must be one of ${OVERRIDE_ACTIONS.join(', ')}`,
});

/** Overrides that stay in force until cleared (reset is a one-off action). */
export const STANDING_OVERRIDE_ACTIONS = ['force_open', 'force_close'] as const;
export type StandingOverrideAction = (typeof STANDING_OVERRIDE_ACTIONS)[number];

/** server -> SDK: a fleet-wide override of one breaker, for every instance of the service. */
export const overrideMessageSchema = z.strictObject({
  service: nameSchema,
  breaker: nameSchema,
  action: overrideActionSchema,
});
export type OverrideMessage = z.infer<typeof overrideMessageSchema>;

export const standingOverrideSchema = z.strictObject({
  breaker: nameSchema,
  action: z.enum(STANDING_OVERRIDE_ACTIONS),
});
export type StandingOverride = z.infer<typeof standingOverrideSchema>;

/** server -> SDK: every config of the service at `revision`, and the overrides in force. Replaces all it had. */
export const snapshotMessageSchema = z.strictObject({
  service: nameSchema,
  revision: revisionSchema,
  configs: z.array(syncedConfigSchema),
  overrides: z.array(standingOverrideSchema),
});
export type SnapshotMessage = z.infer<typeof snapshotMessageSchema>;

/**
 * server -> SDK: the configs of the service that changed after `fromRevision`, as of `toRevision` (current state,
 * not a log: applying it to any revision between from and to gives the same result), and the breakers removed.
 */
export const deltaMessageSchema = z
  .strictObject({
    service: nameSchema,
    fromRevision: revisionSchema,
    toRevision: revisionSchema,
    upserts: z.array(syncedConfigSchema),
    removals: z.array(nameSchema),
    /** When present, the complete set of standing overrides (sent on reconnect, where overrides may have changed). */
    overrides: z.array(standingOverrideSchema).optional(),
  })
  .refine((delta) => delta.toRevision >= delta.fromRevision, {
    path: ['toRevision'],
    message: 'must not be below fromRevision',
    params: { rule: 'at least fromRevision' },
  });
export type DeltaMessage = z.infer<typeof deltaMessageSchema>;

/** Enough of a snapshot or delta to answer it with a NACK when the rest does not parse. */
export const revisionProbeSchema = z.object({
  revision: revisionSchema.optional(),
  toRevision: revisionSchema.optional(),
});

/** SDK -> server: applied; `contentHash` is contentHash() of every config the instance now runs from the server. */
export const ackMessageSchema = z.strictObject({ revision: revisionSchema, contentHash: contentHashSchema });
export type AckMessage = z.infer<typeof ackMessageSchema>;

/** SDK -> server: rejected; nothing of it was applied. */
export const nackMessageSchema = z.strictObject({
  revision: revisionSchema,
  reason: shortText(2_000),
  errors: z.array(fieldErrorSchema).max(100).optional(),
});
export type NackMessage = z.infer<typeof nackMessageSchema>;

export const pingMessageSchema = z.strictObject({ sentAt: z.number() });
export type PingMessage = z.infer<typeof pingMessageSchema>;
export const pongMessageSchema = z.strictObject({
  sentAt: z.number(),
  revision: revisionSchema.nullable(),
  /** The instance's breakers, when they changed since it last said (the code created more). */
  breakers: z.array(announcedBreakerSchema).max(10_000, 'must list at most 10000 breakers').optional(),
});
export type PongMessage = z.infer<typeof pongMessageSchema>;
