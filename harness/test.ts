import { resolve } from 'node:path';
import { test as base, expect as baseExpect, type APIRequestContext, type TestInfo } from '@playwright/test';
import { Cleanup, deleteAll } from './cleanup.ts';
import { CANONICAL_GRAPH_BASE_URL, loadSettings, type Settings } from './config/settings.ts';
import { redactHeaders } from './redaction/redact.ts';
import { DEFAULT_FIXTURES_DIRECTORY, describeProvenance, fixturePath, readFixture } from './replay/fixture-file.ts';
import { closeNetwork, ReplaySession } from './replay/replay-network.ts';
import { schemaMatchers } from './schema/matcher.ts';
import type { Exchange } from './transport/exchange.ts';
import { GraphClient, type GraphClientHooks } from './transport/graph-client.ts';
import { generateUniqueId } from './unique-id.ts';

export type GraphVersion = 'v1.0' | 'beta';

/** Replay sends this instead of a token: no credential exists in replay. */
export const REPLAY_TOKEN = 'replay-fake-token';

interface WorkerFixtures {
  /** Validated settings; playwright.config.ts sets them from the environment. */
  settings: Settings;
  fixturesDirectory: string;
  /** In replay, nock with the network closed; otherwise undefined and nock is never loaded. */
  replayNetwork: Awaited<ReturnType<typeof closeNetwork>> | undefined;
  graphToken: string;
}

interface TestFixtures {
  /** The Graph version the spec's doc page documents. */
  graphVersion: GraphVersion;
  replay: ReplaySession | undefined;
  graphContext: APIRequestContext;
  /** Requests to `${GRAPH_BASE_URL}/${graphVersion}`, each attached to the report. */
  graph: GraphClient;
  /** A fresh id per label (replayed from the fixture in replay mode). */
  uniqueId: (label: string) => string;
  cleanup: Cleanup;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  settings: [loadSettings({}), { option: true, scope: 'worker' }],
  fixturesDirectory: [
    async ({ settings }, use) => {
      await use(resolve(settings.fixturesDirectory ?? DEFAULT_FIXTURES_DIRECTORY));
    },
    { scope: 'worker' },
  ],
  graphVersion: ['v1.0', { option: true }],

  replayNetwork: [
    async ({ settings }, use) => {
      await use(settings.mode === 'replay' ? await closeNetwork() : undefined);
    },
    { scope: 'worker' },
  ],

  graphToken: [
    async ({ settings }, use) => {
      if (settings.mode !== 'replay') {
        throw new Error(`GRAPH_MODE=${settings.mode}: only replay is available in this version of the suite.`);
      }
      await use(REPLAY_TOKEN);
    },
    { scope: 'worker' },
  ],

  replay: async ({ replayNetwork, fixturesDirectory }, use, testInfo) => {
    if (!replayNetwork) return use(undefined);
    const session = new ReplaySession(replayNetwork, readFixture(fixturePath(fixturesDirectory, testInfo.file, testInfo.title)));
    testInfo.annotations.push({ type: 'fixture', description: `${session.fixture.label}: ${describeProvenance(session.fixture.provenance)}` });
    try {
      await use(session);
      const unused = session.describeUnused();
      if (unused && testInfo.status === testInfo.expectedStatus) throw new Error(unused);
    } finally {
      session.close();
    }
  },

  graphContext: async ({ playwright, graphToken }, use) => {
    const context = await playwright.request.newContext({ extraHTTPHeaders: authorization(graphToken) });
    await use(context);
    await context.dispose();
  },

  graph: async ({ graphContext, graphToken, graphVersion, settings, replay }, use, testInfo) => {
    const hooks: GraphClientHooks = {
      onExchange: (exchange) => attachExchange(testInfo, exchange),
      onThrottled: ({ request, retryAfter, seconds, retry, maxRetries }) => {
        testInfo.annotations.push({
          type: 'throttled',
          description: `${request.method} ${request.url} answered 429 (Retry-After: ${retryAfter ?? 'none'}); waited ${seconds} s before retry ${retry} of ${maxRetries}.`,
        });
      },
      explainFailure: (request, error) => replay?.explainFailure(request, error),
    };
    await use(graphClient(graphContext, graphToken, graphVersion, settings, hooks));
  },

  uniqueId: async ({ replay }, use) => {
    await use((label) => {
      if (!replay) return generateUniqueId();
      const value = replay.fixture.values[label];
      if (value === undefined) {
        throw new Error(`${replay.fixture.label} has no value for "${label}" under "values": re-record the test, or add the value the recorded requests used.`);
      }
      return value;
    });
  },

  cleanup: async ({ graphContext, graphToken, graphVersion, settings }, use, testInfo) => {
    const cleanup = new Cleanup();
    await use(cleanup);
    if (cleanup.registered.length === 0) return;
    if (settings.mode === 'replay') {
      testInfo.annotations.push({
        type: 'cleanup',
        description: `skipped in replay, where nothing was created: ${cleanup.registered.map((path) => `DELETE ${path}`).join(', ')}`,
      });
      return;
    }
    const hooks: GraphClientHooks = { onExchange: (exchange) => attachExchange(testInfo, exchange, 'cleanup') };
    await deleteAll(graphClient(graphContext, graphToken, graphVersion, settings, hooks), cleanup.registered);
  },
});

export const expect = baseExpect.extend(schemaMatchers);

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

/** Exchange attachments are numbered in the order they happened: `2. POST /beta/external/connections → 409`. */
const EXCHANGE_NAME = /^\d+\. /;

async function attachExchange(testInfo: TestInfo, exchange: Exchange, role?: string): Promise<void> {
  const { request, response } = exchange;
  const number = testInfo.attachments.filter((attachment) => EXCHANGE_NAME.test(attachment.name)).length + 1;
  const path = new URL(request.url).pathname;
  const redacted = {
    request: { ...request, headers: redactHeaders(request.headers) },
    response: { ...response, headers: redactHeaders(response.headers) },
  };
  await testInfo.attach(`${number}. ${role ? `${role}: ` : ''}${request.method} ${path} → ${response.status}`, {
    body: JSON.stringify(redacted, null, 2),
    contentType: 'application/json',
  });
}
