/**
 * npm run fixtures:from-docs [-- --check] — writes each documented-example fixture from its page
 * (pages/<name>.md) and what the page's record declares (pages/<name>.json). A recording is never
 * replaced. With --check nothing is written, and the exit status says whether all are in line.
 */
import '../harness/config/supported-node.ts';
import { parseCommandLine } from '../authoring/command-line.ts';
import {
  compareDocumentedFixtures,
  describeReports,
  writeDocumentedFixtures,
} from '../authoring/documented-fixtures/documented-fixtures.ts';
import { PageError } from '../harness/page/page-model.ts';
import { PageRecordError } from '../harness/page/page-record.ts';
import { DEFAULT_FIXTURES_DIRECTORY } from '../harness/replay/fixture-file.ts';

const COMMAND = { name: 'fixtures:from-docs', usage: 'npm run fixtures:from-docs [-- [--check] [--fixtures <folder>] [--pages <folder>]]' };
const { values } = parseCommandLine(COMMAND, {
  options: { check: { type: 'boolean', default: false }, fixtures: { type: 'string' }, pages: { type: 'string' } },
});
const fixtures = values.fixtures ?? DEFAULT_FIXTURES_DIRECTORY;

try {
  const reports = compareDocumentedFixtures({ fixtures, ...(values.pages ? { pages: values.pages } : {}) });
  const recorded = reports.flatMap((report) => (report.state === 'recorded' ? [report] : []));
  for (const report of recorded)
    console.log(`fixtures: ${report.file}: recorded ${report.recordedAt}; the page's example does not replace a recording`);
  const problems = describeReports(reports, fixtures);
  if (values.check) {
    for (const line of problems) console.error(line);
    console.log(
      `fixtures: ${reports.length - recorded.length} documented-example fixture(s) checked, ${problems.length ? 'some not in line with their pages: run npm run fixtures:from-docs' : 'all in line with their pages'}`,
    );
    process.exitCode = problems.length ? 1 : 0;
  } else {
    const written = writeDocumentedFixtures(reports, fixtures);
    for (const { file, state } of written) console.log(`fixtures: ${file}: ${state === 'missing' ? 'written' : 'rewritten from its page'}`);
    const undeclared = reports.filter((report) => report.state === 'undeclared');
    for (const line of describeReports(undeclared, fixtures)) console.error(line);
    console.log(
      `fixtures: ${written.length} written, ${reports.length - written.length - undeclared.length - recorded.length} already in line`,
    );
    process.exitCode = undeclared.length ? 1 : 0;
  }
} catch (error) {
  if (!(error instanceof PageError || error instanceof PageRecordError)) throw error;
  console.error(error.message);
  process.exitCode = 2;
}
