/**
 * npx tsx scripts/metadata-type-names.ts <msgraph-metadata clone> <commit> — writes
 * metadata/type-names.json: every qualified type name of Graph's v1.0 and beta metadata, from the
 * repository's schemas/type-mappings/{version}-{entity,complex,enum}-types.json. The slices hold
 * only the types under test; this says which types exist at all, so the doc lint can tell a type
 * Graph never had from one a slice leaves out.
 */
import '../harness/config/supported-node.ts';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exitWithUsage, parseCommandLine } from '../authoring/command-line.ts';

const COMMAND = {
  name: 'metadata-type-names',
  usage: 'npx tsx scripts/metadata-type-names.ts <path of a microsoftgraph/msgraph-metadata clone> <commit>',
};
const { positionals } = parseCommandLine(COMMAND, { allowPositionals: true });
const [clone, commit, ...extra] = positionals;
if (!clone || !commit || extra.length > 0)
  exitWithUsage(
    COMMAND,
    `pass the clone and the commit, ${positionals.length === 0 ? 'nothing was given' : `not ${positionals.map((given) => JSON.stringify(given)).join(' ')}`}.`,
  );
const KINDS = ['entity', 'complex', 'enum'] as const;
const names = (version: string) =>
  KINDS.flatMap((kind) => {
    const path = `schemas/type-mappings/${version}-${kind}-types.json`;
    const byNamespace = JSON.parse(
      execFileSync('git', ['-C', clone, 'show', `${commit}:${path}`], { encoding: 'utf8', maxBuffer: 64 << 20 }),
    ) as Record<string, Record<string, unknown>>;
    return Object.entries(byNamespace).flatMap(([namespace, types]) => Object.keys(types).map((type) => `${namespace}.${type}`));
  });
const date = execFileSync('git', ['-C', clone, 'log', '-1', '--format=%cs', commit], { encoding: 'utf8' }).trim();
const index = {
  $comment: `Every qualified type name (entity, complex and enum types) of Graph's metadata, per version: microsoftgraph/msgraph-metadata schemas/type-mappings/{v1.0,beta}-{entity,complex,enum}-types.json at commit ${commit} (${date}). Written by scripts/metadata-type-names.ts.`,
  source: { repository: 'microsoftgraph/msgraph-metadata', commit, date },
  'v1.0': [...new Set(names('v1.0'))].sort(),
  beta: [...new Set(names('beta'))].sort(),
};
const out = fileURLToPath(new URL('../metadata/type-names.json', import.meta.url));
// One name a line, so that a regeneration diffs as the names that came and went.
writeFileSync(out, `${JSON.stringify(index, null, 1)}\n`);
console.log(`metadata/type-names.json: ${index['v1.0'].length} v1.0 and ${index.beta.length} beta type names`);
