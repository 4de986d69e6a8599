import { z } from 'zod';
import { typeError } from '../validation/field-errors.js';

/**
 * The breaker configuration, as the standardization guide describes it (camelCase here, snake_case in YAML files:
 * see yaml-keys.ts). Durations are seconds everywhere; rates are fractions in (0, 1].
 *
 * Four shapes share one set of field rules:
 * - `BreakerSettings`: every behaviour field, complete (a template layered on the defaults, a resolved config);
 * - `BreakerOverrides`: any subset of the settings, nested objects partial, `null` to switch an optional part off;
 * - `BreakerConfig`: a name, complete settings and metadata: what a breaker runs with;
 * - `BreakerConfigDocument`: a name, overrides and metadata naming a template and an environment: what a YAML file
 *   or an import holds, resolved into a `BreakerConfig` by `resolveBreakerConfigDocument`.
 */

export const NAME_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,127}$/;
const NAME_RULE =
  'must match ^[a-z0-9][a-z0-9_.-]{0,127}$: 1-128 lower-case letters, digits, "_", "." or "-", starting with a letter or digit';

function oneOf(values: ReadonlyArray<string>) {
  return typeError(`one of ${values.join(', ')}`, ['invalid_type', 'invalid_value']);
}

/** Names of breakers, services, environments, pools and tags. */
export const nameSchema = z.string(typeError('a string')).regex(NAME_PATTERN, NAME_RULE);

export const CIRCUIT_TYPES = ['count_based', 'time_based', 'percentage_based', 'adaptive'] as const;
export type CircuitType = (typeof CIRCUIT_TYPES)[number];
export const circuitTypeSchema = z.enum(CIRCUIT_TYPES, oneOf(CIRCUIT_TYPES));

/** The guide's service categories (`breaker_type` in its API): which kind of dependency a breaker protects. */
export const SERVICE_CATEGORIES = ['ai', 'mcp', 'database', 'external', 'http'] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];
export const serviceCategorySchema = z.enum(SERVICE_CATEGORIES, oneOf(SERVICE_CATEGORIES));

export const TEMPLATE_NAMES = ['ai_provider', 'mcp_server', 'database', 'external_api', 'http_route'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];
export const templateNameSchema = z.enum(TEMPLATE_NAMES, oneOf(TEMPLATE_NAMES));

/** Upper bounds that keep memory per breaker fixed and small, and catch unit mistakes (ms typed as seconds). */
export const LIMITS = {
  maxCount: 10_000,
  maxWindowCalls: 10_000,
  maxWindowSeconds: 3_600,
  maxSeconds: 86_400,
  maxHalfOpenCalls: 1_000,
  maxConcurrentCalls: 10_000,
  maxQueue: 100_000,
  maxQueueTimeout: 3_600,
  maxHealthCheckInterval: 3_600,
  maxHealthCheckTimeout: 600,
  maxExcludedExceptions: 100,
  maxTags: 50,
  maxDescription: 2_000,
} as const;

const numberType = typeError('a number');

export const positiveIntSchema = (max: number) =>
  z
    .number(numberType)
    .int('must be a whole number')
    .min(1, 'must be a positive integer (at least 1)')
    .max(max, `must be at most ${max}`);

export const secondsSchema = (max: number = LIMITS.maxSeconds) =>
  z
    .number(numberType)
    .positive('must be a positive number of seconds (greater than 0)')
    .max(max, `must be at most ${max} seconds`);

export const rateSchema = z
  .number(numberType)
  .gt(0, 'must be a rate greater than 0 and at most 1')
  .max(1, 'must be a rate greater than 0 and at most 1');

export const prioritySchema = z
  .number(numberType)
  .int('must be a whole number')
  .min(1, 'must be between 1 (highest) and 5 (lowest)')
  .max(5, 'must be between 1 (highest) and 5 (lowest)');

/** A list without repeats: a repeated entry is a copy-paste mistake, reported at the repeat. */
function uniqueList<T extends z.ZodType<string>>(item: T, what: string, max: number) {
  return z
    .array(item, typeError(`a list of ${what}`))
    .max(max, `must list at most ${max} ${what}`)
    .superRefine((values, ctx) => {
      const seen = new Set<string>();
      values.forEach((value, index) => {
        if (seen.has(value)) {
          ctx.addIssue({
            code: 'custom',
            path: [index],
            message: `repeats "${value}": each entry may appear once`,
            params: { rule: 'unique' },
          });
        }
        seen.add(value);
      });
    });
}

