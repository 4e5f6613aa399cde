import { expect, test } from '@playwright/test';
import { describeChanges, nightChanges } from '../../authoring/history/night-changes.ts';
import { HISTORY_FORMAT, type MetadataChange, type NightRecord } from '../../authoring/history/night-record.ts';
import { trendPage } from '../../authoring/history/trend-page.ts';

const SILENT: MetadataChange = {
  type: 'microsoft.graph.pkcs12CertificateInformation',
  change: 'property isActive removed',
  kind: 'property removed',
  member: 'isActive',
  direction: 'breaks a reader and a writer',
};
const ANNOUNCED: MetadataChange = {
  type: 'microsoft.graph.externalConnectors.externalConnection',
  change: 'property complianceSettings removed',
  kind: 'property removed',
  member: 'complianceSettings',
  direction: 'breaks a reader and a writer',
  announced: {
    date: '2026-08-20',
    text: 'Removed the **complianceSettings** property from the [externalConnection](https://learn.microsoft.com/x) resource <b>now</b>.',
  },
};

/** Nights of two operations of one passing test each; `metadata[night]` gives each operation's changes that night. */
function nights(metadata: [MetadataChange[], MetadataChange[]][], checked: (boolean | undefined)[] = []): NightRecord[] {
  return metadata.map(([connections, apiConnectors], index) => ({
    format: HISTORY_FORMAT,
    night: `2026-05-0${index + 1}`,
    generatedAt: `2026-05-0${index + 1}T03:17:00.000Z`,
    mode: 'record',
    ...(checked[index] === undefined
      ? {}
      : { metadataDrift: checked[index] ? { checked: true } : { checked: false, why: 'beta-Prod.csdl answered 503' } }),
    stoppedShards: [],
    leftovers: [],
    operations: [
      {
        id: 'POST /beta/external/connections',
        method: 'POST',
        path: '/external/connections',
        version: 'beta',
        page: 'create-connection',
        metadata: connections,
        tests: [{ id: 'aaaaaaaaaaa1', title: '201 creates the connection', case: '201 00000001', outcome: 'pass', ms: 1000, requests: [] }],
      },
      {
        id: 'POST /beta/identity/apiConnectors',
        method: 'POST',
        path: '/identity/apiConnectors',
        version: 'beta',
        page: 'create-identityapiconnector',
        metadata: apiConnectors,
        tests: [
          { id: 'aaaaaaaaaaa2', title: '201 creates the API connector', case: '201 00000002', outcome: 'pass', ms: 1000, requests: [] },
        ],
      },
    ],
  }));
}

test('the line since last night counts the metadata changes new tonight, and how many of them are silent', () => {
  expect(
    describeChanges(
      nightChanges(
        nights(
          [
            [[], []],
            [[ANNOUNCED], [SILENT]],
          ],
          [true, true],
        ),
      ),
    ),
  ).toBe('Since 2026-05-01: 2 metadata changes (1 silent).');
  // A change reported again (the committed metadata not yet updated) is not news.
  expect(
    describeChanges(
      nightChanges(
        nights(
          [
            [[ANNOUNCED], [SILENT]],
            [[ANNOUNCED], [SILENT]],
          ],
          [true, true],
        ),
      ),
    ),
  ).toBe('Since 2026-05-01: no test changed its outcome (2 tests).');
});

test('the line since last night compares the metadata with the last night that checked it; a night without a drift report says nothing of it', () => {
  const history = nights(
    [
      [[ANNOUNCED], [SILENT]],
      [[], []],
      [[ANNOUNCED], [SILENT]],
    ],
    [true, undefined, true],
  );
  // The drift job died: no report, so nothing is known of tonight's metadata, and nothing is said of it.
  expect(nightChanges(history.slice(0, 2))?.metadataChanges).toEqual([]);
  // Checked again: the changes are those of the last night that checked, not news.
  expect(nightChanges(history)?.metadataChanges).toEqual([]);
  expect(describeChanges(nightChanges(history))).toBe('Since 2026-05-02: no test changed its outcome (2 tests).');
  // The grid's column head says so too.
  expect(trendPage(history)).toContain(
    'title="2026-05-02 (record); metadata not checked: no drift report that night (the drift job left none)"',
  );
  // A night whose check failed is the same: the night after compares with the one before it.
  const failed = nights(
    [
      [[], [SILENT]],
      [[], []],
      [[ANNOUNCED], [SILENT]],
    ],
    [true, false, true],
  );
  expect(describeChanges(nightChanges(failed))).toBe('Since 2026-05-02: 1 metadata change.');
});

