/**
 * CSDL as the slicer and a reviewer read it: one element a line, indented two spaces a level, as
 * the metadata repository publishes it. The service's own `$metadata` may come without line breaks
 * (unverified: an OData writer indents only when asked); such a file is laid out so, and one that
 * already is keeps its bytes.
 */

/** A tag, comment, declaration or CDATA section; a quoted attribute value may hold `>`. */
const TOKEN = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<!(?:[^>"']|"[^"]*"|'[^']*')*>|<(?:[^>"']|"[^"]*"|'[^']*')*>/g;

/** Whether each element starts a line of its own: no line holds two tags (an element with only text between its tags aside). */
export function isLaidOut(xml: string): boolean {
  return !/>[ \t]*<(?!\/)/.test(xml);
}

export function layOut(xml: string): string {
  if (isLaidOut(xml)) return xml;
  const lines: string[] = [];
  let depth = 0;
  let last = 0;
  /** The open tag waiting on the line, when the element may hold only text (`<String>…</String>` stays one line). */
  let open: { line: number; name: string } | undefined;
  for (const match of xml.matchAll(TOKEN)) {
    const tag = match[0];
    const between = xml.slice(last, match.index);
    last = match.index + tag.length;
    const closing = tag.startsWith('</');
    const name = /^<\/?([^\s/>]+)/.exec(tag)?.[1] ?? '';
    if (closing && open?.name === name) {
      // Text only, or nothing: the element keeps its content as it came, whitespace included.
      lines[open.line] = `${lines[open.line] ?? ''}${between}${tag}`;
      open = undefined;
      depth -= 1;
      continue;
    }
    if (between.trim() !== '') throw new Error(`text outside an element that holds only text, near offset ${match.index}: not CSDL as Graph writes it.`);
    if (closing) depth -= 1;
    lines.push(`${'  '.repeat(Math.max(depth, 0))}${tag}`);
    const opens = !closing && !tag.endsWith('/>') && /^<[^!?]/.test(tag);
    open = opens ? { line: lines.length - 1, name } : undefined;
    if (opens) depth += 1;
  }
  if (xml.slice(last).trim() !== '') throw new Error('text after the last element: not CSDL as Graph writes it.');
  // No line break after the last tag, as the metadata repository writes it.
  return lines.join("\n");
}
