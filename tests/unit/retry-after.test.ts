import { expect, test } from '@playwright/test';
import { retryAfterSeconds } from '../../harness/transport/retry-after.ts';

const now = new Date('2026-11-23T10:00:00Z');

test('delay-seconds are taken as they are, fractions included', () => {
  expect(retryAfterSeconds('1', now)).toBe(1);
  expect(retryAfterSeconds('0', now)).toBe(0);
  expect(retryAfterSeconds('3600', now)).toBe(3600);
  // The throttling page's own sample.
  expect(retryAfterSeconds('2.128', now)).toBe(2.128);
});

test('an HTTP date is turned into the seconds until then', () => {
  expect(retryAfterSeconds('Mon, 23 Nov 2026 10:00:05 GMT', now)).toBe(5);
  expect(retryAfterSeconds('Mon, 23 Nov 2026 10:00:00 GMT', now)).toBe(0);
  expect(retryAfterSeconds('Mon, 23 Nov 2026 09:59:00 GMT', now)).toBe(0);
});

test('a missing or unreadable header says nothing', () => {
  expect(retryAfterSeconds(undefined, now)).toBeUndefined();
  expect(retryAfterSeconds('', now)).toBeUndefined();
  expect(retryAfterSeconds('soon', now)).toBeUndefined();
  expect(retryAfterSeconds('-1', now)).toBeUndefined();
  expect(retryAfterSeconds('12', now)).toBe(12);
});
