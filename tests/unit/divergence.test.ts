import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { divergence, divergenceIdOf, findDivergence, knownDivergences, type Divergence } from '../../harness/divergence/registry.ts';
import { checkClaim, checkWholeTest } from '../../harness/divergence/divergence-check.ts';
import type { Exchange } from '../../harness/transport/exchange.ts';

const pathDivergence: Divergence = {
  id: 'x-path',
  operation: 'POST /v1.0/applications/{applicationsId}/connectorGroup/members/$ref',
  page: 'Add connector',
  scope: 'test',
  pageSays: 'answers 204',
  serviceDoes: 'rejects the path',
  knownAnswer: { status: [400, 404] },
  evidence: [{ source: 'metadata' }],
};
const typeDivergence: Divergence = {
  ...pathDivergence,
  id: 'x-type',
  scope: 'claim',
  claim: '@odata.type',
  documented: '#Cpim.type',
  knownAnswer: { values: ['#microsoft.graph.type', null] },
};

function answered(status: number, path = '/v1.0/applications/abc/connectorGroup/members/$ref'): Exchange[] {
  return [{ request: { method: 'POST', url: `https://graph.microsoft.com${path}`, headers: {} }, response: { status, headers: {} } }];
}

test('a whole-test divergence still answered as known is fine', () => {
  expect(checkWholeTest(pathDivergence, false, answered(400))).toBeUndefined();
  expect(checkWholeTest(pathDivergence, false, answered(404))).toBeUndefined();
});

test('a whole-test divergence that passes is gone: update the registry', () => {
  expect(checkWholeTest(pathDivergence, true, answered(204))).toEqual({
    kind: 'gone',
    problem: 'Divergence [x-path] is gone: the service now matches the page: update the registry (known-divergences.json).',
  });
});

test('another status, or no request for the operation, is a new failure', () => {
  expect(checkWholeTest(pathDivergence, false, answered(409))).toEqual({
    kind: 'other',
    problem: expect.stringContaining('answered 409 Conflict, not the known divergence [x-path] (400 or 404)') as unknown,
  });
  expect(checkWholeTest(pathDivergence, false, answered(400, '/beta/other'))).toEqual({
    kind: 'other',
    problem: expect.stringContaining('the test never sent it') as unknown,
  });
});

test('an answer that means the service could not be asked is not tested, not a new failure', () => {
  for (const status of [401, 403, 429, 500, 503]) expect(checkWholeTest(pathDivergence, false, answered(status))?.kind).toBe('not tested');
  expect(checkWholeTest(pathDivergence, false, answered(403))?.problem).toBe(
    'the token lacks a permission this operation needs: POST /v1.0/applications/{applicationsId}/connectorGroup/members/$ref answered 403 Forbidden, so divergence [x-path] could not be checked.',
  );
});

test("a claim holds the documented value when the page's examples answer", () => {
  expect(checkClaim(typeDivergence, 'documented-example', { '@odata.type': '#Cpim.type' })).toBeUndefined();
  expect(checkClaim(typeDivergence, 'documented-example', { '@odata.type': '#microsoft.graph.type' })).toEqual({
    problem: '@odata.type is "#microsoft.graph.type"; the page documents "#Cpim.type".',
    gone: false,
  });
});

test("a claim holds one of the service's known values when the service answers, absent included", () => {
  expect(checkClaim(typeDivergence, 'service', { '@odata.type': '#microsoft.graph.type' })).toBeUndefined();
  expect(checkClaim(typeDivergence, 'service', { id: 'x' })).toBeUndefined();
  expect(checkClaim(typeDivergence, 'service', { '@odata.type': '#Cpim.type' })).toEqual({
    problem: expect.stringContaining('update the registry') as unknown,
    gone: true,
  });
  expect(checkClaim(typeDivergence, 'service', { '@odata.type': '#other' })).toEqual({
    problem:
      '@odata.type is "#other": neither what the page documents ("#Cpim.type") nor the service\'s known answer under [x-type] ("#microsoft.graph.type", (absent)).',
    gone: false,
  });
});

test('the registry validates, and each entry renders as an annotation with its evidence', () => {
  const entries = [...knownDivergences().values()];
  expect(entries.map((entry) => entry.id)).toEqual([
    'connectors-create-not-served',
    'application-connectorGroup-not-in-v1',
    'connections-path-never-documented',
    'identityApiConnector-type-name',
  ]);
  const annotation = divergence('identityApiConnector-type-name');
  expect(annotation.type).toBe('known divergence');
  expect(divergenceIdOf(annotation.description)).toBe('identityApiConnector-type-name');
  expect(annotation.description).toContain('Evidence: Graph metadata v1.0-Prod.csdl');
  expect(() => findDivergence('nope')).toThrow('No divergence "nope" in known-divergences.json');
});

test('a malformed registry names the field at fault', () => {
  const path = test.info().outputPath('registry.json');
  writeFileSync(path, JSON.stringify({ divergences: [{ ...typeDivergence, documented: undefined, scope: 'claim' }] }));
  expect(() => knownDivergences(path)).toThrow(/at \/divergences\/0\/documented\n\s+expected: a value \(the property is required\)/);
});
