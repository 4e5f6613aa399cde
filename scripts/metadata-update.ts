/**
 * npm run metadata:update [-- --from repository|graph] [-- --version v1.0|beta ...]
 * Fetches each version's whole metadata (the metadata repository's schemas/{version}-Prod.csdl by
 * default, or Graph's own /{version}/$metadata), and when it changed writes it with where it came
 * from, the type names and the slices schemas/ need, then says what changed (metadata/README.md).
 */
import '../harness/config/supported-node.ts';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import { exitWithUsage, parseCommandLine } from '../authoring/command-line.ts';
import { SettingsError } from '../harness/config/settings.ts';
import { GRAPH_VERSIONS, isGraphVersion, type GraphVersion } from '../harness/shared/graph-version.ts';
import { displayUrl } from '../harness/shared/display-url.ts';
import { SCHEMAS_DIRECTORY } from '../harness/schema/registry.ts';
import { DownloadError } from '../authoring/metadata/download.ts';
import { METADATA_FILES } from '../authoring/metadata/metadata-files.ts';
import { METADATA_ORIGINS, metadataUrl, readMetadataSettings, type MetadataOrigin } from '../authoring/metadata/metadata-settings.ts';
import { SourceRecordError } from '../authoring/metadata/metadata-source.ts';
import { updateMetadata, type VersionUpdate } from '../authoring/metadata/update-metadata.ts';

const COMMAND = {
  name: 'metadata:update',
  usage:
    'npm run metadata:update [-- --from repository|graph] [-- --version v1.0|beta ...] (both versions, from the metadata repository, by default)',
};
const SHOWN = 20;

function commandLine(): { from: MetadataOrigin; versions: GraphVersion[] } {
  const { values } = parseCommandLine(COMMAND, { options: { from: { type: 'string' }, version: { type: 'string', multiple: true } } });
  const from = values.from ?? 'repository';
  if (!(METADATA_ORIGINS as readonly string[]).includes(from))
    exitWithUsage(COMMAND, `--from ${JSON.stringify(from)} is not an origin: use repository or graph.`);
  const versions = values.version ?? [...GRAPH_VERSIONS];
  const wrong = versions.find((version) => !isGraphVersion(version));
  if (wrong !== undefined)
    exitWithUsage(COMMAND, `--version ${JSON.stringify(wrong)} is not a Graph version: use ${GRAPH_VERSIONS.join(' or ')}.`);
  return { from: from as MetadataOrigin, versions: [...new Set(versions)] as GraphVersion[] };
}

/** On a terminal one line redrawn; in a log, a line at each quarter (or each MB when the length is unknown). */
function progressLine(
  stream: NodeJS.WriteStream,
): (version: GraphVersion, progress: { received: number; total: number | undefined; encoding: string | undefined }) => void {
  let step = -1;
  let drawn = 0;
  return (version, { received, total, encoding }) => {
    const compressed = encoding === undefined ? '' : ` ${encoding}`;
    const text = `  ${version}: ${size(received)}${total === undefined ? `${compressed} so far` : ` of ${size(total)}${compressed} (${Math.floor((received / total) * 100)}%)`}`;
    if (stream.isTTY) {
      const now = Date.now();
      if (now - drawn < 100 && received !== total) return;
      drawn = now;
      stream.write(`\r${text}\u001b[K${received === total ? '\n' : ''}`);
      return;
    }
    const next = total === undefined ? Math.floor(received / 1024 / 1024) : Math.floor((received / total) * 4);
    if (next === step) return;
    step = next;
    stream.write(`${text}\n`);
  };
}

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function names(label: string, list: string[]): string[] {
  if (list.length === 0) return [];
  const more = list.length > SHOWN ? `, and ${list.length - SHOWN} more` : '';
  return [`  ${label}: ${list.slice(0, SHOWN).join(', ')}${more}`];
}

function report(update: VersionUpdate): string[] {
  const number = (value: number | undefined) => (value === undefined ? 'none' : value.toLocaleString('en-US'));
  if (update.unchanged)
    return [`metadata:update: ${update.version}: unchanged (the same ${number(update.bytes.after)} bytes as committed): nothing written.`];
  const { types, bytes, slice } = update;
  return [
    `metadata:update: ${update.version}: ${number(types.before)} types → ${number(types.after)} (${types.added.length} added, ${types.removed.length} removed); ${number(bytes.before)} → ${number(bytes.after)} bytes${update.laidOut ? ' (laid out one element a line)' : ''}`,
    ...names('added', types.added),
    ...names('removed', types.removed),
    `  ${slice.file} (${slice.types} types, for schemas/): ${slice.added.length + slice.removed.length + slice.changed.length === 0 ? 'no type changed' : ''}`.trimEnd(),
    ...names('  added to the slice', slice.added),
    ...names('  removed from the slice', slice.removed),
    ...slice.changed.map((change) => `    ${change.type}: ${change.changes.join('; ')}`),
    `  wrote ${update.written.join(', ')}`,
  ];
}

async function main(): Promise<number> {
  const { from, versions } = commandLine();
  const root = fileURLToPath(new URL('..', import.meta.url));
  const envFile = resolve(root, process.env.GRAPH_ENV_FILE ?? '.env');
  if (existsSync(envFile)) dotenv.config({ path: envFile, quiet: true });
  const settings = readMetadataSettings(process.env);
  const progress = progressLine(process.stderr);
  let announced: GraphVersion | undefined;
  const updates = await updateMetadata({
    files: METADATA_FILES,
    schemasDirectory: SCHEMAS_DIRECTORY,
    versions,
    from,
    settings,
    onProgress: (version, _url, bytes) => {
      if (announced !== version) {
        announced = version;
        process.stderr.write(`metadata:update: fetching ${version} from ${displayUrl(metadataUrl(settings, from, version))}\n`);
      }
      progress(version, bytes);
    },
  });
  for (const update of updates) console.log(report(update).join('\n'));
  if (updates.some((update) => !update.unchanged)) {
    console.log('Next: npm run schemas:check (compares schemas/ with the new slices), and review git diff metadata/.');
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof SettingsError || error instanceof SourceRecordError) {
      console.error(error.message);
      process.exitCode = 2;
    } else if (error instanceof DownloadError) {
      console.error(`metadata:update: ${error.message}`);
      process.exitCode = 1;
    } else throw error;
  },
);
