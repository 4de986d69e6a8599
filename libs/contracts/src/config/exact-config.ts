import type { BreakerConfig, BulkheadConfig, HealthCheckConfig } from './breaker-config.schema.js';

/**
 * A config with its optional parts spelt out: an absent `callTimeout`, section or `isolationPoolName` is `null`.
 * Laid as overrides over any other config (`breaker.updateConfig(exact)`), it gives exactly this config: a part
 * switched off is switched off there too, where a plain `BreakerConfig` would leave the old value in place.
 */
export type ExactBreakerConfig = Omit<BreakerConfig, 'callTimeout' | 'bulkheadConfig' | 'healthCheckConfig'> & {
  callTimeout: number | null;
  bulkheadConfig: (Omit<BulkheadConfig, 'isolationPoolName'> & { isolationPoolName: string | null }) | null;
  healthCheckConfig: HealthCheckConfig | null;
};

export function toExactBreakerConfig(config: BreakerConfig): ExactBreakerConfig {
  const { callTimeout, bulkheadConfig, healthCheckConfig, ...rest } = config;
  return {
    ...rest,
    callTimeout: callTimeout ?? null,
    bulkheadConfig:
      bulkheadConfig === undefined
        ? null
        : { ...bulkheadConfig, isolationPoolName: bulkheadConfig.isolationPoolName ?? null },
    healthCheckConfig: healthCheckConfig ?? null,
  };
}
