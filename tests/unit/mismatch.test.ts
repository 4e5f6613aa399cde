import { expect, test } from '@playwright/test';
import type { Interaction } from '../../harness/replay/fixture-file.ts';
import { compare, explainMismatch, nearestInteraction, type Candidate } from '../../harness/replay/mismatch.ts';
import type { SentRequest } from '../../harness/transport/exchange.ts';

const create: Interaction = {
  scope: 'https://graph.microsoft.com',
  method: 'POST',
  path: '/beta/external/connections',
  body: { id: 'contosohr', name: 'Contoso HR', configuration: { authorizedAppIds: ['a'] } },
  status: 201,
};
const read: Interaction = {
  scope: 'https://graph.microsoft.com',
  method: 'GET',
  path: '/beta/external/connections/contosohr?$select=id',
  status: 200,
};

function sent(overrides: Partial<SentRequest> = {}): SentRequest {
  return {
    method: 'POST',
    url: 'https://graph.microsoft.com/beta/external/connections',
    headers: {},
    body: { id: 'contosohr', name: 'Contoso HR', configuration: { authorizedAppIds: ['a'] } },
    ...overrides,
  };
}

function candidates(...interactions: [Interaction, boolean][]): Candidate[] {
  return interactions.map(([interaction, used], index) => ({ number: index + 1, interaction, used }));
}

test('an identical request differs in nothing', () => {
  expect(compare(create, sent())).toEqual([]);
});

test('body differences are listed leaf by leaf', () => {
  const differences = compare(
    create,
    sent({ body: { id: 'contosohr', name: 'Contoso', configuration: { authorizedAppIds: ['a', 'b'] } } }),
  );
  expect(differences).toEqual([
    { aspect: 'body', where: 'body.name', recorded: 'Contoso HR', sent: 'Contoso' },
    { aspect: 'body', where: 'body.configuration.authorizedAppIds[1]', recorded: '(absent)', sent: 'b' },
  ]);
});

test('origin, method, path, query and header differences are named', () => {
  const interaction: Interaction = { ...read, reqheaders: { consistencylevel: 'eventual' } };
  const request = sent({
    method: 'get',
    url: 'https://graph.microsoft.us/beta/external/connections/other?$select=id,name',
    body: undefined,
  });
  expect(compare(interaction, request).map((d) => d.where)).toEqual(['origin', 'path', 'query $select', 'header consistencylevel']);
});

test('a recorded interaction without a body matches any body', () => {
  expect(compare({ ...create, body: undefined }, sent({ body: { other: true } }))).toEqual([]);
});

test('the nearest interaction is the one with the fewest differences, unused first', () => {
  const list = candidates([create, true], [read, false], [create, false]);
  expect(nearestInteraction(sent(), list)?.candidate.number).toBe(3);
  expect(
    nearestInteraction(sent({ method: 'GET', url: 'https://graph.microsoft.com/beta/external/connections/contosohr?$select=id' }), list)
      ?.candidate.number,
  ).toBe(2);
});

test('the explanation names the request, the fixture, the nearest interaction and each difference', () => {
  const message = explainMismatch(
    sent({ body: { id: 'contosohr', name: 'Other', configuration: { authorizedAppIds: ['a'] } } }),
    candidates([create, false], [read, false]),
    'fixtures/x.json',
  );
  expect(message).toBe(
    [
      'Replay: no recorded interaction answers POST https://graph.microsoft.com/beta/external/connections',
      '  fixture: fixtures/x.json',
      '  nearest recorded request: interaction 1 of 2, POST https://graph.microsoft.com/beta/external/connections (answered 201)',
      '  what differs (recorded → sent):',
      '    body.name: "Contoso HR" → "Other"',
      '  If the test changed on purpose, re-record it (GRAPH_MODE=record) or correct the fixture; otherwise the test sent what it should not.',
    ].join('\n'),
  );
});

test('a request beyond the recorded ones is explained as such', () => {
  const message = explainMismatch(sent(), candidates([create, true]), 'fixtures/x.json');
  expect(message).toContain(
    'interaction 1 of 1, POST https://graph.microsoft.com/beta/external/connections (answered 201), already used by an earlier request',
  );
  expect(message).toContain('the test sends more requests than the fixture recorded');
});

test('an empty fixture says so', () => {
  expect(explainMismatch(sent(), [], 'fixtures/x.json')).toContain('the fixture records no interaction at all');
});
