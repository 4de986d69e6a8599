import { afterEach, describe, expect, it } from 'vitest';
import { isBulkheadFullError, isCallTimeoutError } from '../errors.js';
import { resetBulkheadPools } from './bulkhead.js';
import { flush, harness } from './testing/harness.js';

afterEach(() => resetBulkheadPools());

describe('call timeout', () => {
  it('rejects with CallTimeoutError, aborts the signal and counts a failure, with no timer per call', async () => {
    const h = harness({ circuitType: 'count_based', failureThreshold: 2, callTimeout: 1 });
    const signals: AbortSignal[] = [];
    const hang = () => h.breaker.execute((signal) => (signals.push(signal), new Promise(() => {})));
    const calls = [hang().catch((e: unknown) => e), hang().catch((e: unknown) => e)];
    expect(h.wheel.size).toBe(1); // both calls share one slot and one timer task
    await h.advance(999);
    expect(signals[0]?.aborted).toBe(false);
    await h.advance(100); // the slot fires within its width (20 ms for a 1 s timeout)
    const errors = await Promise.all(calls);
    expect(errors.every(isCallTimeoutError)).toBe(true);
    expect(signals[0]?.aborted).toBe(true);
    expect(isCallTimeoutError(signals[0]?.reason)).toBe(true);
    expect(h.breaker.getMetrics()).toMatchObject({ timeouts: 2, failed_calls: 2, state: 'open' });
  });

  it('a call that finishes in time is a success and is not held by its slot', async () => {
    const h = harness({ circuitType: 'count_based', failureThreshold: 1, callTimeout: 1 });
    let resolve: (v: string) => void = () => {};
    const call = h.breaker.call(() => new Promise<string>((r) => (resolve = r)));
    await h.advance(500);
    resolve('done');
    expect(await call).toBe('done');
    await h.advance(1_000);
    expect(h.breaker.getMetrics()).toMatchObject({ timeouts: 0, successful_calls: 1, state: 'closed' });
  });

  it('a timeout at exactly callTimeout never fires early', async () => {
    const h = harness({ callTimeout: 2 });
    const call = h.breaker.call(() => new Promise(() => {})).catch((e: unknown) => e);
    await h.advance(1_999);
    let settled = false;
    void call.then(() => (settled = true));
    await flush();
    expect(settled).toBe(false);
    await h.advance(41);
    expect(isCallTimeoutError(await call)).toBe(true);
  });
});

describe('bulkhead', () => {
  const cfg = (pool?: string) => ({
    bulkheadConfig: { maxConcurrentCalls: 2, maxQueue: 1, queueTimeout: 1, isolationPoolName: pool },
  });

  it('limits concurrency, queues up to maxQueue, rejects beyond with BulkheadFullError', async () => {
    const h = harness(cfg());
    const gates: Array<() => void> = [];
    let running = 0;
    let maxRunning = 0;
    const job = () =>
      h.breaker.call(
        () =>
          new Promise<void>((r) => {
            running++;
            maxRunning = Math.max(maxRunning, running);
            gates.push(() => (running--, r()));
          }),
      );
    const results = [job(), job(), job(), job().catch((e: unknown) => e)];
    await flush();
    expect(isBulkheadFullError(await results[3])).toBe(true);
    expect(gates).toHaveLength(2);
    gates.shift()?.();
    await flush();
    expect(gates).toHaveLength(2); // the queued call got the freed slot
    gates.splice(0).forEach((g) => g());
    await Promise.all(results.slice(0, 3));
    expect(maxRunning).toBe(2);
    expect(h.breaker.getMetrics()).toMatchObject({ rejected_calls: 1, successful_calls: 3 });
  });

  it('a queued call gives up after queueTimeout', async () => {
    const h = harness(cfg());
    const never = () => h.breaker.call(() => new Promise(() => {}));
    void never();
    void never();
    const queued = never().catch((e: unknown) => e);
    await h.advance(1_000);
    const error = await queued;
    expect(isBulkheadFullError(error)).toBe(true);
    expect(error).toMatchObject({ queueTimedOut: true });
  });

  it('breakers with the same isolationPoolName share one limit', async () => {
    const a = harness(cfg('shared-pool'));
    const b = harness(cfg('shared-pool'), { clock: a.clock, timerWheel: a.wheel });
    const never = () => new Promise(() => {});
    void a.breaker.call(never);
    void b.breaker.call(never);
    void a.breaker.call(never); // queued
    expect(isBulkheadFullError(await b.breaker.call(never).catch((e: unknown) => e))).toBe(true);
  });

  it('a half-open probe rejected by the bulkhead gives its permit back', async () => {
    const h = harness({
      circuitType: 'count_based',
      failureThreshold: 1,
      timeout: 1,
      halfOpenMaxCalls: 1,
      bulkheadConfig: { maxConcurrentCalls: 1, maxQueue: 0, queueTimeout: 1 },
    });
    let release: () => void = () => {};
    const first = h.breaker.call(() => new Promise<void>((r) => (release = r)));
    await h.fail(); // queue 0: rejected by the bulkhead, not a failure
    expect(h.breaker.getState()).toBe('closed');
    release();
    await first;
    await h.fail();
    expect(h.breaker.getState()).toBe('open');
    h.clock.advance(1_000);
    let releaseProbe: () => void = () => {};
    const blocker = h.breaker.call(() => new Promise<void>((r) => (releaseProbe = r)));
    releaseProbe();
    await blocker;
    expect(h.breaker.getState()).toBe('closed');
  });
});

