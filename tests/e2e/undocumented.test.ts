import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { madeUpSuite, runSuite, testsOf } from '../support/run-suite.ts';

const PAGE = 'https://learn.microsoft.com/graph/api/externalconnectors-externalconnection-get?view=graph-rest-beta';

/** A documented-example fixture answering one GET of the connection with `response`. */
function reads(test: string, response: object) {
  return {
    test,
    provenance: { source: 'documented-example', page: PAGE, note: 'Made up for an end-to-end test.' },
    values: {},
    interactions: [
      {
        scope: 'https://graph.microsoft.com',
        method: 'GET',
        path: '/beta/external/connections/contosohr',
        status: 200,
        response,
        rawHeaders: { 'content-type': 'application/json' },
      },
    ],
  };
}

const READ_TEST = (title: string) => `
test(${JSON.stringify(title)}, async ({ graph }) => {
  const response = await graph.get('/external/connections/contosohr');
  expect(response).toHaveStatus(200);
  expect(await response.json()).toMatchSchema('externalConnection');
});`;

const CONNECTION = {
  '@odata.context': 'https://graph.microsoft.com/beta/$metadata#connections/$entity',
  id: 'contosohr',
  name: 'Contoso HR',
  state: 'draft',
};

test('undocumented properties are an annotation and a matrix column, and never fail a test', async () => {
  const suite = madeUpSuite(
    {
      'connections.spec.ts': `test.use({ graphVersion: 'beta' });${READ_TEST('200 reads the connection')}${READ_TEST('200 reads it with nothing new')}${READ_TEST('200 reads it broken')}`,
    },
    {
      'connections/200-reads-the-connection.json': reads('200 reads the connection', {
        ...CONNECTION,
        configuration: { authorizedAppIds: [], authorizedApps: ['x'] },
        'name@odata.type': '#String',
      }),
      'connections/200-reads-it-with-nothing-new.json': reads('200 reads it with nothing new', CONNECTION),
      'connections/200-reads-it-broken.json': reads('200 reads it broken', { ...CONNECTION, state: 'String', newThing: 1 }),
    },
  );

  const run = await runSuite(suite.env, suite.args);

  expect(run.code).toBe(1);
  const tests = Object.fromEntries(
    testsOf(run.report()).map((t) => [
      t.title,
      { status: t.status, undocumented: t.annotations.filter((a) => a.type === 'undocumented').map((a) => a.description) },
    ]),
  );
  expect(tests).toEqual({
    '200 reads the connection': { status: 'passed', undocumented: ['externalConnection: /configuration/authorizedApps'] },
    '200 reads it with nothing new': { status: 'passed', undocumented: [] },
    '200 reads it broken': { status: 'failed', undocumented: ['externalConnection: /newThing'] },
  });
  const [row] = run.matrix().operations;
  expect(row?.undocumented).toEqual(['externalConnection#/configuration/authorizedApps', 'externalConnection#/newThing']);
  expect(Object.fromEntries(row?.tests.map((t) => [t.title, t.undocumented]) ?? [])).toEqual({
    '200 reads the connection': ['externalConnection#/configuration/authorizedApps'],
    '200 reads it with nothing new': [],
    '200 reads it broken': ['externalConnection#/newThing'],
  });
  const markdown = readFileSync(join(run.outputDirectory, 'matrix', 'contract-matrix.md'), 'utf8');
  expect(markdown).toContain('| known divergences | undocumented | doc page |');
  expect(markdown).toContain('| — | externalConnection: `/configuration/authorizedApps`, `/newThing` |');
});