const exceptionNameSchema = z
  .string(typeError('a string'))
  .regex(/^[A-Za-z_$][\w$.]{0,199}$/, 'must be an error class name such as ValidationError or HttpError.NotFound');

const maxQueueSchema = z
  .number(numberType)
  .int('must be a whole number')
  .min(0, 'must be 0 or more')
  .max(LIMITS.maxQueue, `must be at most ${LIMITS.maxQueue}`);

const bulkheadShape = {
  maxConcurrentCalls: positiveIntSchema(LIMITS.maxConcurrentCalls),
  /** Breakers with the same pool name share one limit; without one, the breaker has its own. */
  isolationPoolName: nameSchema.optional(),
  /** Seconds a call may wait in the queue for a slot before BulkheadFullError. */
  queueTimeout: secondsSchema(LIMITS.maxQueueTimeout),
  /** Calls that may wait; 0 rejects at once when all slots are taken. */
  maxQueue: maxQueueSchema,
};

/** The guide's BulkheadConfig: concurrency limit, a bounded queue, pools shared by name. */
export const bulkheadConfigSchema = z.strictObject(bulkheadShape, typeError('an object'));
export type BulkheadConfig = z.infer<typeof bulkheadConfigSchema>;

const healthCheckShape = {
  /** Seconds between two health checks while the circuit is open. */
  healthCheckInterval: secondsSchema(LIMITS.maxHealthCheckInterval),
  /** Seconds a health check may take before it counts as failed. */
  healthCheckTimeout: secondsSchema(LIMITS.maxHealthCheckTimeout),
};

type HealthCheckInput = { healthCheckInterval?: number | undefined; healthCheckTimeout?: number | undefined };

function checkHealthCheck(value: HealthCheckInput | null | undefined, ctx: z.RefinementCtx): void {
  const interval = value?.healthCheckInterval;
  const timeout = value?.healthCheckTimeout;
  if (interval !== undefined && timeout !== undefined && timeout > interval) {
    ctx.addIssue({
      code: 'custom',
      path: ['healthCheckTimeout'],
      message: `must not be longer than healthCheckInterval (${interval} s)`,
      params: { rule: 'at most healthCheckInterval' },
    });
  }
}

/** The guide's HealthCheckConfig: while open, poll a health check to recover early. */
export const healthCheckConfigSchema = z
  .strictObject(healthCheckShape, typeError('an object'))
  .superRefine(checkHealthCheck);
export type HealthCheckConfig = z.infer<typeof healthCheckConfigSchema>;

const adaptiveShape = {
  /** K of client-side adaptive throttling: reject with probability max(0, (requests - K*accepts)/(requests+1)). */
  throttleK: z
    .number(numberType)
    .min(1, 'must be at least 1 (1 sheds the most, 2 is the usual choice)')
    .max(10, 'must be at most 10'),
  /** A call is slow when it takes longer than this many times the learned latency baseline. */
  latencyMultiplier: z.number(numberType).gt(1, 'must be greater than 1').max(100, 'must be at most 100'),
  /** Seconds over which the latency baseline forgets half of its past (exponentially weighted). */
  baselineHalfLife: secondsSchema(LIMITS.maxSeconds),
  /** Calls observed before the baseline is trusted to judge slowness. */
  minimumBaselineCalls: positiveIntSchema(LIMITS.maxCount),
};

/** Tuning of the ADAPTIVE breaker (see the SDK README for the algorithm). */
export const adaptiveConfigSchema = z.strictObject(adaptiveShape, typeError('an object'));
export type AdaptiveConfig = z.infer<typeof adaptiveConfigSchema>;

