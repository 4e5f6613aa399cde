import { randomUUID } from 'node:crypto';
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { callSiteOf, captureCallSite, thrownAt, type CallSite } from '../shared/call-site.ts';
import { parseBody, type Exchange, type SentRequest } from './exchange.ts';
import { askedWait, memoryBudget, throttleDecision, type ThrottleBudget, type ThrottleSettings } from './throttle.ts';

export type GraphFetchOptions = NonNullable<Parameters<APIRequestContext['fetch']>[1]>;
export type GraphMethodOptions = Omit<GraphFetchOptions, 'method'>;

/** An `APIResponse` whose `json()` is `unknown`: a contract test checks a body before trusting its shape. */
export type GraphResponse = Omit<APIResponse, 'json'> & { json(): Promise<unknown> };

export interface ThrottleWait {
  request: SentRequest;
  retryAfter: string | undefined;
  /** Why this long: `Retry-After: 2.128`, or the backoff chosen when the service said nothing. */
  basis: string;
  seconds: number;
  retry: number;
  maxRetries: number;
  /** False in replay, where the recording decides and nothing is slept. */
  waited: boolean;
}

/** `graph.poll('get', path, { until: 404, timeoutSeconds: 60, intervalSeconds: 2 })`: what to wait for, and how long. */
export interface PollOptions extends Omit<GraphMethodOptions, 'timeout'> {
  /** The status awaited: polling stops at the first answer with it. */
  until: number;
  /** No wait may end past this many seconds after the first attempt; the last answer is returned then. */
  timeoutSeconds: number;
  /** Seconds between attempts (live and record; replay never waits). */
  intervalSeconds: number;
}

/** The wait before another attempt of a poll. */
export interface PollWait {
  request: SentRequest;
  until: number;
  /** The attempt that follows the wait: 2 for the first wait. */
  attempt: number;
  seconds: number;
  /** False in replay, where the recording decides and nothing is slept. */
  waited: boolean;
}

/** How a poll ended: at the awaited status, or at its timeout (or an answer waiting cannot change) with the last answer. */
export interface PollEnd {
  request: SentRequest;
  until: number;
  status: number;
  attempts: number;
  /** Seconds slept between attempts: 0 in replay. */
  waitedSeconds: number;
  timeoutSeconds: number;
  intervalSeconds: number;
  /** False in replay. */
  waited: boolean;
}

/** Answers no wait changes: a refused token, a missing permission, throttling given up on (and any 5xx, below). */
const ENDS_POLL = [401, 403, 429];

export interface GraphClientHooks {
  /** Sees each request as it leaves, before any answer. */
  onSend?(request: SentRequest): void;
  /** Sees every answered exchange, 429s included, in order. */
  onExchange?(exchange: Exchange): Promise<void> | void;
  onThrottled?(wait: ThrottleWait): void;
  /** Before each wait of a poll (live and record extend the test's timeout by it). */
  onPollWait?(wait: PollWait): void;
  onPollEnd?(end: PollEnd): void;
  /**
   * Replay: whether the recording holds an unused answer for this request, that is, whether it
   * retried this throttled request or polled once more. When given, it alone decides, and nothing waits.
   */
  recordedRetry?(request: SentRequest): boolean;
  /** May turn a transport failure into a clearer error (replay explains an unmatched request). */
  explainFailure?(request: SentRequest, error: unknown): Error | undefined;
  /** May refuse an answer as no answer of the service at all (replay: nock's synthetic 501 for an unmatched request). */
  refuseAnswer?(request: SentRequest, status: number, body: string): Error | undefined;
  /** Rewrites what the test reads of a response (live runs take secrets and tenant ids out). */
  redactText?: (text: string) => string;
  /** Milliseconds the next request may take, so a hung service ends the request before the test's own timeout. */
  requestTimeout?(): number | undefined;
  /** Runs one request, retries included, as a step of the report, shown at the line that sent it. */
  step?: <T>(title: string, location: CallSite | undefined, body: () => Promise<T>) => Promise<T>;
}

