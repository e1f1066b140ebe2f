// The retry policy's arithmetic: Retry-After parsing (seconds and HTTP-date) and backoff with jitter, capped.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, parseRetryAfterMs, parseRetryAfterSeconds, retryDelayMs } from '../../src/index.ts';

const NOW = Date.parse('2025-03-04T05:06:07.000Z');
const policy = { ...DEFAULT_RETRY, minDelayMs: 100, maxDelayMs: 1_000 };

describe('Retry-After', () => {
  it.each([
    ['120', 120_000],
    ['0', 0],
    [' 7 ', 7_000],
    ['Tue, 04 Mar 2025 05:06:37 GMT', 30_000],
    ['Tue, 04 Mar 2025 05:00:00 GMT', 0],
    [['3', '9'], 3_000],
    ['soon', undefined],
    ['-5', undefined],
    // Neither delta-seconds nor an HTTP-date: digits with a unit, an ISO 8601 timestamp.
    ['10s', undefined],
    ['2025-03-04T05:06:37Z', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j is %j ms', (value, ms) => {
    expect(parseRetryAfterMs(value, NOW)).toBe(ms);
  });

  it.each([
    ['120', 120],
    ['Tue, 04 Mar 2025 05:06:37 GMT', 30],
    ['Tue, 04 Mar 2025 05:06:07 GMT', 0],
    ['later', undefined],
  ])('%j is reported as %j seconds', (value, seconds) => {
    expect(parseRetryAfterSeconds(value, NOW)).toBe(seconds);
  });
});

describe('retryDelayMs', () => {
  it.each([
    [1, 0, 50], [1, 1, 100],
    [2, 0, 100], [2, 1, 200],
    [3, 0, 200], [3, 1, 400],
    [5, 0, 500], [5, 1, 1_000],
    [9, 1, 1_000],
  ])('retry %i with random %d waits %i ms (equal jitter over min * 2^(n-1), capped)', (retry, random, delay) => {
    expect(retryDelayMs(retry, undefined, policy, () => random)).toBe(delay);
  });

  it.each([
    [250, 250],
    [0, 0],
    [1_000, 1_000],
  ])('a Retry-After of %i ms waits exactly %i ms, whatever the backoff would be', (retryAfterMs, delay) => {
    expect(retryDelayMs(1, retryAfterMs, policy, () => 0.5)).toBe(delay);
  });

  it.each([1_001, 60_000])('a Retry-After of %i ms, beyond maxDelayMs, means no retry (never sooner than the server asked)', (retryAfterMs) => {
    expect(retryDelayMs(1, retryAfterMs, policy, () => 0.5)).toBeUndefined();
  });
});
