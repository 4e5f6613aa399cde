import { test as base, expect as baseExpect } from '@playwright/test';
import { browserOptions } from './browser-options.ts';
import { contractFixtures } from './fixtures/contract.ts';
import { graphFixtures } from './fixtures/graph.ts';
import { tapeFixtures } from './fixtures/tape.ts';
import type { TestFixtures, WorkerFixtures } from './fixtures/types.ts';
import { workerFixtures } from './fixtures/worker.ts';
import { schemaMatchers } from './schema/matcher.ts';
import { statusMatchers } from './verdict/status-matcher.ts';

export type { Contract, GraphVersion } from './fixtures/types.ts';

// The fixtures live in fixtures/, one module per concern; this file only puts them together.
export const test = base.extend<TestFixtures, WorkerFixtures>({
  ...browserOptions,
  ...workerFixtures,
  ...tapeFixtures,
  ...graphFixtures,
  ...contractFixtures,
});

export const expect = baseExpect.extend({ ...statusMatchers, ...schemaMatchers });

export { divergence } from './divergence/registry.ts';
