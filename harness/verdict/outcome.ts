import type { TestCase, TestResult } from '@playwright/test/reporter';
import { ANNOTATION } from '../shared/annotations.ts';

/** Every test ends as exactly one of these. */
export const OUTCOMES = ['fail', 'divergence gone', 'not tested', 'expected divergence', 'pass'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** How an `answered by` annotation begins when a documented-example fixture answered. */
export const DOCUMENTED_EXAMPLES = "the page's documented examples";

export interface Verdict {
  outcome: Outcome;
  /** Empty for a pass; otherwise what a reviewer reads first. */
  reason: string;
}

/**
 * The outcome of one test's last attempt. `not tested` and `divergence gone` come from the
 * harness's annotations; the rest from Playwright's own status against the expected one (a known
 * divergence is an expected failure).
 */
export function verdictOf(test: TestCase, result: TestResult): Verdict {
  const annotation = (type: string) =>
    result.annotations.find((a) => a.type === type)?.description ?? test.annotations.find((a) => a.type === type)?.description;
  const atFault = annotation(ANNOTATION.atFault);
  const notTested = annotation(ANNOTATION.notTested);
  if (result.status === 'skipped') {
    return { outcome: 'not tested', reason: notTested ?? `skipped: ${annotation(ANNOTATION.skip) ?? 'the test skipped itself'}` };
  }
  if (result.status === 'interrupted') return { outcome: 'not tested', reason: 'the run was interrupted before the test finished' };
  if (notTested !== undefined && result.status !== 'passed') return { outcome: 'not tested', reason: notTested };
  const gone = annotation(ANNOTATION.divergenceGone);
  if (gone !== undefined) return { outcome: 'divergence gone', reason: gone };
  if (result.status === test.expectedStatus) {
    if (result.status === 'passed') return { outcome: 'pass', reason: '' };
    // test.fail()'s own annotation says which divergence made the failure expected.
    return { outcome: 'expected divergence', reason: annotation(ANNOTATION.fail) ?? 'an expected failure' };
  }
  const firstError = result.errors[0]?.message ?? (result.status === 'timedOut' ? 'timed out' : result.status);
  const reason = summary(firstError);
  return { outcome: 'fail', reason: atFault && !reason.includes(atFault) ? `${reason} (at fault: ${atFault})` : reason };
}

// eslint-disable-next-line no-control-regex -- terminal colours in Playwright's messages
const ANSI = /\u001b\[[0-9;]*m/g;
const MATCHER_HINT = /^expect\(.*\)\.(not\.)?\w+\(.*\)$/;
const STACK_FRAME = /^at .*:\d+:\d+\)?$/;
/** `Error: `, `FixtureError: `…, before the first line of a message. */
const ERROR_NAME = /^(?:[A-Z]\w*)?Error: /;
const DETAIL = /^(Body: |Call log:)/;
/** The assertion, what was expected, what was received, and why (the `but …` line): the cause is kept whole. */
const MAX_LINES = 4;
const MAX_REASON = 400;

/** The first lines of an error that say what happened, without the matcher's hint or a stack. */
function summary(message: string): string {
  const lines: string[] = [];
  for (const raw of message.replace(ANSI, '').split('\n')) {
    const line = raw.trim().replace(ERROR_NAME, '');
    // What follows is detail a reviewer opens the report for: the answer's body, Playwright's call log.
    if (DETAIL.test(line)) break;
    if (line !== '' && !MATCHER_HINT.test(line) && !STACK_FRAME.test(line)) lines.push(line);
  }
  const text = lines.slice(0, MAX_LINES).join(' · ');
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
}
