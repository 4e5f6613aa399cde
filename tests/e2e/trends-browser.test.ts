import { existsSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { historyText } from '../../authoring/history/history-file.ts';
import { generatedHistory } from '../support/generated-history.ts';
import { runProject, TSX } from '../support/run-suite.ts';
import { SUITE_TEST_TITLES } from '../support/suite-facts.ts';
import { expect, test } from '../support/stand-in-test.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BROWSER_FLAGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'];

test.skip(
  !existsSync(CHROMIUM),
  `no Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH to run this test`,
);

test("the reviewer's morning: a month of nights, opened from disk, says what broke tonight and since when", async ({}, testInfo) => {
  // The suite's own operations and tests over 30 nights: flaky, broken and fixed, divergences gone, an outage, a lost shard.
  const history = testInfo.outputPath('nights.jsonl');
  writeFileSync(history, historyText(generatedHistory({ nights: 30 })));
  const page = testInfo.outputPath('trends', 'index.html');
  const rendered = await runProject(() => [TSX, 'scripts/trends.ts', '--history', history, '--out', page], {});
  expect(rendered.code, rendered.output).toBe(0);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: BROWSER_FLAGS });
  try {
    const tab = await browser.newPage({ viewport: { width: 1400, height: 1050 } });
    tab.setDefaultTimeout(15_000);
    await tab.goto(pathToFileURL(page).href);
    const broken = '201 answers a certificate upload with its thumbprint and validity, never the certificate or its password';
    // The flaky ones come and go; the test that broke tonight is named among the new failures.
    await expect(tab.locator('#since')).toHaveText(/^Since 2026-03-01: \d+ new failures? \(/);
    await expect(tab.locator('#since')).toContainText(`POST /beta/identity/apiConnectors › ${broken}`);
    await expect(tab.locator('#grid tr[data-id]')).toHaveCount(SUITE_TEST_TITLES.length);

    // Tonight's failure: first failed tonight, the switch tonight, one flip; tonight is the first night column.
    const row = tab.locator('#grid tr[data-id]').filter({ hasText: broken });
    await expect(row.locator('td.ff')).toHaveText('2026-03-02');
    await expect(row.locator('td.rs')).toHaveText('2026-03-02');
    await expect(row.locator('td.ls')).toHaveText('✅→❌ 2026-03-02');
    await expect(row.locator('td.fl')).toHaveText('1');
    await expect(row.locator('td').nth(4)).toHaveText('❌');
    await expect(row.locator('td').nth(5)).toHaveText('✅');
    // A passing cell's detail names its outcome in words, as every other cell's does.
    await row.locator('td').nth(5).click();
    await expect(tab.locator('#detail p').nth(1)).toHaveText('✅ pass');
    // The night that could test nothing is marked in its column head, and every cell of it says not tested.
    await expect(tab.locator('#grid th.night.stopped')).toHaveCount(2);

    const card = tab.locator('article.card[data-operation="POST /beta/external/connections"]');
    await expect(card.locator('svg.chart').first()).toBeVisible();
    await expect(card.locator('figcaption').filter({ hasText: 'create → readable' })).toContainText(/p50 \d+ s · p95 \d+ s/);

    // Tonight's silent metadata change marks its operation's row; last month's announced one is listed with its changelog entry.
    const apiConnectors = tab.locator('#grid tr.op').filter({ has: tab.locator('th', { hasText: 'POST /beta/identity/apiConnectors ' }) });
    await expect(apiConnectors.locator('td').first().locator('sup.md.s')).toHaveCount(1);
    const changes = tab.locator('#drift-changes tbody tr');
    await expect(changes).toHaveCount(2);
    await expect(changes.filter({ hasText: 'isActive' })).toContainText('silent');
    await expect(changes.filter({ hasText: 'enabledContentExperiences' })).toContainText('announced 2026-03-10');

    await row.locator('td.f').first().click();
    await expect(tab.locator('#detail')).toContainText('request-id');
    const screenshot = testInfo.outputPath('trends.png');
    await tab.screenshot({ path: screenshot });
    await testInfo.attach('trend page', { path: screenshot, contentType: 'image/png' });
  } finally {
    await browser.close();
  }
});
