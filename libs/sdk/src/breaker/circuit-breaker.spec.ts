import { describe, expect, it } from 'vitest';
import { isCircuitOpenError, type CircuitOpenError } from '../errors.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { CircuitBreakerType } from './circuit-state.js';
import { harness } from './testing/harness.js';

class ValidationError extends Error {
  override name = 'ValidationError';
}

describe('COUNT_BASED', () => {
  const cases: Array<{ title: string; outcomes: string; threshold: number; state: string }> = [
    { title: 'opens at exactly failureThreshold consecutive failures', outcomes: 'FFF', threshold: 3, state: 'open' },
    { title: 'stays closed one failure short', outcomes: 'FF', threshold: 3, state: 'closed' },
    { title: 'a success resets the count', outcomes: 'FFSFF', threshold: 3, state: 'closed' },
    { title: 'an excluded error neither counts nor resets', outcomes: 'FFXF', threshold: 3, state: 'open' },
    { title: 'threshold 1 opens on the first failure', outcomes: 'F', threshold: 1, state: 'open' },
  ];
  it.each(cases)('$title', async ({ outcomes, threshold, state }) => {
    const h = harness({
      circuitType: 'count_based',
      failureThreshold: threshold,
      excludedExceptions: ['ValidationError'],
    });
    for (const o of outcomes) {
      if (o === 'F') await h.fail();
      else if (o === 'S') await h.ok();
      else await h.fail(0, new ValidationError('bad input'));
    }
    expect(h.breaker.getState()).toBe(state);
  });
});

describe('PERCENTAGE_BASED', () => {
  const base = {
    circuitType: 'percentage_based' as const,
    slidingWindowSize: 10,
    minimumCalls: 4,
    failureRateThreshold: 0.5,
  };
  const cases: Array<{ title: string; outcomes: string; state: string }> = [
    { title: 'does not trip below minimumCalls even at 100 % failures', outcomes: 'FFF', state: 'closed' },
    { title: 'trips at exactly the threshold rate once minimumCalls is reached', outcomes: 'SSFF', state: 'open' },
    { title: 'stays closed just under the threshold', outcomes: 'SSSSSSFFFF', state: 'closed' },
    { title: 'evaluates after a success too', outcomes: 'FFFS', state: 'open' },
    { title: 'old calls leave the ring buffer', outcomes: 'F' + 'S'.repeat(9) + 'FFFF', state: 'closed' },
  ];
  it.each(cases)('$title', async ({ outcomes, state }) => {
    const h = harness(base);
    for (const o of outcomes) await (o === 'F' ? h.fail() : h.ok());
    expect(h.breaker.getState()).toBe(state);
  });

  it('trips on the slow-call rate', async () => {
    const h = harness({ ...base, slowCallDurationThreshold: 1, slowCallRateThreshold: 0.5 });
    await h.ok(1000); // exactly the threshold: not slow
    await h.ok(10);
    await h.ok(1001);
    expect(h.breaker.getState()).toBe('closed');
    await h.ok(2000);
    expect(h.breaker.getMetrics().slow_calls).toBe(2);
    expect(h.breaker.getState()).toBe('open');
  });
});

describe('TIME_BASED', () => {
  const base = {
    circuitType: 'time_based' as const,
    slidingWindowSize: 10,
    minimumCalls: 3,
    failureRateThreshold: 0.5,
  };

  it('trips on the failure rate over the window', async () => {
    const h = harness(base);
    await h.ok();
    await h.fail();
    expect(h.breaker.getState()).toBe('closed');
    await h.fail();
    expect(h.breaker.getState()).toBe('open');
  });

  it('expires every elapsed bucket: a failure long ago never counts', async () => {
    const h = harness(base);
    await h.fail();
    await h.fail();
    await h.advance(10_000); // the window is 10 s: both failures expired
    await h.ok();
    await h.fail();
    expect(h.breaker.getMetrics().window).toMatchObject({ calls: 2, failures: 1 });
    expect(h.breaker.getState()).toBe('closed');
  });

  it('keeps calls that are still inside the window', async () => {
    const h = harness(base);
    await h.fail();
    await h.advance(9_000);
    await h.fail();
    await h.ok();
    expect(h.breaker.getState()).toBe('open');
  });

  it('drops only the buckets that left the window after a partial idle period', async () => {
    const h = harness(base);
    h.clock.set(0);
    await h.fail(); // second 0
    await h.advance(5_000);
    await h.ok(); // second 5
    await h.advance(5_000); // second 10: second 0 expired
    expect(h.breaker.getMetrics().window).toMatchObject({ calls: 1, failures: 0 });
  });
});

