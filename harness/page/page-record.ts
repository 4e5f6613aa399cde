import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { harnessValidator } from '../schema/registry.ts';
import { describeErrors, formatViolations } from '../schema/format-errors.ts';
import { ANNOTATION } from '../shared/annotations.ts';
import { displayPath } from '../shared/display-path.ts';

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

export class PageRecordError extends Error {
  override name = 'PageRecordError';
}

/** The folder's own files, which are not pages under contract. */
const NOT_PAGES = new Set(['README.md', 'known-findings.json']);

/** Every page under contract, by name; a page without its record (or a record without its page) is an error. */
export function pagesIn(directory: string = PAGES_DIRECTORY): PageFiles[] {
  const files = new Set(readdirSync(directory));
  const names = [...files]
    .filter((file) => /\.(md|json)$/.test(file) && !NOT_PAGES.has(file))
    .map((file) => file.replace(/\.(md|json)$/, ''));
  return [...new Set(names)].sort().map((name) => {
    const [markdown, record] = [`${name}.md`, `${name}.json`];
    const missing = [markdown, record].find((file) => !files.has(file));
    if (missing) {
      throw new PageRecordError(
        `${join(relative(process.cwd(), directory) || '.', missing)} is missing: each page under contract is a verbatim page (${markdown}) and its record (${record}) side by side.`,
      );
    }
    return { name, markdown: join(directory, markdown), record: join(directory, record) };
  });
}

/** The record beside a page, validated: a broken field is named with its path. */
export function readPageRecord(path: string): PageRecord {
  const label = displayPath(path);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new PageRecordError(
      `${label} cannot be read as JSON (${(error as Error).message}). Fix the file: it records where its page comes from.`,
    );
  }
  const validate = harnessValidator(new URL('./page-record.schema.json', import.meta.url));
  if (!validate(data)) {
    throw new PageRecordError(`${label} is not a valid page record:\n${formatViolations(describeErrors(validate.errors ?? [], data))}`);
  }
  return data as PageRecord;
}

let knownFindings: Map<string, string[]> | undefined;

/** The rules each page's known findings break, from pages/known-findings.json (which npm run docs:lint keeps true). */
function findingsOf(page: string, directory: string): string[] {
  if (directory !== PAGES_DIRECTORY) return readFindings(directory).get(page) ?? [];
  knownFindings ??= readFindings(directory);
  return knownFindings.get(page) ?? [];
}

function readFindings(directory: string): Map<string, string[]> {
  const byPage = new Map<string, string[]>();
  let listed: { page: string; rule: string }[] = [];
  try {
    listed = (JSON.parse(readFileSync(join(directory, 'known-findings.json'), 'utf8')) as { findings: { page: string; rule: string }[] })
      .findings;
  } catch {
    // No list: docs:lint says so; here the annotation just has nothing to count.
  }
  for (const { page, rule } of listed) byPage.set(page, [...(byPage.get(page) ?? []), rule]);
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
  let url: unknown;
  try {
    url = (JSON.parse(readFileSync(path, 'utf8')) as { url?: unknown }).url;
  } catch (error) {
    throw new PageRecordError(
      `docPage(${JSON.stringify(name)}): ${displayPath(path)} cannot be read (${(error as Error).message}). A page under contract is pages/<name>.md with its record pages/<name>.json.`,
    );
  }
  if (typeof url !== 'string') throw new PageRecordError(`docPage(${JSON.stringify(name)}): ${displayPath(path)} has no "url".`);
  return [
    { type: ANNOTATION.docs, description: url },
    { type: ANNOTATION.page, description: `pages/${name}.md` },
    { type: ANNOTATION.docFindings, description: describeFindings(findingsOf(`${name}.md`, directory)) },
  ];
}
