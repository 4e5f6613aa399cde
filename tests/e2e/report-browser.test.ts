import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { runSuite } from '../support/run-suite.ts';
import { serveDirectory } from '../support/static-server.ts';

// Debian's chromium by default; CHROMIUM_PATH points elsewhere (CI runners have Chrome).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OPERATIONS = [
  'POST /external/connections',
  'POST /connectors',
  'POST /applications/{applicationsId}/connectorGroup/members/$ref',
  'POST /connections',
  'POST /identity/apiConnectors',
];

test('the HTML report lists every operation\'s tests, and a request/response attachment shows its body', async ({}, testInfo) => {
  test.skip(!existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH to run this test`);
  const run = await runSuite({});
  expect(run.code, run.output).toBe(0);
  const report = await serveDirectory(join(run.outputDirectory, 'html'));
  // The flags keep Chromium off the network it would otherwise try at start.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    await page.goto(report.url);
    for (const operation of OPERATIONS) await expect(page.getByText(operation, { exact: false }).first()).toBeVisible();
    await expect(page.getByText('201 creates the connection in draft state')).toBeVisible();

    await page.getByText('201 creates the connection in draft state').click();
    await expect(page.getByText('known divergence').or(page.getByText('fixture')).first()).toBeVisible();
    await page.getByRole('group').getByText('1. POST /beta/external/connections → 201').click();
    await expect(page.getByText('"state": "draft"')).toBeVisible();
    await expect(page.getByText('"Authorization": "REDACTED"')).toBeVisible();

    const screenshot = testInfo.outputPath('report.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    await testInfo.attach('report screenshot', { path: screenshot, contentType: 'image/png' });
  } finally {
    await browser.close();
    await report.close();
  }
});