describe('OPEN and HALF_OPEN', () => {
  const open = async (config: Parameters<typeof harness>[0] = {}) => {
    const h = harness({ circuitType: 'count_based', failureThreshold: 1, timeout: 10, halfOpenMaxCalls: 2, ...config });
    await h.fail();
    expect(h.breaker.getState()).toBe('open');
    return h;
  };

  it('rejects without invoking fn, with retryAfterMs', async () => {
    const h = await open();
    let invoked = 0;
    h.clock.advance(4_000);
    const error = (await h.breaker.call(() => ++invoked).catch((e: unknown) => e)) as CircuitOpenError;
    expect(isCircuitOpenError(error)).toBe(true);
    expect(error).toMatchObject({ breakerName: h.breaker.name, state: 'open', retryAfterMs: 6_000, reason: 'open' });
    expect(invoked).toBe(0);
    expect(h.breaker.getMetrics().rejected_calls).toBe(1);
  });

  it('reports half_open at exactly openedAt + timeout, not 1 ms before', async () => {
    const h = await open();
    h.clock.advance(9_999);
    expect(h.breaker.getState()).toBe('open');
    h.clock.advance(1);
    expect(h.breaker.getState()).toBe('half_open');
  });

  it('permits a call at exactly openedAt + timeout', async () => {
    const h = await open();
    h.clock.advance(10_000);
    expect(await h.ok()).toBe('ok');
  });

  it('admits halfOpenMaxCalls probes and rejects the rest without queueing', async () => {
    const h = await open({
      circuitType: 'percentage_based',
      slidingWindowSize: 2,
      minimumCalls: 1,
      failureRateThreshold: 1,
    });
    h.clock.advance(10_000);
    const gates: Array<() => void> = [];
    const probe = () => h.breaker.call(() => new Promise<string>((resolve) => gates.push(() => resolve('p'))));
    const p1 = probe();
    const p2 = probe();
    const p3 = probe().catch((e: unknown) => e);
    expect(isCircuitOpenError(await p3)).toBe(true);
    expect((await p3) as CircuitOpenError).toMatchObject({ reason: 'half_open_full' });
    expect(gates).toHaveLength(2);
    gates.forEach((g) => g());
    expect(await Promise.all([p1, p2])).toEqual(['p', 'p']);
    expect(h.breaker.getState()).toBe('closed');
  });

  const probeCases: Array<{ probes: string; state: string }> = [
    { probes: 'SS', state: 'closed' },
    { probes: 'SF', state: 'open' }, // failure rate 0.5 >= 0.5
    { probes: 'FS', state: 'open' },
    { probes: 'S', state: 'half_open' }, // waits for all probe results
  ];
  it.each(probeCases)('rate type: probes $probes -> $state', async ({ probes, state }) => {
    const h = await open({ circuitType: 'time_based', minimumCalls: 1, failureRateThreshold: 0.5 });
    h.clock.advance(10_000);
    for (const o of probes) await (o === 'F' ? h.fail() : h.ok());
    expect(h.breaker.getState()).toBe(state);
  });

  it('COUNT_BASED: a probe success closes, a probe failure re-opens', async () => {
    const h = await open();
    h.clock.advance(10_000);
    await h.ok();
    expect(h.breaker.getState()).toBe('closed');
    await h.fail();
    h.clock.advance(10_000);
    await h.fail();
    expect(h.breaker.getState()).toBe('open');
  });

  it('an excluded error gives its permit back', async () => {
    const h = await open({ halfOpenMaxCalls: 1, excludedExceptions: ['ValidationError'] });
    h.clock.advance(10_000);
    await h.fail(0, new ValidationError('x'));
    expect(h.breaker.getState()).toBe('half_open');
    await h.ok();
    expect(h.breaker.getState()).toBe('closed');
  });

  it('a probe hanging longer than maxWaitInHalfOpen re-opens the circuit', async () => {
    const h = await open({ maxWaitInHalfOpen: 5 });
    h.clock.advance(10_000);
    void h.breaker.call(() => new Promise(() => {}));
    h.clock.advance(4_999);
    expect(h.breaker.getState()).toBe('half_open');
    h.clock.advance(1);
    expect(h.breaker.getState()).toBe('open');
  });

  it('a late result from an earlier generation changes nothing', async () => {
    const h = harness({ circuitType: 'count_based', failureThreshold: 1, timeout: 10 });
    let release: (v: string) => void = () => {};
    const slow = h.breaker.call(() => new Promise<string>((r) => (release = r)));
    await h.fail(); // opens while the slow call is in flight
    release('late');
    expect(await slow).toBe('late');
    expect(h.breaker.getState()).toBe('open');
    // A late failure while half-open must not re-open either.
    let rejectLate: (e: Error) => void = () => {};
    h.clock.advance(10_000);
    await h.ok(); // closes
    const late = h.breaker.call(() => new Promise((_r, j) => (rejectLate = j))).catch(() => 'x');
    h.breaker.forceOpen();
    h.breaker.forceClose();
    rejectLate(new Error('late'));
    await late;
    expect(h.breaker.getState()).toBe('closed');
    expect(h.breaker.getMetrics().failed_calls).toBe(2);
  });

  it('backs off the open duration on consecutive re-opens and resets on close', async () => {
    const h = await open({ backoffMultiplier: 2, maxTimeout: 30 });
    const durations: number[] = [];
    for (let i = 0; i < 4; i++) {
      durations.push(h.breaker.getMetrics().retry_after_ms);
      h.clock.advance(durations[i] as number);
      await h.fail();
    }
    expect(durations).toEqual([10_000, 20_000, 30_000, 30_000]);
    h.clock.advance(30_000);
    await h.ok();
    await h.fail();
    expect(h.breaker.getMetrics().retry_after_ms).toBe(10_000);
  });
});

