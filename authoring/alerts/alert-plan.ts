import type { NightAlerts, OperationState, Problem } from './operation-state.ts';

/**
 * What the alerts do on GitHub tonight, from the night's states and the open issues: one issue per
 * red operation, opened the night it turns red, updated (its body, and a comment saying what is new
 * and what is no longer so) when its problems change, left alone while they stay the same, closed
 * when the operation is green again (or no longer under contract); and one run-level issue for nights that could not test,
 * updated each such night and closed by the next night that tests. Each issue carries a marker
 * (an HTML comment) naming its operation and the night and problems it last said: a second run of
 * the same night changes nothing.
 */
export interface ExistingIssue {
  number: number;
  title: string;
  body: string;
  html_url: string;
  /** The login of who opened it (`user.login`). */
  author: string;
}

/** The default author of the alert issues: whom the workflow's own token (GITHUB_TOKEN) acts as. */
export const WORKFLOW_BOT = 'github-actions[bot]';

/**
 * The open issues that carry an alert marker: `own` those the alerts' author opened, `foreign` those
 * someone else did. Anyone may open an issue on a public repository and copy a marker into it; only
 * the author's are alert issues (GitHub logins are not case-sensitive).
 */
export function alertIssues(issues: readonly ExistingIssue[], author: string): { own: ExistingIssue[]; foreign: ExistingIssue[] } {
  const marked = issues.filter((issue) => parseAlertMarker(issue.body) !== undefined);
  const ours = (issue: ExistingIssue) => issue.author.toLowerCase() === author.toLowerCase();
  return { own: marked.filter(ours), foreign: marked.filter((issue) => !ours(issue)) };
}

export type AlertAction =
  | { kind: 'open'; operationId: string; title: string; body: string; labels: string[] }
  | { kind: 'update'; operationId: string; number: number; body: string; comment: string }
  | { kind: 'close'; operationId: string; number: number; body: string; comment: string };

export const ALERT_LABEL = 'contract-alert';
/** The run-level issue's key in the markers: no operation id is a single word. */
export const RUN_KEY = 'run';

export interface AlertMarker {
  operation: string;
  night: string;
  generatedAt: string;
  problems: string[];
}

/** The marker's line: one line of JSON (operation ids hold braces: the whole line is read). */
const MARKER = /^<!-- graph-contracts alert (\{.*\}) -->$/m;

export function parseAlertMarker(body: string | null | undefined): AlertMarker | undefined {
  const json = MARKER.exec(body ?? '')?.[1];
  if (json === undefined) return undefined;
  try {
    const marker = JSON.parse(json) as Partial<AlertMarker>;
    return typeof marker.operation === 'string' && typeof marker.generatedAt === 'string' && Array.isArray(marker.problems)
      ? {
          operation: marker.operation,
          night: typeof marker.night === 'string' ? marker.night : '',
          generatedAt: marker.generatedAt,
          problems: marker.problems.map(String),
        }
      : undefined;
  } catch {
    return undefined;
  }
}

function marker(value: AlertMarker): string {
  // `>` escaped, so that nothing an operation id holds can end the comment.
  return `<!-- graph-contracts alert ${JSON.stringify(value).replace(/>/g, '\\u003e')} -->`;
}

