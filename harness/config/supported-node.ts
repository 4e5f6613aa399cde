/**
 * The Node.js check every entry point imports first: on a Node.js outside package.json's `engines`
 * it prints one line saying which Node.js to install and ends the process, before anything that
 * would fail there loads (on Node 20, nock 15 fails every test with `Promise.withResolvers is not a
 * function`). Importing the module is the check; it imports nothing of the harness, so nothing
 * runs before it, and uses nothing newer than the Node it turns away.
 */
import { readFileSync } from 'node:fs';

/** Bad input, as load-environment.ts's BAD_SETTING_EXIT_CODE; not imported, so that nothing loads before the check. */
const UNSUPPORTED_NODE_EXIT_CODE = 2;

/** A caret range of `engines`: `^22.20` is 22.20.0 and later on the 22 line. */
interface NodeLine {
  major: number;
  minor: number;
  patch: number;
}

/** `^22.20 || ^24` → its lines; a range written otherwise is an error of the project's, named. */
export function nodeLines(engines: string): NodeLine[] {
  return engines.split('||').map((range) => {
    const match = /^\^(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim());
    if (!match || Number(match[1]) === 0)
      throw new Error(
        `package.json "engines"."node" is ${JSON.stringify(engines)}: harness/config/supported-node.ts reads only caret ranges of Node.js lines joined by "||" (such as "^22.20 || ^24").`,
      );
    return { major: Number(match[1]), minor: Number(match[2] ?? 0), patch: Number(match[3] ?? 0) };
  });
}

function satisfies(version: string, line: NodeLine): boolean {
  const [major = 0, minor = 0, patch = 0] = version.split(/[.-]/).map(Number);
  if (major !== line.major) return false;
  return minor !== line.minor ? minor > line.minor : patch >= line.patch;
}

/** `22 (22.20 or later)`, `24`. */
function describeLine(line: NodeLine): string {
  if (line.minor === 0 && line.patch === 0) return String(line.major);
  return `${line.major} (${line.major}.${line.minor}${line.patch === 0 ? '' : `.${line.patch}`} or later)`;
}

/** Undefined when `version` (`process.versions.node`) is within `engines`; otherwise the one line to print. */
export function unsupportedNodeMessage(version: string, engines: string): string | undefined {
  const lines = nodeLines(engines);
  if (lines.some((line) => satisfies(version, line))) return undefined;
  const named = lines.map(describeLine);
  const wanted = named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} or ${named[named.length - 1]}`;
  const newest = Math.max(...lines.map((line) => line.major));
  return (
    `graph-contracts needs Node.js ${wanted}; this is Node.js ${version}: ` +
    `install Node.js ${newest} LTS (https://nodejs.org/en/download, or \`nvm install ${newest}\`).`
  );
}

function exitOnUnsupportedNode(): void {
  const { engines } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    engines?: { node?: string };
  };
  if (engines?.node === undefined) return;
  const message = unsupportedNodeMessage(process.versions.node, engines.node);
  if (message === undefined) return;
  process.stderr.write(`${message}\n`);
  process.exit(UNSUPPORTED_NODE_EXIT_CODE);
}

exitOnUnsupportedNode();
