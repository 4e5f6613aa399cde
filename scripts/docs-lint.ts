/**
 * npm run docs:lint [-- --update] — lints each page under contract (pages/*.md) against itself,
 * HTTP, Graph's metadata (metadata/) and the contract's schemas, and judges each finding against
 * the list the pages are known to have (pages/known-findings.json): a new finding, or a listed
 * one that is gone, fails. --update writes the list from the pages as they are.
 */
import '../harness/config/supported-node.ts';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { displayPath } from '../harness/shared/display-path.ts';
import { lintPages } from '../authoring/lint/lint-pages.ts';
import {
  judgeFindings,
  KnownFindingsError,
  readKnownFindings,
  writeKnownFindings,
  KNOWN_FINDINGS_PATH,
} from '../authoring/lint/known-findings.ts';
import { formatJudgement } from '../authoring/lint/format-findings.ts';
import { PageError } from '../harness/page/page-model.ts';
import { pagesIn, PageRecordError, PAGES_DIRECTORY } from '../harness/page/page-record.ts';
import { metadataFacts } from '../authoring/lint/metadata-facts.ts';
import { parseCommandLine } from '../authoring/command-line.ts';
import { contractSchemaProblems } from '../harness/schema/registry.ts';
import { SchemaFileError } from '../harness/schema/compiled-validators.ts';

const COMMAND = { name: 'docs:lint', usage: 'npm run docs:lint [-- [--update] [--pages <folder>] [<page>...]]' };
const { values, positionals } = parseCommandLine(COMMAND, {
  options: { update: { type: 'boolean', default: false }, pages: { type: 'string' } },
  allowPositionals: true,
});
const directory = values.pages ?? PAGES_DIRECTORY;
const knownPath = join(directory, basename(KNOWN_FINDINGS_PATH));

try {
  const pages = pagesIn(directory).filter(
    (files) => positionals.length === 0 || positionals.some((wanted) => files.markdown.endsWith(wanted) || files.name === wanted),
  );
  if (pages.length === 0)
    throw new PageRecordError(
      `No page under contract matches ${positionals.join(', ')}: pages are named as in pages/ (create-connection, or create-connection.md).`,
    );
  // The rules read the schemas: a broken one is named here, not met as a stack trace inside a rule.
  const schemaProblems = contractSchemaProblems();
  if (schemaProblems.length > 0) throw new SchemaFileError(schemaProblems);
  const findings = lintPages(pages, metadataFacts());
  const known = values.update && !existsSync(knownPath) ? [] : readKnownFindings(knownPath);
  if (values.update) {
    const others = known.filter((entry) => !pages.some((files) => files.markdown.endsWith(`/${entry.page}`)));
    writeKnownFindings([...others.map((entry) => ({ ...entry, line: undefined })), ...findings], known, knownPath);
    console.log(`docs:lint: ${displayPath(knownPath)} now lists ${findings.length + others.length} finding(s)`);
  } else {
    const judged = judgeFindings(findings, known, new Set(pages.map((files) => files.markdown.split('/').pop() ?? '')));
    console.log(formatJudgement(judged, pages));
    process.exitCode = judged.some(({ mark }) => mark !== 'known') ? 1 : 0;
  }
} catch (error) {
  if (!(
    error instanceof PageError ||
    error instanceof PageRecordError ||
    error instanceof KnownFindingsError ||
    error instanceof SchemaFileError
  ))
    throw error;
  console.error(error.message);
  process.exitCode = 2;
}
