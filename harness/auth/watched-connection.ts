import { Agent, request as httpsRequest } from 'node:https';
import type { ClientRequestArgs } from 'node:http';
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { TLSSocket } from 'node:tls';
import { NoAnswerError, reportProgress, type NoAnswer, type ProgressOptions, type WaitBounds, type WaitStage } from './wait-bounds.ts';

/** `login.microsoftonline.com:443`: the port said, as a network team needs it. */
export function hostOf(url: URL): string {
  return `${url.hostname}:${url.port || (url.protocol === 'http:' ? '80' : '443')}`;
}

/** Who is asked what, for the messages: never a tenant id or a token. */
export interface Asked {
  service: string;
  host: string;
  request: string;
}

export interface WatchOptions extends ProgressOptions {
  bounds: WaitBounds;
  /** Where progress lines go; none when not given. */
  log?: (line: string) => void;
  /** Told of a stall as it happens, before the caller's error (MSAL turns any network error into its own). */
  onStall?: (error: NoAnswerError) => void;
}

/**
 * One attempt of one request, watched stage by stage: a connection (TCP and TLS) within the
 * connect bound, then the whole answer (status line, headers, body) within the answer bound. When
 * a bound is reached it records why and calls `abort`, which must end the request.
 */
export class AttemptWatch {
  stalled: NoAnswerError | undefined;
  private stage: WaitStage = 'connect';
  private stageStartedAt: number;
  private timer: NodeJS.Timeout | undefined;
  private stopProgress: () => void = () => undefined;
  private finished = false;

  constructor(
    private readonly asked: Asked,
    private readonly options: WatchOptions,
    private readonly abort: (error: NoAnswerError) => void,
  ) {
    this.stageStartedAt = this.now();
    this.arm(options.bounds.connectSeconds);
  }

  /** The connection the request goes out on: its TLS handshake ends the connect stage, its first byte begins the body. */
  socket(socket: Duplex): void {
    // An agent's connection is always new: it has not connected yet. A stream that is no socket cannot say when it is ready.
    if (!(socket instanceof Socket)) this.connected();
    socket.once(socket instanceof TLSSocket ? 'secureConnect' : 'connect', () => {
      this.connected();
    });
    socket.once('data', () => {
      if (this.stage === 'status') this.stage = 'body';
    });
  }

  /**
   * A connection the watch cannot see being made (a proxy's agent): one bound for connecting and
   * answering together.
   */
  unobserved(): void {
    this.stage = 'answer';
    this.stageStartedAt = this.now();
    this.arm(this.options.bounds.connectSeconds + this.options.bounds.answerSeconds);
  }

  /** The answer is complete, or the request failed for another reason: no bound applies any more. */
  finish(): void {
    this.finished = true;
    clearTimeout(this.timer);
    this.stopProgress();
  }

  private connected(): void {
    if (this.finished || this.stage !== 'connect') return;
    this.stage = 'status';
    this.stageStartedAt = this.now();
    this.arm(this.options.bounds.answerSeconds);
  }

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }

  /** The stage's bound, and its progress lines: each stage counts its own time against its own bound. */
  private arm(boundSeconds: number): void {
    clearTimeout(this.timer);
    this.stopProgress();
    const { log } = this.options;
    const awaiting =
      this.stage === 'connect'
        ? `${this.asked.service} (${this.asked.host}) to accept the connection for ${this.asked.request}`
        : `${this.asked.service} (${this.asked.host}) to answer ${this.asked.request}`;
    if (log) this.stopProgress = reportProgress(() => ({ awaiting, boundSeconds, since: this.stageStartedAt }), log, this.options);
    this.timer = setTimeout(() => {
      const wait: NoAnswer = { ...this.asked, stage: this.stage, boundSeconds, waitedMs: this.now() - this.stageStartedAt };
      this.stalled = new NoAnswerError(wait);
      this.finish();
      this.options.onStall?.(this.stalled);
      this.abort(this.stalled);
    }, boundSeconds * 1000);
  }
}

/** An agent for one attempt, which hands its connection to the watch; never reused, so no socket outlives the attempt. */
export class WatchedAgent extends Agent {
  constructor(private readonly watch: AttemptWatch) {
    super({ keepAlive: false });
  }

  override createConnection(
    options: ClientRequestArgs,
    callback?: (error: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    if (socket) this.watch.socket(socket);
    return socket;
  }
}

export interface WatchedAnswer {
  status: number;
  body: string;
}

/**
 * One HTTPS request under the watch's bounds, its answer read whole. A bound reached rejects
 * with the NoAnswerError; any other failure rejects as Node reports it.
 */
export function watchedRequest(
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: string },
  asked: Asked,
  options: WatchOptions,
): Promise<WatchedAnswer> {
  return new Promise((resolve, reject) => {
    const watch = new AttemptWatch(asked, options, (error) => {
      request.destroy(error);
    });
    const request = httpsRequest(url, { method: init.method, headers: init.headers, agent: new WatchedAgent(watch) }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        watch.finish();
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', (error) => {
        watch.finish();
        reject(watch.stalled ?? error);
      });
    });
    request.on('error', (error) => {
      watch.finish();
      reject(watch.stalled ?? error);
    });
    request.end(init.body);
  });
}
