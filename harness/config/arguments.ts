/**
 * The command line as Playwright's runner got it, split at `--`: before it Playwright's own
 * options; after it the arguments Playwright leaves to the project (its documented place for them,
 * `npx playwright test -- --forbid-orphans`).
 */
export function splitArguments(argv: readonly string[]): { playwright: string[]; ours: string[] } {
  const separator = argv.indexOf('--');
  return separator >= 0 ? { playwright: argv.slice(0, separator), ours: argv.slice(separator + 1) } : { playwright: [...argv], ours: [] };
}

/** `playwright test` options that take a value and do not choose which tests run. */
const VALUE_OPTIONS = new Set(['-c', '--config', '-j', '--workers', '--reporter', '--add-reporter', '--output', '--timeout', '--retries', '--max-failures', '--global-timeout', '--trace', '--tsconfig', '--project', '--repeat-each', '--update-snapshots', '--update-source-method']);
/** Flags that do not choose which tests run. */
const FLAGS = new Set(['--list', '--forbid-only', '--fully-parallel', '--headed', '--debug', '--quiet', '-q', '--pass-with-no-tests', '--ignore-snapshots', '-u', '--fail-on-flaky-tests', '--no-deps', '-x']);

/**
 * Whether a `playwright test` command line runs every test: no filter of any kind (a file or
 * `file:line`, `-g`, `-G`, `--shard`, `--last-failed`, `--only-changed`, `--test-list`), and no
 * option this list does not know, which is taken for a filter.
 */
export function runsEveryTest(playwrightArguments: readonly string[]): boolean {
  const start = playwrightArguments.indexOf('test');
  if (start < 0) return false;
  const args = playwrightArguments.slice(start + 1);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const name = arg.startsWith('--') ? arg.split('=')[0] ?? arg : arg;
    if (FLAGS.has(name)) continue;
    if (VALUE_OPTIONS.has(name)) {
      if (!arg.includes('=')) i++;
      continue;
    }
    return false;
  }
  return true;
}
