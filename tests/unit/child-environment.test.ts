import { expect, test } from '@playwright/test';
import { isolatedEnvironment } from '../support/child-environment.ts';

test('a child run inherits what Node needs and none of the variables that would redirect it or sign it in', () => {
  const env = isolatedEnvironment({
    PATH: '/usr/bin',
    HOME: '/home/u',
    GITHUB_STEP_SUMMARY: '/tmp/summary',
    GRAPH_FIXTURES_DIR: '/elsewhere',
    AZURE_CLIENT_SECRET: 'x',
    PLAYWRIGHT_JSON_OUTPUT_FILE: '/tmp/r.json',
    PW_TEST_REPORTER: 'dot',
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://x',
    CI: 'true',
    NODE_EXTRA_CA_CERTS: '/ca.pem',
    // The outer run's compile cache (harness/config/compile-cache.ts sets it for its workers), or its switch.
    NODE_COMPILE_CACHE: '/tmp/node-compile-cache',
    NODE_DISABLE_COMPILE_CACHE: '1',
    CIRCLE: 'kept',
  });
  expect(env).toEqual({ PATH: '/usr/bin', HOME: '/home/u', CIRCLE: 'kept' });
});
