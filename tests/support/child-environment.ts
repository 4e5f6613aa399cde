/** Inherited variables that would make a child run depend on the machine it runs on: where it writes (its compile cache too), what it reads, what it signs in with. */
const AMBIENT =
  /^(GRAPH_|AZURE_|ACTIONS_|GITHUB_|PLAYWRIGHT_|PW_|CI$|TEST_|NODE_EXTRA_CA_CERTS$|NODE_COMPILE_CACHE$|NODE_DISABLE_COMPILE_CACHE$)/;

/** This process's environment without the ambient variables: what a child run of the project starts from. */
export function isolatedEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && !AMBIENT.test(entry[0])),
  );
}
