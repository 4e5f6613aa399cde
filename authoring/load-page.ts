import type { DocPage } from '../harness/page/page-model.ts';
import { readPageText } from '../harness/page/page-bounds.ts';
import { parsePage } from '../harness/page/parse-page.ts';
import { readPageRecord, type PageFiles, type PageRecord } from '../harness/page/page-record.ts';
import { displayPath } from '../harness/shared/display-path.ts';

/** A page under contract, parsed, with its record. */
export function loadPage(files: PageFiles): { page: DocPage; record: PageRecord } {
  const file = displayPath(files.markdown);
  return { page: parsePage(readPageText(files.markdown, file), file), record: readPageRecord(files.record) };
}
