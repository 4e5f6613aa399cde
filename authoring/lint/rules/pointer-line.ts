import { parseTree, type Node } from 'jsonc-parser';

/**
 * The page line of the member a JSON pointer names in a body (`/value/0/id`), so that a finding points
 * at the property, not at the body's first line: the closest member the pointer reaches when it names
 * none (a missing required property is its parent's), the body's first line for `/` or a body
 * jsonc-parser cannot read.
 */
export function pointerLine(body: { text: string; line: number }, pointer: string): number {
  let value: Node | undefined = parseTree(body.text);
  let reached: Node | undefined;
  for (const raw of pointer.split('/').slice(1)) {
    if (!value || raw === '') break;
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (value.type === 'object') {
      const member = value.children?.find((property) => property.children?.[0]?.value === key);
      if (!member) break;
      reached = member;
      value = member.children?.[1];
    } else if (value.type === 'array' && /^\d+$/.test(key)) {
      const item = value.children?.[Number(key)];
      if (!item) break;
      reached = item;
      value = item;
    } else break;
  }
  if (!reached) return body.line;
  return body.line + (body.text.slice(0, reached.offset).match(/\n/g)?.length ?? 0);
}
