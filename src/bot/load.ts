import { formatProblem, loadProfile, ProfileError } from '../profile/load.js';
import { createBot, type Bot } from './types.js';

/** Loads a profile into a Bot, or returns its problems as printable lines. */
export async function loadBot(file: string): Promise<{ bot: Bot; problems?: undefined } | { bot?: undefined; problems: string[] }> {
  try {
    return { bot: createBot(await loadProfile(file)) };
  } catch (error) {
    if (error instanceof ProfileError) return { problems: error.problems.map(formatProblem) };
    throw error;
  }
}
