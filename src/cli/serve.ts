import { COMMANDS } from '../../commands/index.js';
import { createCooldown } from '../bot/cooldown.js';
import { createDispatcher } from '../bot/dispatch.js';
import { createBotHolder } from '../bot/holder.js';
import { loadPortfolio } from '../bot/load.js';
import { parseConfig } from '../config.js';
import { createInteractionServer, installSignalHandlers, parsePublicKey } from '../http/index.js';
import { createHttpResponder } from '../http/respond.js';
import { createLogger } from '../log.js';
import type { CliCommand } from './types.js';

export const run: CliCommand = async (_args, io) => {
  const config = parseConfig();
  if (!config.DISCORD_PUBLIC_KEY) {
    io.err('portfolio-bot serve: DISCORD_PUBLIC_KEY is not set: copy it from the Developer Portal (General Information → Public Key) into .env.');
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
  const holder = await createBotHolder(config.PROFILE_PATH, logger, (file) => loadPortfolio(file, { offThread: true }));
  if (!holder) return 1;
  const dispatcher = createDispatcher({ commands: COMMANDS, bot: holder.current, logger });
  const cooldown = createCooldown({ limit: config.COOLDOWN_COMMANDS, windowSeconds: config.COOLDOWN_SECONDS });
  const server = createInteractionServer({
    publicKey: config.DISCORD_PUBLIC_KEY,
    respond: createHttpResponder(dispatcher, (user) => cooldown.take(user)),
    logger,
    health: () => ({ profileVersion: holder.current().profile.version, profileRevision: holder.current().revision, commands: COMMANDS.length }),
  });
  installSignalHandlers(async () => {
    holder.stopWatching();
    await server.close();
  }, logger);
  const port = await server.listen(config.PORT);
  holder.watch();
  logger.info('serving interactions', { url: `http://0.0.0.0:${port}/interactions` });
  return new Promise<number>(() => undefined);
};
