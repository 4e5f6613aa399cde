import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MetadataDriftReport } from '../../harness/report/metadata-drift-file.ts';
import type { TestPki } from '../stand-ins/certificates.ts';
import { MetadataStandIn, type MetadataStandInOptions } from '../stand-ins/metadata-stand-in.ts';
import { ANNOUNCED, CHANGELOGS, COMMITTED_BETA, COMMITTED_V1, driftedBeta, SILENT } from '../support/metadata-nights.ts';
import { projectCopy } from '../support/project-copy.ts';
import { mergeReports, runProject, runSuite, TSX, type SuiteRun } from '../support/run-suite.ts';
import { expect, test } from '../support/stand-in-test.ts';

/** npm run metadata:drift as a user runs it, in a copy of the project, against stand-ins for the metadata repository and the docs repository's changelog. */

async function withStandIn<T>(pki: TestPki, options: MetadataStandInOptions, use: (standIn: MetadataStandIn) => Promise<T>): Promise<T> {
  const standIn = new MetadataStandIn(pki, options);
  await standIn.start();
  try {
    return await use(standIn);
  } finally {
    await standIn.stop();
  }
}

function envOf(standIn: MetadataStandIn, pki: TestPki, extra: Record<string, string> = {}): Record<string, string> {
  return {
    GRAPH_METADATA_REPOSITORY_URL: standIn.repositoryUrl(),
    GRAPH_CHANGELOG_URL: standIn.changelogUrl(),
    NODE_EXTRA_CA_CERTS: pki.serverCertPath,
    ...extra,
  };
}

function drift(root: string, env: Record<string, string>, args: string[]): Promise<SuiteRun> {
  return runProject(() => [TSX, 'scripts/metadata-drift.ts', ...args], env, root);
}

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

test('one announced change and one silent one: each named with its type, whom it breaks and the changelog entry; --write rewrites the committed metadata for the pull request', async ({
  pki,
}, testInfo) => {
  const root = projectCopy();
  const out = testInfo.outputPath('drift');
  const githubOutput = testInfo.outputPath('github-output.txt');
  await withStandIn(pki, { csdl: { 'v1.0': COMMITTED_V1, beta: driftedBeta() }, changelogs: CHANGELOGS }, async (standIn) => {
    const run = await drift(root, envOf(standIn, pki, { GITHUB_OUTPUT: githubOutput }), ['--out', out, '--write']);

    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain(
      `metadata:drift: v1.0: ${standIn.repositoryUrl()}/schemas/v1.0-Prod.csdl: the same bytes as committed, compared with`,
    );
    expect(run.output).toContain('metadata:drift: 2 changes to types the contract uses (1 announced, 1 silent):\n');
    expect(run.output).toContain(
      `  ${ANNOUNCED.type}: property complianceSettings removed (breaks a reader and a writer; announced ${ANNOUNCED.date}: Removed the **complianceSettings** property from the [externalConnection]`,
    );
    expect(run.output).toContain(`(changelog/Microsoft.Search.json)) — POST /beta/external/connections, POST /beta/connections\n`);
    expect(run.output).toContain(
      `  ${SILENT.type}: property isActive removed (breaks a reader and a writer; silent) — POST /beta/identity/apiConnectors\n`,
    );
    expect(run.output).toContain(`metadata:drift: read ${standIn.changelogUrl()}/changelog/Microsoft.CPIM.json (1 entry)`);
    expect(run.output).toContain(
      'metadata:drift: wrote metadata/beta-Prod.csdl, metadata/beta.csdl.xml, metadata/type-names.json, metadata/beta.source.json, metadata/README.md',
    );
    // The changelog files are asked for only for the types that changed: both workloads, once each.
    expect(standIn.requests.map((request) => request.path)).toEqual([
      '/microsoftgraph/msgraph-metadata/master/schemas/v1.0-Prod.csdl',
      '/microsoftgraph/msgraph-metadata/master/schemas/beta-Prod.csdl',
      '/microsoftgraph/microsoft-graph-docs-contrib/main/changelog/Microsoft.CPIM.json',
      '/microsoftgraph/microsoft-graph-docs-contrib/main/changelog/Microsoft.Search.json',
    ]);
  });

  const report = JSON.parse(readFileSync(join(out, 'metadata-drift.json'), 'utf8')) as MetadataDriftReport;
  expect(report.checked).toBe(true);
  const byOperation = Object.fromEntries(report.operations.map((operation) => [operation.operationId, operation.changes]));
  expect(byOperation['POST /beta/identity/apiConnectors']).toEqual([
    {
      type: SILENT.type,
      change: 'property isActive removed',
      kind: 'property removed',
      member: 'isActive',
      direction: 'breaks a reader and a writer',
    },
  ]);
  expect(byOperation['POST /beta/external/connections']).toEqual([
    {
      type: ANNOUNCED.type,
      change: 'property complianceSettings removed',
      kind: 'property removed',
      member: 'complianceSettings',
      direction: 'breaks a reader and a writer',
      announced: {
        date: ANNOUNCED.date,
        text: expect.stringMatching(/^Removed the \*\*complianceSettings\*\* property .* \(changelog\/Microsoft\.Search\.json\)$/),
      },
    },
  ]);
  expect(byOperation['POST /beta/connectors']).toEqual([]);
  expect(byOperation['POST /v1.0/applications/{applicationsId}/connectorGroup/members/$ref']).toEqual([]);

  const markdown = readFileSync(join(out, 'metadata-drift.md'), 'utf8');
  expect(markdown).toContain('## Metadata drift');
  expect(markdown).toContain(
    `| \`${SILENT.type}\` (beta) | property isActive removed | breaks a reader and a writer | 🔇 silent | \`POST /beta/identity/apiConnectors\` |`,
  );
  expect(markdown).toContain(`| 📣 ${ANNOUNCED.date}: Removed the **complianceSettings** property`);
  expect(readFileSync(githubOutput, 'utf8')).toBe('changed=true\n');

  // What the pull request carries: tonight's beta, and the slice re-cut from it without the two properties.
  expect(readFileSync(join(root, 'metadata', 'beta-Prod.csdl'), 'utf8')).toBe(driftedBeta());
  const slice = readFileSync(join(root, 'metadata', 'beta.csdl.xml'), 'utf8');
  expect(slice).toContain('<ComplexType Name="pkcs12CertificateInformation">');
  expect(slice).not.toContain('Name="isActive"');
  expect(slice).not.toContain('Name="complianceSettings" Type=');
});

