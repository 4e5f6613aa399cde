import type { APIRequestContext, APIResponse } from '@playwright/test';
import type { Settings } from '../config/settings.ts';
import { parseBody, type Exchange, type SentRequest } from './exchange.ts';
import { retryAfterSeconds } from './retry-after.ts';

export type GraphFetchOptions = NonNullable<Parameters<APIRequestContext['fetch']>[1]>;
export type GraphMethodOptions = Omit<GraphFetchOptions, 'method'>;

/** An `APIResponse` whose `json()` is `unknown`: a contract test checks a body before trusting its shape. */
export type GraphResponse = Omit<APIResponse, 'json'> & { json(): Promise<unknown> };

export interface ThrottleWait {
  request: SentRequest;
  retryAfter: string | undefined;
  seconds: number;
  retry: number;
  maxRetries: number;
}

export interface GraphClientHooks {
  /** Sees every answered exchange, 429s included, in order. */
  onExchange?(exchange: Exchange): Promise<void> | void;
  onThrottled?(wait: ThrottleWait): void;
  /** May turn a transport failure into a clearer error (replay explains an unmatched request). */
  explainFailure?(request: SentRequest, error: unknown): Error | undefined;
  /** Rewrites what the test reads of a response (live runs take secrets and tenant ids out). */
  redactText?: (text: string) => string;
}

export interface GraphClientOptions {
  /** One per worker: a context per test would cost more than the test itself. */
  context: APIRequestContext;
  /** Graph root plus the version the page documents: `https://graph.microsoft.com/beta`. */
  root: string;
  /** Sent with every request (Authorization): the context is shared by a worker's tests, the token is not fixed. */
  defaultHeaders: Record<string, string>;
  throttle: Settings['throttle'];
  hooks?: GraphClientHooks;
  sleep?: (milliseconds: number) => Promise<void>;
}

/**
 * The request surface specs use: `APIRequestContext`'s methods, addressed by the path the doc
 * page shows (`/external/connections`). It returns every status to the test, 503 and 409
 * included, because the contract asserts them; only a 429 is waited out, per `Retry-After`.
 */
export class GraphClient {
  readonly root: string;

  constructor(private readonly options: GraphClientOptions) {
    this.root = options.root.replace(/\/+$/, '');
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

  private async send(path: string, options: GraphFetchOptions, caller: (...args: never[]) => unknown): Promise<GraphResponse> {
    // Taken before the first await, so an explained failure points at the spec line that sent the request.
    const callSite: { stack?: string } = {};
    Error.captureStackTrace(callSite, caller);
    const { context, throttle, hooks = {}, sleep = defaultSleep } = this.options;
    const request = this.describe(path, options);
    for (let retry = 1; ; retry++) {
      let response: APIResponse;
      try {
        // The URL already carries the query, so `params` must not be sent twice.
        response = await context.fetch(request.url, { ...options, headers: request.headers, params: undefined, method: request.method, maxRetries: 0 });
      } catch (error) {
        const explained = hooks.explainFailure?.(request, error);
        if (!explained) throw error;
        explained.stack = `${explained.name}: ${explained.message}${callSite.stack?.replace(/^.*/, '') ?? ''}`;
        throw explained;
      }
      const body = await response.body();
      await hooks.onExchange?.({ request, response: { status: response.status(), headers: response.headers(), body: parseBody(body.toString('utf8')) } });
      if (response.status() !== 429 || retry > throttle.maxRetries) return withBody(response, body, hooks.redactText);
      const retryAfter = response.headers()['retry-after'];
      const seconds = retryAfterSeconds(retryAfter, throttle.maxWaitSeconds);
      hooks.onThrottled?.({ request, retryAfter, seconds, retry, maxRetries: throttle.maxRetries });
      await sleep(seconds * 1000);
    }
  }

  private describe(path: string, options: GraphFetchOptions): SentRequest {
    const url = new URL(this.url(path));
    for (const [name, value] of Object.entries(options.params ?? {})) url.searchParams.set(name, String(value));
    const headers = { ...this.options.defaultHeaders, ...options.headers };
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
 * With `redact`, the body and headers the test reads are redacted.
 */
function withBody(response: APIResponse, read: Buffer, redact?: (text: string) => string): GraphResponse {
  const text = redact ? redact(read.toString('utf8')) : read.toString('utf8');
  const bytes = redact ? Buffer.from(text) : read;
  const overrides: Partial<Record<keyof APIResponse, unknown>> = {
    text: () => Promise.resolve(text),
    json: () => Promise.resolve(JSON.parse(text) as unknown),
    // A copy each time, as Playwright gives: a spec that changes one cannot change the next read.
    body: () => Promise.resolve(Buffer.from(bytes)),
    ...(redact ? { headers: () => Object.fromEntries(Object.entries(response.headers()).map(([name, value]) => [name, redact(value)])) } : {}),
  };
  return new Proxy(response, {
    get(target, property, receiver) {
      if (typeof property === 'string' && Object.hasOwn(overrides, property)) return overrides[property as keyof APIResponse];
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function defaultSleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
