import type { Line } from '../../harness/page/page-model.ts';

/** What a doc page says that it should not: against itself, the HTTP rules, the metadata or the schema. */
export interface Finding {
  rule: RuleId;
  /** The page's file name: `create-connector.md`. */
  page: string;
  /** Where on the page, stable across edits elsewhere on it: `example create_connector_from_connectors: request /status`. */
  at: string;
  line: Line | undefined;
  /** What the page says there, and what it should. */
  evidence: string;
}

/** Every rule, with the one line `npm run docs:lint` prints when it fires. */
export const RULES = {
  'status-line-vs-prose': 'an example\'s status line is not the status the prose documents',
  'no-documented-status': 'the Response section names no success status, so no example can be checked against it',
  'reason-phrase': 'a status\'s reason phrase is not the one HTTP gives its code',
  'body-under-204': 'a 204 or 304 example carries a body, which HTTP forbids',
  'placeholder-value': 'an example holds a placeholder ("String", "guid", "status-value") where a value belongs',
  'todo-placeholder': 'the page holds a TODO where it should say something (permissions, descriptions, metadata)',
  'odata-type-in-request': 'a request example sends the entity\'s own @odata.type, which a create does not need',
  'odata-type-form': 'an @odata.type value in a body lacks its leading "#"',
  'invalid-json': 'an example\'s body is not valid JSON',
  'content-length-mismatch': 'an example\'s Content-Length is not the length of its body',
  'request-path-vs-example': 'an example request\'s method and path are not the HTTP request section\'s',
  'example-version-vs-page': 'an example request\'s Graph version is not the version of the page',
  'response-vs-schema': 'a response example does not match the schema of its type',
  'unknown-namespace': 'a type name\'s namespace is not in Graph\'s metadata',
  'unknown-type': 'a type name is not in Graph\'s metadata (metadata/type-names.json)',
  'abstract-type-in-example': 'an example names an abstract type, which no body can be',
  'computed-in-request': 'a request example sends a property the metadata marks computed (read-only)',
} as const;

export type RuleId = keyof typeof RULES;

export function isRuleId(value: string): value is RuleId {
  return Object.hasOwn(RULES, value);
}
