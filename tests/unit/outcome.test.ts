import type { TestCase, TestResult } from '@playwright/test/reporter';
import { expect, test } from '@playwright/test';
import { verdictOf } from '../../harness/verdict/outcome.ts';

type Annotation = { type: string; description?: string };

/** The few fields the verdict reads, as Playwright's reporter API gives them. */
function run(options: {
  status: TestResult['status'];
  expected?: TestCase['expectedStatus'];
  annotations?: Annotation[];
  errors?: string[];
}): [TestCase, TestResult] {
  const testCase = { expectedStatus: options.expected ?? 'passed', annotations: [] as Annotation[] } as unknown as TestCase;
  const result = {
    status: options.status,
    annotations: options.annotations ?? [],
    errors: (options.errors ?? []).map((message) => ({ message })),
  } as unknown as TestResult;
  return [testCase, result];
}

test('a pass is a pass, with no reason', () => {
  expect(verdictOf(...run({ status: 'passed' }))).toEqual({ outcome: 'pass', reason: '' });
});

test('a failure reads as its first lines, without colours, matcher hint or stack, and names the exchange at fault', () => {
  const message =
    '\u001b[2mexpect(\u001b[22mresponse\u001b[2m).\u001b[22mtoHaveStatus\u001b[2m(\u001b[22m201\u001b[2m)\u001b[22m\n\nExpected: 201\nReceived: 400 Bad Request\n    at /work/specs/x.spec.ts:3:4';
  expect(
    verdictOf(
      ...run({
        status: 'failed',
        errors: [message],
        annotations: [{ type: 'at fault', description: 'POST /beta/external/connections → 400, request-id r-1' }],
      }),
    ),
  ).toEqual({
    outcome: 'fail',
    reason: 'Expected: 201 · Received: 400 Bad Request (at fault: POST /beta/external/connections → 400, request-id r-1)',
  });
});

test('a failure the harness marked not tested is not tested, with its reason', () => {
  expect(
    verdictOf(
      ...run({
        status: 'failed',
        errors: ['Error: Not tested: throttled'],
        annotations: [{ type: 'not tested', description: 'throttled: …' }],
      }),
    ),
  ).toEqual({
    outcome: 'not tested',
    reason: 'throttled: …',
  });
});

test('a divergence that is gone says so, whatever Playwright expected', () => {
  expect(
    verdictOf(
      ...run({ status: 'passed', expected: 'failed', annotations: [{ type: 'divergence gone', description: 'Divergence [x] is gone' }] }),
    ),
  ).toEqual({
    outcome: 'divergence gone',
    reason: 'Divergence [x] is gone',
  });
});

test('an expected failure is an expected divergence, naming it', () => {
  const fail = { type: 'fail', description: 'the service diverges from the page as known: connectors-create-not-served' };
  expect(verdictOf(...run({ status: 'failed', expected: 'failed', annotations: [fail] }))).toEqual({
    outcome: 'expected divergence',
    reason: 'the service diverges from the page as known: connectors-create-not-served',
  });
});

test('a skipped or interrupted test was not tested', () => {
  expect(verdictOf(...run({ status: 'skipped', annotations: [{ type: 'skip', description: 'no tenant' }] }))).toEqual({
    outcome: 'not tested',
    reason: 'skipped: no tenant',
  });
  expect(verdictOf(...run({ status: 'interrupted' }))).toEqual({
    outcome: 'not tested',
    reason: 'the run was interrupted before the test finished',
  });
});

test('a timeout with nothing in flight is a fail; a passing test keeps its pass whatever a stray annotation says', () => {
  expect(verdictOf(...run({ status: 'timedOut', errors: ['Test timeout of 30000ms exceeded.'] }))).toEqual({
    outcome: 'fail',
    reason: 'Test timeout of 30000ms exceeded.',
  });
  expect(verdictOf(...run({ status: 'passed', annotations: [{ type: 'not tested', description: 'x' }] }))).toEqual({
    outcome: 'pass',
    reason: '',
  });
});

test('not tested wins over divergence gone: a test that could not ask the service proves nothing gone', () => {
  const annotations = [
    { type: 'divergence gone', description: 'gone' },
    { type: 'not tested', description: 'throttled: …' },
  ];
  expect(verdictOf(...run({ status: 'failed', annotations })).outcome).toBe('not tested');
});

test('a reason keeps the cause: the line that says why, after Error: and the matcher hint, and stops at the body and the call log', () => {
  const message = [
    'Error: expect(response).toHaveStatus(201)',
    '',
    'Expected: 201',
    'Received: 201 Created (request-id r-2)',
    '  but its body is sent as Content-Type: text/html: a JSON answer must say application/json',
    'Body: <html>…</html>',
    'Call log:',
    '  - → POST https://graph.microsoft.com/beta/external/connections',
  ].join('\n');
  expect(verdictOf(...run({ status: 'failed', errors: [message] }))).toEqual({
    outcome: 'fail',
    reason:
      'Expected: 201 · Received: 201 Created (request-id r-2) · but its body is sent as Content-Type: text/html: a JSON answer must say application/json',
  });
});
