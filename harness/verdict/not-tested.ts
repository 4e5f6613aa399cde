import { STATUS_CODES } from 'node:http';
import { test, type TestInfo } from '@playwright/test';
import { ANNOTATION } from '../shared/annotations.ts';

/** How every not-tested message begins, in errors, JUnit and the matrix. */
export const NOT_TESTED_PREFIX = 'Not tested: ';

/**
 * The service could not be asked, so the contract was neither kept nor broken: no token, a token
 * refused (401) or short of a permission (403), throttled beyond what the run may wait, a server
 * error the contract does not assert, no connection, or no answer in time. Still red.
 */
export class NotTestedError extends Error {
  constructor(
    readonly reason: string,
    detail?: string,
  ) {
    super(`${NOT_TESTED_PREFIX}${reason}${detail ? `\n${detail}` : ''}`);
  }
}

/** Whether the test has been found not tested (its first reason stands). */
export function isNotTested(testInfo: Pick<TestInfo, 'annotations'>): boolean {
  return testInfo.annotations.some((annotation) => annotation.type === ANNOTATION.notTested);
}

/**
 * The error to throw, with the annotation that shows it in the report (when a test is running).
 * `reason` is the one line the matrix shows; `detail`, what the report adds below it.
 */
export function notTested(reason: string, detail?: string): NotTestedError {
  try {
    const info = test.info();
    if (!isNotTested(info)) info.annotations.push({ type: ANNOTATION.notTested, description: reason });
  } catch {
    /* outside a test: a script, or the preflight */
  }
  return new NotTestedError(reason, detail);
}

/** Answers that say the service could not be asked, grouped so that asserting one of a group keeps the group a verdict. */
const GROUPS: { test: (status: number) => boolean; cause: string }[] = [
  { test: (status) => status === 401, cause: 'Graph refused the token' },
  { test: (status) => status === 403, cause: 'the token lacks a permission this operation needs' },
  { test: (status) => status === 429, cause: 'throttled' },
  { test: (status) => status >= 500 && status <= 599, cause: 'the service failed' },
];
const AUTH = [401, 403];

/**
 * Why an answer with `status` means the service could not be asked, or undefined when the contract
 * can judge it. A status the contract asserts stays a verdict (the 503 of the broken-card quirk);
 * so does any status of the same kind (a 500 where the 503 is asserted is a broken contract).
 */
export function untestableCause(status: number, asserted?: number): string | undefined {
  const group = GROUPS.find((candidate) => candidate.test(status));
  if (!group || asserted === undefined) return group?.cause;
  const sameKind = group.test(asserted) || (AUTH.includes(status) && AUTH.includes(asserted));
  return sameKind ? undefined : group.cause;
}

/** `503 Service Unavailable (error code serviceNotAvailable, request-id 1234)`: what a support case asks for. */
export function describeAnswer(status: number, headers: Readonly<Record<string, string>>, body: string): string {
  const details: string[] = [];
  const code = errorCode(body);
  if (code) details.push(`error code ${code}`);
  const requestId = headers['request-id'];
  if (requestId) details.push(`request-id ${requestId}`);
  return `${`${status} ${STATUS_CODES[status] ?? ''}`.trim()}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
}

function errorCode(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown } };
    return typeof parsed.error?.code === 'string' ? parsed.error.code : undefined;
  } catch {
    return undefined;
  }
}
