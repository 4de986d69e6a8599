import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, diffValues, effectiveConfig, parseIfMatch } from './breaker-config.js';
import { BreakerConfigError } from './breaker-config.errors.js';

describe('canonicalJson and contentHash', () => {
  it('ignore key order and undefined values', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: undefined } })).toBe('{"a":{"d":[2,1]},"b":1}');
    expect(contentHash({ overrides: { timeout: 5, priority: 1 }, metadata: {} })).toBe(
      contentHash({ metadata: {}, overrides: { priority: 1, timeout: 5 } }),
    );
  });

  it('differ when a value or the template differs', () => {
    const base = { overrides: { timeout: 5 }, metadata: {} };
    expect(contentHash(base)).not.toBe(contentHash({ ...base, overrides: { timeout: 6 } }));
    expect(contentHash(base)).not.toBe(contentHash({ ...base, template: 'database' }));
    expect(contentHash(base)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('diffValues', () => {
  it('lists added, removed and changed leaves by path, arrays as a whole', () => {
    expect(
      diffValues(
        { overrides: { timeout: 5, bulkheadConfig: { maxQueue: 1 } }, metadata: { tags: ['a'] } },
        { overrides: { timeout: 6, priority: 2 }, metadata: { tags: ['a', 'b'] } },
      ),
    ).toEqual([
      { path: 'metadata.tags', kind: 'changed', before: ['a'], after: ['a', 'b'] },
      { path: 'overrides.bulkheadConfig.maxQueue', kind: 'removed', before: 1 },
      { path: 'overrides.priority', kind: 'added', after: 2 },
      { path: 'overrides.timeout', kind: 'changed', before: 5, after: 6 },
    ]);
  });

  it('reports fields added under an empty object as the fields, and an emptied section as such', () => {
    expect(diffValues({ overrides: {} }, { overrides: { timeout: 5 } })).toEqual([
      { path: 'overrides.timeout', kind: 'added', after: 5 },
    ]);
    expect(diffValues({ o: { b: { x: 1 } } }, { o: { b: {} } })).toEqual([
      { path: 'o.b.x', kind: 'removed', before: 1 },
    ]);
    expect(diffValues({ o: {} }, { o: { b: {} } })).toEqual([{ path: 'o.b', kind: 'added', after: {} }]);
  });

  it('is empty for equal values', () => {
    expect(diffValues({ a: { b: [1] } }, { a: { b: [1] } })).toEqual([]);
  });
});

describe('effectiveConfig', () => {
  it('throws a 400 naming the field when the layered result breaks a cross-field rule', () => {
    let caught: unknown;
    try {
      effectiveConfig('x', 'staging', {}, { overrides: { timeout: 900 }, metadata: {} });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BreakerConfigError);
    expect((caught as BreakerConfigError).status).toBe(400);
    expect(JSON.stringify((caught as BreakerConfigError).details)).toContain('maxTimeout');
  });
});

describe('parseIfMatch', () => {
  it.each([
    ['"3"', 3],
    ['3', 3],
    ['W/"12"', 12],
    [undefined, undefined],
    ['', undefined],
  ])('%s -> %s', (header, expected) => {
    expect(parseIfMatch(header)).toBe(expected);
  });

  it('refuses anything else with a 400', () => {
    expect(() => parseIfMatch('"abc"')).toThrow(BreakerConfigError);
    expect(() => parseIfMatch('*')).toThrow('If-Match');
  });
});
