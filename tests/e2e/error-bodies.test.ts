import { expect, test } from '@playwright/test';
import { slug } from '../../harness/replay/fixture-file.ts';
import { madeUpSuite, runSuite, testsOf } from '../support/run-suite.ts';

const PAGE = 'https://learn.microsoft.com/graph/api/externalconnectors-external-post-connections?view=graph-rest-beta';

/**
 * Error bodies in the forms published pages and real services give them (GRAPH-FACTS, "Learned on
 * turn 3"): the contract is the OData JSON error, `error.code` and `error.message`; what support
 * needs (innerError's request-id and date) is a note when missing, never a failure.
 */
const SHAPES: Record<string, unknown> = {
  // The same body on 8+ mail pages: no innerError at all.
  'no innerError': { error: { code: 'ErrorMimeContentInvalidBase64String', message: 'Invalid base64 string for MIME content.' } },
  // Education pages: a numeric-string code.
  'a numeric-string code': { error: { code: '20241', message: 'The assignment is not in a state that allows this.' } },
  // An innerError with only code and message: no request-id, no date.
  'an innerError without ids': {
    error: { code: 'InvalidRequest', message: 'Bad id.', innerError: { code: 'badId', message: 'The id is refused.' } },
  },
  // Excel: a nested innerError chain, three levels deep, the ids at the top.
  'a nested innerError chain': {
    error: {
      code: 'InvalidArgument',
      message: 'The argument is invalid or missing or has an incorrect format.',
      innerError: {
        code: 'invalidArgument',
        message: 'The argument is invalid.',
        date: '2026-11-30T10:02:38',
        'request-id': '0f1c0000-0000-0000-0000-00000000abcd',
        innerError: { code: 'badFormat', innerError: { code: 'missingValue' } },
      },
    },
  },
};

test('error bodies as Graph documents them pass an asserted 400; a missing request-id or date is a note in the report and the matrix', async () => {
  const specs = Object.keys(SHAPES)
    .map(
      (shape) => `test('400 with ${shape}', async ({ graph }) => {
  const response = await graph.post('/external/connections', { data: { id: 'gcserror' } });
  expect(response).toHaveStatus(400);
  expect(await response.json()).toMatchSchema('odataError');
});`,
    )
    .join('\n');
  const fixtures = Object.fromEntries(
    Object.entries(SHAPES).map(([shape, body]) => [
      `errors/${slug(`400 with ${shape}`)}.json`,
      {
        test: `400 with ${shape}`,
        provenance: { source: 'documented-example', page: PAGE, note: 'Made up for an end-to-end test, in a form published pages take.' },
        values: {},
        interactions: [
          {
            scope: 'https://graph.microsoft.com',
            method: 'POST',
            path: '/beta/external/connections',
            status: 400,
            response: body,
            rawHeaders: { 'content-type': 'application/json', 'request-id': 'ffff0000-0000-0000-0000-000000000001' },
          },
        ],
      },
    ]),
  );
  const suite = madeUpSuite({ 'errors.spec.ts': `test.use({ graphVersion: 'beta' });\n${specs}` }, fixtures);

  const run = await runSuite(suite.env, suite.args);

  expect(run.code, run.output).toBe(0);
  const tests = testsOf(run.report());
  expect(tests.map((t) => [t.title, t.status])).toEqual(Object.keys(SHAPES).map((shape) => [`400 with ${shape}`, 'passed']));
  const notes = Object.fromEntries(
    tests.map((t) => [t.title, t.annotations.filter((a) => a.type === 'support ids').map((a) => a.description)]),
  );
  expect(notes['400 with no innerError']).toEqual([
    "POST /beta/external/connections answered 400 with an error that carries no innerError, so no request-id or date for support in its body; the answer's request-id header: ffff0000-0000-0000-0000-000000000001",
  ]);
  expect(notes['400 with an innerError without ids']).toEqual([
    "POST /beta/external/connections answered 400 with an error whose innerError has no request-id and no date for support; the answer's request-id header: ffff0000-0000-0000-0000-000000000001",
  ]);
  // The top innerError carries both: a chain below it needs nothing more.
  expect(notes['400 with a nested innerError chain']).toEqual([]);
  const matrix = run.matrix();
  expect(matrix.totals.pass).toBe(4);
  const matrixNotes = matrix.operations.flatMap((row) => row.tests.flatMap((t) => t.notes));
  expect(matrixNotes).toHaveLength(3);
  expect(run.matrixMarkdown()).toContain('**Notes** (3): what support would need, missing from an answer; the outcome stands.');
});
