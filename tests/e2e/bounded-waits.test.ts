import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateUniqueId } from '../../harness/shared/unique-id.ts';
import type { StallPoint } from '../stand-ins/https-server.ts';
import { runSuite, runSweep, type SuiteRun } from '../support/run-suite.ts';
import { expect, test } from '../support/stand-in-test.ts';

/** The bound every test here sets: short, so a stalled host costs seconds. */
const BOUND_SECONDS = 2;
/** What a run may wait beyond the bound, as it reports its own wait: timers fire late on a loaded machine, never early. */
const MARGIN_SECONDS = 2;
const BOUNDED = { GRAPH_ANSWER_TIMEOUT_SECONDS: String(BOUND_SECONDS) };
/** Without the bounds these runs hang (a token request has no timeout at all): red means this timeout. */
const HANGS_WITHOUT_A_BOUND_MS = 60_000;

const hostOf = (origin: string) => new URL(origin).host;
/** The first line a run stopped by a bound prints: the host and the bound. */
const headline = (at: StallPoint, host: string) =>
  at === 'connection' ? `no connection to ${host} within ${BOUND_SECONDS} s` : `no answer from ${host} within ${BOUND_SECONDS} s`;

/** Every "waited N s" and "N s in all" the run printed: what the suite says it waited, never the test's clock. */
function waitsReported(output: string): number[] {
  return [...output.matchAll(/(?:waited|took) (\d+(?:\.\d+)?) s/g)].map((match) => Number(match[1]));
}

function expectBoundedStop(run: SuiteRun, line: string): void {
  expect(run.output).toContain(line);
  expect(run.output.match(/Not tested:/g), run.output).toHaveLength(1);
  const waits = waitsReported(run.output);
  expect(waits.length, run.output).toBeGreaterThan(0);
  for (const waited of waits) {
    expect(waited).toBeGreaterThanOrEqual(BOUND_SECONDS);
    expect(waited).toBeLessThanOrEqual(BOUND_SECONDS + MARGIN_SECONDS);
  }
  const matrix = run.matrix();
  expect(matrix.notTested).toContain(line.replace(/^Not tested: /, ''));
  // Every test is listed, not tested for that one reason, and none started.
  const tests = matrix.operations.flatMap((row) => row.tests);
  expect(tests.length).toBeGreaterThan(0);
  expect(new Set(tests.map((t) => `${t.outcome} ${t.status}`))).toEqual(new Set(['not tested skipped']));
  expect(readFileSync(join(run.outputDirectory, 'matrix', 'contract-matrix.md'), 'utf8')).toContain(
    `⛔ **Nothing was tested**: ${line.replace(/^Not tested: /, '')}`,
  );
}

