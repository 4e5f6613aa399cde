import { writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { test as base, expect as baseExpect, type APIRequestContext, type TestInfo } from '@playwright/test';
import { readCredentialSource } from './auth/credential-source.ts';
import { createTokenProvider, type TokenProvider } from './auth/token-provider.ts';
import { browserOptions } from './browser-options.ts';
import { Cleanup, deleteAll } from './cleanup.ts';
import { CANONICAL_GRAPH_BASE_URL, loadSettings, type Settings } from './config/settings.ts';
import { loadRecorder, RecordingSession } from './record/recording-session.ts';
import { DIVERGENCE_ANNOTATION, divergenceIdOf, findDivergence } from './divergence/registry.ts';
import { claimVerdict, wholeTestVerdict, type AnsweredBy } from './divergence/verdict.ts';
import { REDACTED, Redactor } from './redaction/redact.ts';
import { DEFAULT_FIXTURES_DIRECTORY, describeProvenance, fixturePath, readFixture } from './replay/fixture-file.ts';
import { closeNetwork, ReplaySession } from './replay/replay-network.ts';
import { schemaMatchers } from './schema/matcher.ts';
import type { Exchange } from './transport/exchange.ts';
import { GraphClient, type GraphClientHooks } from './transport/graph-client.ts';
import { generateUniqueId } from './unique-id.ts';

export type GraphVersion = 'v1.0' | 'beta';

/** Replay sends this instead of a token: no credential exists in replay. */
export const REPLAY_TOKEN = 'replay-fake-token';

type Nock = Awaited<ReturnType<typeof closeNetwork>>;

interface WorkerFixtures {
  /** Validated settings; playwright.config.ts sets them from the environment. */
  settings: Settings;
  fixturesDirectory: string;
  /** Knows every secret of this worker (credentials, tokens, tenant ids) and keeps them out of output. */
  redactor: Redactor;
  /** Replay: nock with the network closed. Record: nock for its recorder. Live: undefined, nock never loaded. */
  nock: Nock | undefined;
  /** One per worker; renews its token before it expires. */
  tokens: TokenProvider;
  graphContext: APIRequestContext;
}

interface TestFixtures {
  /** The Graph version the spec's doc page documents. */
  graphVersion: GraphVersion;
  /** This test's fixture: served in replay, written in record. */
  tape: ReplaySession | RecordingSession | undefined;
  /** Requests to `${GRAPH_BASE_URL}/${graphVersion}`, each attached to the report. */
  graph: GraphClient;
  /** A fresh id per label (replayed from the fixture in replay mode). */
  uniqueId: (label: string) => string;
  /** A fresh password per label: kept out of every output, stored as REDACTED in fixtures. */
  uniqueSecret: (label: string) => string;
  cleanup: Cleanup;
  /** What the test's requests were answered, in order (cleanup excluded). */
  exchanges: Exchange[];
  /** Who answered, and the check of a claim under a known divergence; turns whole-test divergences into expected failures. */
  contract: Contract;
}

export interface Contract {
  answeredBy: AnsweredBy;
  /** Asserts the response property a claim-scoped divergence concerns: the page's value or the service's known one. */
  claim(divergenceId: string, body: unknown): void;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  ...browserOptions,
  settings: [loadSettings({}), { option: true, scope: 'worker' }],
  graphVersion: ['v1.0', { option: true }],

  fixturesDirectory: [
    async ({ settings }, use) => {
      await use(resolve(settings.fixturesDirectory ?? DEFAULT_FIXTURES_DIRECTORY));
    },
    { scope: 'worker' },
  ],

  redactor: [
    async ({ settings }, use) => {
      await use(settings.mode === 'replay' ? new Redactor() : Redactor.fromEnvironment(process.env));
    },
    { scope: 'worker' },
  ],

  nock: [
    async ({ settings }, use) => {
      const modules = { replay: closeNetwork, record: loadRecorder, live: () => Promise.resolve(undefined) };
      await use(await modules[settings.mode]());
    },
    { scope: 'worker' },
  ],

  tokens: [
    async ({ settings, redactor }, use) => {
      if (settings.mode === 'replay') return use({ token: () => Promise.resolve(REPLAY_TOKEN) });
      const { source } = readCredentialSource(process.env);
      // playwright.config.ts already refused to start without one; this keeps the types honest.
      if (!source) throw new Error('No Graph credential: see env.example.');
      const provider = createTokenProvider(source, `${settings.baseUrl}/.default`);
      await use({
        token: async () => {
          const token = await provider.token();
          redactor.addSecret(token);
          return token;
        },
      });
    },
    { scope: 'worker' },
  ],

  tape: [
    async ({ settings, nock, fixturesDirectory, redactor }, use, testInfo) => {
      if (!nock) return use(undefined);
      const path = fixturePath(fixturesDirectory, testInfo.file, testInfo.title);
      if (settings.mode === 'record') {
        const recording = new RecordingSession(nock, path, settings.baseUrl, redactor);
        await use(recording);
        recording.stop();
        return;
      }
      const replay = new ReplaySession(nock, readFixture(path));
      testInfo.annotations.push({ type: 'fixture', description: `${replay.fixture.label}: ${describeProvenance(replay.fixture.provenance)}` });
      try {
        await use(replay);
        const unused = replay.describeUnused();
        if (unused && testInfo.status === testInfo.expectedStatus) throw new Error(unused);
      } finally {
        replay.close();
      }
    },
    { box: 'self' },
  ],

  graphContext: [
    async ({ playwright, settings }, use) => {
      // One per worker; the token travels with each request, so renewing it needs no new context.
      const context = await playwright.request.newContext({
        // A compressed answer would be recorded as opaque hex chunks.
        extraHTTPHeaders: settings.mode === 'record' ? { 'Accept-Encoding': 'identity' } : {},
      });
      await use(context);
      await context.dispose();
    },
    { scope: 'worker' },
  ],

  // Set up before `graph` and so torn down after it: cleanup traffic is never recorded.
  cleanup: [
    async ({ graphContext, tokens, graphVersion, settings, redactor }, use, testInfo) => {
      const cleanup = new Cleanup();
      await use(cleanup);
      const paths = await cleanup.paths();
      if (paths.length === 0) return;
      if (settings.mode === 'replay') {
        testInfo.annotations.push({
          type: 'cleanup',
          description: `skipped in replay, where nothing was created: ${paths.map((path) => `DELETE ${path}`).join(', ')}`,
        });
        return;
      }
      const hooks: GraphClientHooks = {
        onExchange: (exchange) => attachExchange(testInfo, redactor, exchange, 'cleanup'),
        explainFailure: (_request, error) => redactor.error(error),
      };
      await deleteAll(graphClient(graphContext, await tokens.token(), graphVersion, settings, hooks), paths);
    },
    { box: 'self' },
  ],

  graph: [
    async ({ graphContext, tokens, graphVersion, settings, tape, redactor, exchanges, cleanup: _registeredFirst }, use, testInfo) => {
      const live = settings.mode !== 'replay';
      const hooks: GraphClientHooks = {
        onExchange: (exchange) => {
          exchanges.push(exchange);
          return attachExchange(testInfo, redactor, exchange);
        },
        onThrottled: ({ request, retryAfter, seconds, retry, maxRetries }) => {
          testInfo.annotations.push({
            type: 'throttled',
            description: `${request.method} ${new URL(request.url).pathname} answered 429 (Retry-After: ${retryAfter ?? 'none'}); waited ${seconds} s before retry ${retry} of ${maxRetries}.`,
          });
        },
        explainFailure: (request, error) =>
          (tape instanceof ReplaySession ? tape.explainFailure(request, error) : undefined) ?? (live ? redactor.error(error) : undefined),
        ...(live ? { redactText: (text: string) => redactor.text(text, { forTest: true }) } : {}),
      };
      const client = graphClient(graphContext, await tokens.token(), graphVersion, settings, hooks);
      if (!(tape instanceof RecordingSession)) return use(client);
      tape.start();
      try {
        await use(client);
      } finally {
        const written = tape.finish(testInfo.status ?? 'failed');
        testInfo.annotations.push({ type: 'fixture', description: `${written}: recorded now; the run ${testInfo.status ?? 'failed'}` });
      }
    },
    { box: 'self' },
  ],

  exchanges: [
    // eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring even with no dependencies
    async ({}, use) => {
      await use([]);
    },
    { box: 'self' },
  ],

  contract: [
    async ({ tape, exchanges, settings }, use, testInfo) => {
      const answeredBy: AnsweredBy =
        tape instanceof ReplaySession && tape.fixture.provenance.source === 'documented-example' ? 'documented-example' : 'service';
      testInfo.annotations.push({ type: 'mode', description: `${settings.mode}: answered by ${answeredBy === 'service' ? 'the service' : "the page's documented examples"}` });
      const entries = testInfo.annotations
        .filter((annotation) => annotation.type === DIVERGENCE_ANNOTATION)
        .map((annotation) => findDivergence(divergenceIdOf(annotation.description) ?? ''));
      const wholeTest = entries.filter((entry) => entry.scope === 'test');
      if (answeredBy === 'service' && wholeTest.length > 0) {
        testInfo.fail(true, `the service diverges from the page as known: ${wholeTest.map((entry) => entry.id).join(', ')}`);
      }
      const checked = new Set<string>();
      const claim = (id: string, body: unknown): void => {
        const entry = entries.find((candidate) => candidate.id === id && candidate.scope === 'claim');
        const problem = entry ? claimVerdict(entry, answeredBy, body) : `contract.claim("${id}"): annotate the test with divergence("${id}") first.`;
        checked.add(id);
        if (!problem) return;
        const error = new Error(entry ? `Known divergence [${id}]: ${problem}` : problem);
        // Point the report at the spec line that made the claim.
        Error.captureStackTrace(error, claim);
        throw error;
      };
      await use({ answeredBy, claim });
      if (answeredBy === 'service') {
        for (const entry of wholeTest) {
          const problem = wholeTestVerdict(entry, testInfo.status === 'passed', exchanges);
          if (problem) {
            // Red, whatever test.fail said: the divergence is gone, or this failure is not the known one.
            testInfo.expectedStatus = 'passed';
            throw new Error(problem);
          }
        }
      }
      const unchecked = entries.filter((entry) => entry.scope === 'claim' && !checked.has(entry.id));
      if (unchecked.length > 0 && testInfo.status === 'passed') {
        throw new Error(`The test is annotated with ${unchecked.map((entry) => entry.id).join(', ')} but never called contract.claim for it.`);
      }
    },
    { auto: true, box: 'self' },
  ],

  uniqueSecret: [
    async ({ tape, redactor }, use) => {
      await use((label) => {
        if (tape instanceof ReplaySession) return replayedValue(tape, label);
        const secret = `Gc${randomBytes(18).toString('base64url')}!9`;
        redactor.addSecret(secret, 'generated');
        // The fixture keeps the redacted form, which is also what the recorded request body holds.
        if (tape) tape.values[label] = REDACTED;
        return secret;
      });
    },
    { box: 'self' },
  ],

  uniqueId: [
    async ({ tape }, use) => {
      await use((label) => {
        if (tape instanceof ReplaySession) return replayedValue(tape, label);
        const value = generateUniqueId();
        if (tape) tape.values[label] = value;
        return value;
      });
    },
    { box: 'self' },
  ],
});

