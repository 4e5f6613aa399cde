import { basename } from 'node:path';
import type { Finding } from './finding.ts';
import type { Judged } from './known-findings.ts';
import type { LintedFile } from './lint-file.ts';
import { LINT_RULES } from './rules/all-rules.ts';

/** Per page outside pages/: its findings, its parser warnings, or why it is unusable. */
export function formatLintedFiles(files: readonly LintedFile[]): string {
  const lines: string[] = [];
  for (const linted of files) {
    if (linted.unusable !== undefined) {
      lines.push(`${linted.file}: unusable: ${linted.unusable}`);
      continue;
    }
    const version = linted.version ? `${linted.version}, from its ${linted.versionFrom ?? '?'}` : 'version unknown';
    const counts = [
      linted.findings.length === 0 ? 'no findings' : `${linted.findings.length} finding(s)`,
      ...(linted.warnings.length > 0 ? [`${linted.warnings.length} warning(s)`] : []),
      ...(linted.permissionsNotRead === undefined ? [] : ['permissions not read']),
    ];
    lines.push(`${linted.file} (${version}): ${counts.join(', ')}`);
    for (const { rule, line, at, evidence } of linted.findings) lines.push(`  ${rule}  line ${line ?? '?'}  ${at}: ${evidence}`);
    for (const { line, message } of linted.warnings) lines.push(`  warning  line ${line}  ${message}`);
    if (linted.permissionsNotRead !== undefined) lines.push(`  permissions  not read: ${linted.permissionsNotRead}`);
  }
  return lines.join('\n');
}

export interface RuleCount {
  rule: string;
  findings: number;
  pages: number;
}

/** How many findings each rule gave, and on how many pages, in the rules' order; rules that gave none are left out. */
export function ruleCounts(findings: readonly Finding[], pageOf: (finding: Finding) => string): RuleCount[] {
  return LINT_RULES.flatMap(({ id }) => {
    const mine = findings.filter((finding) => finding.rule === id);
    return mine.length === 0 ? [] : [{ rule: id, findings: mine.length, pages: new Set(mine.map(pageOf)).size }];
  });
}

/** The summary's lines: the totals, then one line per rule with what it checks. */
export function formatSummary(
  totals: { pages: number; unusable: number; findings: number; warnings: number; permissionsNotRead: number },
  counts: RuleCount[],
): string {
  const lines = [
    `docs:lint summary: ${totals.pages} page(s) read, ${totals.unusable} unusable; ${totals.findings} finding(s), ${totals.warnings} parser warning(s)`,
    ...(totals.permissionsNotRead === 0
      ? []
      : [`  ${totals.permissionsNotRead} page(s) whose permissions include is not at hand beside them: those permissions were not read`]),
  ];
  const width = Math.max(0, ...counts.map(({ rule }) => rule.length));
  for (const { rule, findings, pages } of counts) {
    const checks = LINT_RULES.find(({ id }) => id === rule)?.checks ?? '';
    lines.push(`  ${rule.padEnd(width)}  ${String(findings).padStart(5)} finding(s) on ${String(pages).padStart(4)} page(s)  ${checks}`);
  }
  return lines.join('\n');
}

/** What `--json <file>` writes: every page with its findings (marked, for pages under contract) and warnings, and the summary. */
export function lintReport(
  contract: { judged: readonly Judged[]; pages: readonly string[] },
  files: readonly LintedFile[],
  counts: RuleCount[],
): unknown {
  const contractPages = contract.pages.map((page) => ({
    file: page,
    underContract: true,
    findings: contract.judged.flatMap((entry) =>
      entry.mark === 'gone' || basename(page) !== entry.finding.page ? [] : [{ mark: entry.mark, ...withoutPage(entry.finding) }],
    ),
    gone: contract.judged.flatMap((entry) =>
      entry.mark === 'gone' && basename(page) === entry.known.page
        ? [{ rule: entry.known.rule, at: entry.known.at, evidence: entry.known.evidence }]
        : [],
    ),
  }));
  const otherPages = files.map((linted) => ({
    file: linted.file,
    underContract: false,
    version: linted.version ?? null,
    versionFrom: linted.versionFrom ?? null,
    ...(linted.unusable === undefined ? {} : { unusable: linted.unusable }),
    findings: linted.findings.map(withoutPage),
    warnings: linted.warnings.map(({ line, message, lostExample }) => ({ line, message, lostExample: lostExample !== undefined })),
    permissionsNotRead: linted.permissionsNotRead ?? null,
  }));
  const findings =
    contract.judged.filter((entry) => entry.mark !== 'gone').length + files.reduce((sum, linted) => sum + linted.findings.length, 0);
  return {
    pages: [...contractPages, ...otherPages],
    summary: {
      pages: contract.pages.length + files.length,
      unusable: files.filter((linted) => linted.unusable !== undefined).length,
      findings,
      warnings: files.reduce((sum, linted) => sum + linted.warnings.length, 0),
      permissionsNotRead: files.filter((linted) => linted.permissionsNotRead !== undefined).length,
      rules: Object.fromEntries(counts.map(({ rule, findings: count, pages }) => [rule, { findings: count, pages }])),
    },
  };
}

const withoutPage = ({ rule, line, at, evidence }: Finding) => ({ rule, line: line ?? null, at, evidence });
