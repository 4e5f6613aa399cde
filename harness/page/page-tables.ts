import type { Nodes, Table, TableCell, TableRow as MdastRow } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { type PermissionOrder, type PermissionRow, type PermissionType, type TableRow } from './page-model.ts';

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

/**
 * The rows of the permissions table, in each layout the published pages use: one row per
 * permission type (its first column names the type, its second lists the permissions, and on
 * current pages a third lists the higher privileged ones: `| Permission type | Least privileged
 * permissions | Higher privileged permissions |`), or one row per resource with a column per type
 * (`| Supported resource | Delegated (work or school account) | … |`), read as one row per resource
 * and type. Undefined for any other layout: a page the parser cannot read this table of is still a
 * page, and one unreadable table must not stop the tools for every page.
 */
export function permissionRows(table: Table): PermissionRow[] | undefined {
  const [head, ...body] = table.children;
  const headTypes = (head?.children ?? []).slice(1).map((cell) => permissionType(toString(cell)));
  if (headTypes.length > 0 && headTypes.every((type) => type !== undefined)) {
    return body.flatMap((row) => {
      const resource = row.children[0] ? toString(row.children[0]).trim() : '';
      return headTypes.map((type, index) => ({ ...permissionCell(type, [row.children[index + 1]], lineOf(row)), resource }));
    });
  }
  const higher = HIGHER_PRIVILEGED.test(head?.children[2] ? toString(head.children[2]) : '');
  const rows = body.map((row) => ({ row, type: permissionType(row.children[0] ? toString(row.children[0]) : '') }));
  if (!rows.every(({ type }) => type !== undefined)) return undefined;
  return rows.flatMap(({ row, type }) =>
    type ? [permissionCell(type, higher ? [row.children[1], row.children[2]] : [row.children[1]], lineOf(row))] : [],
  );
}

/** The third column of the current layout: `Higher privileged permissions`. */
const HIGHER_PRIVILEGED = /\bhigher privileged\b/i;

/** Pages write "Not supported." and, on some v1.0 pages, "Not applicable" for a kind of token the operation does not take. */
const NOT_SUPPORTED = /^not (?:supported|applicable|available)\.?$/i;

function permissionType(text: string): PermissionType | undefined {
  return PERMISSION_TYPES[text.trim().toLowerCase().replace(/\s+/g, ' ')];
}

/**
 * A type's permissions from its cell, or from its least and higher privileged cells in that order;
 * the row is not supported when its (first) cell says so, and a higher cell that says "Not
 * available." adds nothing.
 */
function permissionCell(type: PermissionType, cells: (TableCell | undefined)[], line: number): PermissionRow {
  const texts = cells.map((cell) => (cell ? toString(cell).trim() : ''));
  const [first = ''] = texts;
  const listing = [first, ...texts.slice(1).filter((text) => text !== '' && !NOT_SUPPORTED.test(text))];
  const text = listing.join(', ');
  const notSupported = NOT_SUPPORTED.test(first);
  const todo = TODO.test(text);
  const permissions =
    notSupported || todo
      ? []
      : listing
          .flatMap((cell) => cell.split(','))
          .map((name) => name.trim())
          .filter(Boolean);
  return { type, text: notSupported ? first : text, permissions, notSupported, todo, line };
}

const lineOf = (row: MdastRow): number => row.position?.start.line ?? 0;

/**
 * The order the permissions table's second header cell names: "Permissions (from least to most
 * privileged)", or "Least privileged permissions" (with the higher privileged ones after them).
 */
export function permissionOrder(table: Table): PermissionOrder | undefined {
  const header = table.children[0]?.children[1];
  const text = header ? toString(header).toLowerCase().replace(/\s+/g, ' ') : '';
  if (/\bfrom least to most privileged\b/.test(text) || /^least privileged permissions?$/.test(text.trim())) return 'least-to-most';
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
