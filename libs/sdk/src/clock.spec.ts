import { describe, expect, it } from 'vitest';
import { createManualClock, systemClock } from './clock.js';

describe('clock', () => {
  it('manual clock moves only when advanced', () => {
    const clock = createManualClock(1_000);
    expect(clock.now()).toBe(1_000);
    clock.advance(250);
    expect(clock.now()).toBe(1_250);
    clock.set(5);
    expect(clock.now()).toBe(5);
  });

  it('manual clock refuses to go backwards through advance', () => {
    const clock = createManualClock();
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('system clock follows Date.now', () => {
    const before = Date.now();
    const now = systemClock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
