import { expect, test } from '@playwright/test';
import { retryAfterSeconds } from '../../harness/transport/retry-after.ts';

const now = new Date('2026-11-23T10:00:00Z');

test('delay-seconds are taken as they are, up to the cap', () => {
  expect(retryAfterSeconds('1', 60, now)).toBe(1);
  expect(retryAfterSeconds('0', 60, now)).toBe(0);
  expect(retryAfterSeconds('3600', 60, now)).toBe(60);
});

test('an HTTP date is turned into the seconds until then', () => {
  expect(retryAfterSeconds('Mon, 23 Nov 2026 10:00:05 GMT', 60, now)).toBe(5);
  expect(retryAfterSeconds('Mon, 23 Nov 2026 09:59:00 GMT', 60, now)).toBe(0);
});

test('a missing or unreadable header waits one second', () => {
  expect(retryAfterSeconds(undefined, 60, now)).toBe(1);
  expect(retryAfterSeconds('soon', 60, now)).toBe(1);
  expect(retryAfterSeconds(undefined, 0, now)).toBe(0);
});
