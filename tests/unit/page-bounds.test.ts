import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { measurePage, pageBoundExceeded, PAGE_BOUNDS, readPageText } from '../../harness/page/page-bounds.ts';
import { PageError } from '../../harness/page/page-model.ts';
import { parsePage } from '../../harness/page/parse-page.ts';
import { pagesIn } from '../../harness/page/page-record.ts';

/** Made-up pages in the shapes that make remark slow; none is a copy of a published page. */
const page = (body: string) => `# A page\n\n${body}\n`;

test('the pages under contract are far inside every bound', () => {
  for (const { markdown } of pagesIn()) {
    const text = readFileSync(markdown, 'utf8');
    expect(pageBoundExceeded(text), markdown).toBeUndefined();
    const shape = measurePage(text);
    expect(shape.containerDepth.value, markdown).toBeLessThan(10);
    expect(shape.bracketDepth.value, markdown).toBeLessThan(10);
    expect(shape.lines.value, markdown).toBeLessThan(PAGE_BOUNDS.lines / 20);
  }
});

test('lists and block quotes: markers on one line, and indentation at two columns a level', () => {
  expect(measurePage(page(`${'- '.repeat(7)}item`)).containerDepth).toEqual({ value: 7, line: 3 });
  expect(measurePage(page('> > - 1. quoted item')).containerDepth).toEqual({ value: 4, line: 3 });
  const indented = Array.from({ length: 12 }, (_, level) => `${' '.repeat(2 * level)}- level ${level + 1}`).join('\n');
  expect(measurePage(page(indented))).toMatchObject({
    containerDepth: { value: 12, line: 14 },
    listItems: { value: 12 },
    containerMarkers: { value: 12 },
  });
  // Not list markers: emphasis, a negative number, a front matter fence.
  expect(measurePage(`---\ntitle: x\n---\n${page('*emphasis* and -1 and **bold**')}`).containerDepth.value).toBe(0);
});

test('lines: blank lines and fenced code aside; a paragraph runs until a blank line', () => {
  const shape = measurePage(page(`one\ntwo\nthree\n\n~~~\ncode\n\ncode\n~~~\n|a|\n|-|\n|b|`));
  expect(shape.lines.value).toBe(7);
  expect(shape.paragraphLines).toEqual({ value: 3, line: 3 });
});

test('brackets: how deep they nest and how many one paragraph holds; a table row or a heading counts alone', () => {
  const links = Array.from({ length: 30 }, (_, index) => `[link ${index}](https://example.invalid/${index})`).join(' ');
  expect(measurePage(page(`${links}\n\n[![image](a.png)](b)`))).toMatchObject({
    bracketDepth: { value: 2, line: 5 },
    bracketsPerParagraph: { value: 60, line: 3 },
  });
  const table = ['|a|b|', '|-|-|', ...Array.from({ length: 400 }, () => '|[x](y)|[z](w)|')].join('\n');
  expect(measurePage(page(table)).bracketsPerParagraph.value).toBe(4);
  expect(measurePage(page('\\[\\[\\[ escaped, and [a] [b]')).bracketDepth.value).toBe(1);
  // An unmatched `]` never takes the depth below zero.
  expect(measurePage(page('] ] ] [[x]]')).bracketDepth.value).toBe(2);
});

