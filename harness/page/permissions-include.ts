import type { Table } from 'mdast';
import { parseMarkdown } from './markdown.ts';
import { pageBoundExceeded } from './page-bounds.ts';
import type { PermissionOrder, PermissionRow } from './page-model.ts';
import { permissionOrder, permissionRows } from './page-tables.ts';

/** `[!INCLUDE [label](path)]`, as docs pages pull in a shared fragment. */
const INCLUDE = /\[!INCLUDE\s*\[([^\]]*)\]\(\s*([^)\s]+)\s*\)\s*\]/gi;

/** The path of the permissions table a paragraph includes (`[!INCLUDE [permissions-table](../includes/permissions/x.md)]`), as written. */
export function permissionsIncludeIn(markdown: string): string | undefined {
  for (const [, label = '', path = ''] of markdown.matchAll(INCLUDE))
    if (/^permissions-table$/i.test(label.trim()) || /(?:^|\/)includes\/permissions\//i.test(path)) return path;
  return undefined;
}

/**
 * The table a permissions include holds, read through the page's neighbour reader; what is not at
 * hand says why, so that a permission check can say "not at hand" rather than "not documented".
 */
export function readPermissionsInclude(
  path: string,
  readNeighbour: ((relativePath: string) => string | undefined) | undefined,
): { rows: PermissionRow[] | undefined; order: PermissionOrder | undefined } | { unavailable: string } {
  if (!readNeighbour) return { unavailable: `the page was read alone: include ${path} is not at hand` };
  const text = readNeighbour(path);
  if (text === undefined) return { unavailable: `include ${path} not found beside the page` };
  const exceeded = pageBoundExceeded(text);
  if (exceeded) return { unavailable: `include ${path} is beyond the bounds of a doc page (${exceeded.message})` };
  const table = parseMarkdown(text).children.find((node): node is Table => node.type === 'table');
  if (!table) return { unavailable: `include ${path} holds no table` };
  return { rows: permissionRows(table), order: permissionOrder(table) };
}
