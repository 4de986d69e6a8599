import { toExactBreakerConfig, type BreakerConfig } from '@breakwater/contracts';
import type { CircuitBreaker } from '../breaker/circuit-breaker.js';
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

function syncable(breaker: CircuitBreaker): SyncableBreaker {
  return {
    getConfig: () => breaker.config,
    updateConfig: (config) => breaker.updateConfig(completeInput(config)),
    forceOpen: () => breaker.forceOpen(),
    forceClose: () => breaker.forceClose(),
    reset: () => breaker.reset(),
  };
}

/** The process's breaker registry (`getStandardizedCircuitBreaker` and friends) as the sync drives it. */
export const standardizedRegistry: SyncRegistry = {
  get(name) {
    const breaker = getAllStandardizedBreakers().get(name);
    return breaker === undefined ? undefined : syncable(breaker);
  },
  create(name, config) {
    return syncable(
      getStandardizedCircuitBreaker({ name, breakerType: config.serviceCategory, config: completeInput(config) }),
    );
  },
  list() {
    return [...getAllStandardizedBreakers()].map(([name, breaker]) => ({ name, type: breaker.config.circuitType }));
  },
};
