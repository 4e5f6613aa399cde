import baseConfig from '../playwright.config.ts';
import { defineConfig } from '@playwright/test';

/** `npm run bench`'s synthetic replay: the project's own config (harness, reporters), over generated specs. */
export default defineConfig({ ...baseConfig, testDir: process.env.BENCH_SPEC_DIR ?? 'bench/none' });
