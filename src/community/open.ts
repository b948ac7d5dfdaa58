// The community as the long-running bots open it: over the bot's store (its
// migrations run), every stored member indexed. A database that cannot be
// opened is logged and the bot serves without member portfolios rather than not
// at all (the owner's profile needs no database). The store is the bot's, shared
// with insights: the bot closes it, after the community and insights.
import type { Portfolio } from '../bot/types.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';
import { openCommunity, type Community } from './community.js';
import { DEFAULT_FETCH_POLICY } from './fetch.js';

export async function openConfiguredCommunity(
  config: Config,
  owner: () => Portfolio,
  logger: Logger,
  opening: Promise<Store>,
): Promise<Community | undefined> {
  try {
    const store = await opening;
    const community = await openCommunity({
      store,
      owner,
      logger,
      closeStore: false,
      fetchPolicy: { ...DEFAULT_FETCH_POLICY, allowLoopback: config.FETCH_ALLOW_LOOPBACK },
    });
    logger.info('member portfolios ready', { engine: store.engine });
    return community;
  } catch (error) {
    logger.error('the member portfolio database could not be opened; serving without member portfolios', {
      error: (error as Error).message,
    });
    return undefined;
  }
}
