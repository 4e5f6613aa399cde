import { defineConfig } from '@playwright/test';
import baseConfig from '../../playwright.config.ts';

/**
 * The project's own config (harness, global setup, reporters) over another folder of specs: the
 * made-up specs of the end-to-end tests and the synthetic suites of `npm run bench`.
 */
const testDir = process.env.GRAPH_CONTRACTS_SPEC_DIR;
if (!testDir) throw new Error('GRAPH_CONTRACTS_SPEC_DIR must name the folder of specs this config runs.');
export default defineConfig({ ...baseConfig, testDir });
