import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { harnessValidator } from '../../harness/schema/registry.ts';
import { describeErrors, formatViolations } from '../../harness/schema/format-errors.ts';
import { writeAtomically } from '../../harness/shared/write-atomically.ts';
import { PAGES_DIRECTORY } from '../../harness/page/page-record.ts';
import { isRuleId, LINT_RULES, type RuleId } from './rules/all-rules.ts';
import type { Finding } from './finding.ts';
import { displayPath } from '../../harness/shared/display-path.ts';
import { JsonTextError, parseJsonText } from '../../harness/shared/json-text.ts';

export const KNOWN_FINDINGS_PATH = join(PAGES_DIRECTORY, 'known-findings.json');

/** A finding the pages have today, listed with its evidence so that a new one stands out. */
export interface KnownFinding {
  page: string;
  rule: RuleId;
  at: string;
  evidence: string;
  note?: string;
}

export class KnownFindingsError extends Error {
  override name = 'KnownFindingsError';
}

export type Judged =
  | { mark: 'known'; finding: Finding; known: KnownFinding }
  | { mark: 'new'; finding: Finding }
  /** Listed at this place, and the page now says something else there: the evidence is stale. */
  | { mark: 'changed'; finding: Finding; known: KnownFinding }
  | { mark: 'gone'; known: KnownFinding };

const keyOf = ({ page, rule, at }: { page: string; rule: string; at: string }) => `${page}\u0000${rule}\u0000${at}`;

export function readKnownFindings(path: string = KNOWN_FINDINGS_PATH): KnownFinding[] {
  const label = displayPath(path);
  const fix = 'it lists the findings the pages are known to have: mend it, or write it again with npm run docs:lint -- --update';
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new KnownFindingsError(`${label} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): ${fix}.`);
  }
  let data: unknown;
  try {
    data = parseJsonText(text);
  } catch (error) {
    if (!(error instanceof JsonTextError)) throw error;
    throw new KnownFindingsError(`${label}: ${error.message}: ${fix}.`);
  }
  const validate = harnessValidator(new URL('./known-findings.schema.json', import.meta.url));
  if (!validate(data))
    throw new KnownFindingsError(
      `${label} is not a valid list of known findings:\n${formatViolations(describeErrors(validate.errors ?? [], data))}`,
    );
  const findings = (data as { findings: KnownFinding[] }).findings;
  const unknown = findings.find((entry) => !isRuleId(entry.rule));
  if (unknown)
    throw new KnownFindingsError(
      `${label}: "${unknown.rule}" (${unknown.page}, ${unknown.at}) is no rule of the lint; its rules are ${LINT_RULES.map(({ id }) => id).join(', ')}.`,
    );
  return findings;
}

/**
 * Each finding is known (listed with the same evidence), changed (listed at that place with other
 * evidence) or new; each listed finding no page has any more is gone. Findings are counted: a second
 * finding at a listed place is new. Only the pages linted are judged.
 */
export function judgeFindings(findings: readonly Finding[], known: readonly KnownFinding[], pagesLinted: ReadonlySet<string>): Judged[] {
  const listed = new Map<string, KnownFinding[]>();
  for (const entry of known) if (pagesLinted.has(entry.page)) listed.set(keyOf(entry), [...(listed.get(keyOf(entry)) ?? []), entry]);
  const judged: Judged[] = [];
  const unmatched: Finding[] = [];
  for (const finding of findings) {
    const candidates = listed.get(keyOf(finding)) ?? [];
    const same = candidates.findIndex((entry) => entry.evidence === finding.evidence);
    if (same === -1) {
      unmatched.push(finding);
      continue;
    }
    judged.push({ mark: 'known', finding, known: candidates.splice(same, 1)[0] as KnownFinding });
  }
  for (const finding of unmatched) {
    const stale = listed.get(keyOf(finding))?.shift();
    judged.push(stale ? { mark: 'changed', finding, known: stale } : { mark: 'new', finding });
  }
  for (const entries of listed.values()) for (const entry of entries) judged.push({ mark: 'gone', known: entry });
  return judged;
}

/** The list as the pages are now: their findings, with each one's note kept. */
export function writeKnownFindings(
  findings: readonly Finding[],
  previous: readonly KnownFinding[],
  path: string = KNOWN_FINDINGS_PATH,
): void {
  const notes = new Map(previous.filter((entry) => entry.note).map((entry) => [keyOf(entry), entry.note]));
  const entries = findings.map(({ page, rule, at, evidence }) => ({
    page,
    rule,
    at,
    evidence,
    ...(notes.get(keyOf({ page, rule, at })) ? { note: notes.get(keyOf({ page, rule, at })) } : {}),
  }));
  const text = JSON.stringify(
    {
      $schema: '../authoring/lint/known-findings.schema.json',
      $comment:
        'What npm run docs:lint finds on the pages under contract today. A finding not listed here fails the lint, and so does a listed one the page no longer has. npm run docs:lint -- --update writes this file from the pages.',
      findings: entries,
    },
    null,
    2,
  );
  writeAtomically(path, `${text}\n`);
}
