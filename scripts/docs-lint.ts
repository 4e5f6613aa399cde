/**
 * npm run docs:lint [-- [--update] [--pages <folder>] [--json <file>] [<page, file or folder>...]]
 *
 * With no page named, lints each page under contract (pages/*.md) against itself, HTTP, Graph's
 * metadata (metadata/) and the contract's schemas, and judges each finding against the list the
 * pages are known to have (pages/known-findings.json): a new finding, or a listed one that is gone,
 * fails. --update writes the list from the pages as they are. A file or folder named lints any doc
 * page, or a whole docs checkout (its api-reference/{v1.0,beta}/api/ pages), and prints each page's
 * findings; a page it cannot read is listed as unusable, with why. Every run ends with a summary per
 * rule; --json <file> also writes the pages, findings and summary as JSON.
 * Exit status: 0 nothing to report, 1 a finding (new, changed or gone under contract; any, elsewhere)
 * or an unusable page outside pages/, 2 bad input.
 */
import '../harness/config/supported-node.ts';
import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { displayPath } from '../harness/shared/display-path.ts';
import { writeAtomically } from '../harness/shared/write-atomically.ts';
import { lintPages, schemasByType } from '../authoring/lint/lint-pages.ts';
import { lintFile, type LintedFile } from '../authoring/lint/lint-file.ts';
import { markdownPagesIn } from '../authoring/lint/page-files.ts';
import { formatLintedFiles, formatSummary, lintReport, ruleCounts } from '../authoring/lint/lint-report.ts';
import {
  judgeFindings,
  KnownFindingsError,
  readKnownFindings,
  writeKnownFindings,
  KNOWN_FINDINGS_PATH,
  type Judged,
} from '../authoring/lint/known-findings.ts';
import { formatJudgement } from '../authoring/lint/format-findings.ts';
import type { Finding } from '../authoring/lint/finding.ts';
import { PageError } from '../harness/page/page-model.ts';
import { pagesIn, PageRecordError, PAGES_DIRECTORY, type PageFiles } from '../harness/page/page-record.ts';
import { metadataFacts } from '../authoring/lint/metadata-facts.ts';
import { exitWithUsage, parseCommandLine } from '../authoring/command-line.ts';
import { pathProblem } from '../harness/config/path-setting.ts';
import { contractSchemaProblems } from '../harness/schema/registry.ts';
import { SchemaFileError } from '../harness/schema/compiled-validators.ts';

const COMMAND = {
  name: 'docs:lint',
  usage: 'npm run docs:lint [-- [--update] [--pages <folder>] [--json <file>] [<page under contract, or any page file or folder>...]]',
};
const { values, positionals } = parseCommandLine(COMMAND, {
  options: { update: { type: 'boolean', default: false }, pages: { type: 'string' }, json: { type: 'string' } },
  allowPositionals: true,
});
const directory = resolve(values.pages ?? PAGES_DIRECTORY);
const knownPath = join(directory, basename(KNOWN_FINDINGS_PATH));

/** What the arguments name: pages under contract (judged against their known findings), and other pages (reported as they are). */
function targets(contractPages: () => PageFiles[]): { contract: PageFiles[]; files: string[] } {
  if (positionals.length === 0) return { contract: contractPages(), files: [] };
  const contract: PageFiles[] = [];
  const files: string[] = [];
  for (const wanted of positionals) {
    const path = resolve(wanted);
    const exists = existsSync(path);
    const underContract = contractPages().filter(
      (files) => files.name === wanted || files.markdown === path || (!exists && files.markdown.endsWith(wanted)),
    );
    if (exists && statSync(path).isDirectory() && path === directory) contract.push(...contractPages());
    else if (underContract.length > 0) contract.push(...underContract);
    else if (!exists) {
      throw new PageRecordError(
        `docs:lint: ${JSON.stringify(wanted)} is no file or folder, and no page under contract is named so (pages are named as in pages/: create-connection, or create-connection.md).`,
      );
    } else if (statSync(path).isDirectory()) {
      const { pages } = markdownPagesIn(path);
      if (pages.length === 0)
        throw new PageRecordError(
          `docs:lint: ${displayPath(path)} holds no markdown page (*.md): name a page, a folder of pages or a docs checkout.`,
        );
      files.push(...pages);
    } else files.push(path);
  }
  return { contract: [...new Set(contract)], files: [...new Set(files)] };
}

try {
  if (values.json !== undefined) {
    const problem = pathProblem('--json', values.json, { kind: 'file', use: 'write', fix: 'name a file to write the report to' });
    if (problem) exitWithUsage(COMMAND, problem);
  }
  let contractFiles: PageFiles[] | undefined;
  const contractPages = () => (contractFiles ??= existsSync(directory) || values.pages !== undefined ? pagesIn(directory) : []);
  const { contract, files } = targets(contractPages);
  if (values.update && files.length > 0)
    exitWithUsage(
      COMMAND,
      `--update writes the known findings of the pages under contract; ${displayPath(files[0] ?? '')} is not one of them.`,
    );
  // The rules read the schemas: a broken one is named here, not met as a stack trace inside a rule.
  const schemaProblems = contractSchemaProblems();
  if (schemaProblems.length > 0) throw new SchemaFileError(schemaProblems);
  const metadata = metadataFacts();

  const contractFindings = contract.length > 0 ? lintPages(contract, metadata) : [];
  let judged: Judged[] = [];
  const output: string[] = [];
  let failed = false;
  if (contract.length > 0) {
    const known = values.update && !existsSync(knownPath) ? [] : readKnownFindings(knownPath);
    if (values.update) {
      const others = known.filter((entry) => !contract.some((files) => files.markdown.endsWith(`/${entry.page}`)));
      writeKnownFindings([...others.map((entry) => ({ ...entry, line: undefined })), ...contractFindings], known, knownPath);
      console.log(`docs:lint: ${displayPath(knownPath)} now lists ${contractFindings.length + others.length} finding(s)`);
      process.exit(0);
    }
    judged = judgeFindings(contractFindings, known, new Set(contract.map((files) => basename(files.markdown))));
    output.push(formatJudgement(judged, contract));
    failed ||= judged.some(({ mark }) => mark !== 'known');
  }

  const schemas = schemasByType();
  const linted: LintedFile[] = files.map((file) => lintFile(file, metadata, schemas));
  if (linted.length > 0) output.push(formatLintedFiles(linted));
  failed ||= linted.some((page) => page.unusable !== undefined || page.findings.length > 0);

  const pageOf = new Map<Finding, string>();
  for (const finding of contractFindings) pageOf.set(finding, `pages/${finding.page}`);
  for (const page of linted) for (const finding of page.findings) pageOf.set(finding, page.file);
  const counts = ruleCounts([...pageOf.keys()], (finding) => pageOf.get(finding) ?? '');
  output.push(
    formatSummary(
      {
        pages: contract.length + linted.length,
        unusable: linted.filter((page) => page.unusable !== undefined).length,
        findings: pageOf.size,
        warnings: linted.reduce((sum, page) => sum + page.warnings.length, 0),
        permissionsNotRead: linted.filter((page) => page.permissionsNotRead !== undefined).length,
      },
      counts,
    ),
  );
  console.log(output.join('\n'));
  if (values.json !== undefined) {
    const report = lintReport({ judged, pages: contract.map((files) => displayPath(files.markdown)) }, linted, counts);
    writeAtomically(resolve(values.json), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`docs:lint: wrote ${displayPath(resolve(values.json))}`);
  }
  process.exitCode = failed ? 1 : 0;
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
