/**
 * What one run of the whole contract suite is made of, for the end-to-end tests that count it:
 * derived from the specs, their page records and the fixtures those declare (suite-specs.ts), so that
 * a spec `npm run new-spec` adds is counted without editing this file. Only what the Graph stand-in
 * models by hand (the five pages of HAND_MODELLED_PAGES: state, cleanup, asynchronous deletion) is
 * counted here by hand.
 */
import { HAND_MODELLED_PAGES } from '../stand-ins/documented-answers.ts';
import { documentedRequests, suiteSpecs, wholeTestDivergences } from './suite-specs.ts';

const SPECS = suiteSpecs();

/** Every test of the suite, by operation (a contract matrix row), in the order each spec declares them. */
export const SUITE_OPERATIONS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  groupBy(SPECS.flatMap((spec) => spec.titles.map((title) => [spec.describe, title] as const))),
);

/** The tests of one operation (a describe), in declaration order; an operation the suite does not have is an error. */
export function testsOfOperation(operation: string): readonly string[] {
  const titles = SUITE_OPERATIONS[operation];
  if (!titles) throw new Error(`The suite has no operation ${operation}; it has ${Object.keys(SUITE_OPERATIONS).join(', ')}.`);
  return titles;
}

/** Every test of the suite, by title, sorted (two operations share the 401 titles). */
export const SUITE_TEST_TITLES: string[] = Object.values(SUITE_OPERATIONS).flat().sort();

/** The tests a known divergence fails as a whole (`divergence(id)` of a `test`-scoped entry): expected failures against the stand-in's service profile. */
export const WHOLE_TEST_DIVERGENCES: string[] = wholeTestDivergences(SPECS);

/** A green live run's outcome per operation (a matrix row): an expected divergence where every test of it is one, else a pass. */
export const GREEN_OPERATION_OUTCOMES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.keys(SUITE_OPERATIONS).map((operation) => {
    const specs = SPECS.filter((spec) => spec.describe === operation);
    const diverging = specs.every((spec) =>
      spec.titles.every((title) => WHOLE_TEST_DIVERGENCES.includes(title) && spec.divergences[title]),
    );
    return [operation, diverging ? 'expected divergence' : 'pass'];
  }),
);

/** Each spec's page, Graph version and operation, in file order. */
export const SUITE_PAGES: readonly { page: string; version: string; operation: string }[] = SPECS.map(({ page, version, describe }) => ({
  page,
  version,
  operation: describe,
}));

/** A green live run's contract matrix totals against the stand-in's service profile. */
export const GREEN_TOTALS = {
  fail: 0,
  'divergence gone': 0,
  'not tested': 0,
  'expected divergence': WHOLE_TEST_DIVERGENCES.length,
  pass: SUITE_TEST_TITLES.length - WHOLE_TEST_DIVERGENCES.length,
};

/** The preflight's one read, before any test of a live or record run: it proves Graph accepts the token. */
export const PREFLIGHT_REQUESTS = { 'GET /v1.0/external/connections': 1 };

/**
 * What the tests of the pages the stand-in models by hand send its service profile in one run, cleanup
 * included, preflight not; counted from the stand-in's log of a live run. Tokenless tests count (the
 * stand-in answers them 401), and so do cleanup's DELETEs of what a refused create never made.
 */
const HAND_MODELLED_REQUESTS = {
  // 201, 503 + 409, 7 input rules, 409's two, two 401s, lifecycle.
  'POST /beta/external/connections': 15,
  // The quirk's read back, and the lifecycle's: read (200), after its DELETE a read that still finds it, then 404.
  'GET /beta/external/connections/{id}': 4,
  // Cleanup of the 201, the quirk, the 409 and the two 401s (registered before their creates), the lifecycle's own
  // DELETE (cleanup then has nothing to do), and cleanup of the id POST /connections never created. The input-rule
  // tests delete only what a create answered 2xx: a refused id names nothing of the suite's.
  'DELETE /beta/external/connections/{id}': 7,
  'POST /beta/connectors': 1,
  'POST /v1.0/applications/{id}/connectorGroup/members/$ref': 1,
  'POST /beta/connections': 1,
  // basic, certificate, two 401s, lifecycle.
  'POST /beta/identity/apiConnectors': 5,
  'GET /beta/identity/apiConnectors/{id}': 2,
  // Cleanup of the basic and the certificate connector, and the lifecycle's own DELETE (a 401 created nothing).
  'DELETE /beta/identity/apiConnectors/{id}': 3,
};

/**
 * Every DELETE of the hand-modelled pages' tests in one green live run, as `<first path segment> <status>`:
 * connections are deleted with 202 (asynchronous), API connectors with 204; a connection a refused
 * create never made answers 404, which is no leftover either.
 */
const HAND_MODELLED_DELETES = [
  // The 201, the quirk, the 409 (by cleanup) and the lifecycle (by the test).
  ...Array.from({ length: 4 }, () => 'external 202'),
  // Two 401s, and the id POST /connections never created.
  ...Array.from({ length: 3 }, () => 'external 404'),
  ...Array.from({ length: 3 }, () => 'identity 204'),
];

const OTHERS = documentedRequests(SPECS.filter((spec) => !HAND_MODELLED_PAGES.includes(spec.page)));

/**
 * What the suite's tests send the stand-in's service profile in one run, cleanup included, preflight
 * not: the hand-modelled pages' count, and each other test's fixture requests with the cleanup of
 * what it creates (suite-specs.ts, `documentedRequests`).
 */
export const TEST_REQUESTS: Record<string, number> = sumCounts(HAND_MODELLED_REQUESTS, OTHERS.requests);

/** Every DELETE of one green live run, as `<first path segment> <status>`, sorted. */
export const TEST_DELETES: string[] = [...HAND_MODELLED_DELETES, ...OTHERS.deletes].sort();

/**
 * The passwords one run's tests send that the stand-in reads: the basic connector's, the certificate's
 * and the lifecycle connector's (the stand-in refuses the 401 tests' bodies unread).
 */
export const PASSWORDS_SENT = 3;

function groupBy(pairs: readonly (readonly [string, string])[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const [key, value] of pairs) groups.set(key, [...(groups.get(key) ?? []), value]);
  return [...groups];
}

function sumCounts(...counts: Record<string, number>[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const count of counts) for (const [key, value] of Object.entries(count)) sum[key] = (sum[key] ?? 0) + value;
  return sum;
}