describe('health-check recovery', () => {
  it('polls while open and moves to half-open early when the check passes', async () => {
    let healthy = false;
    let checks = 0;
    const h = harness(
      {
        circuitType: 'count_based',
        failureThreshold: 1,
        timeout: 600,
        healthCheckConfig: { healthCheckInterval: 10, healthCheckTimeout: 2 },
      },
      { healthCheck: () => (checks++, healthy) },
    );
    await h.fail();
    await h.advance(10_000);
    expect(checks).toBe(1);
    expect(h.breaker.getState()).toBe('open');
    healthy = true;
    await h.advance(10_000);
    expect(checks).toBe(2);
    expect(h.breaker.getState()).toBe('half_open');
  });

  it('a check that outlasts healthCheckTimeout fails', async () => {
    const h = harness(
      {
        circuitType: 'count_based',
        failureThreshold: 1,
        timeout: 600,
        healthCheckConfig: { healthCheckInterval: 10, healthCheckTimeout: 2 },
      },
      { healthCheck: () => new Promise(() => {}) },
    );
    await h.fail();
    await h.advance(10_000);
    await h.advance(2_000);
    expect(h.breaker.getState()).toBe('open');
    expect(h.wheel.size).toBe(1); // the next poll is scheduled
  });
});

describe('bulkhead with call timeout', () => {
  it('a timed-out call frees its bulkhead slot for the queued call', async () => {
    const h = harness({
      callTimeout: 1,
      bulkheadConfig: { maxConcurrentCalls: 1, maxQueue: 1, queueTimeout: 10 },
    });
    const first = h.breaker.call(() => new Promise(() => {})).catch((e: unknown) => e);
    let secondRan = false;
    const second = h.breaker.call(() => ((secondRan = true), 'second'));
    await flush();
    expect(secondRan).toBe(false);
    await h.advance(1_020);
    expect(isCallTimeoutError(await first)).toBe(true);
    expect(await second).toBe('second');
    expect(h.breaker.getMetrics()).toMatchObject({
      timeouts: 1,
      successful_calls: 1,
      bulkhead: { active: 0, queued: 0 },
    });
  });

  it('tryCall reports a timeout as a failure result', async () => {
    const h = harness({ callTimeout: 1 });
    const result = h.breaker.tryCall(() => new Promise(() => {}));
    await h.advance(1_020);
    const r = await result;
    expect(r.ok).toBe(false);
    expect(!r.ok && !r.rejected && isCallTimeoutError(r.error)).toBe(true);
  });
});
