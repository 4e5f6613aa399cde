import { existsSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { Environment } from '../../harness/config/environment.ts';
import { describeErrors, formatViolations } from '../../harness/schema/format-errors.ts';
import { harnessValidator } from '../../harness/schema/registry.ts';
import { slug } from '../../harness/replay/fixture-file.ts';
import type { GraphVersion } from '../../harness/shared/graph-version.ts';
import { writeAtomically } from '../../harness/shared/write-atomically.ts';
import { displayPath } from '../../harness/shared/display-path.ts';
import { PageError } from '../../harness/page/page-model.ts';
import type { PageRecord } from '../../harness/page/page-record.ts';
import { parsePage } from '../../harness/page/parse-page.ts';
import { readPageText } from '../../harness/page/page-bounds.ts';
import { neighbourReader } from '../../harness/page/neighbour-file.ts';
import { permissionsIncludeIn } from '../../harness/page/permissions-include.ts';
import { fixturesFromPage } from '../documented-fixtures/fixtures-from-page.ts';
import { MetadataAtHand } from '../metadata/metadata-at-hand.ts';
import { metadataFiles } from '../metadata/metadata-files.ts';
import { exampleViolations } from './example-vs-schema.ts';
import { formatted } from './format-source.ts';
import { localOrigin } from './local-page.ts';
import { looksLikeUrl, pageAddress } from './page-address.ts';
import { fetchPage, readPageFetchSettings } from './page-fetch.ts';
import { responseSchema, type ResponseSchema } from './response-schema.ts';
import { planSpec } from './spec-plan.ts';
import { specSource } from './spec-source.ts';

export const NEW_SPEC_USAGE =
  'npm run new-spec -- <page URL | page file | page in a docs checkout> [--url <public URL>] [--source <owner/repo>:<path>[@<commit>]] [--name <name>]';

const LICENSE = { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' };
const SOURCE = /^([\w.-]+\/[\w.-]+):([^@]+?)(?:@([^@]*))?$/;
const COMMIT = /^[0-9a-f]{40}$/;
const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface NewSpecOptions {
  /** A page's URL (learn.microsoft.com, GitHub), a page file, or a page in a docs checkout. */
  page: string | undefined;
  /** The page's public URL; derived from a URL or a checkout when left out. */
  url?: string | undefined;
  /** `<owner>/<repo>:<path>[@<commit>]`; derived from a URL or a git checkout when left out. */
  source?: string | undefined;
  /** What the page, its record, its spec and its fixtures folder are called; the page file's base name by default. */
  name?: string | undefined;
  /** The checkout whose pages/, specs/, fixtures/, schemas/ and metadata/ are written to. */
  root: string;
  /** The record's `taken` date (YYYY-MM-DD); today by default. */
  today?: string;
  /** Where a URL's page is fetched from, and how long it may wait (GRAPH_DOCS_*). */
  env?: Environment;
  /** Where what is fetched, and each wait, is announced. */
  log?: (line: string) => void;
  /** The checkout's metadata, read once for many pages (the bench's scale case); the checkout's metadata/ by default. */
  metadata?: MetadataAtHand;
}

export interface Written {
  /** Relative to the checkout. */
  file: string;
  what: string;
}

export interface NewSpecResult {
  name: string;
  written: Written[];
  /** The schema the spec matches, or the include, when it was there already. */
  reused: Written[];
  /** Why the spec has no schema to match, naming what to do; undefined when it has one or the answer has no body. */
  schemaMessage: string | undefined;
  /** Why the spec's schema match is commented out: the page's example answer breaks the schema; undefined when it does not. */
  exampleBreaksSchema: string | undefined;
  /** The answer has no body (204, 202): nothing to match, and the spec says so. */
  noBody: string | undefined;
  /** Why the page's permissions table is not at hand; undefined when it is, or the page has it inline. */
  permissionsMessage: string | undefined;
  nextSteps: string[];
}

/** A refusal: one message naming what to pass or fix. Nothing is written. */
export class NewSpecError extends Error {
  override name = 'NewSpecError';
}

interface PageInput {
  markdown: string;
  /** How messages name the page: its file, or its URL. */
  label: string;
  /** The page file to copy byte for byte, when it is one. */
  file: string | undefined;
  name: string;
  url: string;
  source: Omit<PageRecord['source'], 'taken'>;
  version: GraphVersion | undefined;
  /** The permissions include the page names, with its text when it is at hand. */
  include: { path: string; text: string | undefined; unavailable: string | undefined } | undefined;
}

/**
 * Takes a doc page under contract: its verbatim copy (and its permissions include beside it), its
 * record, the documented-example fixture, the response's schema and the spec, formatted as lint
 * wants it. Every file is worked out before the first is written; nothing is ever overwritten.
 */
export async function newSpec(options: NewSpecOptions): Promise<NewSpecResult> {
  const root = resolve(options.root);
  const at = (...parts: string[]) => join(root, ...parts);
  const show = (path: string) => relative(root, path).split(sep).join('/');
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const input = await pageInput(options, today);
  const name = options.name ?? input.name;
  if (!NAME.test(name)) {
    throw new NewSpecError(
      `new-spec: "${name}" cannot name a spec: pass --name <name> in lower-case words joined by hyphens, after the page (create-connection for "Create connection").`,
    );
  }

  const include = input.include;
  const page = parsePage(input.markdown, input.label, {
    readNeighbour: (path) => (include && path === include.path ? include.text : undefined),
  });
  const plan = planSpec(page, { name, root, version: input.version });
  const record = recordOf(input, plan.fixture, today);
  const [derived] = fixturesFromPage(name, page, record);
  if (!derived) throw new Error('fixturesFromPage derived no fixture from a record that declares one.');

  const pageCopy = at('pages', `${name}.md`);
  const copiesPage = input.file === undefined || resolve(input.file) !== pageCopy;
  const includeCopy = include?.text === undefined ? undefined : resolve(at('pages'), include.path);
  if (includeCopy !== undefined && (!includeCopy.startsWith(root + sep) || includeCopy.startsWith(at('pages') + sep)))
    throw new NewSpecError(
      `new-spec: the page includes its permissions from ${include?.path ?? ''}, which beside pages/${name}.md is ${includeCopy}: outside the checkout, or inside pages/, where only pages under contract go.`,
    );
  const sameInclude = includeCopy !== undefined && existsSync(includeCopy) && readFileSync(includeCopy, 'utf8') === include?.text;
  const targets = [
    ...(copiesPage ? [pageCopy] : []),
    at('pages', `${name}.json`),
    at('fixtures', derived.file),
    at('specs', `${name}.spec.ts`),
    ...(includeCopy !== undefined && !sameInclude ? [includeCopy] : []),
  ];
  const taken = targets.filter((target) => existsSync(target));
  if (taken.length > 0) {
    throw new NewSpecError(
      `new-spec: ${taken.map(show).join(', ')} already exist${taken.length === 1 ? 's' : ''}; new-spec never overwrites a page, record, fixture, spec or permissions include. ` +
        `Pass --name <another name>, or delete ${taken.length === 1 ? 'it' : 'them'} first.`,
    );
  }

  // An answer without a body (204, 202) has nothing to match.
  const schema: ResponseSchema | undefined = plan.responseHasBody
    ? responseSchema(plan.responseType, plan.version, at('schemas'), options.metadata ?? new MetadataAtHand(metadataFiles(at('metadata'))))
    : undefined;
  // The answer the replay gives is the fixture's last; a page left as its template wrote it breaks the schema.
  const matched = schema === undefined || schema.kind === 'missing' ? undefined : schema;
  const broken =
    matched === undefined
      ? []
      : exampleViolations(
          derived.fixture.interactions.at(-1)?.response,
          matched.name,
          at('schemas'),
          matched.kind === 'generated' ? matched.schema : undefined,
        );
  const brokenMessage =
    matched !== undefined && broken.length > 0
      ? `the page's example answer breaks schemas/${matched.name}.json (${broken.slice(0, 3).join('; ')}${broken.length > 3 ? `; ${broken.length - 3} more` : ''}), so a replay of it would fail the match (docs:lint lists it as response-vs-schema)`
      : undefined;
  const specFile = at('specs', `${name}.spec.ts`);
  const spec = await formatted(
    specSource({
      ...plan,
      schema:
        schema === undefined
          ? undefined
          : schema.kind === 'missing'
            ? { todo: schema.todo }
            : brokenMessage !== undefined
              ? { todo: `${brokenMessage}: once a recording replaces the fixture (GRAPH_MODE=record)`, name: schema.name }
              : { name: schema.name },
    }),
    specFile,
  );
  const schemaText =
    schema?.kind === 'generated'
      ? await formatted(`${JSON.stringify(schema.schema, null, 2)}\n`, at('schemas', `${schema.name}.json`))
      : undefined;

  const written: Written[] = [];
  const write = (path: string, text: string, what: string) => {
    writeAtomically(path, text);
    written.push({ file: show(path), what });
  };
  if (copiesPage) write(pageCopy, input.file === undefined ? input.markdown : readFileSync(input.file, 'utf8'), 'the page, verbatim');
  if (includeCopy !== undefined && include?.text !== undefined && !sameInclude)
    write(includeCopy, include.text, "its permissions table, verbatim, where the page's include names it");
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
  if (schema?.kind === 'generated' && schemaText !== undefined) {
    write(at('schemas', `${schema.name}.json`), schemaText, `drafted from ${schema.from}: tighten it from the page`);
    if (schema.slice)
      write(
        schema.slice.file,
        schema.slice.xml,
        `re-cut to hold ${schema.slice.added.join(', ')}, which schemas:check compares the new schema with`,
      );
  }
  write(specFile, spec, 'the spec');

  const specPath = `specs/${name}.spec.ts`;
  const todos = spec.includes('// TODO:');
  return {
    name,
    written,
    reused: [
      ...(schema?.kind === 'existing' ? [{ file: `schemas/${schema.name}.json`, what: 'the schema the spec matches, as it is' }] : []),
      ...(sameInclude && includeCopy ? [{ file: show(includeCopy), what: 'its permissions table, the same as the page includes' }] : []),
    ],
    schemaMessage: schema?.kind === 'missing' ? schema.message : undefined,
    exampleBreaksSchema: brokenMessage,
    noBody: plan.responseHasBody
      ? undefined
      : `${plan.status} answers no body, so there is no schema to match; the spec checks that none came.`,
    permissionsMessage: include?.unavailable,
    nextSteps: [
      `Review ${todos ? `the TODOs in ${specPath}` : specPath}, the record's values, note and source in pages/${name}.json${schema?.kind === 'generated' ? `, and schemas/${schema.name}.json (required properties, formats, the page's rules)` : ''}.`,
      ...(schema?.kind === 'missing' ? [`Give the response a schema: ${schema.todo}; then uncomment the spec's schema match.`] : []),
      ...(brokenMessage !== undefined && matched !== undefined
        ? [
            `Once GRAPH_MODE=record has replaced the page's example with a recording (the last step), uncomment the spec's match of schemas/${matched.name}.json.`,
          ]
        : []),
      'npm run docs:lint   (the page, its findings recorded as known)',
      ...(schema?.kind === 'generated' ? ['npm run schemas:check'] : []),
      `npm run contract -- ${specPath}   (replays the page's example)`,
      "npm test   (the project's own tests count the new spec; their Graph stand-in answers it from its fixture)",
      `GRAPH_MODE=record npm run contract -- ${specPath}   (against a test tenant: replaces the fixture with a recording)`,
    ],
  };
}

/** The page's markdown and where it comes from: fetched for a URL, read for a file, with its include. */
async function pageInput(options: NewSpecOptions, today: string): Promise<PageInput> {
  const given = options.page;
  if (given === undefined)
    throw new NewSpecError(`new-spec: name the page: its URL, its file, or its path in a docs checkout. Usage: ${NEW_SPEC_USAGE}`);
  const flags = {
    url: options.url === undefined ? undefined : publicUrl(options.url),
    source: options.source === undefined ? undefined : sourceOf(options.source),
  };
  if (looksLikeUrl(given)) {
    const settings = readPageFetchSettings(options.env ?? {});
    const address = pageAddress(given, settings.rawBase);
    const fetched = await fetchPage(address, settings, options.log ?? (() => undefined));
    const commit = COMMIT.test(address.ref) ? address.ref : undefined;
    return {
      markdown: fetched.markdown,
      label: address.path,
      file: undefined,
      name: address.name,
      url: flags.url ?? address.publicUrl,
      source: flags.source ?? {
        repository: address.repository,
        path: address.path,
        ...(commit ? { commit } : { note: `Fetched from ${address.ref} on ${today}; the commit was not asked for.` }),
      },
      version: address.version,
      include: fetched.include && {
        path: fetched.include.path,
        text: 'text' in fetched.include ? fetched.include.text : undefined,
        unavailable: 'unavailable' in fetched.include ? fetched.include.unavailable : undefined,
      },
    };
  }
  const markdown = readPage(given);
  const origin = flags.url !== undefined && flags.source !== undefined ? undefined : localOrigin(given);
  const url = flags.url ?? origin?.url;
  const source = flags.source ?? origin?.source;
  if (url === undefined || source === undefined) {
    const missing = [
      ...(url === undefined ? ["--url <the page's public URL>"] : []),
      ...(source === undefined ? ['--source <owner/repo>:<path>[@<commit>] (where the page comes from)'] : []),
    ];
    throw new NewSpecError(
      `new-spec: pass ${missing.join(' and ')}: ${origin?.unknown ?? 'they cannot be told from the file'}. Usage: ${NEW_SPEC_USAGE}`,
    );
  }
  const written = permissionsIncludeIn(markdown);
  const text = written === undefined ? undefined : neighbourReader(given)(written);
  return {
    markdown,
    label: displayPath(given),
    file: given,
    name: basename(given).replace(/\.md$/i, ''),
    url,
    source,
    version: origin?.version,
    include:
      written === undefined
        ? undefined
        : {
            path: written,
            text,
            unavailable: text === undefined ? `include ${written} not found beside ${displayPath(given)}` : undefined,
          },
  };
}

function publicUrl(url: string): string {
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
  return url;
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
      `new-spec: cannot read the page ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): pass the path of the page's markdown, or its URL.`,
    );
  }
}

function recordOf(input: PageInput, fixture: PageRecord['fixtures'][number], taken: string): PageRecord & { $schema: string } {
  const record = {
    $schema: '../harness/page/page-record.schema.json',
    url: input.url,
    source: { ...input.source, taken },
    license: LICENSE,
    fixtures: [fixture],
  };
  const validate = harnessValidator(new URL('../../harness/page/page-record.schema.json', import.meta.url));
  if (!validate(record))
    throw new NewSpecError(
      `new-spec: the record it would write is not valid:\n${formatViolations(describeErrors(validate.errors ?? [], record))}`,
    );
  if (slug(fixture.test) === '')
    throw new NewSpecError(`new-spec: the test title ${JSON.stringify(fixture.test)} has no letters or digits to name its fixture by.`);
  return record;
}
