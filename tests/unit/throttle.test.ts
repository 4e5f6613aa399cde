import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect, test } from '@playwright/test';
import { ledgerBudget, memoryBudget, throttleDecision, type ThrottleSettings } from '../../harness/transport/throttle.ts';

const settings: ThrottleSettings = { maxWaitSeconds: 60, maxRetries: 3, budgetSeconds: 300 };
const now = new Date('2026-11-23T10:00:00Z');

test('waits what Retry-After asks, fractions and dates included, taking it from the budget', () => {
  expect(throttleDecision(1, '45', settings, memoryBudget(), now)).toEqual({ wait: 45, basis: 'Retry-After: 45' });
  expect(throttleDecision(1, '2.128', settings, memoryBudget(), now)).toEqual({ wait: 2.128, basis: 'Retry-After: 2.128' });
  expect(throttleDecision(1, 'Mon, 23 Nov 2026 10:00:07 GMT', settings, memoryBudget(), now)).toEqual({
    wait: 7,
    basis: 'Retry-After: Mon, 23 Nov 2026 10:00:07 GMT',
  });
});

test('without Retry-After, backs off exponentially up to the cap', () => {
  const waits = [1, 2, 3].map((retry) => throttleDecision(retry, undefined, settings, memoryBudget(), now));
  expect(waits).toEqual([
    { wait: 1, basis: 'no Retry-After: backing off 1 s' },
    { wait: 2, basis: 'no Retry-After: backing off 2 s' },
    { wait: 4, basis: 'no Retry-After: backing off 4 s' },
  ]);
  expect(throttleDecision(3, undefined, { ...settings, maxWaitSeconds: 3 }, memoryBudget(), now)).toEqual({
    wait: 3,
    basis: 'no Retry-After: backing off 3 s',
  });
});

test('gives up, saying why: too many 429s, a wait beyond the cap, the run budget spent', () => {
  expect(throttleDecision(4, '1', settings, memoryBudget(), now)).toEqual({
    giveUp: 'still 429 after 3 waits (GRAPH_MAX_THROTTLE_RETRIES=3)',
  });
  expect(throttleDecision(1, '315', settings, memoryBudget(), now)).toEqual({
    giveUp: 'Retry-After: 315 asks for 315 s, more than GRAPH_MAX_RETRY_AFTER_SECONDS=60',
  });
  const budget = memoryBudget();
  expect(budget.reserve(290, 300)).toBe(true);
  expect(throttleDecision(1, '11', settings, budget, now)).toEqual({
    giveUp: "the run's throttle budget is spent (290 s of GRAPH_THROTTLE_BUDGET_SECONDS=300 waited; this wait needs 11 s)",
  });
  expect(budget.spent()).toBe(290);
  expect(throttleDecision(1, '10', settings, budget, now)).toEqual({ wait: 10, basis: 'Retry-After: 10' });
  expect(budget.spent()).toBe(300);
});

test("the ledger adds up every worker's waits from one file", () => {
  const path = test.info().outputPath('waits.log');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, '');
  const one = ledgerBudget(path);
  const two = ledgerBudget(path);
  expect(one.reserve(2.5, 10)).toBe(true);
  expect(two.reserve(4, 10)).toBe(true);
  expect(one.spent()).toBe(6.5);
  // The last seconds go to one worker only: reading and taking are one step.
  expect(two.reserve(4, 10)).toBe(false);
  expect(one.reserve(3.5, 10)).toBe(true);
  expect(two.spent()).toBe(10);
  expect(existsSync(`${path}.lock`)).toBe(false);
});
