/**
 * npm run new-spec -- <page.md> --url <public URL> --source <owner/repo>:<path>[@<commit>] [--name <name>]
 * Takes a doc page under contract: pages/<name>.md and .json, the documented-example fixture, the
 * response's schema when the metadata slice has its type, and specs/<name>.spec.ts. Never overwrites.
 */
import '../harness/config/supported-node.ts';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { NEW_SPEC_USAGE, newSpec, NewSpecError } from '../authoring/new-spec/new-spec.ts';
import { PageError } from '../harness/page/page-model.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { url: { type: 'string' }, source: { type: 'string' }, name: { type: 'string' } },
  });
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
  // parseArgs' own errors (an unknown flag, a flag without its value) are bad input too.
  const code = (error as { code?: unknown }).code;
  if (!(error instanceof NewSpecError || error instanceof PageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))))
    throw error;
  console.error(
    error instanceof PageError
      ? `new-spec: ${error.message}`
      : error instanceof NewSpecError
        ? error.message
        : `new-spec: ${(error as Error).message}. Usage: ${NEW_SPEC_USAGE}`,
  );
  process.exitCode = 2;
}
