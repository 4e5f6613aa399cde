import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { DocPage } from './page-model.ts';
import { parsePage } from './parse-page.ts';
import { readPageRecord, type PageFiles, type PageRecord } from './page-record.ts';

/** A page under contract, parsed, with its record. */
export function loadPage(files: PageFiles): { page: DocPage; record: PageRecord } {
  const file = relative(process.cwd(), files.markdown) || files.markdown;
  return { page: parsePage(readFileSync(files.markdown, 'utf8'), file), record: readPageRecord(files.record) };
}
