import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { harnessValidator } from '../schema/registry.ts';
import { describeErrors, formatViolations } from '../schema/format-errors.ts';
import { ANNOTATION } from '../shared/annotations.ts';
import { displayPath } from '../shared/display-path.ts';
import { JsonTextError, parseJsonText } from '../shared/json-text.ts';

export interface Divergence {
  id: string;
  /** `POST /beta/connectors`; `{name}` segments match any value. */
  operation: string;
  page: string;
  /** `test`: the whole outcome diverges (a path the service lacks). `claim`: one property of the answer. */
  scope: 'test' | 'claim';
  claim?: string;
  pageSays: string;
  documented?: unknown;
  serviceDoes: string;
  knownAnswer: { status?: number[]; values?: unknown[] };
  evidence: { source: string; url?: string }[];
}

export const REGISTRY_PATH = fileURLToPath(new URL('../../known-divergences.json', import.meta.url));

/** The registry cannot be used: the message names the file, the place and the fix. */
export class DivergenceRegistryError extends Error {
  override name = 'DivergenceRegistryError';
}

const FIX = 'mend it; each entry is a known divergence (README, "Known divergences")';

let loaded: Map<string, Divergence> | undefined;

/** The registry, read and validated once per process; a broken entry names its field. */
export function knownDivergences(path: string = REGISTRY_PATH): Map<string, Divergence> {
  if (path === REGISTRY_PATH && loaded) return loaded;
  const data = parseRegistry(path);
  const validate = harnessValidator(new URL('./registry.schema.json', import.meta.url));
  if (!validate(data)) {
    throw new DivergenceRegistryError(
      `${displayPath(path)} is not a valid divergence registry:\n${formatViolations(describeErrors(validate.errors ?? [], data))}`,
    );
  }
  const divergences = (data as { divergences: Divergence[] }).divergences;
  const entries = new Map<string, Divergence>();
  for (const [index, entry] of divergences.entries()) {
    const first = divergences.findIndex((candidate) => candidate.id === entry.id);
    if (first !== index)
      throw new DivergenceRegistryError(
        `${displayPath(path)}: /divergences/${index}/id "${entry.id}" is the id of /divergences/${first} too: give each divergence its own id.`,
      );
    entries.set(entry.id, entry);
  }
  if (path === REGISTRY_PATH) loaded = entries;
  return entries;
}

/** The registry's JSON, or a DivergenceRegistryError that says where it breaks. */
function parseRegistry(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DivergenceRegistryError(
      `${displayPath(path)} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): restore it (git checkout known-divergences.json); it lists the known divergences.`,
    );
  }
  try {
    return parseJsonText(text);
  } catch (error) {
    if (!(error instanceof JsonTextError)) throw error;
    throw new DivergenceRegistryError(`${displayPath(path)}: ${error.message}: ${FIX}.`);
  }
}

let read: Divergence[] | undefined;

/** The registry as written, read once per process. */
function readRegistry(): Divergence[] {
  read ??= (parseRegistry(REGISTRY_PATH) as { divergences?: Divergence[] }).divergences ?? [];
  return read;
}

export function findDivergence(id: string): Divergence {
  const entry = knownDivergences().get(id);
  if (!entry)
    throw new Error(`No divergence "${id}" in known-divergences.json: known ids are ${[...knownDivergences().keys()].join(', ')}.`);
  return entry;
}

/**
 * The annotation a spec puts on a test with a known divergence; the report shows it with its
 * evidence, and the judge fixture finds the entry by the id in brackets.
 */
export function divergence(id: string): { type: string; description: string } {
  // Read, not validated: specs call this while Playwright lists tests; the contract fixture validates in the worker.
  const entry = readRegistry().find((candidate) => candidate.id === id);
  if (!entry) throw new Error(`No divergence "${id}" in known-divergences.json.`);
  const evidence = ((entry.evidence as Divergence['evidence'] | undefined) ?? [])
    .map((e) => (e.url ? `${e.source} (${e.url})` : e.source))
    .join('; ');
  return {
    type: ANNOTATION.knownDivergence,
    description: `[${entry.id}] The page: ${entry.pageSays} The service: ${entry.serviceDoes} Evidence: ${evidence}`,
  };
}

export function divergenceIdOf(description: string | undefined): string | undefined {
  return /^\[([A-Za-z0-9-]+)\]/.exec(description ?? '')?.[1];
}