test('metadata as committed: no change, no changelog asked for, nothing written', async ({ pki }, testInfo) => {
  const root = projectCopy();
  const before = metadataState(root);
  const githubOutput = testInfo.outputPath('github-output.txt');
  await withStandIn(pki, { csdl: { 'v1.0': COMMITTED_V1, beta: COMMITTED_BETA }, changelogs: CHANGELOGS }, async (standIn) => {
    const run = await drift(root, envOf(standIn, pki, { GITHUB_OUTPUT: githubOutput }), ['--out', testInfo.outputPath('drift'), '--write']);

    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/^metadata:drift: no change to the \d+ types the contract uses\.$/m);
    expect(run.output).toContain('metadata:drift: nothing to write: no type the contract uses changed.');
    expect(standIn.requests.map((request) => request.path).filter((path) => path.includes('changelog'))).toEqual([]);
  });
  expect(metadataState(root)).toEqual(before);
  expect(readFileSync(githubOutput, 'utf8')).toBe('changed=false\n');
});

test('a changelog that cannot be fetched: the changes are kept and marked unknown, one message naming its host and the setting, exit 1', async ({
  pki,
}, testInfo) => {
  const root = projectCopy();
  const out = testInfo.outputPath('drift');
  const githubOutput = testInfo.outputPath('github-output.txt');
  let host = '';
  await withStandIn(
    pki,
    { csdl: { 'v1.0': COMMITTED_V1, beta: driftedBeta() }, changelogs: { 'Microsoft.Search': CHANGELOGS['Microsoft.Search'] } },
    async (standIn) => {
      host = new URL(standIn.changelogUrl()).host;
      const run = await drift(root, envOf(standIn, pki, { GITHUB_OUTPUT: githubOutput }), ['--out', out, '--write']);

      expect(run.code).toBe(1);
      expect(run.output).toContain('metadata:drift: 2 changes to types the contract uses (1 announced, 0 silent, 1 unknown):\n');
      expect(run.output).toContain(
        `  ${SILENT.type}: property isActive removed (breaks a reader and a writer; unknown: changelog/Microsoft.CPIM.json could not be read from ${host}) — POST /beta/identity/apiConnectors\n`,
      );
      // One message, naming the host, what it answered, the setting, and what became of the changes.
      expect(run.output.split('\n').filter((line) => line.startsWith('metadata:drift: changelog/'))).toEqual([
        `metadata:drift: changelog/Microsoft.CPIM.json could not be read from ${host}: ${standIn.changelogUrl()}/changelog/Microsoft.CPIM.json answered 404 Not Found: it has no such file: check GRAPH_CHANGELOG_URL, and the workload table in authoring/drift/changelog.ts. Its changes are marked unknown, not silent; the comparison stands.`,
      ]);
    },
  );
  const report = JSON.parse(readFileSync(join(out, 'metadata-drift.json'), 'utf8')) as MetadataDriftReport;
  expect(report.checked).toBe(true);
  expect(report.changelogs).toEqual([
    expect.objectContaining({ workload: 'Microsoft.CPIM', entries: 0, error: expect.stringContaining('answered 404 Not Found') }),
    expect.objectContaining({ workload: 'Microsoft.Search', entries: expect.any(Number) }),
  ]);
  const byOperation = Object.fromEntries(report.operations.map((operation) => [operation.operationId, operation.changes]));
  expect(byOperation['POST /beta/identity/apiConnectors']).toEqual([
    expect.objectContaining({
      type: SILENT.type,
      member: 'isActive',
      unknown: `changelog/Microsoft.CPIM.json could not be read from ${host}`,
    }),
  ]);
  expect(byOperation['POST /beta/external/connections']?.[0]?.announced?.date).toBe(ANNOUNCED.date);
  // The comparison stands: the metadata a pull request would carry is written, and the job says so.
  expect(readFileSync(join(root, 'metadata', 'beta-Prod.csdl'), 'utf8')).toBe(driftedBeta());
  expect(readFileSync(githubOutput, 'utf8')).toBe('changed=true\n');
  expect(readFileSync(join(out, 'metadata-drift.md'), 'utf8')).toContain(
    `❔ unknown: changelog/Microsoft.CPIM.json could not be read from ${host}`,
  );
});

