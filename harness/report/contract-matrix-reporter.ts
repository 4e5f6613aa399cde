import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FullConfig, FullResult, Reporter, TestCase, TestError, TestResult } from '@playwright/test/reporter';
import { divergenceIdOf } from '../divergence/registry.ts';

import { parseUndocumented } from '../schema/undocumented.ts';
import { NOT_TESTED_PREFIX } from '../verdict/not-tested.ts';
import { DOCUMENTED_EXAMPLES, OUTCOMES, verdictOf, type Outcome } from '../verdict/outcome.ts';
import { ANNOTATION } from '../shared/annotations.ts';
import { displayPath } from '../shared/display-path.ts';

export type { Outcome } from '../verdict/outcome.ts';

const ICON: Record<Outcome, string> = { fail: '❌', 'divergence gone': '🔔', 'not tested': '⛔', 'expected divergence': '⚠️', pass: '✅' };

export interface MatrixTest {
  title: string;
  outcome: Outcome;
  /** Empty for a pass; otherwise what a reviewer reads first (the not-tested cause, the broken assertion). */
  reason: string;
  status: string;
  expectedStatus: string;
  divergences: string[];
  answeredBy: string;
  /** Response properties the schema declares nowhere, as `schema#/pointer`: news for the doc owner, never a failure. */
  undocumented: string[];
  /** Set when the test passed with a token its page's permissions table says is not enough: advisory, the outcome stands. */
  permissionDivergence?: string;
  durationMs: number;
}

export interface MatrixRow {
  operation: string;
  specFile: string;
  docs: string | undefined;
  /** The verbatim page under contract (`pages/create-connection.md`), and what the doc lint finds on it. */
  page: string | undefined;
  docFindings: string | undefined;
  /** The worst outcome among the operation's tests (OUTCOMES is worst first). */
  outcome: Outcome;
  answeredBy: string[];
  /** The union of its tests' undocumented properties. */
  undocumented: string[];
  tests: MatrixTest[];
}

export interface Leftover {
  operation: string;
  test: string;
  description: string;
}

export interface ContractMatrix {
  generatedAt: string;
  mode: string;
  /** Set when nothing could be tested at all (no token, the token refused): why. */
  notTested?: string;
  totals: Record<Outcome, number>;
  operations: MatrixRow[];
  /** What tests created and cleanup could not prove deleted: empty on a good night. */
  leftovers: Leftover[];
}

export function buildMatrix(
  results: readonly { test: TestCase; result: TestResult }[],
  mode: string,
  runErrors: readonly string[] = [],
  now = new Date(),
): ContractMatrix {
  const rows = new Map<string, MatrixRow>();
  const leftovers: Leftover[] = [];
  for (const { test, result } of results) {
    const specFile = test.location.file.replace(/\\/g, '/').split('/').pop() ?? test.location.file;
    const operation = test.parent.title || specFile;
    const key = `${specFile} ${operation}`;
    const annotated = (type: string) => test.annotations.find((a) => a.type === type)?.description;
    const row = rows.get(key) ?? {
      operation,
      specFile,
      docs: annotated(ANNOTATION.docs),
      page: annotated(ANNOTATION.page),
      docFindings: annotated(ANNOTATION.docFindings),
      outcome: 'pass',
      answeredBy: [],
      undocumented: [],
      tests: [],
    };
    const { outcome, reason } = verdictOf(test, result);
    const annotations = [...test.annotations, ...result.annotations];
    const answeredBy = annotations.find((a) => a.type === ANNOTATION.answeredBy)?.description ?? 'nobody: no request was sent';
    const undocumented = parseUndocumented(annotations.find((a) => a.type === ANNOTATION.undocumented)?.description);
    const permissionDivergence = annotations.find((a) => a.type === ANNOTATION.permissionDivergence)?.description;
    row.tests.push({
      title: test.title,
      outcome,
      reason,
      status: result.status,
      expectedStatus: test.expectedStatus,
      divergences: [
        ...new Set(annotations.filter((a) => a.type === ANNOTATION.knownDivergence).map((a) => divergenceIdOf(a.description) ?? '?')),
      ],
      answeredBy,
      undocumented,
      ...(permissionDivergence === undefined ? {} : { permissionDivergence }),
      durationMs: Math.round(result.duration),
    });
    if (!row.answeredBy.includes(answeredBy)) row.answeredBy.push(answeredBy);
    row.undocumented = [...new Set([...row.undocumented, ...undocumented])].sort();
    row.outcome = OUTCOMES[Math.min(OUTCOMES.indexOf(row.outcome), OUTCOMES.indexOf(outcome))] ?? outcome;
    rows.set(key, row);
    for (const leftover of result.annotations.filter((a) => a.type === ANNOTATION.leftover))
      leftovers.push({ operation, test: test.title, description: leftover.description ?? '' });
  }
  const operations = [...rows.values()].sort((a, b) => a.specFile.localeCompare(b.specFile));
  const tests = operations.flatMap((row) => row.tests);
  const totals = Object.fromEntries(OUTCOMES.map((outcome) => [outcome, tests.filter((t) => t.outcome === outcome).length])) as Record<
    Outcome,
    number
  >;
  const notTested = runErrors.find((message) => message.startsWith(NOT_TESTED_PREFIX))?.slice(NOT_TESTED_PREFIX.length);
  return { generatedAt: now.toISOString(), mode, ...(notTested ? { notTested } : {}), totals, operations, leftovers };
}

