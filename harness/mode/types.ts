import type { TestInfo } from '@playwright/test';
import type { PagePermissions } from '../permissions/shared-permissions.ts';
import type { Settings } from '../config/settings.ts';
import type { AnsweredBy } from '../divergence/divergence-check.ts';
import type { Redactor } from '../redaction/redact.ts';
import type { GraphClientHooks } from '../transport/graph-client.ts';
import type { ThrottleBudget } from '../transport/throttle.ts';

/**
 * What differs between replay, record and live, and nothing else: who answers a request, which
 * secrets there are, how a generated value is kept, what happens when a test ends. One object per
 * worker, chosen once in `startMode`; no worker or test fixture asks which mode it is in.
 */
export interface Mode {
  /** Knows every secret of the worker (in replay there are none) and keeps them out of output. */
  readonly redactor: Redactor;
  /** The Graph root requests go to: the canonical public cloud in replay (fixtures are canonicalised), GRAPH_BASE_URL otherwise. */
  readonly baseUrl: string;
  /** The seconds the run may still wait on 429s: shared by a run's workers against the service, unused in replay. */
  readonly throttleBudget: ThrottleBudget;
  /** A bearer token: a fake one in replay, where no credential exists. */
  token(): Promise<string>;
  /** What each page's permissions table makes of the run's token, by page (`pages/<name>.md`): none in replay, which has no token. */
  readonly pagePermissions: PagePermissions;
  /** Where this test's answers come from, and where its generated values are kept. */
  openTest(testInfo: TestInfo): Promise<TestSession>;
}

export interface TestSession {
  /** Who answers the test's requests: the service (live, record, a recording replayed) or the page's own examples. */
  readonly answeredBy: AnsweredBy;
  /** The short form for the matrix: `the service (live)`, `a recording of 2026-11-30 (the recorded run passed)`. */
  readonly answeredByDescription: string;
  /** Whether what the test creates exists: cleanup has nothing to delete in replay. */
  readonly createsResources: boolean;
  /**
   * A value the test generates (an id, a password): `fresh()` against the service, kept in the
   * fixture as `keptAs` (the value itself by default) when recording, read back from it in replay.
   */
  value(label: string, fresh: () => string, keptAs?: string): string;
  /** The same for a value that takes time to make (a certificate): `fresh()` is not even started in replay. */
  valueAsync(label: string, fresh: () => Promise<string>, keptAs?: string): Promise<string>;
  /** What the Graph client does differently in this mode: explain a failure, decide a replayed retry, redact, time out. */
  clientHooks(testInfo: TestInfo): Partial<GraphClientHooks>;
  /** Right before and after the test's own requests (recording only sees those, not cleanup's). */
  beginRequests(): void;
  endRequests(testInfo: TestInfo, notTested: boolean): void;
  /** When the test is over: an error to end it with (replay: interactions never requested), after releasing what the test held. */
  close(testInfo: TestInfo): Error | undefined;
}

export interface ModeDependencies {
  settings: Settings;
  fixturesDirectory: string;
}
