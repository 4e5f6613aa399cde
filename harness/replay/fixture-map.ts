import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath } from './fixture-file.ts';
import { displayPath } from '../shared/display-path.ts';

export interface TestOfRun {
  /** The spec file, absolute. */
  file: string;
  title: string;
  /** `describe › title`, as a fixture names its test. */
  name: string;
}

export interface FixtureMapFindings {
  /** Fixture files two or more tests map to: an error before any test runs. */
  shared: { path: string; tests: string[] }[];
  /** Fixture files no test of a complete run maps to: a renamed or deleted test left them. */
  orphans: string[];
  /** Recordings older than the age limit, once per file; documented-example fixtures never expire. */
  stale: { path: string; recordedAt: string; ageDays: number }[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What the run's tests make of the fixtures folder. `complete` says the run holds every test
 * (no file, grep or shard filter): only then can a file no test uses be called an orphan.
 */
export function checkFixtureMap(options: {
  tests: readonly TestOfRun[];
  fixturesDirectory: string;
  complete: boolean;
  maxAgeDays: number;
  now?: number;
}): FixtureMapFindings {
  const { tests, fixturesDirectory, complete, maxAgeDays, now = Date.now() } = options;
  const label = (path: string) => displayPath(path);
  // Distinct tests only: --repeat-each and a second project list one test several times.
  const byPath = new Map<string, Set<string>>();
  for (const test of tests) {
    const path = fixturePath(fixturesDirectory, test.file, test.title);
    byPath.set(path, (byPath.get(path) ?? new Set()).add(`${displayPath(test.file)}: ${test.name}`));
  }
  const shared = [...byPath].filter(([, names]) => names.size > 1).map(([path, names]) => ({ path: label(path), tests: [...names] }));
  const files = existsSync(fixturesDirectory)
    ? readdirSync(fixturesDirectory, { recursive: true, encoding: 'utf8' })
        .filter((name) => name.endsWith('.json'))
        .map((name) => join(fixturesDirectory, name))
        .sort()
    : [];
  const orphans = complete ? files.filter((path) => !byPath.has(path)).map(label) : [];
  const stale = files
    .filter((path) => byPath.has(path))
    .flatMap((path) => {
      const recordedAt = recordedAtOf(path);
      if (!recordedAt) return [];
      const ageDays = Math.floor((now - Date.parse(recordedAt)) / DAY_MS);
      return ageDays > maxAgeDays ? [{ path: label(path), recordedAt, ageDays }] : [];
    });
  return { shared, orphans, stale };
}

/** When a fixture was recorded, or undefined for a documented example (or a file replay will reject with its own message). */
function recordedAtOf(path: string): string | undefined {
  try {
    const { provenance } = JSON.parse(readFileSync(path, 'utf8')) as { provenance?: { source?: unknown; recordedAt?: unknown } };
    return provenance?.source === 'recording' && typeof provenance.recordedAt === 'string' ? provenance.recordedAt : undefined;
  } catch {
    return undefined;
  }
}
