export * from './clock.js';
export { SDK_VERSION } from './version.js';
export * from './config/index.js';
export * from './errors.js';
export { CircuitBreakerType, CIRCUIT_STATES, type CircuitState } from './breaker/circuit-state.js';
export {
  CircuitBreaker,
  type BreakerMetrics,
  type BreakerSnapshot,
  type CallResult,
  type CircuitBreakerOptions,
  type Disposable,
  type StateChange,
  type StateTransitionCallback,
} from './breaker/circuit-breaker.js';
export type { CircuitBreakerConfigInput } from './breaker/resolve-config.js';
export { createManagedCircuitBreaker, type ManagedCircuitBreaker } from './managed-breaker.js';
export { TimerWheel, createManualTimerWheel, sharedTimerWheel, type TimerTask } from './breaker/timer-wheel.js';
export { getBulkheadPools, resetBulkheadPools, type Bulkhead } from './breaker/bulkhead.js';
export {
  StandardizedCircuitBreakerFactory,
  getAllStandardizedBreakers,
  getStandardizedCircuitBreaker,
  removeStandardizedBreaker,
  resetStandardizedBreakers,
  type StandardizedBreakerRequest,
} from './registry/standardized-breakers.js';
