import { GRAPH_VERSIONS, type GraphVersion } from '../../harness/shared/graph-version.ts';
import { isJsonObject } from '../../harness/shared/json-object.ts';
import { PageError, type DocPage, type Example, type RequestExample, type ResponseExample } from '../../harness/page/page-model.ts';
import type { FixtureDeclaration, RequestDeclaration, ResponseDeclaration } from '../../harness/page/page-record.ts';
import { operationOf } from '../documented-fixtures/operation.ts';
import { companionCreate, type Companion } from './companion.ts';
import { requestPath, singular } from './path-values.ts';
import type { ResponseAnnotation } from './response-schema.ts';
import { isSupportedMethod, verbPhrase, type SpecPlan } from './spec-source.ts';

/** The plan without its schema, which the response's type decides (response-schema.ts). */
export type Plan = Omit<SpecPlan, 'schema'> & {
  /** The response's type as the page names it, for the schema. */
  responseType: ResponseAnnotation | undefined;
  /** What the record declares for the test: its values, and its requests with their answers. */
  fixture: FixtureDeclaration;
};

export interface PlanOptions {
  name: string;
  /** The checkout whose pages under contract may hold the create a placeholder's resource comes from. */
  root: string;
  /** The version the page's address says (its path, its URL's view), for an example that names none. */
  version: GraphVersion | undefined;
}

type Call = Example & { request: RequestExample };

/**
 * What the spec of a page sends and asserts, and what its record declares, from the page's first
 * example that sends a request to Graph: the operation it calls (the describe), the title, the path
 * with a value for each placeholder, the body, the status and whether an answer comes with a body.
 */
