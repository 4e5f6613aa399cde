import { constants } from 'node:module';
import { expect, test } from '@playwright/test';
import { useCompileCache } from '../../harness/config/compile-cache.ts';

const { ENABLED, ALREADY_ENABLED, FAILED, DISABLED } = constants.compileCacheStatus;

/** Node's enableCompileCache() as it answers, counted. */
function enabling(status: number, directory?: string) {
  const calls: number[] = [];
  return { calls, enable: () => (calls.push(1), { status, directory }) };
}

test('the cache is turned on and its folder handed to the workers, whether this process or its parent turned it on', () => {
  for (const status of [ENABLED, ALREADY_ENABLED]) {
    const env: NodeJS.ProcessEnv = {};
    expect(useCompileCache(env, enabling(status, '/cache/node-compile-cache').enable)).toBe('/cache/node-compile-cache');
    expect(env.NODE_COMPILE_CACHE).toBe('/cache/node-compile-cache');
  }
});

test('NODE_DISABLE_COMPILE_CACHE and V8 coverage keep it off; a folder Node cannot use leaves the workers without it', () => {
  for (const env of [{ NODE_DISABLE_COMPILE_CACHE: '1' }, { NODE_V8_COVERAGE: '/coverage' }] as NodeJS.ProcessEnv[]) {
    const { calls, enable } = enabling(ENABLED, '/cache');
    expect(useCompileCache(env, enable)).toBeUndefined();
    expect(calls).toEqual([]);
    expect(env.NODE_COMPILE_CACHE).toBeUndefined();
  }
  for (const status of [FAILED, DISABLED]) {
    const env: NodeJS.ProcessEnv = {};
    expect(useCompileCache(env, enabling(status).enable)).toBeUndefined();
    expect(env).toEqual({});
  }
});
