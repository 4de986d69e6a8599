import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CIRCUIT_STATES } from './circuit-state.js';
import { flush, harness } from './testing/harness.js';

class Ignored extends Error {
  override name = 'Ignored';
}

const op = fc.oneof(
  fc.record({ kind: fc.constant('ok' as const), ms: fc.integer({ min: 0, max: 3_000 }) }),
  fc.record({ kind: fc.constant('fail' as const), ms: fc.integer({ min: 0, max: 3_000 }) }),
  fc.record({ kind: fc.constant('excluded' as const), ms: fc.constant(0) }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 90_000 }) }),
  fc.record({ kind: fc.constant('force' as const), ms: fc.integer({ min: 0, max: 3 }) }),
);

const type = fc.constantFrom<'count_based' | 'time_based' | 'percentage_based' | 'adaptive'>(
  'count_based',
  'time_based',
  'percentage_based',
  'adaptive',
);

describe('invariants under random outcome sequences', () => {
  it('counts add up, rejected calls never invoke fn, memory stays bounded', async () => {
    await fc.assert(
      fc.asyncProperty(
        type,
        fc.array(op, { maxLength: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (circuitType, ops, r) => {
          const h = harness(
            {
              circuitType,
              failureThreshold: 3,
              minimumCalls: 5,
              slidingWindowSize: 20,
              timeout: 10,
              halfOpenMaxCalls: 2,
              slowCallDurationThreshold: 2,
              backoffMultiplier: 2,
              maxTimeout: 60,
              excludedExceptions: ['Ignored'],
            },
            { random: () => r },
          );
          let invoked = 0;
          let attempts = 0;
          for (const { kind, ms } of ops) {
            if (kind === 'wait') {
              await h.advance(ms);
              continue;
            }
            if (kind === 'force') {
              [
                () => h.breaker.forceOpen(),
                () => h.breaker.forceClose(),
                () => h.breaker.disable(),
                () => h.breaker.reset(),
              ][ms]?.();
              continue;
            }
            attempts++;
            await h.breaker
              .call(() => {
                invoked++;
                h.clock.advance(ms);
                if (kind === 'fail') throw new Error('x');
                if (kind === 'excluded') throw new Ignored('y');
                return 1;
              })
              .catch(() => undefined);
          }
          const m = h.breaker.getMetrics();
          expect(m.total_calls).toBe(m.successful_calls + m.failed_calls + m.excluded_calls);
          expect(m.total_calls).toBe(invoked);
          expect(m.rejected_calls + invoked).toBe(attempts);
          expect(m.slow_calls).toBeLessThanOrEqual(m.total_calls);
          expect(CIRCUIT_STATES).toContain(m.state);
          expect(m.window.calls).toBeLessThanOrEqual(circuitType === 'count_based' ? 3 : 20 * 1000);
          if (circuitType === 'percentage_based') expect(m.window.calls).toBeLessThanOrEqual(20);
          expect(m.window.failures).toBeLessThanOrEqual(m.window.calls);
          expect(m.state_changes.length).toBeLessThanOrEqual(20);
          expect(m.retry_after_ms).toBeLessThanOrEqual(m.state === 'forced_open' ? Infinity : 60_000);
          expect(m.latency_p50_ms).toBeLessThanOrEqual(m.latency_p99_ms);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('concurrency', () => {
  it('half-open admits exactly halfOpenMaxCalls of any number of concurrent callers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 10 }), async (callers, permits) => {
        const h = harness({ circuitType: 'count_based', failureThreshold: 1, timeout: 1, halfOpenMaxCalls: permits });
        await h.fail();
        h.clock.advance(1_000);
        let invoked = 0;
        const gates: Array<() => void> = [];
        const calls = Array.from({ length: callers }, () =>
          h.breaker
            .call(() => (invoked++, new Promise<void>((resolve) => gates.push(resolve))))
            .then(
              () => 'ok',
              () => 'rejected',
            ),
        );
        await flush();
        expect(invoked).toBe(Math.min(callers, permits));
        gates.forEach((g) => g());
        const results = await Promise.all(calls);
        expect(results.filter((x) => x === 'ok')).toHaveLength(Math.min(callers, permits));
        expect(h.breaker.getState()).toBe('closed');
      }),
      { numRuns: 60 },
    );
  });

  it('the bulkhead never runs more than maxConcurrentCalls at once and serves the queue in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 1, max: 30 }),
        async (max, queue, callers) => {
          const h = harness({ bulkheadConfig: { maxConcurrentCalls: max, maxQueue: queue, queueTimeout: 60 } });
          let running = 0;
          let peak = 0;
          const order: number[] = [];
          const gates: Array<() => void> = [];
          const calls = Array.from({ length: callers }, (_, i) =>
            h.breaker
              .call(() => {
                running++;
                peak = Math.max(peak, running);
                order.push(i);
                return new Promise<void>((resolve) => gates.push(() => (running--, resolve())));
              })
              .then(
                () => 'ok',
                () => 'full',
              ),
          );
          while (gates.length > 0 || running > 0) {
            await flush();
            gates.shift()?.();
            await flush();
          }
          const results = await Promise.all(calls);
          expect(peak).toBeLessThanOrEqual(max);
          expect(results.filter((x) => x === 'ok')).toHaveLength(Math.min(callers, max + queue));
          expect(order).toEqual([...order].sort((a, b) => a - b));
        },
      ),
      { numRuns: 60 },
    );
  });
});

type TimeoutsView = { timeouts: { slot: { running: number } | null } };
const lastSlot = (breaker: unknown) => (breaker as TimeoutsView).timeouts.slot;

describe('timeouts keep no memory of finished calls', () => {
  it('100 quick calls in one slot share one timer task and leave nothing behind', async () => {
    const h = harness({ callTimeout: 1 });
    for (let i = 0; i < 100; i++) await h.breaker.call(() => Promise.resolve(i));
    expect(h.wheel.size).toBe(1);
    expect(lastSlot(h.breaker)?.running).toBe(0);
  });

  it('every call settles, slots end empty and the wheel empties once every deadline passed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 1_500 }), { minLength: 1, maxLength: 200 }),
        async (durations) => {
          const h = harness({ callTimeout: 1, circuitType: 'count_based', failureThreshold: 10_000 });
          let outcomes = 0;
          for (const ms of durations) {
            const call = h.breaker.call(
              () => new Promise<void>((resolve) => h.wheel.schedule({ deadline: h.clock.now() + ms, fire: resolve })),
            );
            void call.then(
              () => outcomes++,
              () => outcomes++,
            );
            await h.advance(10);
          }
          // Small steps, as real time goes: one big jump would fire a result and its timeout in one batch.
          for (let t = 0; t < 3_000; t++) await h.advance(1);
          expect(outcomes).toBe(durations.length);
          expect(h.wheel.size).toBe(0);
          expect(lastSlot(h.breaker)?.running).toBe(0);
          const m = h.breaker.getMetrics();
          expect(m.timeouts + m.successful_calls).toBe(durations.length);
          // A call gets its full second, and at most the slot width (20 ms) more.
          expect(m.timeouts).toBeGreaterThanOrEqual(durations.filter((ms) => ms > 1_020).length);
          expect(m.timeouts).toBeLessThanOrEqual(durations.filter((ms) => ms > 1_000).length);
        },
      ),
      { numRuns: 40 },
    );
  });
});
