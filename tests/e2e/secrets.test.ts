import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { filesBelow, madeUpSuite, runSuite, scratchDirectory, testsOf } from '../support/run-suite.ts';
import { expect, test } from '../support/stand-in-test.ts';

const planted = (label: string) => `planted-${label}-${randomBytes(9).toString('hex')}`;

/** Every place a run writes to: reports, JUnit, JSON, the matrix, Playwright's output folder (traces), fixtures. */
function artifactsOf(...directories: string[]): { path: string; text: string }[] {
  return directories.filter((directory) => existsSync(directory)).flatMap((directory) => filesBelow(directory));
}

test('no secret through any door: what the service sends (a token in a body, a SAS signature in a URL, a custom token header) reaches no fixture, report or log', async ({
  standIns,
}) => {
  const secrets = { refreshToken: planted('refresh'), signature: planted('sig'), headerToken: planted('header') };
  standIns.graph.sendsSecrets = secrets;
  standIns.graph.transport.compression = { encoding: 'gzip' };
  const fixtures = scratchDirectory('recorded');
  const env: Record<string, string> = { ...(await standIns.env('secret', 'record')), GRAPH_FIXTURES_DIR: fixtures };

  const record = await runSuite(env, ['specs/create-connection.spec.ts', 'specs/create-identityapiconnector.spec.ts']);

  expect(record.code, record.output).toBe(0);
  // The service did send them: the test read the 201s that carry them.
  expect(standIns.graph.log.filter((request) => request.status === 201).length).toBeGreaterThan(3);
  const all = {
    ...secrets,
    'client secret': env.AZURE_CLIENT_SECRET ?? '',
    'tenant id': env.AZURE_TENANT_ID ?? '',
    ...Object.fromEntries(standIns.entra.issued.map((token, index) => [`access token ${index + 1}`, token])),
  };
  const searched = artifactsOf(fixtures, record.outputDirectory);
  expect(searched.length).toBeGreaterThan(20);
  for (const { path, text } of searched)
    for (const [name, value] of Object.entries(all)) expect(text.includes(value), `${name} in ${path}`).toBe(false);
  for (const [name, value] of Object.entries(all)) expect(record.output.includes(value), `${name} in the output`).toBe(false);
  // What stays is the shape: the member and the parameter are there, their values are not.
  const created = testsOf(record.report()).find((t) => t.title === '201 creates the connection in draft state');
  const exchange = Object.entries(created?.attachments ?? {}).find(([name]) => name.startsWith('1. POST'))?.[1] ?? '';
  expect(exchange).toContain('"refresh_token": "REDACTED"');
  expect(exchange).toContain('sig=REDACTED');
  expect(exchange).toContain('"x-ms-refresh-token": "REDACTED"');
});

const TRACED = `test.use({ graphVersion: 'beta', trace: 'on' });
test('200 lists the connections', async ({ graph }) => {
  expect(await graph.get('/external/connections')).toHaveStatus(200);
});`;

test('a trace (or the UI mode that records one) in live or record is refused with one message, before any request; replay may trace', async ({
  standIns,
}) => {
  for (const args of [['--trace', 'on'], ['--trace=retain-on-failure'], ['--ui']]) {
    const run = await runSuite(await standIns.env('secret'), ['specs/create-connection.spec.ts', ...args]);
    expect(run.code, args.join(' ')).toBe(2);
    expect(run.output).toContain(
      "a trace records every request's headers and bodies, the bearer token and the secrets a test sends among them: in live mode run without",
    );
    expect(run.output).not.toMatch(/^\s+at /m);
  }
  expect(standIns.graph.log).toEqual([]);
  expect(standIns.entra.grants).toEqual([]);

  // A spec that asks for a trace itself is refused when its worker starts: no request, no trace.
  const suite = madeUpSuite({ 'traced.spec.ts': TRACED });
  const env = await standIns.env('secret');
  const traced = await runSuite({ ...env, ...suite.env }, suite.args);
  expect(traced.code).toBe(1);
  expect(testsOf(traced.report()).map((t) => t.status)).toEqual(['failed']);
  expect(traced.output).toContain("trace: 'on': a trace records every request's headers and bodies");
  expect(standIns.graph.log.filter((request) => request.path !== '/v1.0/external/connections')).toEqual([]);
  // Playwright opens the trace before any fixture runs; it holds no request, and no secret.
  const secrets = [env.AZURE_CLIENT_SECRET ?? '', env.AZURE_TENANT_ID ?? '', ...standIns.entra.issued];
  const artifacts = filesBelow(traced.outputDirectory);
  expect(artifacts.some(({ path }) => path.includes('trace.zip!'))).toBe(true);
  for (const { path, text } of artifacts) for (const secret of secrets) expect(text.includes(secret), path).toBe(false);

  const replay = await runSuite({}, ['specs/create-connection.spec.ts', '--trace', 'on', '-g', '201 creates']);
  expect(replay.code, replay.output).toBe(0);
  expect(filesBelow(replay.outputDirectory).filter(({ path }) => path.endsWith('trace.zip'))).toHaveLength(1);
});

test("a settings message never prints a URL's query or its userinfo", async () => {
  const [query, password] = [planted('query'), planted('password')];
  for (const [url, secret] of [
    [`https://graph.example/?token=${query}`, query],
    [`https://user:${password}@graph.example`, password],
  ] as const) {
    const run = await runSuite({ GRAPH_BASE_URL: url });
    expect(run.code).toBe(2);
    expect(run.output).toContain('GRAPH_BASE_URL');
    expect(run.output.includes(secret), run.output).toBe(false);
  }
});
