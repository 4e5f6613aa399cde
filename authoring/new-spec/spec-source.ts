import type { GraphVersion } from '../../harness/shared/graph-version.ts';
import { isJsonObject } from '../../harness/shared/json-object.ts';
import { isPlaceholderValue } from '../placeholder.ts';

/** What a new spec says, as new-spec.ts decided it from the page. */
export interface SpecPlan {
  /** The page's name: `get-searchsettings`. */
  name: string;
  version: GraphVersion;
  /** The page's HTTP request line: `GET /external/connections/{connectionsId}/searchSettings`. */
  describe: string;
  /** Status first: `200 gets the searchSettings`. */
  title: string;
  /** The title's words after the status are the page's title as is: it starts with no verb to say what the test pins. */
  titleNeedsWords: boolean;
  method: string;
  /** The example's path below the version, with its query: `/external/connections/contosohr/searchSettings`. */
  path: string;
  /** The example's JSON request body, when it has one. */
  requestBody: unknown;
  status: number;
  /** The response has a body to read. */
  responseHasBody: boolean;
  /** The schema to match the response against, or why there is none (a TODO in the spec); undefined when there is no body. */
  schema: { name: string } | { todo: string } | undefined;
  /** The Graph type's short name, which names the variable the response is read into. */
  typeName: string | undefined;
}

const VERB = /^([A-Z][a-z]+)\s+(\S.*)$/;
const ARTICLE = /^(the|a|an)\s/i;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const METHODS: Record<string, string> = { GET: 'get', POST: 'post', PUT: 'put', PATCH: 'patch', DELETE: 'delete' };
const WIDTH = 110;

/** `Create identityApiConnector` → `creates the identityApiConnector`; undefined when the title does not start with a verb. */
export function verbPhrase(pageTitle: string): string | undefined {
  const match = VERB.exec(pageTitle.trim());
  if (!match || pageTitle.includes(':')) return undefined;
  const [, verb = '', object = ''] = match;
  return `${thirdPerson(verb.toLowerCase())} ${ARTICLE.test(object) ? object : `the ${object}`}`;
}

function thirdPerson(verb: string): string {
  if (/(s|sh|ch|x|z)$/.test(verb)) return `${verb}es`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ies`;
  return `${verb}s`;
}

export function isSupportedMethod(method: string): boolean {
  return method in METHODS;
}

/** The spec's TypeScript, as a reviewer would write it: the request inline, then the assertions; what needs a person is a TODO. */
export function specSource(plan: SpecPlan): string {
  const creates = plan.method === 'POST' && plan.status === 201;
  const hasBody = plan.requestBody !== undefined;
  const clientId = hasBody && isJsonObject(plan.requestBody) && typeof plan.requestBody.id === 'string';
  const resultName = variableFor(plan.typeName);
  const recordFile = `pages/${plan.name}.json`;
  const lines: string[] = [];
  const todo = (text: string) => lines.push(`    // TODO: ${text}`);

  if (plan.titleNeedsWords) todo('say what the test pins after its status, as the page\'s title does ("201 creates the connection").');
  if (hasBody) {
    if (placeholdersIn(plan.requestBody)) {
      todo(
        `replace the page's placeholder values ("String") with values that satisfy the documented rules, and declare the change in ${recordFile} (a patch with its why) so the fixture expects the same body.`,
      );
    }
    if (clientId)
      todo(
        `a client-chosen id must be fresh for each live run: uniqueId('<label>'), with the example's id under that label in ${recordFile}'s values.`,
      );
    lines.push(`    const body = ${literal(plan.requestBody, 4)};`);
  }
  const base = plan.path.replace(/\?.*$/, '');
  if (creates && clientId) {
    todo("delete what the test creates, pass or fail: take `cleanup` from the test's fixtures and register it before the create:");
    lines.push(`    // cleanup.delete(\`${base}/\${body.id}\`);`);
  }
  if (lines.length > 0) lines.push('');
  const call = METHODS[plan.method] ?? 'fetch';
  lines.push(`    const response = await graph.${call}(${quote(plan.path)}${hasBody ? ', { data: body }' : ''});`);
  if (creates && !clientId) {
    todo("delete what the test creates, pass or fail: take `cleanup` from the test's fixtures, and check the path:");
    lines.push(`    // cleanup.deleteCreated(response, (id) => \`${base}/\${id}\`);`);
  }
  lines.push('', `    expect(response).toHaveStatus(${plan.status});`);
  if (plan.responseHasBody && plan.schema && 'name' in plan.schema) {
    lines.push(`    const ${resultName} = await response.json();`, `    expect(${resultName}).toMatchSchema(${quote(plan.schema.name)});`);
    todo(`assert the few values the request decided, not the whole body: expect(${resultName}).toMatchObject({ ... }).`);
  } else if (plan.responseHasBody) {
    // Commented out with the read: a body read and never checked is an unused variable, which lint refuses.
    const why = plan.schema && 'todo' in plan.schema ? plan.schema.todo : 'give the response a schema in schemas/';
    todo(`${why}; then read the body and match it, and assert the few values the request decided:`);
    lines.push(
      `    // const ${resultName} = await response.json();`,
      `    // expect(${resultName}).toMatchSchema('<schema>');`,
      `    // expect(${resultName}).toMatchObject({ ... });`,
    );
  }

  return [
    "import { docPage, expect, test } from '../harness/test.ts';",
    '',
    `test.use({ graphVersion: ${quote(plan.version)} });`,
    '',
    `test.describe(${quote(plan.describe)}, { annotation: docPage(${quote(plan.name)}) }, () => {`,
    `  test(${quote(plan.title)}, async ({ graph }) => {`,
    ...lines,
    '  });',
    '});',
    '',
  ].join('\n');
}

function variableFor(typeName: string | undefined): string {
  const short = typeName?.slice(typeName.lastIndexOf('.') + 1);
  if (!short || !IDENTIFIER.test(short) || ['body', 'response', 'graph', 'expect', 'test', 'docPage'].includes(short)) return 'answer';
  return short.charAt(0).toLowerCase() + short.slice(1);
}

function placeholdersIn(value: unknown): boolean {
  if (typeof value === 'string') return isPlaceholderValue(value);
  if (Array.isArray(value)) return value.some(placeholdersIn);
  if (isJsonObject(value)) return Object.values(value).some(placeholdersIn);
  return false;
}

/** A JSON value as a TypeScript literal: single quotes, bare keys where they can be, on one line when it fits. */
export function literal(value: unknown, indent: number): string {
  const flat = flatLiteral(value);
  if (flat.length + indent <= WIDTH || (!Array.isArray(value) && !isJsonObject(value))) return flat;
  const inner = ' '.repeat(indent + 2);
  const entries = Array.isArray(value)
    ? value.map((item) => `${inner}${literal(item, indent + 2)},`)
    : Object.entries(value).map(([key, item]) => `${inner}${keyOf(key)}: ${literal(item, indent + 2 + keyOf(key).length + 2)},`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return entries.length === 0 ? `${open}${close}` : `${open}\n${entries.join('\n')}\n${' '.repeat(indent)}${close}`;
}

function flatLiteral(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return `[${value.map(flatLiteral).join(', ')}]`;
  if (isJsonObject(value)) {
    const entries = Object.entries(value).map(([key, item]) => `${keyOf(key)}: ${flatLiteral(item)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return JSON.stringify(value);
}

function keyOf(key: string): string {
  return IDENTIFIER.test(key) ? key : quote(key);
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}
