import type { BreakerConfig } from '@breakwater/contracts';

/** Freezes `value` and everything it holds. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

const sealed = new WeakSet<object>();

/**
 * Marks a config that the contracts' `breakerConfigSchema` has just produced (the sync's message schemas include
 * it) as validated, and freezes it so that it stays what was validated. A breaker then takes it as it is, without
 * resolving and validating it a second time. Only ever for schema output: it is the one place that vouches.
 */
export function sealValidatedConfig(config: BreakerConfig): BreakerConfig {
  deepFreeze(config);
  sealed.add(config);
  return config;
}

/** Whether `config` went through sealValidatedConfig (frozen since, so still valid). */
export function isSealedConfig(config: unknown): config is BreakerConfig {
  return typeof config === 'object' && config !== null && sealed.has(config);
}

/**
 * A breaker's method (not part of the package's API) replacing its config with exactly `config`: taken as it is
 * when sealed, validated like `updateConfig` otherwise.
 */
export const applyExactConfig: unique symbol = Symbol('breakwater.applyExactConfig');
