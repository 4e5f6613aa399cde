import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestError, TestResult } from '@playwright/test/reporter';
import { parseTestArguments, splitArguments } from '../config/arguments.ts';
import { divergenceIdOf } from '../divergence/registry.ts';
import { parseUndocumented } from '../schema/undocumented.ts';
import { NOT_TESTED_PREFIX } from '../verdict/not-tested.ts';
import { DOCUMENTED_EXAMPLES, OUTCOMES, verdictOf, type Outcome } from '../verdict/outcome.ts';
import { ANNOTATION } from '../shared/annotations.ts';
import { displayPath } from '../shared/display-path.ts';
import type { ContractMatrix, Leftover, MatrixRow, StoppedShard } from './contract-matrix.ts';
import { addMetadataColumn, metadataCell, metadataLines } from './metadata-column.ts';
import { readMetadataDrift } from './metadata-drift-file.ts';
import { TestKeys } from './test-keys.ts';
import { trafficOf } from './test-traffic.ts';

const ICON: Record<Outcome, string> = { fail: '❌', 'divergence gone': '🔔', 'not tested': '⛔', 'expected divergence': '⚠️', pass: '✅' };

/** One test of the run: its last result, or why it never ran (interrupted, --max-failures, its shard stopped). */
export interface MatrixEntry {
  test: TestCase;
  result?: TestResult;
  didNotRun?: string;
}

export function buildMatrix(
  entries: readonly MatrixEntry[],
  mode: string,
  runErrors: readonly string[] = [],
  now = new Date(),
  keys = new TestKeys(),
): ContractMatrix {
  const rows = new Map<string, MatrixRow>();
  const leftovers: Leftover[] = [];
  for (const { test, result } of entries) keys.learnVersion(test, [...test.annotations, ...(result?.annotations ?? [])]);
  for (const { test, result, didNotRun } of entries) {
    const specFile = test.location.file.replace(/\\/g, '/').split('/').pop() ?? test.location.file;
    const operation = test.parent.title || specFile;
    const key = `${specFile} ${operation}`;
    const annotated = (type: string) => test.annotations.find((a) => a.type === type)?.description;
    const annotations = [...test.annotations, ...(result?.annotations ?? [])];
    const testKey = keys.keyOf(test, annotations);
    const row = rows.get(key) ?? {
      operation,
      operationId: testKey.operation.operationId,
      method: testKey.operation.method,
      path: testKey.operation.path,
      version: testKey.operation.version,
      pageName: testKey.page,
      specFile,
      docs: annotated(ANNOTATION.docs),
      page: annotated(ANNOTATION.page),
      docFindings: annotated(ANNOTATION.docFindings),
      outcome: 'pass',
      answeredBy: [],
      undocumented: [],
      tests: [],
    };
    const { outcome, reason } = result
      ? verdictOf(test, result)
      : { outcome: 'not tested' as const, reason: `did not run: ${didNotRun ?? 'the run ended before it'}` };
    const answeredBy = annotations.find((a) => a.type === ANNOTATION.answeredBy)?.description ?? 'nobody: no request was sent';
    const undocumented = parseUndocumented(annotations.find((a) => a.type === ANNOTATION.undocumented)?.description);
    const permissionDivergence = annotations.find((a) => a.type === ANNOTATION.permissionDivergence)?.description;
    const notes = [...new Set(annotations.filter((a) => a.type === ANNOTATION.supportIds).map((a) => a.description ?? ''))];
    row.tests.push({
      id: testKey.id,
      operationId: testKey.operation.operationId,
      case: testKey.case,
      title: test.title,
      outcome,
      reason,
      status: result?.status ?? 'did not run',
      expectedStatus: test.expectedStatus,
      divergences: [
        ...new Set(annotations.filter((a) => a.type === ANNOTATION.knownDivergence).map((a) => divergenceIdOf(a.description) ?? '?')),
      ],
      answeredBy,
      undocumented,
      ...(permissionDivergence === undefined ? {} : { permissionDivergence }),
      notes,
      durationMs: Math.round(result?.duration ?? 0),
      // The result's annotations alone: the test's repeat them once it has run, and a poll or a wait counts once.
      ...trafficOf(result?.attachments ?? [], result?.annotations ?? [], testKey.operation),
    });
    if (!row.answeredBy.includes(answeredBy)) row.answeredBy.push(answeredBy);
    row.undocumented = [...new Set([...row.undocumented, ...undocumented])].sort();
    row.outcome = OUTCOMES[Math.min(OUTCOMES.indexOf(row.outcome), OUTCOMES.indexOf(outcome))] ?? outcome;
    rows.set(key, row);
    for (const leftover of result?.annotations.filter((a) => a.type === ANNOTATION.leftover) ?? [])
      leftovers.push({
        operation,
        operationId: testKey.operation.operationId,
        test: test.title,
        testId: testKey.id,
        description: leftover.description ?? '',
      });
  }
  const operations = [...rows.values()].sort((a, b) => a.specFile.localeCompare(b.specFile));
  const tests = operations.flatMap((row) => row.tests);
  const totals = Object.fromEntries(OUTCOMES.map((outcome) => [outcome, tests.filter((t) => t.outcome === outcome).length])) as Record<
    Outcome,
    number
  >;
  const stops = entries.map(({ test, result }) => runStopOf([...test.annotations, ...(result?.annotations ?? [])]));
  const stoppedShards = shardsStopped(stops);
  // Nothing was tested: every test was stopped before it started (or the run had none to stop).
  const stoppedWhole =
    stops.length > 0 && stops.every((stop) => stop !== undefined && stop.shard === undefined) ? stops[0]?.why : undefined;
  const notTested = stoppedWhole ?? runErrors.find((message) => message.startsWith(NOT_TESTED_PREFIX))?.slice(NOT_TESTED_PREFIX.length);
  return { generatedAt: now.toISOString(), mode, ...(notTested ? { notTested } : {}), stoppedShards, totals, operations, leftovers };
}

