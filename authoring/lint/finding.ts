import type { RuleId } from './rules/all-rules.ts';
import type { Hit } from './rules/lint-rule.ts';

/** What a doc page says that it should not, by which rule: against itself, the HTTP rules, the metadata or the schema. */
export interface Finding extends Hit {
  rule: RuleId;
  /** The page's file name: `create-connector.md`. */
  page: string;
}
