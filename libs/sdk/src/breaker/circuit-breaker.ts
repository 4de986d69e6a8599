import { toExactBreakerConfig, type BreakerConfig } from '@breakwater/contracts';
import { systemClock, type Clock } from '../clock.js';
import {
  CircuitOpenError,
  isBulkheadFullError,
  isCallTimeoutError,
  isCircuitOpenError,
  type RejectionReason,
} from '../errors.js';
import { bulkheadFor, type Bulkhead } from './bulkhead.js';
import { CircuitBreakerType, type CircuitState } from './circuit-state.js';
import { CountWindow, FAILED, SLOW, type OutcomeWindow, type WindowSnapshot } from './count-window.js';
import { runHealthCheck } from './health-check.js';
import { LatencyBaseline, throttleProbability, type LatencyBaselineState } from './latency-baseline.js';
import { LatencyHistogram } from './latency-histogram.js';
import { resolveSdkConfig, type CircuitBreakerConfigInput } from './resolve-config.js';
import { applyExactConfig, isSealedConfig } from './sealed-config.js';
import { TimeWindow } from './time-window.js';
import { sharedTimerWheel, type TimerTask, type TimerWheel } from './timer-wheel.js';
import { TimeoutTracker, type PendingCall } from './timeout-tracker.js';

/** Called on every state change; may be async. A throwing or rejecting callback never affects calls. */
export type StateTransitionCallback = (name: string, from: CircuitState, to: CircuitState) => unknown;

export interface Disposable {
  dispose(): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ErrorClass = abstract new (...args: any[]) => unknown;

export interface CircuitBreakerOptions {
  /** Source of time in ms for windows, open durations and latencies (default: `systemClock`, `Date.now()`; pass `fastClock` to read it from shared memory). */
  clock?: Clock;
  /** Where call timeouts, bulkhead queue timeouts and health checks are scheduled (default: one shared wheel). */
  timerWheel?: TimerWheel;
  /** Random source in [0, 1) of the ADAPTIVE breaker's load shedding (default: Math.random). */
  random?: () => number;
  /** Used when a call is rejected or fails (not for excluded errors): a value, or a function of the error. */
  fallback?: unknown;
  /** Return false for errors that are not the protected service's fault: they count neither way. */
  isFailure?: (error: unknown) => boolean;
  /** Error classes that never count (by class; `excludedExceptions` in the config names them as data). */
  excludedErrors?: ReadonlyArray<ErrorClass>;
  /** Polled while open, every `healthCheckConfig.healthCheckInterval`: passing moves the breaker to half-open. */
  healthCheck?: (signal: AbortSignal) => unknown;
  /** A snapshot from `toJSON()` to resume from. */
  initialState?: BreakerSnapshot;
  /** How many state changes `getMetrics().state_changes` keeps (default 20). */
  stateChangesLimit?: number;
}

export interface StateChange {
  from: CircuitState;
  to: CircuitState;
  /** Clock time of the change in ms. */
  at: number;
}

/** The breaker's exportable state (`toJSON()`), restorable with `options.initialState`. */
export interface BreakerSnapshot {
  name: string;
  state: CircuitState;
  openedAt: number;
  openDurationMs: number;
  consecutiveOpens: number;
  consecutiveFailures: number;
  counters: Counters;
  stateChanges: StateChange[];
  baseline?: LatencyBaselineState;
  /** The rate window (restored when the config keeps the same type and size). */
  window?: WindowSnapshot;
  config: BreakerConfig;
}

interface Counters {
  total: number;
  successful: number;
  failed: number;
  excluded: number;
  rejected: number;
  slow: number;
  timeouts: number;
}

/** What `getMetrics()` returns: the keys the guide's troubleshooting section reads. */
export interface BreakerMetrics {
  name: string;
  circuit_type: CircuitBreakerType;
  state: CircuitState;
  /** Completed calls: successful + failed + excluded. */
  total_calls: number;
  successful_calls: number;
  failed_calls: number;
  excluded_calls: number;
  /** Calls not invoked: open circuit, half-open full, forced open, shed (ADAPTIVE), bulkhead full. */
  rejected_calls: number;
  slow_calls: number;
  timeouts: number;
  /** failed / (successful + failed), over the breaker's life. */
  failure_rate: number;
  latency_p50_ms: number;
  latency_p95_ms: number;
  latency_p99_ms: number;
  /** The sliding window the rate types trip on (COUNT_BASED: consecutive failures). */
  window: { calls: number; failures: number; slow: number; failure_rate: number; slow_rate: number };
  consecutive_failures: number;
  /** Opens since the breaker last closed (drives the backoff). */
  consecutive_opens: number;
  /** ms until an open circuit admits probes (0 unless open). */
  retry_after_ms: number;
  /** ADAPTIVE: learned latency baseline in ms and current shedding probability. */
  latency_baseline_ms?: number;
  shed_probability?: number;
  bulkhead?: { pool: string; active: number; queued: number; max_concurrent_calls: number };
  state_changes: StateChange[];
}

/** What `tryCall` resolves to: rejection without an Error, failure with the error. */
export type CallResult<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      rejected: true;
      reason: RejectionReason | 'bulkhead_full';
      state: CircuitState;
      retryAfterMs: number;
    }
  | { ok: false; rejected: false; error: unknown };

