/** Outcome flags of one recorded call. */
export const FAILED = 1;
export const SLOW = 2;

/** A window's contents as plain data (`CircuitBreaker.toJSON()`). */
export interface WindowSnapshot {
  kind: 'count' | 'time';
  size: number;
  /** Count windows: outcome flags, oldest first. Time windows: 5 counters per bucket, bucket of second s at s % size. */
  data: number[];
  /** Time windows: the second of the newest bucket. */
  headSecond?: number;
}

/** Counts of recorded calls in a sliding window. */
export interface OutcomeWindow {
  readonly calls: number;
  readonly failures: number;
  readonly slow: number;
  /** Drops what has expired by `nowMs` (time windows); a no-op for count windows. */
  advance(nowMs: number): void;
  record(nowMs: number, flags: number): void;
  reset(): void;
  snapshot(): WindowSnapshot;
  /** Refills from a snapshot of a window of the same kind and size; returns false (and changes nothing) otherwise. */
  restore(snapshot: WindowSnapshot): boolean;
}

/** The last `size` recorded calls in a ring buffer: O(1) per call, fixed memory. */
export class CountWindow implements OutcomeWindow {
  calls = 0;
  failures = 0;
  slow = 0;
  private readonly ring: Uint8Array;
  private head = 0;

  constructor(readonly size: number) {
    this.ring = new Uint8Array(size);
  }

  advance(): void {}

  record(_nowMs: number, flags: number): void {
    const ring = this.ring;
    if (this.calls === this.size) {
      const old = ring[this.head] as number;
      this.failures -= old & FAILED;
      this.slow -= (old & SLOW) >> 1;
    } else {
      this.calls++;
    }
    ring[this.head] = flags;
    this.failures += flags & FAILED;
    this.slow += (flags & SLOW) >> 1;
    this.head = this.head + 1 === this.size ? 0 : this.head + 1;
  }

  reset(): void {
    this.ring.fill(0);
    this.calls = this.failures = this.slow = this.head = 0;
  }

  snapshot(): WindowSnapshot {
    const data: number[] = [];
    const start = this.calls === this.size ? this.head : 0;
    for (let i = 0; i < this.calls; i++) data.push(this.ring[(start + i) % this.size] as number);
    return { kind: 'count', size: this.size, data };
  }

  restore(snapshot: WindowSnapshot): boolean {
    if (snapshot.kind !== 'count' || snapshot.size !== this.size || snapshot.data.length > this.size) return false;
    this.reset();
    for (const flags of snapshot.data) this.record(0, flags & (FAILED | SLOW));
    return true;
  }
}
