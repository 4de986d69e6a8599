import { CircuitBreaker } from '@breakwater/sdk';
import { syncableBreaker, type SyncRegistry } from '@breakwater/sdk/sync';

/**
 * One simulated instance's breakers: real CircuitBreakers, driven by the sync the way the SDK's own registry
 * (`standardizedRegistry`, one per process) drives them, so many instances can share a process.
 */
export function benchRegistry(): SyncRegistry {
  const breakers = new Map<string, CircuitBreaker>();
  return {
    get: (name) => {
      const breaker = breakers.get(name);
      return breaker && syncableBreaker(breaker);
    },
    create: (name, config) => {
      const breaker = new CircuitBreaker(name, config);
      breakers.set(name, breaker);
      return syncableBreaker(breaker);
    },
    list: () => [...breakers].map(([name, b]) => ({ name, type: b.config.circuitType })),
  };
}
