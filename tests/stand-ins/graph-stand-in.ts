import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { jwtVerify } from 'jose';
import type { TestPki } from './certificates.ts';
import { CertificateUploadError, clientCertificateAuthentication, isPkcs12Certificate, readPkcs12 } from './certificate-upload.ts';
import { connectionInputError } from './connection-rules.ts';
import { documentedAnswer, documentedRoutes, type DocumentedRoute } from './documented-answers.ts';
import type { GraphRuleBreak } from './rule-breaks.ts';
import { startHttpsServer, type LocalHttpsServer, type Stall, type StalledExchange, type Stalling } from './https-server.ts';
import { sendAnswer, type Sent, type TransportQuirks } from './transport-quirks.ts';

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  /** The client-request-id the request carried, if any. */
  clientRequestId: string | undefined;
  /** The request-id the answer carried, as support would look it up. */
  requestId: string;
  /** What the transport did to the answer: compressed it, reset it half-way. */
  transport?: Sent;
  /** The documented operation that answered it (`GET /v1.0/users/{id}`), when no route of the stand-in's own did. */
  route?: string;
}

export interface Answer {
  status: number;
  /** Set when a page's fixture answered (documented-answers.ts): the operation, as `counts()` keys it. */
  route?: string;
  body?: unknown;
  /** Extra or replaced headers; `null` leaves a header out (a 201 without Content-Type, say). */
  headers?: Record<string, string | null>;
  /** Answer this late, to play a service that hangs. */
  delayMs?: number;
  /** Drop the connection instead of answering, to play a network failure. */
  drop?: boolean;
}

const CARD_ELEMENTS = new Set([
  'TextBlock',
  'Image',
  'ColumnSet',
  'Column',
  'Container',
  'FactSet',
  'ImageSet',
  'ActionSet',
  'RichTextBlock',
]);
/** What Graph sends with an OData JSON answer (docs/stand-ins.md, "Content-Type"); its errors say plain application/json. */
const ODATA_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/**
 * A local Microsoft Graph for the operations under test, built from the published pages, the
 * metadata and captured answers; docs/stand-ins.md gives the source of every behaviour, and says
 * where a behaviour is unverified and what the stand-in assumes there. External connections:
 * create, get, list, delete (202, asynchronous: still visible for a while, a repeated DELETE
 * refused), 409 on a duplicate id, 400 on an id or name the resource page's rules refuse, the
 * broken-card 503 that creates anyway. API connectors: create (basic auth or a PKCS#12 upload),
 * get, list, delete (204). Any other operation of a page under contract is answered as its fixture
 * answers it (documented-answers.ts). Bearer tokens are checked against the Entra stand-in; every
 * request is logged with its client-request-id. `breaks` makes it violate one documented rule on purpose.
 */
