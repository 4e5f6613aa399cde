import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

/** A doc page's markdown as remark reads it: GitHub's tables, and YAML front matter. */
export function parseMarkdown(markdown: string): Root {
  return processor.parse(markdown);
}
