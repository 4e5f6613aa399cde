import { BAD_SETTING_EXIT_CODE } from './config/load-environment.ts';
import { DivergenceRegistryError, knownDivergences } from './divergence/registry.ts';
import { pageFileProblems } from './page/page-record.ts';
import { contractSchemaProblems } from './schema/registry.ts';

/**
 * The files every contract run reads besides its fixtures: the divergence registry, the schemas, the
 * pages' records and the known-findings list. Checked by the config, in the runner, before any spec
 * is loaded: a broken file is one message, not a stack trace per spec file or a failure per test.
 */
export function suiteFileProblems(): string[] {
  return [...registryProblems(), ...contractSchemaProblems(), ...pageFileProblems()];
}

/** For playwright.config.ts: each broken file named once, then exit status 2, as for a bad setting. */
export function checkSuiteFilesOrExit(): void {
  // Each worker loads the config again; the runner has checked the files before it started any.
  if (process.env.TEST_WORKER_INDEX !== undefined) return;
  const problems = suiteFileProblems();
  if (problems.length === 0) return;
  process.stderr.write(`${describeSuiteFileProblems(problems)}\n`);
  process.exit(BAD_SETTING_EXIT_CODE);
}

export function describeSuiteFileProblems(problems: readonly string[]): string {
  return [
    `graph-contracts cannot start: ${problems.length === 1 ? 'one file of the suite is' : `${problems.length} files of the suite are`} invalid.`,
    ...problems.map((problem) => `  - ${problem.replace(/\n/g, '\n    ')}`),
  ].join('\n');
}

function registryProblems(): string[] {
  try {
    knownDivergences();
    return [];
  } catch (error) {
    if (error instanceof DivergenceRegistryError) return [error.message];
    throw error;
  }
}
