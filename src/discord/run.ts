// `npm start` with DISCORD_TOKEN: the gateway bot, until SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import { MessageFlags } from 'discord-api-types/v10';
import type { Dispatcher } from '../bot/dispatch.js';
import type { ReplyPayload } from '../replies/index.js';
import { createCooldown } from '../bot/cooldown.js';
import type { Config } from '../config.js';
import { openStoreRetrying, type RetryingStore } from '../store/retry.js';
import { createLogger, type Logger } from '../log.js';
import { installSignalHandlers } from '../signals.js';
import { describeNetworkError, LIKELY_CAUSES, noAnswerMessage, unreachableMessage } from './unreachable.js';

export async function runGatewayBot(config: Config): Promise<number> {
  const logger = createLogger(config.LOG_LEVEL);
  // Start-up is arranged so that the bot is ready about as soon as a bare
  // connection is (npm run bench, cold start): discord.js loads and the login
  // starts first; the profile (from its snapshot, or validated in a worker
  // thread: loadPortfolio's offThread) and the commands load while the login
  // waits on the network. Events that arrive before the dispatcher is ready
  // wait for it.
  // discord.js's Client reads SHARD_COUNT from the environment too (its ShardingManager passes it
  // that way), where `auto` would reach it as NaN and fail: the setting was read into the config,
  // and goes to the client as its shard options.
  delete process.env['SHARD_COUNT'];
  const { createGatewayBot } = await import('./client.js');
  const cooldown = createCooldown({ limit: config.COOLDOWN_COMMANDS, windowSeconds: config.COOLDOWN_SECONDS });
  let provideDispatcher: (dispatcher: Dispatcher) => void = () => undefined;
  // Set before the dispatcher is provided, so before any /insights can reach the callback below.
  let ownerInsights: (days: number | undefined) => Promise<ReplyPayload> = async () => ({ content: '' });
  const gateway = createGatewayBot({
    token: config.DISCORD_TOKEN ?? '',
    apiUrl: config.DISCORD_API_URL,
    dispatcher: new Promise<Dispatcher>((resolve) => (provideDispatcher = resolve)),
    logger,
    throttle: (user) => cooldown.take(user),
    shards: config.SHARD_COUNT,
    insights: (options) => ownerInsights(typeof options['days'] === 'number' ? options['days'] : undefined),
  });
  // Said at once, so that a Discord that never answers is not a silent wait;
  // the login must then be done within DISCORD_CONNECT_TIMEOUT.
  logger.info('connecting to Discord', { api: config.DISCORD_API_URL, timeoutSeconds: config.DISCORD_CONNECT_TIMEOUT });
  const login = gateway.start();
  void login.catch(() => undefined); // awaited below
  // The database (member portfolios and insights share it) opens while the login waits on the network too;
  // a SQLite file that is not there yet holds no member portfolios, and is created once the bot is ready.
  const fresh = isNewSqliteFile(config);
  const storeOpening = openBotStore(config, logger, { deferred: fresh });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>(
    (resolve) => (timer = setTimeout(() => resolve('timeout'), config.DISCORD_CONNECT_TIMEOUT * 1000)),
  );
  // Only now the rest of the bot's modules: they load while the login waits on the network, all
  // asked for at once so that their files are read side by side, and the profile's loading starts as
  // soon as its own are in. An unchanged profile comes from its snapshot at once; a changed one is
  // validated in a worker thread.
  const rest = Promise.all([
    import('../insights/start.js'),
    import('../../commands/index.js'),
    import('../bot/dispatch.js'),
    import('../community/open.js'),
  ]);
  void rest.catch(() => undefined); // awaited below
  const [{ createPortfolioStore }, { loadPortfolio }] = await Promise.all([import('../bot/portfolio-store.js'), import('../bot/load.js')]);
  const loading = createPortfolioStore(config.PROFILE_PATH, logger, (file) => loadPortfolio(file, { offThread: true }));
  const [insightsModule, { COMMANDS }, { createDispatcher }, { openConfiguredCommunity }] = await rest;
  const holder = await loading.catch(() => null);
  if (!holder) {
    clearTimeout(timer);
    storeOpening.stop();
    await storeOpening.current()?.close();
    await gateway.client.destroy();
    return 1;
  }
  const insights = insightsModule.startInsights(config, 'gateway', logger, storeOpening.opened);
  ownerInsights = async (days) => {
    if (!insights) return { content: insightsModule.INSIGHTS_OFF_NOTICE, flags: MessageFlags.Ephemeral };
    // A database still to be created is created now (the first try of a fresh file has not started yet).
    if (!storeOpening.current()) {
      storeOpening.start();
      await storeOpening.firstTry;
    }
    // Not a wait on a database that is not there: the owner hears why at once.
    if (!storeOpening.current()) return { content: insightsModule.INSIGHTS_UNAVAILABLE_NOTICE, flags: MessageFlags.Ephemeral };
    return insights.card(holder.current(), days);
  };
  const community = await openConfiguredCommunity(config, holder.current, logger, storeOpening, { noMembersYet: fresh });
  provideDispatcher(
    createDispatcher({
      commands: COMMANDS,
      portfolio: holder.current,
      logger,
      ...(insights ? { onOutcome: insights.recorder.record } : {}),
      portfolioFor: community.portfolioFor,
      context: { community },
    }),
  );

  installSignalHandlers(
    async () => {
      holder.stopWatching();
      // A database still to be created is created now, so that what was asked so far is written below.
      if (insights && !storeOpening.current()) {
        storeOpening.start();
        await storeOpening.firstTry;
      }
      storeOpening.stop();
      await community.close().catch(() => undefined);
      // The grace for replies in flight, then destroy; should destroying hang, exit all the same.
      await Promise.race([
        gateway.stop(4000).then(() => logger.info('stopped')),
        new Promise((resolve) => setTimeout(resolve, 5000).unref()),
      ]);
      // What was asked last is written before the process ends.
      await Promise.race([insights?.close(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      await storeOpening.current()?.close();
    },
    logger,
    { describe: () => ({ inFlight: gateway.inFlight(), shards: gateway.status().shards.length }) },
  );

  let failure: string | undefined;
  try {
    if ((await Promise.race([login, deadline])) === 'timeout') failure = describeTimeout(config, gateway.client.ws.gateway);
  } catch (error) {
    failure = describeLoginError(error, config.DISCORD_API_URL);
  } finally {
    clearTimeout(timer);
  }
  if (failure !== undefined) {
    holder.stopWatching();
    return giveUp(logger, failure, () => gateway.client.destroy());
  }
  holder.watch();
  // A new database file is created a moment after the bot is ready, not before it answers (cold start,
  // docs/performance.md): the first answers don't wait for it, and anything that needs it opens it at once.
  if (fresh) setTimeout(() => storeOpening.start(), NEW_DATABASE_DELAY_MS).unref();
  // Keep running: the client's socket holds the event loop open until stop().
  return new Promise<number>(() => undefined);
}

/** The store the bot's community and insights share, tried again until it opens (src/store/retry.ts). */
export function openBotStore(config: Config, logger: Logger, options: { deferred?: boolean } = {}): RetryingStore {
  return openStoreRetrying(config, logger, options);
}

/** How long after the bot is ready a database file that was not there at start is created. */
export const NEW_DATABASE_DELAY_MS = 100;

/**
 * Whether the bot's database is a SQLite file that does not exist yet, so holds no member portfolios:
 * then nothing needs to be read from it before the bot answers.
 */
export function isNewSqliteFile(config: Pick<Config, 'DATABASE_URL' | 'SQLITE_PATH'>): boolean {
  if (config.DATABASE_URL) return false;
  if (config.SQLITE_PATH === ':memory:') return true;
  return !config.SQLITE_PATH.startsWith('file:') && !existsSync(config.SQLITE_PATH);
}

/**
 * Logs why the bot could not connect and ends the process with exit code 1, so a
 * supervisor restarts it. Exits rather than returns: discord.js cannot cancel
 * what it may still have under way (a REST request in its retry loop, a gateway
 * WebSocket in its handshake, a shard's reconnect loop), and those would keep the
 * process alive long past the deadline.
 */
async function giveUp(logger: Logger, message: string, destroy: () => Promise<void>): Promise<never> {
  logger.error(message);
  await Promise.race([destroy().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  process.exit(1);
}

/** What did not answer in time: the REST API, or (the API having answered with its url) the gateway. */
export function describeTimeout(
  config: Pick<Config, 'DISCORD_API_URL' | 'DISCORD_CONNECT_TIMEOUT'>,
  gatewayUrl: string | null | undefined,
): string {
  const seconds = config.DISCORD_CONNECT_TIMEOUT;
  if (!gatewayUrl) return noAnswerMessage(config.DISCORD_API_URL, seconds);
  return (
    `could not connect to Discord: its API at ${config.DISCORD_API_URL} answered, but its gateway at ${gatewayUrl.replace(/\/$/, '')} ` +
    `did not complete the connection within ${seconds} s (DISCORD_CONNECT_TIMEOUT). ${LIKELY_CAUSES} A proxy must let WebSocket connections through.`
  );
}

/** One clear line for a failed login; never the token (and redact() would cut it out of any message that echoes it). */
export function describeLoginError(error: unknown, apiUrl: string): string {
  const err = error as { code?: string | number; status?: number; message?: string };
  if (err.code === 'TokenInvalid' || err.status === 401 || err.code === 4004 || err.message === 'Authentication failed') {
    return 'Discord rejected DISCORD_TOKEN (401 Unauthorized): reset it in the Developer Portal (Bot → Reset Token) and update .env.';
  }
  const network = describeNetworkError(error);
  if (network) return unreachableMessage(apiUrl, network);
  const answered = typeof err.status === 'number' ? `Discord at ${apiUrl} answered ${err.status}: ` : '';
  return `could not connect to Discord: ${answered}${(err.message ?? String(error)).replace(/\.$/, '')}. ${LIKELY_CAUSES}`;
}
