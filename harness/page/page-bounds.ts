import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { PageError, type Line } from './page-model.ts';

const MB = 1024 * 1024;

/**
 * What a doc page may be before remark parses it. remark's time and memory grow faster than the
 * page on nesting, list items, lines and brackets (measured with remark-parse 11 and remark-gfm 4 on
 * the project's 2 cores: brackets nested 82,000 deep took over 2 min; 20,000 list items 5 s; lists
 * nested 4,000 deep overflow the stack; a 60,000-line paragraph 43 s; 262,000 lines of `> x` 21 s and
 * 2.2 GB), so each is bounded, far above what Graph's published pages hold (the largest api-reference
 * pages are about 100 KB, a few thousand lines, nested a few levels). Within every bound, the worst
 * page measured parsed in under 3 s.
 */
export const PAGE_BOUNDS = {
  bytes: MB,
  /** Lists and block quotes inside each other, or brackets inside each other in a paragraph. */
  nesting: 100,
  /** Lines outside fenced code, blank ones aside. */
  lines: 10_000,
  /** Lines with no blank line between them: a paragraph, a table, a tight list. */
  paragraphLines: 2_000,
  listItems: 5_000,
  /** `>` and list markers over all lines: each is a container remark opens or continues. */
  containerMarkers: 50_000,
  /** `[` and `]` in one paragraph, table row or heading: each `]` is paired by looking back through the paragraph. */
  bracketsPerParagraph: 1_000,
} as const;

export type PageBounds = { readonly [K in keyof typeof PAGE_BOUNDS]: number };

export interface PageBoundExceeded {
  line: Line | undefined;
  message: string;
}

const WHY = "Graph's published pages stay far below it; is this the page you meant?";

/** The first bound the page exceeds, by how much and where; undefined for a page remark reads in seconds. */
export function pageBoundExceeded(markdown: string, bounds: PageBounds = PAGE_BOUNDS): PageBoundExceeded | undefined {
  const bytes = Buffer.byteLength(markdown, 'utf8');
  if (bytes > bounds.bytes) return { line: undefined, message: sizeMessage(bytes, bounds.bytes) };
  const shape = measurePage(markdown, bounds);
  const count = (value: number) => value.toLocaleString('en-US');
  const checks: [Measure, number, (value: string, bound: string) => string][] = [
    [shape.containerDepth, bounds.nesting, (n, b) => `lists and block quotes nested ${n} deep, more than the ${b} a doc page may nest`],
    [shape.bracketDepth, bounds.nesting, (n, b) => `brackets nested ${n} deep, more than the ${b} a doc page may nest`],
    [shape.lines, bounds.lines, (n, b) => `${n} lines (fenced code and blank lines aside), more than the ${b} a doc page may have`],
    [
      shape.paragraphLines,
      bounds.paragraphLines,
      (n, b) => `${n} lines with no blank line between them, more than the ${b} a doc page may run on`,
    ],
    [shape.listItems, bounds.listItems, (n, b) => `${n} list items, more than the ${b} a doc page may hold`],
    [
      shape.containerMarkers,
      bounds.containerMarkers,
      (n, b) => `${n} list and block-quote markers, more than the ${b} a doc page may hold`,
    ],
    [
      shape.bracketsPerParagraph,
      bounds.bracketsPerParagraph,
      (n, b) => `${n} brackets in one paragraph, more than the ${b} a paragraph may hold`,
    ],
  ];
  for (const [measure, bound, say] of checks)
    if (measure.value > bound) return { line: measure.line, message: `${say(count(measure.value), count(bound))}: ${WHY}` };
  return undefined;
}

/** Throws the PageError for a page beyond PAGE_BOUNDS, naming `file`. */
export function checkPageBounds(markdown: string, file: string): void {
  const exceeded = pageBoundExceeded(markdown);
  if (exceeded) throw new PageError(file, exceeded.line, exceeded.message);
}

/** A page's markdown, refused before it is read when the file is beyond the size bound (a 1 GB file is not read whole). */
export function readPageText(path: string, file: string): string {
  const descriptor = openSync(path, 'r');
  try {
    const { size } = fstatSync(descriptor);
    if (size > PAGE_BOUNDS.bytes) throw new PageError(file, undefined, sizeMessage(size, PAGE_BOUNDS.bytes));
    return readFileSync(descriptor, 'utf8');
  } finally {
    closeSync(descriptor);
  }
}

function sizeMessage(bytes: number, bound: number): string {
  const size = (bytes / MB).toFixed(1);
  // A page just above the bound would read "1.0 MB, more than the 1 MB": say it in KB then.
  const inMb = Number(size) * MB > bound;
  const shown = inMb ? `${size} MB` : `${Math.ceil(bytes / 1024).toLocaleString('en-US')} KB`;
  const limit = inMb ? `${bound / MB} MB` : `${(bound / 1024).toLocaleString('en-US')} KB`;
  return `the page is ${shown}, more than the ${limit} a doc page may be: ${WHY}`;
}

