/**
 * The command line as Playwright's runner got it, split at `--`: before it Playwright's own
 * options; after it the arguments Playwright leaves to the project (its documented place for them,
 * `npx playwright test -- --forbid-orphans`).
 */
export function splitArguments(argv: readonly string[]): { playwright: string[]; ours: string[] } {
  const separator = argv.indexOf('--');
  return separator >= 0 ? { playwright: argv.slice(0, separator), ours: argv.slice(separator + 1) } : { playwright: [...argv], ours: [] };
}

/** The project's own argument, after `--`: a fixture file no test uses fails the run. */
export const FORBID_ORPHANS = '--forbid-orphans';

export function orphansForbidden(settings: { forbidOrphans: boolean }, argv: readonly string[]): boolean {
  return settings.forbidOrphans || splitArguments(argv).ours.includes(FORBID_ORPHANS);
}

/**
 * `playwright test`'s options in its own notation (`<x>` takes a value, `[x]` may take one, `x...`
 * several), by whether they choose which tests run. tests/unit/arguments.test.ts holds this list to
 * the options Playwright's CLI declares, so an upgrade that adds one fails a test, not a verdict.
 */
export const TEST_OPTIONS: Readonly<Record<'filters' | 'others', readonly string[]>> = {
  filters: [
    '-g, --grep <grep>',
    '-G, --grep-invert <grep>',
    '--last-failed',
    '--only-changed [ref]',
    '--project <project-name...>',
    '--shard <shard>',
    '--test-list <file>',
    '--test-list-invert <file>',
  ],
  others: [
    '--add-reporter <reporter>',
    '--browser <browser>',
    '-c, --config <file>',
    '--debug [mode]',
    '--fail-on-flaky-tests',
    '--forbid-only',
    '--fully-parallel',
    '--global-timeout <timeout>',
    '--headed',
    '--ignore-snapshots',
    '--last-failed-file <file>',
    '--list',
    '--max-failures <N>',
    '--no-deps',
    '--output <dir>',
    '--pass-with-no-tests',
    '--quiet',
    '--repeat-each <N>',
    '--reporter <reporter>',
    '--retries <retries>',
    '--run-agents <mode>',
    '--shuffle [seed]',
    '--timeout <timeout>',
    '--trace <mode>',
    '--tsconfig <path>',
    '--ui',
    '--ui-host <host>',
    '--ui-port <port>',
    '-u, --update-snapshots [mode]',
    '--update-source-method <method>',
    '-j, --workers <workers>',
    '-x',
  ],
};

interface OptionShape {
  names: string[];
  value: 'none' | 'required' | 'optional' | 'variadic';
  filter: boolean;
}

const SHAPES = Object.entries(TEST_OPTIONS).flatMap(([kind, declarations]) =>
  declarations.map((declaration): OptionShape => {
    const [, flags = '', value = ''] = /^(.*?)(?: ([<[].*))?$/.exec(declaration) ?? [];
    return {
      names: flags.split(', '),
      value: !value ? 'none' : value.endsWith('...>') ? 'variadic' : value.startsWith('[') ? 'optional' : 'required',
      filter: kind === 'filters',
    };
  }),
);
const BY_NAME = new Map(SHAPES.flatMap((shape) => shape.names.map((name) => [name, shape] as const)));

/** One option as given: `--reporter=line`, `-j4`, `--grep 503`. */
export interface GivenOption {
  name: string;
  value?: string;
  /** Undefined for an option Playwright's `test` does not declare (to this list). */
  shape?: OptionShape;
}

/**
 * A `playwright test` command line (before `--`) read the way Playwright's parser (commander) reads
 * it; undefined when it is not `playwright test`.
 */
export function parseTestArguments(playwrightArguments: readonly string[]): { options: GivenOption[]; positionals: string[] } | undefined {
  const start = playwrightArguments.indexOf('test');
  if (start < 0) return undefined;
  const args = playwrightArguments.slice(start + 1);
  const options: GivenOption[] = [];
  const positionals: string[] = [];
  const takeValue = (shape: OptionShape | undefined, attached: string | undefined): string | undefined => {
    if (attached !== undefined || !shape || shape.value === 'none') return attached;
    if (shape.value === 'required') return args.shift();
    const values: string[] = [];
    while (args.length > 0 && !(args[0] ?? '').startsWith('-') && (shape.value === 'variadic' || values.length === 0))
      values.push(args.shift() ?? '');
    return values.length > 0 ? values.join(' ') : undefined;
  };
  while (args.length > 0) {
    const arg = args.shift() ?? '';
    if (arg.startsWith('--')) {
      const [name = arg, ...rest] = arg.split('=');
      const shape = BY_NAME.get(name);
      options.push({ name, shape, value: takeValue(shape, rest.length > 0 ? rest.join('=') : undefined) });
    } else if (arg.startsWith('-') && arg.length > 1) {
      // Short flags may be joined (`-x`), and a short option's value attached (`-j4`, `-g503`).
      let rest = arg.slice(1);
      while (rest !== '') {
        const name = `-${rest[0] ?? ''}`;
        const shape = BY_NAME.get(name);
        rest = rest.slice(1);
        if (shape?.value === 'none') {
          options.push({ name, shape });
          continue;
        }
        options.push({ name, shape, value: takeValue(shape, rest === '' ? undefined : rest) });
        rest = '';
      }
    } else {
      positionals.push(arg);
    }
  }
  return { options, positionals };
}

/**
 * What in a `playwright test` command line may leave tests out: a file or `file:line`, a filter
 * option (`-g`, `-G`, `--shard`, `--project`, `--last-failed`…), or an option Playwright does not
 * declare. Undefined when the command line runs every test.
 */
export function firstFilter(playwrightArguments: readonly string[]): string | undefined {
  const parsed = parseTestArguments(playwrightArguments);
  if (!parsed) return 'a command other than `playwright test`';
  const option = parsed.options.find(({ shape }) => !shape || shape.filter);
  if (option) return option.value === undefined ? option.name : `${option.name} ${option.value}`;
  return parsed.positionals[0];
}
