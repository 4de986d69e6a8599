/**
 * Breakwater's breakers side by side with opossum and cockatiel, in one process: interleaved rounds, median ns per
 * call, then heap for 10,000 TIME_BASED-like breakers after traffic, then the ADAPTIVE latency scenario.
 * Run with `npm run bench:sdk` (builds the SDK, runs node with --expose-gc). Not a test: run it on a quiet machine.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  CircuitBreaker,
  CircuitBreakerType,
  createManualClock,
  createManualTimerWheel,
  fastClock,
  type CircuitBreakerConfigInput,
} from '@breakwater/sdk';
import {
  circuitBreaker,
  ConsecutiveBreaker,
  handleAll,
  SamplingBreaker,
  timeout,
  TimeoutStrategy,
  wrap,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import Opossum from 'opossum';

const CALLS_PER_BATCH = Number(process.env['BENCH_CALLS'] ?? 20_000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 15);
const SKIP_HEAP = process.env['BENCH_SKIP_HEAP'] === '1';
const BREAKERS = 10_000;

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc (npm run bench:sdk does)');

// eslint-disable-next-line @typescript-eslint/require-await -- the protected operation: an async function
async function work(): Promise<number> {
  return 1;
}
const noop = (): void => {};

type Scenario = { name: string; group: string; run: () => Promise<unknown> };

function breakwater(type: CircuitBreakerType, callTimeout?: number, clock?: typeof fastClock): CircuitBreaker {
  const config: CircuitBreakerConfigInput = {
    circuitType: type,
    failureThreshold: 5,
    failureRateThreshold: 0.5,
    minimumCalls: 10,
    slidingWindowSize: type === CircuitBreakerType.PERCENTAGE_BASED ? 100 : 60,
  };
  if (callTimeout !== undefined) config.callTimeout = callTimeout;
  const name = `bench-${type}${callTimeout === undefined ? '' : '-timeout'}${clock === undefined ? '' : '-fast'}`;
  return new CircuitBreaker(name, config, clock === undefined ? {} : { clock });
}

function cockatielConsecutive(): CircuitBreakerPolicy {
  return circuitBreaker(handleAll, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) });
}
function cockatielSampling(): CircuitBreakerPolicy {
  return circuitBreaker(handleAll, {
    halfOpenAfter: 10_000,
    breaker: new SamplingBreaker({ threshold: 0.5, duration: 60_000, minimumRps: 5 }),
  });
}

function scenarios(): Scenario[] {
  const list: Scenario[] = [{ name: 'bare await fn()', group: 'baseline', run: () => work() }];
  const opossum = new Opossum(work, { timeout: false });
  const opossumTimeout = new Opossum(work, { timeout: 1_000 });
  list.push({ name: 'opossum', group: 'breaker', run: () => opossum.fire() });
  list.push({ name: 'opossum + timeout', group: 'timeout', run: () => opossumTimeout.fire() });
  const consecutive = cockatielConsecutive();
  const sampling = cockatielSampling();
  const samplingTimeout = wrap(timeout(1_000, TimeoutStrategy.Aggressive), cockatielSampling());
  list.push({ name: 'cockatiel ConsecutiveBreaker', group: 'breaker', run: () => consecutive.execute(work) });
  list.push({ name: 'cockatiel SamplingBreaker', group: 'breaker', run: () => sampling.execute(work) });
  list.push({ name: 'cockatiel Sampling + timeout', group: 'timeout', run: () => samplingTimeout.execute(work) });
  for (const type of Object.values(CircuitBreakerType)) {
    const plain = breakwater(type);
    const timed = breakwater(type, 1);
    list.push({ name: `breakwater ${type}`, group: 'breaker', run: () => plain.call(work) });
    list.push({ name: `breakwater ${type} + callTimeout`, group: 'timeout', run: () => timed.call(work) });
    // The opt-in clock that reads Date.now from shared memory (a worker thread), for the hottest loops.
    const fast = breakwater(type, undefined, fastClock);
    list.push({ name: `breakwater ${type} (fastClock)`, group: 'breaker', run: () => fast.call(work) });
  }
  // The open-circuit rejection path.
  const openOpossum = new Opossum(work, { timeout: false });
  openOpossum.open();
  const openCockatiel = cockatielConsecutive();
  openCockatiel.isolate();
  const open = breakwater(CircuitBreakerType.COUNT_BASED);
  open.forceOpen();
  list.push({ name: 'open: opossum fire', group: 'open', run: () => openOpossum.fire().catch(noop) });
  list.push({ name: 'open: cockatiel execute', group: 'open', run: () => openCockatiel.execute(work).catch(noop) });
  list.push({ name: 'open: breakwater call', group: 'open', run: () => open.call(work).catch(noop) });
  list.push({ name: 'open: breakwater tryCall', group: 'open', run: () => open.tryCall(work) });
  const only = process.env['BENCH_ONLY'];
  return only === undefined ? list : list.filter((s) => s.name === 'bare await fn()' || new RegExp(only).test(s.name));
}

async function batch(run: () => Promise<unknown>): Promise<number> {
  // Untimed warm-up: whatever the previous batch (or a collection) did to this scenario's compiled code is redone
  // here, not in the measurement.
  for (let i = 0; i < CALLS_PER_BATCH / 10; i++) await run();
  const start = performance.now();
  for (let i = 0; i < CALLS_PER_BATCH; i++) await run();
  return ((performance.now() - start) * 1e6) / CALLS_PER_BATCH;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

async function callCosts(): Promise<Map<string, { group: string; ns: number }>> {
  const list = scenarios();
  const samples = new Map<string, number[]>(list.map((s) => [s.name, []]));
  for (const s of list) await batch(s.run); // warm-up
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  for (let round = 0; round < ROUNDS; round++) {
    // A new order each round, so no scenario always runs after (and collects the garbage of) the same one.
    // No forced collection between batches: a full GC every few milliseconds of work is not a real workload.
    const order = [...list].sort(() => random() - 0.5);
    for (const s of order) samples.get(s.name)?.push(await batch(s.run));
  }
  return new Map(list.map((s) => [s.name, { group: s.group, ns: median(samples.get(s.name) ?? []) }]));
}

async function heapOf(label: string, make: (i: number) => () => Promise<unknown>, dispose?: () => void) {
  gc?.();
  await new Promise((r) => setImmediate(r));
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const calls: Array<() => Promise<unknown>> = [];
  for (let i = 0; i < BREAKERS; i++) calls.push(make(i));
  // Traffic: 50 calls per breaker, one in five failing.
  for (let round = 0; round < 50; round++) {
    for (const call of calls) await call().catch(noop);
  }
  gc?.();
  await new Promise((r) => setImmediate(r));
  gc?.();
  const mb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  dispose?.();
  calls.length = 0;
  return { label, mb };
}

let tick = 0;
// eslint-disable-next-line @typescript-eslint/require-await -- an async operation that fails one call in five
async function sometimesFails(): Promise<number> {
  if (++tick % 5 === 0) throw new Error('failure');
  return 1;
}

async function heaps() {
  const results = [];
  results.push(
    await heapOf('breakwater TIME_BASED', (i) => {
      const b = new CircuitBreaker(`b-${i}`, { circuitType: 'time_based', slidingWindowSize: 60, minimumCalls: 100 });
      return () => b.call(sometimesFails);
    }),
  );
  const opossums: Opossum[] = [];
  results.push(
    await heapOf(
      'opossum',
      () => {
        const b = new Opossum(sometimesFails, { timeout: false, volumeThreshold: 100 });
        opossums.push(b);
        return () => b.fire();
      },
      () => opossums.forEach((b) => b.shutdown()),
    ),
  );
  results.push(
    await heapOf('cockatiel SamplingBreaker', () => {
      const p = circuitBreaker(handleAll, {
        halfOpenAfter: 10_000,
        breaker: new SamplingBreaker({ threshold: 0.5, duration: 60_000, minimumRps: 1_000 }),
      });
      return () => p.execute(sometimesFails);
    }),
  );
  return results;
}

/** Simulated time: 100 ms calls, then 500 ms (5x) with no errors. Does the breaker open? */
async function latencyDegradation(type: 'adaptive' | 'time_based') {
  const clock = createManualClock(0);
  const b = new CircuitBreaker(
    `degrade-${type}`,
    {
      circuitType: type,
      slidingWindowSize: 60,
      minimumCalls: 10,
      failureRateThreshold: 0.5,
      slowCallDurationThreshold: 30,
      slowCallRateThreshold: 0.5,
    },
    { clock, timerWheel: createManualTimerWheel(clock), random: () => 0.5 },
  );
  const call = (ms: number) => b.call(() => void clock.advance(ms)).catch(noop);
  for (let i = 0; i < 600; i++) await call(100);
  let calls = 0;
  while (b.getState() === 'closed' && calls < 1_200) {
    await call(500);
    calls++;
  }
  return { type, state: b.getState(), slowCallsUntilTrip: calls, simulatedSeconds: (calls * 500) / 1000 };
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main() {
  console.log(
    `# Breakwater SDK benchmark — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ` +
      `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${ROUNDS} rounds x ${CALLS_PER_BATCH} calls, median\n`,
  );
  const costs = await callCosts();
  const bare = costs.get('bare await fn()')?.ns ?? 0;
  const ns = (name: string) => costs.get(name)?.ns ?? Number.NaN;
  console.log('| scenario | ns/call | overhead over bare (ns) |');
  console.log('|---|---:|---:|');
  for (const [name, { ns: v }] of costs) console.log(`| ${name} | ${fmt(v)} | ${fmt(v - bare)} |`);

  const over = (name: string) => ns(name) - bare;
  const checks = [
    {
      target: 'COUNT_BASED overhead <= 0.5 x cockatiel ConsecutiveBreaker overhead',
      ratio: over('breakwater count_based') / over('cockatiel ConsecutiveBreaker'),
      limit: 0.5,
    },
    {
      target: 'TIME_BASED overhead <= 0.5 x cockatiel SamplingBreaker overhead',
      ratio: over('breakwater time_based') / over('cockatiel SamplingBreaker'),
      limit: 0.5,
    },
    {
      target: 'PERCENTAGE_BASED overhead <= 0.5 x cockatiel SamplingBreaker overhead',
      ratio: over('breakwater percentage_based') / over('cockatiel SamplingBreaker'),
      limit: 0.5,
    },
    {
      target: 'COUNT_BASED (fastClock) overhead <= 0.5 x cockatiel ConsecutiveBreaker overhead',
      ratio: over('breakwater count_based (fastClock)') / over('cockatiel ConsecutiveBreaker'),
      limit: 0.5,
    },
    {
      target: 'TIME_BASED (fastClock) overhead <= 0.5 x cockatiel SamplingBreaker overhead',
      ratio: over('breakwater time_based (fastClock)') / over('cockatiel SamplingBreaker'),
      limit: 0.5,
    },
    {
      target: 'TIME_BASED + callTimeout <= 0.1 x opossum + timeout (time per call)',
      ratio: ns('breakwater time_based + callTimeout') / ns('opossum + timeout'),
      limit: 0.1,
    },
    {
      target: 'COUNT_BASED + callTimeout <= 0.1 x opossum + timeout (time per call)',
      ratio: ns('breakwater count_based + callTimeout') / ns('opossum + timeout'),
      limit: 0.1,
    },
    {
      target: 'open path: tryCall vs call',
      ratio: ns('open: breakwater tryCall') / ns('open: breakwater call'),
      limit: Number.NaN,
    },
  ];
  console.log('\n| ratio | value | target | met |');
  console.log('|---|---:|---:|---|');
  for (const c of checks) {
    const met = Number.isNaN(c.limit) ? '-' : c.ratio <= c.limit ? 'yes' : 'NO';
    console.log(`| ${c.target} | ${fmt(c.ratio, 3)} | ${Number.isNaN(c.limit) ? '-' : c.limit} | ${met} |`);
  }

  console.log(`\n| heap after traffic, ${fmt(BREAKERS)} breakers | MB | target |`);
  console.log('|---|---:|---|');
  for (const h of SKIP_HEAP ? [] : await heaps()) {
    const target = h.label.startsWith('breakwater') ? (h.mb < 30 ? '< 30 MB: met' : '< 30 MB: NOT met') : '';
    console.log(`| ${h.label} | ${fmt(h.mb, 1)} | ${target} |`);
  }

  console.log('\n| latency degrades 5x (100 -> 500 ms), no errors | state | slow calls until trip |');
  console.log('|---|---|---:|');
  for (const type of ['adaptive', 'time_based'] as const) {
    const r = await latencyDegradation(type);
    console.log(`| ${r.type} | ${r.state} | ${r.state === 'closed' ? 'never' : fmt(r.slowCallsUntilTrip)} |`);
  }
}

await main();
