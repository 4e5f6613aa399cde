import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { harnessValidator } from '../schema/registry.ts';
import { describeErrors, formatViolations } from '../schema/format-errors.ts';
import { ANNOTATION } from '../shared/annotations.ts';
import { displayPath } from '../shared/display-path.ts';
import { isJsonObject } from '../shared/json-object.ts';
import { JsonTextError, parseJsonText } from '../shared/json-text.ts';

/** Where the doc pages under contract live: `pages/<name>.md`, and beside each its record `pages/<name>.json`. */
export const PAGES_DIRECTORY = fileURLToPath(new URL('../../pages/', import.meta.url));

export interface RequestDeclaration {
  example?: string;
  method?: string;
  path?: string;
  body?: unknown;
  patch?: Record<string, unknown>;
  why?: string;
}

export interface ResponseDeclaration {
  example?: string;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  patch?: Record<string, unknown>;
  why?: string;
}

export interface FixtureDeclaration {
  test: string;
  note: string;
  values: Record<string, string>;
  interactions: { request: RequestDeclaration; responses: ResponseDeclaration[] }[];
}

/** What `pages/<name>.json` says: where the page comes from, and what its fixtures need that it does not give. */
export interface PageRecord {
  url: string;
  published?: { url: string; note: string };
  source: { repository: string; path: string; commit?: string; taken: string; note?: string };
  license: { name: string; url: string };
  fixtures: FixtureDeclaration[];
}

export interface PageFiles {
  /** The name that the page, its record, its spec and its fixtures folder share: `create-connection`. */
  name: string;
  markdown: string;
  record: string;
}

/** A file of pages/ that cannot be used (a record, a page without its record, the known-findings list), named with the place and the fix. */
export class PageRecordError extends Error {
  override name = 'PageRecordError';
}

/** The folder's own files, which are not pages under contract. */
const NOT_PAGES = new Set(['README.md', 'known-findings.json']);

/** Every page under contract, by name; a page without its record (or a record without its page) is an error. */
export function pagesIn(directory: string = PAGES_DIRECTORY): PageFiles[] {
  const { pages, unpaired } = pairsIn(directory);
  if (unpaired[0]) throw new PageRecordError(unpaired[0]);
  return pages;
}

/** The pages with their records, and a message for each page or record without its other half. */
function pairsIn(directory: string): { pages: PageFiles[]; unpaired: string[] } {
  const files = new Set(readdirSync(directory));
  const names = [...files]
    .filter((file) => /\.(md|json)$/.test(file) && !NOT_PAGES.has(file))
    .map((file) => file.replace(/\.(md|json)$/, ''));
  const pages: PageFiles[] = [];
  const unpaired: string[] = [];
  for (const name of [...new Set(names)].sort()) {
    const [markdown, record] = [`${name}.md`, `${name}.json`];
    const missing = [markdown, record].find((file) => !files.has(file));
    if (missing)
      unpaired.push(
        `${join(relative(process.cwd(), directory) || '.', missing)} is missing: each page under contract is a verbatim page (${markdown}) and its record (${record}) side by side.`,
      );
    else pages.push({ name, markdown: join(directory, markdown), record: join(directory, record) });
  }
  return { pages, unpaired };
}

/** The record beside a page, validated: a broken field is named with its path. */
export function readPageRecord(path: string): PageRecord {
  const label = displayPath(path);
  const data = readJsonFile(path, 'mend it; it records where its page comes from');
  const validate = harnessValidator(new URL('./page-record.schema.json', import.meta.url));
  if (!validate(data)) {
    throw new PageRecordError(`${label} is not a valid page record:\n${formatViolations(describeErrors(validate.errors ?? [], data))}`);
  }
  return data as PageRecord;
}

/** A JSON file of pages/, or a PageRecordError naming the file, where it breaks and `fix`. */
function readJsonFile(path: string, fix: string): unknown {
  const label = displayPath(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PageRecordError(`${label} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): ${fix}.`);
  }
  try {
    return parseJsonText(text);
  } catch (error) {
    if (!(error instanceof JsonTextError)) throw error;
    throw new PageRecordError(`${label}: ${error.message}: ${fix}.`);
  }
}

