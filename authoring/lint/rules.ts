import { STATUS_CODES } from 'node:http';
import type { Body, DocPage, Example, Header, RequestExample, ResponseExample } from '../../harness/page/page-model.ts';
import type { Finding, RuleId } from './finding.ts';
import { isJsonObject } from '../../harness/shared/json-object.ts';

/** What the metadata tells the lint about a type: enough to judge a name, and what a request may send. */
export interface TypeFacts {
  abstract: boolean;
  /** Property names the metadata marks computed (Org.OData.Core.V1.Computed). */
  computed: ReadonlySet<string>;
}

export interface MetadataFacts {
  /** Where the facts come from, for evidence: `metadata/beta.csdl.xml`. */
  file: string;
  /** Where the names of every type come from, for evidence: `metadata/type-names.json (beta)`. */
  index: string;
  /** Every namespace of Graph's metadata for the version, not only the slice's. */
  namespaces: ReadonlySet<string>;
  /** Whether Graph's metadata has the type at all. */
  exists(qualifiedName: string): boolean;
  /** What the slice says of a type; undefined for a type the slice leaves out. */
  type(qualifiedName: string): TypeFacts | undefined;
}

export interface SchemaCheck {
  /** The schema that covers a type, by its qualified name; undefined when none does. */
  schemaFor(qualifiedName: string): { name: string; violations(body: unknown): { path: string; expected: string; actual: string; keyword: string }[] } | undefined;
}

export interface LintContext {
  page: DocPage;
  /** `create-connector.md`. */
  pageName: string;
  /** The Graph version the page documents (its public URL's view). */
  version: string | undefined;
  metadata: MetadataFacts | undefined;
  schemas: SchemaCheck;
}

type Rule = (context: LintContext) => Finding[];

const PLACEHOLDER = /^(String|string|Int16|Int32|Int64|Boolean|Double|DateTimeOffset|Guid|guid|Binary|String \(identifier\)|[A-Za-z]+-value)$/;
const EDM_PRIMITIVE = /^(Edm\.)?(String|Int16|Int32|Int64|Boolean|Double|Single|Decimal|DateTimeOffset|Date|TimeOfDay|Duration|Guid|Binary|Byte|SByte|Stream)$/i;

function finding(context: LintContext, rule: RuleId, at: string, line: number | undefined, evidence: string): Finding {
  return { rule, page: context.pageName, at, line, evidence };
}

/** How a finding names an example: by its name, and by its place on the page when it has none or shares it. */
function exampleLabel(context: LintContext, example: Example): string {
  const index = context.page.examples.indexOf(example);
  const shared = example.name !== undefined && context.page.examples.filter((other) => other.name === example.name).length > 1;
  return example.name === undefined ? `example #${index + 1}` : `example ${example.name}${shared ? ` #${index + 1}` : ''}`;
}

/** The statuses the prose documents for success: an error status in the prose is not what an example shows. */
function successStatuses(page: DocPage): DocPage['documentedStatuses'] {
  return page.documentedStatuses.filter(({ code }) => code < 400);
}

const statusLineVsProse: Rule = (context) => {
  const documented = successStatuses(context.page);
  if (documented.length === 0) return [];
  const said = documented.map(({ code, reason, line }) => `${code} ${reason} (line ${line})`).join(' or ');
  return context.page.examples.flatMap((example) => {
    const response = example.response;
    if (!response || response.annotation.expectError || response.status >= 400 || documented.some(({ code }) => code === response.status)) return [];
    return [
      finding(context, 'status-line-vs-prose', `${exampleLabel(context, example)}: response status`, response.line,
        `the prose says ${said}; the example answers ${response.status} ${response.reason}`),
    ];
  });
};

const noDocumentedStatus: Rule = (context) => {
  const { page } = context;
  if (successStatuses(page).length > 0 || !page.examples.some((example) => example.response)) return [];
  return [finding(context, 'no-documented-status', 'response prose', undefined, 'the Response section names no success status ("returns a `201 Created` response code"), so the examples\' statuses cannot be checked against it')];
};

