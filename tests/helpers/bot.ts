// Test helpers: the shipped profile as a Portfolio, and a dispatcher over every command.
import { COMMANDS } from '../../commands/index.js';
import { createDispatcher, type Dispatcher } from '../../src/bot/dispatch.js';
import type { CommandInput, OptionValue } from '../../src/bot/types.js';
import { silentLogger, type Logger } from '../../src/log.js';
import type { ReplyPayload } from '../../src/replies/index.js';
import { checkReply } from '../fake-discord/limits.js';
import { shippedPortfolio } from './profile.js';

export { shippedPortfolio } from './profile.js';

export const ASKER = { id: '100000000000000001', name: 'asker' };
export const OTHER = { id: '100000000000000002', name: 'other' };

export async function testDispatcher(logger: Logger = silentLogger): Promise<Dispatcher> {
  const portfolio = await shippedPortfolio();
  return createDispatcher({ commands: COMMANDS, portfolio: () => portfolio, logger });
}

export function input(options: Record<string, OptionValue | undefined> = {}, user = ASKER): CommandInput {
  return { options, user };
}

/** All the text a payload shows, for assertions on what a user reads. */
export function textOf(payload: ReplyPayload): string {
  return JSON.stringify(payload);
}

/** Fails the test with the list of violated Discord limits, if any. */
export function expectWithinLimits(payload: unknown): void {
  const problems = checkReply(payload);
  if (problems.length > 0) throw new Error(`payload breaks Discord's limits:\n${problems.join('\n')}`);
}
