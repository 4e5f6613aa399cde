import type { DocPage, HttpRequestLine } from '../../harness/page/page-model.ts';
import type { RequestDeclaration } from '../../harness/page/page-record.ts';
import { sameOperation } from '../lint/rules/graph-path.ts';

/**
 * The line of the page's HTTP request section an example calls: its method, and its path as Graph
 * reads paths. A page may document several (`GET /me` and `GET /users/{id | userPrincipalName}` on
 * *Get user*); the one written as the example writes it wins over an alias (`/users/87d3…` calls
 * `/users/{id}`, not `/me`, which Graph reads as the same path). Undefined when no line matches (the
 * lint reports that example), or the example is none.
 */
export function operationOf(page: DocPage, request: { method: string; path: string } | undefined): HttpRequestLine | undefined {
  if (!request) return undefined;
  const candidates = page.httpRequests.filter(
    ({ method, path }) => method.toUpperCase() === request.method.toUpperCase() && sameOperation(path, request.path),
  );
  const sent = firstName(request.path);
  return (
    candidates.find(({ path }) => normal(path) === normal(request.path)) ??
    candidates.find(({ path }) => firstName(path) === sent) ??
    candidates[0]
  );
}

/**
 * The operation a page's tests are described by (`METHOD /path` as the section writes it): the line
 * the first request a test declares calls (an example by its name, or a request declared whole; a
 * create made first, which the page does not document, is passed over), else the section's first
 * line; undefined when the page documents no request.
 */
export function describedOperation(page: DocPage, requests: readonly RequestDeclaration[]): HttpRequestLine | undefined {
  for (const declared of requests) {
    const example = declared.example === undefined ? undefined : page.examples.find(({ name }) => name === declared.example)?.request;
    const sent =
      example ??
      (declared.method !== undefined && declared.path !== undefined
        ? { method: declared.method, path: declared.path.replace(/\?.*$/, '') }
        : undefined);
    const operation = operationOf(page, sent);
    if (operation) return operation;
  }
  return page.httpRequests[0];
}

function normal(path: string): string {
  return path
    .trim()
    .replace(/^~?\/?/, '/')
    .replace(/\/+$/, '')
    .toLowerCase();
}

/** `users` of `/users('x')/…`, `me` of `/me/…`. */
function firstName(path: string): string {
  return normal(path).split('/')[1]?.replace(/\(.*$/, '') ?? '';
}