test.describe('a host that accepts the connection and never answers ends the run at its bound, with one message', () => {
  test.beforeEach(() => {
    test.setTimeout(HANGS_WITHOUT_A_BOUND_MS);
  });

  // The OpenID metadata answers; the token request is the one that stalls (a connection stall stalls both).
  const tokenRequest = (method: string) => method === 'POST';
  for (const stall of [{ at: 'connection' }, { at: 'answer', only: tokenRequest }, { at: 'body', only: tokenRequest }] as const) {
    const { at } = stall;

    test(`Entra ID stalled at the ${at}: the sign-in stops, naming the host and the bound; nothing is sent to Graph`, async ({
      standIns,
    }) => {
      standIns.entra.stall = stall;

      const run = await runSuite({ ...(await standIns.env('secret')), ...BOUNDED });

      expect(run.code).toBe(1);
      expectBoundedStop(run, `Not tested: ${headline(at, hostOf(standIns.entra.authorityHost))}; nothing was sent to Graph.`);
      expect(run.output).toContain(`  authority:  AZURE_AUTHORITY_HOST=${standIns.entra.authorityHost}`);
      expect(run.output).toContain('GRAPH_ANSWER_TIMEOUT_SECONDS');
      // One attempt, not one per retry: neither MSAL nor the Azure pipeline tried the stalled host again.
      expect(standIns.entra.stalled).toHaveLength(1);
      expect(standIns.entra.grants).toEqual([]);
      expect(standIns.graph.log).toEqual([]);
      expect(standIns.graph.stalled).toEqual([]);
    });
  }

  test("GitHub's ID-token endpoint stalled: the sign-in stops, naming it and the bound; nothing is sent to Graph", async ({ standIns }) => {
    standIns.github.stall = { at: 'answer' };

    const run = await runSuite({ ...(await standIns.env('github')), ...BOUNDED });

    expect(run.code).toBe(1);
    expectBoundedStop(run, `Not tested: ${headline('answer', hostOf(standIns.github.requestUrl))}; nothing was sent to Graph.`);
    expect(run.output).toContain(
      `GitHub's ID-token endpoint (${hostOf(standIns.github.requestUrl)}) accepted the connection and the request GET ACTIONS_ID_TOKEN_REQUEST_URL, and sent no status line`,
    );
    expect(standIns.github.stalled).toHaveLength(1);
    expect(standIns.entra.grants).toEqual([]);
    expect(standIns.graph.log).toEqual([]);
  });

  for (const [at, held] of [
    ['connection', { at: 'connection' }],
    ['answer', { at: 'answer', method: 'GET', path: '/v1.0/external/connections' }],
    ['body', { at: 'body', method: 'GET', path: '/v1.0/external/connections' }],
  ] as const) {
    test(`Graph stalled at the ${at}: the preflight's one read stops at the bound, naming the host`, async ({ standIns }) => {
      standIns.graph.stall = { at };

      const run = await runSuite({ ...(await standIns.env('secret')), ...BOUNDED });

      expect(run.code).toBe(1);
      // Playwright's request has one timeout, connecting included: Graph's message says "no answer" whatever the stage.
      expectBoundedStop(
        run,
        `Not tested: ${headline('answer', hostOf(standIns.graph.baseUrl))}; one read was tried (GET /v1.0/external/connections).`,
      );
      expect(standIns.entra.grants).toHaveLength(1);
      expect(standIns.graph.stalled).toEqual([held]);
    });
  }

  test('a wait longer than a few seconds says what it waits for, and for how long, without flooding the output', async ({ standIns }) => {
    standIns.graph.stall = { at: 'answer' };

    const run = await runSuite({ ...(await standIns.env('secret')), GRAPH_ANSWER_TIMEOUT_SECONDS: '7' });

    expect(run.code).toBe(1);
    const host = hostOf(standIns.graph.baseUrl);
    expect(run.output).toContain(`Not tested: no answer from ${host} within 7 s; one read was tried (GET /v1.0/external/connections).`);
    expect(run.output.match(/waiting for .*: \d+ s so far, at most \d+ s/g)).toEqual([
      `waiting for Graph (${host}) to answer GET /v1.0/external/connections: 5 s so far, at most 7 s`,
    ]);
  });
});

test.describe('npm run sweep ends at its bound too, non-zero, with one message', () => {
  test.beforeEach(() => {
    test.setTimeout(HANGS_WITHOUT_A_BOUND_MS);
  });

  test('Graph stalled: the sweep stops at its first unanswered request, deletes nothing and names the host and the bound', async ({
    standIns,
  }) => {
    const old = generateUniqueId(Date.now() - 3 * 60 * 60 * 1000);
    standIns.graph.connections.set(old, { id: old, name: old, state: 'draft' });
    standIns.graph.stall = { at: 'answer' };

    const run = await runSweep({ ...(await standIns.env('secret')), ...BOUNDED });

    expect(run.code).toBe(1);
    const line = `sweep: stopped: ${headline('answer', hostOf(standIns.graph.baseUrl))} (GET /beta/external/connections?$select=id); nothing was deleted.`;
    expect(run.output).toContain(line);
    expect(run.output.match(/^sweep: stopped:/gm)).toHaveLength(1);
    for (const waited of waitsReported(run.output)) expect(waited).toBeLessThanOrEqual(BOUND_SECONDS + MARGIN_SECONDS);
    expect(waitsReported(run.output).length).toBeGreaterThan(0);
    // It asked once and stopped: neither the API connectors' list nor any DELETE went to a host that does not answer.
    expect(standIns.graph.stalled).toEqual([{ at: 'answer', method: 'GET', path: '/beta/external/connections' }]);
    expect(standIns.graph.connections.has(old)).toBe(true);
  });

  test('Entra ID stalled: the sweep stops at the sign-in, naming the host and the bound; nothing is sent to Graph', async ({
    standIns,
  }) => {
    standIns.entra.stall = { at: 'answer', only: (method) => method === 'POST' };

    const run = await runSweep({ ...(await standIns.env('secret')), ...BOUNDED });

    expect(run.code).toBe(1);
    expect(run.output).toContain(`sweep: stopped: ${headline('answer', hostOf(standIns.entra.authorityHost))}; nothing was sent to Graph.`);
    for (const waited of waitsReported(run.output)) expect(waited).toBeLessThanOrEqual(BOUND_SECONDS + MARGIN_SECONDS);
    expect(waitsReported(run.output).length).toBeGreaterThan(0);
    expect(standIns.entra.stalled).toHaveLength(1);
    expect(standIns.graph.log).toEqual([]);
  });
});
