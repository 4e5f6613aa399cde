import { relative } from 'node:path';

/** A path as a message shows it: relative to the working directory, or whole where that is the directory itself. */
export function displayPath(path: string): string {
  return relative(process.cwd(), path) || path;
}