const reasonPhrase: Rule = (context) => {
  const wrong = (code: number, reason: string) => {
    const standard = STATUS_CODES[code];
    return standard !== undefined && reason !== '' && reason.toLowerCase() !== standard.toLowerCase();
  };
  const fromProse = context.page.documentedStatuses
    .filter(({ code, reason }) => wrong(code, reason))
    .map(({ code, reason, line }) => finding(context, 'reason-phrase', `response prose: ${code}`, line, `"${code} ${reason}": ${code} is ${STATUS_CODES[code]}`));
  return [
    ...fromProse,
    ...context.page.examples.flatMap((example) => {
      const response = example.response;
      if (!response || !wrong(response.status, response.reason)) return [];
      return [finding(context, 'reason-phrase', `${exampleLabel(context, example)}: response status`, response.line, `"${response.status} ${response.reason}": ${response.status} is ${STATUS_CODES[response.status]}`)];
    }),
  ];
};

const bodyUnder204: Rule = (context) =>
  context.page.examples.flatMap((example) => {
    const response = example.response;
    if (!response || (response.status !== 204 && response.status !== 304) || response.body.kind === 'none') return [];
    const type = response.headers.find(({ name }) => name.toLowerCase() === 'content-type');
    return [
      finding(context, 'body-under-204', `${exampleLabel(context, example)}: response body`, bodyLine(response.body) ?? response.line,
        `${response.status} ${response.reason} with a ${response.body.kind === 'json' ? 'JSON ' : ''}body${type ? ` and Content-Type ${type.value}` : ''} (RFC 9110 §15.3.5: a 204 has no content)`),
    ];
  });

const placeholderValue: Rule = (context) =>
  eachBody(context.page, (example, part, value, line) =>
    leaves(value).flatMap(({ pointer, leaf }) =>
      typeof leaf === 'string' && PLACEHOLDER.test(leaf) && !pointer.endsWith('/@odata.type')
        ? [finding(context, 'placeholder-value', `${exampleLabel(context, example)}: ${part} ${pointer}`, line, `${pointer} is ${JSON.stringify(leaf)}`)]
        : [],
    ),
  );

const todoPlaceholder: Rule = (context) =>
  context.page.todos.map((todo) => finding(context, 'todo-placeholder', `todo: ${todo.where}`, todo.line, todo.text));

const odataTypeInRequest: Rule = (context) =>
  context.page.examples.flatMap((example) => {
    const body = example.request?.body;
    if (body?.kind !== 'json' || !isJsonObject(body.value) || typeof body.value['@odata.type'] !== 'string') return [];
    return [finding(context, 'odata-type-in-request', `${exampleLabel(context, example)}: request /@odata.type`, body.line, `the request sends "@odata.type": ${JSON.stringify(body.value['@odata.type'])}`)];
  });

const odataTypeForm: Rule = (context) =>
  eachBody(context.page, (example, part, value, line) =>
    odataTypes(value).flatMap(({ pointer, type }) =>
      type.startsWith('#') ? [] : [finding(context, 'odata-type-form', `${exampleLabel(context, example)}: ${part} ${pointer}`, line, `${pointer} is ${JSON.stringify(type)}; OData JSON writes "#${type}"`)],
    ),
  );

const invalidJson: Rule = (context) =>
  context.page.examples.flatMap((example) =>
    parts(example).flatMap(({ part, message }) =>
      message.body.kind === 'invalid-json' ? [finding(context, 'invalid-json', `${exampleLabel(context, example)}: ${part} body`, message.body.errorLine, message.body.error)] : [],
    ),
  );

const contentLengthMismatch: Rule = (context) =>
  context.page.examples.flatMap((example) =>
    parts(example).flatMap(({ part, message }) => {
      const header = headerNamed(message.headers, 'content-length');
      if (!header) return [];
      const length = message.body.kind === 'none' ? 0 : Buffer.byteLength(message.body.text);
      return Number(header.value) === length
        ? []
        : [finding(context, 'content-length-mismatch', `${exampleLabel(context, example)}: ${part} Content-Length`, header.line, `Content-Length: ${header.value}; the body is ${length} bytes`)];
    }),
  );

