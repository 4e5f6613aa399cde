import { fileURLToPath } from 'node:url';
import type { MatrixTest } from '../../harness/report/contract-matrix.ts';
import { madeUpSuite, runSuite } from '../support/run-suite.ts';
import { expect, test } from '../support/stand-in-test.ts';

const HARNESS = JSON.stringify(fileURLToPath(new URL('../../harness/test.ts', import.meta.url)));

const CREATE = `const body = { id: uniqueId('connection'), name: 'Contoso HR' };
    cleanup.delete(\`/external/connections/\${body.id}\`);
    const response = await graph.post('/external/connections', { data: body });
    expect(response).toHaveStatus(201);
    expect(await response.json()).toMatchObject({ ...body, state: 'draft' });`;

/** The same code, as a formatter re-wraps it under a longer title, with a comment added. */
const CREATE_REWRAPPED = `// The page's example, with an id of the suite's.
    const body = {
      id: uniqueId('connection'),
      name: 'Contoso HR',
    };
    cleanup.delete(\`/external/connections/\${body.id}\`);
    const response = await graph.post('/external/connections', {
      data: body,
    });
    expect(response).toHaveStatus(201);
    expect(await response.json()).toMatchObject({ ...body, state: 'draft' });`;

/** A spec of Create connection: one test titled `created`, and two input rules declared by one loop, titled by `rule`. */
const spec = (created: string, code: string, rule: (id: string) => string) => `import { docPage } from ${HARNESS};
test.use({ graphVersion: 'beta' });
test.describe('POST /external/connections', { annotation: docPage('create-connection') }, () => {
  test(${JSON.stringify(created)}, async ({ graph, uniqueId, cleanup }) => {
    ${code}
  });
  for (const id of ['ab', 'SharePoint']) {
    test(${rule('${id}')}, async ({ graph }) => {
      expect(await graph.post('/external/connections', { data: { id, name: 'Contoso HR' } })).toHaveStatus(400);
    });
  }
});`;

async function matrixTests(standIns: { env: (kind: 'secret') => Promise<Record<string, string>> }, source: string): Promise<MatrixTest[]> {
  const suite = madeUpSuite({ 'create-connection.spec.ts': source });
  const run = await runSuite({ ...(await standIns.env('secret')), ...suite.env }, [...suite.args, '--workers=1']);
  expect(run.code, run.output).toBe(0);
  return run.matrix().operations.flatMap((row) => row.tests);
}

test('a renamed title keeps its test id: the operation, the page and the case (the status and the code) stay the same', async ({
  standIns,
}) => {
  const before = await matrixTests(
    standIns,
    spec('201 creates the connection in draft state', CREATE, (id) => `\`400 for the id ${id}\``),
  );
  const renamed = await matrixTests(
    standIns,
    spec('201 creates a connection, which starts as a draft', CREATE_REWRAPPED, (id) => `\`400 refuses ${id} as an id\``),
  );
  const changed = await matrixTests(
    standIns,
    spec(
      '201 creates the connection in draft state',
      CREATE.replace("state: 'draft'", "state: 'draft', name: 'Contoso HR'"),
      (id) => `\`400 for the id ${id}\``,
    ),
  );

  const keys = (tests: MatrixTest[]) => tests.map((t) => [t.title, t.id, t.operationId, t.case.split(' ')[0]]);
  expect(before.map((t) => t.operationId)).toEqual(Array(3).fill('POST /beta/external/connections'));
  expect(new Set(before.map((t) => t.id)).size).toBe(3);
  // The two input rules come from one loop: the same code, told apart by their order.
  expect(before.filter((t) => t.title.startsWith('400')).map((t) => t.case.replace(/^400 [0-9a-f]{8}/, ''))).toEqual(['', '#2']);
  expect(keys(renamed)).toEqual([
    ['201 creates a connection, which starts as a draft', before[0]?.id, 'POST /beta/external/connections', '201'],
    ['400 refuses ab as an id', before[1]?.id, 'POST /beta/external/connections', '400'],
    ['400 refuses SharePoint as an id', before[2]?.id, 'POST /beta/external/connections', '400'],
  ]);
  // What the test does changed under the same title: another case, so another id (history links the two by title).
  expect(changed[0]?.title).toBe(before[0]?.title);
  expect(changed[0]?.id).not.toBe(before[0]?.id);
  expect(changed.slice(1).map((t) => t.id)).toEqual(before.slice(1).map((t) => t.id));
});