// Admission results below zero: the call is rejected (values index REASONS).
const REJECT_OPEN = -1;
const REJECT_HALF_OPEN_FULL = -2;
const REJECT_FORCED = -3;
const REJECT_THROTTLED = -4;
const REASONS: Record<number, RejectionReason> = {
  [-1]: 'open',
  [-2]: 'half_open_full',
  [-3]: 'forced_open',
  [-4]: 'throttled',
};

const NO_FALLBACK: unique symbol = Symbol('no fallback');
const NEVER_ABORTED = new AbortController().signal;
const NO_ARGS: unknown[] = [];
const MODE_ARGS = 0;
const MODE_SIGNAL = 1;

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function swallow(): void {}

function okResult<T>(value: T): CallResult<T> {
  return { ok: true, value };
}

class HealthCheckTask implements TimerTask {
  constructor(
    readonly deadline: number,
    private readonly breaker: CircuitBreaker,
    private readonly generation: number,
  ) {}

  fire(): void {
    this.breaker['pollHealth'](this.generation);
  }
}

/**
 * A circuit breaker of one of four types (see the README, "Circuit breaker types"). Admission is synchronous and
 * allocation-free; a call's result changes state only if no transition happened since it was admitted
 * (a generation counter), so late results from an earlier state change nothing.
 */
export class CircuitBreaker {
  readonly name: string;
  private cfg!: BreakerConfig;
  private type!: CircuitBreakerType;
  private readonly clock: Clock;
  private readonly wheel: TimerWheel;
  private readonly random: () => number;
  private readonly fallback: unknown;
  private readonly isFailure: ((error: unknown) => boolean) | undefined;
  private readonly excludedClasses: ReadonlyArray<ErrorClass>;
  private readonly healthCheck: ((signal: AbortSignal) => unknown) | undefined;
  private readonly stateChangesLimit: number;

  // Config in the units the hot path uses. Fields that may hold fractions or clock readings start as NaN (a
  // double), so V8 never has to change their representation later (that deoptimizes every breaker's code).
  private failureThreshold = 0;
  private failureRateThreshold = Number.NaN;
  private slowRateThreshold = Number.NaN;
  private minimumCalls = 0;
  private slowMs = Number.NaN;
  private timeoutMs = Number.NaN;
  private maxTimeoutMs = Number.NaN;
  private backoffMultiplier = Number.NaN;
  private halfOpenMaxCalls = 0;
  private maxWaitInHalfOpenMs = Number.NaN;
  private throttleK = Number.NaN;
  private latencyMultiplier = Number.NaN;
  private excludedNames: ReadonlySet<string> = new Set();

  private window!: OutcomeWindow;
  private timeWindow: TimeWindow | null = null;
  private baseline: LatencyBaseline | null = null;
  private timeouts: TimeoutTracker | null = null;
  private bulkhead: Bulkhead | null = null;

  // State machine.
  private state: CircuitState = 'closed';
  private generation = 0;
  private openedAt = Number.NaN;
  private openDurationMs = Number.NaN;
  private consecutiveOpens = 0;
  private consecutiveFailures = 0;
  private probesInFlight = 0;
  private probesCompleted = 0;
  private probeFailures = 0;
  private probeSlow = 0;
  private firstProbeAt = Number.NaN;