const settingsShape = {
  circuitType: circuitTypeSchema,
  /** COUNT_BASED: consecutive recorded failures that open the circuit. */
  failureThreshold: positiveIntSchema(LIMITS.maxCount),
  /** Seconds the circuit stays open before it lets probes through (half-open). */
  timeout: secondsSchema(),
  /** Rate types: failure rate in the window that opens the circuit. */
  failureRateThreshold: rateSchema,
  /** Rate types: recorded calls the window must hold before it may trip. */
  minimumCalls: positiveIntSchema(LIMITS.maxCount),
  /** Seconds for TIME_BASED and ADAPTIVE, calls for PERCENTAGE_BASED. */
  slidingWindowSize: positiveIntSchema(LIMITS.maxWindowCalls),
  /** Seconds above which a call counts as slow. */
  slowCallDurationThreshold: secondsSchema(),
  /** Rate of slow calls in the window that opens the circuit. */
  slowCallRateThreshold: rateSchema,
  /** Probes admitted while half-open. */
  halfOpenMaxCalls: positiveIntSchema(LIMITS.maxHalfOpenCalls),
  /** Seconds a half-open probe may take before the circuit re-opens. */
  maxWaitInHalfOpen: secondsSchema(),
  /** Multiplier of the open duration on each consecutive re-open (1 = no backoff). */
  backoffMultiplier: z.number(numberType).min(1, 'must be at least 1 (1 = no backoff)').max(10, 'must be at most 10'),
  /** Ceiling in seconds of the backed-off open duration. */
  maxTimeout: secondsSchema(),
  /** Seconds a call may run before it is aborted and counted as a failure; absent = no limit. */
  callTimeout: secondsSchema().optional(),
  /** Error class names that never count as failures (nor as successes). */
  excludedExceptions: uniqueList(exceptionNameSchema, 'error class names', LIMITS.maxExcludedExceptions),
  serviceCategory: serviceCategorySchema,
  /** 1 (highest) to 5 (lowest). */
  priority: prioritySchema,
  bulkheadConfig: bulkheadConfigSchema.optional(),
  healthCheckConfig: healthCheckConfigSchema.optional(),
  adaptiveConfig: adaptiveConfigSchema,
};

type CrossFieldInput = {
  circuitType?: CircuitType | undefined;
  minimumCalls?: number | undefined;
  slidingWindowSize?: number | undefined;
  timeout?: number | undefined;
  maxTimeout?: number | undefined;
};

/**
 * Rules that relate two fields; applied to complete settings (after layering). zod runs them only when every field
 * is valid on its own, so each broken rule gives exactly one error, at the field to change.
 */
export function checkCrossFieldRules(value: CrossFieldInput, ctx: z.RefinementCtx): void {
  const { circuitType, minimumCalls, slidingWindowSize, timeout, maxTimeout } = value;
  if (circuitType === 'percentage_based' && minimumCalls !== undefined && slidingWindowSize !== undefined) {
    if (minimumCalls > slidingWindowSize) {
      ctx.addIssue({
        code: 'custom',
        path: ['minimumCalls'],
        message: `must not be above slidingWindowSize (${slidingWindowSize} calls) for percentage_based: the window could never hold enough calls to trip`,
        params: { rule: 'at most slidingWindowSize' },
      });
    }
  }
  if ((circuitType === 'time_based' || circuitType === 'adaptive') && slidingWindowSize !== undefined) {
    if (slidingWindowSize > LIMITS.maxWindowSeconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['slidingWindowSize'],
        message: `must be at most ${LIMITS.maxWindowSeconds} seconds for ${circuitType} (one bucket per second)`,
        params: { rule: `max ${LIMITS.maxWindowSeconds}` },
      });
    }
  }
  if (timeout !== undefined && maxTimeout !== undefined && maxTimeout < timeout) {
    ctx.addIssue({
      code: 'custom',
      path: ['maxTimeout'],
      message: `must not be below timeout (${timeout} s)`,
      params: { rule: 'at least timeout' },
    });
  }
}

/** Every behaviour field, complete. */
export const breakerSettingsSchema = z.strictObject(settingsShape).superRefine(checkCrossFieldRules);
export type BreakerSettings = z.infer<typeof breakerSettingsSchema>;

/** Optional parts of the settings that an override may switch off with `null`. */
export const NULLABLE_SETTINGS = ['callTimeout', 'bulkheadConfig', 'healthCheckConfig'] as const;