export interface GraphClientOptions {
  /** One per worker: a context per test would cost more than the test itself. */
  context: APIRequestContext;
  /** Graph root plus the version the page documents: `https://graph.microsoft.com/beta`. */
  root: string;
  /** Sent with every request: the context is shared by a worker's tests. */
  defaultHeaders: Record<string, string>;
  /**
   * The bearer token each request carries, asked for as it leaves (never before: a test that sends
   * only tokenless requests never has the worker's token fetched); none when not given.
   */
  token?: () => Promise<string>;
  throttle: ThrottleSettings;
  /** The run's waits so far; one process's own when not given. */
  budget?: ThrottleBudget;
  hooks?: GraphClientHooks;
  /** No 429 wait may end past this: cleanup's own time, say. */
  deadline?: { at: number; what: string };
  sleep?: (milliseconds: number) => Promise<void>;
  /** Milliseconds since the epoch; tests give a clock that their `sleep` advances. */
  clock?: () => number;
}

/** Why a 429 was handed to the test instead of being waited out. */
const gaveUp = new WeakMap<object, string>();
/** What each response answered and with which body, for assertions that must not await (a forgotten await would pass silently). */
const served = new WeakMap<object, { request: SentRequest; text: string }>();

/** The request a response of this client answered, and its body as the test reads it; undefined for any other object. */
export function servedExchange(response: object): { request: SentRequest; text: string } | undefined {
  return served.get(response);
}

function givenUp(response: GraphResponse, why: string): GraphResponse {
  gaveUp.set(response, why);
  return response;
}

/** For a 429 the client stopped waiting on: why it stopped. */
export function throttlingGivenUp(response: object): string | undefined {
  return gaveUp.get(response);
}

/**
 * The request surface specs use: `APIRequestContext`'s methods, addressed by the path the doc
 * page shows (`/external/connections`). It returns every status to the test, 503 and 409
 * included, because the contract asserts them; only a 429 is waited out, per `Retry-After`.
 * Each request carries a fresh `client-request-id`, as Graph's guidance asks, for support to trace.
 */
export class GraphClient {
  readonly root: string;
  private readonly budget: ThrottleBudget;

  constructor(private readonly options: GraphClientOptions) {
    this.root = options.root.replace(/\/+$/, '');
    this.budget = options.budget ?? memoryBudget();
  }

  readonly get = (path: string, options?: GraphMethodOptions): Promise<GraphResponse> =>
    this.send(path, { ...options, method: 'GET' }, this.get);

  readonly post = (path: string, options?: GraphMethodOptions): Promise<GraphResponse> =>
    this.send(path, { ...options, method: 'POST' }, this.post);

  readonly put = (path: string, options?: GraphMethodOptions): Promise<GraphResponse> =>
    this.send(path, { ...options, method: 'PUT' }, this.put);

  readonly patch = (path: string, options?: GraphMethodOptions): Promise<GraphResponse> =>
    this.send(path, { ...options, method: 'PATCH' }, this.patch);

  readonly delete = (path: string, options?: GraphMethodOptions): Promise<GraphResponse> =>
    this.send(path, { ...options, method: 'DELETE' }, this.delete);

  url(path: string): string {
    if (!path.startsWith('/')) {
      throw new Error(`Graph paths start with "/", as on the doc page (such as "/external/connections"); got ${JSON.stringify(path)}.`);
    }
    return this.root + path;
  }

  readonly fetch = (path: string, options: GraphFetchOptions = {}): Promise<GraphResponse> => this.send(path, options, this.fetch);

  /**
   * The same client, its requests sent with no Authorization header at all: for the contract's
   * "without a token, 401" cases. The worker's token is never fetched for them, so none can leak.
   */
  withoutToken(): GraphClient {
    return this.withOptions(undefined);
  }

  /** The same client, its requests sent with `Authorization: Bearer <token>` exactly (a malformed token, say) instead of the worker's. */
  withToken(token: string): GraphClient {
    return this.withOptions(() => Promise.resolve(token));
  }

  private withOptions(token: (() => Promise<string>) | undefined): GraphClient {
    const defaultHeaders = Object.fromEntries(
      Object.entries(this.options.defaultHeaders).filter(([name]) => name.toLowerCase() !== 'authorization'),
    );
    const { token: _worker, ...options } = this.options;
    return new GraphClient({ ...options, defaultHeaders, budget: this.budget, ...(token ? { token } : {}) });
  }