describe('forced states', () => {
  it('forced_open rejects with retryAfterMs Infinity; disabled lets calls through and never opens', async () => {
    const h = harness({ circuitType: 'count_based', failureThreshold: 1 });
    h.breaker.forceOpen();
    const e = (await h.ok()) as CircuitOpenError;
    expect(e).toMatchObject({ state: 'forced_open', reason: 'forced_open', retryAfterMs: Number.POSITIVE_INFINITY });
    h.clock.advance(10_000_000);
    expect(h.breaker.getState()).toBe('forced_open');
    h.breaker.disable();
    await h.fail();
    await h.fail();
    expect(h.breaker.getState()).toBe('disabled');
    expect(h.breaker.getMetrics()).toMatchObject({ failed_calls: 2, rejected_calls: 1 });
    h.breaker.forceClose();
    expect(h.breaker.getState()).toBe('closed');
    await h.fail();
    expect(h.breaker.getState()).toBe('open');
    h.breaker.reset();
    expect(h.breaker.getState()).toBe('closed');
  });
});

describe('errors and callbacks', () => {
  it('CircuitOpenError from a nested breaker never counts as a failure', async () => {
    const h = harness({ circuitType: 'count_based', failureThreshold: 1 });
    const inner = harness({ circuitType: 'count_based', failureThreshold: 1 });
    inner.breaker.forceOpen();
    await h.breaker.call(() => inner.breaker.call(() => 1)).catch(() => undefined);
    expect(h.breaker.getState()).toBe('closed');
    expect(h.breaker.getMetrics().excluded_calls).toBe(1);
  });

  it('excludes by class (options) and by isFailure', async () => {
    const h = harness(
      { circuitType: 'count_based', failureThreshold: 1 },
      { excludedErrors: [RangeError], isFailure: (e) => !(e instanceof TypeError) },
    );
    await h.fail(0, new RangeError('r'));
    await h.fail(0, new TypeError('t'));
    expect(h.breaker.getState()).toBe('closed');
    await h.fail();
    expect(h.breaker.getState()).toBe('open');
  });

  it('calls transition callbacks with name, from, to; a throwing or rejecting callback never affects calls', async () => {
    const h = harness({ circuitType: 'count_based', failureThreshold: 1, timeout: 1 });
    const seen: string[] = [];
    h.breaker.addStateTransitionCallback(() => {
      throw new Error('bad callback');
    });
    h.breaker.addStateTransitionCallback(() => Promise.reject(new Error('bad async callback')));
    const sub = h.breaker.addStateTransitionCallback((name, from, to) => void seen.push(`${name}:${from}->${to}`));
    await h.fail();
    h.clock.advance(1_000);
    expect(await h.ok()).toBe('ok');
    sub.dispose();
    h.breaker.forceOpen();
    const n = h.breaker.name;
    expect(seen).toEqual([`${n}:closed->open`, `${n}:open->half_open`, `${n}:half_open->closed`]);
    expect(h.breaker.getMetrics().state_changes.map((s) => s.to)).toEqual([
      'open',
      'half_open',
      'closed',
      'forced_open',
    ]);
  });
});

