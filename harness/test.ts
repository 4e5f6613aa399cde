import { test as base, expect as baseExpect } from '@playwright/test';
import { browserOptions } from './extend/browser-options.ts';
import { graphFixtures } from './extend/graph.ts';
import { sessionFixtures } from './extend/session.ts';
import type { TestFixtures, WorkerFixtures } from './extend/types.ts';
import { judgeFixtures } from './extend/judge.ts';
import { workerFixtures } from './extend/worker.ts';
import { schemaMatchers } from './schema/matcher.ts';
import { statusMatchers } from './verdict/status-matcher.ts';

export type { Divergences } from './extend/types.ts';
export type { GraphVersion } from './shared/graph-version.ts';

// What test.extend adds lives in extend/, one module per concern; this file only puts it together.
export const test = base.extend<TestFixtures, WorkerFixtures>({
  ...browserOptions,
  ...workerFixtures,
  ...sessionFixtures,
  ...graphFixtures,
  ...judgeFixtures,
});

export const expect = baseExpect.extend({ ...statusMatchers, ...schemaMatchers });

export { divergence } from './divergence/registry.ts';
export { docPage } from './page/page-record.ts';
