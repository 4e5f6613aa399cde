import type { Yaml } from 'mdast';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { PageError, type Todo } from './page-model.ts';
import { isTodo } from './page-tables.ts';

/** The page's YAML front matter as parsed, and the TODO placeholders its values hold, each at its key's line. */
export function readFrontMatter(file: string, node: Yaml): { frontMatter: Record<string, unknown>; todos: Todo[] } {
  // The YAML's line 1 is the line after the opening `---`.
  const offset = node.position?.start.line ?? 1;
  const lineCounter = new LineCounter();
  const document = parseDocument(node.value, { lineCounter });
  const [error] = document.errors;
  if (error) {
    throw new PageError(
      file,
      offset + (error.linePos?.[0].line ?? 1),
      `the front matter is not valid YAML: ${error.message.split('\n')[0] ?? ''}`,
    );
  }
  const value: unknown = document.toJS();
  if (value === null || value === undefined) return { frontMatter: {}, todos: [] };
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new PageError(file, offset + 1, 'the front matter must be a YAML mapping of keys to values (`title: "..."`)');
  }
  const todos: Todo[] = [];
  const lineOf = (yamlNode: YamlNode) => offset + lineCounter.linePos(yamlNode.range?.[0] ?? 0).line;
  const collect = (yamlNode: unknown, where: string, line: number): void => {
    if (isScalar(yamlNode)) {
      if (typeof yamlNode.value === 'string' && isTodo(yamlNode.value))
        todos.push({ where: `front matter: ${where}`, text: yamlNode.value, line });
    } else if (isMap(yamlNode)) {
      for (const pair of yamlNode.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const keyLine = isScalar(pair.key) ? lineOf(pair.key) : line;
        collect(pair.value, where === '' ? key : `${where}.${key}`, keyLine);
      }
    } else if (isSeq(yamlNode)) {
      yamlNode.items.forEach((item, index) => {
        collect(item, `${where}[${index}]`, isScalar(item) ? lineOf(item) : line);
      });
    }
  };
  collect(document.contents, '', offset + 1);
  return { frontMatter: value as Record<string, unknown>, todos };
}
