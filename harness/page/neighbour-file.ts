import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { PAGE_BOUNDS } from './page-bounds.ts';

/**
 * Reads the files a page names relative to its own file (`../includes/permissions/x.md`), as the
 * docs checkout it came from lays them out: a markdown file within the size a doc page may have, or
 * undefined when there is none (a page alone in pages/, an include the checkout does not hold).
 */
export function neighbourReader(pagePath: string): (relativePath: string) => string | undefined {
  const folder = dirname(resolve(pagePath));
  return (relativePath) => {
    if (isAbsolute(relativePath) || /^[a-z][a-z0-9+.-]*:/i.test(relativePath) || !/\.md$/i.test(relativePath)) return undefined;
    const path = resolve(folder, relativePath);
    try {
      const stats = statSync(path);
      return stats.isFile() && stats.size <= PAGE_BOUNDS.bytes ? readFileSync(path, 'utf8') : undefined;
    } catch {
      // Not there: the page says which include is not at hand.
      return undefined;
    }
  };
}
