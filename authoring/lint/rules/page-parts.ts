import { isJsonObject } from '../../../harness/shared/json-object.ts';
import type { Body, DocPage, Example, Header, RequestExample, ResponseExample } from '../../../harness/page/page-model.ts';
import type { LintContext } from './lint-rule.ts';
import { pointerLine } from './pointer-line.ts';
import { writtenType, type WrittenType } from './written-type.ts';

/** The parts of a page the rules read, named as findings name them. */

/** How a finding names an example: by its name, and by its place on the page when it has none or shares it. */
export function exampleLabel(context: LintContext, example: Example): string {
  const index = context.page.examples.indexOf(example);
  const shared = example.name !== undefined && context.page.examples.filter((other) => other.name === example.name).length > 1;
  return example.name === undefined ? `example #${index + 1}` : `example ${example.name}${shared ? ` #${index + 1}` : ''}`;
}

/** The statuses the prose documents for success: an error status in the prose is not what an example shows. */
export function successStatuses(page: DocPage): DocPage['documentedStatuses'] {
  return page.documentedStatuses.filter(({ code }) => code < 400);
}

export function parts(example: Example): { part: 'request' | 'response'; message: RequestExample | ResponseExample }[] {
  return [
    ...(example.request ? [{ part: 'request' as const, message: example.request }] : []),
    ...(example.response ? [{ part: 'response' as const, message: example.response }] : []),
  ];
}

/** Every JSON body of every example, request and response, with the page line of any member in it. */
export function eachBody<T>(
  page: DocPage,
  visit: (example: Example, part: 'request' | 'response', value: unknown, lineOf: (pointer: string) => number) => T[],
): T[] {
  return page.examples.flatMap((example) =>
    parts(example).flatMap(({ part, message }) => {
      const body = message.body;
      return body.kind === 'json' ? visit(example, part, body.value, (pointer) => pointerLine(body, pointer)) : [];
    }),
  );
}

/** Every leaf of a JSON value, by its JSON pointer. */
export function leaves(value: unknown, pointer = ''): { pointer: string; leaf: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => leaves(item, `${pointer}/${index}`));
  if (isJsonObject(value))
    return Object.entries(value).flatMap(([key, item]) => leaves(item, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  return [{ pointer: pointer || '/', leaf: value }];
}

/** Every `@odata.type` a body names, by the pointer to it. */
export function odataTypes(value: unknown): { pointer: string; type: string }[] {
  return leaves(value).flatMap(({ pointer, leaf }) =>
    pointer.endsWith('/@odata.type') && typeof leaf === 'string' ? [{ pointer, type: leaf }] : [],
  );
}

export function bodyType(body: Body | undefined): string | undefined {
  return body?.kind === 'json' && isJsonObject(body.value) && typeof body.value['@odata.type'] === 'string'
    ? body.value['@odata.type']
    : undefined;
}

export function bodyLine(body: Body): number | undefined {
  return body.kind === 'none' ? undefined : body.line;
}

export function headerNamed(headers: readonly Header[], name: string): Header | undefined {
  return headers.find((header) => header.name.toLowerCase() === name);
}

/**
 * Every type name the page uses, as it writes it and as the metadata may name it: in annotations'
 * and bodies' `@odata.type`, and in the request body table's Type column. Primitives and cells that
 * name no type are left out.
 */
export function typeNames(context: LintContext): ({ at: string; line: number | undefined } & WrittenType)[] {
  const { page } = context;
  const names: ({ at: string; line: number | undefined } & WrittenType)[] = [];
  const add = (text: string, at: string, line: number | undefined) => {
    const type = writtenType(text, page.namespace);
    if (type) names.push({ ...type, at, line });
  };
  for (const example of page.examples) {
    for (const { part, message } of parts(example)) {
      if (message.annotation?.odataType)
        add(message.annotation.odataType, `${exampleLabel(context, example)}: ${part} annotation`, message.annotation.line);
      const body = message.body;
      if (body.kind === 'json') {
        for (const { pointer, type } of odataTypes(body.value))
          add(type, `${exampleLabel(context, example)}: ${part} ${pointer}`, pointerLine(body, pointer));
      }
    }
  }
  for (const row of page.requestBodyProperties) {
    // The table's first column names the property or parameter: `| Property |`, `| Parameter |`.
    const key = row.cells['Property'] ?? row.cells['Parameter'] ?? Object.values(row.cells)[0] ?? '?';
    add(row.cells['Type'] ?? '', `request body table: ${key}`, row.line);
  }
  return names;
}
