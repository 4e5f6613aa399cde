import { readFileSync } from 'node:fs';
import { BAD_SETTING_EXIT_CODE } from '../config/load-environment.ts';
import { describeErrors } from '../schema/format-errors.ts';
import { harnessValidator } from '../schema/registry.ts';
import { displayPath } from '../shared/display-path.ts';
import { JsonTextError, parseJsonText } from '../shared/json-text.ts';

/**
 * What `npm run metadata:drift` writes (`metadata-drift.json`) and the contract matrix reads for
 * its metadata column (GRAPH_METADATA_DRIFT_FILE): per operation, how the metadata of the types it
 * uses changed since the committed metadata. The matrix, and from it the history, keep each change
 * as written here; `authoring/drift/` makes them.
 */
export const METADATA_DRIFT_FORMAT = 'graph-contracts metadata drift 1';

/** Who a change hurts: a client that reads the type from answers, one that sends it in requests, both, or nobody. */
export const DRIFT_DIRECTIONS = ['breaks a reader', 'breaks a writer', 'breaks a reader and a writer', 'harmless'] as const;
export type DriftDirection = (typeof DRIFT_DIRECTIONS)[number];

export const DRIFT_KINDS = [
  'property removed',
  'property added',
  'property retyped',
  'nullability changed',
  'computed changed',
  'enum member added',
  'enum member removed',
  'enum member renamed',
  'type renamed',
  'type removed',
  'type changed',
] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

/** One change to a type an operation uses: `microsoft.graph.pkcs12CertificateInformation`, `property isActive removed`. */
export interface MetadataChange {
  /** Qualified, as the committed metadata names it. */
  type: string;
  /** One phrase a reviewer reads: `property isActive removed`, `member japan added`, `renamed to microsoft.graph.x`. */
  change: string;
  kind?: DriftKind;
  /** The property or enum member it concerns. */
  member?: string;
  direction?: DriftDirection;
  /** The Graph changelog entry that announced it; absent, and not unknown: silent (no entry announced it). */
  announced?: { date: string; text: string };
  /** Why the changelog cannot say whether it was announced: no changelog file is known for its type, or that file could not be read. */
  unknown?: string;
}

/** How the drift check of one night went: `checked` false says why nothing is known (a fetch failed). */
export interface DriftCheck {
  checked: boolean;
  why?: string;
  generatedAt: string;
}

export interface OperationDrift {
  /** `POST /beta/external/connections`, as the matrix keys its rows. */
  operationId: string;
  version: string;
  /** The schemas its spec checks answers against (`toMatchSchema`). */
  schemas: string[];
  /** The types compared: those schemas' types, their properties' complex and enum types, base types, derived complex types. */
  types: string[];
  /** Types it uses that the committed metadata does not hold (a slice of excerpts): not compared. */
  uncompared: string[];
  changes: MetadataChange[];
}

export interface MetadataDriftReport extends DriftCheck {
  format: typeof METADATA_DRIFT_FORMAT;
  /** Per version: where tonight's metadata came from, and what it was compared with. */
  versions: { version: string; url: string; committed: string; unchanged: boolean }[];
  /** The changelog files read, and where; `error` says why one could not be read (its changes are then unknown). */
  changelogs: { workload: string; url: string; entries: number; error?: string }[];
  operations: OperationDrift[];
}

/** A drift report that cannot be read: bad input, exit status 2. */
export class MetadataDriftFileError extends Error {
  override name = 'MetadataDriftFileError';
}

/** The drift report at `path`, checked against metadata-drift.schema.json. */
export function readMetadataDrift(path: string): MetadataDriftReport {
  const label = `GRAPH_METADATA_DRIFT_FILE=${displayPath(path)}`;
  let data: unknown;
  try {
    data = parseJsonText(readFileSync(path, 'utf8'));
  } catch (error) {
    const why = error instanceof JsonTextError ? error.message : ((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    throw new MetadataDriftFileError(
      `${label} cannot be read as a metadata drift report (${why}): point it at the metadata-drift.json npm run metadata:drift wrote, or unset it.`,
    );
  }
  const validate = harnessValidator(new URL('./metadata-drift.schema.json', import.meta.url));
  if (!validate(data)) {
    const [first] = describeErrors(validate.errors ?? [], data);
    throw new MetadataDriftFileError(
      `${label} is not a metadata drift report: at ${first?.path ?? '(root)'} expected ${first?.expected ?? '?'}, found ${first?.actual ?? '?'}. Run npm run metadata:drift again with this checkout.`,
    );
  }
  return data as MetadataDriftReport;
}

/** For the configs: a drift report named by GRAPH_METADATA_DRIFT_FILE is read once, before any test; a broken one is one message and exit 2. */
export function checkMetadataDriftOrExit(env: Readonly<Record<string, string | undefined>> = process.env): void {
  if (env.TEST_WORKER_INDEX !== undefined) return;
  const path = env.GRAPH_METADATA_DRIFT_FILE?.trim();
  if (!path) return;
  try {
    readMetadataDrift(path);
  } catch (error) {
    if (!(error instanceof MetadataDriftFileError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(BAD_SETTING_EXIT_CODE);
  }
}

/** What Graph's changelog says of a change: an entry announced it, none did (silent), or the changelog could not be read or is not known for its type. */
export type ChangelogState = 'announced' | 'silent' | 'unknown';

export function changelogState(change: MetadataChange): ChangelogState {
  if (change.announced !== undefined) return 'announced';
  return change.unknown === undefined ? 'silent' : 'unknown';
}

/** Changes no Graph changelog entry announced, in a changelog that was read. */
export function isSilent(change: MetadataChange): boolean {
  return changelogState(change) === 'silent';
}

/** A change worth a person's attention tonight: silent, and it breaks a reader or a writer. */
export function isSilentBreaking(change: MetadataChange): boolean {
  return isSilent(change) && change.direction !== undefined && change.direction !== 'harmless';
}
