import { CircuitBreaker, type CircuitBreakerOptions } from './breaker/circuit-breaker.js';
import { ConfigurationError } from './config/configuration-error.js';
import { getConfigurationManager, type ConfigurationManager } from './config/configuration-manager.js';

/** A breaker that follows a managed configuration, and the function that stops following it. */
export interface ManagedCircuitBreaker {
  readonly breaker: CircuitBreaker;
  /** Stops applying later versions of the configuration (the breaker keeps its current one). */
  stopFollowing(): void;
}

/**
 * Creates a breaker from the configuration registered under `name` and keeps it in step with every later
 * `updateConfiguration(name, ...)`: each new version is applied with `breaker.updateConfig`, keeping the state and
 * window when the circuit type is unchanged. An update the breaker refuses changes nothing in the breaker (the
 * manager's `onListenerError` hears of it). Throws a `ConfigurationError` (NOT_FOUND) when no such configuration is
 * registered.
 */
export function createManagedCircuitBreaker(
  name: string,
  options: CircuitBreakerOptions = {},
  manager: ConfigurationManager = getConfigurationManager(),
): ManagedCircuitBreaker {
  const config = manager.getConfiguration(name);
  if (config === undefined) {
    throw new ConfigurationError('NOT_FOUND', `No breaker configuration named "${name}" is registered`);
  }
  const breaker = new CircuitBreaker(name, config, options);
  const stopFollowing = manager.followConfiguration(name, (next) => breaker.updateConfig(next));
  return { breaker, stopFollowing };
}
