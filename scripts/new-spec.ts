/**
 * npm run new-spec -- <page.md> --url <public URL> --source <owner/repo>:<path>[@<commit>] [--name <name>]
 * Takes a doc page under contract: pages/<name>.md and .json, the documented-example fixture, the
 * response's schema when the metadata slice has its type, and specs/<name>.spec.ts. Never overwrites.
 */
import '../harness/config/supported-node.ts';
import { fileURLToPath } from 'node:url';
import { parseCommandLine } from '../authoring/command-line.ts';
import { NEW_SPEC_USAGE, newSpec, NewSpecError } from '../authoring/new-spec/new-spec.ts';
import { PageError } from '../harness/page/page-model.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const COMMAND = { name: 'new-spec', usage: NEW_SPEC_USAGE };

const { values, positionals } = parseCommandLine(COMMAND, {
  allowPositionals: true,
  options: { url: { type: 'string' }, source: { type: 'string' }, name: { type: 'string' } },
});

try {
  if (positionals.length > 1)
    throw new NewSpecError(`new-spec: one page at a time, got ${positionals.join(', ')}. Usage: ${NEW_SPEC_USAGE}`);
  const result = newSpec({ page: positionals[0], url: values.url, source: values.source, name: values.name, root: ROOT });
  console.log('new-spec: wrote');
  for (const { file, what } of result.written) console.log(`  ${file}: ${what}`);
  for (const { file, what } of result.reused) console.log(`new-spec: reused ${file}: ${what}`);
  if (result.schemaMessage)
    console.error(`new-spec: no schema: ${result.schemaMessage} The spec says so in a TODO where it would match one.`);
  console.log('Next:');
  for (const [index, step] of result.nextSteps.entries()) console.log(`  ${index + 1}. ${step}`);
} catch (error) {
  if (!(error instanceof NewSpecError || error instanceof PageError)) throw error;
  console.error(error instanceof PageError ? `new-spec: ${error.message}` : error.message);
  process.exitCode = 2;
}
