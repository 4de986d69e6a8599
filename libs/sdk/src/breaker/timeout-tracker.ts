import { CallTimeoutError } from '../errors.js';
import type { TimerTask, TimerWheel } from './timer-wheel.js';

type Resolve = (value: unknown) => void;
type Reject = (reason: unknown) => void;

// `new Promise(capture)` hands out its resolving functions without a closure per call.
let capturedResolve: Resolve = () => {};
let capturedReject: Reject = () => {};
function capture(resolve: Resolve, reject: Reject): void {
  capturedResolve = resolve;
  capturedReject = reject;
}

/**
 * One call waiting for its result or its slot's deadline, whichever comes first. It is a thenable: the breaker
 * awaits it, and its `then` subscribes the await's own resolving functions to the call's result, so a timed call
 * allocates no promise and no closure of its own. A timeout rejects first; the result arriving later is a no-op.
 */
class PendingCall implements PromiseLike<unknown> {
  index = -1;
  private reject: Reject | null = null;

  constructor(
    private readonly result: PromiseLike<unknown>,
    private readonly slot: TimeoutSlot,
  ) {}

  // The await protocol calls this once with the awaiting function's resolving functions.
  then<A = unknown, B = never>(
    resolve?: ((value: unknown) => A | PromiseLike<A>) | null,
    reject?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): PromiseLike<A | B> {
    this.reject = reject as Reject;
    this.slot.add(this);
    this.result.then(resolve as Resolve, reject as Reject);
    return this as unknown as PromiseLike<A | B>;
  }

  /** A promise settled by the result or the slot's deadline, whichever comes first (without an await). */
  promise(): Promise<unknown> {
    const promise = new Promise(capture);
    this.reject = capturedReject;
    this.slot.add(this);
    this.result.then(capturedResolve, capturedReject);
    return promise;
  }

  expire(error: unknown): void {
    this.index = -1;
    this.reject?.(error);
  }

  /** Forgets the call once its await resumed (result or timeout). */
  release(): void {
    if (this.index >= 0) this.slot.remove(this);
  }
}

/**
 * Calls that start within the same short slot share one deadline, one timer task and one AbortSignal: a slot
 * fires `width` ms after the last call it admits could have started plus the timeout, so every call gets at least
 * its full timeout and at most `width` more. Only calls still running are remembered (swap-remove on completion).
 */
class TimeoutSlot implements TimerTask {
  deadline: number;
  readonly closesAt: number;
  private controller: AbortController | null = null;
  private pending: PendingCall[] = [];

  constructor(
    private readonly tracker: TimeoutTracker,
    startedAt: number,
  ) {
    this.closesAt = startedAt + tracker.slotWidthMs;
    this.deadline = this.closesAt + tracker.timeoutMs;
  }

  /** Calls of this slot still running. */
  get running(): number {
    return this.pending.length;
  }

  get signal(): AbortSignal {
    return (this.controller ??= new AbortController()).signal;
  }

  add(call: PendingCall): void {
    call.index = this.pending.length;
    this.pending.push(call);
  }

  remove(call: PendingCall): void {
    const pending = this.pending;
    const last = pending.pop() as PendingCall;
    if (last !== call) {
      pending[call.index] = last;
      last.index = call.index;
    }
    call.index = -1;
  }

  fire(): void {
    const error = this.tracker.timeoutError();
    this.controller?.abort(error);
    const pending = this.pending;
    this.pending = [];
    for (const call of pending) call.expire(error);
  }
}

/** Call timeouts of one breaker, on a shared timer wheel. */
export class TimeoutTracker {
  readonly slotWidthMs: number;
  private slot: TimeoutSlot | null = null;

  constructor(
    private readonly wheel: TimerWheel,
    readonly breakerName: string,
    readonly timeoutMs: number,
  ) {
    // 1/50 of the timeout, between 1 and 100 ms: a timeout fires at most 2 % (or 100 ms) late.
    this.slotWidthMs = Math.min(100, Math.max(1, timeoutMs / 50));
  }

  timeoutError(): CallTimeoutError {
    return new CallTimeoutError(this.breakerName, this.timeoutMs);
  }

  /** The slot for a call starting now (one per `slotWidthMs`). */
  currentSlot(): TimeoutSlot {
    const now = this.wheel.now();
    let slot = this.slot;
    if (slot === null || now >= slot.closesAt) {
      slot = this.slot = new TimeoutSlot(this, now);
      this.wheel.schedule(slot);
    }
    return slot;
  }

  /** A thenable that settles with `result`, or rejects with CallTimeoutError when the slot's deadline comes first. */
  track(result: PromiseLike<unknown>, slot: TimeoutSlot): PendingCall {
    return new PendingCall(result, slot);
  }
}

export type { PendingCall, TimeoutSlot };
