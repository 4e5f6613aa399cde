import { copyFileSync, existsSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { GRAPH_VERSIONS } from '../../harness/shared/graph-version.ts';
import { MetadataAtHand } from '../metadata/metadata-at-hand.ts';
import { metadataFiles } from '../metadata/metadata-files.ts';
import { describeErrors, formatViolations } from '../../harness/schema/format-errors.ts';
import { harnessValidator } from '../../harness/schema/registry.ts';
import { slug } from '../../harness/replay/fixture-file.ts';
import { writeAtomically } from '../../harness/shared/write-atomically.ts';
import { fixturesFromPage } from '../documented-fixtures/fixtures-from-page.ts';
import { PageError, type DocPage, type Example } from '../../harness/page/page-model.ts';
import type { PageRecord } from '../../harness/page/page-record.ts';
import { parsePage } from '../../harness/page/parse-page.ts';
import { readPageText } from '../../harness/page/page-bounds.ts';
import { responseSchema, type ResponseSchema } from './response-schema.ts';
import { isSupportedMethod, specSource, verbPhrase, type SpecPlan } from './spec-source.ts';
import { displayPath } from '../../harness/shared/display-path.ts';

export const NEW_SPEC_USAGE =
  "npm run new-spec -- <page.md> --url <the page's public URL> --source <owner/repo>:<path>[@<commit>] [--name <name>]";

const LICENSE = { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' };
const SOURCE = /^([\w.-]+\/[\w.-]+):([^@]+?)(?:@([^@]*))?$/;
const COMMIT = /^[0-9a-f]{40}$/;
const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface NewSpecOptions {
  /** The page's markdown, as Graph's docs repository has it. */
  page: string | undefined;
  url: string | undefined;
  /** `<owner>/<repo>:<path>[@<commit>]`. */
  source: string | undefined;
  /** What the page, its record, its spec and its fixtures folder are called; the page file's base name by default. */
  name?: string | undefined;
  /** The checkout whose pages/, specs/, fixtures/, schemas/ and metadata/ are written to. */
  root: string;
  /** The record's `taken` date (YYYY-MM-DD); today by default. */
  today?: string;
}

export interface Written {
  /** Relative to the checkout. */
  file: string;
  what: string;
}

export interface NewSpecResult {
  written: Written[];
  /** The schema the spec matches, when it was there already. */
  reused: Written[];
  /** Why the spec has no schema to match, naming what to do; undefined when it has one. */
  schemaMessage: string | undefined;
  nextSteps: string[];
}

/** A refusal: one message naming what to pass or fix. Nothing is written. */
export class NewSpecError extends Error {
  override name = 'NewSpecError';
}

/** Takes a doc page under contract: its verbatim copy and record, the documented-example fixture, the response's schema and the spec's skeleton. */
export function newSpec(options: NewSpecOptions): NewSpecResult {
  const { page: pageFile, url, source } = requireFlags(options);
  const origin = sourceOf(source);
  const root = resolve(options.root);
  const at = (...parts: string[]) => join(root, ...parts);
  const show = (path: string) => relative(root, path).split('\\').join('/');
  const name = options.name ?? basename(pageFile).replace(/\.md$/i, '');
  if (!NAME.test(name)) {
    throw new NewSpecError(
      `new-spec: "${name}" cannot name a spec: pass --name <name> in lower-case words joined by hyphens, after the page (create-connection for "Create connection").`,
    );
  }

  const markdown = readPage(pageFile);
  const page = parsePage(markdown, displayPath(pageFile));
  const example = firstExample(page);
  const plan = planSpec(name, page, example);
  const record = recordOf(url, origin, example, plan, options.today ?? new Date().toISOString().slice(0, 10));
  const [derived] = fixturesFromPage(name, page, record);
  if (!derived) throw new Error('fixturesFromPage derived no fixture from a record that declares one.');

  const pageCopy = at('pages', `${name}.md`);
  const copiesPage = resolve(pageFile) !== pageCopy;
  const targets = [
    ...(copiesPage ? [pageCopy] : []),
    at('pages', `${name}.json`),
    at('fixtures', derived.file),
    at('specs', `${name}.spec.ts`),
  ];
  const taken = targets.filter((target) => existsSync(target));
  if (taken.length > 0) {
    throw new NewSpecError(
      `new-spec: ${taken.map(show).join(', ')} already exist${taken.length === 1 ? 's' : ''}; new-spec never overwrites a page, record, fixture or spec. ` +
        `Pass --name <another name>, or delete ${taken.length === 1 ? 'it' : 'them'} first.`,
    );
  }

  // A response without a body (204) has nothing to match.
  const schema: ResponseSchema | undefined = plan.responseHasBody
    ? responseSchema(example.response.annotation, plan.version, at('schemas'), new MetadataAtHand(metadataFiles(at('metadata'))))
    : undefined;
  const spec = specSource({
    ...plan,
    schema: schema === undefined ? undefined : schema.kind === 'missing' ? { todo: schema.todo } : { name: schema.name },
  });

  const written: Written[] = [];
  const write = (path: string, text: string, what: string) => {
    writeAtomically(path, text);
    written.push({ file: show(path), what });
  };
  if (copiesPage) {
    copyFileSync(pageFile, pageCopy);
    written.push({ file: show(pageCopy), what: 'the page, verbatim' });
  }
  write(
    at('pages', `${name}.json`),
    `${JSON.stringify(record, null, 2)}\n`,
    'its record: where it comes from, and the fixture it declares',
  );
  write(
    at('fixtures', derived.file),
    `${JSON.stringify(derived.fixture, null, 2)}\n`,
    `the page's example, as the test's documented-example fixture`,
  );
  if (schema?.kind === 'generated') {
    write(
      at('schemas', `${schema.name}.json`),
      `${JSON.stringify(schema.schema, null, 2)}\n`,
      `drafted from ${schema.from}: tighten it from the page`,
    );
    if (schema.slice)
      write(
        schema.slice.file,
        schema.slice.xml,
        `re-cut to hold ${schema.slice.added.join(', ')}, which schemas:check compares the new schema with`,
      );
  }
  write(at('specs', `${name}.spec.ts`), spec, 'the spec');

  const specFile = `specs/${name}.spec.ts`;
  return {
    written,
    reused: schema?.kind === 'existing' ? [{ file: `schemas/${schema.name}.json`, what: 'the schema the spec matches, as it is' }] : [],
    schemaMessage: schema?.kind === 'missing' ? schema.message : undefined,
    nextSteps: [
      `Review the TODOs in ${specFile}, the record's note and source in pages/${name}.json${schema?.kind === 'generated' ? `, and schemas/${schema.name}.json (required properties, formats, the page's rules)` : ''}.`,
      ...(schema?.kind === 'missing' ? [`Give the response a schema: ${schema.todo}; then uncomment the spec's schema match.`] : []),
      'npm run docs:lint',
      ...(schema?.kind === 'generated' ? ['npm run schemas:check'] : []),
      `npm run contract -- ${specFile}   (replays the page's example)`,
      `GRAPH_MODE=record npm run contract -- ${specFile}   (against a test tenant: replaces the fixture with a recording)`,
    ],
  };
}

function requireFlags(options: NewSpecOptions): { page: string; url: string; source: string } {
  const { page, url, source } = options;
  const missing = [
    ...(page === undefined ? ["the page's markdown file"] : []),
    ...(url === undefined ? ["--url <the page's public URL>"] : []),
    ...(source === undefined ? ['--source <owner/repo>:<path>[@<commit>] (where the page comes from)'] : []),
  ];
  if (page === undefined || url === undefined || source === undefined)
    throw new NewSpecError(`new-spec: pass ${missing.join(', ').replace(/, ([^,]*)$/, ' and $1')}. Usage: ${NEW_SPEC_USAGE}`);
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed?.protocol !== 'https:')
    throw new NewSpecError(
      `new-spec: --url ${JSON.stringify(url)} is not an https URL; pass the page as the public reads it (https://learn.microsoft.com/graph/api/...).`,
    );
  return { page, url, source };
}

function sourceOf(source: string): Omit<PageRecord['source'], 'taken'> {
  const match = SOURCE.exec(source);
  const [, repository = '', path = '', commit] = match ?? [];
  if (!match || (commit !== undefined && !COMMIT.test(commit))) {
    throw new NewSpecError(
      `new-spec: --source ${JSON.stringify(source)} must read <owner>/<repo>:<path>[@<commit>], the commit as 40 hex digits ` +
        '(microsoftgraph/microsoft-graph-docs-contrib:api-reference/v1.0/api/user-get.md).',
    );
  }
  return { repository, path, ...(commit === undefined ? {} : { commit }) };
}

function readPage(file: string): string {
  try {
    return readPageText(file, displayPath(file));
  } catch (error) {
    if (error instanceof PageError) throw error;
    throw new NewSpecError(
      `new-spec: cannot read the page ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); pass the path of the page's markdown.`,
    );
  }
}

/** The first example that has both halves: the request the spec sends and the answer its fixture replays. */
function firstExample(
  page: DocPage,
): Example & { request: NonNullable<Example['request']>; response: NonNullable<Example['response']>; name: string } {
  const example = page.examples.find((candidate) => candidate.request && candidate.response);
  if (!example?.request || !example.response) {
    throw new PageError(
      page.file,
      undefined,
      'the page has no example with both a request and its response; a spec needs one to send and a fixture to replay.',
    );
  }
  if (example.name === undefined) {
    throw new PageError(
      page.file,
      example.request.annotation?.line ?? example.request.line,
      'the example request\'s annotation has no "name", which is how the record refers to it: add one, as in <!-- { "blockType": "request", "name": "get_user" } -->.',
    );
  }
  return { ...example, name: example.name, request: example.request, response: example.response };
}

type Plan = Omit<SpecPlan, 'schema'>;

function planSpec(name: string, page: DocPage, example: ReturnType<typeof firstExample>): Plan {
  const [operation] = page.httpRequests;
  if (!operation)
    throw new PageError(
      page.file,
      undefined,
      "the page has no HTTP request section (`METHOD /path`), which names the operation the spec's describe is titled by.",
    );
  const { request, response } = example;
  const version = GRAPH_VERSIONS.find((candidate) => candidate === request.version);
  if (!version) {
    throw new PageError(
      page.file,
      request.line,
      `the example request's URL ${request.url} names no Graph version the suite runs (${GRAPH_VERSIONS.join(', ')}): write it as https://graph.microsoft.com/v1.0/...`,
    );
  }
  if (!isSupportedMethod(request.method))
    throw new PageError(
      page.file,
      request.line,
      `the example request's method ${request.method} is not one the Graph client sends (GET, POST, PUT, PATCH, DELETE).`,
    );
  if (request.body.kind === 'invalid-json')
    throw new PageError(
      page.file,
      request.body.errorLine,
      `the example request's body is not valid JSON (${request.body.error}); fix the page.`,
    );
  if (request.body.kind === 'text')
    throw new PageError(page.file, request.body.line, "the example request's body is not JSON; new-spec writes a JSON request only.");
  const phrase = verbPhrase(page.title);
  return {
    name,
    version,
    describe: `${operation.method} ${operation.path}`,
    title: `${response.status} ${phrase ?? page.title}`,
    titleNeedsWords: phrase === undefined,
    method: request.method,
    path: `${request.path}${request.query ? `?${request.query}` : ''}`,
    requestBody: request.body.kind === 'json' ? request.body.value : undefined,
    status: response.status,
    responseHasBody: response.body.kind !== 'none' && response.status !== 204,
    typeName: response.annotation?.odataType?.replace(/^#/, ''),
  };
}

function recordOf(
  url: string,
  source: Omit<PageRecord['source'], 'taken'>,
  example: { name: string },
  plan: Plan,
  taken: string,
): PageRecord & { $schema: string } {
  const record = {
    $schema: '../harness/page/page-record.schema.json',
    url,
    source: { ...source, taken },
    license: LICENSE,
    fixtures: [
      {
        test: plan.title,
        note: `The page's example request and its ${plan.status} response, verbatim. Not a recording: nobody has run this against the service from here.`,
        values: {},
        interactions: [{ request: { example: example.name }, responses: [{ example: example.name }] }],
      },
    ],
  };
  const validate = harnessValidator(new URL('../../harness/page/page-record.schema.json', import.meta.url));
  if (!validate(record))
    throw new NewSpecError(
      `new-spec: the record it would write is not valid:\n${formatViolations(describeErrors(validate.errors ?? [], record))}`,
    );
  if (slug(plan.title) === '')
    throw new NewSpecError(`new-spec: the test title ${JSON.stringify(plan.title)} has no letters or digits to name its fixture by.`);
  return record;
}
