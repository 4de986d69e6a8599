import type { AdminInvalidation } from '@breakwater/contracts';
import type { QueryKey } from '@tanstack/react-query';

/**
 * The TanStack Query keys an invalidation from the control plane makes stale (prefixes: every query under them).
 * Instances: the fleet, and the breakers list ("38 of 40 on the current version"). Overrides: the fleet's banners
 * and the breakers (list banner, editor). Breaker configs: the breakers (list, editor, versions) and the fleet
 * (drift against the current revision).
 */
export function invalidationKeys(event: AdminInvalidation): QueryKey[] {
  const env = event.environment;
  switch (event.kind) {
    case 'instance':
      return [
        ['fleet', env, 'instances'],
        ['breakers', env, 'list'],
      ];
    case 'override':
    case 'breaker':
      return [
        ['fleet', env],
        ['breakers', env],
      ];
  }
}

/** What to refetch after the live channel was away: anything could have changed meanwhile. */
export const RECONNECT_KEYS: QueryKey[] = [['fleet'], ['breakers']];