  // Metrics: fixed size.
  private readonly counters: Counters = {
    total: 0,
    successful: 0,
    failed: 0,
    excluded: 0,
    rejected: 0,
    slow: 0,
    timeouts: 0,
  };
  private readonly histogram = new LatencyHistogram();
  private stateChanges: StateChange[] = [];
  private callbacks: StateTransitionCallback[] = [];

  constructor(name: string, config?: CircuitBreakerConfigInput, options: CircuitBreakerOptions = {}) {
    this.name = name;
    this.clock = options.clock ?? systemClock;
    this.wheel = options.timerWheel ?? sharedTimerWheel();
    this.random = options.random ?? Math.random;
    this.fallback = 'fallback' in options ? options.fallback : NO_FALLBACK;
    this.isFailure = options.isFailure;
    this.excludedClasses = options.excludedErrors ?? [];
    this.healthCheck = options.healthCheck;
    this.stateChangesLimit = options.stateChangesLimit ?? 20;
    const initial = options.initialState;
    this.applyConfig(resolveSdkConfig(name, config ?? initial?.config), true);
    if (initial !== undefined) this.restore(initial);
  }

  // ---------------------------------------------------------------- calls

  /** Runs `fn(...args)` through the breaker. Rejects with CircuitOpenError without invoking `fn` when open. */
  call<A extends unknown[], R>(fn: (...args: A) => R | PromiseLike<R>, ...args: A): Promise<R> {
    return this.callWith(fn as (...args: unknown[]) => R, undefined, args, MODE_ARGS);
  }

  /** Like `call`, for a function that takes the AbortSignal aborted on `callTimeout`. */
  execute<R>(fn: (signal: AbortSignal) => R | PromiseLike<R>): Promise<R> {
    return this.callWith(fn as (...args: unknown[]) => R, undefined, NO_ARGS, MODE_SIGNAL);
  }

  /**
   * The non-throwing path for hot loops: resolves to `{ok: true, value}`, or `{ok: false, rejected: true, ...}`
   * without creating an Error when the breaker rejects, or `{ok: false, rejected: false, error}` when `fn` fails.
   * Never uses the fallback.
   */
  tryCall<A extends unknown[], R>(fn: (...args: A) => R | PromiseLike<R>, ...args: A): Promise<CallResult<R>> {
    const gate = this.admit();
    if (gate < 0) return Promise.resolve(this.rejectionResult(REASONS[gate] as RejectionReason));
    return this.runToResult(fn as (...args: unknown[]) => R, args, gate);
  }

  /** `fn` protected by this breaker (the guide's `@breaker` decorator pattern); keeps `this`. */
  wrap<A extends unknown[], R>(fn: (...args: A) => R | PromiseLike<R>): (...args: A) => Promise<R> {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const breaker = this;
    return function (this: unknown, ...args: A): Promise<R> {
      return breaker.callWith(fn as (...args: unknown[]) => R, this, args, MODE_ARGS);
    };
  }

  /** A TypeScript (TC39) method decorator: `@breaker.protect() async method() {...}`. */
  protect() {
    return <This, A extends unknown[], R>(
      method: (this: This, ...args: A) => R,
      _context: ClassMethodDecoratorContext<This>,
    ): ((this: This, ...args: A) => Promise<Awaited<R>>) => {
      const wrapped: (...args: A) => Promise<Awaited<R>> = this.wrap(method as (...args: A) => Awaited<R>);
      return wrapped;
    };
  }

  private callWith<R>(
    fn: (...args: unknown[]) => R | PromiseLike<R>,
    thisArg: unknown,
    args: unknown[],
    mode: number,
  ): Promise<R> {
    const gate = this.admit();
    if (gate < 0) return this.rejectCall<R>(REASONS[gate] as RejectionReason);
    if (this.fallback === NO_FALLBACK) {
      return this.bulkhead === null
        ? this.runDirect(fn, thisArg, args, mode, gate)
        : this.run(fn, thisArg, args, mode, gate);
    }
    return this.runWithFallback(fn, thisArg, args, mode, gate);
  }