export const expect = baseExpect.extend(schemaMatchers);

export { divergence } from './divergence/registry.ts';

function replayedValue(replay: ReplaySession, label: string): string {
  const value = replay.fixture.values[label];
  if (value === undefined) {
    throw new Error(`${replay.fixture.label} has no value for "${label}" under "values": re-record the test, or add the value the recorded requests used.`);
  }
  return value;
}

function authorization(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

function graphClient(
  context: APIRequestContext,
  token: string,
  version: GraphVersion,
  settings: Settings,
  hooks: GraphClientHooks,
): GraphClient {
  // Fixtures are canonicalised to the public cloud, so replay always addresses it.
  const baseUrl = settings.mode === 'replay' ? CANONICAL_GRAPH_BASE_URL : settings.baseUrl;
  return new GraphClient({ context, root: `${baseUrl}/${version}`, defaultHeaders: authorization(token), throttle: settings.throttle, hooks });
}

const MAX_INLINE_ATTACHMENT = 64 * 1024;

/** Exchange attachments are numbered in the order they happened: `2. POST /beta/external/connections → 409`. */
const EXCHANGE_NAME = /^\d+\. /;

async function attachExchange(testInfo: TestInfo, redactor: Redactor, exchange: Exchange, role?: string): Promise<void> {
  const { request, response } = exchange;
  const number = testInfo.attachments.filter((attachment) => EXCHANGE_NAME.test(attachment.name)).length + 1;
  const path = redactor.text(new URL(request.url).pathname);
  const redacted = {
    request: { ...request, url: redactor.text(request.url), headers: redactor.headers(request.headers), body: redactor.value(request.body) },
    response: { ...response, headers: redactor.headers(response.headers), body: redactor.value(response.body) },
  };
  const name = `${number}. ${role ? `${role}: ` : ''}${request.method} ${path} → ${response.status}`;
  const json = JSON.stringify(redacted, null, 2);
  // Inline, the HTML report opens it in place; a large one goes by path so index.html stays small.
  // Pushed rather than attach()ed: attach() records a step with a captured stack, which cost more than the rest of a replayed test.
  if (json.length <= MAX_INLINE_ATTACHMENT) {
    testInfo.attachments.push({ name, contentType: 'application/json', body: Buffer.from(json) });
    return;
  }
  const file = testInfo.outputPath(`exchange-${number}.json`);
  await writeFile(file, json);
  testInfo.attachments.push({ name, contentType: 'application/json', path: file });
}
