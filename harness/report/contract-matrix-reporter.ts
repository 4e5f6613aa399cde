import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FullConfig, Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { DIVERGENCE_ANNOTATION, divergenceIdOf } from '../divergence/registry.ts';
import { UPDATE_THE_REGISTRY } from '../divergence/verdict.ts';

export type Outcome = 'fail' | 'divergence gone' | 'expected divergence' | 'pass' | 'skipped';

/** Worst first: an operation's row shows the worst outcome among its tests. */
const SEVERITY: Outcome[] = ['fail', 'divergence gone', 'expected divergence', 'pass', 'skipped'];
const ICON: Record<Outcome, string> = { fail: '❌', 'divergence gone': '🔔', 'expected divergence': '⚠️', pass: '✅', skipped: '⏭️' };

export interface MatrixTest {
  title: string;
  outcome: Outcome;
  status: string;
  expectedStatus: string;
  divergences: string[];
  durationMs: number;
}

export interface MatrixRow {
  operation: string;
  specFile: string;
  docs: string | undefined;
  outcome: Outcome;
  tests: MatrixTest[];
}

export interface ContractMatrix {
  generatedAt: string;
  mode: string;
  totals: Record<Outcome, number>;
  operations: MatrixRow[];
}

export function outcomeOf(test: TestCase, result: TestResult): Outcome {
  if (result.status === 'skipped') return 'skipped';
  if (result.errors.some((error) => error.message?.includes(UPDATE_THE_REGISTRY))) return 'divergence gone';
  if (result.status === test.expectedStatus) return result.status === 'failed' ? 'expected divergence' : 'pass';
  return 'fail';
}

export function buildMatrix(results: readonly { test: TestCase; result: TestResult }[], mode: string, now = new Date()): ContractMatrix {
  const rows = new Map<string, MatrixRow>();
  for (const { test, result } of results) {
    const specFile = test.location.file.replace(/\\/g, '/').split('/').pop() ?? test.location.file;
    const operation = test.parent.title || specFile;
    const key = `${specFile} ${operation}`;
    const row = rows.get(key) ?? { operation, specFile, docs: test.annotations.find((a) => a.type === 'docs')?.description, outcome: 'skipped', tests: [] };
    const outcome = outcomeOf(test, result);
    row.tests.push({
      title: test.title,
      outcome,
      status: result.status,
      expectedStatus: test.expectedStatus,
      divergences: test.annotations.filter((a) => a.type === DIVERGENCE_ANNOTATION).map((a) => divergenceIdOf(a.description) ?? '?'),
      durationMs: Math.round(result.duration),
    });
    row.outcome = SEVERITY[Math.min(SEVERITY.indexOf(row.outcome), SEVERITY.indexOf(outcome))] ?? outcome;
    rows.set(key, row);
  }
  const operations = [...rows.values()].sort((a, b) => a.specFile.localeCompare(b.specFile));
  const totals = Object.fromEntries(SEVERITY.map((outcome) => [outcome, operations.flatMap((row) => row.tests).filter((t) => t.outcome === outcome).length])) as Record<Outcome, number>;
  return { generatedAt: now.toISOString(), mode, totals, operations };
}

export function matrixMarkdown(matrix: ContractMatrix): string {
  const lines = [
    `## Contract matrix (${matrix.mode})`,
    '',
    '| operation | outcome | tests | known divergences | doc page |',
    '|---|---|---|---|---|',
    ...matrix.operations.map((row) => {
      const tests = row.tests.map((t) => `${ICON[t.outcome]} ${t.title}`).join('<br>');
      const divergences = [...new Set(row.tests.flatMap((t) => t.divergences))].map((id) => `\`${id}\``).join(', ') || '—';
      return `| \`${row.operation}\` | ${ICON[row.outcome]} ${row.outcome} | ${escapeCell(tests)} | ${divergences} | ${row.docs ? `[${row.specFile}](${row.docs})` : row.specFile} |`;
    }),
    '',
    SEVERITY.map((outcome) => `${ICON[outcome]} ${outcome}: ${matrix.totals[outcome]}`).join(' · '),
    '',
  ];
  return lines.join('\n');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/**
 * Writes the contract matrix, one row per operation, as Markdown (and into the GitHub job summary
 * when GITHUB_STEP_SUMMARY is set) and as JSON, for trends across nights.
 */
export default class ContractMatrixReporter implements Reporter {
  private readonly results: { test: TestCase; result: TestResult }[] = [];
  private mode = 'unknown';

  constructor(private readonly options: { outputDir?: string } = {}) {}

  printsToStdio(): boolean {
    return false;
  }

  onBegin(config: FullConfig): void {
    const { mode } = config.metadata as { mode?: unknown };
    this.mode = typeof mode === 'string' ? mode : 'unknown';
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    // A retried test counts once, by its last attempt.
    const index = this.results.findIndex((entry) => entry.test.id === test.id);
    if (index >= 0) this.results.splice(index, 1);
    this.results.push({ test, result });
  }

  onEnd(): void {
    const directory = this.options.outputDir ?? 'test-results';
    const matrix = buildMatrix(this.results, this.mode);
    const markdown = matrixMarkdown(matrix);
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, 'contract-matrix.md'), markdown);
    writeFileSync(join(directory, 'contract-matrix.json'), `${JSON.stringify(matrix, null, 2)}\n`);
    if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
  }
}