export function planAlerts(alerts: NightAlerts, issues: readonly ExistingIssue[]): AlertAction[] {
  const byOperation = new Map<string, { issue: ExistingIssue; marker: AlertMarker }>();
  // The oldest open issue of an operation (the lowest number, whatever order the list came in) is its issue; a duplicate is left alone.
  for (const issue of [...issues].sort((a, b) => a.number - b.number)) {
    const found = parseAlertMarker(issue.body);
    if (found && !byOperation.has(found.operation)) byOperation.set(found.operation, { issue, marker: found });
  }
  const { night } = alerts;
  const links = nightLinks(alerts);
  const actions: AlertAction[] = [];
  const stamp = (operation: string, problems: string[]) =>
    marker({ operation, night: night.night, generatedAt: night.generatedAt, problems });

  const run = byOperation.get(RUN_KEY);
  if (alerts.couldNotTest !== undefined) {
    // A night that tested nothing judges no operation; one that lost a shard judges those whose tests ran (operation-state.ts).
    const partial = night.notTested === undefined;
    const body = [
      stamp(RUN_KEY, ['could not test']),
      `The night of ${night.night} could not test${partial ? ' all its tests' : ''}: ${alerts.couldNotTest}`,
      '',
      links,
      '',
      partial
        ? 'The operations whose tests ran are judged as on any night; an operation none of whose tests ran keeps its issue as it was. This issue is updated each such night and closed by the next night that tests in full.'
        : "No operation's issue is opened, updated or closed for a night that could not test: what it did not test says nothing of the contract. This issue is updated each such night and closed by the next night that tests.",
    ].join('\n');
    if (!run)
      actions.push({
        kind: 'open',
        operationId: RUN_KEY,
        title: `Contract alert: the nightly run could not test${partial ? ' all its tests' : ''}`,
        body,
        labels: [ALERT_LABEL],
      });
    else if (run.marker.generatedAt !== night.generatedAt) {
      actions.push({
        kind: 'update',
        operationId: RUN_KEY,
        number: run.issue.number,
        body,
        comment: `**Night of ${night.night}** (${inline(links)}): could not test either: ${alerts.couldNotTest}`,
      });
    }
  } else if (run && run.marker.generatedAt !== night.generatedAt) {
    const body = [stamp(RUN_KEY, []), `The night of ${night.night} tested again.`, '', links].join('\n');
    actions.push({
      kind: 'close',
      operationId: RUN_KEY,
      number: run.issue.number,
      body,
      comment: `**Night of ${night.night}** (${inline(links)}): the run tested again.`,
    });
  }

  for (const operation of alerts.operations) {
    if (operation.state === 'unknown') continue;
    const existing = byOperation.get(operation.operationId);
    const keys = operation.problems.map((problem) => problem.key);
    if (existing && existing.marker.generatedAt === night.generatedAt) continue;
    if (operation.state === 'red') {
      const body = redBody(operation, stamp(operation.operationId, keys), links);
      if (!existing) {
        actions.push({
          kind: 'open',
          operationId: operation.operationId,
          title: `Contract alert: ${operation.operationId}`,
          body,
          labels: [ALERT_LABEL],
        });
        continue;
      }
      const before = new Set(existing.marker.problems);
      const fresh = operation.problems.filter((problem) => !before.has(problem.key));
      const gone = existing.marker.problems.filter((key) => !keys.includes(key));
      if (fresh.length === 0 && gone.length === 0) continue;
      const comment = [
        `**Night of ${night.night}** (${inline(links)}): still red.`,
        ...fresh.map((problem) => `- new: ${problem.text}`),
        ...gone.map((key) => `- no longer: ${describeKey(key, existing.issue.body)}`),
      ].join('\n');
      actions.push({ kind: 'update', operationId: operation.operationId, number: existing.issue.number, body, comment });
    } else if (existing) {
      const body = [
        stamp(operation.operationId, []),
        `**\`${operation.operationId}\`** (page ${operation.page}) is green again since **${night.night}**: every test passes or diverges as known, nothing was left behind, and no silent metadata change breaks it.`,
        '',
        links,
      ].join('\n');
      const comment = `**Night of ${night.night}** (${inline(links)}): green again: every test passes or diverges as known, nothing was left behind, and no silent metadata change breaks it. Closing.`;
      actions.push({ kind: 'close', operationId: operation.operationId, number: existing.issue.number, body, comment });
    }
  }
  if (alerts.couldNotTest === undefined) {
    const judged = new Set(alerts.operations.map((operation) => operation.operationId));
    for (const [operationId, { issue, marker: said }] of byOperation) {
      if (operationId === RUN_KEY || judged.has(operationId) || said.generatedAt === night.generatedAt) continue;
      const why = `no longer under contract: the night ran no test of \`${operationId}\` (its spec was removed, or its describe renamed)`;
      actions.push({
        kind: 'close',
        operationId,
        number: issue.number,
        body: [stamp(operationId, []), `**\`${operationId}\`** is ${why}.`, '', links].join('\n'),
        comment: `**Night of ${night.night}** (${inline(links)}): ${why}. Closing.`,
      });
    }
  }
  // Each comment names its night, so that a re-run after a comment whose update failed finds it and does not post it twice.
  return actions.map((action) =>
    action.kind === 'open' ? action : { ...action, comment: `${action.comment}\n${commentMarker(night.generatedAt)}` },
  );
}

/** The hidden last line of an alert's comment: which night wrote it. */
export function commentMarker(generatedAt: string): string {
  return `<!-- graph-contracts alert comment ${JSON.stringify(generatedAt).replace(/>/g, '\\u003e')} -->`;
}

function redBody(operation: OperationState, stamp: string, links: string): string {
  const lines = [stamp, `**\`${operation.operationId}\`** (page ${operation.page}) is red since **${operation.redSince ?? ''}**.`, ''];
  for (const problem of operation.problems) {
    // The key in a comment after the line: a later night's update finds what this line said.
    lines.push(`- ${problem.text} (since ${problem.since}) <!-- ${problem.key.replace(/-->/g, '')} -->`);
    lines.push(...problem.exchanges.map((exchange) => `  - \`${exchange}\``));
  }
  lines.push(
    '',
    links,
    '',
    hint(operation.problems),
    '',
    '_Opened by the nightly (npm run alerts): it is updated when what is wrong changes, and closed the night the operation is green again._',
  );
  return lines.join('\n');
}

/** What to do, by kind, in the README's words. */
function hint(problems: readonly Problem[]): string {
  const kinds = new Set(problems.map((problem) => problem.kind));
  return [
    kinds.has('fail') ? 'A failure is news about the service: the request-ids above are what Microsoft support asks for.' : '',
    kinds.has('divergence gone')
      ? 'A divergence gone needs a change here: delete its entry in known-divergences.json and record the fixture again.'
      : '',
    kinds.has('leftover') ? 'A leftover stays in the tenant: npm run sweep removes the suite’s own after an hour.' : '',
    kinds.has('silent metadata change')
      ? "A silent metadata change: review the nightly's metadata pull request, and the schemas it affects (npm run schemas:check)."
      : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** A problem the issue said before: its line in the body, without its since and its key. */
function describeKey(key: string, body: string): string {
  const line = body
    .split('\n')
    .find((candidate) => candidate.startsWith('- ') && candidate.endsWith(` <!-- ${key.replace(/-->/g, '')} -->`));
  return line === undefined ? key : line.slice(2).replace(/ \(since \d{4}-\d{2}-\d{2}\) <!-- .* -->$/, '');
}

function nightLinks(alerts: NightAlerts): string {
  const { night } = alerts;
  const parts = [night.reportUrl ? `[its report](${night.reportUrl})` : '', night.runUrl ? `[its run](${night.runUrl})` : ''].filter(
    Boolean,
  );
  return `Night of ${night.night}: ${parts.join(' · ') || 'no links recorded'}`;
}

function inline(links: string): string {
  return links.replace(/^Night of \S+: /, '');
}
