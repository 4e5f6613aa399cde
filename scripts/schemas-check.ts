// npm run schemas:check: compares schemas/ with Graph's CSDL slices in metadata/ (metadata/README.md).
import { relative } from 'node:path';
import { checkPassed, checkSchemas, formatCheck } from '../harness/metadata/schema-check.ts';
import { DIFFERENCES_FILE, readListedDifferences, readSlices } from '../harness/metadata/listed-differences.ts';
import { SCHEMAS_DIRECTORY } from '../harness/schema/registry.ts';

try {
  const result = checkSchemas({ schemasDirectory: SCHEMAS_DIRECTORY, slices: readSlices(), listed: readListedDifferences() });
  process.stdout.write(`${formatCheck(result, relative(process.cwd(), DIFFERENCES_FILE))}\n`);
  if (!checkPassed(result)) process.exitCode = 1;
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
}
