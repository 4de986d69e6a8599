import { describe, expect, it } from 'vitest';
import { isCircuitOpenError, type CircuitOpenError } from '../errors.js';
import { harness } from './testing/harness.js';
import { LatencyBaseline, throttleProbability } from './latency-baseline.js';

const thresholds = {
  slidingWindowSize: 60,
  minimumCalls: 10,
  failureRateThreshold: 0.5,
  slowCallDurationThreshold: 30,
  slowCallRateThreshold: 0.5,
  timeout: 60,
  backoffMultiplier: 2,
  adaptiveConfig: { throttleK: 2, latencyMultiplier: 3, baselineHalfLife: 300, minimumBaselineCalls: 20 },
};

/** 200 calls at 100 ms, then 150 calls at 500 ms (5x) with no errors; returns the state after each phase. */
async function degrade(circuitType: 'adaptive' | 'time_based') {
  const h = harness({ circuitType, ...thresholds }, { random: () => 0.999 });
  for (let i = 0; i < 200; i++) await h.ok(100);
  const before = h.breaker.getState();
  for (let i = 0; i < 150; i++) await h.ok(500);
  return { before, after: h.breaker.getState(), metrics: h.breaker.getMetrics() };
}

describe('ADAPTIVE', () => {
  it('trips on a 5x latency degradation without errors, where TIME_BASED with the same thresholds does not', async () => {
    const adaptive = await degrade('adaptive');
    const timeBased = await degrade('time_based');
    expect(adaptive.before).toBe('closed');
    expect(adaptive.after).toBe('open');
    expect(adaptive.metrics.failed_calls).toBe(0);
    expect(adaptive.metrics.latency_baseline_ms).toBeGreaterThan(90);
    expect(timeBased.after).toBe('closed');
  });

  it('sheds load with probability max(0, (requests - K*accepts)/(requests+1)) from the injected random', async () => {
    let r = 0.5;
    const h = harness(
      { circuitType: 'adaptive', ...thresholds, failureRateThreshold: 1, slowCallRateThreshold: 1 },
      { random: () => r },
    );
    for (let i = 0; i < 10; i++) await h.ok(10);
    for (let i = 0; i < 14; i++) await h.fail(10);
    // requests 24 + this attempt = 25, accepts 10: p = (25 - 20) / 26 ~ 0.19
    r = 0.2;
    const admitted = await h.ok(10);
    expect(admitted).toBe('ok');
    r = 0.1;
    let invoked = false;
    const shed = (await h.breaker.call(() => (invoked = true)).catch((e: unknown) => e)) as CircuitOpenError;
    expect(isCircuitOpenError(shed)).toBe(true);
    expect(shed).toMatchObject({ reason: 'throttled', state: 'closed' });
    expect(invoked).toBe(false);
    expect(h.breaker.getState()).toBe('closed');
  });

  it('backs off the open duration on repeated trips', async () => {
    const h = harness({ circuitType: 'adaptive', ...thresholds, halfOpenMaxCalls: 1 }, { random: () => 0.999 });
    for (let i = 0; i < 10; i++) await h.fail();
    expect(h.breaker.getMetrics().retry_after_ms).toBe(60_000);
    h.clock.advance(60_000);
    await h.fail();
    expect(h.breaker.getMetrics().retry_after_ms).toBe(120_000);
  });
});

describe('throttleProbability', () => {
  it.each([
    [0, 0, 2, 0],
    [10, 10, 2, 0],
    [10, 5, 2, 0],
    [10, 4, 2, 2 / 11],
    [10, 0, 2, 10 / 11],
  ])('requests %d, accepts %d, K %d -> %f', (requests, accepts, k, p) => {
    expect(throttleProbability(requests, accepts, k)).toBeCloseTo(p, 10);
  });
});

describe('LatencyBaseline', () => {
  it('is the median of a time-decayed histogram: a slow tail does not move it, a lasting shift does', () => {
    const b = new LatencyBaseline(1_000, 3);
    for (let i = 0; i < 3; i++) b.observe(0, 100);
    expect(b.trusted).toBe(true);
    expect(b.valueMs).toBeGreaterThanOrEqual(100);
    expect(b.valueMs).toBeLessThan(120);
    b.observe(0, 1_000);
    b.observe(0, 1_000);
    expect(b.valueMs).toBeLessThan(120); // 2 slow of 5: the median stays
    for (let i = 0; i < 32; i++) b.observe(5_000, 500); // the old calls now weigh 1/32
    expect(b.valueMs).toBeGreaterThanOrEqual(500);
    expect(b.valueMs).toBeLessThan(600);
  });

  it('round-trips through toJSON', () => {
    const b = new LatencyBaseline(1_000, 1);
    b.observe(10, 50);
    const c = new LatencyBaseline(1_000, 1);
    c.restore(JSON.parse(JSON.stringify(b.toJSON())) as ReturnType<LatencyBaseline['toJSON']>);
    expect(c.valueMs).toBe(b.valueMs);
  });
});
