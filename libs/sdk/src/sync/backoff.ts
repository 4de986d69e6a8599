export interface BackoffOptions {
  /** Shortest wait before a reconnect, ms. */
  initialDelayMs: number;
  /** Longest wait, ms. */
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialDelayMs: 1_000, maxDelayMs: 30_000 };

/**
 * Wait before reconnect attempt `attempt` (0 = first retry): exponential with full jitter above the initial
 * delay, so a fleet that lost its control plane at the same moment does not come back in lock-step.
 * `random` returns [0, 1) and is injectable for tests.
 */
export function backoffDelay(attempt: number, random: () => number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const { initialDelayMs, maxDelayMs } = options;
  const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(attempt, 30));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(initialDelayMs + r * (ceiling - initialDelayMs));
}
