import { changelogState, type MetadataChange, type MetadataDriftReport } from '../../harness/report/metadata-drift-file.ts';

/** One change as the report lists it: the change once, with every operation whose types hold it. */
export interface ListedChange {
  version: string;
  operations: string[];
  change: MetadataChange;
}

/** The report's changes, each once (an operation shares its types with others), in the report's order. */
export function listedChanges(report: MetadataDriftReport): ListedChange[] {
  const listed = new Map<string, ListedChange>();
  for (const operation of report.operations) {
    for (const change of operation.changes) {
      const key = `${operation.version}\n${change.type}\n${change.change}`;
      const known = listed.get(key);
      if (known) known.operations.push(operation.operationId);
      else listed.set(key, { version: operation.version, operations: [operation.operationId], change });
    }
  }
  return [...listed.values()];
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** `2 changes to types the contract uses (1 announced, 1 silent)`, or that none changed. */
export function driftSummary(report: MetadataDriftReport): string {
  if (!report.checked) return `not checked: ${report.why ?? 'no reason given'}`;
  const listed = listedChanges(report);
  if (listed.length === 0)
    return `no change to the ${plural(new Set(report.operations.flatMap((o) => o.types)).size, 'type')} the contract uses`;
  const count = (state: string) => listed.filter(({ change }) => changelogState(change) === state).length;
  const unknown = count('unknown');
  return `${plural(listed.length, 'change')} to types the contract uses (${count('announced')} announced, ${count('silent')} silent${unknown > 0 ? `, ${unknown} unknown` : ''})`;
}

/** What the change means, in the words a reviewer reads: `silent`, `unknown: why`, or `announced 2026-05-04: …`. */
export function announcement(change: MetadataChange): string {
  if (change.announced !== undefined) return `announced ${change.announced.date}: ${change.announced.text}`;
  return change.unknown === undefined ? 'silent' : `unknown: ${change.unknown}`;
}

/** The lines metadata:drift prints: the summary, then each change with its operations, direction and announcement. */
export function driftLines(report: MetadataDriftReport): string[] {
  const lines = report.versions.map(
    (version) =>
      `metadata:drift: ${version.version}: ${version.url}${version.unchanged ? ': the same bytes as committed' : ''}, compared with ${version.committed}`,
  );
  const summary = driftSummary(report).replace(/\.$/, '');
  lines.push(`metadata:drift: ${summary}${report.checked && listedChanges(report).length > 0 ? ':' : '.'}`);
  for (const { operations, change } of listedChanges(report)) {
    lines.push(
      `  ${change.type}: ${change.change} (${change.direction ?? 'direction unknown'}; ${announcement(change)}) — ${operations.join(', ')}`,
    );
  }
  for (const changelog of report.changelogs)
    if (changelog.error === undefined)
      lines.push(`metadata:drift: read ${changelog.url} (${plural(changelog.entries, 'entry', 'entries')})`);
  return lines;
}

/**
 * One message per changelog that could not be read: its host, what went wrong, and what became of
 * its changes. Any makes the command exit 1.
 */
export function changelogFailures(report: MetadataDriftReport): string[] {
  return report.changelogs.flatMap((changelog) =>
    changelog.error === undefined
      ? []
      : [
          `metadata:drift: changelog/${changelog.workload}.json could not be read from ${hostOf(changelog.url)}: ${changelog.error.replace(/\.$/, '')}. Its changes are marked unknown, not silent; the comparison stands.`,
        ],
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

const MARK = { silent: '🔇', announced: '📣', unknown: '❔' };

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * The drift as Markdown: the job summary's section and the body of the pull request that updates the
 * committed metadata. Per change: the type, what changed, whom it breaks, whether the changelog
 * announced it (with the entry's date and text), and the operations whose contracts use the type.
 */
export function driftMarkdown(report: MetadataDriftReport): string {
  const lines = ['## Metadata drift', ''];
  if (!report.checked) {
    lines.push(`⛔ **Not checked tonight**: ${cell(report.why ?? 'no reason given')}`, '');
    return lines.join('\n');
  }
  lines.push(
    `Graph's metadata tonight, compared with the committed metadata for the types each operation under contract uses (its schemas' types, their properties' complex and enum types, base types): ${driftSummary(report)}.`,
    '',
  );
  for (const version of report.versions) {
    lines.push(
      `- ${version.version}: ${version.url}${version.unchanged ? ' (the same bytes as committed)' : ''}; committed: ${version.committed}`,
    );
  }
  lines.push('');
  const listed = listedChanges(report);
  if (listed.length > 0) {
    lines.push(
      '| type | change | breaks | changelog | operations |',
      '|---|---|---|---|---|',
      ...listed.map(({ version, operations, change }) => {
        const said =
          change.announced !== undefined
            ? `${MARK.announced} ${change.announced.date}: ${change.announced.text}`
            : `${MARK[changelogState(change)]} ${announcement(change)}`;
        return `| \`${change.type}\` (${version}) | ${cell(change.change)} | ${change.direction ?? '?'} | ${cell(said)} | ${operations.map((id) => `\`${id}\``).join('<br>')} |`;
      }),
      '',
    );
  }
  const uncompared = [
    ...new Set(report.operations.flatMap((operation) => operation.uncompared.map((type) => `\`${type}\` (${operation.version})`))),
  ];
  if (uncompared.length > 0) lines.push(`Not compared (not in the committed metadata): ${uncompared.join(', ')}.`, '');
  if (report.changelogs.length > 0) {
    lines.push(
      `Changelogs read: ${report.changelogs.map((c) => `[${c.workload}.json](${c.url}) (${c.error === undefined ? plural(c.entries, 'entry', 'entries') : `⛔ could not be read: ${cell(c.error)}`})`).join(', ')}.`,
      '',
    );
  }
  return lines.join('\n');
}
