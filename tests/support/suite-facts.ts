/** What one run of the whole contract suite is made of, for the end-to-end tests that count it. */

/** Every test of the suite, by operation (a contract matrix row), in the order each spec declares them. */
export const SUITE_OPERATIONS = {
  'POST /applications/{applicationsId}/connectorGroup/members/$ref': ['204 adds the connector, with an empty body'],
  'POST /external/connections': [
    '201 creates the connection in draft state',
    '503 for a broken result-layout card, then 409 on retry: the connection was created',
    '400 for an id shorter than 3 characters',
    '400 for an id longer than 32 characters',
    '400 for an id with a character other than letters and digits',
    '400 for an id that begins with Microsoft',
    '400 for a reserved id',
    '400 for a body without a name',
    '400 for a name longer than 128 characters',
    '409 for a second create with the same id',
    '401 without a token',
    '401 with a malformed token',
    '404 once deleted: the connection is read back (200), deleted (202), then gone',
  ],
  'POST /connectors': ['201 creates an active connector with a server-generated id'],
  'POST /connections': ['201 creates the externalConnection in draft state'],
  'POST /identity/apiConnectors': [
    '201 creates the API connector and never echoes its password',
    '201 answers a certificate upload with its thumbprint and validity, never the certificate or its password',
    '401 without a token',
    '401 with a malformed token',
    '404 once deleted: the API connector is read back (200), deleted (204), then gone',
  ],
} as const satisfies Record<string, readonly string[]>;

/** Every test of the suite, by title, sorted (two operations share the 401 titles). */
export const SUITE_TEST_TITLES: string[] = Object.values(SUITE_OPERATIONS).flat().sort();

/** The tests a known divergence fails as a whole: expected failures against the stand-in's service profile. */
export const WHOLE_TEST_DIVERGENCES = [
  '201 creates an active connector with a server-generated id',
  '201 creates the externalConnection in draft state',
  '204 adds the connector, with an empty body',
];

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
 * What the suite's tests send the stand-in's service profile in one run, cleanup included, preflight
 * not; counted from the stand-in's log of a live run. Tokenless tests count (the stand-in answers
 * them 401), and so do cleanup's DELETEs of what a refused create never made.
 */
export const TEST_REQUESTS = {
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
 * Every DELETE of one green live run, as `<first path segment> <status>`, sorted: connections are
 * deleted with 202 (asynchronous), API connectors with 204; a connection a refused create never made
 * answers 404, which is no leftover either.
 */
export const TEST_DELETES = [
  // The 201, the quirk, the 409 (by cleanup) and the lifecycle (by the test).
  ...Array.from({ length: 4 }, () => 'external 202'),
  // Two 401s, and the id POST /connections never created.
  ...Array.from({ length: 3 }, () => 'external 404'),
  ...Array.from({ length: 3 }, () => 'identity 204'),
];

/**
 * The passwords one run's tests send that the stand-in reads: the basic connector's, the certificate's
 * and the lifecycle connector's (the stand-in refuses the 401 tests' bodies unread).
 */
export const PASSWORDS_SENT = 3;
