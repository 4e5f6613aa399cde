import type { TestInfo } from '@playwright/test';
import { HINTED_COVERAGE } from './page-permissions.ts';
import type { PagePermission, PagePermissions } from './shared-permissions.ts';
import { operationPattern } from '../shared/operation.ts';

import { pathOf, type Exchange, type SentRequest } from '../transport/exchange.ts';
import { describeExchange } from '../transport/traffic.ts';
import { ANNOTATION } from '../shared/annotations.ts';

type Annotations = TestInfo['annotations'];

/** The coverage for the page the test's describe names (its `page` annotation), if global setup made one. */
export function permissionOf(annotations: Annotations, permissions: PagePermissions): PagePermission | undefined {
  const page = annotations.find((annotation) => annotation.type === ANNOTATION.page)?.description;
  return page === undefined ? undefined : permissions[page];
}

export function permissionAnnotation(permission: PagePermission): { type: string; description: string } {
  return { type: ANNOTATION.permissions, description: `${permission.coverage}: ${permission.words}` };
}

/** What to grant, when the test's `permissions` annotation says the token lacks it: a 403's not-tested reason repeats it. */
export function permissionHint(annotations: Annotations): string | undefined {
  const description = annotations.find((annotation) => annotation.type === ANNOTATION.permissions)?.description ?? '';
  const coverage = HINTED_COVERAGE.find((candidate) => description.startsWith(`${candidate}: `));
  return coverage === undefined ? undefined : description.slice(coverage.length + 2);
}

/**
 * A passing test whose token has none of the permissions its page lists, and that the service
 * answered the page's operation with a success: the page (or Graph's own permission data) is not
 * what the service enforces. Only the page's operation counts: a read-back is another operation,
 * with a table of its own. Advisory: the outcome stays what it is.
 */
export function permissionDivergence(permission: PagePermission | undefined, exchanges: readonly Exchange[]): string | undefined {
  if (permission?.coverage !== 'missing') return undefined;
  const operations = permission.operations.map(operationPattern);
  const success = exchanges.find(
    ({ request, response }) =>
      response.status >= 200 && response.status < 300 && operations.some((pattern) => pattern.test(operationOf(request))),
  );
  if (!success) return undefined;
  return `the service answered ${describeExchange(success)}, where the page says the token is not enough (${permission.words}): the page may ask for more than the service enforces.`;
}

/** A request as a page's HTTP request section writes its operation: the method and the path after the version, no query. */
function operationOf(request: SentRequest): string {
  const path = pathOf(request).replace(/^\/(?:v1\.0|beta)(?=\/)/, '');
  return `${request.method} ${path}`;
}
