import { FAILED, SLOW, type OutcomeWindow, type WindowSnapshot } from './count-window.js';

// Counters per bucket, side by side in one array: calls, failures, slow, attempts, good.
const FIELDS = 5;
const CALLS = 0;
const FAILURES = 1;
const SLOWS = 2;
const ATTEMPTS = 3;
const GOOD = 4;

/**
 * The last `seconds` seconds in one bucket per second. Every bucket older than the window is dropped before
 * counts are read or written, so a failure long ago never counts, however long the breaker was idle.
 * Also counts attempts and good calls per bucket for the ADAPTIVE breaker's throttling.
 */
export class TimeWindow implements OutcomeWindow {
  calls = 0;
  failures = 0;
  slow = 0;
  /** Calls that asked to go through, admitted or not (ADAPTIVE throttling's "requests"). */
  attempts = 0;
  /** Successful calls that were not slow (ADAPTIVE throttling's "accepts"). */
  good = 0;
  private readonly buckets: Uint32Array;
  /** The second of the newest bucket; the bucket of second s is at index (s % seconds). */
  private headSecond = Number.NEGATIVE_INFINITY;
  private nextSecondAt = Number.NEGATIVE_INFINITY;

  constructor(readonly seconds: number) {
    this.buckets = new Uint32Array(seconds * FIELDS);
  }

  advance(nowMs: number): void {
    if (nowMs < this.nextSecondAt) return; // still in the head bucket's second: the common case
    const second = Math.floor(nowMs / 1000);
    if (second <= this.headSecond) return;
    if (second - this.headSecond >= this.seconds) {
      this.clear();
    } else {
      for (let s = this.headSecond + 1; s <= second; s++) this.dropBucket((s % this.seconds) * FIELDS);
    }
    this.headSecond = second;
    this.nextSecondAt = (second + 1) * 1000;
  }

  record(nowMs: number, flags: number): void {
    this.advance(nowMs);
    const b = this.buckets;
    const i = (this.headSecond % this.seconds) * FIELDS;
    this.calls++;
    (b[i + CALLS] as number)++;
    if (flags & FAILED) {
      this.failures++;
      (b[i + FAILURES] as number)++;
    }
    if (flags & SLOW) {
      this.slow++;
      (b[i + SLOWS] as number)++;
    }
    if (flags === 0) {
      this.good++;
      (b[i + GOOD] as number)++;
    }
  }

  recordAttempt(nowMs: number): void {
    this.advance(nowMs);
    this.attempts++;
    (this.buckets[(this.headSecond % this.seconds) * FIELDS + ATTEMPTS] as number)++;
  }

  reset(): void {
    this.clear();
    this.headSecond = this.nextSecondAt = Number.NEGATIVE_INFINITY;
  }

  snapshot(): WindowSnapshot {
    return { kind: 'time', size: this.seconds, data: Array.from(this.buckets), headSecond: this.headSecond };
  }

  restore(snapshot: WindowSnapshot): boolean {
    const { headSecond } = snapshot;
    if (snapshot.kind !== 'time' || snapshot.size !== this.seconds || snapshot.data.length !== this.buckets.length) {
      return false;
    }
    if (headSecond === undefined || !Number.isFinite(headSecond)) {
      this.reset();
      return true;
    }
    this.buckets.set(snapshot.data);
    this.headSecond = headSecond;
    this.nextSecondAt = (headSecond + 1) * 1000;
    this.calls = this.failures = this.slow = this.attempts = this.good = 0;
    for (let i = 0; i < this.buckets.length; i += FIELDS) {
      this.calls += this.buckets[i + CALLS] as number;
      this.failures += this.buckets[i + FAILURES] as number;
      this.slow += this.buckets[i + SLOWS] as number;
      this.attempts += this.buckets[i + ATTEMPTS] as number;
      this.good += this.buckets[i + GOOD] as number;
    }
    return true;
  }

  private dropBucket(i: number): void {
    const b = this.buckets;
    this.calls -= b[i + CALLS] as number;
    this.failures -= b[i + FAILURES] as number;
    this.slow -= b[i + SLOWS] as number;
    this.attempts -= b[i + ATTEMPTS] as number;
    this.good -= b[i + GOOD] as number;
    b.fill(0, i, i + FIELDS);
  }

  private clear(): void {
    this.buckets.fill(0);
    this.calls = this.failures = this.slow = this.attempts = this.good = 0;
  }
}
