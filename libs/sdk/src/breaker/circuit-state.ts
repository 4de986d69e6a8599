/** The breaker's states, as the guide and the control plane name them. */
export const CIRCUIT_STATES = ['closed', 'open', 'half_open', 'forced_open', 'disabled'] as const;
export type CircuitState = (typeof CIRCUIT_STATES)[number];

/**
 * How a breaker decides to open. The values are the contracts' `circuitType` strings, so a config sent by the
 * control plane maps 1:1.
 */
export enum CircuitBreakerType {
  COUNT_BASED = 'count_based',
  TIME_BASED = 'time_based',
  PERCENTAGE_BASED = 'percentage_based',
  ADAPTIVE = 'adaptive',
}
