import { readFileSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { SettingsError } from '../../harness/config/settings.ts';
import { isLaidOut, layOut } from '../../authoring/metadata/csdl-layout.ts';
import { download } from '../../authoring/metadata/download.ts';
import { MetadataAtHand } from '../../authoring/metadata/metadata-at-hand.ts';
import { metadataUrl, originOf, readMetadataSettings } from '../../authoring/metadata/metadata-settings.ts';
import { parseMetadata } from '../../authoring/metadata/read-metadata.ts';
import { sliceChanges } from '../../authoring/metadata/type-changes.ts';
import { readmeWithSources } from '../../authoring/metadata/update-metadata.ts';
import { generateTestPki } from '../stand-ins/certificates.ts';
import { startHttpsServer } from '../stand-ins/https-server.ts';

/** The parts of metadata:update a drift check reuses: settings, where a file came from, the layout, what changed, the download's bounded waits. */

test('settings: https base URLs and bounded waits by default; each bad one named, with its fix, before any request', () => {
  expect(readMetadataSettings({})).toEqual({
    graphUrl: 'https://graph.microsoft.com',
    repositoryUrl: 'https://raw.githubusercontent.com/microsoftgraph/msgraph-metadata/master',
    connectTimeoutMs: 30_000,
    answerTimeoutMs: 60_000,
  });
  const settings = readMetadataSettings({
    GRAPH_METADATA_URL: 'https://graph.microsoft.us/',
    GRAPH_METADATA_REPOSITORY_URL: 'https://mirror.example/m/r/abc/',
  });
  expect(metadataUrl(settings, 'graph', 'beta')).toBe('https://graph.microsoft.us/beta/$metadata');
  expect(metadataUrl(settings, 'repository', 'v1.0')).toBe('https://mirror.example/m/r/abc/schemas/v1.0-Prod.csdl');

  let thrown: unknown;
  try {
    readMetadataSettings({
      GRAPH_METADATA_URL: 'https://graph.microsoft.com/v1.0',
      GRAPH_METADATA_REPOSITORY_URL: 'ftp://x',
      GRAPH_METADATA_ANSWER_TIMEOUT_SECONDS: '1h',
    });
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(SettingsError);
  expect((thrown as SettingsError).problems).toEqual([
    'GRAPH_METADATA_URL="https://graph.microsoft.com/v1.0" must be the root only, with no path, user, query or fragment, such as https://graph.microsoft.com: the version and $metadata are added.',
    'GRAPH_METADATA_REPOSITORY_URL="ftp://x" must use https, such as https://raw.githubusercontent.com/microsoftgraph/msgraph-metadata/master.',
    'GRAPH_METADATA_ANSWER_TIMEOUT_SECONDS="1h" must be a whole number of seconds from 1 to 600 (default 60).',
  ]);
});

test("where a download came from: the repository, path and commit a raw file's URL names; else the URL and the day", () => {
  const at = new Date('2026-12-04T21:00:00.000Z');
  const commit = '0564689b82afc308d5aa8be54edfb9e5f1e0539f';
  const pinned = readMetadataSettings({
    GRAPH_METADATA_REPOSITORY_URL: `https://raw.githubusercontent.com/microsoftgraph/msgraph-metadata/${commit}`,
  });
  expect(originOf(metadataUrl(pinned, 'repository', 'v1.0'), pinned, at)).toEqual({
    repository: 'microsoftgraph/msgraph-metadata',
    path: 'schemas/v1.0-Prod.csdl',
    commit,
    url: `https://raw.githubusercontent.com/microsoftgraph/msgraph-metadata/${commit}/schemas/v1.0-Prod.csdl`,
    date: '2026-12-04',
    retrieved: '2026-12-04T21:00:00.000Z',
  });
  const defaults = readMetadataSettings({});
  expect(originOf(metadataUrl(defaults, 'repository', 'beta'), defaults, at)).not.toHaveProperty('commit');
  expect(originOf(metadataUrl(defaults, 'graph', 'beta'), defaults, at)).toEqual({
    url: 'https://graph.microsoft.com/beta/$metadata',
    date: '2026-12-04',
    retrieved: '2026-12-04T21:00:00.000Z',
  });
});

test('CSDL without line breaks is laid out as the metadata repository publishes it; text, quoted > and comments survive', () => {
  const compact =
    '<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>' +
    '<Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm"><!-- a > b -->' +
    '<EnumType Name="widgetState"><Member Name="draft" Value="0" /></EnumType>' +
    '<Annotations Target="graph.widgetState"><Annotation Term="Org.OData.Core.V1.Description" String="more > less" /><Annotation Term="Org.OData.Core.V1.LongDescription"><String>  a, b </String></Annotation><Annotation Term="x.Empty"><String></String></Annotation></Annotations>' +
    '</Schema></edmx:DataServices></edmx:Edmx>';
  expect(isLaidOut(compact)).toBe(false);
  const laidOut = layOut(compact);
  expect(laidOut.split('\n')).toEqual([
    '<?xml version="1.0" encoding="utf-8"?>',
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">',
    '  <edmx:DataServices>',
    '    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">',
    '      <!-- a > b -->',
    '      <EnumType Name="widgetState">',
    '        <Member Name="draft" Value="0" />',
    '      </EnumType>',
    '      <Annotations Target="graph.widgetState">',
    '        <Annotation Term="Org.OData.Core.V1.Description" String="more > less" />',
    '        <Annotation Term="Org.OData.Core.V1.LongDescription">',
    '          <String>  a, b </String>',
    '        </Annotation>',
    '        <Annotation Term="x.Empty">',
    '          <String></String>',
    '        </Annotation>',
    '      </Annotations>',
    '    </Schema>',
    '  </edmx:DataServices>',
    '</edmx:Edmx>',
  ]);
  expect(isLaidOut(laidOut)).toBe(true);
  expect(layOut(laidOut)).toBe(laidOut);
  // The same document, read either way.
  const members = (xml: string) =>
    [...parseMetadata(xml, 'csdl').types.values()].map((type) => (type.kind === 'enum' ? type.members.map((member) => member.name) : []));
  expect(members(laidOut)).toEqual([['draft']]);
  expect(members(compact)).toEqual(members(laidOut));
});

test("what changed in a slice's types, a phrase each", () => {
  const csdl = (widget: string, state: string) => `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="widgetState">
${state}
      </EnumType>
      <ComplexType Name="widget">
${widget}
      </ComplexType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
`;
  const before = parseMetadata(
    csdl(
      '        <Property Name="size" Type="Edm.Int32" Nullable="false" />\n        <Property Name="label" Type="Edm.String" />',
      '        <Member Name="draft" Value="0" />',
    ),
    'before',
  );
  const after = parseMetadata(
    csdl(
      '        <Property Name="size" Type="Edm.Int64" />\n        <Property Name="notes" Type="Collection(Edm.String)" />',
      '        <Member Name="draft" Value="0" />\n        <Member Name="ready" Value="1" />',
    ),
    'after',
  );
  expect(sliceChanges(before, after)).toEqual({
    added: [],
    removed: [],
    changed: [
      {
        type: 'microsoft.graph.widget',
        changes: ['property size: Edm.Int32 → Edm.Int64', 'property size: now nullable', 'property notes added', 'property label removed'],
      },
      { type: 'microsoft.graph.widgetState', changes: ['member ready added'] },
    ],
  });
});

test("metadata/README.md's block says what the source records say", () => {
  const metadata = new MetadataAtHand();
  const readme = readFileSync('metadata/README.md', 'utf8');
  expect(readmeWithSources(readme, { 'v1.0': metadata.source('v1.0'), beta: metadata.source('beta') })).toBe(readme);
  expect(readme).toContain(
    '- metadata v1.0: v1.0-Prod.csdl: microsoftgraph/msgraph-metadata schemas/v1.0-Prod.csdl at 0564689b (2026-08-03)',
  );
});

test('a connection that never completes its TLS handshake ends at the connect timeout, naming the URL and the setting', async () => {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0/$metadata`;
  try {
    await expect(download(url, { connectTimeoutMs: 200, answerTimeoutMs: 60_000, setting: 'GRAPH_METADATA_URL' })).rejects.toThrow(
      `${url}: no connection within 0.2 s: check the network (a proxy, a firewall), or raise GRAPH_METADATA_CONNECT_TIMEOUT_SECONDS. Nothing was written.`,
    );
    expect(sockets).toHaveLength(1);
  } finally {
    for (const socket of sockets) socket.destroy();
    server.close();
  }
});

test('an answer that stops half-way ends at the answer timeout, saying how much came', async ({}, testInfo) => {
  const pki = await generateTestPki(testInfo.outputPath('pki'));
  const server = await startHttpsServer(pki, (_request, _body, response) => {
    response.writeHead(200, { 'content-type': 'application/xml', 'content-length': '1000' });
    response.write('<?xml version="1.0" encoding="utf-8"?>');
  });
  try {
    const url = `${server.origin}/v1.0/$metadata`;
    const progress: number[] = [];
    await expect(
      download(url, {
        connectTimeoutMs: 5000,
        answerTimeoutMs: 300,
        setting: 'GRAPH_METADATA_URL',
        onProgress: ({ received }) => progress.push(received),
        ca: pki.serverCert,
      }),
    ).rejects.toThrow(
      `${url} stopped sending after 38 bytes and sent nothing more for 0.3 s: try again later, or raise GRAPH_METADATA_ANSWER_TIMEOUT_SECONDS. Nothing was written.`,
    );
    expect(progress).toEqual([38]);
  } finally {
    await server.stop();
    rmSync(pki.directory, { recursive: true, force: true });
  }
});
