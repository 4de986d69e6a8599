import { createManualClock, type ManualClock } from '../../clock.js';
import { CircuitBreaker, type CircuitBreakerOptions } from '../circuit-breaker.js';
import type { CircuitBreakerConfigInput } from '../resolve-config.js';
import { createManualTimerWheel, type TimerWheel } from '../timer-wheel.js';

/** A breaker on a manual clock and manual timer wheel, with helpers that drive it: for the SDK's tests. */
export interface Harness {
  clock: ManualClock;
  wheel: TimerWheel;
  breaker: CircuitBreaker;
  ok(durationMs?: number): Promise<unknown>;
  fail(durationMs?: number, error?: unknown): Promise<unknown>;
  /** Advances the clock and fires due timers, then lets promise reactions run. */
  advance(ms: number): Promise<void>;
}

export const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

let counter = 0;

export function harness(config: CircuitBreakerConfigInput, options: CircuitBreakerOptions = {}): Harness {
  const clock = createManualClock(1_000_000);
  const wheel = createManualTimerWheel(clock);
  const breaker = new CircuitBreaker(`test-${++counter}`, config, { clock, timerWheel: wheel, ...options });
  // A call whose duration is simulated by moving the clock while it runs.
  const run = (durationMs: number, error: unknown): Promise<unknown> =>
    breaker.call(() => {
      clock.advance(durationMs);
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- tests throw non-Error values on purpose
      if (error !== undefined) throw error;
      return 'ok';
    });
  return {
    clock,
    wheel,
    breaker,
    ok: (durationMs = 0) => run(durationMs, undefined).catch((e: unknown) => e),
    fail: (durationMs = 0, error: unknown = new Error('boom')) => run(durationMs, error).catch((e: unknown) => e),
    async advance(ms: number) {
      clock.advance(ms);
      wheel.runDue();
      await flush();
    },
  };
}
