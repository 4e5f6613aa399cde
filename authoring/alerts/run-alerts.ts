import type { AlertAction, ExistingIssue } from './alert-plan.ts';
import { GitHubApiError, type GitHubIssues } from './github-issues.ts';
import type { NightAlerts } from './operation-state.ts';

/** What each action did, as the command prints it: `opened #3 Contract alert: … (1 fails) https://…`. */
export interface AlertsDone {
  lines: string[];
  /** A request that failed, after `lines`: its one message. */
  failed?: string;
}

/**
 * Carries the plan out in order: an opening is one request; an update or a close is a comment
 * saying what changed, then the body (and for a close its state). A failure stops there, and says
 * what was done before it. The comment is posted unless the issue already has it (its last line
 * names the night): a re-run after a failed update finishes it without a second comment.
 */
export async function runAlerts(
  actions: readonly AlertAction[],
  issues: readonly ExistingIssue[],
  github: GitHubIssues,
  dryRun: boolean,
): Promise<AlertsDone> {
  const lines: string[] = [];
  const done: string[] = [];
  const titleOf = (number: number) => issues.find((issue) => issue.number === number)?.title ?? '';
  for (const action of actions) {
    try {
      switch (action.kind) {
        case 'open': {
          const summary = `${action.title}${openSummary(action.body)}`;
          if (dryRun) {
            lines.push(`alerts: would open ${summary}`);
            break;
          }
          const issue = await github.create(action.title, action.body, action.labels);
          lines.push(`alerts: opened #${issue.number} ${summary} ${issue.html_url}`.trimEnd());
          done.push(`opened #${issue.number}`);
          break;
        }
        case 'update': {
          const summary = `#${action.number} ${titleOf(action.number)}: ${action.comment.split('\n').slice(1).join('; ').replace(/^- /, '').replace(/; - /g, '; ') || 'still'}`;
          if (dryRun) {
            lines.push(`alerts: would update ${summary}`);
            break;
          }
          await commentOnce(github, action.number, action.comment);
          await github.update(action.number, { body: action.body });
          lines.push(`alerts: updated ${summary}`);
          done.push(`updated #${action.number}`);
          break;
        }
        case 'close': {
          const why =
            action.operationId === 'run'
              ? 'the run tested again'
              : action.comment.includes('no longer under contract')
                ? 'no longer under contract'
                : 'green again';
          const summary = `#${action.number} ${titleOf(action.number)}: ${why}`;
          if (dryRun) {
            lines.push(`alerts: would close ${summary}`);
            break;
          }
          await commentOnce(github, action.number, action.comment);
          await github.update(action.number, { body: action.body, state: 'closed', state_reason: 'completed' });
          lines.push(`alerts: closed ${summary}`);
          done.push(`closed #${action.number}`);
          break;
        }
      }
    } catch (error) {
      if (!(error instanceof GitHubApiError)) throw error;
      return {
        lines,
        failed: `${error.message} (${done.length === 0 ? 'nothing was opened, updated or closed' : `before it: ${done.join(', ')}`})`,
      };
    }
  }
  if (actions.length === 0) lines.push('alerts: nothing to open, update or close.');
  return { lines };
}

async function commentOnce(github: GitHubIssues, number: number, comment: string): Promise<void> {
  const night = comment.split('\n').at(-1) ?? comment;
  if ((await github.commentsOf(number)).some((said) => said.includes(night))) return;
  await github.comment(number, comment);
}

/** ` (1 fails, 1 left behind)`: what an opened issue is about, counted from its body's lines. */
function openSummary(body: string): string {
  const counts = new Map<string, number>();
  const names: [string, string][] = [
    ['- ❌', 'fails'],
    ['- 🔔', 'divergence gone'],
    ['- 🧹', 'left behind'],
    ['- 🔇', 'silent metadata change'],
  ];
  for (const line of body.split('\n')) {
    const name = names.find(([prefix]) => line.startsWith(prefix))?.[1];
    if (name !== undefined) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts.size === 0 ? '' : ` (${[...counts].map(([name, count]) => `${count} ${name}`).join(', ')})`;
}

/** `the night of 2026-05-02: 1 operation red, 4 green; 1 alert issue open.` */
export function describeNight(alerts: NightAlerts, open: number): string {
  const count = (state: string) => alerts.operations.filter((operation) => operation.state === state).length;
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  const states = [
    count('red') > 0 ? `${plural(count('red'), 'operation')} red` : '',
    count('green') > 0 ? `${count('red') > 0 ? count('green') : plural(count('green'), 'operation')} green` : '',
    count('unknown') > 0 ? `${count('unknown')} not tested` : '',
  ].filter(Boolean);
  return `the night of ${alerts.night.night}: ${states.join(', ')}; ${plural(open, 'alert issue')} open.`;
}