describe('tryCall', () => {
  it('returns results instead of throwing', async () => {
    const h = harness({ circuitType: 'count_based', failureThreshold: 1 });
    expect(await h.breaker.tryCall((x: number) => x * 2, 21)).toEqual({ ok: true, value: 42 });
    const failure = await h.breaker.tryCall(() => {
      throw new Error('no');
    });
    expect(failure).toMatchObject({ ok: false, rejected: false });
    let invoked = false;
    const rejected = await h.breaker.tryCall(() => (invoked = true));
    expect(rejected).toEqual({ ok: false, rejected: true, reason: 'open', state: 'open', retryAfterMs: 60_000 });
    expect(invoked).toBe(false);
  });
});

describe('wrap, decorator and fallback', () => {
  it('wrap keeps this and arguments', async () => {
    const h = harness({});
    const obj = {
      base: 1,
      add: h.breaker.wrap(function (this: { base: number }, x: number) {
        return this.base + x;
      }),
    };
    expect(await obj.add(2)).toBe(3);
  });

  it('protect() decorates methods', async () => {
    const h = harness({ circuitType: 'count_based', failureThreshold: 1 });
    class Service {
      calls = 0;
      get(id: number): Promise<number> {
        this.calls++;
        if (id < 0) return Promise.reject(new Error('negative'));
        return Promise.resolve(id);
      }
    }
    // What `@h.breaker.protect()` on `get` compiles to (the test transformer leaves decorator syntax alone).
    const context = { kind: 'method', name: 'get' } as ClassMethodDecoratorContext<Service>;
    Service.prototype.get = h.breaker.protect()(Service.prototype.get, context);
    const s = new Service();
    expect(await s.get(5)).toBe(5);
    await expect(s.get(-1)).rejects.toThrow('negative');
    await expect(s.get(1)).rejects.toSatisfy(isCircuitOpenError);
    expect(s.calls).toBe(2);
  });

  it('uses the fallback when rejected or failed, not for excluded errors', async () => {
    const h = harness(
      { circuitType: 'count_based', failureThreshold: 2, excludedExceptions: ['ValidationError'] },
      { fallback: (e: unknown) => `fallback:${(e as Error).name}` },
    );
    expect(await h.fail()).toBe('fallback:Error');
    expect(await h.fail(0, new ValidationError('v'))).toBeInstanceOf(ValidationError);
    await h.fail();
    expect(await h.ok()).toBe('fallback:CircuitOpenError');
    const v = harness({ circuitType: 'count_based', failureThreshold: 1 }, { fallback: 'static' });
    expect(await v.fail()).toBe('static');
  });
});

