import { expect, test } from '@playwright/test';
import { answerHeard, networkFailure } from '../../harness/transport/network-failure.ts';

/** Playwright's error for a connection that ended in the middle of a 201's body (observed with @playwright/test 1.65). */
const CUT_OFF = [
  'apiRequestContext.fetch: aborted',
  'Call log:',
  '\u001b[2m  - → POST https://graph.example/beta/external/connections\u001b[22m',
  '\u001b[2m    - authorization: Bearer REDACTED\u001b[22m',
  '\u001b[2m  - ← 201 Created\u001b[22m',
  '\u001b[2m    - content-type: application/json\u001b[22m',
  '\u001b[2m    - request-id: 5f0c1d6e-0000-4000-8000-000000000001\u001b[22m',
  '\u001b[2m    - content-length: 220\u001b[22m',
].join('\n');

test('a connection that ended mid-body is a network failure, and what was heard of the answer is read from the call log', () => {
  expect(networkFailure(CUT_OFF)).toEqual({ kind: 'network', code: 'aborted' });
  expect(answerHeard(CUT_OFF)).toEqual({ status: 201, reason: 'Created', requestId: '5f0c1d6e-0000-4000-8000-000000000001' });
});

test('no status line heard, nothing heard; a header of the request is never taken for the answer', () => {
  const refused =
    'apiRequestContext.fetch: connect ECONNREFUSED 127.0.0.1:1\nCall log:\n  - → GET https://graph.example/v1.0/x\n    - request-id: from-the-request';
  expect(networkFailure(refused)).toEqual({ kind: 'network', code: 'ECONNREFUSED' });
  expect(answerHeard(refused)).toBeUndefined();
  expect(answerHeard('  - ← 503\n    - retry-after: 2')).toEqual({ status: 503, reason: '', requestId: undefined });
  // "aborted" inside a sentence is not Playwright's aborted request.
  expect(networkFailure('the test aborted the upload on purpose')).toBeUndefined();
});