test('fenced code is not markdown: its brackets and indentation count for nothing', () => {
  const json = `~~~json\n${Array.from({ length: 300 }, (_, level) => `${' '.repeat(level)}[`).join('\n')}\n~~~`;
  expect(measurePage(page(`- item\n\n  \`\`\`\n  ${'['.repeat(500)}\n  \`\`\`\n\n${json}`))).toMatchObject({
    containerDepth: { value: 1 },
    bracketDepth: { value: 0 },
  });
});

/** Lines in paragraphs of `every` lines, so that a test of another bound stays inside this one. */
const paragraphs = (lines: string[], every = 1_000) =>
  lines.map((line, index) => (index > 0 && index % every === 0 ? `\n${line}` : line)).join('\n');

test('each bound: the page beyond it is named with by how much and where', () => {
  expect(pageBoundExceeded(page(`${'['.repeat(82_000)}${']'.repeat(82_000)}`))).toEqual({
    line: 3,
    message:
      "brackets nested 82,000 deep, more than the 100 a doc page may nest: Graph's published pages stay far below it; is this the page you meant?",
  });
  expect(pageBoundExceeded(page(`${'> '.repeat(5_000)}deep`))).toMatchObject({
    line: 3,
    message: expect.stringMatching(/^lists and block quotes nested 5,000 deep, more than the 100 a doc page may nest/),
  });
  expect(pageBoundExceeded(page(paragraphs(Array.from({ length: 12_000 }, () => 'a'))))).toMatchObject({
    line: 10_011,
    message: expect.stringMatching(/^12,001 lines \(fenced code and blank lines aside\), more than the 10,000 a doc page may have/),
  });
  expect(pageBoundExceeded(page(`intro\n\n${'line\n'.repeat(2_500)}`))).toMatchObject({
    line: 5,
    message: expect.stringMatching(/^2,500 lines with no blank line between them, more than the 2,000 a doc page may run on/),
  });
  expect(pageBoundExceeded(page(paragraphs(Array.from({ length: 6_000 }, (_, index) => `- item ${index}`))))).toMatchObject({
    line: 5_008,
    message: expect.stringMatching(/^6,000 list items, more than the 5,000 a doc page may hold/),
  });
  expect(pageBoundExceeded(page(paragraphs(Array.from({ length: 600 }, () => `${'> '.repeat(90)}quoted`))))).toMatchObject({
    line: 558,
    message: expect.stringMatching(/^54,000 list and block-quote markers, more than the 50,000 a doc page may hold/),
  });
  expect(pageBoundExceeded(page(`intro\n${'a] '.repeat(1_200)}`))).toMatchObject({
    line: 3,
    message: expect.stringMatching(/^1,200 brackets in one paragraph, more than the 1,000 a paragraph may hold/),
  });
});

test('size: said in MB, or in KB just above the bound', () => {
  expect(pageBoundExceeded(page('x'.repeat(1.4 * 1024 * 1024)))).toEqual({
    line: undefined,
    message:
      "the page is 1.4 MB, more than the 1 MB a doc page may be: Graph's published pages stay far below it; is this the page you meant?",
  });
  expect(pageBoundExceeded(page('x'.repeat(PAGE_BOUNDS.bytes + 10_000)))?.message).toMatch(
    /^the page is 1,034 KB, more than the 1,024 KB a doc page may be/,
  );
  // Bytes, not characters: a page of three-byte characters reaches the bound at a third of its length.
  expect(pageBoundExceeded(page('€'.repeat(400_000)))?.message).toMatch(/^the page is 1\.1 MB/);
});

test('parsePage refuses before remark runs, naming the file and the line', () => {
  expect(() => parsePage(page(`${'- '.repeat(5_000)}item`), 'pages/deep.md')).toThrow(
    /^pages\/deep\.md:3: lists and block quotes nested 5,000 deep, more than the 100/,
  );
  expect(() => parsePage(page(`${'- '.repeat(5_000)}item`), 'pages/deep.md')).toThrow(PageError);
});

test('a page file beyond the size bound is refused before it is read whole', () => {
  mkdirSync(test.info().outputPath(), { recursive: true });
  const path = join(test.info().outputPath(), 'big.md');
  writeFileSync(path, page('x'.repeat(PAGE_BOUNDS.bytes)));
  expect(() => readPageText(path, 'big.md')).toThrow(/^big\.md: the page is 1,025 KB, more than the 1,024 KB a doc page may be/);
  writeFileSync(path, page('small'));
  expect(readPageText(path, 'big.md')).toBe(page('small'));
});
