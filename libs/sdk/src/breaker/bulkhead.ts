import type { BulkheadConfig } from '@breakwater/contracts';
import { BulkheadFullError } from '../errors.js';
import type { TimerTask, TimerWheel } from './timer-wheel.js';

class Waiter implements TimerTask {
  cancelled = false;
  constructor(
    readonly deadline: number,
    readonly resolve: () => void,
    readonly reject: (error: unknown) => void,
    private readonly bulkhead: Bulkhead,
  ) {}

  fire(): void {
    this.bulkhead.expire(this);
  }
}

/**
 * A concurrency limit with a bounded FIFO queue. Acquiring a free slot is synchronous (`tryAcquire`), so a call
 * that does not wait allocates nothing; a waiting call gets a promise and a timer task for its queue timeout.
 */
export class Bulkhead {
  active = 0;
  private queue: Array<Waiter | null> = [];
  private head = 0;
  private queued = 0;

  constructor(
    readonly name: string,
    public maxConcurrentCalls: number,
    public maxQueue: number,
    public queueTimeoutMs: number,
    private readonly wheel: TimerWheel,
  ) {}

  get queueLength(): number {
    return this.queued;
  }

  tryAcquire(): boolean {
    if (this.active < this.maxConcurrentCalls && this.queued === 0) {
      this.active++;
      return true;
    }
    return false;
  }

  /** Waits for a slot; rejects with BulkheadFullError when the queue is full or the queue timeout passes. */
  acquire(): Promise<void> {
    if (this.tryAcquire()) return Promise.resolve();
    if (this.queued >= this.maxQueue) return Promise.reject(this.fullError(false));
    return new Promise<void>((resolve, reject) => {
      const waiter = new Waiter(this.wheel.now() + this.queueTimeoutMs, resolve, reject, this);
      this.queue.push(waiter);
      this.queued++;
      this.wheel.schedule(waiter);
    });
  }

  release(): void {
    while (this.queued > 0) {
      const waiter = this.shift();
      if (waiter === null) continue;
      waiter.cancelled = true;
      waiter.resolve(); // the slot passes to the waiter: `active` stays
      return;
    }
    this.active--;
  }

  expire(waiter: Waiter): void {
    const i = this.queue.indexOf(waiter, this.head);
    if (i < 0) return;
    this.queue[i] = null;
    this.queued--;
    waiter.reject(this.fullError(true));
  }

  private shift(): Waiter | null {
    const waiter = this.queue[this.head] ?? null;
    this.queue[this.head++] = null;
    if (waiter !== null) this.queued--;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return waiter;
  }

  private fullError(timedOut: boolean): BulkheadFullError {
    return new BulkheadFullError(this.name, this.maxConcurrentCalls, this.maxQueue, timedOut);
  }
}

const pools = new Map<string, Bulkhead>();

/**
 * The bulkhead for a breaker: shared by every breaker with the same `isolationPoolName` (the pool's limits follow
 * the last config applied), private otherwise.
 */
export function bulkheadFor(breakerName: string, config: BulkheadConfig, wheel: TimerWheel): Bulkhead {
  const queueTimeoutMs = config.queueTimeout * 1000;
  if (config.isolationPoolName === undefined) {
    return new Bulkhead(breakerName, config.maxConcurrentCalls, config.maxQueue, queueTimeoutMs, wheel);
  }
  let pool = pools.get(config.isolationPoolName);
  if (pool === undefined) {
    pool = new Bulkhead(config.isolationPoolName, config.maxConcurrentCalls, config.maxQueue, queueTimeoutMs, wheel);
    pools.set(config.isolationPoolName, pool);
  } else {
    pool.maxConcurrentCalls = config.maxConcurrentCalls;
    pool.maxQueue = config.maxQueue;
    pool.queueTimeoutMs = queueTimeoutMs;
  }
  return pool;
}

/** The shared pools by name (for metrics and tests). */
export function getBulkheadPools(): ReadonlyMap<string, Bulkhead> {
  return pools;
}

/** Forgets every shared pool: for tests. */
export function resetBulkheadPools(): void {
  pools.clear();
}