export function planSpec(page: DocPage, options: PlanOptions): Plan {
  const example = firstCall(page);
  const { request } = example;
  const operation = operationOf(page, request);
  if (!operation)
    throw new PageError(
      page.file,
      request.line,
      `the example sends ${request.method} ${request.path}, which none of the HTTP request section's lines documents (${page.httpRequests.map(({ method, path }) => `${method} ${path}`).join(', ') || 'it has none'}): a spec of it would test an operation the page does not document. Fix the page's example or its HTTP request section (docs:lint reports it as request-path-vs-example).`,
    );
  const version = GRAPH_VERSIONS.find((candidate) => candidate === request.version);
  if (!version) {
    throw new PageError(
      page.file,
      request.line,
      `the example request's URL ${request.url} names no Graph version the suite runs (${GRAPH_VERSIONS.join(', ')})${options.version ? `, where the page is ${options.version}'s` : ''}: its fixture would send another path than the spec; write it as https://graph.microsoft.com/${options.version ?? 'v1.0'}/...`,
    );
  }
  const method = request.method.toUpperCase();
  if (!isSupportedMethod(method))
    throw new PageError(
      page.file,
      request.line,
      `the example request's method ${request.method} is not one the Graph client sends (GET, POST, PUT, PATCH, DELETE).`,
    );
  if (request.body.kind === 'invalid-json')
    throw new PageError(
      page.file,
      request.body.errorLine,
      `the example request's body is not valid JSON (${request.body.error}); fix the page.`,
    );
  if (request.body.kind === 'text')
    throw new PageError(page.file, request.body.line, "the example request's body is not JSON; new-spec writes a JSON request only.");

  const answer = answerOf(page, example);
  const path = requestPath(operation.path, request.path, request.query);
  const [first] = path.placeholders;
  const search = first ? companionCreate(options.root, operation.path, version, options.name, first.value) : undefined;
  const companion = search && 'companion' in search ? search.companion : undefined;
  const requestBody = request.body.kind === 'json' ? request.body.value : undefined;
  const creates = method === 'POST' && answer.status === 201;
  const clientId = creates && isJsonObject(requestBody) && typeof requestBody.id === 'string' ? requestBody.id : undefined;
  const bodyId =
    clientId === undefined
      ? undefined
      : {
          label: bodyIdLabel(
            operation.path,
            path.placeholders.map(({ label }) => label),
          ),
          value: clientId,
        };
  const answeredId = isJsonObject(answer.body) && typeof answer.body.id === 'string';
  const phrase = verbPhrase(page.title);
  const title = `${answer.status} ${phrase ?? (page.title || 'answers as the page documents')}`;

  const values: Record<string, string> = {};
  for (const [index, placeholder] of path.placeholders.entries()) {
    const label = index === 0 && companion?.idLabel !== undefined ? companion.idLabel : placeholder.label;
    values[label] = placeholder.value;
  }
  if (bodyId) values[bodyId.label] = bodyId.value;

  return {
    name: options.name,
    version,
    describe: `${operation.method.toUpperCase()} ${operation.path}`,
    title,
    titleNeedsWords: phrase === undefined,
    method,
    path,
    companion,
    companionMissing: search && 'none' in search ? search.none : undefined,
    requestBody,
    bodyId,
    status: answer.status,
    responseHasBody: answer.hasBody,
    typeName: answer.type?.odataType?.replace(/^#/, '').replace(/^Collection\((.*)\)$/, '$1'),
    collection: answer.type?.raw.isCollection === true || /^#?Collection\(/.test(answer.type?.odataType ?? ''),
    cleanup: !creates || (!clientId && !answeredId) ? undefined : clientId ? 'delete' : 'deleteCreated',
    responseType: answer.type,
    fixture: {
      test: title,
      note: `The page's example request and its ${answer.status} response${path.placeholders.length > 0 ? ', each path placeholder a value declared under values' : ''}${companion ? `, after the create of pages/${companion.page}.json` : ''}. Not a recording: nobody has run this against the service from here.`,
      values,
      interactions: [
        ...(companion ? [companionInteraction(companion, first?.written ?? '')] : []),
        { request: requestDeclaration(example, path.sent, requestBody), responses: [answer.declaration] },
      ],
    },
  };
}

/** The first example that calls Graph: a request not to a URL the service handed out, in a method the client sends. */
function firstCall(page: DocPage): Call {
  const calls = page.examples.filter((example): example is Call => example.request !== undefined && !example.request.opaqueUrl);
  const example = calls.find(({ request }) => isSupportedMethod(request.method.toUpperCase())) ?? calls[0];
  if (!example)
    throw new PageError(
      page.file,
      undefined,
      'the page has no example request to Graph; a spec needs one to send, and its fixture one to replay.',
    );
  return example;
}

interface Answer {
  status: number;
  hasBody: boolean;
  body: unknown;
  type: ResponseAnnotation | undefined;
  declaration: ResponseDeclaration;
}

/**
 * The example's response, or, for an example with none, the status the Response section documents
 * when it is one that answers no body (`202 Accepted`, `204 No Content`): a body cannot be made up.
 */
function answerOf(page: DocPage, example: Call): Answer {
  const { response } = example;
  if (response) {
    if (response.body.kind === 'invalid-json')
      throw new PageError(
        page.file,
        response.body.errorLine,
        `the example response's body is not valid JSON (${response.body.error}); fix the page.`,
      );
    const body = response.body.kind === 'json' ? response.body.value : response.body.kind === 'text' ? response.body.text : undefined;
    const hasBody = response.body.kind !== 'none' && response.status !== 204;
    return {
      status: response.status,
      hasBody,
      body,
      type: typeOf(response, body),
      declaration: responseDeclaration(example, response, body),
    };
  }
  const documented = page.documentedStatuses.find(({ code }) => code === 202 || code === 204);
  if (!documented)
    throw new PageError(
      page.file,
      example.request.line,
      'the example request has no response, and the Response section documents no status without a body (202, 204): a fixture needs an answer to replay.',
    );
  return {
    status: documented.code,
    hasBody: false,
    body: undefined,
    type: undefined,
    declaration: {
      status: documented.code,
      headers: {},
      body: '',
      why: `The page shows no example response; its Response section (line ${documented.line}) documents ${documented.code} ${documented.reason}, which has no body.`,
    },
  };
}

/** The response annotation's type, else the body's own `@odata.type` (the Intune template annotates nothing; its bodies carry their type). */
function typeOf(response: ResponseExample, body: unknown): ResponseAnnotation | undefined {
  if (response.annotation?.odataType) return { odataType: edmName(response.annotation.odataType), raw: response.annotation.raw };
  if (!isJsonObject(body)) return undefined;
  const own = body['@odata.type'];
  if (typeof own === 'string') return { odataType: own, raw: {} };
  const [item]: unknown[] = Array.isArray(body.value) ? (body.value as unknown[]) : [];
  const itemType = isJsonObject(item) ? item['@odata.type'] : undefined;
  return typeof itemType === 'string' ? { odataType: itemType, raw: { isCollection: true } } : undefined;
}

/** Primitives as annotations write them (`"@odata.type": "string"`), by their metadata names; anything else as written. */
const PRIMITIVES: Record<string, string> = {
  string: 'Edm.String',
  boolean: 'Edm.Boolean',
  bool: 'Edm.Boolean',
  int16: 'Edm.Int16',
  int32: 'Edm.Int32',
  int64: 'Edm.Int64',
  double: 'Edm.Double',
  single: 'Edm.Single',
  decimal: 'Edm.Decimal',
  guid: 'Edm.Guid',
  datetimeoffset: 'Edm.DateTimeOffset',
  date: 'Edm.Date',
  duration: 'Edm.Duration',
  timeofday: 'Edm.TimeOfDay',
  binary: 'Edm.Binary',
  stream: 'Edm.Stream',
};

function edmName(written: string): string {
  const collection = /^#?Collection\((.*)\)$/.exec(written.trim());
  if (collection) return `Collection(${edmName(collection[1] ?? '')})`;
  return (
    PRIMITIVES[
      written
        .trim()
        .replace(/^#/, '')
        .replace(/^edm\./i, '')
        .toLowerCase()
    ] ?? written
  );
}

function requestDeclaration(example: Call, sent: string, body: unknown): RequestDeclaration {
  const { request, name } = example;
  const written = `${request.path}${request.query ? `?${request.query}` : ''}`;
  if (name === undefined)
    return {
      method: request.method.toUpperCase(),
      path: sent,
      ...(body === undefined ? {} : { body }),
      why: "The page's example request, declared whole: it has no annotation to name it by.",
    };
  return {
    example: name,
    ...(sent === written
      ? {}
      : { path: sent, why: `The example writes ${written}: each placeholder is the value declared under values, as the spec sends it.` }),
  };
}

function responseDeclaration(example: Call, response: ResponseExample, body: unknown): ResponseDeclaration {
  if (example.name !== undefined) {
    // A 204's body, when a page shows one, is no answer HTTP allows: replayed without it, as the spec expects none.
    if (response.status === 204 && response.body.kind !== 'none')
      return {
        example: example.name,
        headers: {},
        body: '',
        why: "HTTP forbids a body on 204 (RFC 9110 §15.3.5): the page's body and its Content-Type are left out.",
      };
    return { example: example.name };
  }
  const headers = Object.fromEntries(
    response.headers.filter(({ name }) => name.toLowerCase() !== 'content-length').map(({ name, value }) => [name.toLowerCase(), value]),
  );
  return {
    status: response.status,
    headers,
    body: response.status === 204 ? '' : (body ?? ''),
    why: "The page's example response, declared whole: it has no annotation to name it by.",
  };
}

function companionInteraction(companion: Companion, placeholder: string): FixtureDeclaration['interactions'][number] {
  return {
    request: {
      method: 'POST',
      path: companion.collection,
      body: companion.body,
      why: `What ${placeholder} names is created first, as pages/${companion.page}.json's create sends it, with the id the test uses.`,
    },
    responses: [
      {
        status: companion.response.status,
        headers: companion.response.headers,
        body: companion.response.body,
        why: `The answer pages/${companion.page}.json's fixture replays for that create, with the same id.`,
      },
    ],
  };
}

/** A create's client-chosen id is named after what it creates: `POST /external/connections` → `connection`. */
function bodyIdLabel(template: string, taken: readonly string[]): string {
  const last =
    template
      .split('/')
      .filter((segment) => segment !== '' && !segment.startsWith('{'))
      .pop() ?? 'item';
  const label =
    singular(
      last
        .replace(/\(.*$/, '')
        .replace(/[^A-Za-z0-9]+/g, '-')
        .toLowerCase(),
    ) || 'item';
  return taken.includes(label) ? `new-${label}` : label;
}
