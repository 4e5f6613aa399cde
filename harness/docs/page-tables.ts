import type { Nodes, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { PageError, type PermissionOrder, type PermissionRow, type PermissionType, type TableRow } from './page-model.ts';

const PERMISSION_TYPES: Record<string, PermissionType> = {
  'delegated (work or school account)': 'delegated-work-or-school',
  'delegated (personal microsoft account)': 'delegated-personal',
  application: 'application',
};

const TODO = /\bTODO\b/;

/** A table's body rows keyed by its header cells; a cell is its text, markup removed. */
export function tableRows(table: Table): TableRow[] {
  const [head, ...rows] = table.children;
  const keys = (head?.children ?? []).map((cell) => toString(cell).trim());
  return rows.map((row) => ({
    cells: Object.fromEntries(row.children.map((cell, index) => [keys[index] ?? String(index), toString(cell).trim()])),
    line: row.position?.start.line ?? 0,
  }));
}

/** The rows of the permissions table: its first column names the permission type, its second lists them. */
export function permissionRows(file: string, table: Table): PermissionRow[] {
  return table.children.slice(1).map((row) => {
    const [typeCell, permissionsCell] = row.children;
    const line = row.position?.start.line ?? 0;
    const typeText = typeCell ? toString(typeCell).trim() : '';
    const type = PERMISSION_TYPES[typeText.toLowerCase().replace(/\s+/g, ' ')];
    if (!type) {
      throw new PageError(file, line, `the permissions table names an unknown permission type "${typeText}"; use ${Object.keys(PERMISSION_TYPES).map((key) => `"${key}"`).join(', ')} (any case)`);
    }
    const text = permissionsCell ? toString(permissionsCell).trim() : '';
    const notSupported = /^not supported\.?$/i.test(text);
    const todo = TODO.test(text);
    const permissions = notSupported || todo ? [] : text.split(',').map((name) => name.trim()).filter(Boolean);
    return { type, text, permissions, notSupported, todo, line };
  });
}

/** The order the permissions table's second header cell names: "Permissions (from least to most privileged)". */
export function permissionOrder(table: Table): PermissionOrder | undefined {
  const header = table.children[0]?.children[1];
  const text = header ? toString(header).toLowerCase().replace(/\s+/g, ' ') : '';
  if (/\bfrom least to most privileged\b/.test(text)) return 'least-to-most';
  if (/\bfrom most to least privileged\b/.test(text)) return 'most-to-least';
  return undefined;
}

/** The TODO placeholders a node holds: a bold or italic run that says TODO is one, so is a plain text that does. */
export function todoTexts(node: Nodes): string[] {
  if (node.type === 'strong' || node.type === 'emphasis') {
    const text = toString(node).trim();
    return TODO.test(text) ? [text] : [];
  }
  if (node.type === 'text' || node.type === 'inlineCode') return TODO.test(node.value) ? [node.value.trim()] : [];
  return 'children' in node ? node.children.flatMap((child) => todoTexts(child)) : [];
}

export function isTodo(text: string): boolean {
  return TODO.test(text);
}
