/**
 * Node's on-disk compile cache (V8 code cache), which playwright.config.ts turns on by importing
 * this module second, after the Node.js check: for the runner from then on, and through
 * NODE_COMPILE_CACHE for each worker Playwright forks, from its first module. Every run compiles
 * the same modules (Playwright's, the harness's, nock's) and every spec file twice, in the runner
 * to list it and in a worker to run it; with the cache, a module that did not change is not
 * compiled again. Node checks each entry against the module's text, so the cache only ever saves time.
 * Node's own directory (os.tmpdir()/node-compile-cache) unless NODE_COMPILE_CACHE names another;
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off, and V8 coverage (NODE_V8_COVERAGE) does too, which
 * the cache would make less precise.
 */
// The default export only: a named export Node 20 lacks would fail the config at link time, before
// supported-node.ts could turn that Node away with its one line.
import module from 'node:module';

type Enable = () => { status: number; directory?: string | undefined };

/** Turns the cache on for this process and the processes it starts next; the directory, or undefined where it stays off. */
export function useCompileCache(env: NodeJS.ProcessEnv, enable: Enable): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE || env.NODE_V8_COVERAGE) return undefined;
  const { status, directory } = enable();
  const { ENABLED, ALREADY_ENABLED } = module.constants.compileCacheStatus;
  if ((status !== ENABLED && status !== ALREADY_ENABLED) || directory === undefined) return undefined;
  // Inherited by the workers, which so start with the cache before Playwright's first module.
  env.NODE_COMPILE_CACHE = directory;
  return directory;
}

// Importing the module is turning the cache on; enableCompileCache() never throws (a read-only disk leaves it off).
useCompileCache(process.env, () => module.enableCompileCache());
