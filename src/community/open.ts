// The community as the long-running bots open it: the store from the config,
// its migrations run, every stored member indexed. A database that cannot be
// opened is logged and the bot serves without member portfolios rather than not
// at all (the owner's profile needs no database).
import type { Portfolio } from '../bot/types.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { openStore } from '../store/index.js';
import { openCommunity, type Community } from './community.js';
import { DEFAULT_FETCH_POLICY } from './fetch.js';

export async function openConfiguredCommunity(config: Config, owner: () => Portfolio, logger: Logger): Promise<Community | undefined> {
  try {
    const store = await openStore(config);
    const community = await openCommunity({
      store,
      owner,
      logger,
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
