import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, runProject, runSuite, scratchDirectory, testsOf, TSX } from '../support/run-suite.ts';
import { SCALE_KINDS, scalePages, writeScaleProject, writeScalePages } from '../support/scale-suite.ts';
import { expect, test } from '../support/stand-in-test.ts';

/**
 * The bench's scale case at one spec per operation kind: the project it writes holds what
 * `npm run new-spec` writes, run page by page as a user runs it, file for file, and it replays green.
 */

const KINDS = SCALE_KINDS.length;

/** Every file below a folder (relative path → text), for comparing two checkouts' outputs. */
function filesOf(root: string, folders: string[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const folder of folders)
    for (const name of readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' }).sort())
      if (/\.(md|json|ts|xml)$/.test(name)) files.set(`${folder}/${name}`, readFileSync(join(root, folder, name), 'utf8'));
  return files;
}

test('the scale case is new-spec’s output for each page, file for file, and replays every test green', async () => {
  test.setTimeout(240_000);
  const root = scratchDirectory('scale');
  const results = await writeScaleProject(PROJECT_ROOT, root, scratchDirectory('pages'), KINDS);
  expect(results.map(({ name }) => name)).toEqual(scalePages(KINDS).map(({ name }) => name));
  expect(new Set(SCALE_KINDS.map(({ method }) => method))).toEqual(new Set(['GET', 'POST', 'PATCH', 'DELETE']));

  // The same pages through the command, one child process each, in an empty checkout of the same files.
  const byHand = scratchDirectory('by-hand');
  await writeScaleProject(PROJECT_ROOT, byHand, scratchDirectory('no-pages'), 0);
  for (const folder of ['authoring', 'scripts']) cpSync(join(PROJECT_ROOT, folder), join(byHand, folder), { recursive: true });
  const docs = scratchDirectory('docs');
  for (const page of writeScalePages(docs, KINDS)) {
    const run = await runProject(
      () => [TSX, 'scripts/new-spec.ts', join(docs, `${page.name}.md`), '--url', page.url, '--source', page.source, '--name', page.name],
      {},
      byHand,
    );
    expect(run.output, `new-spec on ${page.name}`).toContain('new-spec: wrote');
    expect(run.code, run.output).toBe(0);
  }
  const folders = ['specs', 'pages', 'fixtures', 'schemas', 'metadata'];
  const generated = filesOf(root, folders);
  const written = filesOf(byHand, folders);
  expect([...generated.keys()]).toEqual([...written.keys()]);
  for (const [file, text] of generated) expect(text, file).toBe(written.get(file));
  // Each kind's spec, and a collection's schema that only new-spec drafts (schemas/ has none before).
  expect([...generated.keys()].filter((file) => file.startsWith('specs/'))).toHaveLength(KINDS);
  expect(generated.has('schemas/externalConnectionCollectionResponse.json')).toBe(true);
  expect(generated.get(`specs/${scalePages(KINDS)[5]?.name ?? ''}.spec.ts`)).toContain("graph.post('/external/connections'");

  const replay = await runSuite({ GRAPH_MODE: 'replay' }, [], root);
  expect(replay.code, replay.output).toBe(0);
  expect(replay.report().stats).toMatchObject({ expected: KINDS, unexpected: 0, skipped: 0, flaky: 0 });
  expect(testsOf(replay.report()).map(({ title, status }) => `${title}: ${status}`)).toEqual(
    expect.arrayContaining([
      '200 gets the externalConnection: passed',
      '201 creates the externalConnection: passed',
      '200 gets the connector: passed',
      '200 lists the externalConnections: passed',
      '204 updates the externalConnection: passed',
      '204 deletes the externalConnection: passed',
    ]),
  );
});