export function matrixMarkdown(matrix: ContractMatrix): string {
  const tests = matrix.operations.flatMap((row) => row.tests);
  const lines = [`## Contract matrix (${matrix.mode})`, ''];
  if (matrix.notTested) lines.push(`${ICON['not tested']} **Nothing was tested**: ${escapeCell(matrix.notTested)}`, '');
  if (tests.length > 0 && tests.every((t) => t.answeredBy.startsWith(DOCUMENTED_EXAMPLES))) {
    lines.push(
      "Every answer came from the pages' own documented examples, not from the service: this run checks the suite and the pages, not Graph.",
      '',
    );
  }
  if (matrix.operations.length > 0) {
    lines.push(
      '| operation | outcome | tests | answered by | known divergences | undocumented | doc page | doc findings |',
      '|---|---|---|---|---|---|---|---|',
      ...matrix.operations.map((row) => {
        const cells = row.tests.map((t) => `${ICON[t.outcome]} ${t.title}${t.reason ? ` — ${t.outcome}: ${t.reason}` : ''}`).join('<br>');
        const divergences = [...new Set(row.tests.flatMap((t) => t.divergences))].map((id) => `\`${id}\``).join(', ') || '—';
        const docs = row.docs ? `[${row.page ?? row.specFile}](${row.docs})` : (row.page ?? row.specFile);
        return `| \`${row.operation}\` | ${ICON[row.outcome]} ${row.outcome} | ${escapeCell(cells)} | ${escapeCell(row.answeredBy.join('<br>'))} | ${divergences} | ${escapeCell(undocumentedCell(row.undocumented))} | ${docs} | ${escapeCell(row.docFindings ?? '—')} |`;
      }),
      '',
    );
  }
  lines.push(...permissionDivergenceLines(matrix));
  lines.push(OUTCOMES.map((outcome) => `${ICON[outcome]} ${outcome}: ${matrix.totals[outcome]}`).join(' · '), '');
  lines.push(
    matrix.leftovers.length === 0
      ? 'Leftovers: none.'
      : `**Leftovers** (${matrix.leftovers.length}): created by a test, not proven deleted; \`npm run sweep\` removes the suite's leftovers after an hour.`,
    ...matrix.leftovers.map((leftover) => `- \`${leftover.operation}\` › ${leftover.test}: ${leftover.description}`),
    '',
  );
  return lines.join('\n');
}

/** Tests that passed with a token their page says is not enough: a list under the table, since the outcome is unchanged. */
function permissionDivergenceLines(matrix: ContractMatrix): string[] {
  const found = matrix.operations.flatMap((row) =>
    row.tests.flatMap((t) => (t.permissionDivergence ? [`- \`${row.operation}\` › ${t.title}: ${t.permissionDivergence}`] : [])),
  );
  return found.length === 0
    ? []
    : [
        `**Permission divergences** (${found.length}, advisory): passed with a token the page's permissions table says is not enough.`,
        ...found,
        '',
      ];
}

/** `schema: /a, /b` per schema, one schema a line; a dash when the schemas declare everything. */
function undocumentedCell(entries: readonly string[]): string {
  const bySchema = new Map<string, string[]>();
  for (const entry of entries) {
    const at = entry.indexOf('#');
    const schema = entry.slice(0, at);
    bySchema.set(schema, [...(bySchema.get(schema) ?? []), `\`${entry.slice(at + 1)}\``]);
  }
  return [...bySchema].map(([schema, pointers]) => `${schema}: ${pointers.join(', ')}`).join('<br>') || '—';
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/**
 * Writes the contract matrix, one row per operation, as Markdown (and into the GitHub job summary
 * when GITHUB_STEP_SUMMARY is set) and as JSON, for trends across nights. A run with leftovers or
 * a test not tested ends red even where Playwright would call it passed.
 */
export default class ContractMatrixReporter implements Reporter {
  private readonly results: { test: TestCase; result: TestResult }[] = [];
  private readonly errors: string[] = [];
  private mode = 'unknown';

  constructor(private readonly options: { outputDir?: string } = {}) {}

  printsToStdio(): boolean {
    return false;
  }

  onBegin(config: FullConfig): void {
    const { mode } = config.metadata as { mode?: unknown };
    this.mode = typeof mode === 'string' ? mode : 'unknown';
  }

  onError(error: TestError): void {
    this.errors.push((error.message ?? '').replace(/^Error: /, ''));
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    // A retried test counts once, by its last attempt.
    const index = this.results.findIndex((entry) => entry.test.id === test.id);
    if (index >= 0) this.results.splice(index, 1);
    this.results.push({ test, result });
  }

  onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    const directory = this.options.outputDir ?? 'test-results';
    const matrix = buildMatrix(this.results, this.mode, this.errors);
    const markdown = matrixMarkdown(matrix);
    const written = writeMatrix(directory, markdown, matrix);
    if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
    const red = !written || matrix.leftovers.length > 0 || matrix.totals['not tested'] > 0;
    return Promise.resolve(red && result.status === 'passed' ? { status: 'failed' } : undefined);
  }
}

/**
 * The configs check GRAPH_MATRIX_DIR before any test; a folder that went away or turned read-only
 * since still gets one line, not a reporter's stack trace, and the run ends red: its matrix is lost.
 */
function writeMatrix(directory: string, markdown: string, matrix: ContractMatrix): boolean {
  try {
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, 'contract-matrix.md'), markdown);
    writeFileSync(join(directory, 'contract-matrix.json'), `${JSON.stringify(matrix, null, 2)}\n`);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    process.stderr.write(
      `contract matrix: not written: ${displayPath(directory)} (GRAPH_MATRIX_DIR, default test-results/) cannot hold it (${code}): point GRAPH_MATRIX_DIR at a folder this user can write.\n`,
    );
    return false;
  }
}