  /**
   * Sends `GET path` until it answers `until`, for what Graph makes true eventually (a connection
   * readable after its create, gone after its delete), and returns the last answer, so that the
   * test's `toHaveStatus(until)` names what the service still said. Live waits `intervalSeconds`
   * between attempts and stops when another wait would end past `timeoutSeconds`; replay waits
   * nothing and sends exactly the attempts the recording made. Each attempt is an exchange like any
   * other (recorded, attached, its 429s waited out); an answer no wait changes (401, 403, a 429
   * given up on) ends the poll at once.
   */
  readonly poll = (method: 'get', path: string, options: PollOptions): Promise<GraphResponse> => {
    const callSite = captureCallSite(this.poll);
    const { until, timeoutSeconds, intervalSeconds, ...rest } = options;
    for (const [name, value] of Object.entries({ until, timeoutSeconds, intervalSeconds })) {
      if (!Number.isFinite(value) || value < 0)
        throw thrownAt(
          new Error(`graph.poll: ${name} must be a number of ${name === 'until' ? 'a status' : 'seconds'} (got ${String(value)}).`),
          callSite,
        );
    }
    const request: GraphFetchOptions = { ...rest, method: method.toUpperCase() };
    const run = () => this.pollUntil(path, request, { until, timeoutSeconds, intervalSeconds }, callSite);
    const { step } = this.options.hooks ?? {};
    if (!step) return run();
    return step(`poll GET ${new URL(this.url(path)).pathname} until ${until}`, callSiteOf(callSite), run);
  };

  private async pollUntil(
    path: string,
    options: GraphFetchOptions,
    poll: Pick<PollOptions, 'until' | 'timeoutSeconds' | 'intervalSeconds'>,
    callSite: { stack?: string },
  ): Promise<GraphResponse> {
    const { hooks = {}, sleep = defaultSleep, clock = Date.now } = this.options;
    const { until, timeoutSeconds, intervalSeconds } = poll;
    const startedAt = clock();
    let waitedSeconds = 0;
    for (let attempt = 1; ; attempt++) {
      const response = await this.exchange(path, options, callSite);
      const status = response.status();
      const end = (): GraphResponse => {
        const last = servedExchange(response)?.request ?? this.describe(path, options);
        hooks.onPollEnd?.({
          request: last,
          until,
          status,
          attempts: attempt,
          waitedSeconds,
          timeoutSeconds,
          intervalSeconds,
          waited: !hooks.recordedRetry,
        });
        return response;
      };
      // A 5xx is the service failing, not the resource lagging: the assertion makes it not tested, sooner.
      if (status === until || ENDS_POLL.includes(status) || status >= 500) return end();
      const next = this.describe(path, options);
      if (hooks.recordedRetry) {
        // Replay: exactly the attempts the recording made, and no sleep.
        if (!hooks.recordedRetry(next)) return end();
        hooks.onPollWait?.({ request: next, until, attempt: attempt + 1, seconds: intervalSeconds, waited: false });
        continue;
      }
      if (clock() - startedAt + intervalSeconds * 1000 > timeoutSeconds * 1000) return end();
      hooks.onPollWait?.({ request: next, until, attempt: attempt + 1, seconds: intervalSeconds, waited: true });
      await sleep(intervalSeconds * 1000);
      waitedSeconds += intervalSeconds;
    }
  }

  private async send(path: string, options: GraphFetchOptions, caller: (...args: never[]) => unknown): Promise<GraphResponse> {
    // Taken before the first await, so a failure and the report's step both point at the spec line that sent the request.
    const callSite = captureCallSite(caller);
    const { step } = this.options.hooks ?? {};
    if (!step) return this.exchange(path, options, callSite);
    return step(`${(options.method ?? 'GET').toUpperCase()} ${new URL(this.url(path)).pathname}`, callSiteOf(callSite), () =>
      this.exchange(path, options, callSite),
    );
  }

