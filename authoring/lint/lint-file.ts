import { basename } from 'node:path';
import { readPageText } from '../../harness/page/page-bounds.ts';
import { PageError, type PageWarning } from '../../harness/page/page-model.ts';
import { neighbourReader } from '../../harness/page/neighbour-file.ts';
import { parsePage } from '../../harness/page/parse-page.ts';
import { displayPath } from '../../harness/shared/display-path.ts';
import type { Finding } from './finding.ts';
import { lintPage } from './lint-pages.ts';
import { versionOfFile, type VersionSource } from './page-version.ts';
import type { MetadataFacts, SchemaCheck } from './rules/lint-rule.ts';

/** One page outside pages/, linted: its findings and the parser's warnings, or why it could not be read. */
export interface LintedFile {
  /** As messages show it: relative to the working directory. */
  file: string;
  version: string | undefined;
  versionFrom: VersionSource | undefined;
  findings: Finding[];
  warnings: PageWarning[];
  /** Why permissions the page documents were not read: its include is not at hand beside it. */
  permissionsNotRead?: string;
  /** Why the page cannot be read as a doc page (no HTTP request, beyond a doc page's bounds); its findings are then none. */
  unusable?: string;
}

/**
 * Lints a page of any docs checkout (or none): its version from its path or its front matter, the
 * metadata of that version (or of the version its examples call, when it says none), its
 * permissions include read from beside it. A page that cannot be read is returned as unusable, with why.
 */
export function lintFile(
  path: string,
  metadataFor: (version: string) => MetadataFacts | undefined,
  schemasFor: (version: string | undefined) => SchemaCheck,
): LintedFile {
  const file = displayPath(path);
  let page;
  try {
    page = parsePage(readPageText(path, file), file, { readNeighbour: neighbourReader(path) });
  } catch (error) {
    if (!(error instanceof PageError)) throw error;
    const why = error.message.slice(error.message.indexOf(': ') + 2);
    return {
      file,
      version: undefined,
      versionFrom: undefined,
      findings: [],
      warnings: [],
      unusable: error.line === undefined ? why : `line ${error.line}: ${why}`,
    };
  }
  const { version, from } = versionOfFile(path, page.frontMatter);
  const metadataVersion = version ?? page.examples.find((example) => example.request?.version)?.request?.version;
  const findings = lintPage({
    page,
    pageName: basename(path),
    version,
    metadata: metadataVersion ? metadataFor(metadataVersion) : undefined,
    schemas: schemasFor(metadataVersion),
  });
  const include = page.permissionsInclude?.unavailable;
  const unavailable = include === undefined || !page.permissions ? include : `${include} (the page's other tables were read)`;
  return {
    file,
    version,
    versionFrom: from,
    findings,
    warnings: page.warnings,
    ...(unavailable === undefined ? {} : { permissionsNotRead: unavailable }),
    unusable: undefined,
  };
}
