import type { CircuitState } from './breaker/circuit-state.js';

/**
 * SDK errors carry a brand property and have `isXError()` guards: `instanceof` fails when two copies of the
 * package are loaded (one bundled by a dependency, one by the application).
 */
const BRAND = '__breakwaterError';

export type BreakwaterErrorCode = 'CIRCUIT_OPEN' | 'BULKHEAD_FULL' | 'CALL_TIMEOUT' | 'INVALID_BREAKER_CONFIG';

export abstract class BreakwaterError extends Error {
  readonly [BRAND] = true;
  abstract readonly code: BreakwaterErrorCode;
}

function hasCode(value: unknown, code: BreakwaterErrorCode): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<string, unknown>)[BRAND] === true &&
    (value as { code?: unknown }).code === code
  );
}

/** Why a call was rejected without invoking the protected function. */
export type RejectionReason = 'open' | 'half_open_full' | 'forced_open' | 'throttled';

export class CircuitOpenError extends BreakwaterError {
  readonly code = 'CIRCUIT_OPEN';
  /**
   * @param retryAfterMs milliseconds until the breaker admits calls again: 0 when unknown (half-open full,
   *   throttled), Infinity while forced open.
   */
  constructor(
    readonly breakerName: string,
    readonly state: CircuitState,
    readonly retryAfterMs: number,
    readonly reason: RejectionReason = 'open',
  ) {
    super(`circuit breaker "${breakerName}" is ${state}: call rejected (${reason})`);
    this.name = 'CircuitOpenError';
  }
}

export class BulkheadFullError extends BreakwaterError {
  readonly code = 'BULKHEAD_FULL';
  constructor(
    readonly poolName: string,
    readonly maxConcurrentCalls: number,
    readonly maxQueue: number,
    readonly queueTimedOut: boolean,
  ) {
    super(
      queueTimedOut
        ? `bulkhead "${poolName}": no slot within the queue timeout (${maxConcurrentCalls} concurrent calls)`
        : `bulkhead "${poolName}" is full (${maxConcurrentCalls} concurrent calls, ${maxQueue} queued)`,
    );
    this.name = 'BulkheadFullError';
  }
}

export class CallTimeoutError extends BreakwaterError {
  readonly code = 'CALL_TIMEOUT';
  constructor(
    readonly breakerName: string,
    readonly timeoutMs: number,
  ) {
    super(`call through breaker "${breakerName}" timed out after ${timeoutMs} ms`);
    this.name = 'CallTimeoutError';
  }
}

export class InvalidBreakerConfigError extends BreakwaterError {
  readonly code = 'INVALID_BREAKER_CONFIG';
  constructor(
    readonly breakerName: string,
    readonly errors: ReadonlyArray<{ path: string; rule: string; message: string }>,
  ) {
    super(`invalid configuration for breaker "${breakerName}": ${errors.map((e) => e.message).join('; ')}`);
    this.name = 'InvalidBreakerConfigError';
  }
}

export const isBreakwaterError = (value: unknown): value is BreakwaterError =>
  typeof value === 'object' && value !== null && (value as Record<string, unknown>)[BRAND] === true;
export const isCircuitOpenError = (value: unknown): value is CircuitOpenError => hasCode(value, 'CIRCUIT_OPEN');
export const isBulkheadFullError = (value: unknown): value is BulkheadFullError => hasCode(value, 'BULKHEAD_FULL');
export const isCallTimeoutError = (value: unknown): value is CallTimeoutError => hasCode(value, 'CALL_TIMEOUT');
export const isInvalidBreakerConfigError = (value: unknown): value is InvalidBreakerConfigError =>
  hasCode(value, 'INVALID_BREAKER_CONFIG');