  /**
   * The common path (no bulkhead, no fallback): two small closures on the result's `then` cost less than an async
   * function's frame and extra promise (measured: bench/sdk).
   */
  private runDirect<R>(
    fn: (...args: unknown[]) => R | PromiseLike<R>,
    thisArg: unknown,
    args: unknown[],
    mode: number,
    gate: number,
  ): Promise<R> {
    const tracker = this.timeouts;
    const slot = tracker === null ? null : tracker.currentSlot();
    const startedAt = this.clock.now();
    let result: R | PromiseLike<R>;
    try {
      result =
        mode === MODE_ARGS ? fn.apply(thisArg, args) : fn.call(thisArg, slot === null ? NEVER_ABORTED : slot.signal);
    } catch (error) {
      this.recordError(gate, startedAt, error);
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- rethrows fn's own error
      return Promise.reject(error);
    }
    const native = result instanceof Promise;
    if (!native && !isPromiseLike(result)) {
      this.recordSuccess(gate, startedAt);
      return Promise.resolve(result);
    }
    let promise: Promise<R>;
    let pending: PendingCall | null = null;
    if (tracker !== null && slot !== null) {
      pending = tracker.track(result as PromiseLike<R>, slot);
      promise = pending.promise() as Promise<R>;
    } else {
      promise = native ? (result as Promise<R>) : Promise.resolve(result);
    }
    return promise.then(
      (value) => {
        if (pending !== null) pending.release();
        this.recordSuccess(gate, startedAt);
        return value;
      },
      (error: unknown) => {
        if (pending !== null) pending.release();
        this.recordError(gate, startedAt, error);
        throw error;
      },
    );
  }

  private async runWithFallback<R>(
    fn: (...args: unknown[]) => R | PromiseLike<R>,
    thisArg: unknown,
    args: unknown[],
    mode: number,
    gate: number,
  ): Promise<R> {
    try {
      return await this.run(fn, thisArg, args, mode, gate);
    } catch (error) {
      if (!isBulkheadFullError(error) && !isCallTimeoutError(error) && this.isExcluded(error)) throw error;
      return this.useFallback(error) as R;
    }
  }

  private runToResult<R>(
    fn: (...args: unknown[]) => R | PromiseLike<R>,
    args: unknown[],
    gate: number,
  ): Promise<CallResult<R>> {
    const call =
      this.bulkhead === null
        ? this.runDirect(fn, undefined, args, MODE_ARGS, gate)
        : this.run(fn, undefined, args, MODE_ARGS, gate);
    return call.then(okResult, (error: unknown) => this.failureResult(error));
  }

  private failureResult(error: unknown): CallResult<never> {
    if (isBulkheadFullError(error)) {
      return { ok: false, rejected: true, reason: 'bulkhead_full', state: this.state, retryAfterMs: 0 };
    }
    return { ok: false, rejected: false, error };
  }

  private async run<R>(
    fn: (...args: unknown[]) => R | PromiseLike<R>,
    thisArg: unknown,
    args: unknown[],
    mode: number,
    gate: number,
  ): Promise<R> {
    const pool = this.bulkhead;
    if (pool !== null && !pool.tryAcquire()) {
      try {
        await pool.acquire();
      } catch (error) {
        this.givePermitBack(gate);
        this.counters.rejected++;
        throw error;
      }
    }
    const startedAt = this.clock.now();
    try {
      const tracker = this.timeouts;
      let value: R;
      if (tracker === null) {
        value = await (mode === MODE_ARGS ? fn.apply(thisArg, args) : fn.call(thisArg, NEVER_ABORTED));
      } else {
        const slot = tracker.currentSlot();
        const result = mode === MODE_ARGS ? fn.apply(thisArg, args) : fn.call(thisArg, slot.signal);
        if (isPromiseLike(result)) {
          const pending = tracker.track(result, slot);
          try {
            value = (await pending) as R;
          } finally {
            pending.release();
          }
        } else {
          value = result;
        }
      }
      this.recordSuccess(gate, startedAt);
      return value;
    } catch (error) {
      this.recordError(gate, startedAt, error);
      throw error;
    } finally {
      if (pool !== null) pool.release();
    }
  }

  // ---------------------------------------------------------------- admission