/** What a test's `run stopped` annotation says: `shard 2/2: why`, or `why` for an unsharded run. */
function runStopOf(annotations: readonly { type: string; description?: string }[]): { shard?: string; why: string } | undefined {
  const description = annotations.find((a) => a.type === ANNOTATION.runStopped)?.description;
  if (description === undefined) return undefined;
  const sharded = /^shard (\d+\/\d+): (.*)$/s.exec(description);
  return sharded ? { shard: sharded[1] ?? '', why: sharded[2] ?? '' } : { why: description };
}

function shardsStopped(stops: readonly ({ shard?: string; why: string } | undefined)[]): StoppedShard[] {
  const byShard = new Map<string, StoppedShard>();
  for (const stop of stops) {
    if (stop?.shard === undefined) continue;
    const known = byShard.get(stop.shard) ?? { shard: stop.shard, why: stop.why, tests: 0 };
    known.tests++;
    byShard.set(stop.shard, known);
  }
  return [...byShard.values()].sort((a, b) => a.shard.localeCompare(b.shard, undefined, { numeric: true }));
}

export function matrixMarkdown(matrix: ContractMatrix): string {
  const tests = matrix.operations.flatMap((row) => row.tests);
  const lines = [`## Contract matrix (${matrix.mode})`, ''];
  if (matrix.notTested) lines.push(`${ICON['not tested']} **Nothing was tested**: ${escapeCell(matrix.notTested)}`, '');
  for (const { shard, why, tests: count } of matrix.stoppedShards) {
    lines.push(`${ICON['not tested']} **Shard ${shard} stopped before its tests** (${count} not tested): ${escapeCell(why)}`, '');
  }
  if (tests.length > 0 && tests.every((t) => t.answeredBy.startsWith(DOCUMENTED_EXAMPLES))) {
    lines.push(
      "Every answer came from the pages' own documented examples, not from the service: this run checks the suite and the pages, not Graph.",
      '',
    );
  }
  if (matrix.operations.length > 0) {
    // The metadata column when the night's drift was given: a matrix without one reads as before.
    const drift = matrix.metadataDrift !== undefined;
    lines.push(
      `| operation | outcome | tests | answered by | known divergences | undocumented |${drift ? ' metadata |' : ''} doc page | doc findings |`,
      `|---|---|---|---|---|---|${drift ? '---|' : ''}---|---|`,
      ...matrix.operations.map((row) => {
        const cells = row.tests.map((t) => `${ICON[t.outcome]} ${t.title}${t.reason ? ` — ${t.outcome}: ${t.reason}` : ''}`).join('<br>');
        const divergences = [...new Set(row.tests.flatMap((t) => t.divergences))].map((id) => `\`${id}\``).join(', ') || '—';
        const docs = row.docs ? `[${row.page ?? row.specFile}](${row.docs})` : (row.page ?? row.specFile);
        const metadata = drift ? ` ${metadataCell(row.metadata)} |` : '';
        return `| \`${row.operation}\` | ${ICON[row.outcome]} ${row.outcome} | ${escapeCell(cells)} | ${escapeCell(row.answeredBy.join('<br>'))} | ${divergences} | ${escapeCell(undocumentedCell(row.undocumented))} |${metadata} ${docs} | ${escapeCell(row.docFindings ?? '—')} |`;
      }),
      '',
    );
  }
  lines.push(...metadataLines(matrix, escapeCell));
  lines.push(...permissionDivergenceLines(matrix));
  lines.push(...noteLines(matrix));
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

/** Notes on tests, whatever their outcome: what support would need and an answer lacked. */
function noteLines(matrix: ContractMatrix): string[] {
  const found = matrix.operations.flatMap((row) =>
    row.tests.flatMap((t) => t.notes.map((note) => `- \`${row.operation}\` › ${t.title}: ${note}`)),
  );
  return found.length === 0
    ? []
    : [`**Notes** (${found.length}): what support would need, missing from an answer; the outcome stands.`, ...found, ''];
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
 * when GITHUB_STEP_SUMMARY is set) and as JSON, which `npm run history:append` carries into the
 * history by each test's id, with the requests, polls and 429 waits that history keeps. A run with leftovers or
 * a test not tested ends red even where Playwright would call it passed. Given the night's metadata
 * drift report (GRAPH_METADATA_DRIFT_FILE, from npm run metadata:drift), each row carries its
 * metadata column too; the drift itself never changes an outcome or the run's colour.
 */
export default class ContractMatrixReporter implements Reporter {
  private readonly results = new Map<string, { test: TestCase; result: TestResult }>();
  private readonly errors: string[] = [];
  private mode = 'unknown';
  private suite: Suite | undefined;
  private maxFailures = 0;

  constructor(private readonly options: { outputDir?: string } = {}) {}

  printsToStdio(): boolean {
    return false;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    const { mode } = config.metadata as { mode?: unknown };
    this.mode = typeof mode === 'string' ? mode : 'unknown';
    // Every test the run was asked for: the matrix lists each, run or not. `--list` asks for none to run.
    const listing = parseTestArguments(splitArguments(config.argv).playwright)?.options.some((option) => option.name === '--list') ?? false;
    if (!listing) this.suite = suite;
    this.maxFailures = config.maxFailures;
  }

  onError(error: TestError): void {
    this.errors.push((error.message ?? '').replace(/^Error: /, ''));
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    // A retried test counts once, by its last attempt.
    this.results.set(test.id, { test, result });
  }

  onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    const directory = this.options.outputDir ?? 'test-results';
    const whyNotRun = this.whyNotRun(result);
    // In the order the specs declare their tests, whatever order the workers finished them in: a matrix reads the same every night.
    const declared = this.suite?.allTests() ?? [];
    const entries: MatrixEntry[] = declared.map((test) => {
      const entry = this.results.get(test.id);
      // Playwright marks the tests an interrupted run never started as skipped, with no skip of their own.
      return entry && !neverStarted(entry) ? entry : { test, didNotRun: whyNotRun };
    });
    const listed = new Set(declared.map((test) => test.id));
    for (const [id, entry] of this.results) if (!listed.has(id)) entries.push(entry);
    const built = buildMatrix(entries, this.mode, this.errors);
    // The configs read the drift report once before any test (checkMetadataDriftOrExit): here it is known to be one.
    const driftFile = process.env.GRAPH_METADATA_DRIFT_FILE?.trim();
    const matrix = driftFile ? addMetadataColumn(built, readMetadataDrift(driftFile)) : built;
    const markdown = matrixMarkdown(matrix);
    const written = writeMatrix(directory, markdown, matrix);
    if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
    return Promise.resolve((!written || isRed(matrix)) && result.status === 'passed' ? { status: 'failed' } : undefined);
  }

  /** Why the tests without a result never ran, as far as the run's end tells. */
  private whyNotRun(result: FullResult): string {
    if (result.status === 'interrupted') return 'the run was interrupted';
    if (result.status === 'timedout') return "the run's global timeout ended it first";
    const failures = [...this.results.values()].filter(
      ({ test, result: r }) => r.status !== test.expectedStatus && r.status !== 'skipped',
    ).length;
    if (this.maxFailures > 0 && failures >= this.maxFailures) {
      return `the run stopped after ${this.maxFailures} failure${this.maxFailures === 1 ? '' : 's'} (--max-failures=${this.maxFailures})`;
    }
    return 'the run ended before it';
  }
}

/** A skipped result no test.skip made and no run stop explains: the run ended before the test began. */
function neverStarted({ test, result }: { test: TestCase; result: TestResult }): boolean {
  if (result.status !== 'skipped') return false;
  const types = new Set([...test.annotations, ...result.annotations].map((annotation) => annotation.type));
  return !types.has(ANNOTATION.skip) && !types.has(ANNOTATION.notTested);
}

/** Red, whatever Playwright says: a test not tested, a stopped shard, or something left in the tenant. */
export function isRed(matrix: ContractMatrix): boolean {
  return (
    matrix.leftovers.length > 0 ||
    matrix.totals['not tested'] > 0 ||
    matrix.stoppedShards.length > 0 ||
    matrix.totals.fail > 0 ||
    matrix.totals['divergence gone'] > 0
  );
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
