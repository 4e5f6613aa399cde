/** What one run of the whole contract suite is made of, for the end-to-end tests that count it. */

/** Every test of the suite, by title, sorted. */
export const SUITE_TEST_TITLES = [
  '201 creates an active connector with a server-generated id',
  '201 creates the API connector and never echoes its password',
  '201 creates the connection in draft state',
  '201 creates the externalConnection in draft state',
  '204 adds the connector, with an empty body',
  '503 for a broken result-layout card, then 409 on retry: the connection was created',
];

/** The preflight's one read, before any test of a live or record run: it proves Graph accepts the token. */
export const PREFLIGHT_REQUESTS = { 'GET /v1.0/external/connections': 1 };

/** What the suite's tests send the stand-in's service profile in one run, cleanup included, preflight not. */
export const TEST_REQUESTS = {
  'POST /beta/external/connections': 3,
  'GET /beta/external/connections/{id}': 1,
  'DELETE /beta/external/connections/{id}': 3,
  'POST /beta/connectors': 1,
  'POST /v1.0/applications/{id}/connectorGroup/members/$ref': 1,
  'POST /beta/connections': 1,
  'POST /beta/identity/apiConnectors': 1,
  'DELETE /beta/identity/apiConnectors/{id}': 1,
};
