import { test, type APIRequestContext } from '@playwright/test';
import { Cleanup, deleteAll, leftoverOf, mayExist, unansweredCreate, type Leftover } from '../cleanup/cleanup.ts';
import type { Settings } from '../config/settings.ts';
import { attachExchange } from '../report/exchange-attachment.ts';
import { requestLine } from '../transport/exchange.ts';
import { GraphClient, type GraphClientHooks, type PollEnd, type ThrottleWait } from '../transport/graph-client.ts';
import type { ThrottleBudget } from '../transport/throttle.ts';
import { isNotTested, notTested } from '../verdict/not-tested.ts';

import type { GraphVersion } from '../shared/graph-version.ts';
import type { HarnessFixtures } from './types.ts';
import { ANNOTATION } from '../shared/annotations.ts';

/**
 * Cleanup's own time, apart from the test's: a test that used up its timeout still gets its
 * resources deleted. Its requests and 429 waits keep to it; the fixture's timeout leaves a margin.
 */
const CLEANUP_BUDGET_MS = 120_000;
const CLEANUP_TIMEOUT_MS = CLEANUP_BUDGET_MS + 30_000;

/** The client a spec sends its requests with, and the cleanup of what they created. */
export const graphFixtures: HarnessFixtures = {
  graphVersion: ['v1.0', { option: true }],

  // Set up before `graph` and so torn down after it: cleanup traffic is never recorded.
  cleanup: [
    async ({ _graphContext, _mode, _session, graphVersion, _settings, _redactor, _traffic }, use, testInfo) => {
      const cleanup = new Cleanup();
      await use(cleanup);
      const { paths, unknown } = await cleanup.targets();
      for (const why of unknown) testInfo.annotations.push({ type: ANNOTATION.leftover, description: _redactor.text(why) });
      const interrupted = _session.createsResources ? unansweredCreate(_traffic.unanswered()?.request, paths) : undefined;
      if (interrupted) testInfo.annotations.push({ type: ANNOTATION.leftover, description: _redactor.text(interrupted) });
      if (paths.length === 0) return;
      if (!_session.createsResources) {
        testInfo.annotations.push({
          type: ANNOTATION.cleanup,
          description: `skipped in replay, where nothing was created: ${paths.map((path) => `DELETE ${path}`).join(', ')}`,
        });
        return;
      }
      const deadline = Date.now() + CLEANUP_BUDGET_MS;
      const full = (path: string) => `/${graphVersion}${path}`;
      // What may exist is a leftover until proven deleted, so a cleanup cut short still lists what it did not prove.
      const pending = new Map(
        paths
          .filter((path) => mayExist(full(path), _traffic.exchanges))
          .map((path) => [
            path,
            {
              type: ANNOTATION.leftover,
              description: `DELETE ${full(path)} was never proven: cleanup ran out of its own ${CLEANUP_BUDGET_MS / 1000} s`,
            },
          ]),
      );
      testInfo.annotations.push(...pending.values());
      const settle = (path: string, leftover: Leftover | undefined) => {
        const entry = pending.get(path);
        if (entry) testInfo.annotations.splice(testInfo.annotations.indexOf(entry), 1);
        if (leftover) testInfo.annotations.push({ type: ANNOTATION.leftover, description: _redactor.text(leftover.why) });
      };
      try {
        await _mode.token();
      } catch (error) {
        for (const path of paths)
          settle(
            path,
            leftoverOf(full(path), `DELETE ${full(path)} was never sent: ${_redactor.text((error as Error).message)}`, _traffic.exchanges),
          );
        return;
      }
      // Asked for each request: a token renewed since the test began is the one cleanup sends.
      const cleanupToken = () => _mode.token();
      const hooks: GraphClientHooks = {
        onExchange: (exchange) => attachExchange(testInfo, _redactor, exchange, 'cleanup'),
        explainFailure: (_request, error) => _redactor.error(error),
        requestTimeout: () => Math.max(1_000, deadline - Date.now()),
      };
      const client = graphClient({
        context: _graphContext,
        baseUrl: _mode.baseUrl,
        token: cleanupToken,
        version: graphVersion,
        settings: _settings,
        budget: _mode.throttleBudget,
        hooks,
        deadline: { at: deadline, what: "cleanup's own time" },
      });
      const report = await deleteAll(client, paths, _traffic.exchanges, settle, { deadline });
      testInfo.annotations.push({
        type: ANNOTATION.cleanup,
        description: [
          report.deleted.length > 0 ? `deleted ${report.deleted.join(', ')}` : '',
          report.absent.length > 0 ? `never created: ${report.absent.join(', ')}` : '',
          report.leftovers.length > 0 ? `${report.leftovers.length} not proven deleted (see leftover)` : '',
        ]
          .filter(Boolean)
          .join('; '),
      });
    },
    { box: 'self', timeout: CLEANUP_TIMEOUT_MS },
  ],

  graph: [
    async ({ _graphContext, _mode, _session, graphVersion, _settings, _redactor, _traffic, cleanup: _registeredFirst }, use, testInfo) => {
      const hooks: GraphClientHooks = {
        // One boxed step per request, retries inside it, at the spec line that sent it.
        step: (title, location, body) => test.step(title, body, { box: true, ...(location ? { location } : {}) }),
        onSend: (request) => {
          _traffic.sent(request);
        },
        onExchange: (exchange) => {
          _traffic.answered(exchange);
          return attachExchange(testInfo, _redactor, exchange);
        },
        onThrottled: (wait) => {
          // The wait is the service's, not the test's: the test gets that much more time.
          if (wait.waited && testInfo.timeout > 0) testInfo.setTimeout(testInfo.timeout + wait.seconds * 1000);
          testInfo.annotations.push({ type: ANNOTATION.throttled, description: describeThrottleWait(wait) });
        },
        onPollWait: (wait) => {
          // As with a 429: the wait is the service's eventual consistency, not the test's time.
          if (wait.waited && testInfo.timeout > 0) testInfo.setTimeout(testInfo.timeout + wait.seconds * 1000);
        },
        onPollEnd: (end) => testInfo.annotations.push({ type: ANNOTATION.poll, description: describePollEnd(end) }),
        ..._session.clientHooks(testInfo),
      };
      // Asked for by the first request that carries it: a test of tokenless requests never fetches the worker's token.
      const token = async () => {
        try {
          return await _mode.token();
        } catch (error) {
          throw notTested(_redactor.text((error as Error).message));
        }
      };
      const client = graphClient({
        context: _graphContext,
        baseUrl: _mode.baseUrl,
        token,
        version: graphVersion,
        settings: _settings,
        budget: _mode.throttleBudget,
        hooks,
      });
      _session.beginRequests();
      try {
        await use(client);
      } finally {
        _session.endRequests(testInfo, isNotTested(testInfo));
      }
    },
    { box: 'self' },
  ],
};

