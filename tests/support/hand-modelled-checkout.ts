import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { HAND_MODELLED_PAGES } from '../stand-ins/documented-answers.ts';
import { PROJECT_ROOT } from './run-suite.ts';

/**
 * The project's pages the Graph stand-in models by hand (their specs, records, page copies and
 * fixtures) and known-divergences.json, copied to `root`: what a unit test adds pages to. Pages
 * new-spec added to the project are left out, so that a test's own page never meets one of the
 * same name and its expectations hold in a copy of the project that has taken any page.
 */
export function handModelledCheckout(root: string, folders: readonly string[] = []): string {
  for (const folder of ['specs', 'pages', 'fixtures']) mkdirSync(join(root, folder), { recursive: true });
  for (const page of HAND_MODELLED_PAGES) {
    for (const file of [`specs/${page}.spec.ts`, `pages/${page}.json`, `pages/${page}.md`, `fixtures/${page}`])
      if (existsSync(join(PROJECT_ROOT, file))) cpSync(join(PROJECT_ROOT, file), join(root, file), { recursive: true });
  }
  for (const folder of folders) cpSync(join(PROJECT_ROOT, folder), join(root, folder), { recursive: true });
  cpSync(join(PROJECT_ROOT, 'known-divergences.json'), join(root, 'known-divergences.json'));
  return root;
}
