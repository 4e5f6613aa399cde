import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { docPage, pageFileProblems, PAGES_DIRECTORY, readPageRecord } from '../../harness/page/page-record.ts';
import { DivergenceRegistryError, knownDivergences } from '../../harness/divergence/registry.ts';
import { describeSuiteFileProblems, suiteFileProblems } from '../../harness/suite-files.ts';

test("the project's own registry, schemas, records and known findings are sound", () => {
  expect(suiteFileProblems()).toEqual([]);
});

test('the problems read as one message: a line per file, the lines of a file indented under it', () => {
  expect(
    describeSuiteFileProblems(['a.json: not JSON at line 1, column 2 (x): mend it.', 'b.json is not valid:\n  at /x\n    expected: y']),
  ).toBe(
    [
      'graph-contracts cannot start: 2 files of the suite are invalid.',
      '  - a.json: not JSON at line 1, column 2 (x): mend it.',
      '  - b.json is not valid:',
      '      at /x',
      '        expected: y',
    ].join('\n'),
  );
  expect(describeSuiteFileProblems(['a.json: x'])).toMatch(/^graph-contracts cannot start: one file of the suite is invalid\.\n/);
});

function registryError(text: string): string {
  const path = test.info().outputPath('known-divergences.json');
  mkdirSync(test.info().outputPath(), { recursive: true });
  writeFileSync(path, text);
  try {
    knownDivergences(path);
  } catch (error) {
    if (error instanceof DivergenceRegistryError) return error.message.replace(path, 'REGISTRY');
    throw error;
  }
  return 'valid';
}

test('a truncated registry names the file, the line and column, and the fix', () => {
  const whole = readFileSync(join(PAGES_DIRECTORY, '..', 'known-divergences.json'), 'utf8');
  expect(registryError(whole.slice(0, 300))).toMatch(
    /known-divergences\.json: not JSON at line \d+, column \d+ \(Unterminated string in JSON\): mend it; each entry is a known divergence \(README, "Known divergences"\)\.$/,
  );
});

test('two divergences with one id: the second is named, with the first', () => {
  const { divergences } = JSON.parse(readFileSync(join(PAGES_DIRECTORY, '..', 'known-divergences.json'), 'utf8')) as {
    divergences: unknown[];
  };
  expect(registryError(JSON.stringify({ divergences: [divergences[0], divergences[1], divergences[0]] }))).toMatch(
    /: \/divergences\/2\/id ".*" is the id of \/divergences\/0 too: give each divergence its own id\.$/,
  );
});

/** A copy of pages/ to damage. */
function pagesCopy(): string {
  const pages = test.info().outputPath('pages');
  mkdirSync(pages, { recursive: true });
  for (const name of ['create-connection', 'create-connector'])
    for (const extension of ['md', 'json'])
      writeFileSync(join(pages, `${name}.${extension}`), readFileSync(join(PAGES_DIRECTORY, `${name}.${extension}`)));
  writeFileSync(join(pages, 'known-findings.json'), readFileSync(join(PAGES_DIRECTORY, 'known-findings.json')));
  return pages;
}

test('every broken file of pages/ is named once: a record that is not JSON, one that is not a record, a page alone, the known findings', () => {
  const pages = pagesCopy();
  expect(pageFileProblems(pages)).toEqual([]);
  const record = join(pages, 'create-connection.json');
  writeFileSync(record, readFileSync(record, 'utf8').replace('"url":', '"url"'));
  const other = join(pages, 'create-connector.json');
  writeFileSync(other, readFileSync(other, 'utf8').replace(/"license": \{[^}]*\}/, '"license": "CC"'));
  writeFileSync(join(pages, 'known-findings.json'), '{ "findings": [{ "page": "create-connector.md" }] }');
  writeFileSync(join(pages, 'alone.md'), '# Alone\n');

  expect(pageFileProblems(pages)).toEqual([
    expect.stringMatching(
      /alone\.json is missing: each page under contract is a verbatim page \(alone\.md\) and its record \(alone\.json\) side by side\./,
    ),
    expect.stringMatching(
      /create-connection\.json: not JSON at line 3, column 9 \(Expected ':' after property name in JSON\): mend it; it records where its page comes from\./,
    ),
    expect.stringMatching(/create-connector\.json is not a valid page record:\n {2}at \/license\n {4}expected: type object/),
    expect.stringMatching(
      /known-findings\.json at \/findings\/0: expected a finding with a "page" and a "rule": mend it, or write it again from the pages with npm run docs:lint -- --update\./,
    ),
  ]);
});

test('docPage names the record it cannot read, with the place', () => {
  const pages = pagesCopy();
  writeFileSync(join(pages, 'create-connection.json'), '{\n  "url": \n');
  expect(() => docPage('create-connection', pages)).toThrow(
    /^docPage\("create-connection"\): \S*create-connection\.json: not JSON at line 3, column 1 /,
  );
  expect(() => docPage('nope', pages)).toThrow(
    /^docPage\("nope"\): \S*nope\.json cannot be read \(ENOENT\): a page under contract is pages\/<name>\.md/,
  );
  expect(() => readPageRecord(join(pages, 'create-connection.json'))).toThrow(/create-connection\.json: not JSON at line 3, column 1/);
});
