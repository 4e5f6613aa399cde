import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const IMPORT = /^\s*(?:import|export)\b[^'"]*?\bfrom\s+'(\.{1,2}\/[^']+)'/gm;

/** Every folder-to-folder import of the code below `top`, with the file imports that make it. */
function folderImports(top: string): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  const files = readdirSync(join(ROOT, top), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'));
  for (const name of files) {
    const file = posix.join(top, name.split('\\').join('/'));
    for (const [, specifier = ''] of readFileSync(join(ROOT, file), 'utf8').matchAll(IMPORT)) {
      const target = posix.normalize(posix.join(posix.dirname(file), specifier));
      const [from, to] = [dirname(file), dirname(target)];
      if (from === to || !target.startsWith(`${top}/`)) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      graph.set(from, edges.set(to, [...(edges.get(to) ?? []), `${file} → ${target}`]));
    }
  }
  return graph;
}

/** A cycle of folders, each step with the imports that make it; undefined when the folders form layers. */
function firstCycle(graph: Map<string, Map<string, string[]>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (folder: string): string[] | undefined => {
    state.set(folder, 'open');
    path.push(folder);
    for (const next of graph.get(folder)?.keys() ?? []) {
      if (state.get(next) === 'open') {
        const loop = [...path.slice(path.indexOf(next)), next];
        return loop.slice(1).map(
          (to, index) =>
            `${loop[index] ?? ''} → ${to}: ${
              graph
                .get(loop[index] ?? '')
                ?.get(to)
                ?.join(', ') ?? ''
            }`,
        );
      }
      const found = state.has(next) ? undefined : visit(next);
      if (found) return found;
    }
    path.pop();
    state.set(folder, 'done');
    return undefined;
  };
  for (const folder of graph.keys()) {
    const found = state.has(folder) ? undefined : visit(folder);
    if (found) return found;
  }
  return undefined;
}

for (const top of ['harness', 'authoring']) {
  test(`the folders of ${top}/ form layers: no folder imports one that imports it back`, () => {
    expect(firstCycle(folderImports(top))).toBeUndefined();
  });
}

test('a cycle of folders is found, with the imports that make it', () => {
  const graph = new Map([
    ['a', new Map([['a/b', ['a/x.ts → a/b/y.ts']]])],
    ['a/b', new Map([['a', ['a/b/y.ts → a/z.ts']]])],
  ]);
  expect(firstCycle(graph)).toEqual(['a → a/b: a/x.ts → a/b/y.ts', 'a/b → a: a/b/y.ts → a/z.ts']);
});
