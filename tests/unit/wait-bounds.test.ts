import { request as httpsRequest } from 'node:https';
import { entraRequest } from '../../harness/auth/entra-wait-policy.ts';
import { NoAnswerError, noAnswerHint, reportProgress, waitBounds, type NoAnswer } from '../../harness/auth/wait-bounds.ts';
import { AttemptWatch, hostOf, WatchedAgent, type WatchOptions } from '../../harness/auth/watched-connection.ts';
import type { TestPki } from '../stand-ins/certificates.ts';
import { startHttpsServer, type Stall, type StalledExchange } from '../stand-ins/https-server.ts';
import { expect, test } from '../support/stand-in-test.ts';

test('the connect bound is 10 s, or the answer bound when that is shorter', () => {
  expect(waitBounds(30)).toEqual({ connectSeconds: 10, answerSeconds: 30 });
  expect(waitBounds(2)).toEqual({ connectSeconds: 2, answerSeconds: 2 });
});

test('a stall names the host, the bound and what was waited, and says at which stage it stopped', () => {
  const wait: NoAnswer = {
    service: 'Entra ID',
    host: 'login.microsoftonline.com:443',
    request: 'POST /{tenant}/oauth2/v2.0/token',
    stage: 'status',
    boundSeconds: 30,
    waitedMs: 30_012,
  };
  const cases: [NoAnswer['stage'], string, string][] = [
    [
      'connect',
      'no connection to login.microsoftonline.com:443 within 30 s',
      'Entra ID (login.microsoftonline.com:443) completed no connection (TCP and TLS) for POST /{tenant}/oauth2/v2.0/token within 30 s (waited 30.0 s)',
    ],
    [
      'status',
      'no answer from login.microsoftonline.com:443 within 30 s',
      'Entra ID (login.microsoftonline.com:443) accepted the connection and the request POST /{tenant}/oauth2/v2.0/token, and sent no status line within 30 s (waited 30.0 s)',
    ],
    [
      'body',
      'no answer from login.microsoftonline.com:443 within 30 s',
      'Entra ID (login.microsoftonline.com:443) began its answer to POST /{tenant}/oauth2/v2.0/token and did not finish it within 30 s (waited 30.0 s)',
    ],
    [
      'answer',
      'no answer from login.microsoftonline.com:443 within 30 s',
      'Entra ID (login.microsoftonline.com:443) did not answer POST /{tenant}/oauth2/v2.0/token within 30 s (waited 30.0 s)',
    ],
  ];
  for (const [stage, headline, detail] of cases) {
    const error = new NoAnswerError({ ...wait, stage });
    expect([error.headline, error.detail, error.message]).toEqual([headline, detail, `${headline}: ${detail}`]);
  }
  expect(noAnswerHint(new NoAnswerError(wait))).toContain('check the network path to login.microsoftonline.com:443');
  expect(noAnswerHint(new NoAnswerError(wait))).toContain('GRAPH_ANSWER_TIMEOUT_SECONDS');
});

test("Entra's requests are named without the tenant, and every host with its port", () => {
  const url = new URL('https://login.microsoftonline.com/5f0c1d6e-0000-4000-8000-000000000001/oauth2/v2.0/token');
  expect(entraRequest('POST', url)).toBe('POST /{tenant}/oauth2/v2.0/token');
  expect(hostOf(url)).toBe('login.microsoftonline.com:443');
  expect(hostOf(new URL('https://127.0.0.1:8443/x'))).toBe('127.0.0.1:8443');
});

test('progress says what is awaited and for how long, first after a while, then at intervals, and never after the wait', async () => {
  const lines: string[] = [];
  let now = 1_000_000;
  const stop = reportProgress(
    () => ({ awaiting: 'Graph (graph.microsoft.com:443) to answer GET /v1.0/external/connections', boundSeconds: 30, since: 1_000_000 }),
    (line) => lines.push(line),
    {
      // Each line reads the clock once: 5 s, then 15 s, 25 s into the wait.
      clock: () => (now += lines.length === 0 ? 5_000 : 10_000),
      timing: { firstMs: 10, everyMs: 10 },
    },
  );
  await expect.poll(() => lines.length).toBeGreaterThanOrEqual(3);
  stop();
  const seen = lines.length;
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(lines).toHaveLength(seen);
  expect(lines.slice(0, 3)).toEqual(
    [5, 15, 25].map(
      (so) => `waiting for Graph (graph.microsoft.com:443) to answer GET /v1.0/external/connections: ${so} s so far, at most 30 s`,
    ),
  );
});