/**
 * What is wrong with the files of pages/ a contract run reads: each record (validated whole), a page
 * without its record, and the known-findings list. One message per file; empty when all are sound.
 */
export function pageFileProblems(directory: string = PAGES_DIRECTORY): string[] {
  const problems: string[] = [];
  const collect = (read: () => void) => {
    try {
      read();
    } catch (error) {
      if (!(error instanceof PageRecordError)) throw error;
      problems.push(error.message);
    }
  };
  const { pages, unpaired } = pairsIn(directory);
  problems.push(...unpaired);
  for (const { record } of pages) collect(() => readPageRecord(record));
  collect(() => readFindings(directory));
  return problems;
}

let knownFindings: Map<string, string[]> | undefined;

/** The rules each page's known findings break, from pages/known-findings.json (which npm run docs:lint keeps true). */
function findingsOf(page: string, directory: string): string[] {
  if (directory !== PAGES_DIRECTORY) return readFindings(directory).get(page) ?? [];
  knownFindings ??= readFindings(directory);
  return knownFindings.get(page) ?? [];
}

const FINDINGS_FIX = 'mend it, or write it again from the pages with npm run docs:lint -- --update';

/** Only what the annotation counts is read here (each finding's page and rule); npm run docs:lint validates the rest. */
function readFindings(directory: string): Map<string, string[]> {
  const byPage = new Map<string, string[]>();
  const path = join(directory, 'known-findings.json');
  // No list: docs:lint says so; here the annotation just has nothing to count.
  if (!existsSync(path)) return byPage;
  const data = readJsonFile(path, FINDINGS_FIX);
  const findings = isJsonObject(data) ? data.findings : undefined;
  if (!Array.isArray(findings))
    throw new PageRecordError(`${displayPath(path)} at /findings: expected a list of findings: ${FINDINGS_FIX}.`);
  for (const [index, entry] of findings.entries()) {
    const { page, rule } = (isJsonObject(entry) ? entry : {}) as { page?: unknown; rule?: unknown };
    if (typeof page !== 'string' || typeof rule !== 'string')
      throw new PageRecordError(
        `${displayPath(path)} at /findings/${index}: expected a finding with a "page" and a "rule": ${FINDINGS_FIX}.`,
      );
    byPage.set(page, [...(byPage.get(page) ?? []), rule]);
  }
  return byPage;
}

/** `18 known: todo-placeholder ×9, placeholder-value ×6, odata-type-in-request`. */
export function describeFindings(rules: readonly string[]): string {
  if (rules.length === 0) return 'none';
  const counts = new Map<string, number>();
  for (const rule of rules) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  const listed = [...counts].sort((a, b) => b[1] - a[1]).map(([rule, count]) => (count === 1 ? rule : `${rule} ×${count}`));
  return `${rules.length} known: ${listed.join(', ')} (npm run docs:lint lists each with its line and evidence)`;
}

/**
 * The annotations a spec's describe carries to name its page: `docs` links the public page,
 * `page` the verbatim copy the contract was read from, `doc findings` what the doc lint finds on it. Read while Playwright lists tests, so
 * only the URL is taken: the record is validated by the suite's own tests and `npm run docs:lint`.
 */
export function docPage(name: string, directory: string = PAGES_DIRECTORY): { type: string; description: string }[] {
  const path = join(directory, `${name}.json`);
  let record: unknown;
  try {
    record = readJsonFile(path, 'a page under contract is pages/<name>.md with its record pages/<name>.json');
  } catch (error) {
    if (!(error instanceof PageRecordError)) throw error;
    throw new PageRecordError(`docPage(${JSON.stringify(name)}): ${error.message}`);
  }
  const url = isJsonObject(record) ? record.url : undefined;
  if (typeof url !== 'string')
    throw new PageRecordError(
      `docPage(${JSON.stringify(name)}): ${displayPath(path)} has no "url": add the page's public URL, as new-spec writes it.`,
    );
  return [
    { type: ANNOTATION.docs, description: url },
    { type: ANNOTATION.page, description: `pages/${name}.md` },
    { type: ANNOTATION.docFindings, description: describeFindings(findingsOf(`${name}.md`, directory)) },
  ];
}
