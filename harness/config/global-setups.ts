import type { Settings } from './settings.ts';

/**
 * Playwright's global setups, in order, as files under `harness/`: every mode runs the preflight's
 * (replay returns at once); live and record then compare the token with the pages' permissions
 * tables, which loads the markdown parser, so replay does not list it.
 */
export function globalSetups(mode: Settings['mode'], harnessFile: (name: string) => string): string[] {
  return [harnessFile('global-setup.ts'), ...(mode === 'replay' ? [] : [harnessFile('permissions/permission-setup.ts')])];
}