const requestPathVsExample: Rule = (context) => {
  const documented = context.page.httpRequests;
  if (documented.length === 0) return [];
  return context.page.examples.flatMap((example) => {
    const request = example.request;
    if (!request) return [];
    const matches = documented.some(({ method, path }) => method === request.method && pathMatches(path, request.path));
    return matches
      ? []
      : [finding(context, 'request-path-vs-example', `${exampleLabel(context, example)}: request line`, request.line,
          `the example sends ${request.method} ${request.path}; the HTTP request section documents ${documented.map(({ method, path }) => `${method} ${path}`).join(', ')}`)];
  });
};

const exampleVersionVsPage: Rule = (context) =>
  context.page.examples.flatMap((example) => {
    const request = example.request;
    if (!request || !context.version || request.version === context.version) return [];
    return [finding(context, 'example-version-vs-page', `${exampleLabel(context, example)}: request version`, request.line, `the example calls ${request.version ?? 'no version'} (${request.url}); the page documents ${context.version}`)];
  });

const responseVsSchema: Rule = (context) =>
  context.page.examples.flatMap((example) => {
    const response = example.response;
    const type = response?.annotation.odataType?.replace(/^#/, '');
    if (!response || !type || response.body.kind !== 'json') return [];
    const schema = context.schemas.schemaFor(type);
    if (!schema) return [];
    // A truncated example leaves properties out on purpose: only what it shows is judged.
    const violations = schema.violations(response.body.value).filter(({ keyword }) => !(response.annotation.truncated && keyword === 'required'));
    const line = response.body.line;
    return violations.map(({ path, expected, actual }) =>
      finding(context, 'response-vs-schema', `${exampleLabel(context, example)}: response ${path}`, line, `${path} is ${actual}; schemas/${schema.name}.json expects ${expected}`),
    );
  });

/** Every type name the page uses: in annotations, in bodies' @odata.type, in the request body table. */
function typeNames(context: LintContext): { name: string; at: string; line: number | undefined }[] {
  const { page } = context;
  const names: { name: string; at: string; line: number | undefined }[] = [];
  for (const example of page.examples) {
    for (const { part, message } of parts(example)) {
      if (message.annotation.odataType) names.push({ name: message.annotation.odataType, at: `${exampleLabel(context, example)}: ${part} annotation`, line: message.annotation.line });
      if (message.body.kind === 'json') {
        for (const { pointer, type } of odataTypes(message.body.value)) names.push({ name: type, at: `${exampleLabel(context, example)}: ${part} ${pointer}`, line: message.body.line });
      }
    }
  }
  for (const row of page.requestBodyProperties) {
    const written = linkText(row.cells['Type'] ?? '');
    if (!written || EDM_PRIMITIVE.test(written) || /^Collection\(/.test(written) && EDM_PRIMITIVE.test(written.slice(11, -1))) continue;
    const bare = written.replace(/^Collection\((.*)\)$/, '$1');
    const qualified = bare.includes('.') ? bare : `${page.namespace ?? 'microsoft.graph'}.${bare}`;
    names.push({ name: qualified, at: `request body table: ${row.cells['Property'] ?? '?'}`, line: row.line });
  }
  return names.map((entry) => ({ ...entry, name: entry.name.replace(/^#/, '') }));
}

const unknownNames: Rule = (context) => {
  const metadata = context.metadata;
  if (!metadata) return [];
  return typeNames(context).flatMap(({ name, at, line }) => {
    const namespace = name.slice(0, name.lastIndexOf('.'));
    if (!metadata.namespaces.has(namespace)) {
      return [finding(context, 'unknown-namespace', at, line, `${name}: Graph's metadata has no namespace ${namespace} (${metadata.index})`)];
    }
    // A type Graph has but the slice leaves out is no defect of the page: only the slice's rules cannot judge it.
    return metadata.exists(name) ? [] : [finding(context, 'unknown-type', at, line, `Graph's metadata has no type ${name} (${metadata.index})`)];
  });
};

const abstractTypeInExample: Rule = (context) => {
  const metadata = context.metadata;
  if (!metadata) return [];
  return typeNames(context).flatMap(({ name, at, line }) =>
    at.startsWith('example') && !at.endsWith('annotation') && metadata.type(name)?.abstract
      ? [finding(context, 'abstract-type-in-example', at, line, `${name} is abstract in ${metadata.file}: a body names a concrete type derived from it`)]
      : [],
  );
};

const computedInRequest: Rule = (context) => {
  const metadata = context.metadata;
  if (!metadata) return [];
  return context.page.examples.flatMap((example) => {
    const request = example.request;
    const type = (example.response?.annotation.odataType ?? bodyType(request?.body))?.replace(/^#/, '');
    if (!request || request.body.kind !== 'json' || !isJsonObject(request.body.value) || !type) return [];
    const computed = metadata.type(type)?.computed ?? new Set<string>();
    const line = request.body.line;
    return Object.keys(request.body.value)
      .filter((property) => computed.has(property))
      .map((property) => finding(context, 'computed-in-request', `${exampleLabel(context, example)}: request /${property}`, line, `${type}.${property} is computed (read-only) in ${metadata.file}; the service sets it`));
  });
};

export const LINT_RULES: readonly Rule[] = [
  todoPlaceholder,
  statusLineVsProse,
  noDocumentedStatus,
  reasonPhrase,
  bodyUnder204,
  invalidJson,
  contentLengthMismatch,
  placeholderValue,
  odataTypeInRequest,
  odataTypeForm,
  requestPathVsExample,
  exampleVersionVsPage,
  responseVsSchema,
  unknownNames,
  abstractTypeInExample,
  computedInRequest,
];

/**
 * The paths are the same operation when the sent one is the documented one with each `{placeholder}`
 * filled in: a whole segment (`/users/{id}`), part of one (`/applications(uniqueName='{uniqueName}')`),
 * or a drive path that spans segments (`/root:/{path}:/content`).
 */
export function pathMatches(documented: string, sent: string): boolean {
  const pattern = documented
    .split(/(\{[^}]+\})/)
    .map((part, index, all) => {
      if (!/^\{[^}]+\}$/.test(part)) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return all[index - 1]?.endsWith(':/') && all[index + 1]?.startsWith(':') ? '.+?' : '[^/]+?';
    })
    .join('');
  return new RegExp(`^${pattern}$`).test(sent);
}

function parts(example: Example): { part: 'request' | 'response'; message: RequestExample | ResponseExample }[] {
  return [
    ...(example.request ? [{ part: 'request' as const, message: example.request }] : []),
    ...(example.response ? [{ part: 'response' as const, message: example.response }] : []),
  ];
}

function eachBody(page: DocPage, visit: (example: Example, part: 'request' | 'response', value: unknown, line: number) => Finding[]): Finding[] {
  return page.examples.flatMap((example) => parts(example).flatMap(({ part, message }) => (message.body.kind === 'json' ? visit(example, part, message.body.value, message.body.line) : [])));
}

function leaves(value: unknown, pointer = ''): { pointer: string; leaf: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => leaves(item, `${pointer}/${index}`));
  if (isJsonObject(value)) return Object.entries(value).flatMap(([key, item]) => leaves(item, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  return [{ pointer: pointer || '/', leaf: value }];
}

function odataTypes(value: unknown): { pointer: string; type: string }[] {
  return leaves(value).flatMap(({ pointer, leaf }) => (pointer.endsWith('/@odata.type') && typeof leaf === 'string' ? [{ pointer, type: leaf }] : []));
}

function bodyType(body: Body | undefined): string | undefined {
  return body?.kind === 'json' && isJsonObject(body.value) && typeof body.value['@odata.type'] === 'string' ? body.value['@odata.type'] : undefined;
}

function bodyLine(body: Body): number | undefined {
  return body.kind === 'none' ? undefined : body.line;
}

function headerNamed(headers: readonly Header[], name: string): Header | undefined {
  return headers.find((header) => header.name.toLowerCase() === name);
}

/** `[microsoft.graph.externalConnectors.configuration](../resources/…)` → the link's text. */
function linkText(cell: string): string {
  return cell.replace(/^\[([^\]]+)\]\([^)]*\)$/, '$1').trim();
}
