import { PageError, type ExampleAnnotation, type Line } from './page-model.ts';

const COMMENT = /<!--([\s\S]*?)-->/g;

/**
 * The code-block annotations in one HTML node's value (`<!-- { "blockType": ... } -->`). A comment that is
 * not JSON (`<!-- uuid: ... -->`, `<!-- markdownlint-disable ... -->`) or JSON without a blockType (the
 * page annotation) is not one; a comment that opens with `{` and does not parse is a broken page.
 */
export function annotationsIn(file: string, html: string, line: Line): ExampleAnnotation[] {
  const annotations: ExampleAnnotation[] = [];
  for (const comment of html.matchAll(COMMENT)) {
    const content = (comment[1] ?? '').trim();
    if (!content.startsWith('{')) continue;
    const commentLine = line + html.slice(0, comment.index).split('\n').length - 1;
    let raw: unknown;
    try {
      raw = JSON.parse(content);
    } catch (error) {
      throw new PageError(
        file,
        commentLine,
        `the annotation comment is not valid JSON (${(error as Error).message}); write it as <!-- { "blockType": "request", "name": "..." } -->`,
      );
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !('blockType' in raw)) continue;
    annotations.push(fromJson(file, raw, commentLine));
  }
  return annotations;
}

function fromJson(file: string, raw: Record<string, unknown>, line: Line): ExampleAnnotation {
  const { blockType, name, truncated, isEmpty, expectError } = raw;
  const odataType = raw['@odata.type'];
  if (typeof blockType !== 'string')
    throw new PageError(file, line, `the annotation's "blockType" must be a string, found ${JSON.stringify(blockType)}`);
  return {
    blockType,
    name: typeof name === 'string' ? name : undefined,
    truncated: truncated === true,
    odataType: typeof odataType === 'string' ? odataType : undefined,
    isEmpty: isEmpty === true,
    expectError: expectError === true,
    raw,
    line,
  };
}
