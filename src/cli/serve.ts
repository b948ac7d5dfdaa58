import { COMMANDS } from '../../commands/index.js';
import { createCooldown } from '../bot/cooldown.js';
import { openConfiguredCommunity } from '../community/open.js';
import { createDispatcher } from '../bot/dispatch.js';
import { createPortfolioStore } from '../bot/portfolio-store.js';
import { loadPortfolio } from '../bot/load.js';
import { parseConfig } from '../config.js';
import { createInteractionServer, parsePublicKey } from '../http/index.js';
import { createHttpResponder, type EditOriginal } from '../http/respond.js';
import { startInsights } from '../insights/start.js';
import { createLogger, type Logger } from '../log.js';
import { installSignalHandlers } from '../signals.js';
import { openStoreRetrying } from '../store/retry.js';
import type { CliCommand } from './types.js';

export const run: CliCommand = async (_args, io) => {
  const config = parseConfig();
  if (!config.DISCORD_PUBLIC_KEY) {
    io.err(
      'portfolio-bot serve: DISCORD_PUBLIC_KEY is not set: copy it from the Developer Portal (General Information → Public Key) into .env.',
    );
    return 1;
  }
  try {
    parsePublicKey(config.DISCORD_PUBLIC_KEY);
  } catch (error) {
    io.err(`portfolio-bot serve: ${(error as Error).message}`);
    return 1;
  }
  const logger = createLogger(config.LOG_LEVEL);
  // Off the main thread: a reload of even a hostile file never stalls the requests being answered.
  const holder = await createPortfolioStore(config.PROFILE_PATH, logger, (file) => loadPortfolio(file, { offThread: true }));
  if (!holder) return 1;
  // One database for member portfolios and insights, closed after both; tried again until it opens.
  const storeOpening = openStoreRetrying(config, logger);
  const insights = startInsights(config, 'http', logger, storeOpening.opened);
  const community = await openConfiguredCommunity(config, holder.current, logger, storeOpening);
  const dispatcher = createDispatcher({
    commands: COMMANDS,
    portfolio: holder.current,
    logger,
    ...(insights ? { onOutcome: insights.recorder.record } : {}),
    portfolioFor: community.portfolioFor,
    context: { community },
  });
  const cooldown = createCooldown({ limit: config.COOLDOWN_COMMANDS, windowSeconds: config.COOLDOWN_SECONDS });
  const server = createInteractionServer({
    publicKey: config.DISCORD_PUBLIC_KEY,
    respond: createHttpResponder(dispatcher, {
      throttle: (user) => cooldown.take(user),
      editOriginal: editOriginalOver(config.DISCORD_API_URL, logger),
    }),
    logger,
  });
  let port: number;
  try {
    port = await server.listen(config.PORT, config.HOST);
  } catch (error) {
    io.err(`portfolio-bot serve: ${listenProblem(error, config.HOST, config.PORT)}`);
    return 1;
  }
  installSignalHandlers(async () => {
    holder.stopWatching();
    storeOpening.stop();
    await server.close();
    await insights?.close();
    await community.close().catch(() => undefined);
    await storeOpening.current()?.close();
  }, logger);
  holder.watch();
  logger.info('serving interactions', {
    url: `http://${urlHost(config.HOST)}:${port}/interactions`,
    profileVersion: holder.current().profile.version,
  });
  return new Promise<number>(() => undefined);
};

/**
 * Edits a deferred answer through Discord's API: the interaction's own token is the
 * credential (no bot token). A failure is logged, never thrown: the member then sees
 * Discord's own "did not respond", and the work itself is done and kept.
 */
export function editOriginalOver(apiUrl: string, logger: Logger): EditOriginal {
  return async (applicationId, token, payload) => {
    const url = `${apiUrl.replace(/\/$/, '')}/v10/webhooks/${encodeURIComponent(applicationId)}/${encodeURIComponent(token)}/messages/@original`;
    try {
      const response = await fetch(url, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) logger.warn('a deferred answer could not be sent', { status: response.status });
    } catch (error) {
      logger.warn('a deferred answer could not be sent', { error: (error as Error).message });
    }
  };
}

/** One line saying why `listen` failed and which setting to change. */
export function listenProblem(error: unknown, host: string, port: number): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EADDRINUSE':
      return `port ${port} is in use on ${host}; set PORT to a free port (or stop what holds it).`;
    case 'EACCES':
      return `not allowed to listen on port ${port}; set PORT to a port above 1023.`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `HOST ${host} is not an address of this machine; set HOST (127.0.0.1 for a proxy on the same machine, 0.0.0.0 for every interface).`;
    default:
      return `could not listen on ${host}:${port} (${code ?? (error instanceof Error ? error.message : String(error))}).`;
  }
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