test('the grid marks each operation and night with metadata changes, silent ones apart; the drift section lists each change once with the nights it was seen', () => {
  const html = trendPage(
    nights(
      [
        [[], []],
        [[ANNOUNCED], []],
        [[ANNOUNCED], [SILENT]],
        [[], []],
      ],
      [true, true, true, false],
    ),
  );

  // Newest night first: night 4 (not checked), 3 (both), 2 (announced only), 1 (none).
  const connectionsRow = /<tr class="op"><th[^>]*>POST \/beta\/external\/connections[\s\S]*?<\/tr>/.exec(html)?.[0] ?? '';
  const markers = [...connectionsRow.matchAll(/<td[^>]*>✅(<sup class="md( s)?" title="([^"]*)">M<\/sup>)?/g)].map((match) => [
    match[1] !== undefined,
    match[2] !== undefined,
    match[3] ?? '',
  ]);
  expect(markers).toEqual([
    [false, false, ''],
    [
      true,
      false,
      '1 metadata change: microsoft.graph.externalConnectors.externalConnection: property complianceSettings removed (breaks a reader and a writer; announced 2026-08-20)',
    ],
    [
      true,
      false,
      '1 metadata change: microsoft.graph.externalConnectors.externalConnection: property complianceSettings removed (breaks a reader and a writer; announced 2026-08-20)',
    ],
    [false, false, ''],
  ]);
  const apiRow = /<tr class="op"><th[^>]*>POST \/beta\/identity\/apiConnectors[\s\S]*?<\/tr>/.exec(html)?.[0] ?? '';
  expect(apiRow).toContain(
    '<sup class="md s" title="1 metadata change, 1 silent: microsoft.graph.pkcs12CertificateInformation: property isActive removed (breaks a reader and a writer; silent)">M</sup>',
  );
  // The night that could not check the metadata says so in its column head.
  expect(html).toContain('title="2026-05-04 (record); metadata not checked: beta-Prod.csdl answered 503"');

  const section = /<section id="drift">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  expect(section).toContain('<h2>Metadata drift</h2>');
  const rows = [...section.matchAll(/<tr>(<td>[\s\S]*?)<\/tr>/g)].map((match) =>
    [...(match[1] ?? '').matchAll(/<td>([\s\S]*?)<\/td>/g)].map((cell) => cell[1]),
  );
  expect(rows).toEqual([
    [
      'POST /beta/identity/apiConnectors',
      'microsoft.graph.pkcs12CertificateInformation',
      'property isActive removed',
      'breaks a reader and a writer',
      '<b class="silent">silent</b>',
      '2026-05-03',
    ],
    [
      'POST /beta/external/connections',
      'microsoft.graph.externalConnectors.externalConnection',
      'property complianceSettings removed',
      'breaks a reader and a writer',
      // The changelog's Markdown as text: the link's words, no address, no emphasis marks; what it holds escaped.
      'announced 2026-08-20: Removed the complianceSettings property from the externalConnection resource &#60;b&#62;now&#60;/b&#62;.',
      '2026-05-02 → 2026-05-03 (2 nights)',
    ],
  ]);
});

test('a window without any drift check, or without a change, says which', () => {
  expect(trendPage(nights([[[], []]]))).toContain('<p>No night in the window checked the metadata (npm run metadata:drift).</p>');
  expect(trendPage(nights([[[], []]], [true]))).toContain('<p>No metadata change in the window.</p>');
});

test('a change the changelog cannot speak of is unknown: counted apart from silent ones, in the line, the grid and the drift section', () => {
  const unknown: MetadataChange = {
    type: 'microsoft.graph.connector',
    change: 'property state removed',
    kind: 'property removed',
    member: 'state',
    direction: 'breaks a reader and a writer',
    unknown: 'no changelog file is known for its type (add a row to the table in authoring/drift/changelog.ts)',
  };
  const history = nights(
    [
      [[], []],
      [[unknown], [SILENT]],
    ],
    [true, true],
  );
  expect(describeChanges(nightChanges(history))).toBe('Since 2026-05-01: 2 metadata changes (1 silent, 1 unknown).');
  expect(
    describeChanges(
      nightChanges(
        nights(
          [
            [[], []],
            [[unknown], []],
          ],
          [true, true],
        ),
      ),
    ),
  ).toBe('Since 2026-05-01: 1 metadata change (1 unknown).');
  const html = trendPage(history);
  // Not marked as silent in the grid: the changelog could not say.
  expect(html).toContain(
    '<sup class="md u" title="1 metadata change, 1 unknown: microsoft.graph.connector: property state removed (breaks a reader and a writer; unknown)">M</sup>',
  );
  expect(html).toContain(
    '<td>microsoft.graph.connector</td><td>property state removed</td><td>breaks a reader and a writer</td><td><b class="unknown">unknown</b>: no changelog file is known for its type (add a row to the table in authoring/drift/changelog.ts)</td>',
  );
});
