import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { pathProblem, pathProblems, type PathRule } from '../../harness/config/path-setting.ts';

const READ_FOLDER: PathRule = { kind: 'folder', use: 'read', fix: 'point it at the folder' };
const WRITE_FILE: PathRule = { kind: 'file', use: 'write', fix: 'point it at a file' };

function scratch(): { folder: string; file: string } {
  const folder = test.info().outputPath('here');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'file.txt');
  writeFileSync(file, 'x');
  return { folder, file };
}

test('something to read must exist, and be the kind named', () => {
  const { folder, file } = scratch();
  expect(pathProblem('V', folder, READ_FOLDER)).toBeUndefined();
  expect(pathProblem('V', join(folder, 'nope'), READ_FOLDER)).toBe(
    `V=${JSON.stringify(join(folder, 'nope'))} names no folder: point it at the folder.`,
  );
  expect(pathProblem('V', file, READ_FOLDER)).toBe(`V=${JSON.stringify(file)} names a file, not a folder: point it at the folder.`);
  expect(pathProblem('V', folder, { ...READ_FOLDER, kind: 'file' })).toBe(
    `V=${JSON.stringify(folder)} names a folder, not a file: point it at the folder.`,
  );
  // A device reads as a file: GRAPH_ENV_FILE=/dev/null is how the project's tests read no settings.
  expect(pathProblem('V', '/dev/null', { ...READ_FOLDER, kind: 'file' })).toBeUndefined();
});

test('a relative path is read from the base given, and the message says where it looked', () => {
  const { folder } = scratch();
  expect(pathProblem('V', 'file.txt', { ...READ_FOLDER, kind: 'file' }, folder)).toBeUndefined();
  expect(pathProblem('V', 'other.txt', { ...READ_FOLDER, kind: 'file' }, folder)).toBe(
    `V="other.txt" names no file (looked for ${join(folder, 'other.txt')}): point it at the folder.`,
  );
});

test('somewhere to write may be missing, not the wrong kind, nor below a file', () => {
  const { folder, file } = scratch();
  expect(pathProblem('V', join(folder, 'new', 'deeper', 'report.xml'), WRITE_FILE)).toBeUndefined();
  expect(pathProblem('V', folder, WRITE_FILE)).toBe(`V=${JSON.stringify(folder)} names a folder, not a file: point it at a file.`);
  expect(pathProblem('V', join(file, 'report.xml'), WRITE_FILE)).toMatch(
    /^V=".*file\.txt\/report\.xml" cannot be made: \S*file\.txt is not a folder: point it at a file\.$/,
  );
});

test('only the variables set are checked, each once, in the order of the rules', () => {
  const { folder, file } = scratch();
  expect(
    pathProblems({ A: file, B: '  ', C: folder, D: undefined }, { A: READ_FOLDER, B: READ_FOLDER, C: WRITE_FILE, D: READ_FOLDER }),
  ).toEqual([expect.stringMatching(/^A=.* names a file, not a folder/), expect.stringMatching(/^C=.* names a folder, not a file/)]);
});
