// `npm start` with DISCORD_TOKEN: the gateway bot, until SIGINT/SIGTERM.
import type { Dispatcher } from '../bot/dispatch.js';
import { createCooldown } from '../bot/cooldown.js';
import type { Config } from '../config.js';
import { createLogger } from '../log.js';

export async function runGatewayBot(config: Config): Promise<number> {
  const logger = createLogger(config.LOG_LEVEL);
  // Start-up is arranged so that the bot is ready about as soon as a bare
  // connection is (npm run bench, cold start): discord.js loads and the login
  // starts first; the profile (from its snapshot, or validated in a worker
  // thread: loadBotCached) and the commands load while the login waits on the
  // network. Events that arrive before the dispatcher is ready wait for it.
  const { createGatewayBot } = await import('./client.js');
  const cooldown = createCooldown({ limit: config.COOLDOWN_COMMANDS, windowSeconds: config.COOLDOWN_SECONDS });
  let provideDispatcher: (dispatcher: Dispatcher) => void = () => undefined;
  const gateway = createGatewayBot({
    token: config.DISCORD_TOKEN ?? '',
    apiUrl: config.DISCORD_API_URL,
    dispatcher: new Promise<Dispatcher>((resolve) => (provideDispatcher = resolve)),
    logger,
    throttle: (user) => cooldown.take(user),
  });
  const login = gateway.start();
  void login.catch(() => undefined); // awaited below
  // Only now the rest of the bot's modules: they load while the login waits on
  // the network. An unchanged profile comes from its snapshot at once; a changed
  // one is validated in a worker thread.
  const [{ createBotHolder }, { loadBotCached }, { resolveProfilePath }] = await Promise.all([
    import('../bot/holder.js'),
    import('../bot/load.js'),
    import('../cli/profile-path.js'),
  ]);
  const loading = createBotHolder(resolveProfilePath(config.PROFILE_PATH), logger, loadBotCached);
  const [{ COMMANDS }, { createDispatcher }] = await Promise.all([import('../../commands/index.js'), import('../bot/dispatch.js')]);
  const holder = await loading.catch(() => null);
  if (!holder) {
    await gateway.client.destroy();
    return 1;
  }
  provideDispatcher(createDispatcher({ commands: COMMANDS, bot: holder.current, logger }));

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
    await login;
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
