import { existsSync } from 'node:fs';
import dotenv from 'dotenv';
import { resolve } from 'node:path';
import { loadSettings, SettingsError, type Settings } from './settings.ts';

/**
 * Reads the env file (`GRAPH_ENV_FILE`, default `.env` beside the config; variables already set in
 * the shell win), then validates. Called by playwright.config.ts, so a bad setting stops the run
 * before any test starts.
 */
export function loadEnvironment(projectDirectory: string): Settings {
  const envFile = resolve(projectDirectory, process.env.GRAPH_ENV_FILE ?? '.env');
  if (existsSync(envFile)) dotenv.config({ path: envFile, quiet: true });
  else if (process.env.GRAPH_ENV_FILE) throw new SettingsError([`GRAPH_ENV_FILE=${JSON.stringify(process.env.GRAPH_ENV_FILE)} names no file (looked for ${envFile}).`]);
  return loadSettings(process.env);
}
