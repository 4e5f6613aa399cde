/**
 * How long the sign-in, the preflight and the sweep wait on a host, and what they say when it does
 * not answer. A host that takes the connection and never answers would otherwise hold a run
 * forever: Node's https has no timeout, @azure/identity sets none (its pipeline's request timeout
 * is 0) and MSAL ignores getToken's abortSignal for the client-credentials grant.
 */

/** At most this long to connect (TCP and TLS): a healthy host takes well under a second, a dropped SYN is retried within it. */
export const CONNECT_SECONDS = 10;

export interface WaitBounds {
  /** From the first byte sent to a connection that is ready (TCP and TLS). */
  connectSeconds: number;
  /** From a ready connection to the last byte of the answer: status line, headers and body. */
  answerSeconds: number;
}

/** GRAPH_ANSWER_TIMEOUT_SECONDS' bounds: connecting never takes longer than a whole answer may. */
export function waitBounds(answerSeconds: number): WaitBounds {
  return { connectSeconds: Math.min(CONNECT_SECONDS, answerSeconds), answerSeconds };
}

/** The default when no setting was read (a unit test, a caller outside a run). */
export const DEFAULT_WAIT_BOUNDS = waitBounds(30);

/**
 * Where a wait stopped: `connect` (no TCP or TLS connection), `status` (connected, the request sent,
 * no status line), `body` (the answer began and did not finish), `answer` (the client cannot tell
 * which: Playwright's request has one timeout, connecting included).
 */
export type WaitStage = 'connect' | 'status' | 'body' | 'answer';

export interface NoAnswer {
  /** Who did not answer, as the user knows it: `Entra ID`, `Graph`, `GitHub's ID-token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL)`. */
  service: string;
  /** `login.microsoftonline.com:443`: what a network team looks for. */
  host: string;
  /** `POST /{tenant}/oauth2/v2.0/token`: never a tenant id or a token. */
  request: string;
  stage: WaitStage;
  /** The bound reached, whole seconds. */
  boundSeconds: number;
  /** What the wait lasted, as this process measured it. */
  waitedMs: number;
}

/** A host that did not answer within its bound; the message is the one line a run stops with. */
export class NoAnswerError extends Error {
  override name = 'NoAnswerError';
  constructor(readonly wait: NoAnswer) {
    super(`${headline(wait)}: ${detail(wait)}`);
  }

  /** `no answer from login.microsoftonline.com:443 within 30 s`. */
  get headline(): string {
    return headline(this.wait);
  }

  /** What happened, with the time waited: `Entra ID (host) accepted the connection and the request POST …, and sent no status line within 30 s (waited 30.0 s)`. */
  get detail(): string {
    return detail(this.wait);
  }
}

function headline({ stage, host, boundSeconds }: NoAnswer): string {
  return stage === 'connect' ? `no connection to ${host} within ${boundSeconds} s` : `no answer from ${host} within ${boundSeconds} s`;
}

function detail({ service, host, request, stage, boundSeconds, waitedMs }: NoAnswer): string {
  const within = `within ${boundSeconds} s (waited ${seconds(waitedMs)} s)`;
  switch (stage) {
    case 'connect':
      return `${service} (${host}) completed no connection (TCP and TLS) for ${request} ${within}`;
    case 'status':
      return `${service} (${host}) accepted the connection and the request ${request}, and sent no status line ${within}`;
    case 'body':
      return `${service} (${host}) began its answer to ${request} and did not finish it ${within}`;
    case 'answer':
      return `${service} (${host}) did not answer ${request} ${within}`;
  }
}

/** What to change when a host does not answer, for every message that reports one. */
export function noAnswerHint(error: NoAnswerError): string {
  return (
    `a host that takes the connection and never answers is usually a proxy or firewall holding it, or the service in trouble: ` +
    `check the network path to ${error.wait.host} and the service's health, then run again; ` +
    `GRAPH_ANSWER_TIMEOUT_SECONDS sets how long an answer may take (a connection, at most ${CONNECT_SECONDS} s of it)`
  );
}

/** Tenths of a second: what a reader compares with the bound. */
export function seconds(milliseconds: number): string {
  return (milliseconds / 1000).toFixed(1);
}

/** The first progress line after 5 s, then one every 10 s: a reader learns of the wait, a log is not flooded. */
export const PROGRESS_TIMING = { firstMs: 5_000, everyMs: 10_000 };

export interface ProgressOptions {
  /** Milliseconds since the epoch; tests give their own. */
  clock?: () => number;
  /** When the lines come; tests shorten it. */
  timing?: { firstMs: number; everyMs: number };
}

/**
 * Says, while a wait lasts, what it waits for and for how long so far: first at 5 s, then every
 * 10 s. `describe` gives what is awaited now (`Graph (host) to answer GET /…`) and its bound.
 * Returns the function that ends it.
 */
export function reportProgress(
  describe: () => { awaiting: string; boundSeconds: number; since: number },
  log: (line: string) => void,
  { clock = Date.now, timing = PROGRESS_TIMING }: ProgressOptions = {},
): () => void {
  let timer: NodeJS.Timeout | undefined;
  const tick = (delay: number) => {
    timer = setTimeout(() => {
      const { awaiting, boundSeconds, since } = describe();
      log(`waiting for ${awaiting}: ${Math.floor((clock() - since) / 1000)} s so far, at most ${boundSeconds} s`);
      tick(timing.everyMs);
    }, delay);
    // A progress line never keeps a process alive on its own.
    timer.unref();
  };
  tick(timing.firstMs);
  return () => {
    clearTimeout(timer);
  };
}
