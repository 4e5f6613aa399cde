import { readdirSync } from 'node:fs';
import { join, sep } from 'node:path';

/** Folders no page lives in: fragments other pages include, and tools' folders. */
const NOT_PAGE_FOLDERS = new Set(['includes', 'node_modules', '.git']);

/**
 * The markdown pages under a folder, sorted. In a docs checkout (`api-reference/{v1.0,beta}/api/`
 * below it) only the operation pages, the `api` folders' ones, are pages: its resource and concept
 * pages document no request. Elsewhere every `.md` file is, `includes` folders aside.
 */
export function markdownPagesIn(folder: string): { pages: string[]; checkout: boolean } {
  const all: string[] = [];
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!NOT_PAGE_FOLDERS.has(entry.name)) walk(path);
      } else if (entry.isFile() && /\.md$/i.test(entry.name) && entry.name.toLowerCase() !== 'readme.md') all.push(path);
    }
  };
  walk(folder);
  const inApiFolder = (path: string) => new RegExp(`api-reference\\${sep}(?:v1\\.0|beta)\\${sep}api\\${sep}`).test(path);
  const checkout = all.some(inApiFolder);
  return { pages: (checkout ? all.filter(inApiFolder) : all).sort(), checkout };
}
