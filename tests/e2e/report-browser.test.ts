import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { answering, forbidden } from '../stand-ins/graph-stand-in.ts';
import { runSuite } from '../support/run-suite.ts';
import { expect, test } from '../support/stand-in-test.ts';
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

const BROWSER_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Opens a run's HTML report in Chromium, served on loopback as `playwright show-report` would. */
async function openReport(directory: string, look: (page: Page) => Promise<void>): Promise<void> {
  const report = await serveDirectory(join(directory, 'html'));
  // The flags keep Chromium off the network it would otherwise try at start.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: BROWSER_FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    await page.goto(report.url);
    await look(page);
  } finally {
    await browser.close();
    await report.close();
  }
}

test.describe(() => {
  test.skip(
    !existsSync(CHROMIUM),
    `no Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH to run this test`,
  );

  test("the HTML report lists every operation's tests, and a request/response attachment shows its body", async ({}, testInfo) => {
    const run = await runSuite({});
    expect(run.code, run.output).toBe(0);
    await openReport(run.outputDirectory, async (page) => {
      for (const operation of OPERATIONS) await expect(page.getByText(operation, { exact: false }).first()).toBeVisible();
      await page.getByText('201 creates the connection in draft state').click();
      await expect(page.getByTestId('test-case-annotations').getByText("answered by: the page's documented examples")).toBeVisible();
      // Each request is one step, shown at the spec line that sent it, not inside the harness.
      const request = page.getByRole('treeitem', { name: 'POST /beta/external/connections' });
      await expect(request).toContainText(/create-connection\.spec\.ts:\d+/);
      await expect(request).not.toContainText('graph-client.ts');
      await page.getByRole('group').getByText('1. POST /beta/external/connections → 201').click();
      await expect(page.getByText('"state": "draft"')).toBeVisible();
      await expect(page.getByText('"Authorization": "REDACTED"')).toBeVisible();
      const screenshot = testInfo.outputPath('report.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      await testInfo.attach('report screenshot', { path: screenshot, contentType: 'image/png' });
    });
  });

  test('a test that could not ask the service shows "not tested", its reason, and what support needs', async ({ standIns }, testInfo) => {
    standIns.graph.answerOverride = answering('POST', '/beta/identity/apiConnectors', forbidden());
    const run = await runSuite(await standIns.env('secret'));
    expect(run.code).toBe(1);
    const requestId = standIns.graph.log.find((r) => r.status === 403)?.requestId ?? '?';
    await openReport(run.outputDirectory, async (page) => {
      await page.getByText('201 creates the API connector and never echoes its password').click();
      await expect(
        page
          .getByTestId('test-case-annotations')
          .getByText(
            `not tested: the token lacks a permission this operation needs: POST /beta/identity/apiConnectors answered 403 Forbidden (error code Authorization_RequestDenied, request-id ${requestId})`,
          ),
      ).toBeVisible();
      await expect(page.getByTestId('test-case-annotations').getByText('answered by: the service (live)')).toBeVisible();
      await page.getByRole('group').getByText('1. POST /beta/identity/apiConnectors → 403').click();
      await expect(page.getByText(`"request-id": "${requestId}"`).first()).toBeVisible();
      const screenshot = testInfo.outputPath('report-not-tested.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      await testInfo.attach('report screenshot', { path: screenshot, contentType: 'image/png' });
    });
  });
});
