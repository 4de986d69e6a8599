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

/**
 * The system time in ms, read from memory: a worker thread writes `Date.now()` into shared memory every
 * millisecond, so a read costs about 1 ns instead of about 40 ns for `Date.now()` (two reads per call would be
 * most of a breaker's overhead). Same resolution as `Date.now()` (1 ms), plus at most a millisecond or two of lag;
 * unaffected by a busy main thread. Falls back to `Date.now()` where worker threads are unavailable (browsers,
 * edge runtimes), until the worker has started, and while the worker falls behind (a starved CPU).
 * The worker is started by the first read and never keeps the process alive.
 */
export const fastClock: Clock = { now: fastNow };

let shared: Float64Array | null = null;
let startState: 'idle' | 'started' | 'unavailable' = 'idle';
let reads = 0;
// Until the first check, and whenever the worker falls behind, reads use Date.now.
let lagging = true;

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const time = new Float64Array(workerData);
const sleep = new Int32Array(new SharedArrayBuffer(4));
for (;;) { time[0] = Date.now(); Atomics.wait(sleep, 0, 0, 1); }
`;

interface WorkerThreads {
  Worker: new (
    source: string,
    options: { eval: boolean; workerData: unknown },
  ) => {
    unref(): void;
    on(event: 'error' | 'exit', listener: () => void): void;
  };
}

function startWorker(): void {
  startState = 'unavailable';
  try {
    const getBuiltin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
      ?.getBuiltinModule;
    const threads = getBuiltin?.('node:worker_threads') as WorkerThreads | undefined;
    if (threads === undefined || typeof SharedArrayBuffer !== 'function') return;
    const buffer = new SharedArrayBuffer(8);
    const worker = new threads.Worker(WORKER_SOURCE, { eval: true, workerData: buffer });
    worker.unref();
    const stop = (): void => {
      shared = null;
      startState = 'unavailable';
    };
    worker.on('error', stop);
    worker.on('exit', stop);
    shared = new Float64Array(buffer);
    startState = 'started';
  } catch {
    shared = null;
  }
}

function fastNow(): number {
  const view = shared;
  if (view !== null) {
    // Every 256th read compares with Date.now: while the worker lags by more than 2 ms (a starved CPU), reads
    // fall back to Date.now, so lag is bounded by 2 ms except for at most 255 reads.
    if ((++reads & 255) !== 0) return lagging ? Date.now() : (view[0] as number);
    const now = Date.now();
    lagging = now - (view[0] as number) > 2;
    return now;
  }
  if (startState === 'idle') startWorker();
  return Date.now();
}
