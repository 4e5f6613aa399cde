/**
 * npm run new-spec -- <page URL | page file | page in a docs checkout> [--url <public URL>] [--source <owner/repo>:<path>[@<commit>]] [--name <name>]
 * Takes a doc page under contract: pages/<name>.md (and the permissions table it includes, beside
 * it) and pages/<name>.json, the documented-example fixture, the response's schema drafted from the
 * metadata, and specs/<name>.spec.ts; the page's doc-lint findings are listed as known. A URL
 * (learn.microsoft.com, GitHub) is fetched from the docs repository, with bounded waits (GRAPH_DOCS_*
 * in env.example). Never overwrites. Exit status: 0 written, 2 bad input (nothing written).
 */
import '../harness/config/supported-node.ts';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import { parseCommandLine } from '../authoring/command-line.ts';
import { NEW_SPEC_USAGE, newSpec, NewSpecError } from '../authoring/new-spec/new-spec.ts';
import { PageAddressError } from '../authoring/new-spec/page-address.ts';
import { PageFetchError } from '../authoring/new-spec/page-fetch.ts';
import { recordPageFindings } from '../authoring/new-spec/page-findings.ts';
import { SettingsError } from '../harness/config/settings.ts';
import { PageError } from '../harness/page/page-model.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const COMMAND = { name: 'new-spec', usage: NEW_SPEC_USAGE };

const { values, positionals } = parseCommandLine(COMMAND, {
  allowPositionals: true,
  options: { url: { type: 'string' }, source: { type: 'string' }, name: { type: 'string' } },
});

async function main(): Promise<void> {
  if (positionals.length > 1)
    throw new NewSpecError(`new-spec: one page at a time, got ${positionals.join(', ')}. Usage: ${NEW_SPEC_USAGE}`);
  const envFile = resolve(ROOT, process.env.GRAPH_ENV_FILE ?? '.env');
  if (existsSync(envFile)) dotenv.config({ path: envFile, quiet: true });
  const result = await newSpec({
    page: positionals[0],
    url: values.url,
    source: values.source,
    name: values.name,
    root: ROOT,
    env: process.env,
    log: (line) => {
      console.error(line);
    },
  });
  console.log('new-spec: wrote');
  for (const { file, what } of result.written) console.log(`  ${file}: ${what}`);
  for (const { file, what } of result.reused) console.log(`new-spec: reused ${file}: ${what}`);
  if (result.noBody) console.log(`new-spec: no schema: ${result.noBody}`);
  if (result.schemaMessage)
    console.error(`new-spec: no schema: ${result.schemaMessage} The spec says so in a TODO where it would match one.`);
  if (result.exampleBreaksSchema) console.error(`new-spec: the spec's schema match is a TODO: ${result.exampleBreaksSchema}.`);
  if (result.permissionsMessage)
    console.error(
      `new-spec: the permissions table is not at hand (${result.permissionsMessage}): a live run's permission check says so for this page.`,
    );
  const findings = recordPageFindings(result.name);
  console.log(
    findings.length === 0
      ? 'new-spec: docs:lint finds nothing on the page.'
      : `new-spec: docs:lint finds ${findings.length} thing${findings.length === 1 ? '' : 's'} on the page (${[...new Set(findings.map(({ rule }) => rule))].join(', ')}), now listed as known in pages/known-findings.json: the page owner's to fix.`,
  );
  console.log('Next:');
  for (const [index, step] of result.nextSteps.entries()) console.log(`  ${index + 1}. ${step}`);
}

main().catch((error: unknown) => {
  if (error instanceof SettingsError) console.error(error.message);
  else if (error instanceof PageError) console.error(`new-spec: ${error.message}`);
  else if (error instanceof NewSpecError || error instanceof PageAddressError || error instanceof PageFetchError)
    console.error(error.message);
  else throw error;
  process.exitCode = 2;
});
