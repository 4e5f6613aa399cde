import { STATUS_CODES } from 'node:http';
import type { Nodes, Paragraph } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { DocumentedStatus, Line } from './page-model.ts';

/**
 * A status as prose writes it: the code, then its reason phrase in any case, with or without a
 * comma or the spaces between its words (`201 Created`, `201, Created`, `204 No content`,
 * `204,NoContent`, `HTTP 206 Partial Content`), or a capitalised phrase that is not the code's
 * (`204 OK`, which the lint's reason-phrase rule then names).
 */
const CODE_THEN_WORDS = /\b(?:HTTP(?:\/\d(?:\.\d)?)?\s+)?([1-5]\d\d)\b(?:\s*,\s*|\s+)?([A-Za-z][A-Za-z-]*(?:\s+[A-Za-z][A-Za-z-]*){0,3})?/g;
/** A code alone names a status only where nothing else could be meant: alone in code or bold, or before "response"/"status"/"error". */
const STATUS_NOUN = /^(?:response|status|error|code)\b/i;

/** Every status a paragraph names, in its order: in inline code, in bold, or in plain text. */
export function documentedStatuses(node: Paragraph): DocumentedStatus[] {
  const found: DocumentedStatus[] = [];
  const visit = (child: Nodes): void => {
    if (child.type === 'inlineCode' || child.type === 'strong' || child.type === 'emphasis') {
      found.push(...statusesIn(toString(child), lineOf(child), true));
      return;
    }
    if (child.type === 'text') {
      found.push(...statusesIn(child.value, lineOf(child), false));
      return;
    }
    if ('children' in child) child.children.forEach(visit);
  };
  node.children.forEach(visit);
  return found;
}

const lineOf = (node: Nodes): Line => node.position?.start.line ?? 1;

/**
 * The statuses a run of text names. In code or bold the run is the status (`` `204` `` alone is one);
 * in plain text a code counts only with its reason phrase or a noun that makes it a status, so that
 * "returns 100 places per page" names none.
 */
function statusesIn(text: string, line: Line, marked: boolean): DocumentedStatus[] {
  const found: DocumentedStatus[] = [];
  for (const match of text.matchAll(CODE_THEN_WORDS)) {
    const code = Number(match[1]);
    const words = match[2] ?? '';
    const reason = reasonIn(code, words);
    if (reason !== undefined) found.push({ code, reason, line });
    else if (STATUS_NOUN.test(words) || (marked && text.trim() === match[0].trim())) found.push({ code, reason: '', line });
  }
  return found;
}

/**
 * The reason phrase the words start with, as written: the code's own in any case and spacing
 * (`No content`, `NoContent`), or the capitalised words of another status's phrase (`204 OK`,
 * `204, Accepted`), which is a status written wrong, not prose.
 */
function reasonIn(code: number, words: string): string | undefined {
  const tokens = words.split(/\s+/).filter(Boolean);
  for (let count = Math.min(tokens.length, 4); count > 0; count--) {
    const written = tokens.slice(0, count).join(' ');
    const squeezed = written.replace(/[\s-]/g, '').toLowerCase();
    if (squeezed === (STATUS_CODES[code] ?? '').replace(/[\s-]/g, '').toLowerCase()) return written;
  }
  for (let count = Math.min(tokens.length, 4); count > 0; count--) {
    const written = tokens.slice(0, count).join(' ');
    if (!tokens.slice(0, count).every((token) => /^[A-Z]/.test(token))) continue;
    if (KNOWN_REASONS.has(written.toLowerCase())) return written;
  }
  return undefined;
}

const KNOWN_REASONS = new Set(Object.values(STATUS_CODES).flatMap((reason) => (reason ? [reason.toLowerCase()] : [])));