  /** The generation the call is admitted in, or a negative rejection code. Synchronous, allocation-free. */
  private admit(): number {
    const state = this.state;
    if (state === 'closed') {
      const tw = this.timeWindow;
      if (this.baseline !== null && tw !== null) {
        const now = this.clock.now();
        tw.recordAttempt(now);
        if (tw.calls >= this.minimumCalls) {
          const p = throttleProbability(tw.attempts, tw.good, this.throttleK);
          if (p > 0 && this.random() < p) {
            this.counters.rejected++;
            return REJECT_THROTTLED;
          }
        }
      }
      return this.generation;
    }
    if (state === 'disabled') return this.generation;
    if (state === 'forced_open') {
      this.counters.rejected++;
      return REJECT_FORCED;
    }
    const now = this.clock.now();
    this.refresh(now);
    if (this.state === 'open') {
      this.counters.rejected++;
      return REJECT_OPEN;
    }
    if (this.probesInFlight + this.probesCompleted >= this.halfOpenMaxCalls) {
      this.counters.rejected++;
      return REJECT_HALF_OPEN_FULL;
    }
    if (this.probesInFlight === 0) this.firstProbeAt = now;
    this.probesInFlight++;
    return this.generation;
  }

  /** Lazy, clock-driven transitions: open -> half-open when the open duration is over; a hung probe re-opens. */
  private refresh(now: number): void {
    if (this.state === 'open' && now >= this.openedAt + this.openDurationMs) this.transition('half_open', now);
    if (this.state === 'half_open' && this.probesInFlight > 0 && now - this.firstProbeAt >= this.maxWaitInHalfOpenMs) {
      this.transition('open', now);
    }
  }

  private givePermitBack(gate: number): void {
    if (gate === this.generation && this.state === 'half_open') this.probesInFlight--;
  }

  private retryAfterMs(): number {
    if (this.state === 'forced_open') return Number.POSITIVE_INFINITY;
    if (this.state !== 'open') return 0;
    return Math.max(0, this.openedAt + this.openDurationMs - this.clock.now());
  }