test.describe('a watched attempt: a connection within the connect bound, then the whole answer within the answer bound', () => {
  const BOUNDS = { connectSeconds: 0.3, answerSeconds: 0.4 };

  /** One GET through a watched agent to a local HTTPS server stalled as `stall` says: what the watch decided, and what the client saw. */
  async function attempt(
    pki: TestPki,
    stall: Stall | undefined,
    options: Partial<WatchOptions> = {},
  ): Promise<{ watch: AttemptWatch; error: unknown; body: string | undefined; stalled: StalledExchange[] }> {
    const stalling = { stall, stalled: [] as StalledExchange[] };
    const server = await startHttpsServer(
      pki,
      (_request, _body, response) => {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end('answered');
      },
      stalling,
    );
    const url = new URL(`${server.origin}/oauth2/v2.0/token`);
    let watch: AttemptWatch | undefined;
    try {
      const outcome = await new Promise<{ error?: unknown; body?: string }>((resolve) => {
        watch = new AttemptWatch({ service: 'Entra ID', host: hostOf(url), request: 'GET /x' }, { bounds: BOUNDS, ...options }, (error) => {
          sent.destroy(error);
        });
        const sent = httpsRequest(url, { ca: pki.serverCert, agent: new WatchedAgent(watch) }, (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => {
            resolve({ body });
          });
          response.on('error', (error) => {
            resolve({ error });
          });
        });
        sent.on('error', (error) => {
          resolve({ error });
        });
        sent.end();
      });
      watch?.finish();
      if (!watch) throw new Error('no watch');
      return { watch, error: outcome.error, body: outcome.body, stalled: stalling.stalled };
    } finally {
      await server.stop();
    }
  }

  for (const [stall, stage, boundSeconds] of [
    [{ at: 'connection' }, 'connect', BOUNDS.connectSeconds],
    [{ at: 'answer' }, 'status', BOUNDS.answerSeconds],
    [{ at: 'body' }, 'body', BOUNDS.answerSeconds],
  ] as const) {
    test(`a host stalled at the ${stall.at} is given up at the ${stage} stage, after its bound`, async ({ pki }) => {
      const { watch, error, stalled } = await attempt(pki, stall);

      expect(stalled).toHaveLength(1);
      expect(watch.stalled?.wait).toMatchObject({ stage, boundSeconds, service: 'Entra ID', request: 'GET /x' });
      // What the watch measured, never the test's clock: it gave up no sooner than its bound.
      expect(watch.stalled?.wait.waitedMs).toBeGreaterThanOrEqual(boundSeconds * 1000 - 5);
      expect(error).toBe(watch.stalled);
    });
  }

  test('an answer within the bounds is read whole, and nothing is given up', async ({ pki }) => {
    const { watch, error, body } = await attempt(pki, undefined);

    expect(error).toBeUndefined();
    expect(body).toBe('answered');
    expect(watch.stalled).toBeUndefined();
  });

  test("behind a proxy's agent, which hides the connection, one bound counts connecting and answering together", async () => {
    const aborted: unknown[] = [];
    const watch = new AttemptWatch({ service: 'Entra ID', host: 'login.example:443', request: 'GET /x' }, { bounds: BOUNDS }, (error) =>
      aborted.push(error),
    );
    watch.unobserved();

    await expect.poll(() => aborted.length).toBe(1);
    expect(watch.stalled?.wait).toMatchObject({ stage: 'answer', boundSeconds: BOUNDS.connectSeconds + BOUNDS.answerSeconds });
    expect(watch.stalled?.headline).toBe(`no answer from login.example:443 within ${BOUNDS.connectSeconds + BOUNDS.answerSeconds} s`);
    expect(aborted).toEqual([watch.stalled]);
  });

  test('each stage says what it waits for, against its own bound', async ({ pki }) => {
    const lines: string[] = [];
    await attempt(pki, { at: 'answer' }, { log: (line) => lines.push(line), timing: { firstMs: 100, everyMs: 1_000 } });

    // The answer stage says so once; the connection, on a loaded machine, may have had time to say so too, against its own bound.
    expect(lines.filter((line) => line.includes(' to answer '))).toEqual([
      expect.stringMatching(/^waiting for Entra ID \(127\.0\.0\.1:\d+\) to answer GET \/x: 0 s so far, at most 0\.4 s$/),
    ]);
    for (const line of lines.filter((candidate) => !candidate.includes(' to answer ')))
      expect(line).toMatch(/ to accept the connection for GET \/x: .*at most /);
  });
});
