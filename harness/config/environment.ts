/** Environment variables as the suite reads them: a blank value counts as unset. */
export type Environment = Readonly<Record<string, string | undefined>>;

export function present(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}
