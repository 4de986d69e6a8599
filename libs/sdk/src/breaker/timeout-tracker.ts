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

/** One call waiting for its result or its slot's deadline, whichever comes first. */
class PendingCall {
  done = false;
  index = -1;
  constructor(
    private readonly resolve: Resolve,
    private readonly reject: Reject,
    private readonly slot: TimeoutSlot,
  ) {}

  settle(value: unknown): void {
    if (this.done) return;
    this.done = true;
    this.slot.remove(this);
    this.resolve(value);
  }

  fail(error: unknown): void {
    if (this.done) return;
    this.done = true;
    this.slot.remove(this);
    this.reject(error);
  }

  expire(error: unknown): void {
    if (this.done) return;
    this.done = true;
    this.reject(error);
  }
}

async function follow(call: PendingCall, result: PromiseLike<unknown>): Promise<void> {
  try {
    call.settle(await result);
  } catch (error) {
    call.fail(error);
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

  /** Settles with `result`, or rejects with CallTimeoutError when the slot's deadline comes first. */
  race<T>(result: PromiseLike<T>, slot: TimeoutSlot): Promise<T> {
    const promise = new Promise<T>(capture as (resolve: (value: T) => void, reject: Reject) => void);
    const call = new PendingCall(capturedResolve, capturedReject, slot);
    slot.add(call);
    void follow(call, result);
    return promise;
  }
}

export type { TimeoutSlot };
