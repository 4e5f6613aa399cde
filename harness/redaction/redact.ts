/**
 * Everything the suite writes passes through here first: report attachments, error messages in
 * live runs, and recorded fixtures. The rules are listed, one line each, in docs/redaction.md;
 * a rule added here is added there.
 */

import { readFileSync } from 'node:fs';
import { sharedRunToken } from '../config/run-token.ts';
import { CANONICAL_GRAPH_BASE_URL } from '../config/settings.ts';
import type { Interaction } from '../replay/fixture-file.ts';
import { jsonOrText } from '../transport/exchange.ts';

export const REDACTED = 'REDACTED';
/** Tenant ids become this, so GUID-shaped values stay GUID-shaped. */
export const TENANT_PLACEHOLDER = '00000000-0000-0000-0000-0000000000aa';
export const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
export const FIXED_HTTP_DATE = 'Mon, 01 Jan 2001 00:00:00 GMT';

/**
 * The rules, each with the id that docs/redaction.md and its test (titled `[id] …`) name. A rule
 * names a precise place: a header, a property of a given @odata.type, a value the run knows, a
 * token's shape, a member or URL parameter that OAuth and signed URLs name for a credential and
 * nothing else. Graph's `{ key, value }` pairs and any other ordinary `key` or `password` survive a
 * recording as they were.
 */
export const REDACTION_RULES = {
  headerAllowList: 'header-allow-list',
  credentialMembers: 'credential-members',
  signedUrls: 'signed-urls',
  recordedHeaders: 'recorded-headers',
  credentials: 'credential-values',
  generatedSecrets: 'generated-secrets',
  jwt: 'jwt',
  bearer: 'bearer',
  tenantIds: 'tenant-ids',
  basicAuthenticationPassword: 'basicAuthentication.password',
  pkcs12Value: 'pkcs12Certificate.pkcs12Value',
  pkcs12Password: 'pkcs12Certificate.password',
} as const;

/**
 * [header-allow-list]: the headers whose values attachments and Playwright's call logs may show,
 * request and response alike; any other header keeps its name and loses its value, so a header a
 * service invents to carry a token (`x-ms-refresh-token`) stays out as surely as Authorization.
 */
const SHOWN_HEADERS = new Set([
  'accept',
  'accept-encoding',
  'cache-control',
  'client-request-id',
  'connection',
  'consistencylevel',
  'content-encoding',
  'content-length',
  'content-type',
  'date',
  'etag',
  'expires',
  'host',
  'if-match',
  'if-none-match',
  'keep-alive',
  'location',
  'odata-maxversion',
  'odata-version',
  'pragma',
  'prefer',
  'preference-applied',
  'request-id',
  'retry-after',
  'strict-transport-security',
  'transfer-encoding',
  'user-agent',
  'vary',
  'x-ms-ags-diagnostic',
  'x-ms-resource-unit',
  'x-ms-throttle-information',
  'x-ms-throttle-limit-percentage',
  'x-ms-throttle-scope',
]);
/**
 * [credential-members]: body members that carry a credential wherever they appear, as OAuth
 * (RFC 6749 §5.1) and Graph (passwordCredential.secretText) name them, in any case, with `_`, `-`
 * or neither. An ordinary `password` is not among them: typed rules catch the ones the suite sends.
 */
const CREDENTIAL_MEMBERS = new Set([
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'clientsecret',
  'clientassertion',
  'secrettext',
  'sessiontoken',
]);
const CREDENTIAL_MEMBER_IN_TEXT =
  /("(?:access|refresh|id|session)[_-]?token"|"client[_-]?(?:secret|assertion)"|"secret[_-]?text")(\s*:\s*)"(?:[^"\\]|\\.)*"/gi;
/**
 * [signed-urls]: URL parameters that sign or authorize the URL itself: a SAS signature and what
 * names its key owner (`sig`, `se`, `skoid`, `sktid`), an OAuth code or token, AWS and Google signatures.
 */