const overridesShape = {
  circuitType: settingsShape.circuitType.optional(),
  failureThreshold: settingsShape.failureThreshold.optional(),
  timeout: settingsShape.timeout.optional(),
  failureRateThreshold: settingsShape.failureRateThreshold.optional(),
  minimumCalls: settingsShape.minimumCalls.optional(),
  slidingWindowSize: settingsShape.slidingWindowSize.optional(),
  slowCallDurationThreshold: settingsShape.slowCallDurationThreshold.optional(),
  slowCallRateThreshold: settingsShape.slowCallRateThreshold.optional(),
  halfOpenMaxCalls: settingsShape.halfOpenMaxCalls.optional(),
  maxWaitInHalfOpen: settingsShape.maxWaitInHalfOpen.optional(),
  backoffMultiplier: settingsShape.backoffMultiplier.optional(),
  maxTimeout: settingsShape.maxTimeout.optional(),
  callTimeout: secondsSchema().nullable().optional(),
  excludedExceptions: settingsShape.excludedExceptions.optional(),
  serviceCategory: settingsShape.serviceCategory.optional(),
  priority: settingsShape.priority.optional(),
  bulkheadConfig: z
    .strictObject(
      {
        maxConcurrentCalls: bulkheadShape.maxConcurrentCalls.optional(),
        /** `null` leaves the pool: the breaker gets a bulkhead of its own. */
        isolationPoolName: nameSchema.nullable().optional(),
        queueTimeout: bulkheadShape.queueTimeout.optional(),
        maxQueue: bulkheadShape.maxQueue.optional(),
      },
      typeError('an object or null'),
    )
    .nullable()
    .optional(),
  healthCheckConfig: z
    .strictObject(
      {
        healthCheckInterval: healthCheckShape.healthCheckInterval.optional(),
        healthCheckTimeout: healthCheckShape.healthCheckTimeout.optional(),
      },
      typeError('an object or null'),
    )
    .superRefine(checkHealthCheck)
    .nullable()
    .optional(),
  adaptiveConfig: adaptiveConfigSchema.partial().optional(),
};

/**
 * A subset of the settings to lay over a template and environment profile. Nested objects may be partial
 * (`{bulkheadConfig: {maxConcurrentCalls: 5}}`); `null` switches an optional part off (`{callTimeout: null}`,
 * `{bulkheadConfig: {isolationPoolName: null}}`).
 */
export const breakerOverridesSchema = z.strictObject(overridesShape);
export type BreakerOverrides = z.infer<typeof breakerOverridesSchema>;

export const semverSchema = z
  .string(typeError('a string'))
  .regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, 'must be a version such as 1.0.0');

const metadataShape = {
  version: semverSchema.optional(),
  environment: nameSchema.optional(),
  template: templateNameSchema.optional(),
  description: z
    .string(typeError('a string'))
    .max(LIMITS.maxDescription, `must be at most ${LIMITS.maxDescription} characters`)
    .optional(),
  tags: uniqueList(nameSchema, 'tags', LIMITS.maxTags).optional(),
};

/** The guide's metadata block: descriptive, never changes behaviour. */
export const breakerMetadataSchema = z.strictObject(metadataShape, typeError('an object'));
export type BreakerMetadata = z.infer<typeof breakerMetadataSchema>;

/** A complete breaker configuration: what a breaker runs with. */
export const breakerConfigSchema = z
  .strictObject({ name: nameSchema, ...settingsShape, metadata: breakerMetadataSchema.default({}) })
  .superRefine(checkCrossFieldRules);
export type BreakerConfig = z.infer<typeof breakerConfigSchema>;
/** Before defaults are applied (metadata may be absent). */
export type BreakerConfigInput = z.input<typeof breakerConfigSchema>;

/**
 * What a YAML file (or an import) holds: a name, metadata naming the template and environment to start from, and
 * any subset of the settings on top. A complete config is a valid document too.
 */
export const breakerConfigDocumentSchema = z.strictObject({
  name: nameSchema,
  ...overridesShape,
  metadata: breakerMetadataSchema.optional(),
});
export type BreakerConfigDocument = z.infer<typeof breakerConfigDocumentSchema>;

/**
 * A change to a registered config (`updateConfiguration`): any subset of the settings, and of the metadata.
 * `metadata.environment` and `metadata.template` may be repeated but not changed: they say how the values were
 * resolved, so another environment is another configuration.
 */
export const breakerConfigPatchSchema = z.strictObject({
  ...overridesShape,
  metadata: breakerMetadataSchema.partial().optional(),
});
export type BreakerConfigPatch = z.infer<typeof breakerConfigPatchSchema>;

/** Keys of the settings, in the order the guide lists them (also the order of YAML output). */
export const SETTINGS_KEYS = Object.keys(settingsShape) as Array<keyof BreakerSettings>;
export const BULKHEAD_KEYS = Object.keys(bulkheadShape) as Array<keyof BulkheadConfig>;
export const HEALTH_CHECK_KEYS = Object.keys(healthCheckShape) as Array<keyof HealthCheckConfig>;
export const ADAPTIVE_KEYS = Object.keys(adaptiveShape) as Array<keyof AdaptiveConfig>;
export const METADATA_KEYS = Object.keys(metadataShape) as Array<keyof BreakerMetadata>;
