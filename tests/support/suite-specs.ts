import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPageRecord } from '../../harness/page/page-record.ts';
import { slug, type FixtureFile, type Interaction } from '../../harness/replay/fixture-file.ts';
import { documentedAnswer, documentedRoutes, type DocumentedRoute } from '../stand-ins/documented-answers.ts';
import { countedPath, handModelledRoute } from '../stand-ins/graph-stand-in.ts';

/** The checkout whose specs are read: this project, or the copy a test writes into (its own tests/ read its own specs). */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One spec of the suite, as its source, its page record and the fixtures the record declares say it. */
export interface SuiteSpec {
  /** The spec's file name without `.spec.ts`, which names its page (`pages/<page>.json`) and its fixtures folder. */
  page: string;
  /** `test.use({ graphVersion })`. */
  version: string;
  /** The describe: the operation, as the fixtures name their test (`describe › title`). */
  describe: string;
  /** In the order the record declares them, which is the spec's. */
  titles: string[];
  /** The ids each test names with `divergence(id)`, by title. */
  divergences: Record<string, string[]>;
  /** Each test's fixture, in the titles' order. */
  fixtures: FixtureFile[];
}

/** A spec, record or fixture that does not say what the suite is made of: named, with what to mend. */
export class SuiteSpecError extends Error {
  override name = 'SuiteSpecError';
}

/** Every spec of `specs/`, in file order, with its tests as its page record declares them and its fixtures. */
export function suiteSpecs(root: string = ROOT): SuiteSpec[] {
  const specsDirectory = join(root, 'specs');
  return readdirSync(specsDirectory)
    .filter((file) => file.endsWith('.spec.ts'))
    .sort()
    .map((file) => {
      const page = file.replace(/\.spec\.ts$/, '');
      const source = readFileSync(join(specsDirectory, file), 'utf8');
      const recordFile = join(root, 'pages', `${page}.json`);
      if (!existsSync(recordFile))
        throw new SuiteSpecError(`specs/${file} has no page record pages/${page}.json: every spec is named after its page under contract.`);
      const titles = readPageRecord(recordFile).fixtures.map(({ test }) => test);
      const fixtures = titles.map((title) => readFixture(root, page, title));
      const describes = new Set(fixtures.map((fixture, index) => describeOf(fixture, titles[index] ?? '', page)));
      const [describe, ...others] = describes;
      if (describe === undefined || others.length > 0)
        throw new SuiteSpecError(
          `fixtures/${page}/ names ${describes.size === 0 ? 'no test' : `${describes.size} describes (${[...describes].join(', ')})`}: a spec's tests share its one describe.`,
        );
      return {
        page,
        version: /graphVersion:\s*'([^']+)'/.exec(source)?.[1] ?? 'v1.0',
        describe,
        titles,
        divergences: divergencesByTest(source, `specs/${file}`),
        fixtures,
      };
    });
}

function readFixture(root: string, page: string, title: string): FixtureFile {
  const file = join(root, 'fixtures', page, `${slug(title)}.json`);
  if (!existsSync(file))
    throw new SuiteSpecError(
      `fixtures/${page}/${slug(title)}.json is missing: pages/${page}.json declares "${title}" (npm run fixtures:from-docs).`,
    );
  return JSON.parse(readFileSync(file, 'utf8')) as FixtureFile;
}

function describeOf(fixture: FixtureFile, title: string, page: string): string {
  const tail = ` › ${title}`;
  if (!fixture.test.endsWith(tail))
    throw new SuiteSpecError(`fixtures/${page}/${slug(title)}.json answers "${fixture.test}", not a test titled "${title}".`);
  return fixture.test.slice(0, -tail.length);
}

const TEST_CALL = /\btest\(\s*(?:'((?:\\.|[^'\\])*)'|`((?:\\.|[^`\\$])*)`)/g;
const DIVERGENCE = /\bdivergence\(\s*'([^']+)'\s*\)/g;

/**
 * The `divergence(id)` each test names in its options: what is between its title and its body
 * (`async (`). A divergence outside any test with a literal title cannot be told apart: an error.
 */
