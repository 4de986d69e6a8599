import type { BreakerConfig, CircuitType } from '@breakwater/contracts';

/** What the sync needs of one breaker: nothing on the call path. */
export interface SyncableBreaker {
  /** The config the breaker runs with now (remembered as the local config before a remote one replaces it). */
  getConfig(): BreakerConfig;
  /** Replaces the config; keeps state and window when the circuit type is unchanged. */
  updateConfig(config: BreakerConfig): void;
  forceOpen(): void;
  forceClose(): void;
  reset(): void;
}

/**
 * The part of the breaker registry the sync drives. `bindRegistry()` adapts the SDK's own registry
 * (`getStandardizedCircuitBreaker` and friends); tests and other registries can implement it directly.
 */
export interface SyncRegistry {
  get(name: string): SyncableBreaker | undefined;
  /** Creates the breaker with this config (a remote config for a breaker the code has not created yet). */
  create(name: string, config: BreakerConfig): SyncableBreaker;
  /** Every breaker of the process, announced to the control plane. */
  list(): Array<{ name: string; type: CircuitType }>;
}
