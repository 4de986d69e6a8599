import { systemClock, type Clock } from '../clock.js';

/** Something to run at a deadline. Tasks are plain objects, so scheduling allocates no closure. */
export interface TimerTask {
  /** Deadline in the wheel clock's milliseconds. */
  deadline: number;
  /** Set to skip a task that is no longer needed (it is dropped when its deadline comes). */
  cancelled?: boolean;
  fire(): void;
}

/**
 * One timer shared by every breaker for call timeouts, bulkhead queue timeouts and health checks: a min-heap of
 * deadlines with a single `setTimeout` armed for the earliest (unref'd, so it never keeps a process alive).
 * Breakers put many calls on one task (see `TimeoutTracker`), so scheduling is rare and a call pays no timer.
 *
 * With `{ manual: true }` no timer is armed: tests advance their clock and call `runDue()`.
 */
export class TimerWheel {
  private readonly heap: TimerTask[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private armedFor = Number.POSITIVE_INFINITY;
  private readonly onTimer = (): void => {
    this.timer = undefined;
    this.armedFor = Number.POSITIVE_INFINITY;
    this.runDue();
  };

  constructor(
    readonly clock: Clock = systemClock,
    private readonly options: { manual?: boolean } = {},
  ) {}

  now(): number {
    return this.clock.now();
  }

  get size(): number {
    return this.heap.length;
  }

  schedule(task: TimerTask): void {
    const heap = this.heap;
    heap.push(task);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as TimerTask;
      if (p.deadline <= task.deadline) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = task;
    if (i === 0) this.arm();
  }

  /** Fires every task whose deadline has come; returns how many fired. */
  runDue(): number {
    const now = this.clock.now();
    let fired = 0;
    while (this.heap.length > 0 && (this.heap[0] as TimerTask).deadline <= now) {
      const task = this.pop();
      if (task.cancelled) continue;
      fired++;
      try {
        task.fire();
      } catch {
        // A task's failure must not stop the others (tasks catch their own errors; this is the last guard).
      }
    }
    this.arm();
    return fired;
  }

  private pop(): TimerTask {
    const heap = this.heap;
    const top = heap[0] as TimerTask;
    const last = heap.pop() as TimerTask;
    if (heap.length > 0) {
      let i = 0;
      const n = heap.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && (heap[r] as TimerTask).deadline < (heap[l] as TimerTask).deadline ? r : l;
        if ((heap[c] as TimerTask).deadline >= last.deadline) break;
        heap[i] = heap[c] as TimerTask;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  }

  private arm(): void {
    if (this.options.manual) return;
    const first = this.heap[0];
    if (first === undefined) {
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = undefined;
      this.armedFor = Number.POSITIVE_INFINITY;
      return;
    }
    if (this.timer !== undefined && this.armedFor <= first.deadline) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.armedFor = first.deadline;
    this.timer = setTimeout(this.onTimer, Math.max(0, first.deadline - this.clock.now()));
    this.timer.unref();
  }
}

let shared: TimerWheel | undefined;

/** The process-wide wheel on the system clock. */
export function sharedTimerWheel(): TimerWheel {
  return (shared ??= new TimerWheel());
}

/** A wheel that only fires when told to, on the given clock: for tests and simulations. */
export function createManualTimerWheel(clock: Clock): TimerWheel {
  return new TimerWheel(clock, { manual: true });
}
