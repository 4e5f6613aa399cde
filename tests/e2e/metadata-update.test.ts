import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestPki } from '../stand-ins/certificates.ts';
import { MetadataStandIn, type MetadataStandInOptions } from '../stand-ins/metadata-stand-in.ts';
import { projectCopy } from '../support/project-copy.ts';
import { PROJECT_ROOT, runProject, TSX, type SuiteRun } from '../support/run-suite.ts';
import { expect, test } from '../support/stand-in-test.ts';

/** npm run metadata:update as a user runs it, in a copy of the project, against a local stand-in for Graph and the metadata repository. */

const COMMITTED = readFileSync(join(PROJECT_ROOT, 'metadata', 'v1.0-Prod.csdl'), 'utf8');

/** The committed v1.0 CSDL as a later publication might have it: a type added, one removed, a property added to a type under contract. */
function changedCsdl(): string {
  const edits: [string, string][] = [
    ['      <EnumType Name="auditLogUserType" />\n', ''],
    [
      '      <ComplexType Name="publicError">\n',
      '      <ComplexType Name="publicError">\n        <Property Name="probeNote" Type="Edm.String" />\n',
    ],
    [
      '      <EnumType Name="accessEntityType">\n',
      '      <ComplexType Name="contractProbe">\n        <Property Name="note" Type="Edm.String" />\n      </ComplexType>\n      <EnumType Name="accessEntityType">\n',
    ],
  ];
  return edits.reduce((text, [from, to]) => {
    expect(text.split(from)).toHaveLength(2);
    return text.replace(from, to);
  }, COMMITTED);
}

/** Every file of metadata/ with its SHA-256: what "nothing was written" is checked against. */
function metadataState(root: string): Record<string, string> {
  const directory = join(root, 'metadata');
  return Object.fromEntries(
    readdirSync(directory).map((name) => [
      name,
      createHash('sha256')
        .update(readFileSync(join(directory, name)))
        .digest('hex'),
    ]),
  );
}

async function withStandIn<T>(pki: TestPki, options: MetadataStandInOptions, use: (standIn: MetadataStandIn) => Promise<T>): Promise<T> {
  const standIn = new MetadataStandIn(pki, options);
  await standIn.start();
  try {
    return await use(standIn);
  } finally {
    await standIn.stop();
  }
}

function metadataUpdate(root: string, env: Record<string, string>, args: string[]): Promise<SuiteRun> {
  return runProject(() => [TSX, 'scripts/metadata-update.ts', ...args], env, root);
}

