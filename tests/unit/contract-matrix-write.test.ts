import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import ContractMatrixReporter from '../../harness/report/contract-matrix-reporter.ts';

test('a matrix folder that cannot be made is one line on stderr and a red run, not a stack trace from the reporter', async () => {
  const folder = test.info().outputPath();
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'not-a-folder');
  writeFileSync(file, 'x');
  const written: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (chunk: string) => written.push(chunk) > 0;
  let result: Awaited<ReturnType<ContractMatrixReporter['onEnd']>>;
  try {
    const ended = { status: 'passed', startTime: new Date(), duration: 0 } as const;
    result = await new ContractMatrixReporter({ outputDir: join(file, 'matrix') }).onEnd(ended);
  } finally {
    process.stderr.write = write;
  }
  expect(result).toEqual({ status: 'failed' });
  expect(written).toEqual([
    expect.stringMatching(
      /^contract matrix: not written: \S*not-a-folder\/matrix \(GRAPH_MATRIX_DIR, default test-results\/\) cannot hold it \(ENOTDIR\): point GRAPH_MATRIX_DIR at a folder this user can write\.\n$/,
    ),
  ]);
});
