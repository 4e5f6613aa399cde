import type { GraphVersion } from '../../harness/shared/graph-version.ts';
import { isJsonObject } from '../../harness/shared/json-object.ts';
import { isPlaceholderValue } from '../placeholder.ts';
import type { Companion } from './companion.ts';
import type { RequestPath } from './path-values.ts';

/** What a new spec says, as spec-plan.ts decided it from the page. */
export interface SpecPlan {
  /** The page's name: `get-searchsettings`. */
  name: string;
  version: GraphVersion;
  /** The operation the test calls, as the HTTP request section writes it: `GET /external/connections/{connectionsId}/searchSettings`. */
  describe: string;
  /** Status first: `200 gets the searchSettings`. */
  title: string;
  /** The title's words after the status are the page's title as is: it starts with no verb to say what the test pins. */
  titleNeedsWords: boolean;
  method: string;
  /** What the test sends: the example's path and query, each placeholder a value. */
  path: RequestPath;
  /** The resource the first placeholder names, created first by the create under contract; undefined when it is a declared value. */
  companion: Companion | undefined;
  /** Why no companion creates it, for the placeholder's TODO; undefined when there is one or no placeholder. */
  companionMissing: string | undefined;
  /** The example's JSON request body, when it has one. */
  requestBody: unknown;
  /** A create's client-chosen `id`, asked for as `uniqueId(label)`; its value in replay is the example's. */
  bodyId: { label: string; value: string } | undefined;
  status: number;
  /** The response has a body to read. */
  responseHasBody: boolean;
  /** The schema to match the response against, or why there is none (a TODO in the spec); undefined when there is no body. */
  schema: { name: string } | { todo: string; name?: string } | undefined;
  /** The Graph type's short name, which names the variable the response is read into. */
  typeName: string | undefined;
  /** The response is a collection (`value[]`). */
  collection: boolean;
  /** A create (POST answered 201) whose answer or body has an id: cleanup deletes `<collection>/<id>`. */
  cleanup: 'delete' | 'deleteCreated' | undefined;
}

const VERB = /^([A-Z][a-z]+)\s+(\S.*)$/;
/** `user: sendMail`, `directoryObject: getByIds`: an action or function page's title. */
const ACTION = /^([A-Za-z][\w.]*)\s*:\s*([A-Za-z][\w.]*)$/;
const ARTICLE = /^(the|a|an)\s/i;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const METHODS: Record<string, string> = { GET: 'get', POST: 'post', PUT: 'put', PATCH: 'patch', DELETE: 'delete' };
const WIDTH = 110;

/**
 * What the test pins after its status, from the page's title: `Create identityApiConnector` →
 * `creates the identityApiConnector`; `user: sendMail` → `calls sendMail on the user`; undefined
 * when the title is neither form.
 */
