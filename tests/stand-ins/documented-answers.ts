import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pagesIn, PAGES_DIRECTORY, readPageRecord } from '../../harness/page/page-record.ts';
import { DEFAULT_FIXTURES_DIRECTORY, slug, type FixtureFile } from '../../harness/replay/fixture-file.ts';

/**
 * What the Graph stand-in answers for an operation it does not model by hand: the answer the suite
 * replays for it, read from the fixture each page record declares (`fixtures/<page>/<test>.json`, a
 * documented example or, once one replaced it, a recording). The documented example is the answer:
 * a stand-in answering otherwise would make a live run disagree with the replay of the same page.
 * docs/stand-ins.md, "Operations the stand-in does not model", lists what is assumed beyond that.
 */

/** The pages whose operations graph-stand-in.ts models by hand (state, rules, divergences); never answered from fixtures. */
export const HAND_MODELLED_PAGES: readonly string[] = [
  'add-connector',
  'create-connection',
  'create-connector',
  'create-externalconnection',
  'create-identityapiconnector',
];

/** One request of a page's fixture, and what answers it. */
export interface DocumentedRoute {
  page: string;
  /** The fixture's test, `describe › title`. */
  test: string;
  method: string;
  /** With the version, without the query: `/v1.0/users/87d349ed-…`. */
  path: string;
  /** The path with each segment that is one of the fixture's values as `{id}`: what a live run's fresh id matches. */
  template: string;
  status: number;
  /** Undefined for an answer without a body. */
  body: unknown;
  headers: Record<string, string>;
}

export interface DocumentedAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  /** `METHOD template`: how the stand-in counts the request (`GET /v1.0/users/{id}`). */
  route: string;
  /** Why this answer: the fixture it came from, or the assumption it rests on. */
  source: string;
}

/** Headers the stand-in sets itself, as Graph would for the body it sends. */
const OWN_HEADERS = new Set(['content-type', 'content-length', 'date', 'request-id', 'client-request-id', 'x-ms-ags-diagnostic']);

/** Every request of the fixtures the pages not modelled by hand declare, in page and test order. */
export function documentedRoutes(
  pagesDirectory: string = PAGES_DIRECTORY,
  fixturesDirectory: string = DEFAULT_FIXTURES_DIRECTORY,
): DocumentedRoute[] {
  const routes: DocumentedRoute[] = [];
  for (const { name, record } of pagesIn(pagesDirectory)) {
    if (HAND_MODELLED_PAGES.includes(name)) continue;
    for (const declared of readPageRecord(record).fixtures) {
      const file = join(fixturesDirectory, name, `${slug(declared.test)}.json`);
      // A fixture not written yet answers nothing: the replay names it missing.
      if (!existsSync(file)) continue;
      const fixture = JSON.parse(readFileSync(file, 'utf8')) as FixtureFile;
      const values = new Set(Object.values(fixture.values));
      for (const interaction of fixture.interactions) {
        const path = interaction.path.replace(/\?.*$/, '');
        routes.push({
          page: name,
          test: fixture.test,
          method: interaction.method.toUpperCase(),
          path,
          template: templateOf(path, values),
          status: interaction.status,
          body: interaction.response === '' || interaction.response === undefined ? undefined : interaction.response,
          headers: headersOf(interaction.rawHeaders),
        });
      }
    }
  }
  return routes;
}

/** `/beta/external/connections/contosohr` with `contosohr` among the values → `/beta/external/connections/{id}`. */
export function templateOf(path: string, values: ReadonlySet<string>): string {
  return path
    .split('/')
    .map((segment) => (values.has(decodeURIComponent(segment)) ? '{id}' : segment))
    .join('/');
}

/**
 * The answer the pages give for a request: the route with its exact path first, then one whose
 * template matches (a fresh id where the fixture has its value). A DELETE of an item whose
 * collection has a documented create, and no documented DELETE of its own, answers `204` with no
 * body: the form Graph's delete pages document ("If successful, this method returns a `204 No
 * Content` response code", docs-contrib `user-delete.md`, `group-delete.md`, `application-delete.md`);
 * for the operation at hand it is an assumption.
 */
export function documentedAnswer(routes: readonly DocumentedRoute[], method: string, path: string): DocumentedAnswer | undefined {
  const asked = method.toUpperCase();
  const same = routes.filter((route) => route.method === asked);
  const route =
    same.find((candidate) => samePath(candidate.path, path)) ?? same.find((candidate) => matchesTemplate(candidate.template, path));
  if (route)
    return {
      status: route.status,
      body: route.body,
      headers: route.headers,
      route: `${route.method} ${route.template}`,
      source: `the fixture of ${route.test} (pages/${route.page}.json)`,
    };
  const collection = path.replace(/\/[^/]+$/, '');
  const created = routes.find(
    (candidate) => candidate.method === 'POST' && candidate.status === 201 && matchesTemplate(candidate.template, collection),
  );
  if (asked === 'DELETE' && created)
    return {
      status: 204,
      body: undefined,
      headers: {},
      route: `DELETE ${created.template}/{id}`,
      source: `assumed: what ${created.test} creates is deleted as Graph's delete pages document (204 No Content)`,
    };
  return undefined;
}

function samePath(documented: string, asked: string): boolean {
  return safeDecode(documented).toLowerCase() === safeDecode(asked).toLowerCase();
}

function matchesTemplate(template: string, path: string): boolean {
  const want = template.split('/');
  const got = path.split('/');
  return want.length === got.length && want.every((segment, index) => segment === '{id}' || samePath(segment, got[index] ?? ''));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function headersOf(raw: Record<string, string> | string[] | undefined): Record<string, string> {
  const pairs: [string, string][] = Array.isArray(raw)
    ? raw.flatMap((value, index) => (index % 2 === 0 ? [[value, raw[index + 1] ?? ''] as [string, string]] : []))
    : Object.entries(raw ?? {});
  return Object.fromEntries(
    pairs.filter(([name]) => !OWN_HEADERS.has(name.toLowerCase())).map(([name, value]) => [name.toLowerCase(), value]),
  );
}
