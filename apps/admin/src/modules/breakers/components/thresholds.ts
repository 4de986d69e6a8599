import type { BreakerConfig } from '@breakwater/contracts';

/** The values that decide when a breaker of this type opens, in one short line. */
export function keyThresholds(config: BreakerConfig): string {
  const open = `open ${config.timeout}s`;
  switch (config.circuitType) {
    case 'count_based':
      return `${config.failureThreshold} failures · ${open}`;
    case 'percentage_based':
      return `${Math.round(config.failureRateThreshold * 100)}% of ${config.slidingWindowSize} calls (min ${config.minimumCalls}) · ${open}`;
    default:
      return `${Math.round(config.failureRateThreshold * 100)}% in ${config.slidingWindowSize}s (min ${config.minimumCalls}) · ${open}`;
  }
}
