import { format, resolveConfig } from 'prettier';

/** A file's text as `npm run format` would write it (the project's Prettier settings, by its name), so that `npm run lint` stays clean. */
export async function formatted(text: string, file: string): Promise<string> {
  const config = (await resolveConfig(file)) ?? {};
  return format(text, { ...config, filepath: file });
}
