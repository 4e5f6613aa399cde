// npm run schemas:check: compares schemas/ with Graph's CSDL slices in metadata/ (metadata/README.md).
import '../harness/config/supported-node.ts';
import { displayPath } from '../harness/shared/display-path.ts';
import { GRAPH_VERSIONS } from '../harness/shared/graph-version.ts';
import { checkPassed, checkSchemas, formatCheck } from '../authoring/metadata/schema-check.ts';
import { DIFFERENCES_FILE, readListedDifferences, readSlices } from '../authoring/metadata/listed-differences.ts';
import { contractSchemaProblems, SCHEMAS_DIRECTORY } from '../harness/schema/registry.ts';
import { parseCommandLine } from '../authoring/command-line.ts';
import { METADATA_FILES } from '../authoring/metadata/metadata-files.ts';
import { describeSources, readVersionSource } from '../authoring/metadata/metadata-source.ts';

parseCommandLine({ name: 'schemas:check', usage: 'npm run schemas:check (no arguments)' }, {});

try {
  // A schema that is not JSON, or not a schema, is named with its place before any comparison.
  const problems = contractSchemaProblems();
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const sources = Object.fromEntries(
    GRAPH_VERSIONS.map((version) => [version, readVersionSource(METADATA_FILES.source[version], version)]),
  );
  process.stdout.write(`${describeSources(sources).join('\n')}\n`);
  const result = checkSchemas({ schemasDirectory: SCHEMAS_DIRECTORY, slices: readSlices(), listed: readListedDifferences() });
  process.stdout.write(`${formatCheck(result, displayPath(DIFFERENCES_FILE))}\n`);
  if (!checkPassed(result)) process.exitCode = 1;
} catch (error) {
  // A file that cannot be read is bad input (2), apart from a schema that differs (1).
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 2;
}
