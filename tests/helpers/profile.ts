import { join } from 'node:path';
import { loadPortfolio } from '../../src/bot/load.js';
import type { Portfolio } from '../../src/bot/types.js';
import { REPO_ROOT } from '../../src/paths.js';

export const SHIPPED_PROFILE = join(REPO_ROOT, 'data', 'profile.yaml');

/** A profile file loaded as the bot loads it; its problems, if any, fail the test. */
export async function loadedPortfolio(file: string): Promise<Portfolio> {
  const { portfolio, problems } = await loadPortfolio(file);
  if (!portfolio) throw new Error(`${file} does not load:\n${problems.join('\n')}`);
  return portfolio;
}

let cached: Promise<Portfolio> | undefined;
/** The shipped profile as a Portfolio, loaded once per test file. */
export function shippedPortfolio(): Promise<Portfolio> {
  cached ??= loadedPortfolio(SHIPPED_PROFILE);
  return cached;
}