export class GraphStandIn implements Stalling {
  readonly log: LoggedRequest[] = [];
  readonly connections = new Map<string, Record<string, unknown>>();
  /** Connections whose DELETE was accepted, and how many more reads still see them. */
  readonly deleting = new Map<string, { connection: Record<string, unknown>; reads: number; until?: number }>();
  /**
   * Reads (get or list) that still see a connection after its DELETE answered 202. The docs say
   * deletion is asynchronous, not for how long it stays visible: unverified, one read by default
   * so that every test exercises the asynchronous path.
   */
  deletionVisibleReads = 1;
  /** And for this long (ms) after the 202, whatever the reads: a deleted connection is gone once both are spent. */
  deletionVisibleMs = 0;
  /** Violate one documented rule (see rule-breaks.ts), so a test can prove the suite notices. */
  breaks: GraphRuleBreak | undefined;
  /** Answer the next N requests (of those `only` picks) with 429 and this Retry-After (`undefined`: no Retry-After header at all). */
  throttle: { remaining: number; retryAfter: string | undefined; only?: (method: string, path: string) => boolean } = {
    remaining: 0,
    retryAfter: '1',
  };
  /** Make every read of one connection fail with a 500, to break a test half-way. */
  failReads = false;
  /** Answer every request 401, as Graph does to a token it refuses. */
  rejectTokens = false;
  /** Play a host that accepts the connection and never answers (docs/stand-ins.md, "A stalled connection"). */
  stall: Stall | undefined;
  readonly stalled: StalledExchange[] = [];
  /**
   * Where the stand-in enforces permissions: a request these name is answered 403 when its token's
   * `roles` hold none of `anyOf`. Nowhere by default, so that the rest of the suite's tests need
   * not know which permission each operation takes.
   */
  enforcePermissions: { method: string; path: RegExp; anyOf: string[] }[] = [];
  /**
   * `service`: as the facts sheet says the real service behaves (the stub pages' paths are rejected,
   * the identityApiConnector type is microsoft.graph's). `documented`: as the pages document.
   */
  profile: 'service' | 'documented' = 'service';
  /** Answer identityApiConnector creates with the password in clear. */
  echoPasswords = false;
  /**
   * Secrets the service itself sends with every 201, as real services do (GRAPH-FACTS, "Transport"): a
   * token-shaped member in the body, a SAS signature in a Location URL and in a download URL, and a
   * custom header carrying a token. Unset by default; a test plants its own values and searches for them.
   */
  sendsSecrets: { refreshToken: string; signature: string; headerToken: string } | undefined;
  /** What the transport does besides answering: compression, a reset in the middle of a body (transport-quirks.ts). */
  transport: TransportQuirks = {};
  /** Takes precedence over every route: a test's own answer for one method and path (see `answering`). */
  answerOverride: AnswerOverride | undefined;
  readonly connectors = new Map<string, Record<string, unknown>>();
  readonly apiConnectors = new Map<string, Record<string, unknown>>();
  /** API connectors deleted under the `get-after-delete-200` break, which GET still serves. */
  private readonly deletedApiConnectors = new Map<string, Record<string, unknown>>();
  readonly receivedPasswords: string[] = [];
  private server: LocalHttpsServer | undefined;
  private origin = '';
  /** What the pages' fixtures answer, read at the first request no route here models. */
  private routes: DocumentedRoute[] | undefined;

  constructor(
    private readonly pki: TestPki,
    private readonly auth: { signingKey: Uint8Array; tenantId: string },
  ) {}

  get baseUrl(): string {
    return this.origin;
  }

