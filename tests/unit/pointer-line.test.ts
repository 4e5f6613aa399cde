import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { lintPages } from '../../authoring/lint/lint-pages.ts';
import { metadataFacts } from '../../authoring/lint/metadata-facts.ts';
import { pointerLine } from '../../authoring/lint/rules/pointer-line.ts';
import { pagesIn } from '../../harness/page/page-record.ts';

test('a JSON pointer names the line of its member: nested, in arrays, escaped, else the closest member reached', () => {
  const body = { text: '{\n  "value": [\n    {\n      "id": "id-value",\n      "a/b~c": 1\n    }\n  ]\n}', line: 40 };
  expect(pointerLine(body, '/')).toBe(40);
  expect(pointerLine(body, '/value')).toBe(41);
  expect(pointerLine(body, '/value/0')).toBe(42);
  expect(pointerLine(body, '/value/0/id')).toBe(43);
  expect(pointerLine(body, '/value/0/a~1b~0c')).toBe(44);
  // A required property the body lacks is its parent's place.
  expect(pointerLine(body, '/value/0/displayName')).toBe(42);
  expect(pointerLine(body, '/value/7')).toBe(41);
  expect(pointerLine({ text: 'not json', line: 3 }, '/a')).toBe(3);
});

test("a finding inside a body points at the property's line on the page, not at the body's first line", () => {
  const findings = lintPages(pagesIn(), metadataFacts()).filter(({ page }) => page === 'create-connector.md');
  const lines = readFileSync(new URL('../../pages/create-connector.md', import.meta.url), 'utf8').split('\n');
  const inBodies = findings.filter(({ at }) => /: (request|response) \//.test(at));
  expect(inBodies.length).toBeGreaterThan(3);
  for (const { at, line } of inBodies) {
    const member = at.slice(at.lastIndexOf('/') + 1);
    expect(lines[(line ?? 0) - 1], at).toContain(`"${member}"`);
  }
});
