import type { Linter } from 'eslint';

/** The import walls (eslint.config.js), for tests/unit/import-walls.test.ts to plant imports against. */
export declare const IMPORT_WALLS: Linter.Config[];
declare const config: Linter.Config[];
export default config;
