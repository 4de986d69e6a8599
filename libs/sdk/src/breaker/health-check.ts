import type { TimerTask, TimerWheel } from './timer-wheel.js';

class HealthCheckTimeout implements TimerTask {
  cancelled = false;
  constructor(
    readonly deadline: number,
    readonly controller: AbortController,
    readonly done: (passed: boolean) => void,
  ) {}

  fire(): void {
    this.controller.abort(new Error('health check timed out'));
    this.done(false);
  }
}

/**
 * Runs one health check with a timeout on the timer wheel: passes when the check returns or resolves to anything
 * but `false`; fails when it throws, rejects, resolves to `false` or outlasts `timeoutMs`. Never rejects.
 */
export function runHealthCheck(
  check: (signal: AbortSignal) => unknown,
  timeoutMs: number,
  wheel: TimerWheel,
): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    let settled = false;
    const controller = new AbortController();
    const timeout = new HealthCheckTimeout(wheel.now() + timeoutMs, controller, (passed) => {
      if (settled) return;
      settled = true;
      resolve(passed);
    });
    wheel.schedule(timeout);
    const finish = (passed: boolean): void => {
      if (settled) return;
      settled = true;
      timeout.cancelled = true;
      resolve(passed);
    };
    try {
      Promise.resolve(check(controller.signal)).then(
        (value) => finish(value !== false),
        () => finish(false),
      );
    } catch {
      finish(false);
    }
  });
}
