import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  compareDocumentedFixtures,
  describeReports,
  writeDocumentedFixtures,
} from '../../authoring/documented-fixtures/documented-fixtures.ts';
import { PAGES_DIRECTORY } from '../../harness/page/page-record.ts';
import { DEFAULT_FIXTURES_DIRECTORY, type FixtureFile } from '../../harness/replay/fixture-file.ts';

/** A copy of pages/ and fixtures/ to change. */
function copies() {
  const pages = test.info().outputPath('pages');
  const fixtures = test.info().outputPath('fixtures');
  cpSync(PAGES_DIRECTORY, pages, { recursive: true });
  cpSync(DEFAULT_FIXTURES_DIRECTORY, fixtures, { recursive: true });
  return { pages, fixtures };
}

const CONNECTION_FIXTURE = join('create-connection', '201-creates-the-connection-in-draft-state.json');

test('every committed documented-example fixture is what its page and record produce', () => {
  const reports = compareDocumentedFixtures({ fixtures: DEFAULT_FIXTURES_DIRECTORY });
  expect(describeReports(reports, DEFAULT_FIXTURES_DIRECTORY), 'run npm run fixtures:from-docs').toEqual([]);
  expect(reports.filter(({ state }) => state === 'in line').map(({ file }) => file)).toContain(CONNECTION_FIXTURE);
});

test('a changed response example makes its fixture differ, naming the property; writing brings it back in line', () => {
  const { pages, fixtures } = copies();
  const page = join(pages, 'create-connection.md');
  writeFileSync(page, readFileSync(page, 'utf8').replace('"state": "draft",', '"state": "ready",'));

  const reports = compareDocumentedFixtures({ pages, fixtures });
  const lines = describeReports(reports, fixtures).join('\n');
  expect(lines).toContain('201-creates-the-connection-in-draft-state.json: differs from what its page and record produce');
  expect(lines).toContain('interactions[0].response.state: committed "draft", the page gives "ready"');
  // The known issue's read-back answers with the same example, so its fixture follows the page too.
  expect(lines).toContain('interactions[2].response.state: committed "draft", the page gives "ready"');

  // Every fixture answered with that example follows it: the 201, the known issue's read-back, the duplicate's first create, the lifecycle's.
  expect(
    writeDocumentedFixtures(reports, fixtures)
      .map(({ file }) => file)
      .sort(),
  ).toEqual(
    [
      CONNECTION_FIXTURE,
      join('create-connection', '404-once-deleted-the-connection-is-read-back-200-deleted-202-then-gone.json'),
      join('create-connection', '409-for-a-second-create-with-the-same-id.json'),
      join('create-connection', '503-for-a-broken-result-layout-card-then-409-on-retry-the-connection-was-created.json'),
    ].sort(),
  );
  expect(describeReports(compareDocumentedFixtures({ pages, fixtures }), fixtures)).toEqual([]);
  expect((JSON.parse(readFileSync(join(fixtures, CONNECTION_FIXTURE), 'utf8')) as FixtureFile).interactions[0]?.response).toMatchObject({
    state: 'ready',
  });
});

test('a recording is never replaced by the page, and a documented example no record declares is named', () => {
  const { pages, fixtures } = copies();
  const recorded = join(fixtures, CONNECTION_FIXTURE);
  const recording = {
    ...(JSON.parse(readFileSync(recorded, 'utf8')) as FixtureFile),
    provenance: { source: 'recording', recordedAt: '2026-11-30T01:00:00.000Z', baseUrl: 'https://graph.microsoft.com', outcome: 'passed' },
  };
  writeFileSync(recorded, JSON.stringify(recording));
  cpSync(
    join(fixtures, 'create-connector', '201-creates-an-active-connector-with-a-server-generated-id.json'),
    join(fixtures, 'create-connector', '201-something-else.json'),
  );

  const reports = compareDocumentedFixtures({ pages, fixtures });
  expect(reports.find(({ file }) => file === CONNECTION_FIXTURE)).toMatchObject({
    state: 'recorded',
    recordedAt: '2026-11-30T01:00:00.000Z',
  });
  expect(writeDocumentedFixtures(reports, fixtures)).toEqual([]);
  expect(readFileSync(recorded, 'utf8')).toBe(JSON.stringify(recording));
  expect(describeReports(reports, fixtures)).toEqual([
    expect.stringMatching(
      /create-connector[\\/]201-something-else\.json: a documented example that no page record declares; declare it in pages\/create-connector\.json, or delete it\.$/,
    ),
  ]);
});

test('a record that declares an example the page lacks is refused, naming the page and its examples', () => {
  const { pages, fixtures } = copies();
  const record = join(pages, 'create-connection.json');
  writeFileSync(
    record,
    readFileSync(record, 'utf8').replace('"example": "create_connection_from_external"', '"example": "create_connection_from_elsewhere"'),
  );
  expect(() => compareDocumentedFixtures({ pages, fixtures })).toThrow(
    /create-connection\.md: test "201 creates the connection in draft state" declares the example "create_connection_from_elsewhere", which the page does not have \(its examples: create_connection_from_external\)\./,
  );
});

test('a record with a broken field is refused with the field named', () => {
  const { pages, fixtures } = copies();
  const record = join(pages, 'create-connector.json');
  writeFileSync(record, readFileSync(record, 'utf8').replace('"taken": "2026-12-01"', '"taken": "yesterday"'));
  expect(() => compareDocumentedFixtures({ pages, fixtures })).toThrow(
    /create-connector\.json is not a valid page record:\n {2}at \/source\/taken/,
  );
});

test('a documented example turned into a "recording" by hand is refused, not skipped as one', () => {
  const { pages, fixtures } = copies();
  const path = join(fixtures, CONNECTION_FIXTURE);
  const edited = JSON.parse(readFileSync(path, 'utf8')) as FixtureFile;
  writeFileSync(
    path,
    JSON.stringify({ ...edited, provenance: { source: 'recording', recordedAt: '2026-12-01T00:00:00Z' } }).replace(
      '"state":"draft"',
      '"state":"ready"',
    ),
  );

  const lines = describeReports(compareDocumentedFixtures({ pages, fixtures }), fixtures);
  expect(lines).toEqual([
    expect.stringMatching(/201-creates-the-connection-in-draft-state\.json is not a valid replay fixture:\n {2}at \/provenance/),
  ]);
});