test('fetches the v1.0 metadata with a progress line, writes it with where it came from, re-cuts the slice and type names, and says what changed', async ({
  pki,
}) => {
  const root = projectCopy();
  const csdl = changedCsdl();
  await withStandIn(pki, { csdl: { 'v1.0': csdl }, gzip: true }, async (standIn) => {
    const env = { GRAPH_METADATA_REPOSITORY_URL: standIn.repositoryUrl(), NODE_EXTRA_CA_CERTS: pki.serverCertPath };
    const url = `${standIn.repositoryUrl()}/schemas/v1.0-Prod.csdl`;

    const run = await metadataUpdate(root, env, ['--version', 'v1.0']);

    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain(`metadata:update: fetching v1.0 from ${url}\n`);
    // Off a terminal, a line at each quarter: bytes so far, of the answer's length (compressed).
    expect(run.output).toMatch(
      /^ {2}v1\.0: \d+ KB of (\d+) KB gzip \(\d{1,2}%\)\n(?: {2}v1\.0: \d+ KB of \1 KB gzip \(\d{1,2}%\)\n)* {2}v1\.0: \1 KB of \1 KB gzip \(100%\)$/m,
    );
    expect(run.output).toContain(
      `metadata:update: v1.0: 3,822 types → 3,822 (1 added, 1 removed); 3,382,384 → ${Buffer.byteLength(csdl).toLocaleString('en-US')} bytes\n`,
    );
    expect(run.output).toContain('  added: microsoft.graph.contractProbe\n');
    expect(run.output).toContain('  removed: microsoft.graph.auditLogUserType\n');
    expect(run.output).toContain('    microsoft.graph.publicError: property probeNote added\n');
    expect(run.output).toContain(
      '  wrote metadata/v1.0-Prod.csdl, metadata/v1.0.csdl.xml, metadata/type-names.json, metadata/v1.0.source.json, metadata/README.md\n',
    );
    expect(standIn.requests).toEqual([
      expect.objectContaining({ method: 'GET', path: '/microsoftgraph/msgraph-metadata/master/schemas/v1.0-Prod.csdl' }),
    ]);
    expect(standIn.requests[0]?.headers['accept-encoding']).toContain('gzip');

    expect(readFileSync(join(root, 'metadata', 'v1.0-Prod.csdl'), 'utf8')).toBe(csdl);
    const source = JSON.parse(readFileSync(join(root, 'metadata', 'v1.0.source.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    const today = new Date().toISOString().slice(0, 10);
    expect(source.csdl).toEqual({
      file: 'v1.0-Prod.csdl',
      repository: 'microsoftgraph/msgraph-metadata',
      path: 'schemas/v1.0-Prod.csdl',
      url,
      date: today,
      retrieved: expect.stringMatching(new RegExp(`^${today}T`)),
      bytes: Buffer.byteLength(csdl),
      sha256: createHash('sha256').update(csdl).digest('hex'),
    });
    expect(source.typeNames).toMatchObject({ url, date: today });
    const typeNames = JSON.parse(readFileSync(join(root, 'metadata', 'type-names.json'), 'utf8')) as Record<string, string[]>;
    expect(typeNames['v1.0']).toContain('microsoft.graph.contractProbe');
    expect(typeNames['v1.0']).not.toContain('microsoft.graph.auditLogUserType');
    expect(typeNames.beta).toEqual(
      (JSON.parse(readFileSync(join(PROJECT_ROOT, 'metadata', 'type-names.json'), 'utf8')) as Record<string, string[]>).beta,
    );
    expect(readFileSync(join(root, 'metadata', 'v1.0.csdl.xml'), 'utf8')).toContain('<Property Name="probeNote" Type="Edm.String" />');
    expect(readFileSync(join(root, 'metadata', 'v1.0.csdl.xml'), 'utf8')).not.toContain('contractProbe');
    expect(readFileSync(join(root, 'metadata', 'README.md'), 'utf8')).toContain(
      `- metadata v1.0: v1.0-Prod.csdl: microsoftgraph/msgraph-metadata schemas/v1.0-Prod.csdl (${today}), retrieved ${today} from ${url}\n`,
    );

    // The check reads the re-cut slice: the new property is a difference the schema has to take up.
    const check = await runProject(() => [TSX, 'scripts/schemas-check.ts'], {}, root);
    expect(check.code).toBe(1);
    expect(check.output).toContain(
      `metadata v1.0: v1.0-Prod.csdl: microsoftgraph/msgraph-metadata schemas/v1.0-Prod.csdl (${today}), retrieved ${today} from ${url}`,
    );
    expect(check.output).toContain('✗ unlisted  schemas/odataError.json#/$defs/mainError error.probeNote: not-in-schema');

    const again = await metadataUpdate(root, env, ['--version', 'v1.0']);
    expect(again.code, again.output).toBe(0);
    expect(again.output).toContain(
      `metadata:update: v1.0: unchanged (the same ${Buffer.byteLength(csdl).toLocaleString('en-US')} bytes as committed): nothing written.`,
    );
  });
});

test("Graph's own $metadata without line breaks is laid out one element a line: the same metadata is the same file", async ({ pki }) => {
  const root = projectCopy();
  const before = metadataState(root);
  await withStandIn(pki, { csdl: { 'v1.0': COMMITTED }, compactService: true, withoutLength: true }, async (standIn) => {
    const run = await metadataUpdate(root, { GRAPH_METADATA_URL: standIn.graphUrl, NODE_EXTRA_CA_CERTS: pki.serverCertPath }, [
      '--from',
      'graph',
      '--version',
      'v1.0',
    ]);

    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain(`metadata:update: fetching v1.0 from ${standIn.graphUrl}/v1.0/$metadata\n`);
    expect(run.output).toMatch(/^ {2}v1\.0: \d+(\.\d)? (KB|MB) so far$/m);
    expect(run.output).toContain('metadata:update: v1.0: unchanged (the same 3,382,384 bytes as committed): nothing written.');
    expect(standIn.requests.map((request) => request.path)).toEqual(['/v1.0/$metadata']);
  });
  expect(metadataState(root)).toEqual(before);
});

test('an answer that never comes: one message naming the URL and what to do, and nothing written', async ({ pki }) => {
  const root = projectCopy();
  const before = metadataState(root);
  await withStandIn(pki, { csdl: { 'v1.0': COMMITTED } }, async (standIn) => {
    standIn.stall = { at: 'answer' };
    const env = {
      GRAPH_METADATA_REPOSITORY_URL: standIn.repositoryUrl(),
      GRAPH_METADATA_ANSWER_TIMEOUT_SECONDS: '1',
      NODE_EXTRA_CA_CERTS: pki.serverCertPath,
    };

    const run = await metadataUpdate(root, env, ['--version', 'v1.0']);

    expect(run.code).toBe(1);
    expect(run.output.trim()).toBe(
      `metadata:update: ${standIn.repositoryUrl()}/schemas/v1.0-Prod.csdl sent no answer within 1 s: try again later, or raise GRAPH_METADATA_ANSWER_TIMEOUT_SECONDS. Nothing was written.`,
    );
    expect(standIn.stalled).toEqual([
      { at: 'answer', method: 'GET', path: '/microsoftgraph/msgraph-metadata/master/schemas/v1.0-Prod.csdl' },
    ]);
  });
  expect(metadataState(root)).toEqual(before);
});

test('a version the origin does not have (404): one message naming its URL, and the version fetched before it is not written either', async ({
  pki,
}) => {
  const root = projectCopy();
  const before = metadataState(root);
  await withStandIn(pki, { csdl: { 'v1.0': changedCsdl() } }, async (standIn) => {
    const env = {
      GRAPH_METADATA_REPOSITORY_URL: standIn.repositoryUrl('0564689b82afc308d5aa8be54edfb9e5f1e0539f'),
      NODE_EXTRA_CA_CERTS: pki.serverCertPath,
    };

    const run = await metadataUpdate(root, env, []);

    expect(run.code).toBe(1);
    expect(run.output).toContain('metadata:update: fetching v1.0 from');
    expect(run.output.trim().split('\n').at(-1)).toBe(
      `metadata:update: ${standIn.repositoryUrl('0564689b82afc308d5aa8be54edfb9e5f1e0539f')}/schemas/beta-Prod.csdl answered 404 Not Found: it has no such file: check GRAPH_METADATA_REPOSITORY_URL (and the version), or fetch from the other origin (--from). Nothing was written.`,
    );
    expect(standIn.requests.map((request) => request.path)).toEqual([
      '/microsoftgraph/msgraph-metadata/0564689b82afc308d5aa8be54edfb9e5f1e0539f/schemas/v1.0-Prod.csdl',
      '/microsoftgraph/msgraph-metadata/0564689b82afc308d5aa8be54edfb9e5f1e0539f/schemas/beta-Prod.csdl',
    ]);
  });
  expect(metadataState(root)).toEqual(before);
});

test('a setting that is not an https base URL, or an argument it does not take: one message and exit 2, before any request', async () => {
  const root = projectCopy();
  const setting = await metadataUpdate(
    root,
    { GRAPH_METADATA_REPOSITORY_URL: 'http://127.0.0.1:9/metadata?sig=secret', GRAPH_METADATA_CONNECT_TIMEOUT_SECONDS: '0' },
    [],
  );
  expect(setting.code).toBe(2);
  expect(setting.output).toContain('GRAPH_METADATA_REPOSITORY_URL="http://127.0.0.1:9/metadata?…" must use https');
  expect(setting.output).toContain(
    'GRAPH_METADATA_CONNECT_TIMEOUT_SECONDS="0" must be a whole number of seconds from 1 to 300 (default 30).',
  );
  expect(setting.output).not.toContain('secret');
  const argument = await metadataUpdate(root, {}, ['--version', 'v2']);
  expect(argument.code).toBe(2);
  expect(argument.output.trim()).toBe(
    'metadata:update: --version "v2" is not a Graph version: use v1.0 or beta.\nUsage: npm run metadata:update [-- --from repository|graph] [-- --version v1.0|beta ...] (both versions, from the metadata repository, by default)',
  );
});