export function verbPhrase(pageTitle: string): string | undefined {
  const title = pageTitle.trim();
  const action = ACTION.exec(title);
  if (action) return `calls ${action[2] ?? ''} on the ${action[1] ?? ''}`;
  const match = VERB.exec(title);
  if (!match || title.includes(':')) return undefined;
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

/**
 * The spec's TypeScript, as a reviewer would write it: what the test needs first (a created resource,
 * the placeholders' values), the request inline, then the assertions; what needs a person is a TODO.
 * Prettier lays it out afterwards (format-source.ts).
 */
export function specSource(plan: SpecPlan): string {
  const lines: string[] = [];
  const todo = (text: string) => lines.push(`    // TODO: ${text}`);
  const note = (text: string) => lines.push(`    // ${text}`);
  const fixtures = new Set<string>(['graph']);
  const recordFile = `pages/${plan.name}.json`;
  const expressions = plan.path.placeholders.map(({ variable }) => variable);

  if (plan.titleNeedsWords) todo('say what the test pins after its status, as the page\'s title does ("201 creates the connection").');

  const [first] = plan.path.placeholders;
  if (plan.companion && first) {
    const { companion } = plan;
    fixtures.add('cleanup');
    note(
      `${first.written}: what the test creates first, as specs/${companion.page}.spec.ts does (POST ${companion.collection}), and cleanup deletes.`,
    );
    if (companion.idLabel !== undefined) {
      fixtures.add('uniqueId');
      const body = { ...companion.body, id: MARK };
      lines.push(`    const created = ${literal(body, 4).replace(`'${MARK}'`, `uniqueId(${quote(companion.idLabel)})`)};`);
      lines.push(`    cleanup.delete(\`${escapeTemplate(companion.collection)}/\${created.id}\`);`);
      lines.push(`    expect(await graph.post(${quote(companion.collection)}, { data: created })).toHaveStatus(201);`);
      expressions[0] = 'created.id';
    } else {
      lines.push(`    const create = await graph.post(${quote(companion.collection)}, { data: ${literal(companion.body, 4)} });`);
      lines.push(`    cleanup.deleteCreated(create, (id) => \`${escapeTemplate(companion.collection)}/\${id}\`);`);
      lines.push(`    expect(create).toHaveStatus(201);`);
      lines.push(`    const { id: ${first.variable} } = (await create.json()) as { id: string };`);
    }
    lines.push('');
  }
  const declared = plan.path.placeholders.filter((_, index) => index > 0 || !plan.companion);
  for (const placeholder of declared) {
    fixtures.add('uniqueId');
    const where = `${recordFile}'s values.${placeholder.label}`;
    if (placeholder.from === 'placeholder')
      todo(
        `${placeholder.written}: the page's example writes the placeholder too, so replay sends ${JSON.stringify(placeholder.value)} (${where}); against the service uniqueId makes a fresh one, which names nothing: create it first, or declare one the tenant has.`,
      );
    else if (placeholder === first)
      todo(
        `${placeholder.written}: the page's example's value in replay (${where}); against the service uniqueId makes a fresh one, which names nothing${plan.companionMissing ? ` (${plan.companionMissing})` : ''}: create it first, or declare one the tenant has.`,
      );
    else note(`${placeholder.written}: the page's example's value in replay (${where}); a fresh one against the service.`);
    lines.push(`    const ${placeholder.variable} = uniqueId(${quote(placeholder.label)});`);
  }

  const hasBody = plan.requestBody !== undefined;
  if (hasBody) {
    if (placeholdersIn(plan.requestBody))
      todo(
        `replace the page's placeholder values ("String") with values that satisfy the documented rules, and declare the change in ${recordFile} (a patch with its why) so the fixture expects the same body.`,
      );
    let body = literal(plan.bodyId ? { ...(plan.requestBody as object), id: MARK } : plan.requestBody, 4);
    if (plan.bodyId) {
      fixtures.add('uniqueId');
      body = body.replace(`'${MARK}'`, `uniqueId(${quote(plan.bodyId.label)})`);
    }
    lines.push(`    const body = ${body};`);
  }
  const path = pathExpression(plan.path, expressions);
  const collection = pathExpression({ ...plan.path, parts: withoutQuery(plan.path.parts) }, expressions);
  if (plan.cleanup === 'delete') {
    fixtures.add('cleanup');
    // Registered before the create: a create that fails can still create.
    lines.push(`    cleanup.delete(\`${unquoted(collection)}/\${body.id}\`);`);
  }
  if (lines.length > 0 && lines.at(-1) !== '') lines.push('');
  const call = METHODS[plan.method] ?? 'fetch';
  lines.push(`    const response = await graph.${call}(${path}${hasBody ? ', { data: body }' : ''});`);
  if (plan.cleanup === 'deleteCreated') {
    fixtures.add('cleanup');
    lines.push(`    cleanup.deleteCreated(response, (id) => \`${unquoted(collection)}/\${id}\`);`);
  }
  lines.push('', `    expect(response).toHaveStatus(${plan.status});`);
  const result = variableFor(plan.typeName, plan.collection);
  if (!plan.responseHasBody) {
    note(`${plan.status} answers no body, so there is no schema to match; toHaveStatus(${plan.status}) checks that none came.`);
  } else if (plan.schema && !('todo' in plan.schema)) {
    lines.push(`    const ${result} = await response.json();`, `    expect(${result}).toMatchSchema(${quote(plan.schema.name)});`);
    todo(`assert the few values the request decided, not the whole body: expect(${result}).toMatchObject({ ... }).`);
  } else {
    // Commented out with the read: a body read and never checked is an unused variable, which lint refuses.
    const why = plan.schema && 'todo' in plan.schema ? plan.schema.todo : 'give the response a schema in schemas/';
    todo(`${why}; then read the body and match it, and assert the few values the request decided:`);
    lines.push(
      `    // const ${result} = await response.json();`,
      `    // expect(${result}).toMatchSchema(${quote(plan.schema?.name ?? '<schema>')});`,
      `    // expect(${result}).toMatchObject({ ... });`,
    );
  }

  return [
    "import { docPage, expect, test } from '../harness/test.ts';",
    '',
    `test.use({ graphVersion: ${quote(plan.version)} });`,
    '',
    `test.describe(${quote(plan.describe)}, { annotation: docPage(${quote(plan.name)}) }, () => {`,
    `  test(${quote(plan.title)}, async ({ ${[...fixtures].join(', ')} }) => {`,
    ...lines,
    '  });',
    '});',
    '',
  ].join('\n');
}

/** Stands for a value the spec computes (`uniqueId(…)`) inside a literal, replaced once the literal is written. */
const MARK = '__new_spec_computed_value__';

function pathExpression(path: RequestPath, expressions: readonly string[]): string {
  if (!path.parts.some((part) => 'placeholder' in part)) return quote(path.parts.map((part) => ('text' in part ? part.text : '')).join(''));
  const body = path.parts
    .map((part) => ('text' in part ? escapeTemplate(part.text) : `\${${expressions[part.placeholder] ?? ''}}`))
    .join('');
  return `\`${body}\``;
}

function withoutQuery(parts: RequestPath['parts']): RequestPath['parts'] {
  const cut = parts.findIndex((part) => 'text' in part && part.text.includes('?'));
  if (cut === -1) return parts;
  const head = parts[cut] as { text: string };
  return [...parts.slice(0, cut), { text: head.text.slice(0, head.text.indexOf('?')) }];
}

/** A path expression's text inside a template literal: `'/users'` → `/users`, `` `/users/${id}` `` → `/users/${id}`. */
function unquoted(expression: string): string {
  return expression.startsWith('`') ? expression.slice(1, -1) : escapeTemplate(expression.slice(1, -1).replace(/\\'/g, "'"));
}

function escapeTemplate(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

function variableFor(typeName: string | undefined, collection: boolean): string {
  const short = typeName?.slice(typeName.lastIndexOf('.') + 1);
  if (!short || !IDENTIFIER.test(short) || ['body', 'response', 'graph', 'expect', 'test', 'docPage', 'created', 'create'].includes(short))
    return 'answer';
  const name = short.charAt(0).toLowerCase() + short.slice(1);
  return collection ? (/[^aeiou]y$/.test(name) ? `${name.slice(0, -1)}ies` : `${name}s`) : name;
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
