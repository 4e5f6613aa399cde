import { createRequire } from 'node:module';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { Options } from 'ajv';
import type addFormatsPlugin from 'ajv-formats';

// Loaded only to compile: replay and live load the compiled validators (compiled-validators.ts), not ajv.
const require = createRequire(import.meta.url);

/** Draft 2020-12, every error reported (a contract report must be lossless), strict about schema typos. */
export const AJV_OPTIONS = { allErrors: true, strict: true, discriminator: true } as const satisfies Options;

export function createAjv(extra: Options = {}): Ajv2020 {
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormats = require('ajv-formats') as typeof addFormatsPlugin;
  const ajv = new Ajv({ ...AJV_OPTIONS, ...extra });
  addFormats(ajv);
  return ajv;
}