  private rejectCall<R>(reason: RejectionReason): Promise<R> {
    // A rejection is control flow, not a bug: its stack trace would cost ~4 us and point at the breaker.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    const error = new CircuitOpenError(this.name, this.state, this.retryAfterMs(), reason);
    Error.stackTraceLimit = stackTraceLimit;
    if (this.fallback === NO_FALLBACK) return Promise.reject(error);
    try {
      return Promise.resolve(this.useFallback(error) as R);
    } catch (fallbackError) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- rethrows the fallback's own error
      return Promise.reject(fallbackError);
    }
  }

  private rejectionResult(reason: RejectionReason): CallResult<never> {
    return { ok: false, rejected: true, reason, state: this.state, retryAfterMs: this.retryAfterMs() };
  }

  private useFallback(error: unknown): unknown {
    const fallback = this.fallback;
    return typeof fallback === 'function' ? (fallback as (error: unknown) => unknown)(error) : fallback;
  }

  // ---------------------------------------------------------------- outcomes

  private isSlow(durationMs: number): boolean {
    if (durationMs > this.slowMs) return true;
    const baseline = this.baseline;
    return baseline !== null && baseline.trusted && durationMs > baseline.valueMs * this.latencyMultiplier;
  }

  private recordSuccess(gate: number, startedAt: number): void {
    const now = this.clock.now();
    const duration = now > startedAt ? now - startedAt : 0; // a clock may step back
    const c = this.counters;
    c.total++;
    c.successful++;
    this.histogram.record(duration);
    let flags = 0;
    if (this.isSlow(duration)) {
      flags = SLOW;
      c.slow++;
    }
    if (this.baseline !== null) this.baseline.observe(now, duration);
    if (gate === this.generation) this.onRecorded(flags, now);
  }

  private recordError(gate: number, startedAt: number, error: unknown): void {
    const now = this.clock.now();
    const c = this.counters;
    c.total++;
    if (this.isExcluded(error)) {
      c.excluded++;
      this.givePermitBack(gate);
      return;
    }
    const duration = now > startedAt ? now - startedAt : 0; // a clock may step back
    c.failed++;
    this.histogram.record(duration);
    if (isCallTimeoutError(error)) c.timeouts++;
    let flags = FAILED;
    if (this.isSlow(duration)) {
      flags |= SLOW;
      c.slow++;
    }
    if (gate === this.generation) this.onRecorded(flags, now);
  }

  private isExcluded(error: unknown): boolean {
    if (isCircuitOpenError(error)) return true;
    if (typeof error === 'object' && error !== null) {
      for (const cls of this.excludedClasses) if (error instanceof cls) return true;
      if (this.excludedNames.size > 0) {
        if (this.excludedNames.has((error as { name?: unknown }).name as string)) return true;
        for (let proto: unknown = Object.getPrototypeOf(error); proto !== null; proto = Object.getPrototypeOf(proto)) {
          const ctor = (proto as { constructor?: { name?: string } }).constructor;
          if (ctor?.name !== undefined && this.excludedNames.has(ctor.name)) return true;
        }
      }
    }
    if (this.isFailure !== undefined) {
      try {
        return !this.isFailure(error);
      } catch {
        return false;
      }
    }
    return false;
  }

  private onRecorded(flags: number, now: number): void {
    if (this.state === 'closed') {
      if (this.type === CircuitBreakerType.COUNT_BASED) {
        if ((flags & FAILED) === 0) this.consecutiveFailures = 0;
        else if (++this.consecutiveFailures >= this.failureThreshold) this.transition('open', now);
        return;
      }
      const w = this.window;
      w.record(now, flags);
      if (
        w.calls >= this.minimumCalls &&
        (w.failures >= this.failureRateThreshold * w.calls || w.slow >= this.slowRateThreshold * w.calls)
      ) {
        this.transition('open', now);
      }
      return;
    }
    if (this.state !== 'half_open') return;
    this.probesInFlight--;
    this.probesCompleted++;
    if (flags & FAILED) this.probeFailures++;
    if (flags & SLOW) this.probeSlow++;
    if (this.type === CircuitBreakerType.COUNT_BASED) {
      this.transition(flags & FAILED ? 'open' : 'closed', now);
      return;
    }
    if (this.probesCompleted < this.halfOpenMaxCalls) return;
    const n = this.probesCompleted;
    const healthy = this.probeFailures < this.failureRateThreshold * n && this.probeSlow < this.slowRateThreshold * n;
    this.transition(healthy ? 'closed' : 'open', now);
  }

  // ---------------------------------------------------------------- state

  private transition(to: CircuitState, now: number): void {
    const from = this.state;
    if (from === to) return;
    this.state = to;
    this.generation++;
    this.probesInFlight = this.probesCompleted = this.probeFailures = this.probeSlow = 0;
    if (to === 'open') {
      const duration = this.timeoutMs * this.backoffMultiplier ** this.consecutiveOpens;
      this.openDurationMs = Math.min(this.maxTimeoutMs, duration);
      this.openedAt = now;
      this.consecutiveOpens++;
      this.scheduleHealthCheck();
    } else if (to === 'closed') {
      this.window.reset();
      this.consecutiveFailures = 0;
      this.consecutiveOpens = 0;
    }
    const changes = this.stateChanges;
    changes.push({ from, to, at: now });
    if (changes.length > this.stateChangesLimit) changes.shift();
    for (const callback of this.callbacks) {
      try {
        const result = callback(this.name, from, to);
        if (isPromiseLike(result)) result.then(undefined, swallow);
      } catch {
        // A callback's failure never reaches the call that caused the transition.
      }
    }
  }

  private scheduleHealthCheck(): void {
    const hc = this.cfg.healthCheckConfig;
    if (this.healthCheck === undefined || hc === undefined) return;
    this.wheel.schedule(new HealthCheckTask(this.wheel.now() + hc.healthCheckInterval * 1000, this, this.generation));
  }

  /** Runs the health check if the breaker is still in the open state it was scheduled in. */
  private pollHealth(generation: number): void {
    const hc = this.cfg.healthCheckConfig;
    if (generation !== this.generation || this.state !== 'open' || this.healthCheck === undefined || hc === undefined) {
      return;
    }
    void runHealthCheck(this.healthCheck, hc.healthCheckTimeout * 1000, this.wheel).then((passed) => {
      if (generation !== this.generation || this.state !== 'open') return;
      if (passed) this.transition('half_open', this.clock.now());
      else this.wheel.schedule(new HealthCheckTask(this.wheel.now() + hc.healthCheckInterval * 1000, this, generation));
    });
  }

  /** The current state; an open circuit whose timeout has elapsed reports (and becomes) `half_open`. */
  getState(): CircuitState {
    if (this.state === 'open' || this.state === 'half_open') this.refresh(this.clock.now());
    return this.state;
  }

  get circuitType(): CircuitBreakerType {
    return this.type;
  }

  /** The effective configuration (defaults filled in). */
  get config(): BreakerConfig {
    return this.cfg;
  }

  /** Registers a state-change callback; `dispose()` removes it. */
  addStateTransitionCallback(callback: StateTransitionCallback): Disposable {
    this.callbacks = [...this.callbacks, callback];
    return {
      dispose: () => {
        this.callbacks = this.callbacks.filter((c) => c !== callback);
      },
    };
  }

  /** Rejects every call until `forceClose()`, `reset()` or `disable()`. */
  forceOpen(): void {
    this.transition('forced_open', this.clock.now());
  }

  /** Closes the circuit with an empty window. */
  forceClose(): void {
    this.transition('closed', this.clock.now());
  }

  /** Lets every call through and records metrics, but never opens. */
  disable(): void {
    this.transition('disabled', this.clock.now());
  }

  /** Back to closed: empty window, no backoff, no consecutive failures (metrics counters are kept). */
  reset(): void {
    const now = this.clock.now();
    this.transition('closed', now);
    this.window.reset();
    this.consecutiveFailures = 0;
    this.consecutiveOpens = 0;
    this.baseline?.reset();
  }

  /**
   * Changes the configuration at run time (validated like the constructor's; throws and changes nothing when
   * invalid). With the same circuit type the state and window are kept (a resized window starts empty).
   */
  updateConfig(partial: CircuitBreakerConfigInput): void {
    this.applyConfig(resolveSdkConfig(this.name, partial, undefined, this.cfg), false);
  }

  /**
   * The live sync's path (not exported from the package): `config` replaces the config as it is, optional parts it
   * leaves out switched off. A config sealed right after the contracts schema validated it is taken without being
   * resolved and validated again; anything else is validated like `updateConfig` input (and throws when invalid).
   */
  [applyExactConfig](config: BreakerConfig): void {
    if (isSealedConfig(config) && config.name === this.name) this.applyConfig(config, false);
    else this.updateConfig(toExactBreakerConfig(config));
  }

  private applyConfig(cfg: BreakerConfig, initial: boolean): void {
    const previous = initial ? undefined : this.cfg;
    const type = cfg.circuitType as CircuitBreakerType;
    this.cfg = cfg;
    this.failureThreshold = cfg.failureThreshold;
    this.failureRateThreshold = cfg.failureRateThreshold;
    this.slowRateThreshold = cfg.slowCallRateThreshold;
    this.minimumCalls = cfg.minimumCalls;
    this.slowMs = cfg.slowCallDurationThreshold * 1000;
    this.timeoutMs = cfg.timeout * 1000;
    this.maxTimeoutMs = cfg.maxTimeout * 1000;
    this.backoffMultiplier = cfg.backoffMultiplier;
    this.halfOpenMaxCalls = cfg.halfOpenMaxCalls;
    this.maxWaitInHalfOpenMs = cfg.maxWaitInHalfOpen * 1000;
    this.throttleK = cfg.adaptiveConfig.throttleK;
    this.latencyMultiplier = cfg.adaptiveConfig.latencyMultiplier;
    this.excludedNames = new Set(cfg.excludedExceptions);

    const sameType = previous !== undefined && type === this.type;
    const sameWindow = sameType && previous.slidingWindowSize === cfg.slidingWindowSize;
    this.type = type;
    if (!sameWindow) {
      // COUNT_BASED counts consecutive failures and needs no window.
      this.window =
        type === CircuitBreakerType.PERCENTAGE_BASED || type === CircuitBreakerType.COUNT_BASED
          ? new CountWindow(type === CircuitBreakerType.COUNT_BASED ? 1 : cfg.slidingWindowSize)
          : new TimeWindow(cfg.slidingWindowSize);
      this.timeWindow = this.window instanceof TimeWindow ? this.window : null;
    }
    if (type === CircuitBreakerType.ADAPTIVE) {
      const a = cfg.adaptiveConfig;
      if (this.baseline === null)
        this.baseline = new LatencyBaseline(a.baselineHalfLife * 1000, a.minimumBaselineCalls);
      this.baseline.halfLifeMs = a.baselineHalfLife * 1000;
      this.baseline.minimumCalls = a.minimumBaselineCalls;
    } else {
      this.baseline = null;
    }
    if (!sameType && previous !== undefined) {
      // A different kind of breaker: its counts mean something else, so it starts closed and empty.
      this.transition('closed', this.clock.now());
      this.consecutiveFailures = 0;
      this.consecutiveOpens = 0;
    }
    this.timeouts =
      cfg.callTimeout === undefined ? null : new TimeoutTracker(this.wheel, this.name, cfg.callTimeout * 1000);
    this.bulkhead = cfg.bulkheadConfig === undefined ? null : bulkheadFor(this.name, cfg.bulkheadConfig, this.wheel);
  }

  // ---------------------------------------------------------------- metrics and snapshots

  getMetrics(): BreakerMetrics {
    const state = this.getState();
    const c = this.counters;
    const w = this.window;
    w.advance(this.clock.now());
    const counting = this.type === CircuitBreakerType.COUNT_BASED;
    const windowCalls = counting ? this.consecutiveFailures : w.calls;
    const windowFailures = counting ? this.consecutiveFailures : w.failures;
    const windowSlow = counting ? 0 : w.slow;
    const metrics: BreakerMetrics = {
      name: this.name,
      circuit_type: this.type,
      state,
      total_calls: c.total,
      successful_calls: c.successful,
      failed_calls: c.failed,
      excluded_calls: c.excluded,
      rejected_calls: c.rejected,
      slow_calls: c.slow,
      timeouts: c.timeouts,
      failure_rate: c.failed / Math.max(1, c.successful + c.failed),
      latency_p50_ms: this.histogram.percentile(0.5),
      latency_p95_ms: this.histogram.percentile(0.95),
      latency_p99_ms: this.histogram.percentile(0.99),
      window: {
        calls: windowCalls,
        failures: windowFailures,
        slow: windowSlow,
        failure_rate: windowFailures / Math.max(1, windowCalls),
        slow_rate: windowSlow / Math.max(1, windowCalls),
      },
      consecutive_failures: this.consecutiveFailures,
      consecutive_opens: this.consecutiveOpens,
      retry_after_ms: this.retryAfterMs(),
      state_changes: this.stateChanges.map((s) => ({ ...s })),
    };
    if (this.baseline !== null && this.timeWindow !== null) {
      metrics.latency_baseline_ms = this.baseline.valueMs;
      const tw = this.timeWindow;
      metrics.shed_probability =
        tw.calls >= this.minimumCalls ? throttleProbability(tw.attempts, tw.good, this.throttleK) : 0;
    }
    if (this.bulkhead !== null) {
      const b = this.bulkhead;
      metrics.bulkhead = {
        pool: b.name,
        active: b.active,
        queued: b.queueLength,
        max_concurrent_calls: b.maxConcurrentCalls,
      };
    }
    return metrics;
  }

  /** The breaker's state, counters and config as plain data (restore with `options.initialState`). */
  toJSON(): BreakerSnapshot {
    const snapshot: BreakerSnapshot = {
      name: this.name,
      state: this.getState(),
      openedAt: Number.isNaN(this.openedAt) ? 0 : this.openedAt,
      openDurationMs: Number.isNaN(this.openDurationMs) ? 0 : this.openDurationMs,
      consecutiveOpens: this.consecutiveOpens,
      consecutiveFailures: this.consecutiveFailures,
      counters: { ...this.counters },
      stateChanges: this.stateChanges.map((s) => ({ ...s })),
      config: this.cfg,
    };
    if (this.baseline !== null) snapshot.baseline = this.baseline.toJSON();
    if (this.type !== CircuitBreakerType.COUNT_BASED) snapshot.window = this.window.snapshot();
    return snapshot;
  }

  private restore(snapshot: BreakerSnapshot): void {
    this.state = snapshot.state;
    this.openedAt = snapshot.openedAt;
    this.openDurationMs = snapshot.openDurationMs;
    this.consecutiveOpens = snapshot.consecutiveOpens;
    this.consecutiveFailures = snapshot.consecutiveFailures;
    Object.assign(this.counters, snapshot.counters);
    this.stateChanges = snapshot.stateChanges.slice(-this.stateChangesLimit).map((s) => ({ ...s }));
    if (snapshot.baseline !== undefined && this.baseline !== null) this.baseline.restore(snapshot.baseline);
    if (snapshot.window !== undefined) this.window.restore(snapshot.window);
    if (this.state === 'open') this.scheduleHealthCheck();
  }
}
