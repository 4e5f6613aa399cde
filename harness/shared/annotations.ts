/**
 * Every type of annotation the harness writes on a test, listed once: the fixtures that write them
 * and the reporters that read a verdict from them (rather than guess it from error text) spell
 * each the same way. The HTML report shows them under the test.
 */
export const ANNOTATION = {
  /** The doc page's public URL. */
  docs: 'docs',
  /** The verbatim page under contract: `pages/create-connection.md`. */
  page: 'page',
  /** What the doc lint finds on the page. */
  docFindings: 'doc findings',
  /** The Graph version the test calls (its spec's `test.use({ graphVersion })`): part of the operation history keys it by. */
  graphVersion: 'graph version',
  /** Who answered the test's requests: the service, a recording (and its date), or the page's examples. */
  answeredBy: 'answered by',
  /** The fixture that answered (replay), or what recording made of it. */
  fixture: 'fixture',
  /** The service could not be asked: the reason. */
  notTested: 'not tested',
  /** The preflight stopped the run (or this shard of it) before any test: `shard 2/2: why`, or `why`. */
  runStopped: 'run stopped',
  /** A known divergence the test is under, with its evidence. */
  knownDivergence: 'known divergence',
  /** The service now does what the page says where it used to differ. */
  divergenceGone: 'divergence gone',
  /** The exchange a failing verdict blames: method, path, status and request-id. */
  atFault: 'at fault',
  /** A resource the test created that cleanup could not prove deleted. */
  leftover: 'leftover',
  /** What cleanup deleted, or skipped. */
  cleanup: 'cleanup',
  /** A 429 waited out (or, in replay, retried where the recording retried). */
  throttled: 'throttled',
  /** How a poll for eventual consistency ended. */
  poll: 'poll',
  /** What the page's permissions table makes of the run's token (live and record). */
  permissions: 'permissions',
  /** A pass with a token the page says is not enough: news for the page, never a failure. */
  permissionDivergence: 'permission divergence',
  /** An error answer without the request-id or date support asks for: a note, never a failure. */
  supportIds: 'support ids',
  /** Response properties the schema declares nowhere. */
  undocumented: 'undocumented',
  /** Playwright's own, from `test.skip(…, reason)` and `test.fail(…, reason)`. */
  skip: 'skip',
  fail: 'fail',
} as const;

export type AnnotationType = (typeof ANNOTATION)[keyof typeof ANNOTATION];