describe('config', () => {
  it('fills defaults and validates with the contracts schema', () => {
    const b = new CircuitBreaker('defaults');
    expect(b.circuitType).toBe(CircuitBreakerType.COUNT_BASED);
    expect(b.config).toMatchObject({ name: 'defaults', failureThreshold: 5, timeout: 60 });
    expect(() => new CircuitBreaker('bad', { failureRateThreshold: 2 })).toThrow(/failureRateThreshold/);
    expect(() => new CircuitBreaker('Bad Name')).toThrow(/name/);
  });

  it('enum values are the contracts circuitType strings', () => {
    expect(Object.values(CircuitBreakerType).sort()).toEqual([
      'adaptive',
      'count_based',
      'percentage_based',
      'time_based',
    ]);
  });

  it('updateConfig keeps state and window when the type is unchanged, and rejects invalid input', async () => {
    const h = harness({ circuitType: 'time_based', minimumCalls: 4, failureRateThreshold: 0.9, slidingWindowSize: 10 });
    await h.fail();
    await h.fail();
    await h.ok();
    h.breaker.updateConfig({ failureRateThreshold: 0.5 });
    expect(h.breaker.getMetrics().window.calls).toBe(3);
    await h.fail();
    expect(h.breaker.getState()).toBe('open');
    expect(() => h.breaker.updateConfig({ minimumCalls: 0 })).toThrow(/minimumCalls/);
    expect(h.breaker.config.minimumCalls).toBe(4);
    h.breaker.updateConfig({ circuitType: 'count_based' });
    expect(h.breaker.getState()).toBe('closed');
    expect(h.breaker.circuitType).toBe('count_based');
  });

  it('toJSON / initialState round-trips state and counters', async () => {
    const h = harness({ circuitType: 'count_based', failureThreshold: 1, timeout: 10 });
    await h.fail();
    const snapshot = JSON.parse(JSON.stringify(h.breaker.toJSON())) as ReturnType<CircuitBreaker['toJSON']>;
    const restored = new CircuitBreaker(h.breaker.name, undefined, { clock: h.clock, initialState: snapshot });
    expect(restored.getState()).toBe('open');
    expect(restored.getMetrics()).toMatchObject({ failed_calls: 1, retry_after_ms: 10_000 });
    h.clock.advance(10_000);
    expect(restored.getState()).toBe('half_open');
  });

  it.each(['time_based', 'percentage_based', 'adaptive'] as const)(
    '%s: the window survives a round trip',
    async (circuitType) => {
      const h = harness({ circuitType, minimumCalls: 5, failureRateThreshold: 0.5, slidingWindowSize: 10 });
      for (const o of 'SSFSFS') await (o === 'F' ? h.fail() : h.ok());
      await h.advance(2_000);
      await h.ok();
      const snapshot = JSON.parse(JSON.stringify(h.breaker.toJSON())) as ReturnType<CircuitBreaker['toJSON']>;
      const restored = new CircuitBreaker('restored', undefined, { clock: h.clock, initialState: snapshot });
      expect(restored.getMetrics().window).toEqual(h.breaker.getMetrics().window);
      expect(restored.getMetrics().window.calls).toBe(7);
      const fail = () => restored.call(() => Promise.reject(new Error('x'))).catch(() => undefined);
      await fail();
      await fail();
      expect(restored.getState()).toBe('closed'); // 4 of 9
      await fail();
      expect(restored.getState()).toBe('open'); // 5 of 10: an empty window would hold only 3 calls
    },
  );
});

describe('half-open slow probes and metrics', () => {
  it('re-opens when the probes are slow, closes when they are fast', async () => {
    const config = {
      circuitType: 'percentage_based' as const,
      slidingWindowSize: 2,
      minimumCalls: 1,
      failureThreshold: 1,
      timeout: 1,
      halfOpenMaxCalls: 2,
      slowCallDurationThreshold: 1,
      slowCallRateThreshold: 0.5,
    };
    const h = harness(config);
    await h.fail();
    h.clock.advance(1_000);
    await h.ok(2_000);
    await h.ok(10);
    expect(h.breaker.getState()).toBe('open'); // slow rate 0.5 >= 0.5
    h.clock.advance(1_000);
    await h.ok(10);
    await h.ok(10);
    expect(h.breaker.getState()).toBe('closed');
  });

  it('reports latency percentiles from the histogram and keeps the last 20 state changes', async () => {
    const h = harness({ circuitType: 'count_based', failureThreshold: 1, timeout: 1 });
    for (let i = 1; i <= 100; i++) await h.ok(i);
    const m = h.breaker.getMetrics();
    expect(m.latency_p50_ms).toBeGreaterThanOrEqual(50);
    expect(m.latency_p50_ms).toBeLessThan(50 * 1.2);
    expect(m.latency_p99_ms).toBeGreaterThanOrEqual(99);
    expect(m.latency_p99_ms).toBeLessThan(99 * 1.2);
    for (let i = 0; i < 15; i++) {
      h.breaker.forceOpen();
      h.breaker.forceClose();
    }
    const changes = h.breaker.getMetrics().state_changes;
    expect(changes).toHaveLength(20);
    expect(changes.at(-1)).toEqual({ from: 'forced_open', to: 'closed', at: h.clock.now() });
  });
});
