import { expect, test } from '@playwright/test';
import { LINT_RULES } from '../../authoring/lint/rules/all-rules.ts';
import { lintPage, schemasByType } from '../../authoring/lint/lint-pages.ts';
import { describeHit, type ExamplePage, type LintContext } from '../../authoring/lint/rules/lint-rule.ts';
import { metadataFacts } from '../../authoring/lint/metadata-facts.ts';
import { parsePage } from '../../harness/page/parse-page.ts';

const metadata = metadataFacts();
const schemas = schemasByType();

/** A rule's example page, as docs:lint would read it: the committed metadata and schemas, the page's version. */
function contextOf(example: ExamplePage, file: string): LintContext {
  const version = example.version ?? 'v1.0';
  return { page: parsePage(example.markdown, file), pageName: file, version, metadata: metadata(version), schemas: schemas(version) };
}

for (const rule of LINT_RULES) {
  test.describe(rule.id, () => {
    test('fires on its failing example, with exactly the findings it lists', () => {
      expect(rule.check(contextOf(rule.examples.failing, `${rule.id}.failing.md`)).map(describeHit)).toEqual(
        rule.examples.failing.findings,
      );
      expect(rule.examples.failing.findings.length).toBeGreaterThan(0);
    });

    test('stays silent on its passing example', () => {
      expect(rule.check(contextOf(rule.examples.passing, `${rule.id}.passing.md`)).map(describeHit)).toEqual([]);
    });
  });
}

test('each rule has an id of its own and says in one line what it checks and why a page owner should care', () => {
  const ids = LINT_RULES.map(({ id }) => id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const rule of LINT_RULES) {
    expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    for (const line of [rule.checks, rule.why]) expect(line, rule.id).toMatch(/^[^\n]{10,160}$/);
  }
});

test("a page's findings carry the id of the rule whose check found them, and no other", () => {
  const [first] = LINT_RULES;
  const findings = lintPage(contextOf(first.examples.failing, 'example.md'));
  expect(findings.filter(({ rule }) => rule === first.id).map(describeHit)).toEqual(first.examples.failing.findings);
  expect(findings.every(({ page }) => page === 'example.md')).toBe(true);
});
