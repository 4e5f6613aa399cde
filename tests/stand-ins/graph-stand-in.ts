import { randomUUID } from 'node:crypto';
import { jwtVerify } from 'jose';
import type { TestPki } from './certificates.ts';
import { startHttpsServer, type LocalHttpsServer } from './https-server.ts';

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const CARD_ELEMENTS = new Set(['TextBlock', 'Image', 'ColumnSet', 'Column', 'Container', 'FactSet', 'ImageSet', 'ActionSet', 'RichTextBlock']);

/**
 * A local Microsoft Graph that behaves as the doc pages and the facts sheet say the service does,
 * for the operations under test: external connections (create, get, list, delete; 409 on a
 * duplicate id; 400 on an invalid id; 404 after delete; the broken-card 503 that creates anyway),
 * 429s on demand, bearer tokens checked against the Entra stand-in, and a log of every request.
 */
export class GraphStandIn {
  readonly log: LoggedRequest[] = [];
  readonly connections = new Map<string, Record<string, unknown>>();
  /** Answer the next N requests with 429 and this Retry-After. */
  throttle = { remaining: 0, retryAfter: '1' };
  /** Make every read of one connection fail with a 500, to break a test half-way. */
  failReads = false;
  /**
   * `service`: as the facts sheet says the real service behaves (the stub pages' paths are rejected,
   * the identityApiConnector type is microsoft.graph's). `documented`: as the pages document.
   */
  profile: 'service' | 'documented' = 'service';
  /** Answer identityApiConnector creates with the password in clear. */
  echoPasswords = false;
  /** Takes precedence over every route: a test's own answer for one method and path. */
  answerOverride: ((method: string, path: string) => Answer | undefined) | undefined;
  readonly connectors = new Map<string, Record<string, unknown>>();
  readonly apiConnectors = new Map<string, Record<string, unknown>>();
  readonly receivedPasswords: string[] = [];
  private server: LocalHttpsServer | undefined;
  private origin = '';

  constructor(
    private readonly pki: TestPki,
    private readonly auth: { signingKey: Uint8Array; tenantId: string },
  ) {}

  get baseUrl(): string {
    return this.origin;
  }

  async start(): Promise<string> {
    this.server = await startHttpsServer(this.pki, (request, body, response) => {
      const method = request.method ?? 'GET';
      const url = new URL(request.url ?? '/', 'https://127.0.0.1');
      void this.handle(method, url, request.headers.authorization, body)
        .catch((error: unknown): Answer => ({ status: 500, body: graphError('internalServerError', String(error)) }))
        .then((answer) => {
          this.log.push({ method, path: url.pathname, status: answer.status });
          const text = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
          response.writeHead(answer.status, {
            'content-type': typeof answer.body === 'object' ? 'application/json;odata.metadata=minimal' : 'text/plain',
            'request-id': randomUUID(),
            'client-request-id': randomUUID(),
            // Real Graph names the tenant's data centre here; the stand-in plants the tenant id to prove redaction.
            'x-ms-ags-diagnostic': JSON.stringify({ ServerInfo: { DataCenter: 'Local', TenantId: this.auth.tenantId } }),
            date: new Date().toUTCString(),
            ...answer.headers,
          });
          response.end(text);
        });
    });
    this.origin = this.server.origin;
    return this.origin;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
  }

