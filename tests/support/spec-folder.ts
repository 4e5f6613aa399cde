import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The line a made-up spec starts with: the harness's test and expect, by absolute path. */
export const HARNESS_IMPORT = `import { expect, test } from ${JSON.stringify(fileURLToPath(new URL('../../harness/test.ts', import.meta.url)))};\n`;

/** What runs a folder of made-up specs: the config that runs them, and where they are. */
export const SPEC_FOLDER_ARGUMENTS = ['--config', fileURLToPath(new URL('./spec-folder.config.ts', import.meta.url))];
export const specFolderEnvironment = (directory: string): Record<string, string> => ({ GRAPH_CONTRACTS_SPEC_DIR: directory });

/** Writes made-up specs (file name → source) where tests/support/spec-folder.config.ts can run them. */
export function writeSpecFolder(directory: string, specs: Record<string, string>): void {
  // An ES module, like the harness it imports.
  writeFileSync(join(directory, 'package.json'), '{ "type": "module" }\n');
  for (const [name, source] of Object.entries(specs)) writeFileSync(join(directory, name), source);
}

/** Writes fixtures (path below the folder → content) into a fixtures folder. */
export function writeFixtures(directory: string, fixtures: Record<string, unknown>): void {
  for (const [path, content] of Object.entries(fixtures)) {
    mkdirSync(join(directory, path, '..'), { recursive: true });
    writeFileSync(join(directory, path), `${JSON.stringify(content, null, 2)}\n`);
  }
}
