import './harness/config/supported-node.ts';
import { defineConfig } from '@playwright/test';
import { checkReportPathsOrExit } from './harness/config/load-environment.ts';
import { checkMetadataDriftOrExit } from './harness/report/metadata-drift-file.ts';

/**
 * `npm run report:merge`: one HTML report, JUnit and contract matrix from the blobs of a sharded
 * run. Errors were redacted before each shard wrote its blob.
 */
const env = process.env;
// A report path of the wrong kind stops the merge with one message, before any blob is read.
checkReportPathsOrExit([
  'GRAPH_MATRIX_DIR',
  'PLAYWRIGHT_HTML_OUTPUT_DIR',
  'PLAYWRIGHT_JUNIT_OUTPUT_FILE',
  'PLAYWRIGHT_JSON_OUTPUT_FILE',
  'GRAPH_METADATA_DRIFT_FILE',
]);
// So is a metadata drift report (the matrix's metadata column) that is not one.
checkMetadataDriftOrExit();

export default defineConfig({
  testDir: './specs',
  reporter: [
    ['html', { outputFolder: env.PLAYWRIGHT_HTML_OUTPUT_DIR ?? './playwright-report', open: 'never' }],
    ['junit', { outputFile: env.PLAYWRIGHT_JUNIT_OUTPUT_FILE ?? './test-results/junit.xml' }],
    ['./harness/report/contract-matrix-reporter.ts', { outputDir: env.GRAPH_MATRIX_DIR ?? './test-results' }],
    ...(env.PLAYWRIGHT_JSON_OUTPUT_FILE ? [['json', { outputFile: env.PLAYWRIGHT_JSON_OUTPUT_FILE }] as const] : []),
  ],
});
