import { test, type APIResponse, type ExpectMatcherState, type TestInfo } from '@playwright/test';
import { requestLine } from '../transport/exchange.ts';
import { servedExchange, throttlingGivenUp, type GraphResponse } from '../transport/graph-client.ts';
import { describeErrors, formatViolations } from '../schema/format-errors.ts';
import { attachToReport } from '../schema/matcher.ts';
import { schemaValidator } from '../schema/registry.ts';
import type { SentRequest } from '../transport/exchange.ts';
import { describeAnswer, notTested, untestableCause } from './not-tested.ts';
import { permissionHint } from '../permissions/permission-annotations.ts';
import { ANNOTATION } from '../shared/annotations.ts';
import { isJsonObject } from '../shared/json-object.ts';

/** Every error answer's body, when it has a JSON one (Graph's error guide, learn.microsoft.com/graph/errors). */
const ERROR_SCHEMA = 'odataError';

/** Statuses that carry no body, whatever the page shows (RFC 9110 §15.3.5, §15.4.5). */
const NO_BODY = [204, 304];

/**
 * `expect(response).toHaveStatus(201)`: the status, and what a status promises of the answer's
 * form: a body is JSON and says `application/json` (parameters such as `odata.metadata` allowed),
 * a 204 has none, an error's JSON body is an OData error (schemas/odataError.json). A 5xx's body is
 * judged only when it is JSON: real 503s come empty, as text or as HTML.
 * An answer that means the service could not be asked (401, 403, 429, an unasserted 5xx) ends the
 * test as not tested, naming the answer and its request-id, instead of as a broken contract.
 */
export const statusMatchers = { toHaveStatus };

function toHaveStatus(this: ExpectMatcherState, received: GraphResponse | APIResponse, expected: number) {
  // Synchronous on purpose: an async matcher whose `await` is forgotten passes silently.
  const exchange = servedExchange(received);
  if (!exchange) throw new Error('toHaveStatus takes a response the graph fixture returned (graph.get, graph.post, ...).');
  const { request, text: body } = exchange;
  const status = received.status();
  const headers = received.headers();
  const answer = describeAnswer(status, headers, body);
  const cause = status === expected || this.isNot ? undefined : untestableCause(status, expected);
  if (cause) {
    const throttling = status === 429 ? throttlingGivenUp(received) : undefined;
    const hint = status === 403 ? permissionHint(currentAnnotations()) : undefined;
    const why = throttling ? `; the suite stopped waiting: ${throttling}` : hint ? `; ${hint}` : '';
    const error = notTested(`${cause}: ${requestLine(request)} answered ${answer}, where the contract asserts ${expected}${why}.`);
    // The report points at the spec's assertion, not at this matcher.
    Error.captureStackTrace(error, toHaveStatus);
    throw error;
  }
  const problems = status === expected ? [...answerFormProblems(status, headers, body), ...errorBodyProblems(status, body)] : [];
  if (status === expected && problems.length === 0) noteSupportIds(request, status, headers, body);
  const served =
    !this.isNot && expected === 401 && status < 300
      ? [`the contract expects this request refused, and it was served ${tokenSent(request)}`]
      : [];
  const pass = status === expected && problems.length === 0;
  const header = this.utils.matcherHint('toHaveStatus', 'response', String(expected), { isNot: this.isNot });
  return {
    name: 'toHaveStatus',
    pass: this.isNot ? status === expected : pass,
    expected,
    actual: status,
    message: () =>
      [
        header,
        '',
        `Expected: ${this.isNot ? 'not ' : ''}${expected}`,
        `Received: ${answer}`,
        ...[...problems, ...served].map((problem) => `  but ${problem}`),
        ...(status !== expected && body ? [`Body: ${body.length > 400 ? `${body.slice(0, 400)}…` : body}`] : []),
      ].join('\n'),
  };
}

/**
 * What support asks for about a failed request (Graph's error guide): innerError's request-id and
 * date. The contract does not promise them, so a missing one is a note on the test (and in the
 * matrix), never a failure; the answer's request-id header is named when it has one.
 */
function noteSupportIds(request: SentRequest, status: number, headers: Readonly<Record<string, string>>, body: string): void {
  const note = supportIdsNote(request, status, headers, body);
  if (note) currentAnnotations().push({ type: ANNOTATION.supportIds, description: note });
}

export function supportIdsNote(
  request: SentRequest,
  status: number,
  headers: Readonly<Record<string, string>>,
  body: string,
): string | undefined {
  if (status < 400) return undefined;
  const error = parsedError(body);
  if (!error) return undefined;
  const inner = error.innerError;
  const missing = isJsonObject(inner)
    ? [
        typeof inner['request-id'] === 'string' || typeof inner.requestId === 'string' ? '' : 'request-id',
        typeof inner.date === 'string' ? '' : 'date',
      ].filter(Boolean)
    : undefined;
  if (missing?.length === 0) return undefined;
  const what =
    missing === undefined
      ? 'an error that carries no innerError, so no request-id or date for support in its body'
      : `an error whose innerError has no ${missing.join(' and no ')} for support`;
  const header = headers['request-id'];
  return `${requestLine(request)} answered ${status} with ${what}; ${header ? `the answer's request-id header: ${header}` : 'nor does the answer carry a request-id header'}`;
}

/** The `error` object of an OData error body, when the body is one. */
function parsedError(body: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(body) as unknown;
    return isJsonObject(parsed) && isJsonObject(parsed.error) ? parsed.error : undefined;
  } catch {
    return undefined;
  }
}

/** The running test's annotations, where its page's permission verdict is; none outside a test. */
function currentAnnotations(): TestInfo['annotations'] {
  try {
    return test.info().annotations;
  } catch {
    return [];
  }
}

/** `without a token (no Authorization header)`, or with the one the request carried, kept out of the message. */
function tokenSent(request: SentRequest): string {
  const authorization = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'authorization');
  return authorization ? 'with the token it carried (Authorization header sent)' : 'without a token (no Authorization header)';
}

/**
 * An error answer's JSON body against the OData error schema, each violation listed; attached to
 * the report as toMatchSchema's are. An empty or non-JSON body is left to the form check.
 */
export function errorBodyProblems(status: number, body: string): string[] {
  if (status < 400 || body === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  const validate = schemaValidator(ERROR_SCHEMA);
  if (validate(parsed)) return [];
  const violations = describeErrors(validate.errors ?? [], parsed);
  attachToReport(`schema errors: ${ERROR_SCHEMA}`, violations);
  return [
    `its body is not an OData error: ${violations.length} schema error${violations.length === 1 ? '' : 's'} against "${ERROR_SCHEMA}":\n${formatViolations(violations)}`,
  ];
}

/** What is wrong with an answer's form for its status: a body on a 204, a JSON body that does not say application/json. */
export function answerFormProblems(status: number, headers: Readonly<Record<string, string>>, body: string): string[] {
  if (NO_BODY.includes(status))
    return body === '' ? [] : [`a ${status} must carry no body, and this one has ${Buffer.byteLength(body)} bytes`];
  if (status >= 500 || body === '') return [];
  const contentType = headers['content-type'];
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'application/json') return [];
  return [
    `its body is ${contentType === undefined ? 'sent without a Content-Type' : `sent as Content-Type: ${contentType}`}: a JSON answer must say application/json`,
  ];
}
