import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pagesIn, PAGES_DIRECTORY } from '../../harness/page/page-record.ts';
import type { Finding } from '../lint/finding.ts';
import { readKnownFindings, writeKnownFindings } from '../lint/known-findings.ts';
import { lintPages } from '../lint/lint-pages.ts';
import { metadataFacts } from '../lint/metadata-facts.ts';

/**
 * Lints a page just taken under contract and lists its findings as known in pages/known-findings.json,
 * as `npm run docs:lint -- --update <page>` would: the other pages' entries, and their notes, stay as
 * they are. The findings are the page owner's to fix, not the new spec's; `docs:lint` names each.
 */
export function recordPageFindings(name: string, pagesDirectory: string = PAGES_DIRECTORY): Finding[] {
  const files = pagesIn(pagesDirectory).find((page) => page.name === name);
  if (!files) throw new Error(`pages/${name}.md is not a page under contract: new-spec writes it first.`);
  const findings = lintPages([files], metadataFacts());
  const knownPath = join(pagesDirectory, 'known-findings.json');
  const known = existsSync(knownPath) ? readKnownFindings(knownPath) : [];
  const others = known.filter((entry) => entry.page !== `${name}.md`).map((entry) => ({ ...entry, line: undefined }));
  writeKnownFindings([...others, ...findings], known, knownPath);
  return findings;
}
