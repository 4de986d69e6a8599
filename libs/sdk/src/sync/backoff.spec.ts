import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('stays between 1 s and 30 s for any attempt and random value', () => {
    fc.assert(
      fc.property(fc.nat(1_000), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const delay = backoffDelay(attempt, () => r);
        return delay >= 1_000 && delay <= 30_000;
      }),
    );
  });

  it('doubles its ceiling per attempt until the cap', () => {
    const top = (attempt: number) => backoffDelay(attempt, () => 0.999999);
    expect([0, 1, 2, 3, 4, 5, 6].map(top)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(backoffDelay(4, () => 0)).toBe(1_000);
  });
});
