// `npm start` with DISCORD_TOKEN: the gateway bot, until SIGINT/SIGTERM.
import { COMMANDS } from '../../commands/index.js';
import { createCooldown } from '../bot/cooldown.js';
import { createDispatcher } from '../bot/dispatch.js';
import { createBotHolder } from '../bot/holder.js';
import { loadBotOffThread } from '../bot/load.js';
import { resolveProfilePath } from '../cli/profile-path.js';
import type { Config } from '../config.js';
import { createLogger } from '../log.js';

export async function runGatewayBot(config: Config): Promise<number> {
  const logger = createLogger(config.LOG_LEVEL);
  // The profile is read, parsed and validated in a worker thread (loadBotOffThread):
  // the YAML parse's garbage no longer grows this thread's heap (about 15 MB less
  // RSS after ready in npm run bench) and a reload never blocks the event loop.
  // discord.js is imported here, not at the top, so that it loads meanwhile.
  const loading = createBotHolder(resolveProfilePath(config.PROFILE_PATH), logger, loadBotOffThread);
  void loading.catch(() => undefined); // awaited below; a failure meanwhile is not an unhandled rejection
  const { createGatewayBot } = await import('./client.js');
  const holder = await loading;
  if (!holder) return 1;
  const dispatcher = createDispatcher({ commands: COMMANDS, bot: holder.current, logger });
  const cooldown = createCooldown({ limit: config.COOLDOWN_COMMANDS, windowSeconds: config.COOLDOWN_SECONDS });
  const gateway = createGatewayBot({
    token: config.DISCORD_TOKEN ?? '',
    apiUrl: config.DISCORD_API_URL,
    dispatcher,
    logger,
    throttle: (user) => cooldown.take(user),
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal, inFlight: gateway.inFlight() });
    holder.stopWatching();
    const force = setTimeout(() => process.exit(0), 5000);
    force.unref();
    void gateway.stop(4000).then(() => {
      logger.info('stopped');
      process.exit(0);
    });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));

  try {
    await gateway.start();
  } catch (error) {
    holder.stopWatching();
    await gateway.client.destroy();
    logger.error(describeLoginError(error));
    return 1;
  }
  holder.watch();
  // Keep running: the client's socket holds the event loop open until stop().
  return new Promise<number>(() => undefined);
}

/** One clear line for a failed login; never the token. */
export function describeLoginError(error: unknown): string {
  const err = error as { code?: string | number; status?: number; message?: string };
  if (err.code === 'TokenInvalid' || err.status === 401 || err.code === 4004 || /token/i.test(err.message ?? '')) {
    return 'Discord rejected DISCORD_TOKEN (401 Unauthorized): reset it in the Developer Portal (Bot → Reset Token) and update .env.';
  }
  return `could not connect to Discord: ${err.message ?? String(error)}`;
}