  private async exchange(path: string, options: GraphFetchOptions, callSite: { stack?: string }): Promise<GraphResponse> {
    const { context, throttle, hooks = {}, sleep = defaultSleep } = this.options;
    for (let retry = 1; ; retry++) {
      const request = this.describe(path, options, await this.authorization(callSite));
      hooks.onSend?.(request);
      let response: APIResponse;
      try {
        const timeout = hooks.requestTimeout?.();
        response = await context.fetch(this.url(path), {
          ...options,
          headers: request.headers,
          method: request.method,
          maxRetries: 0,
          ...(timeout === undefined ? {} : { timeout }),
        });
      } catch (error) {
        const explained = hooks.explainFailure?.(request, error);
        if (!explained) throw error;
        throw thrownAt(explained, callSite);
      }
      const body = await response.body();
      const refused = hooks.refuseAnswer?.(request, response.status(), body.toString('utf8'));
      if (refused) throw thrownAt(refused, callSite);
      await hooks.onExchange?.({
        request,
        response: { status: response.status(), headers: response.headers(), body: parseBody(body.toString('utf8')) },
      });
      const answer = withBody(request, response, body, hooks.redactText);
      if (response.status() !== 429) return answer;
      const retryAfter = response.headers()['retry-after'];
      if (hooks.recordedRetry) {
        // Replay: the recording decides, not today's cap, retry count or budget; nothing is slept.
        if (!hooks.recordedRetry(request)) return givenUp(answer, 'the recorded run stopped waiting here');
        const { seconds, basis } = askedWait(retry, retryAfter, throttle.maxWaitSeconds);
        hooks.onThrottled?.({ request, retryAfter, basis, seconds, retry, maxRetries: throttle.maxRetries, waited: false });
        continue;
      }
      const decision = throttleDecision(retry, retryAfter, throttle, this.budget, new Date(), this.options.deadline);
      if ('giveUp' in decision) return givenUp(answer, decision.giveUp);
      hooks.onThrottled?.({
        request,
        retryAfter,
        basis: decision.basis,
        seconds: decision.wait,
        retry,
        maxRetries: throttle.maxRetries,
        waited: true,
      });
      await sleep(decision.wait * 1000);
    }
  }

  /** The Authorization header of the next request, if it carries a token; asked for per attempt, since a long wait may outlive a token. */
  private async authorization(callSite: { stack?: string }): Promise<Record<string, string>> {
    if (!this.options.token) return {};
    try {
      return { Authorization: `Bearer ${await this.options.token()}` };
    } catch (error) {
      throw error instanceof Error ? thrownAt(error, callSite) : error;
    }
  }

  /** What goes out, for the report and for replay's explanation; the query is Playwright's own `params`, in any form it takes. */
  private describe(path: string, options: GraphFetchOptions, authorization: Record<string, string> = {}): SentRequest {
    const url = new URL(this.url(path));
    const params = options.params;
    if (typeof params === 'string' || params instanceof URLSearchParams) {
      for (const [name, value] of new URLSearchParams(params)) url.searchParams.append(name, value);
    } else {
      for (const [name, value] of Object.entries(params ?? {})) url.searchParams.set(name, String(value));
    }
    const headers = { 'client-request-id': randomUUID(), ...this.options.defaultHeaders, ...authorization, ...options.headers };
    const request: SentRequest = { method: (options.method ?? 'GET').toUpperCase(), url: url.toString(), headers };
    const data: unknown = options.data;
    if (data === undefined) return request;
    if (typeof data === 'string') return { ...request, body: parseBody(data) };
    if (Buffer.isBuffer(data)) return { ...request, body: `<${data.length} bytes>` };
    return { ...request, headers: { 'content-type': 'application/json', ...headers }, body: data };
  }
}

/**
 * The same response, its body served from the text already read: each read of a Playwright
 * response is another round trip and another captured stack, which a replayed test feels.
 * With `redact`, the body and both header accessors the test reads are redacted.
 */
function withBody(request: SentRequest, response: APIResponse, read: Buffer, redact?: (text: string) => string): GraphResponse {
  const text = redact ? redact(read.toString('utf8')) : read.toString('utf8');
  const bytes = redact ? Buffer.from(text) : read;
  const overrides: Partial<Record<keyof APIResponse, unknown>> = {
    text: () => Promise.resolve(text),
    json: () => Promise.resolve(JSON.parse(text) as unknown),
    // A copy each time, as Playwright gives: a spec that changes one cannot change the next read.
    body: () => Promise.resolve(Buffer.from(bytes)),
    ...(redact
      ? {
          headers: () => Object.fromEntries(Object.entries(response.headers()).map(([name, value]) => [name, redact(value)])),
          headersArray: () => response.headersArray().map(({ name, value }) => ({ name, value: redact(value) })),
        }
      : {}),
  };
  const proxy = new Proxy(response, {
    get(target, property, receiver) {
      if (typeof property === 'string' && Object.hasOwn(overrides, property)) return overrides[property as keyof APIResponse];
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  served.set(proxy, { request, text });
  return proxy;
}

function defaultSleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
