import { basename } from 'node:path';
import type { PageFiles } from '../../harness/page/page-record.ts';
import { ruleNamed } from './rules/all-rules.ts';
import type { Judged } from './known-findings.ts';
import { displayPath } from '../../harness/shared/display-path.ts';

const MARK = { known: 'known', new: 'NEW  ', changed: 'CHANGED', gone: 'GONE ' } as const;

/** Per page, each finding with its rule, line and evidence; new and gone ones say what to do. */
export function formatJudgement(judged: readonly Judged[], pages: readonly PageFiles[]): string {
  const lines: string[] = [];
  for (const files of pages) {
    const page = basename(files.markdown);
    const mine = judged.filter((entry) => (entry.mark === 'gone' ? entry.known.page : entry.finding.page) === page);
    const counts = (['known', 'new', 'changed', 'gone'] as const)
      .map((mark) => [mark, mine.filter((entry) => entry.mark === mark).length] as const)
      .filter(([, count]) => count > 0);
    lines.push(
      `${displayPath(files.markdown)}: ${mine.length === 0 ? 'no findings' : counts.map(([mark, count]) => `${count} ${mark}`).join(', ')}`,
    );
    for (const entry of mine) {
      if (entry.mark === 'gone') {
        lines.push(
          `  ${MARK.gone} ${entry.known.rule}  ${entry.known.at}: listed in pages/known-findings.json, and the page no longer has it: remove the entry`,
        );
        continue;
      }
      const { rule, at, line, evidence } = entry.finding;
      lines.push(`  ${MARK[entry.mark]} ${rule}  line ${line ?? '?'}  ${at}: ${evidence}`);
      if (entry.mark === 'changed') lines.push(`          listed with other evidence: ${entry.known.evidence}`);
    }
  }
  const total = (mark: Judged['mark']) => judged.filter((entry) => entry.mark === mark).length;
  const fresh = total('new');
  lines.push(
    `docs:lint: ${pages.length} page(s); ${total('known')} known finding(s), ${fresh} new, ${total('changed')} changed, ${total('gone')} gone`,
  );
  if (fresh + total('changed') > 0) {
    const rules = [...new Set(judged.flatMap((entry) => (entry.mark === 'new' || entry.mark === 'changed' ? [entry.finding.rule] : [])))];
    lines.push(...rules.map((rule) => `  ${rule}: ${ruleNamed(rule).checks}`));
    lines.push(
      'Fix the page, or, if the finding is the page as published, list it: npm run docs:lint -- --update, then review git diff pages/known-findings.json.',
    );
  }
  return lines.join('\n');
}
