import type {
  AdaptiveConfig,
  BreakerOverrides,
  BreakerSettings,
  BulkheadConfig,
  HealthCheckConfig,
  TemplateName,
} from './breaker-config.schema.js';

/** Values of the ADAPTIVE breaker's tuning when nothing else sets them. */
export const DEFAULT_ADAPTIVE_CONFIG: AdaptiveConfig = {
  throttleK: 2,
  latencyMultiplier: 3,
  baselineHalfLife: 300,
  minimumBaselineCalls: 20,
};

/** Filled in when a layer switches on a bulkhead with only some of its fields. */
export const DEFAULT_BULKHEAD_CONFIG: BulkheadConfig = { maxConcurrentCalls: 25, queueTimeout: 5, maxQueue: 100 };

/** Filled in when a layer switches on health checks with only some of their fields. */
export const DEFAULT_HEALTH_CHECK_CONFIG: HealthCheckConfig = { healthCheckInterval: 30, healthCheckTimeout: 5 };

/** The bottom layer: what a breaker runs with when no template, environment or override says otherwise. */
export const DEFAULT_SETTINGS: BreakerSettings = {
  circuitType: 'count_based',
  failureThreshold: 5,
  timeout: 60,
  failureRateThreshold: 0.5,
  minimumCalls: 10,
  slidingWindowSize: 100,
  slowCallDurationThreshold: 60,
  slowCallRateThreshold: 1,
  halfOpenMaxCalls: 3,
  maxWaitInHalfOpen: 60,
  backoffMultiplier: 1,
  maxTimeout: 600,
  excludedExceptions: [],
  serviceCategory: 'external',
  priority: 3,
  adaptiveConfig: DEFAULT_ADAPTIVE_CONFIG,
};

export interface BreakerTemplate {
  name: TemplateName;
  description: string;
  settings: BreakerOverrides;
}

/**
 * The guide's templates, one per kind of dependency, with its recommended circuit type
 * (ai: ADAPTIVE, mcp: COUNT_BASED, database: PERCENTAGE_BASED, external: TIME_BASED). No template names an
 * isolation pool: breakers made from one template would otherwise all share one concurrency limit by accident;
 * a pool is something a configuration opts into (`bulkheadConfig.isolationPoolName`).
 */
