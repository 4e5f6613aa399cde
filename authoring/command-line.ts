import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command as its messages name it (`docs:lint`), and its usage line (`npm run docs:lint [-- --update]`). */
export interface Command {
  name: string;
  usage: string;
}

/** Exit status of a command given arguments it cannot take; 1 stays "a check failed". */
export const USAGE_EXIT_CODE = 2;

/**
 * node:util's parseArgs over the command's arguments. `--help` (or `-h`) prints the usage and exits
 * 0; an unknown option, an option without its value or an argument the command does not take prints
 * one line naming it and the usage, and exits 2, never parseArgs' stack trace.
 */
export function parseCommandLine<T extends ParseArgsConfig>(
  command: Command,
  config: T,
  args: readonly string[] = process.argv.slice(2),
): ReturnType<typeof parseArgs<T>> {
  const own = args.slice(0, args.includes('--') ? args.indexOf('--') : undefined);
  if (own.includes('--help') || own.includes('-h')) {
    process.stdout.write(`Usage: ${command.usage}\n`);
    process.exit(0);
  }
  try {
    // parseArgs types its result by its config; adding `args` changes nothing of it, which TypeScript cannot see.
    return parseArgs({ ...config, args: [...args] }) as ReturnType<typeof parseArgs<T>>;
  } catch (error) {
    const problem = parseProblem(error);
    if (problem === undefined) throw error;
    exitWithUsage(command, problem);
  }
}

/** For what parseArgs cannot check (a number that is not one, a required option left out): one line, the usage, exit 2. */
export function exitWithUsage(command: Command, problem: string): never {
  process.stderr.write(`${usageMessage(command, problem)}\n`);
  process.exit(USAGE_EXIT_CODE);
}

export function usageMessage(command: Command, problem: string): string {
  return `${command.name}: ${problem}\nUsage: ${command.usage}`;
}

/** parseArgs' error in a command's words, or undefined for an error that is not about the arguments. */
export function parseProblem(error: unknown): string | undefined {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || typeof message !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) return undefined;
  const option = /'(?:-\w, )?(-[^' ]+)/.exec(message)?.[1] ?? 'an option';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}.`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${JSON.stringify(/'(.*)'/.exec(message)?.[1] ?? '')}: it takes none.`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (message.includes('does not take an argument')) return `option ${option} takes no value.`;
      if (message.includes('ambiguous'))
        return `option ${option} needs a value; an option follows it instead (write ${option}=<value> for a value that starts with -).`;
      return `option ${option} needs a value.`;
    default:
      return (message.split('\n')[0] ?? message).replace(/\.?$/, '.');
  }
}
