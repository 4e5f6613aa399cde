import { readFileSync } from 'node:fs';
import { checkPagePermissions, describePermissionCheck, tokenPermissions } from './auth/page-permissions.ts';
import { jwtClaims } from './auth/token-claims.ts';
import { sharePagePermissions, type PagePermission } from './config/run-permissions.ts';
import { sharedRunToken } from './config/run-token.ts';
import { PageError } from './docs/page-model.ts';
import { pagesIn, PageRecordError } from './docs/page-record.ts';
import { parsePage } from './docs/parse-page.ts';

/**
 * Global setup after the preflight, in live and record only (playwright.config.ts lists it there,
 * so that replay never loads the markdown parser): compares the run's token with each page's
 * permissions table, says before any test which pages the token may not be enough for, and hands
 * the verdicts to the workers. Advisory: Graph's own permission data disagrees with the docs in
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
  const verdicts: Record<string, PagePermission> = {};
  for (const { name, markdown } of pages) {
    const file = `pages/${name}.md`;
    let verdict: PagePermission;
    try {
      const page = parsePage(readFileSync(markdown, 'utf8'), file);
      const check = checkPagePermissions(page, held);
      const operations = page.httpRequests.map(({ method, path }) => `${method} ${path}`);
      verdict = { title: page.title, verdict: check.verdict, words: describePermissionCheck(check), operations };
    } catch (error) {
      if (!(error instanceof PageError)) throw error;
      verdict = { title: name, verdict: 'not checked', words: `the page cannot be read (${error.message})`, operations: [] };
    }
    verdicts[file] = verdict;
    if (verdict.verdict !== 'granted') console.log(`permissions: ${verdict.title} (${file}): ${verdict.verdict}: ${verdict.words}`);
  }
  sharePagePermissions(process.env, verdicts);
}
