import { join } from 'node:path';
import { loadPortfolio } from '../../src/bot/load.js';
import type { Bot } from '../../src/bot/types.js';
import { REPO_ROOT } from '../../src/paths.js';

export const SHIPPED_PROFILE = join(REPO_ROOT, 'data', 'profile.yaml');

/** A profile file loaded as the bot loads it; its problems, if any, fail the test. */
export async function loadedBot(file: string): Promise<Bot> {
  const { bot, problems } = await loadPortfolio(file);
  if (!bot) throw new Error(`${file} does not load:\n${problems.join('\n')}`);
  return bot;
}

let cached: Promise<Bot> | undefined;
/** The shipped profile as a Bot, loaded once per test file. */
export function shippedBot(): Promise<Bot> {
  cached ??= loadedBot(SHIPPED_PROFILE);
  return cached;
}