  /** `METHOD /path` → how many requests, for the closing note and for tests. */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const { method, path } of this.log) {
      const key = `${method} ${path.replace(/(\/(?:connections|connectors|apiConnectors|applications)\/)[^/]+/, '$1{id}')}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  private async handle(method: string, url: URL, authorization: string | undefined, text: string): Promise<Answer> {
    const denied = await this.checkToken(authorization);
    if (denied) return denied;
    if (this.throttle.remaining > 0) {
      this.throttle.remaining--;
      return { status: 429, headers: { 'retry-after': this.throttle.retryAfter }, body: graphError('TooManyRequests', 'Too many requests.') };
    }
    const override = this.answerOverride?.(method, url.pathname);
    if (override) return override;
    const path = url.pathname;
    let match: RegExpExecArray | null;
    if ((match = /^\/(v1\.0|beta)\/external\/connections(?:\/([^/]+))?$/.exec(path))) return this.externalConnections(method, match[1] ?? 'beta', match[2], text);
    // The pages' paths that the service does not serve (see known-divergences.json) answer as documented only in that profile.
    if (this.profile === 'documented') {
      if (method === 'POST' && path === '/beta/connectors') return this.createConnector(text);
      if (method === 'DELETE' && (match = /^\/beta\/connectors\/([^/]+)$/.exec(path))) return this.connectors.delete(match[1] ?? '') ? { status: 204 } : notFound(match[1] ?? '');
      if (method === 'POST' && /^\/v1\.0\/applications\/[^/]+\/connectorGroup\/members\/\$ref$/.test(path)) return { status: 204 };
      if (path === '/beta/connections') return this.externalConnections(method, 'beta', undefined, text);
    }
    if (method === 'POST' && path === '/beta/identity/apiConnectors') return this.createApiConnector(text);
    if (method === 'DELETE' && (match = /^\/(?:v1\.0|beta)\/identity\/apiConnectors\/([^/]+)$/.exec(path))) {
      return this.apiConnectors.delete(match[1] ?? '') ? { status: 204 } : notFound(match[1] ?? '');
    }
    return { status: 400, body: graphError('BadRequest', `Resource not found for the segment '${path.split('/').slice(2)[0] ?? ''}'.`) };
  }

  private externalConnections(method: string, version: string, id: string | undefined, text: string): Answer {
    const context = `${this.origin}/${version}/$metadata#external/connections`;
    if (id === undefined && method === 'POST') return this.create(text, context);
    if (id === undefined && method === 'GET') {
      return { status: 200, body: { '@odata.context': context, value: [...this.connections.values()] } };
    }
    if (id !== undefined && method === 'GET') {
      if (this.failReads) return { status: 500, body: graphError('internalServerError', 'Read failed (stand-in failReads).') };
      const connection = this.connections.get(id);
      return connection ? { status: 200, body: { '@odata.context': `${context}/$entity`, ...connection } } : notFound(id);
    }
    if (id !== undefined && method === 'DELETE') {
      return this.connections.delete(id) ? { status: 204 } : notFound(id);
    }
    return { status: 405, body: graphError('MethodNotAllowed', `${method} is not allowed here.`) };
  }

  private createConnector(text: string): Answer {
    const body = parseObject(text);
    if (!body) return { status: 400, body: graphError('BadRequest', 'Unable to read JSON request payload.') };
    const connector = { id: randomUUID(), machineName: body.machineName, externalIp: body.externalIp, status: body.status };
    this.connectors.set(connector.id, connector);
    return { status: 201, body: { '@odata.type': '#microsoft.graph.connector', ...connector } };
  }

  private createApiConnector(text: string): Answer {
    const body = parseObject(text);
    if (!body) return { status: 400, body: graphError('BadRequest', 'Unable to read JSON request payload.') };
    const auth = (body.authenticationConfiguration ?? {}) as Record<string, unknown>;
    if (auth['@odata.type'] !== '#microsoft.graph.basicAuthentication' || typeof auth.password !== 'string') {
      return { status: 400, body: graphError('BadRequest', 'authenticationConfiguration must be a basicAuthentication with a password.') };
    }
    this.receivedPasswords.push(auth.password);
    const connector = {
      id: randomUUID(),
      displayName: body.displayName,
      targetUrl: body.targetUrl,
      authenticationConfiguration: {
        '@odata.type': '#microsoft.graph.basicAuthentication',
        username: auth.username,
        // Write-only: the service answers it masked; `echoPasswords` plays a service that regressed.
        password: this.echoPasswords ? auth.password : '******',
      },
    };
    this.apiConnectors.set(connector.id, connector);
    const type = this.profile === 'documented' ? { '@odata.type': '#Microsoft.Cpim.Api.DataModels.identityApiConnector' } : {};
    return { status: 201, body: { '@odata.context': `${this.origin}/beta/$metadata#identity/apiConnectors/$entity`, ...type, ...connector } };
  }

  private create(text: string, context: string): Answer {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return { status: 400, body: graphError('BadRequest', 'Unable to read JSON request payload.') };
    }
    const id = body.id;
    if (typeof id !== 'string' || !/^[A-Za-z0-9]{3,32}$/.test(id) || id.startsWith('Microsoft')) {
      return { status: 400, body: graphError('InvalidRequest', 'The connection id must be 3 to 32 letters and digits.') };
    }
    if (typeof body.name !== 'string' || body.name === '') return { status: 400, body: graphError('InvalidRequest', 'name is required.') };
    if (this.connections.has(id)) {
      return { status: 409, body: graphError('Conflict', `A connection with id ${id} already exists in tenant ${this.auth.tenantId}.`) };
    }
    const { state: _computed, ...writable } = body;
    const connection = { ...writable, id, state: 'draft', configuration: { authorizedAppIds: [randomUUID()] } };
    this.connections.set(id, connection);
    // Known issue 19908: a broken result layout fails the call after the connection was created.
    if (hasBrokenCard(body)) return { status: 503, body: '' };
    return { status: 201, body: { '@odata.context': `${context}/$entity`, ...connection } };
  }

  private async checkToken(authorization: string | undefined): Promise<Answer | undefined> {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (!token) return { status: 401, body: graphError('InvalidAuthenticationToken', 'Access token is empty.') };
    try {
      const { payload } = await jwtVerify(token, this.auth.signingKey, { audience: this.origin });
      if (payload.tid !== this.auth.tenantId) throw new Error('token for another tenant');
      return undefined;
    } catch (error) {
      return { status: 401, body: graphError('InvalidAuthenticationToken', `Access token validation failure: ${(error as Error).message}`) };
    }
  }
}

function hasBrokenCard(body: Record<string, unknown>): boolean {
  const settings = body.searchSettings as { searchResultTemplates?: { layout?: { version?: unknown; body?: { type?: unknown }[] } }[] } | undefined;
  return (settings?.searchResultTemplates ?? []).some(
    ({ layout }) => !layout || typeof layout.version !== 'string' || (layout.body ?? []).some((element) => !CARD_ELEMENTS.has(String(element.type))),
  );
}

/** Everything the suite created and has not deleted. */
export function leftovers(standIn: GraphStandIn): string[] {
  return [...standIn.connections.keys(), ...standIn.connectors.keys(), ...standIn.apiConnectors.keys()];
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function notFound(id: string): Answer {
  return { status: 404, body: graphError('ItemNotFound', `The connection ${id} was not found.`) };
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