  async start(): Promise<string> {
    this.server = await startHttpsServer(
      this.pki,
      (request, body, response) => {
        const method = request.method ?? 'GET';
        const url = new URL(request.url ?? '/', 'https://127.0.0.1');
        const sent = request.headers['client-request-id'];
        const clientRequestId = typeof sent === 'string' ? sent : undefined;
        void this.handle(method, url, request.headers.authorization, body)
          .catch((error: unknown): Answer => ({ status: 500, body: graphError('internalServerError', String(error)) }))
          .then(async (answer) => {
            const delayMs = answer.delayMs ?? this.transport.answerDelayMs?.(method, url.pathname) ?? 0;
            if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
            const requestId = randomUUID();
            const logged: LoggedRequest = {
              method,
              path: url.pathname,
              status: answer.status,
              clientRequestId,
              requestId,
              ...(answer.route === undefined ? {} : { route: answer.route }),
            };
            this.log.push(logged);
            if (answer.drop) {
              response.socket?.destroy();
              return;
            }
            const innerError = (answer.body as { error?: { innerError?: Record<string, string> } } | undefined)?.error?.innerError;
            // The ids inside an error are the answer's own, as support would match them.
            if (innerError) Object.assign(innerError, { 'request-id': requestId, 'client-request-id': clientRequestId ?? requestId });
            if (this.sendsSecrets && answer.status === 201) Object.assign(answer, withSecrets(answer, this.sendsSecrets));
            const text = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
            const isError = answer.body !== null && typeof answer.body === 'object' && 'error' in answer.body;
            const headers: Record<string, string | null> = {
              // No body, no type (202, 204); an empty string body is the quirk's empty text/plain 503.
              'content-type':
                answer.body === undefined
                  ? null
                  : typeof answer.body === 'string'
                    ? 'text/plain'
                    : isError
                      ? 'application/json'
                      : ODATA_JSON,
              'request-id': requestId,
              // Graph returns the client's id when it sent one, else the request-id (captures in docs/stand-ins.md; unverified as a contract).
              'client-request-id': clientRequestId ?? requestId,
              // Real Graph names the tenant's data centre here; the stand-in plants the tenant id to prove redaction.
              'x-ms-ags-diagnostic': JSON.stringify({ ServerInfo: { DataCenter: 'Local', TenantId: this.auth.tenantId } }),
              date: new Date().toUTCString(),
              ...answer.headers,
            };
            const sent = Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== null));
            const done = sendAnswer(request, response, { status: answer.status, headers: sent, text }, this.transport);
            if (Object.keys(done).length > 0) logged.transport = done;
          });
      },
      this,
    );
    this.origin = this.server.origin;
    return this.origin;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
  }

  /** `METHOD /path` → how many requests, for the closing note and for tests; a documented answer counts under its operation. */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const { method, path, route } of this.log) {
      const key = route ?? `${method} ${countedPath(path)}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  private async handle(method: string, url: URL, authorization: string | undefined, text: string): Promise<Answer> {
    const checked = await this.checkToken(authorization);
    if ('denied' in checked) return checked.denied;
    const rule = this.enforcePermissions.find((candidate) => candidate.method === method && candidate.path.test(url.pathname));
    if (rule && !rule.anyOf.some((permission) => checked.roles.includes(permission))) return forbidden();
    if (this.throttle.remaining > 0 && (this.throttle.only?.(method, url.pathname) ?? true)) {
      this.throttle.remaining--;
      const retryAfter = this.throttle.retryAfter;
      return { status: 429, headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter }, body: throttledError() };
    }
    const override = this.answerOverride?.(method, url.pathname);
    if (override) return override;
    const path = url.pathname;
    let match: RegExpExecArray | null;
    if ((match = /^\/(v1\.0|beta)\/external\/connections(?:\/([^/]+))?$/.exec(path)))
      return this.externalConnections(method, match[1] ?? 'beta', match[2], text, path);
    // The pages' paths that the service does not serve (see known-divergences.json) answer as documented only in that profile.
    if (this.profile === 'documented') {
      if (method === 'POST' && path === '/beta/connectors') return this.createConnector(text);
      if (method === 'DELETE' && (match = /^\/beta\/connectors\/([^/]+)$/.exec(path)))
        return this.connectors.delete(match[1] ?? '') ? { status: 204 } : notFound(match[1] ?? '');
      if (method === 'POST' && /^\/v1\.0\/applications\/[^/]+\/connectorGroup\/members\/\$ref$/.test(path)) return { status: 204 };
      if (path === '/beta/connections') return this.externalConnections(method, 'beta', undefined, text, path);
    }
    if ((match = /^\/(v1\.0|beta)\/identity\/apiConnectors(?:\/([^/]+))?$/.exec(path)))
      return this.identityApiConnectors(method, match[1] ?? 'beta', match[2], text, path);
    return (
      this.documented(method, path) ?? {
        status: 400,
        body: graphError('BadRequest', `Resource not found for the segment '${path.split('/').slice(2)[0] ?? ''}'.`),
      }
    );
  }

  /** Answers the pages under contract of another checkout (a copy of the project new-spec wrote into) as their fixtures do; this project's by default. */
  answerPagesOf(root: string): void {
    this.routes = documentedRoutes(join(root, 'pages'), join(root, 'fixtures'));
  }

  /** An operation of a page under contract that no route here models: answered as its fixture answers it, or undefined. */
  private documented(method: string, path: string): Answer | undefined {
    this.routes ??= documentedRoutes();
    const answer = documentedAnswer(this.routes, method, path);
    return answer && { status: answer.status, body: answer.body, headers: answer.headers, route: answer.route };
  }

  private externalConnections(method: string, version: string, id: string | undefined, text: string, path: string): Answer {
    const context = `${this.origin}/${version}/$metadata#connections`;
    if (id === undefined && method === 'POST') return this.create(text, context);
    if (id === undefined && method === 'GET') {
      const visible = [...this.connections.values(), ...[...this.deleting.keys()].flatMap((gone) => this.read(gone) ?? [])];
      return { status: 200, body: { '@odata.context': context, value: visible } };
    }
    if (id !== undefined && method === 'GET') {
      if (this.failReads) return { status: 500, body: graphError('internalServerError', 'Read failed (stand-in failReads).') };
      const connection = this.connections.get(id) ?? this.read(id);
      return connection ? { status: 200, body: { '@odata.context': `${context}/$entity`, ...connection } } : notFound(id);
    }
    if (id !== undefined && method === 'DELETE') {
      // A repeated DELETE while the first runs: "already in progress" (docs-contrib issue 2257); 409 is assumed, the status is undocumented.
      if (this.deleting.has(id))
        return { status: 409, body: graphError('Conflict', `The deletion of connection ${id} is already in progress.`) };
      const connection = this.connections.get(id);
      if (!connection) return notFound(id);
      this.connections.delete(id);
      const reads = this.breaks === 'get-after-delete-200' ? Number.POSITIVE_INFINITY : this.deletionVisibleReads;
      if (reads > 0 || this.deletionVisibleMs > 0) this.deleting.set(id, { connection, reads, until: Date.now() + this.deletionVisibleMs });
      return { status: 202 };
    }
    return this.documented(method, path) ?? methodNotAllowed(method);
  }

  /** A connection being deleted, as one more read sees it; gone once its reads and its time are spent. */
  private read(id: string): Record<string, unknown> | undefined {
    const entry = this.deleting.get(id);
    if (!entry) return undefined;
    const timeLeft = (entry.until ?? 0) > Date.now();
    if (entry.reads <= 0 && !timeLeft) {
      this.deleting.delete(id);
      return undefined;
    }
    entry.reads--;
    if (entry.reads <= 0 && !timeLeft) this.deleting.delete(id);
    return entry.connection;
  }

  private identityApiConnectors(method: string, version: string, id: string | undefined, text: string, path: string): Answer {
    const context = `${this.origin}/${version}/$metadata#identity/apiConnectors`;
    if (id === undefined && method === 'POST') return this.createApiConnector(text, context);
    if (id === undefined && method === 'GET')
      return { status: 200, body: { '@odata.context': context, value: [...this.apiConnectors.values()] } };
    const connector = id === undefined ? undefined : (this.apiConnectors.get(id) ?? this.deletedApiConnectors.get(id));
    if (id !== undefined && method === 'GET')
      return connector ? { status: 200, body: { '@odata.context': `${context}/$entity`, ...connector } } : notFound(id);
    if (id !== undefined && method === 'DELETE') {
      const deleted = this.apiConnectors.get(id);
      if (!deleted) return notFound(id);
      this.apiConnectors.delete(id);
      if (this.breaks === 'get-after-delete-200') this.deletedApiConnectors.set(id, deleted);
      return { status: 204 };
    }
    return this.documented(method, path) ?? methodNotAllowed(method);
  }

  private createConnector(text: string): Answer {
    const body = parseObject(text);
    if (!body) return { status: 400, body: graphError('BadRequest', 'Unable to read JSON request payload.') };
    const connector = { id: randomUUID(), machineName: body.machineName, externalIp: body.externalIp, status: body.status };
    this.connectors.set(connector.id, connector);
    return { status: 201, body: { '@odata.type': '#microsoft.graph.connector', ...connector } };
  }

  private createApiConnector(text: string, context: string): Answer {
    const body = parseObject(text);
    if (!body) return { status: 400, body: graphError('BadRequest', 'Unable to read JSON request payload.') };
    const auth = (body.authenticationConfiguration ?? {}) as Record<string, unknown>;
    const answered = this.authenticationAnswered(auth);
    if ('refused' in answered) return { status: 400, body: graphError('BadRequest', answered.refused) };
    const connector = {
      id: randomUUID(),
      displayName: body.displayName,
      targetUrl: body.targetUrl,
      authenticationConfiguration: answered.configuration,
    };
    this.apiConnectors.set(connector.id, connector);
    const type = this.profile === 'documented' ? { '@odata.type': '#Microsoft.Cpim.Api.DataModels.identityApiConnector' } : {};
    return { status: 201, body: { '@odata.context': `${context}/$entity`, ...type, ...connector } };
  }

  /** What the service keeps and answers of a create's authenticationConfiguration: never a password or a certificate in clear. */
  private authenticationAnswered(auth: Record<string, unknown>): { configuration: Record<string, unknown> } | { refused: string } {
    if (isPkcs12Certificate(auth)) {
      this.receivedPasswords.push(auth.password);
      try {
        const configuration: Record<string, unknown> = clientCertificateAuthentication(readPkcs12(auth.pkcs12Value, auth.password));
        if (this.breaks === 'echoes-certificate-password') configuration.password = auth.password;
        return { configuration };
      } catch (error) {
        if (error instanceof CertificateUploadError) return { refused: error.message };
        throw error;
      }
    }
    if (auth['@odata.type'] !== '#microsoft.graph.basicAuthentication' || typeof auth.password !== 'string') {
      return { refused: 'authenticationConfiguration must be a basicAuthentication with a password, or a pkcs12Certificate.' };
    }
    this.receivedPasswords.push(auth.password);
    return {
      configuration: {
        '@odata.type': '#microsoft.graph.basicAuthentication',
        username: auth.username,
        // Write-only: the service answers it masked; `echoPasswords` plays a service that regressed.
        password: this.echoPasswords ? auth.password : '******',
      },
    };
  }

  private create(text: string, context: string): Answer {
    const body = parseObject(text);
    if (!body) return { status: 400, body: graphError('BadRequest', 'Unable to read JSON request payload.') };
    // InvalidRequest is captured for a hyphen; for the other rules the code is assumed the same (docs/stand-ins.md).
    const refused = connectionInputError(body, { allowHyphen: this.breaks === 'accepts-hyphenated-id' });
    if (refused) return { status: 400, body: graphError('InvalidRequest', refused) };
    const id = body.id as string;
    if (this.connections.has(id) || this.deleting.has(id)) {
      const message = `A connection with id ${id} already exists in tenant ${this.auth.tenantId}.`;
      return this.breaks === 'duplicate-answers-400'
        ? { status: 400, body: graphError('BadRequest', message) }
        : { status: 409, body: graphError('Conflict', message) };
    }
    const { state: _computed, ...writable } = body;
    const connection = { ...writable, id, state: 'draft', configuration: { authorizedAppIds: [randomUUID()] } };
    this.connections.set(id, connection);
    // Known issue 19908: a broken result layout fails the call after the connection was created.
    if (hasBrokenCard(body)) return { status: 503, body: '' };
    return { status: 201, body: { '@odata.context': `${context}/$entity`, ...connection } };
  }

  /** The token's roles, or the 401 a token Graph refuses gets. */
  private async checkToken(authorization: string | undefined): Promise<{ denied: Answer } | { roles: string[] }> {
    const refuse = (message: string) => ({ denied: { status: 401, body: graphError('InvalidAuthenticationToken', message) } });
    if (this.breaks === 'serves-without-token') return { roles: [] };
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (!token) return refuse('Access token is empty.');
    if (this.rejectTokens) return refuse('Access token has expired or is not yet valid.');
    try {
      const { payload } = await jwtVerify(token, this.auth.signingKey, { audience: this.origin });
      if (payload.tid !== this.auth.tenantId) throw new Error('token for another tenant');
      return { roles: Array.isArray(payload.roles) ? payload.roles.filter((role): role is string => typeof role === 'string') : [] };
    } catch (error) {
      return refuse(`Access token validation failure: ${(error as Error).message}`);
    }
  }
}

