import { describe, expect, it } from 'vitest';
import { invalidationKeys } from './invalidation-keys';

describe('invalidationKeys', () => {
  it('an instance change refreshes the fleet instances and the breakers list of its environment only', () => {
    expect(
      invalidationKeys({
        kind: 'instance',
        environment: 'staging',
        service: 'checkout',
        instanceId: 'i-1',
        change: 'applied',
      }),
    ).toEqual([
      ['fleet', 'staging', 'instances'],
      ['breakers', 'staging', 'list'],
    ]);
  });

  it('override and config changes refresh the fleet and every breaker view of the environment', () => {
    const expected = [
      ['fleet', 'production'],
      ['breakers', 'production'],
    ];
    expect(
      invalidationKeys({ kind: 'override', environment: 'production', service: 's', breaker: 'b', change: 'set' }),
    ).toEqual(expected);
    expect(
      invalidationKeys({
        kind: 'breaker',
        environment: 'production',
        service: 's',
        breaker: 'b',
        revision: 4,
        change: 'deleted',
      }),
    ).toEqual(expected);
  });
});
