import { readFileSync } from 'node:fs';
import { ANNOTATION } from '../shared/annotations.ts';
import { isGraphVersion } from '../shared/graph-version.ts';
import { operationPattern } from '../shared/operation.ts';
import { createdAt } from '../shared/unique-id.ts';
import type { OperationIdentity } from './test-identity.ts';

/** One request a test sent (or its cleanup sent for it), as history keeps it. */
export interface MatrixRequest {
  method: string;
  /** The path with the version, its ids made `{id}` (or the describe's own `{name}`): `/beta/external/connections/{id}`. */
  path: string;
  status: number;
  /** The answer's request-id, what support looks an exchange up by; absent when the answer had none. */
  requestId?: string;
  /** Sent by cleanup after the test, not by the test. */
  cleanup?: true;
}

/** How one poll for eventual consistency ended (graph.poll). */
export interface MatrixPoll {
  method: string;
  path: string;
  /** The status awaited: 200 for "readable", 404 for "gone". */
  until: number;
  /** The last status: `until` when the poll got what it waited for. */
  status: number;
  attempts: number;
  /** Seconds slept between attempts: 0 when replayed. */
  waitedSeconds: number;
  /** Replay sends the recording's attempts and sleeps nothing: the waits say nothing of the service. */
  replayed: boolean;
}

/** One 429 waited out (or, in replay, retried where the recording retried). */
export interface MatrixThrottleWait {
  method: string;
  path: string;
  /** The Retry-After the 429 carried, as sent (`2`, `2.128`, an HTTP date); absent when it sent none. */
  retryAfter?: string;
  seconds: number;
  /** False in replay: nothing was slept. */
  waited: boolean;
}

interface Attachment {
  name: string;
  body?: Buffer;
  path?: string;
}

/** `2. cleanup: DELETE /beta/external/connections/x → 202`: how exchange-attachment.ts names an exchange. */
const EXCHANGE = /^\d+\. (cleanup: )?([A-Z]+) (\S+) → (\d{3})$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What one test sent, polled and waited, as history keeps it: every path a template, ids named by what the exchanges said. */
export function trafficOf(
  attachments: readonly Attachment[],
  annotations: readonly { type: string; description?: string }[],
  operation: OperationIdentity,
): { requests: MatrixRequest[]; polls: MatrixPoll[]; throttled: MatrixThrottleWait[] } {
  const ids = new Set<string>();
  const requests = requestsOf(attachments, operation, ids);
  const described = (type: string) => annotations.filter((a) => a.type === type).map((a) => a.description ?? '');
  return {
    requests,
    polls: pollsOf(described(ANNOTATION.poll), operation, ids),
    throttled: throttleWaitsOf(described(ANNOTATION.throttled), operation, ids),
  };
}

/** Every exchange the test's attachments hold, in order, its path made a template; `ids` learns the ids the bodies named. */
export function requestsOf(attachments: readonly Attachment[], operation: OperationIdentity, ids = new Set<string>()): MatrixRequest[] {
  const requests: MatrixRequest[] = [];
  for (const attachment of attachments) {
    const named = EXCHANGE.exec(attachment.name);
    if (!named) continue;
    const [, cleanup, method = '', path = '', status = '0'] = named;
    const exchange = exchangeOf(attachment);
    const requestId = exchange?.support?.['request-id'];
    requests.push({
      method,
      path: pathTemplate(method, path, operation, ids),
      status: Number(status),
      ...(typeof requestId === 'string' && requestId !== '' ? { requestId } : {}),
      ...(cleanup ? { cleanup: true as const } : {}),
    });
    // What a create named or was given, a later request's path names again: that segment is an id.
    for (const body of [exchange?.request?.body, exchange?.response?.body]) {
      const id = (body as { id?: unknown } | undefined)?.id;
      if (typeof id === 'string' && id !== '') ids.add(id);
    }
  }
  return requests;
}

interface ExchangeBody {
  support?: Record<string, unknown>;
  request?: { body?: unknown };
  response?: { body?: unknown };
}

