import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelaySeconds } from './retry-delay.js';

const policy = { baseSeconds: 30, maxSeconds: 3600 };

describe('retryDelaySeconds', () => {
  it.each([
    // attempt, random, retryAfter, expected
    [1, 0, null, 15],
    [1, 0.999999, null, 29.99997],
    [2, 0, null, 30],
    [3, 0.5, null, 90],
    [5, 0, null, 240],
    [10, 0, null, 1800], // 30 · 2^9 = 15360, capped at 3600, half fixed
    [10, 0.999999, null, 3599.9982],
    [1, 0.3, 120, 120], // Retry-After wins over the backoff
    [1, 0.3, 0, 0],
    [1, 0.3, 99999, 3600], // within the cap
  ] as const)('attempt %i, random %d, Retry-After %s → %d s', (attempt, random, retryAfter, expected) => {
    expect(retryDelaySeconds(attempt, policy, random, retryAfter)).toBeCloseTo(expected, 3);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-12-02T10:00:00Z');
  it.each([
    [undefined, null],
    ['120', 120],
    [' 7 ', 7],
    ['Wed, 02 Dec 2026 10:01:00 GMT', 60],
    ['Wed, 02 Dec 2026 09:00:00 GMT', 0],
    ['soon', null],
    ['-5', null],
  ] as const)('%s → %s', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});
