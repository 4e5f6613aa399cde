import { test as base, expect as baseExpect } from '@playwright/test';
import { browserOptions } from './browser-options.ts';
import { graphFixtures } from './extend/graph.ts';
import { sessionFixtures } from './extend/session.ts';
import type { TestFixtures, WorkerFixtures } from './extend/types.ts';
import { verdictFixtures } from './extend/verdict.ts';
import { workerFixtures } from './extend/worker.ts';
import { schemaMatchers } from './schema/matcher.ts';
import { statusMatchers } from './verdict/status-matcher.ts';

export type { Divergences, GraphVersion } from './extend/types.ts';

// What test.extend adds lives in extend/, one module per concern; this file only puts it together.
export const test = base.extend<TestFixtures, WorkerFixtures>({
  ...browserOptions,
  ...workerFixtures,
  ...sessionFixtures,
  ...graphFixtures,
  ...verdictFixtures,
});

export const expect = baseExpect.extend({ ...statusMatchers, ...schemaMatchers });

export { divergence } from './divergence/registry.ts';
export { docPage } from './docs/page-record.ts';