test('bad settings and arguments: one message and exit 2, before any request', async () => {
  const root = projectCopy();
  const setting = await drift(root, { GRAPH_CHANGELOG_URL: 'http://127.0.0.1:9/changelog?sig=secret' }, []);
  expect(setting.code).toBe(2);
  expect(setting.output).toContain(
    'GRAPH_CHANGELOG_URL="http://127.0.0.1:9/changelog?…" must use https, such as https://raw.githubusercontent.com/microsoftgraph/microsoft-graph-docs-contrib/main.',
  );
  expect(setting.output).toContain(
    'must be a base URL, with no user, query or fragment, such as https://raw.githubusercontent.com/microsoftgraph/microsoft-graph-docs-contrib/main: changelog/<Workload>.json is added.',
  );
  expect(setting.output).not.toContain('secret');
  const out = await drift(root, {}, ['--out', join(root, 'package.json', 'drift')]);
  expect(out.code).toBe(2);
  expect(out.output).toMatch(
    /^metadata:drift: --out=".*package\.json\/drift" cannot be made: .*package\.json is not a folder: give a folder for metadata-drift\.json and \.md \(made if missing\)\.\nUsage: npm run metadata:drift/,
  );
  const version = await drift(root, {}, ['--version', 'v2']);
  expect(version.code).toBe(2);
  expect(version.output.trim().split('\n')[0]).toBe('metadata:drift: --version "v2" is not a Graph version: use v1.0 or beta.');
});

test('a drift report the matrix cannot read stops the run and the merge before any test or blob, with one message naming it, exit 2', async ({}, testInfo) => {
  const broken = testInfo.outputPath('metadata-drift.json');
  writeFileSync(broken, JSON.stringify({ format: 'graph-contracts metadata drift 1', checked: true }));
  const blobs = testInfo.outputPath('blobs');
  mkdirSync(blobs, { recursive: true });
  writeFileSync(join(blobs, 'report-1.zip'), 'not read: the config stops first');

  const run = await runSuite({ GRAPH_METADATA_DRIFT_FILE: broken }, ['--list']);
  const merge = await mergeReports(blobs, { GRAPH_METADATA_DRIFT_FILE: broken });
  const missing = await runSuite({ GRAPH_METADATA_DRIFT_FILE: testInfo.outputPath('none.json') }, ['--list']);

  for (const stopped of [run, merge]) {
    expect(stopped.code).toBe(2);
    expect(stopped.output.trim()).toMatch(
      /^GRAPH_METADATA_DRIFT_FILE=\S+metadata-drift\.json is not a metadata drift report: at \/generatedAt expected a value \(the property is required\), found \(missing\)\. Run npm run metadata:drift again with this checkout\.$/,
    );
  }
  expect(missing.code).toBe(2);
  expect(missing.output).toContain(
    'names no file: point it at the metadata-drift.json npm run metadata:drift wrote, or unset it for a matrix without the metadata column.',
  );
});
