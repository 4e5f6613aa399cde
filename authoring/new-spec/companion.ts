import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPageRecord } from '../../harness/page/page-record.ts';
import { slug, type FixtureFile } from '../../harness/replay/fixture-file.ts';
import { isJsonObject, type JsonObject } from '../../harness/shared/json-object.ts';

/**
 * The create under contract that makes what an operation's first path placeholder names: for
 * `PATCH /external/connections/{connectionsId}`, the page whose spec is described `POST
 * /external/connections` in the same version (create-connection). Its first test that creates (a
 * POST answered 201) is the pattern: the body it sends and the answer its fixture replays.
 */
export interface Companion {
  page: string;
  /** The collection as the companion's describe writes it: `/external/connections`. */
  collection: string;
  /** What it sends, the id (when the client chooses it) replaced by the value the new test uses. */
  body: JsonObject;
  /** The label of the client-chosen id (`uniqueId('connection')`); undefined when the service assigns the id. */
  idLabel: string | undefined;
  response: { status: number; headers: Record<string, string>; body: unknown };
}

export type CompanionSearch = { companion: Companion } | { none: string };

export function companionCreate(root: string, template: string, version: string, self: string, value: string): CompanionSearch {
  const segments = template.split('/');
  const at = segments.findIndex((segment) => /^(?:\{[^{}]*\}|<[^<>]*>)$/.test(segment));
  if (at < 2) return { none: 'no create under contract makes it: its first placeholder is no segment after a collection' };
  const collection = segments.slice(0, at).join('/');
  const wholeTest = wholeTestDivergenceIds(root);
  const reasons: string[] = [];
  for (const file of readdirSync(join(root, 'specs'))
    .filter((name) => name.endsWith('.spec.ts'))
    .sort()) {
    const page = file.replace(/\.spec\.ts$/, '');
    if (page === self) continue;
    const source = readFileSync(join(root, 'specs', file), 'utf8');
    const describe = /test\.describe\(\s*'([^']+)'/.exec(source)?.[1];
    const specVersion = /graphVersion:\s*'([^']+)'/.exec(source)?.[1];
    if (describe?.toLowerCase() !== `post ${collection}`.toLowerCase() || specVersion !== version) continue;
    const diverging = [...source.matchAll(/divergence\(\s*'([^']+)'/g)].map((match) => match[1] ?? '').find((id) => wholeTest.has(id));
    if (diverging) {
      reasons.push(`specs/${file} creates it, but the service does not serve that create (${diverging})`);
      continue;
    }
    const found = fromFixtures(root, page, collection, value);
    if ('companion' in found) return found;
    reasons.push(`specs/${file}: ${found.none}`);
  }
  return { none: reasons.join('; ') || `no spec under contract creates it (POST ${collection} in ${version})` };
}

function fromFixtures(root: string, page: string, collection: string, value: string): CompanionSearch {
  const recordFile = join(root, 'pages', `${page}.json`);
  if (!existsSync(recordFile)) return { none: `pages/${page}.json is missing` };
  for (const { test } of readPageRecord(recordFile).fixtures) {
    const file = join(root, 'fixtures', page, `${slug(test)}.json`);
    if (!existsSync(file)) continue;
    const fixture = JSON.parse(readFileSync(file, 'utf8')) as FixtureFile;
    const [create] = fixture.interactions;
    if (create?.method.toUpperCase() !== 'POST' || create.status !== 201 || !isJsonObject(create.body)) continue;
    const values = Object.entries(fixture.values);
    const id = create.body.id;
    const idLabel = typeof id === 'string' ? values.find(([, kept]) => kept === id)?.[0] : undefined;
    // Values besides the id (a password, a marker) the spec would have to make as the companion's spec makes them.
    const others = values
      .filter(([label, kept]) => label !== idLabel && JSON.stringify(create.body).includes(kept))
      .map(([label]) => label);
    if (others.length > 0) return { none: `its create sends values new-spec does not carry over (${others.join(', ')})` };
    const answered = isJsonObject(create.response) ? create.response : undefined;
    const assigned = idLabel === undefined ? answered?.id : undefined;
    if (idLabel === undefined && typeof assigned !== 'string') return { none: 'its create answers no id to address what it made' };
    const made = typeof id === 'string' && idLabel !== undefined ? id : String(assigned);
    return {
      companion: {
        page,
        collection,
        body: replaced(create.body, made, value) as JsonObject,
        idLabel,
        response: { status: create.status, headers: headersOf(create.rawHeaders), body: replaced(create.response, made, value) },
      },
    };
  }
  return { none: 'none of its tests creates (a POST answered 201 with a JSON body)' };
}

/** Every string equal to `from`, as `to`. */
function replaced(value: unknown, from: string, to: string): unknown {
  if (value === from) return to;
  if (Array.isArray(value)) return value.map((item) => replaced(item, from, to));
  if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaced(item, from, to)]));
  return value;
}

function headersOf(raw: Record<string, string> | string[] | undefined): Record<string, string> {
  if (!Array.isArray(raw)) return { ...raw };
  return Object.fromEntries(raw.flatMap((name, index) => (index % 2 === 0 ? [[name.toLowerCase(), raw[index + 1] ?? '']] : [])));
}

function wholeTestDivergenceIds(root: string): Set<string> {
  const file = join(root, 'known-divergences.json');
  if (!existsSync(file)) return new Set();
  const { divergences } = JSON.parse(readFileSync(file, 'utf8')) as { divergences?: { id: string; scope: string }[] };
  return new Set((divergences ?? []).filter(({ scope }) => scope === 'test').map(({ id }) => id));
}