function divergencesByTest(source: string, file: string): Record<string, string[]> {
  const calls = [...source.matchAll(TEST_CALL)].map((match) => ({ at: match.index, title: match[1] ?? match[2] ?? '' }));
  const found: Record<string, string[]> = {};
  for (const match of source.matchAll(DIVERGENCE)) {
    const call = calls.filter(({ at }) => at < match.index).at(-1);
    const body = call === undefined ? -1 : source.indexOf('async (', call.at);
    if (call === undefined || body === -1 || body < match.index)
      throw new SuiteSpecError(
        `${file}: divergence('${match[1] ?? ''}') is not in the options of a test with a literal title; the suite's facts cannot tell which test it marks.`,
      );
    found[call.title] = [...(found[call.title] ?? []), match[1] ?? ''];
  }
  return found;
}

/** The titles of the tests a `test`-scoped divergence of known-divergences.json marks, sorted. */
export function wholeTestDivergences(specs: readonly SuiteSpec[], root: string = ROOT): string[] {
  const registry = JSON.parse(readFileSync(join(root, 'known-divergences.json'), 'utf8')) as {
    divergences: { id: string; scope: string }[];
  };
  const whole = new Set(registry.divergences.filter(({ scope }) => scope === 'test').map(({ id }) => id));
  return specs
    .flatMap((spec) => Object.entries(spec.divergences).filter(([, ids]) => ids.some((id) => whole.has(id))))
    .map(([title]) => title)
    .sort();
}

/** How the stand-in answers a DELETE on the routes it models by hand (docs/stand-ins.md): connections asynchronously. */
const HAND_DELETE_STATUS: [RegExp, number][] = [
  [/\/external\/connections\//, 202],
  [/\/identity\/apiConnectors\//, 204],
];

/**
 * What the tests of these specs send the stand-in in a green live run, as its `counts()` keys them,
 * and their DELETEs as `<first path segment> <status>`: each request of a test's fixture once (the
 * fixture is what the stand-in answers them by), and one cleanup DELETE for each create it makes
 * (a POST answered 201 with an id in its answer or its body) that the test does not delete itself.
 */
export function documentedRequests(
  specs: readonly SuiteSpec[],
  routes: readonly DocumentedRoute[] = documentedRoutes(),
): { requests: Record<string, number>; deletes: string[] } {
  const requests: Record<string, number> = {};
  const deletes: string[] = [];
  const count = (method: string, path: string, status: number) => {
    const key = countKey(routes, method, path);
    requests[key] = (requests[key] ?? 0) + 1;
    if (method === 'DELETE') deletes.push(`${path.split('/')[2] ?? ''} ${status}`);
  };
  for (const fixture of specs.flatMap((spec) => spec.fixtures)) {
    for (const interaction of fixture.interactions) count(interaction.method.toUpperCase(), pathOf(interaction), interaction.status);
    for (const created of createdPaths(fixture.interactions)) {
      const deleted = fixture.interactions.some(
        (interaction) =>
          interaction.method.toUpperCase() === 'DELETE' && pathOf(interaction) === created && [202, 204].includes(interaction.status),
      );
      if (!deleted) count('DELETE', created, deleteStatus(routes, created));
    }
  }
  return { requests, deletes };
}

function countKey(routes: readonly DocumentedRoute[], method: string, path: string): string {
  if (handModelledRoute(method, path)) return `${method} ${countedPath(path)}`;
  const answer = documentedAnswer(routes, method, path);
  if (!answer) throw new SuiteSpecError(`no route of the Graph stand-in answers ${method} ${path}, and no page's fixture does.`);
  return answer.route;
}

function deleteStatus(routes: readonly DocumentedRoute[], path: string): number {
  if (handModelledRoute('DELETE', path)) return HAND_DELETE_STATUS.find(([pattern]) => pattern.test(path))?.[1] ?? 204;
  return documentedAnswer(routes, 'DELETE', path)?.status ?? 204;
}

/** The item each create of a fixture makes: the collection's path and the id its answer (or its body) gives. */
function createdPaths(interactions: readonly Interaction[]): string[] {
  return interactions.flatMap((interaction) => {
    if (interaction.method.toUpperCase() !== 'POST' || interaction.status !== 201) return [];
    const id = idOf(interaction.response) ?? idOf(interaction.body);
    return id === undefined ? [] : [`${pathOf(interaction)}/${id}`];
  });
}

function idOf(body: unknown): string | undefined {
  const id = body !== null && typeof body === 'object' ? (body as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

function pathOf(interaction: Interaction): string {
  return interaction.path.replace(/\?.*$/, '');
}