/** A measure of the page and the line that shows it: the deepest or longest place, or where a running count passes its bound. */
export interface Measure {
  value: number;
  line: Line;
}

export interface PageShape {
  containerDepth: Measure;
  bracketDepth: Measure;
  lines: Measure;
  paragraphLines: Measure;
  listItems: Measure;
  containerMarkers: Measure;
  bracketsPerParagraph: Measure;
}

/**
 * One pass over the lines, outside fenced code: how deep lists and block quotes nest (markers at a
 * line's start, and its indentation at two columns a level), how many lines, list items and
 * markers there are, and per paragraph (lines with no blank line between them; a table row or
 * heading on its own for brackets) how long it runs and how deep brackets nest and how many there
 * are. Estimates from above: a construct remark reads otherwise (a thematic break `- - -`) counts too.
 */
export function measurePage(markdown: string, bounds: PageBounds = PAGE_BOUNDS): PageShape {
  const peak = (): Measure => ({ value: 0, line: 1 });
  const shape: PageShape = {
    containerDepth: peak(),
    bracketDepth: peak(),
    lines: peak(),
    paragraphLines: peak(),
    listItems: peak(),
    containerMarkers: peak(),
    bracketsPerParagraph: peak(),
  };
  const raise = (measure: Measure, value: number, line: Line) => {
    if (value > measure.value) Object.assign(measure, { value, line });
  };
  /** A running count, placed where it first passes its bound. */
  const add = (measure: Measure, amount: number, bound: number, line: Line) => {
    if (measure.value <= bound && measure.value + amount > bound) measure.line = line;
    measure.value += amount;
  };
  let fence: { char: string; length: number } | undefined;
  let block = { start: 1, lines: 0 };
  let brackets = { start: 1, count: 0, depth: 0 };
  const endBrackets = (next: Line) => {
    raise(shape.bracketsPerParagraph, brackets.count, brackets.start);
    brackets = { start: next, count: 0, depth: 0 };
  };
  const endBlock = (next: Line) => {
    raise(shape.paragraphLines, block.lines, block.start);
    block = { start: next, lines: 0 };
    endBrackets(next);
  };

  const lines = markdown.split('\n');
  for (const [index, text] of lines.entries()) {
    const line = index + 1;
    const prefix = containerPrefix(text);
    const rest = text.slice(prefix.end);
    const fenceMark = /^[ \t]*(`{3,}|~{3,})/.exec(rest)?.[1];
    if (fence) {
      if (fenceMark?.startsWith(fence.char) && fenceMark.length >= fence.length && rest.trim() === fenceMark) fence = undefined;
      continue;
    }
    if (fenceMark) {
      endBlock(line + 1);
      fence = { char: fenceMark.charAt(0), length: fenceMark.length };
      continue;
    }
    if (rest.trim() === '') {
      endBlock(line + 1);
      continue;
    }
    add(shape.lines, 1, bounds.lines, line);
    block.lines++;
    raise(shape.containerDepth, prefix.markers + Math.floor(prefix.indent / 2), line);
    add(shape.listItems, prefix.items, bounds.listItems, line);
    add(shape.containerMarkers, prefix.markers, bounds.containerMarkers, line);
    // A table row or a heading is read on its own: it starts and ends its own count of brackets.
    const alone = /^[ \t]*[|#]/.test(rest);
    if (alone) endBrackets(line);
    for (let at = 0; at < rest.length; at++) {
      const char = rest.charAt(at);
      if (char === '\\') at++;
      else if (char === '[') {
        brackets.count++;
        brackets.depth++;
        raise(shape.bracketDepth, brackets.depth, line);
      } else if (char === ']') {
        brackets.count++;
        brackets.depth = Math.max(0, brackets.depth - 1);
      }
    }
    if (alone) endBrackets(line + 1);
  }
  endBlock(lines.length + 1);
  return shape;
}

const LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/;

/** The block-quote and list markers a line starts with, its indentation before the first, and where its content starts. */
function containerPrefix(text: string): { markers: number; items: number; indent: number; end: number } {
  let at = 0;
  let markers = 0;
  let items = 0;
  let indent = 0;
  for (;;) {
    const spaceStart = at;
    let columns = 0;
    while (at < text.length && (text.charAt(at) === ' ' || text.charAt(at) === '\t')) {
      columns += text.charAt(at) === '\t' ? 4 - (columns % 4) : 1;
      at++;
    }
    if (markers === 0) indent = columns;
    if (text.charAt(at) === '>') {
      markers++;
      at++;
      continue;
    }
    const item = LIST_MARKER.exec(text.slice(at, at + 11))?.[0];
    if (item) {
      markers++;
      items++;
      at += item.length;
      continue;
    }
    return { markers, items, indent, end: spaceStart };
  }
}
