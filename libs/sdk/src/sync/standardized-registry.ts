import { toExactBreakerConfig, type BreakerConfig } from '@breakwater/contracts';
import type { CircuitBreaker } from '../breaker/circuit-breaker.js';
import { applyExactConfig } from '../breaker/sealed-config.js';
import type { CircuitBreakerConfigInput } from '../breaker/resolve-config.js';
import { getAllStandardizedBreakers, getStandardizedCircuitBreaker } from '../registry/standardized-breakers.js';
import type { SyncableBreaker, SyncRegistry } from './sync-registry.js';

/**
 * A complete config as `updateConfig` input: an optional part the config leaves out is switched off (`null`), not
 * inherited from the breaker's previous config.
 */
export function completeInput(config: BreakerConfig): CircuitBreakerConfigInput {
  return toExactBreakerConfig(config);
}

/**
 * A CircuitBreaker as the sync drives it. A config the sync client has just validated with the contracts schema
 * is applied as it is (validated once, not again by the breaker); any other is validated by the breaker.
 */
export function syncableBreaker(breaker: CircuitBreaker): SyncableBreaker {
  return {
    getConfig: () => breaker.config,
    updateConfig: (config) => breaker[applyExactConfig](config),
    forceOpen: () => breaker.forceOpen(),
    forceClose: () => breaker.forceClose(),
    reset: () => breaker.reset(),
  };
}

/** The process's breaker registry (`getStandardizedCircuitBreaker` and friends) as the sync drives it. */
export const standardizedRegistry: SyncRegistry = {
  get(name) {
    const breaker = getAllStandardizedBreakers().get(name);
    return breaker === undefined ? undefined : syncableBreaker(breaker);
  },
  create(name, config) {
    return syncableBreaker(
      getStandardizedCircuitBreaker({ name, breakerType: config.serviceCategory, config: completeInput(config) }),
    );
  },
  list() {
    return [...getAllStandardizedBreakers()].map(([name, breaker]) => ({ name, type: breaker.config.circuitType }));
  },
};
