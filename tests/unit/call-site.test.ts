import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { callSiteOf, captureCallSite, describeCallSite } from '../../harness/shared/call-site.ts';

const stack = (frame: string) => ({ stack: `Error\n    ${frame}\n    at other (/elsewhere.ts:1:1)` });

test("a frame is read whatever the checkout's path holds: URL-encoded spaces, plain spaces, parentheses in the name, a drive letter", () => {
  expect(callSiteOf(stack('at uniqueId (file:///work/my%20clone/specs/a.spec.ts:12:7)'))).toEqual({
    file: '/work/my clone/specs/a.spec.ts',
    line: 12,
    column: 7,
  });
  expect(callSiteOf(stack('at /work/my clone/specs/a.spec.ts:3:1'))).toEqual({
    file: '/work/my clone/specs/a.spec.ts',
    line: 3,
    column: 1,
  });
  expect(callSiteOf(stack('at async Object.fn (/work/harness/copy/specs/a.spec.ts:4:5)'))).toEqual({
    file: '/work/harness/copy/specs/a.spec.ts',
    line: 4,
    column: 5,
  });
  expect(callSiteOf(stack('at fn (C:\\work\\specs\\a.spec.ts:8:9)'))).toEqual({ file: 'C:\\work\\specs\\a.spec.ts', line: 8, column: 9 });
  expect(callSiteOf({ stack: 'Error\n    at <anonymous>' })).toBeUndefined();
});

test('a call site is named relative to the project when below it, and whole otherwise', () => {
  const site = { file: '/work/my clone/specs/a.spec.ts', line: 12, column: 7 };
  expect(describeCallSite(site, '/work/my clone')).toBe('specs/a.spec.ts:12:7');
  expect(describeCallSite(site, '/work/other')).toBe('/work/my clone/specs/a.spec.ts:12:7');
  expect(describeCallSite(undefined)).toBe('an unknown place');
});

test('captureCallSite names the caller of the function it is given, not the function itself', () => {
  const ask = () => captureCallSite(ask);
  const site = callSiteOf(ask());
  const line = new Error().stack?.split('\n')[1]?.match(/:(\d+):\d+\)?$/)?.[1];
  expect(site?.file).toBe(fileURLToPath(import.meta.url));
  expect(site?.line).toBe(Number(line) - 1);
});
