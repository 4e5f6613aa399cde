import { createHash } from 'node:crypto';
import { fingerprint } from './test-source.ts';

/** An operation as history keys it: what the spec's describe names and the version its test.use sets. */
export interface OperationIdentity {
  /** `POST /beta/external/connections`: the method, then the version and the path template. */
  operationId: string;
  method: string;
  /** The path template as the describe writes it, without the version: `/external/connections/{id}`. */
  path: string;
  version: string;
}

const METHODS = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\/\S*)$/;

/** The operation a describe titled `POST /external/connections` names, in a version; a describe named otherwise keeps its title. */
export function operationIdentity(describe: string, version: string): OperationIdentity {
  const named = METHODS.exec(describe);
  if (!named) return { operationId: `${version} ${describe}`, method: '', path: describe, version };
  const [, method = '', path = ''] = named;
  return { operationId: `${method} /${version}${path}`, method, path, version };
}

/**
 * A test's case: what tells it from the other tests of its operation and page, whatever its title
 * says. The status its title pins (the suite's convention), then the fingerprint of its function's
 * code (test-source.ts); tests declared by the same code (a loop over inputs) are told apart by
 * their order of declaration, `#2` for the second. Where the spec's source cannot be read, the title
 * stands in for the code (`title:` before its fingerprint), and a rename then starts a new history.
 */
export function testCase(title: string, code: string | undefined, ordinal: number): string {
  const status = /^([1-5]\d\d)\b/.exec(title)?.[1] ?? '-';
  const what = code === undefined ? `title:${fingerprint(title)}` : fingerprint(code);
  return `${status} ${what}${ordinal > 1 ? `#${ordinal}` : ''}`;
}

/** Twelve hex digits of the operation, the page and the case: the key history carries a test by. */
export function testId(operationId: string, page: string, testCaseKey: string): string {
  return createHash('sha256').update(`${operationId}\n${page}\n${testCaseKey}`).digest('hex').slice(0, 12);
}