const SIGNED_URL_PARAMETER =
  /([?&](?:sig|signature|se|skoid|sktid|code|token|access_token|refresh_token|id_token|client_secret|x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential)=)[^&#\s"'<>\\]*/gi;
/** A header line of Playwright's call log (`    - x-ms-refresh-token: …`), after `Call log:`. */
const CALL_LOG_HEADER = /^(\s*- )([A-Za-z0-9!#$%&'*+.^_`|~-]+): (.*)$/;

/**
 * [recorded-headers]: the response headers a fixture keeps, because replay or the report needs
 * them: the media type (toHaveStatus), Retry-After (throttling replays), Location, and the support
 * headers (normalized). Every other header is dropped.
 */
const RECORDED_HEADERS = new Set([
  'content-type',
  'retry-after',
  'location',
  'odata-version',
  'request-id',
  'client-request-id',
  'x-ms-ags-diagnostic',
  'date',
]);
/** Headers whose values change on every call: replaced, so re-recording shows only real change. */
const VOLATILE_HEADERS: Record<string, string> = {
  'request-id': ZERO_GUID,
  'client-request-id': ZERO_GUID,
  'x-ms-ags-diagnostic': '{}',
  date: FIXED_HTTP_DATE,
};
/**
 * [basicAuthentication.password], [pkcs12Certificate.pkcs12Value], [pkcs12Certificate.password]:
 * write-only properties of the types the suite sends, by type name as Graph reads `@odata.type`
 * (with or without its `#`, in any case).
 */
const SECRET_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  'microsoft.graph.basicauthentication': ['password'],
  'microsoft.graph.pkcs12certificate': ['pkcs12Value', 'password'],
};
// eslint-disable-next-line no-control-regex -- Playwright dims its call log with terminal colours
const ANSI = /\u001b\[[0-9;]*m/g;
/** [jwt] */
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;
/** [bearer] */
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi;
/** How a write-only value comes back when the service masks it: kept, so a test can tell masked from echoed. */
const MASKED = /^\*+$/;
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

export interface RedactorOptions {
  /** Values that must never appear: tokens, client secrets, certificate passwords, assertions. */
  secrets?: Iterable<string | undefined>;
  tenantIds?: Iterable<string | undefined>;
}

export class Redactor {
  private readonly secrets = new Set<string>();
  /** Secrets the suite made up (passwords it sends): redacted from output, but visible to the test that checks for an echo. */
  private readonly generated = new Set<string>();
  private readonly tenantIds = new Set<string>();

  constructor(options: RedactorOptions = {}) {
    for (const secret of options.secrets ?? []) this.addSecret(secret);
    for (const tenantId of options.tenantIds ?? []) if (tenantId && tenantId.length >= 6) this.tenantIds.add(tenantId);
  }

  /** Everything secret the environment holds: credentials, a ready token, the federated assertion, GitHub's token request token, the run's token, tenant ids. */
  static fromEnvironment(env: Readonly<Record<string, string | undefined>>): Redactor {
    return new Redactor({
      secrets: [
        env.AZURE_CLIENT_SECRET,
        env.AZURE_CLIENT_CERTIFICATE_PASSWORD,
        env.GRAPH_ACCESS_TOKEN,
        readIfExists(env.AZURE_FEDERATED_TOKEN_FILE),
        env.ACTIONS_ID_TOKEN_REQUEST_TOKEN,
        sharedRunToken(env)?.token,
      ],
      tenantIds: [env.AZURE_TENANT_ID, env.GRAPH_TEST_TENANT_ID],
    });
  }

  /** Ignores values too short to be a secret, which would otherwise redact common words. */
  addSecret(secret: string | undefined, origin: 'credential' | 'generated' = 'credential'): void {
    if (secret && secret.length >= 6) (origin === 'generated' ? this.generated : this.secrets).add(secret);
  }

  /** `forTest`: what a test may read; the secrets it generated stay, so it can tell an echo. */
  text(text: string, { forTest = false } = {}): string {
    let result = text
      .replace(JWT, REDACTED)
      .replace(BEARER, `$1${REDACTED}`)
      .replace(CREDENTIAL_MEMBER_IN_TEXT, `$1$2"${REDACTED}"`)
      .replace(SIGNED_URL_PARAMETER, `$1${REDACTED}`);
    if (result.includes('Call log:')) result = callLogHeaders(result);
    for (const secret of this.secrets) result = replaceAll(result, secret, REDACTED);
    if (!forTest) for (const secret of this.generated) result = replaceAll(result, secret, REDACTED);
    for (const tenantId of this.tenantIds) result = replaceAll(result, tenantId, TENANT_PLACEHOLDER);
    return result;
  }

  /** Deeply: the write-only properties of known types are masked, every string goes through `text`. */
  value(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) return value.map((item) => this.value(item));
    if (value === null || typeof value !== 'object') return value;
    const type = (value as { '@odata.type'?: unknown })['@odata.type'];
    const secret = new Set(typeof type === 'string' ? (SECRET_PROPERTIES[type.replace(/^#/, '').toLowerCase()] ?? []) : []);
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        this.text(key),
        (secret.has(key) || isCredentialMember(key)) && typeof item === 'string' && !MASKED.test(item) ? REDACTED : this.value(item),
      ]),
    );
  }

  /** A new error with a redacted message: Playwright's network errors carry a call log with every request header. */
  error(error: unknown): Error {
    return new Error(this.text(error instanceof Error ? error.message : String(error)));
  }

  headers(headers: Readonly<Record<string, string>>): Record<string, string> {
    return Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name, SHOWN_HEADERS.has(name.toLowerCase()) ? this.text(value) : REDACTED]),
    );
  }

  /**
   * A recorded exchange, made fit to commit: redacted as above, then normalized (canonical scope,
   * only the allowed headers kept, volatile ones and response dates fixed, content-length recomputed).
   */
  interaction(recorded: RecordedDefinition): Interaction {
    // Links in bodies (@odata.context, nextLink) name the host recorded against: canonicalised like the scope.
    const canonical = (value: unknown) =>
      JSON.parse(replaceAll(JSON.stringify(value), new URL(recorded.scope).origin, CANONICAL_GRAPH_BASE_URL)) as unknown;
    const response = normalizeDates(canonical(this.value(jsonOrText(recorded.response ?? ''))));
    const headers = this.headers(headerObject(recorded.rawHeaders));
    const rawHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      const lower = name.toLowerCase();
      if (!RECORDED_HEADERS.has(lower)) continue;
      rawHeaders[lower] = VOLATILE_HEADERS[lower] ?? value;
    }
    const text = response === undefined || response === '' ? '' : typeof response === 'string' ? response : JSON.stringify(response);
    rawHeaders['content-length'] = String(Buffer.byteLength(text));
    const body = recorded.body === undefined || recorded.body === '' ? undefined : canonical(this.value(jsonOrText(recorded.body)));
    return {
      scope: CANONICAL_GRAPH_BASE_URL,
      method: recorded.method.toUpperCase(),
      path: this.text(recorded.path),
      ...(body === undefined ? {} : { body }),
      status: recorded.status ?? 200,
      response: response ?? '',
      rawHeaders,
    };
  }
}