/** A 201 carrying what a careless service sends: the secrets go where real ones have been seen. */
function withSecrets(answer: Answer, secrets: NonNullable<GraphStandIn['sendsSecrets']>): Answer {
  const sas = `sv=2024-11-04&se=2026-12-31T00%3A00%3A00Z&sr=b&sp=r&sig=${encodeURIComponent(secrets.signature)}`;
  const body = answer.body !== null && typeof answer.body === 'object' ? answer.body : {};
  return {
    ...answer,
    body: {
      ...body,
      refresh_token: secrets.refreshToken,
      '@microsoft.graph.downloadUrl': `https://contoso.blob.core.windows.net/exports/item.json?${sas}`,
    },
    headers: {
      ...answer.headers,
      location: `https://contoso.blob.core.windows.net/exports/created.json?${sas}`,
      'x-ms-refresh-token': secrets.headerToken,
    },
  };
}

function hasBrokenCard(body: Record<string, unknown>): boolean {
  const settings = body.searchSettings as
    { searchResultTemplates?: { layout?: { version?: unknown; body?: { type?: unknown }[] } }[] } | undefined;
  return (settings?.searchResultTemplates ?? []).some(
    ({ layout }) =>
      !layout || typeof layout.version !== 'string' || (layout.body ?? []).some((element) => !CARD_ELEMENTS.has(String(element.type))),
  );
}

