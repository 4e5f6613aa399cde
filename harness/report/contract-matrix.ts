/**
 * The contract matrix's shape (contract-matrix.json): one row per operation, each test's verdict,
 * requests, polls and 429 waits, the leftovers and the stopped shards. The reporter writes it;
 * history, alerts, report:merge and the tests read it.
 */
import type { Outcome } from '../verdict/outcome.ts';
import type { DriftCheck, MetadataChange } from './metadata-drift-file.ts';
import type { MatrixPoll, MatrixRequest, MatrixThrottleWait } from './test-traffic.ts';

export type { Outcome } from '../verdict/outcome.ts';
export type { MatrixPoll, MatrixRequest, MatrixThrottleWait } from './test-traffic.ts';

export interface MatrixTest {
  /** What history carries the test by across nights: its operation, page and case (test-keys.ts), not its title. */
  id: string;
  operationId: string;
  /** The status its title pins and the fingerprint of its code (`201 3fa9c2e1`, `400 5b0e11aa#3`): see test-identity.ts. */
  case: string;
  title: string;
  outcome: Outcome;
  /** Empty for a pass; otherwise what a reviewer reads first (the not-tested cause, the broken assertion). */
  reason: string;
  status: string;
  expectedStatus: string;
  divergences: string[];
  answeredBy: string;
  /** Response properties the schema declares nowhere, as `schema#/pointer`: news for the doc owner, never a failure. */
  undocumented: string[];
  /** Set when the test passed with a token its page's permissions table says is not enough: advisory, the outcome stands. */
  permissionDivergence?: string;
  /** What support would need and an answer lacked (an error's request-id or date): advisory, the outcome stands. */
  notes: string[];
  durationMs: number;
  /** Every request the test sent, and its cleanup after it, in order. */
  requests: MatrixRequest[];
  /** How each of its polls for eventual consistency ended. */
  polls: MatrixPoll[];
  /** Each 429 it waited out, with the Retry-After the service sent. */
  throttled: MatrixThrottleWait[];
}

export interface MatrixRow {
  /** The describe's title: `POST /external/connections`. */
  operation: string;
  /** `POST /beta/external/connections`: the method, the version its tests call, and the path template. */
  operationId: string;
  method: string;
  path: string;
  version: string;
  /** The page's name (`create-connection`), or the spec's where the describe names no page. */
  pageName: string;
  specFile: string;
  docs: string | undefined;
  /** The verbatim page under contract (`pages/create-connection.md`), and what the doc lint finds on it. */
  page: string | undefined;
  docFindings: string | undefined;
  /** The worst outcome among the operation's tests (OUTCOMES is worst first). */
  outcome: Outcome;
  answeredBy: string[];
  /** The union of its tests' undocumented properties. */
  undocumented: string[];
  /** The metadata drift of the types it uses, when the run was given the night's drift report (GRAPH_METADATA_DRIFT_FILE). */
  metadata?: OperationMetadata;
  tests: MatrixTest[];
}

export interface Leftover {
  operation: string;
  operationId: string;
  test: string;
  testId: string;
  description: string;
}

/** A shard of a merged run that its preflight stopped before any test: which, why, and how many of its tests that left untested. */
export interface StoppedShard {
  shard: string;
  why: string;
  tests: number;
}

export interface ContractMatrix {
  generatedAt: string;
  mode: string;
  /** Set when nothing could be tested at all (no token, the token refused): why. */
  notTested?: string;
  /** The shards their preflight stopped (a merged run): the run is red, whatever the others did. */
  stoppedShards: StoppedShard[];
  totals: Record<Outcome, number>;
  operations: MatrixRow[];
  /** What tests created and cleanup could not prove deleted: empty on a good night. */
  leftovers: Leftover[];
  /** Whether the night's metadata drift was checked (GRAPH_METADATA_DRIFT_FILE), and when; absent without a drift report. */
  metadataDrift?: DriftCheck;
}

/** An operation's metadata column: the changes to the types it uses, or why they were not checked. */
export interface OperationMetadata {
  checked: boolean;
  why?: string;
  changes: MetadataChange[];
}
