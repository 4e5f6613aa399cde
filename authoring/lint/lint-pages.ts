import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describeErrors } from '../../harness/schema/format-errors.ts';
import { schemaValidator, SCHEMAS_DIRECTORY } from '../../harness/schema/registry.ts';
import { loadPage } from '../load-page.ts';
import type { PageFiles, PageRecord } from '../../harness/page/page-record.ts';
import { LINT_RULES } from './rules/all-rules.ts';
import type { Finding } from './finding.ts';
import type { LintContext, MetadataFacts, SchemaCheck } from './rules/lint-rule.ts';

/** The Graph version a page documents: its public URL's view, or the published page's for a stub. */
export function versionOf(record: PageRecord): string | undefined {
  for (const url of [record.url, record.published?.url]) {
    const view = url ? new URL(url).searchParams.get('view') : null;
    if (view === 'graph-rest-beta') return 'beta';
    if (view === 'graph-rest-1.0') return 'v1.0';
  }
  return undefined;
}

/** Every rule over every page, in page order then rule order. */
export function lintPages(pages: readonly PageFiles[], metadataFor: (version: string) => MetadataFacts | undefined): Finding[] {
  const schemas = schemasByType();
  return pages.flatMap((files) => {
    const { page, record } = loadPage(files);
    const documented = versionOf(record);
    // A stub with no published page documents no version: its example's is the best there is for the metadata.
    const version = documented ?? page.examples.find((example) => example.request?.version)?.request?.version;
    return lintPage({
      page,
      pageName: basename(files.markdown),
      version: documented,
      metadata: version ? metadataFor(version) : undefined,
      schemas: schemas(version),
    });
  });
}

/** Every rule over one page, each finding stamped with its rule's id and the page. */
export function lintPage(context: LintContext): Finding[] {
  return LINT_RULES.flatMap((rule) => rule.check(context).map((hit) => ({ rule: rule.id, page: context.pageName, ...hit })));
}

/**
 * The contract's schemas by the Graph type their title names, for a page's version: a title that
 * pins one (`microsoft.graph.connector (beta)`) covers only that version's pages.
 */
export function schemasByType(directory: string = SCHEMAS_DIRECTORY): (version: string | undefined) => SchemaCheck {
  const byType = new Map<string, { name: string; version: string | undefined }>();
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.json'))) {
    const title = (JSON.parse(readFileSync(join(directory, file), 'utf8')) as { title?: unknown }).title;
    const [type, pinned] = typeof title === 'string' ? [title.split(' ')[0], /\((beta|v1\.0)\)/.exec(title)?.[1]] : [];
    if (type?.startsWith('microsoft.graph')) byType.set(type, { name: basename(file, '.json'), version: pinned });
  }
  return (version) => ({
    schemaFor(type) {
      const schema = byType.get(type);
      if (!schema || (schema.version !== undefined && version !== undefined && schema.version !== version)) return undefined;
      const { name } = schema;
      return {
        name,
        violations(body) {
          const validate = schemaValidator(name);
          if (validate(body)) return [];
          const errors = validate.errors ?? [];
          return describeErrors(errors, body).map((violation, index) => ({ ...violation, keyword: errors[index]?.keyword ?? '' }));
        },
      };
    },
  });
}
