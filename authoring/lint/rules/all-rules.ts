import type { LintRule } from './lint-rule.ts';
import { abstractTypeInExample } from './abstract-type-in-example.ts';
import { bodyUnder204 } from './body-under-204.ts';
import { computedInRequest } from './computed-in-request.ts';
import { contentLengthMismatch } from './content-length-mismatch.ts';
import { exampleVersionVsPage } from './example-version-vs-page.ts';
import { invalidJson } from './invalid-json.ts';
import { noDocumentedStatus } from './no-documented-status.ts';
import { odataTypeForm } from './odata-type-form.ts';
import { odataTypeInRequest } from './odata-type-in-request.ts';
import { placeholderValue } from './placeholder-value.ts';
import { reasonPhrase } from './reason-phrase.ts';
import { requestPathVsExample } from './request-path-vs-example.ts';
import { responseVsSchema } from './response-vs-schema.ts';
import { statusLineVsProse } from './status-line-vs-prose.ts';
import { todoPlaceholder } from './todo-placeholder.ts';
import { unknownNamespace } from './unknown-namespace.ts';
import { unknownType } from './unknown-type.ts';
import { unreadableExample } from './unreadable-example.ts';

/** Every rule of the doc lint, in the order its findings are listed for a page. */
export const LINT_RULES = [
  todoPlaceholder,
  statusLineVsProse,
  noDocumentedStatus,
  reasonPhrase,
  bodyUnder204,
  invalidJson,
  contentLengthMismatch,
  placeholderValue,
  odataTypeInRequest,
  odataTypeForm,
  requestPathVsExample,
  exampleVersionVsPage,
  responseVsSchema,
  unknownNamespace,
  unknownType,
  abstractTypeInExample,
  computedInRequest,
  unreadableExample,
] as const satisfies readonly LintRule[];

export type RuleId = (typeof LINT_RULES)[number]['id'];

const BY_ID = new Map<string, LintRule>(LINT_RULES.map((rule) => [rule.id, rule]));

export function isRuleId(value: string): value is RuleId {
  return BY_ID.has(value);
}

export function ruleNamed(id: RuleId): LintRule {
  const rule = BY_ID.get(id);
  if (!rule) throw new Error(`no lint rule ${id}`);
  return rule;
}