export const BUILT_IN_TEMPLATES: Record<TemplateName, BreakerTemplate> = {
  ai_provider: {
    name: 'ai_provider',
    description: 'AI/LLM providers: adaptive to variable latency, long call timeout, small concurrency pool',
    settings: {
      circuitType: 'adaptive',
      failureThreshold: 3,
      timeout: 60,
      failureRateThreshold: 0.5,
      minimumCalls: 10,
      slidingWindowSize: 60,
      slowCallDurationThreshold: 30,
      slowCallRateThreshold: 0.5,
      halfOpenMaxCalls: 3,
      maxWaitInHalfOpen: 120,
      backoffMultiplier: 2,
      maxTimeout: 600,
      callTimeout: 120,
      serviceCategory: 'ai',
      priority: 1,
      bulkheadConfig: { maxConcurrentCalls: 20, queueTimeout: 10, maxQueue: 100 },
      healthCheckConfig: { healthCheckInterval: 30, healthCheckTimeout: 5 },
    },
  },
  mcp_server: {
    name: 'mcp_server',
    description: 'MCP servers: consecutive failures of tool and resource calls',
    settings: {
      circuitType: 'count_based',
      failureThreshold: 5,
      timeout: 30,
      failureRateThreshold: 0.5,
      minimumCalls: 5,
      slidingWindowSize: 20,
      slowCallDurationThreshold: 10,
      slowCallRateThreshold: 0.8,
      halfOpenMaxCalls: 1,
      maxWaitInHalfOpen: 60,
      backoffMultiplier: 1.5,
      maxTimeout: 300,
      callTimeout: 60,
      serviceCategory: 'mcp',
      priority: 2,
      bulkheadConfig: { maxConcurrentCalls: 10, queueTimeout: 30, maxQueue: 50 },
      healthCheckConfig: { healthCheckInterval: 30, healthCheckTimeout: 5 },
    },
  },
  database: {
    name: 'database',
    description: 'Databases: failure percentage over the last calls of a high-volume, consistent workload',
    settings: {
      circuitType: 'percentage_based',
      failureThreshold: 5,
      timeout: 30,
      failureRateThreshold: 0.5,
      minimumCalls: 20,
      slidingWindowSize: 100,
      slowCallDurationThreshold: 2,
      slowCallRateThreshold: 0.5,
      halfOpenMaxCalls: 5,
      maxWaitInHalfOpen: 30,
      backoffMultiplier: 1.5,
      maxTimeout: 300,
      callTimeout: 30,
      serviceCategory: 'database',
      priority: 1,
      bulkheadConfig: { maxConcurrentCalls: 50, queueTimeout: 2, maxQueue: 200 },
      healthCheckConfig: { healthCheckInterval: 15, healthCheckTimeout: 3 },
    },
  },
  external_api: {
    name: 'external_api',
    description: 'External HTTP APIs: failure rate over the last minute, for rate-limited or variable services',
    settings: {
      circuitType: 'time_based',
      failureThreshold: 5,
      timeout: 60,
      failureRateThreshold: 0.5,
      minimumCalls: 10,
      slidingWindowSize: 60,
      slowCallDurationThreshold: 5,
      slowCallRateThreshold: 0.8,
      halfOpenMaxCalls: 3,
      maxWaitInHalfOpen: 60,
      backoffMultiplier: 2,
      maxTimeout: 600,
      callTimeout: 30,
      serviceCategory: 'external',
      priority: 3,
      bulkheadConfig: { maxConcurrentCalls: 30, queueTimeout: 5, maxQueue: 100 },
      healthCheckConfig: { healthCheckInterval: 60, healthCheckTimeout: 10 },
    },
  },
  http_route: {
    name: 'http_route',
    description: "A service's own HTTP routes: failure percentage of the last requests, fast rejection when busy",
    settings: {
      circuitType: 'percentage_based',
      failureThreshold: 5,
      timeout: 30,
      failureRateThreshold: 0.5,
      minimumCalls: 20,
      slidingWindowSize: 100,
      slowCallDurationThreshold: 2,
      slowCallRateThreshold: 0.8,
      halfOpenMaxCalls: 5,
      maxWaitInHalfOpen: 30,
      backoffMultiplier: 1,
      maxTimeout: 300,
      callTimeout: 30,
      serviceCategory: 'http',
      priority: 2,
      bulkheadConfig: { maxConcurrentCalls: 50, queueTimeout: 1, maxQueue: 100 },
    },
  },
};

export const BUILT_IN_ENVIRONMENTS = ['development', 'staging', 'production'] as const;
export type BuiltInEnvironment = (typeof BUILT_IN_ENVIRONMENTS)[number];

/**
 * The guide's "Configuration Guidelines": production stricter and faster to trip (low thresholds, quick
 * recovery attempts), development more permissive (higher thresholds, longer recovery, smaller samples for
 * faster feedback); staging runs the template's own values. Other environments start with no profile.
 */
export const ENVIRONMENT_PROFILES: Record<BuiltInEnvironment, BreakerOverrides> = {
  development: { failureThreshold: 10, timeout: 120, failureRateThreshold: 0.7, minimumCalls: 5 },
  staging: {},
  production: { failureThreshold: 3, timeout: 30, failureRateThreshold: 0.3, minimumCalls: 10 },
};

/** Whether `environment` has a built-in profile (other environments start from the template alone). */
export function isBuiltInEnvironment(environment: string | undefined): environment is BuiltInEnvironment {
  return environment !== undefined && (BUILT_IN_ENVIRONMENTS as ReadonlyArray<string>).includes(environment);
}

export function environmentProfile(environment: string | undefined): BreakerOverrides {
  return isBuiltInEnvironment(environment) ? ENVIRONMENT_PROFILES[environment] : {};
}