/** `POST /beta/external/connections answered 429 (Retry-After: 2); waited 2 s before retry 1 of 3.` (the contract matrix reads it back). */
export function describeThrottleWait(wait: ThrottleWait): string {
  const where = `${requestLine(wait.request)} answered 429 (${wait.basis})`;
  const retry = `retry ${wait.retry} of ${wait.maxRetries}`;
  return wait.waited
    ? `${where}; waited ${wait.seconds} s before ${retry}.`
    : `${where}; replayed without waiting (live waits ${wait.seconds} s) before ${retry}.`;
}

/** `GET /beta/external/connections/x answered 404 at attempt 3 of a poll until 404 (waited 4 s, bounded at 60 s)`. */
export function describePollEnd(end: PollEnd): string {
  const bound = end.waited
    ? `waited ${end.waitedSeconds} s, bounded at ${end.timeoutSeconds} s`
    : `replayed without waiting; live waits ${end.intervalSeconds} s between attempts, at most ${end.timeoutSeconds} s`;
  const attempts = `${end.attempts} attempt${end.attempts === 1 ? '' : 's'}`;
  const what =
    end.status === end.until
      ? `answered ${end.status} after ${attempts}`
      : `still answered ${end.status} after ${attempts}; the poll ended without a ${end.until}`;
  return `${requestLine(end.request)} ${what} (${bound}).`;
}

function graphClient(options: {
  context: APIRequestContext;
  baseUrl: string;
  token: () => Promise<string>;
  version: GraphVersion;
  settings: Settings;
  budget: ThrottleBudget;
  hooks: GraphClientHooks;
  deadline?: { at: number; what: string };
}): GraphClient {
  const { context, baseUrl, token, version, settings, budget, hooks, deadline } = options;
  return new GraphClient({
    context,
    root: `${baseUrl}/${version}`,
    defaultHeaders: {},
    token,
    throttle: settings.throttle,
    budget,
    hooks,
    ...(deadline ? { deadline } : {}),
  });
}