function exchangeOf(attachment: Attachment): ExchangeBody | undefined {
  try {
    const text = attachment.body?.toString('utf8') ?? (attachment.path ? readFileSync(attachment.path, 'utf8') : undefined);
    return text === undefined ? undefined : (JSON.parse(text) as ExchangeBody);
  } catch {
    // A large exchange's file gone with its test-results: its method, path and status are in the name still.
    return undefined;
  }
}

/**
 * `/beta/external/connections/{id}` for `/beta/external/connections/gcs…`: the describe's own
 * template where the request is the operation's, else each segment an id (one an exchange named
 * before, a GUID, a suite id) made `{id}`.
 */
export function pathTemplate(method: string, path: string, operation: OperationIdentity, ids: ReadonlySet<string> = new Set()): string {
  const [, first = '', ...rest] = path.split('/');
  const version = isGraphVersion(first) || first === operation.version ? first : undefined;
  const below = version === undefined ? path : `/${rest.join('/')}`;
  const prefix = version === undefined ? '' : `/${version}`;
  if (method === operation.method && operation.path.startsWith('/') && operationPattern(operation.path).test(below)) {
    return `${prefix}${operation.path}`;
  }
  const segments = below
    .split('/')
    .map((segment, index) =>
      index > 0 && (ids.has(decodeSegment(segment)) || GUID.test(segment) || createdAt(segment) !== undefined) ? '{id}' : segment,
    );
  return `${prefix}${segments.join('/')}`;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** `GET /beta/x answered 200 after 3 attempts (waited 4 s, bounded at 30 s).`, as graph.ts's describePollEnd writes it. */
const POLL_END =
  /^([A-Z]+) (\S+) (?:answered (\d{3})|still answered (\d{3})) after (\d+) attempts?(?:; the poll ended without a (\d{3}))? \((?:waited ([\d.]+) s, bounded at [\d.]+ s|(replayed) without waiting; [^)]*)\)\.$/;

/** The polls a test's `poll` annotations describe; a description in another form is left out. */
export function pollsOf(descriptions: readonly string[], operation: OperationIdentity, ids: ReadonlySet<string> = new Set()): MatrixPoll[] {
  return descriptions.flatMap((description) => {
    const match = POLL_END.exec(description);
    if (!match) return [];
    const [, method = '', path = '', reached, still, attempts = '0', awaited, waited, replayed] = match;
    const status = Number(reached ?? still);
    return [
      {
        method,
        path: pathTemplate(method, path, operation, ids),
        until: reached !== undefined ? status : Number(awaited),
        status,
        attempts: Number(attempts),
        waitedSeconds: Number(waited ?? 0),
        replayed: replayed !== undefined,
      },
    ];
  });
}

/** `POST /beta/x answered 429 (Retry-After: 2); waited 2 s before retry 1 of 3.`, as graph.ts's describeThrottleWait writes it. */
const THROTTLE_WAIT =
  /^([A-Z]+) (\S+) answered 429 \((?:Retry-After: (.*)|no Retry-After: [^)]*)\); (?:waited ([\d.]+) s|replayed without waiting \(live waits ([\d.]+) s\)) before retry \d+ of \d+\.$/;

/** The 429 waits a test's `throttled` annotations describe; a description in another form is left out. */
export function throttleWaitsOf(
  descriptions: readonly string[],
  operation: OperationIdentity,
  ids: ReadonlySet<string> = new Set(),
): MatrixThrottleWait[] {
  return descriptions.flatMap((description) => {
    const match = THROTTLE_WAIT.exec(description);
    if (!match) return [];
    const [, method = '', path = '', retryAfter, waited, replayed] = match;
    return [
      {
        method,
        path: pathTemplate(method, path, operation, ids),
        ...(retryAfter === undefined ? {} : { retryAfter }),
        seconds: Number(waited ?? replayed ?? 0),
        waited: waited !== undefined,
      },
    ];
  });
}
