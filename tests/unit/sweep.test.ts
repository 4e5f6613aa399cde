import { graphWaitHooks } from '../../harness/auth/graph-wait-hooks.ts';
import { NoAnswerError } from '../../harness/auth/wait-bounds.ts';
import { sweep } from '../../harness/cleanup/sweep.ts';
import { generateUniqueId } from '../../harness/shared/unique-id.ts';
import { GraphClient } from '../../harness/transport/graph-client.ts';
import { startHttpsServer, type LocalHttpsServer, type Stall, type StalledExchange } from '../stand-ins/https-server.ts';
import { expect, test as base } from '../support/stand-in-test.ts';

const BOUNDS = { connectSeconds: 0.5, answerSeconds: 0.5 };
const OLD = generateUniqueId(Date.now() - 3 * 60 * 60 * 1000);

interface Tenant {
  /** Every request the tenant answered or held, in order. */
  asked: string[];
  stalling: { stall: Stall | undefined; stalled: StalledExchange[] };
  graph: GraphClient;
  progress: string[];
}

/** A tenant with one old connection of the suite's and no API connector, behind a Graph client bounded as the sweep's is. */
const test = base.extend<Tenant & { server: LocalHttpsServer }>({
  asked: async ({}, use) => {
    await use([]);
  },
  stalling: async ({}, use) => {
    await use({ stall: undefined, stalled: [] });
  },
  progress: async ({}, use) => {
    await use([]);
  },
  server: async ({ pki, asked, stalling }, use) => {
    const server = await startHttpsServer(
      pki,
      (request, _body, response) => {
        asked.push(`${request.method ?? ''} ${request.url ?? ''}`);
        const listing = request.method === 'GET';
        response.writeHead(listing ? 200 : 202, listing ? { 'content-type': 'application/json' } : {});
        response.end(listing ? JSON.stringify({ value: request.url?.includes('connections') ? [{ id: OLD }] : [] }) : undefined);
      },
      stalling,
    );
    await use(server);
    await server.stop();
  },
  graph: async ({ playwright, server, progress }, use) => {
    const context = await playwright.request.newContext({ ignoreHTTPSErrors: true });
    await use(
      new GraphClient({
        context,
        root: `${server.origin}/beta`,
        defaultHeaders: {},
        throttle: { maxWaitSeconds: 0, maxRetries: 0, budgetSeconds: 0 },
        hooks: graphWaitHooks(new URL(server.origin), BOUNDS, (line) => progress.push(line), { timing: { firstMs: 100, everyMs: 10_000 } }),
      }),
    );
    await context.dispose();
  },
});

test('a list Graph does not answer stops the sweep there: nothing more is asked, nothing deleted', async ({ graph, stalling, asked }) => {
  stalling.stall = { at: 'answer' };

  const result = await sweep(graph, { minAgeMs: 60 * 60 * 1000, dryRun: false, log: () => undefined });

  expect(result.stopped).toBeInstanceOf(NoAnswerError);
  expect(result.stopped?.wait).toMatchObject({
    service: 'Graph',
    request: 'GET /beta/external/connections?$select=id',
    stage: 'answer',
    boundSeconds: 0.5,
  });
  expect(result).toMatchObject({ seen: 0, deleted: [], failed: [] });
  expect(stalling.stalled).toEqual([{ at: 'answer', method: 'GET', path: '/beta/external/connections' }]);
  expect(asked).toEqual([]);
});

test('a DELETE Graph does not answer stops the sweep with what it did so far; the API connectors are not asked for', async ({
  graph,
  stalling,
  asked,
  progress,
}) => {
  stalling.stall = { at: 'answer', only: (method) => method === 'DELETE' };

  const result = await sweep(graph, { minAgeMs: 60 * 60 * 1000, dryRun: false, log: () => undefined });

  expect(result.stopped?.wait).toMatchObject({ request: `DELETE /beta/external/connections/${OLD}`, boundSeconds: 0.5 });
  expect(result.stopped?.wait.waitedMs).toBeGreaterThanOrEqual(495);
  expect(result).toMatchObject({ seen: 1, leftovers: [OLD], deleted: [], failed: [] });
  expect(asked).toEqual(['GET /beta/external/connections?$select=id']);
  // The held DELETE said what it waits for, once (the list, answered, may have said so too on a loaded machine).
  expect(progress.filter((line) => line.includes('DELETE'))).toEqual([
    expect.stringMatching(
      new RegExp(
        `^waiting for Graph \\(127\\.0\\.0\\.1:\\d+\\) to answer DELETE /beta/external/connections/${OLD}: 0 s so far, at most 0\\.5 s$`,
      ),
    ),
  ]);
});
