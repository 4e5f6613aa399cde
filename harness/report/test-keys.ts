import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Suite, TestCase } from '@playwright/test/reporter';
import { ANNOTATION } from '../shared/annotations.ts';
import { operationIdentity, testCase, testId, type OperationIdentity } from './test-identity.ts';
import { graphVersionBefore, testFunctionSource } from './test-source.ts';

/** What history keys a test by: its operation, its page, its case, and the id made of them. */
export interface TestKey {
  operation: OperationIdentity;
  /** The page under contract's name (`create-connection`), or the spec file's where the describe names none. */
  page: string;
  case: string;
  id: string;
}

type Annotation = { type: string; description?: string };

/** The graphVersion fixture's default (harness/extend/graph.ts), for a test nothing else tells the version of. */
const DEFAULT_VERSION = 'v1.0';

/**
 * Keys the tests of one run. The version is what the test's own `graph version` annotation says;
 * for a test that never started, what its describe's other tests said, else the spec's test.use.
 * Spec sources are read once each; one that cannot be read leaves the title to stand for the code.
 */
export class TestKeys {
  private readonly sources = new Map<string, string | undefined>();
  private readonly versions = new Map<Suite, string>();
  private readonly codes = new Map<TestCase, string | undefined>();

  constructor(private readonly readSource: (file: string) => string | undefined = readSpec) {}

  /** Tells the keys what version each describe's tests ran at, before any key is asked for. */
  learnVersion(test: TestCase, annotations: readonly Annotation[]): void {
    const version = annotations.find((a) => a.type === ANNOTATION.graphVersion)?.description;
    if (version !== undefined && !this.versions.has(test.parent)) this.versions.set(test.parent, version);
  }

  keyOf(test: TestCase, annotations: readonly Annotation[]): TestKey {
    const source = this.source(test.location.file);
    const version =
      annotations.find((a) => a.type === ANNOTATION.graphVersion)?.description ??
      this.versions.get(test.parent) ??
      (source === undefined ? undefined : graphVersionBefore(source, test.location)) ??
      DEFAULT_VERSION;
    const specFile = basename(test.location.file);
    const describe = test.parent.title || specFile;
    const operation = operationIdentity(describe, version);
    const pagePath = test.annotations.find((a) => a.type === ANNOTATION.page)?.description;
    const page = pagePath === undefined ? specFile.replace(/\.spec\.ts$/, '') : basename(pagePath, '.md');
    const code = this.codeOf(test);
    // Siblings declared by the same code (a loop) are told apart by their order of declaration.
    const status = /^[1-5]\d\d\b/.exec(test.title)?.[0];
    const siblings = test.parent.tests.filter((other) => /^[1-5]\d\d\b/.exec(other.title)?.[0] === status && this.codeOf(other) === code);
    const ordinal = code === undefined ? 1 : siblings.indexOf(test) + 1;
    const key = testCase(test.title, code, ordinal);
    return { operation, page, case: key, id: testId(operation.operationId, page, key) };
  }

  private codeOf(test: TestCase): string | undefined {
    if (!this.codes.has(test)) {
      const source = this.source(test.location.file);
      this.codes.set(test, source === undefined ? undefined : testFunctionSource(source, test.location));
    }
    return this.codes.get(test);
  }

  private source(file: string): string | undefined {
    if (!this.sources.has(file)) this.sources.set(file, this.readSource(file));
    return this.sources.get(file);
  }
}

function readSpec(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