function isCredentialMember(key: string): boolean {
  return CREDENTIAL_MEMBERS.has(key.toLowerCase().replace(/[-_]/g, ''));
}

/** [header-allow-list] in Playwright's call logs: each header line after `Call log:` keeps its value only when it may be shown. */
function callLogHeaders(text: string): string {
  const start = text.indexOf('Call log:');
  const lines = text.slice(start).split('\n');
  const shown = lines.map((line) => {
    const header = CALL_LOG_HEADER.exec(line.replace(ANSI, ''));
    return header && !SHOWN_HEADERS.has((header[2] ?? '').toLowerCase()) ? `${header[1] ?? ''}${header[2] ?? ''}: ${REDACTED}` : line;
  });
  return `${text.slice(0, start)}${shown.join('\n')}`;
}

/** What nock's recorder writes with `output_objects: true`. */
export interface RecordedDefinition {
  scope: string;
  method: string;
  path: string;
  body?: unknown;
  status?: number;
  response?: unknown;
  rawHeaders?: string[] | Record<string, string>;
}

/** Date-times in a response keep their shape (so formats still validate) but not their value. */
export function normalizeDates(value: unknown): unknown {
  if (typeof value === 'string') {
    const match = ISO_DATE_TIME.exec(value);
    if (!match) return value;
    const [, , , fraction = '', zone = ''] = match;
    return `2001-01-01T00:00:00${fraction.replace(/\d/g, '0')}${zone === '' ? '' : zone === 'Z' ? 'Z' : '+00:00'}`;
  }
  if (Array.isArray(value)) return value.map(normalizeDates);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      /request-?id$/i.test(key) && typeof item === 'string' ? ZERO_GUID : normalizeDates(item),
    ]),
  );
}

function headerObject(raw: RecordedDefinition['rawHeaders']): Record<string, string> {
  if (!raw) return {};
  if (!Array.isArray(raw)) return { ...raw };
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) headers[(raw[i] ?? '').toLowerCase()] = raw[i + 1] ?? '';
  return headers;
}

function replaceAll(text: string, search: string, replacement: string): string {
  return text.split(search).join(replacement);
}

function readIfExists(path: string | undefined): string | undefined {
  try {
    return path ? readFileSync(path, 'utf8').trim() : undefined;
  } catch {
    return undefined;
  }
}
