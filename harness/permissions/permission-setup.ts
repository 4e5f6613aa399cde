import { readFileSync } from 'node:fs';
import { checkPagePermissions, describePermissionCheck, tokenPermissions } from './page-permissions.ts';
import { jwtClaims } from '../shared/jwt-claims.ts';
import { sharePagePermissions, type PagePermission } from './shared-permissions.ts';
import { sharedRunToken } from '../config/run-token.ts';
import { PageError } from '../page/page-model.ts';
import { pagesIn, PageRecordError } from '../page/page-record.ts';
import { neighbourReader } from '../page/neighbour-file.ts';
import { parsePage } from '../page/parse-page.ts';

/**
 * Global setup after the preflight, in live and record only (playwright.config.ts lists it there,
 * so that replay never loads the markdown parser): compares the run's token with each page's
 * permissions table, says before any test which pages the token may not be enough for, and hands
 * what it found to the workers. Advisory: Graph's own permission data disagrees with the docs in
 * places, so nothing here stops the run.
 */
export default function permissionSetup(): void {
  const token = sharedRunToken(process.env);
  if (!token) return;
  const held = tokenPermissions(jwtClaims(token.token));
  let pages;
  try {
    pages = pagesIn();
  } catch (error) {
    if (!(error instanceof PageRecordError)) throw error;
    console.log(`permissions: not checked: ${error.message}`);
    return;
  }
  const permissions: Record<string, PagePermission> = {};
  for (const { name, markdown } of pages) {
    const file = `pages/${name}.md`;
    let permission: PagePermission;
    try {
      // A page copied with its permissions include beside it, as the docs checkout lays them out, has its table read from there.
      const page = parsePage(readFileSync(markdown, 'utf8'), file, { readNeighbour: neighbourReader(markdown) });
      const check = checkPagePermissions(page, held);
      const operations = page.httpRequests.map(({ method, path }) => `${method} ${path}`);
      permission = { title: page.title, coverage: check.coverage, words: describePermissionCheck(check), operations };
    } catch (error) {
      if (!(error instanceof PageError)) throw error;
      permission = { title: name, coverage: 'not checked', words: `the page cannot be read (${error.message})`, operations: [] };
    }
    permissions[file] = permission;
    if (permission.coverage !== 'granted')
      console.log(`permissions: ${permission.title} (${file}): ${permission.coverage}: ${permission.words}`);
  }
  sharePagePermissions(process.env, permissions);
}
