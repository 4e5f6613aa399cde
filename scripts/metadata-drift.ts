/**
 * npm run metadata:drift [-- --from repository|graph] [-- --version v1.0|beta ...] [-- --out <folder>] [-- --write]
 * Fetches each version's metadata, compares the types each operation under contract uses with the
 * committed metadata, says per change whom it breaks and whether Graph's changelog announced it,
 * and writes metadata-drift.json (the contract matrix's metadata column: GRAPH_METADATA_DRIFT_FILE)
 * and metadata-drift.md (the pull request's body). With --write, a drift also rewrites metadata/ as
 * metadata:update would, for that pull request. Exit 0 when it could compare, 1 when a fetch failed
 * (the report then says why; a changelog's failure leaves the comparison, its changes unknown), 2 for bad input.
 */
import '../harness/config/supported-node.ts';
import { appendFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import { exitWithUsage, parseCommandLine } from '../authoring/command-line.ts';
import { changelogFailures, driftLines, driftMarkdown, listedChanges } from '../authoring/drift/drift-report.ts';
import { readDriftSettings } from '../authoring/drift/drift-settings.ts';
import { checkDrift } from '../authoring/drift/metadata-drift.ts';
import { METADATA_FILES } from '../authoring/metadata/metadata-files.ts';
import { METADATA_ORIGINS, type MetadataOrigin } from '../authoring/metadata/metadata-settings.ts';
import { SourceRecordError } from '../authoring/metadata/metadata-source.ts';
import { writeFetchedMetadata } from '../authoring/metadata/update-metadata.ts';
import { pathProblem } from '../harness/config/path-setting.ts';
import { SettingsError } from '../harness/config/settings.ts';
import { SCHEMAS_DIRECTORY } from '../harness/schema/registry.ts';
import { displayPath } from '../harness/shared/display-path.ts';
import { GRAPH_VERSIONS, isGraphVersion, type GraphVersion } from '../harness/shared/graph-version.ts';
import { writeAtomically } from '../harness/shared/write-atomically.ts';

const COMMAND = {
  name: 'metadata:drift',
  usage:
    'npm run metadata:drift [-- --from repository|graph] [-- --version v1.0|beta ...] [-- --out <folder, default test-results>] [-- --write] (both versions, from the metadata repository, by default)',
};
const ROOT = fileURLToPath(new URL('..', import.meta.url));

function commandLine(): { from: MetadataOrigin; versions: GraphVersion[]; out: string; write: boolean } {
  const { values } = parseCommandLine(COMMAND, {
    options: {
      from: { type: 'string' },
      version: { type: 'string', multiple: true },
      out: { type: 'string' },
      write: { type: 'boolean' },
    },
  });
  const from = values.from ?? 'repository';
  if (!(METADATA_ORIGINS as readonly string[]).includes(from))
    exitWithUsage(COMMAND, `--from ${JSON.stringify(from)} is not an origin: use repository or graph.`);
  const versions = values.version ?? [...GRAPH_VERSIONS];
  const wrong = versions.find((version) => !isGraphVersion(version));
  if (wrong !== undefined)
    exitWithUsage(COMMAND, `--version ${JSON.stringify(wrong)} is not a Graph version: use ${GRAPH_VERSIONS.join(' or ')}.`);
  const out = values.out ?? 'test-results';
  const problem = pathProblem('--out', out, {
    kind: 'folder',
    use: 'write',
    fix: 'give a folder for metadata-drift.json and .md (made if missing)',
  });
  if (problem !== undefined) exitWithUsage(COMMAND, problem);
  return {
    from: from as MetadataOrigin,
    versions: [...new Set(versions)] as GraphVersion[],
    out: resolve(out),
    write: values.write ?? false,
  };
}

async function main(): Promise<number> {
  const { from, versions, out, write } = commandLine();
  const envFile = resolve(ROOT, process.env.GRAPH_ENV_FILE ?? '.env');
  if (existsSync(envFile)) dotenv.config({ path: envFile, quiet: true });
  const settings = readDriftSettings(process.env);
  const announced = new Set<string>();
  const { report, fetched } = await checkDrift({
    files: METADATA_FILES,
    schemasDirectory: SCHEMAS_DIRECTORY,
    specsDirectory: join(ROOT, 'specs'),
    versions,
    from,
    settings,
    onProgress: (what, url) => {
      if (announced.has(what)) return;
      announced.add(what);
      process.stderr.write(`metadata:drift: fetching ${what} from ${url}\n`);
    },
  });
  const json = join(out, 'metadata-drift.json');
  const markdown = join(out, 'metadata-drift.md');
  writeAtomically(json, `${JSON.stringify(report, null, 2)}\n`);
  writeAtomically(markdown, `${driftMarkdown(report)}\n`);
  for (const line of driftLines(report)) console.log(line);
  const drifted = report.checked && listedChanges(report).length > 0;
  if (write && drifted) {
    const written = writeFetchedMetadata(fetched, { files: METADATA_FILES, schemasDirectory: SCHEMAS_DIRECTORY }).flatMap(
      (update) => update.written,
    );
    console.log(`metadata:drift: wrote ${written.join(', ')}: the committed metadata, for review with git diff metadata/.`);
  } else if (write) {
    console.log('metadata:drift: nothing to write: no type the contract uses changed.');
  }
  console.log(`metadata:drift: wrote ${displayPath(json)}, ${displayPath(markdown)}`);
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `changed=${write && drifted}\n`);
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${driftMarkdown(report)}\n`);
  const failures = changelogFailures(report);
  for (const failure of failures) console.error(failure);
  return report.checked && failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof SettingsError || error instanceof SourceRecordError) {
      console.error(error.message);
      process.exitCode = 2;
    } else throw error;
  },
);
