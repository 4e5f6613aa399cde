import { isDeepStrictEqual } from 'node:util';
import { jsonOrText, type SentRequest } from '../transport/exchange.ts';
import { renderJson } from '../shared/render-json.ts';
import type { Interaction } from './fixture-file.ts';
import { isJsonObject } from '../shared/json-object.ts';

export interface Candidate {
  /** 1-based position in the fixture's `interactions`. */
  number: number;
  interaction: Interaction;
  /** Already answered an earlier request: each interaction answers once. */
  used: boolean;
}

export interface Difference {
  aspect: 'origin' | 'method' | 'path' | 'query' | 'body' | 'header';
  where: string;
  recorded: unknown;
  sent: unknown;
}

export interface Nearest {
  candidate: Candidate;
  differences: Difference[];
}

const WEIGHT: Record<Difference['aspect'], number> = { origin: 8, method: 8, path: 4, query: 2, header: 1, body: 1 };
const ABSENT = '(absent)';

/** The recorded interaction closest to `sent`: fewest (weighted) differences, unused ones first. */
export function nearestInteraction(sent: SentRequest, candidates: readonly Candidate[]): Nearest | undefined {
  let best: (Nearest & { score: number }) | undefined;
  for (const candidate of candidates) {
    const differences = compare(candidate.interaction, sent);
    const score = differences.reduce((sum, d) => sum + WEIGHT[d.aspect], 0) + (candidate.used ? 0.5 : 0);
    if (!best || score < best.score) best = { candidate, differences, score };
  }
  return best && { candidate: best.candidate, differences: best.differences };
}

export function compare(recorded: Interaction, sent: SentRequest): Difference[] {
  const url = new URL(sent.url);
  const [recordedPath = '/', recordedQuery = ''] = recorded.path.split(/\?(.*)/s);
  const differences: Difference[] = [];
  if (recorded.scope.replace(/:443$/, '') !== url.origin) {
    differences.push({ aspect: 'origin', where: 'origin', recorded: recorded.scope, sent: url.origin });
  }
  if (recorded.method.toUpperCase() !== sent.method.toUpperCase()) {
    differences.push({ aspect: 'method', where: 'method', recorded: recorded.method.toUpperCase(), sent: sent.method.toUpperCase() });
  }
  if (decodeURIComponent(recordedPath) !== decodeURIComponent(url.pathname)) {
    differences.push({ aspect: 'path', where: 'path', recorded: recordedPath, sent: url.pathname });
  }
  differences.push(...compareQuery(new URLSearchParams(recordedQuery), url.searchParams));
  for (const [name, value] of Object.entries(recorded.reqheaders ?? {})) {
    const sentValue = Object.entries(sent.headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
    if (sentValue !== value) differences.push({ aspect: 'header', where: `header ${name}`, recorded: value, sent: sentValue ?? ABSENT });
  }
  // nock matches any body when the interaction records none.
  if (recorded.body !== undefined) differences.push(...diffJson(jsonOrText(recorded.body), jsonOrText(sent.body), 'body'));
  return differences;
}

function compareQuery(recorded: URLSearchParams, sent: URLSearchParams): Difference[] {
  const names = new Set([...recorded.keys(), ...sent.keys()]);
  return [...names]
    .filter((name) => !isDeepStrictEqual(recorded.getAll(name), sent.getAll(name)))
    .map((name) => ({
      aspect: 'query' as const,
      where: `query ${name}`,
      recorded: recorded.getAll(name).join(',') || ABSENT,
      sent: sent.getAll(name).join(',') || ABSENT,
    }));
}

/** Leaf-level differences between two JSON values, as dotted paths (`body.searchSettings.searchResultTemplates[0].id`). */
export function diffJson(recorded: unknown, sent: unknown, where: string): Difference[] {
  if (isDeepStrictEqual(recorded, sent)) return [];
  const comparable = (isJsonObject(recorded) && isJsonObject(sent)) || (Array.isArray(recorded) && Array.isArray(sent));
  if (!comparable) return [{ aspect: 'body', where, recorded: recorded ?? ABSENT, sent: sent ?? ABSENT }];
  const keys = new Set([...Object.keys(recorded as object), ...Object.keys(sent as object)]);
  return [...keys].flatMap((key) => {
    const child = Array.isArray(recorded) ? `${where}[${key}]` : `${where}.${key}`;
    return diffJson((recorded as Record<string, unknown>)[key], (sent as Record<string, unknown>)[key], child);
  });
}

const MAX_LISTED = 12;

/** Why no interaction answers `sent`, in a few words: what the nearest recording differs in. */
export function mismatchCause(sent: SentRequest, candidates: readonly Candidate[]): string {
  const nearest = nearestInteraction(sent, candidates);
  if (!nearest) return 'the fixture records no interaction at all';
  if (nearest.differences.length === 0) return 'the test sends more requests than the fixture recorded';
  const where = [...new Set(nearest.differences.map((difference) => difference.where))];
  return `the nearest recorded request, interaction ${nearest.candidate.number}, differs in ${where.slice(0, 3).join(', ')}${where.length > 3 ? ` and ${where.length - 3} more` : ''}`;
}

/** The failure message of a replayed request that no interaction of the fixture answers. */
export function explainMismatch(sent: SentRequest, candidates: readonly Candidate[], fixtureLabel: string): string {
  const lines = [`Replay: no recorded interaction answers ${sent.method} ${sent.url}`, `  fixture: ${fixtureLabel}`];
  const nearest = nearestInteraction(sent, candidates);
  if (!nearest) {
    lines.push('  the fixture records no interaction at all.');
  } else {
    const { candidate, differences } = nearest;
    const { interaction } = candidate;
    lines.push(
      `  nearest recorded request: interaction ${candidate.number} of ${candidates.length}, ` +
        `${interaction.method.toUpperCase()} ${interaction.scope}${interaction.path} (answered ${interaction.status})` +
        (candidate.used ? ', already used by an earlier request' : ''),
    );
    if (differences.length === 0) {
      lines.push(
        '  what differs: nothing but its use. Each interaction answers once, and this one answered an earlier request:',
        '  the test sends more requests than the fixture recorded.',
      );
    } else {
      lines.push('  what differs (recorded → sent):');
      for (const d of differences.slice(0, MAX_LISTED)) lines.push(`    ${d.where}: ${render(d.recorded)} → ${render(d.sent)}`);
      if (differences.length > MAX_LISTED) lines.push(`    ...and ${differences.length - MAX_LISTED} more`);
    }
  }
  lines.push(
    '  If the test changed on purpose, re-record it (GRAPH_MODE=record) or correct the fixture; otherwise the test sent what it should not.',
  );
  return lines.join('\n');
}

function render(value: unknown): string {
  return value === ABSENT ? ABSENT : renderJson(value, 100);
}
