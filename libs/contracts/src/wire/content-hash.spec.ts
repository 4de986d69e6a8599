import { describe, expect, it } from 'vitest';
import { resolveBreakerConfig } from '../config/resolve.js';
import {
  contentHash,
  contentHashEntry,
  contentHashInput,
  joinContentHashEntries,
  stableStringify,
} from './content-hash.js';

function config(name: string, failureThreshold = 5) {
  const result = resolveBreakerConfig({ name, template: 'external_api', overrides: { failureThreshold } });
  if (!result.success) throw new Error('fixture config is invalid');
  return result.config;
}

describe('stableStringify', () => {
  it('sorts keys at every level and leaves undefined members out', () => {
    expect(stableStringify({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('rejects non-finite numbers instead of hashing them as null', () => {
    expect(() => stableStringify({ a: Number.NaN })).toThrow(/non-finite/);
  });
});

describe('contentHash', () => {
  it('ignores the order of configs and of keys', () => {
    const a = config('payments');
    const b = config('search');
    const reordered = Object.fromEntries(Object.entries(a).reverse());
    expect(
      contentHash([
        { name: 'search', config: b },
        { name: 'payments', config: reordered },
      ]),
    ).toBe(
      contentHash([
        { name: 'payments', config: a },
        { name: 'search', config: b },
      ]),
    );
  });

  it('changes when one field changes and has the documented format', () => {
    const before = contentHash([{ name: 'payments', config: config('payments', 5) }]);
    const after = contentHash([{ name: 'payments', config: config('payments', 6) }]);
    expect(before).not.toBe(after);
    expect(before).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('hashes an empty set to a fixed value', () => {
    expect(contentHash([])).toBe('sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945');
  });

  it('is the stable JSON of the name-sorted configs, whether built at once or from kept entries', () => {
    const configs = [
      { name: 'search', config: config('search', 7) },
      { name: 'payments', config: config('payments') },
    ];
    const whole = stableStringify([
      { name: 'payments', config: configs[1]?.config },
      { name: 'search', config: configs[0]?.config },
    ]);
    expect(contentHashInput(configs)).toBe(whole);
    expect(joinContentHashEntries([configs[1]!, configs[0]!].map(contentHashEntry))).toBe(whole);
    expect(joinContentHashEntries([])).toBe(contentHashInput([]));
  });
});