/** Everything the suite created and has not deleted (a connection being deleted counts as deleted). */
export function leftovers(standIn: GraphStandIn): string[] {
  return [...standIn.connections.keys(), ...standIn.connectors.keys(), ...standIn.apiConnectors.keys()];
}

export type AnswerOverride = (method: string, path: string) => Answer | undefined;

/** An `answerOverride` for one method and path (or path pattern); with `times`, only for that many requests. */
export function answering(
  method: string,
  path: string | RegExp,
  answer: Answer,
  { times = Number.POSITIVE_INFINITY }: { times?: number } = {},
): AnswerOverride {
  let left = times;
  return (m, p) => {
    if (m !== method || !(typeof path === 'string' ? p === path : path.test(p)) || left <= 0) return undefined;
    left--;
    return answer;
  };
}

/** The first override that answers, of several. */
export function firstOf(...overrides: AnswerOverride[]): AnswerOverride {
  return (method, path) => overrides.reduce<Answer | undefined>((found, override) => found ?? override(method, path), undefined);
}

/** A 403 as Graph answers a token without the permission (json-batching page's example). */
export function forbidden(): Answer {
  return { status: 403, body: graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.') };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a route of the stand-in's own answers a request (in either profile), rather than a page's
 * fixture: the collections and items of external connections and API connectors, for the methods it models.
 */
export function handModelledRoute(method: string, path: string): boolean {
  const match = /^\/(?:v1\.0|beta)\/(?:external\/connections|identity\/apiConnectors)(\/[^/]+)?$/.exec(path);
  if (!match) return false;
  return match[1] === undefined ? ['POST', 'GET'].includes(method) : ['GET', 'DELETE'].includes(method);
}

/** The key `counts()` gives a request a route here answers: the id of a connection, connector or application as `{id}`. */
export function countedPath(path: string): string {
  return path.replace(/(\/(?:connections|connectors|apiConnectors|applications)\/)[^/]+/, '$1{id}');
}

function methodNotAllowed(method: string): Answer {
  return { status: 405, body: graphError('MethodNotAllowed', `${method} is not allowed here.`) };
}

function notFound(id: string): Answer {
  const error = graphError('ItemNotFound', `The resource ${id} was not found.`) as { error: { innerError: Record<string, string> } };
  error.error.innerError.code = 'ResourceNotFound';
  return { status: 404, body: error };
}

/** The throttling page's 429 sample: `code` TooManyRequests, and an innerError whose code and status are strings. */
function throttledError() {
  const { error } = graphError('TooManyRequests', 'Please retry again later.');
  return { error: { ...error, innerError: { ...error.innerError, code: '429', message: 'Please retry after', status: '429' } } };
}

function graphError(code: string, message: string) {
  return {
    error: {
      code,
      message,
      innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': randomUUID(), 'client-request-id': randomUUID() },
    },
  };
}
