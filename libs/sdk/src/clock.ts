/** Source of time for everything time-dependent in the SDK, in milliseconds. Inject one to drive time in tests. */
export interface Clock {
  now(): number;
}

/** The process clock (`performance.timeOrigin`-based wall time is not needed: only differences matter). */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to: for tests and simulations. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(ms: number): void;
}

export function createManualClock(startMs = 0): ManualClock {
  let current = startMs;
  return {
    now: () => current,
    advance(ms: number) {
      if (!(ms >= 0)) throw new RangeError(`advance(ms): ms must be >= 0, got ${ms}`);
      current += ms;
    },
    set(ms: number) {
      current = ms;
    },
  };
}
