import { describe, expect, it, vi } from 'vitest';
import { createManualClock, fastClock, systemClock } from './clock.js';

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

describe('fastClock', () => {
  it('follows Date.now once its worker runs, never ahead of it', async () => {
    fastClock.now(); // starts the worker
    await vi.waitFor(
      () => {
        for (let i = 0; i < 512; i++) fastClock.now();
        expect(Math.abs(fastClock.now() - Date.now())).toBeLessThanOrEqual(5);
      },
      { timeout: 5_000 },
    );
    for (let i = 0; i < 5_000; i++) expect(fastClock.now()).toBeLessThanOrEqual(Date.now());
  });
});
