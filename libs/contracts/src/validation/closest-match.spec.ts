import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from './closest-match.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['threshold', 'treshold', 1],
    ['timeout', 'tiemout', 1],
    ['kitten', 'sitting', 3],
  ])('%s -> %s is %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });
});

describe('closestMatch', () => {
  const fields = ['failureThreshold', 'failureRateThreshold', 'timeout', 'maxTimeout', 'priority'];

  it('suggests the field a typo meant', () => {
    expect(closestMatch('failureTreshold', fields)).toBe('failureThreshold');
    expect(closestMatch('failure_threshold', fields)).toBe('failureThreshold');
    expect(closestMatch('timout', fields)).toBe('timeout');
    expect(closestMatch('priorty', fields)).toBe('priority');
  });

  it('suggests nothing for a word that is not close to any field', () => {
    expect(closestMatch('colour', fields)).toBeUndefined();
    expect(closestMatch('x', fields)).toBeUndefined();
    expect(closestMatch('anything', [])).toBeUndefined();
  });
});
