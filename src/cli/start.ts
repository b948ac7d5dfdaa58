import { COMMANDS } from '../../commands/index.js';
import type { CliCommand } from '../cli.js';
import { createDispatcher } from '../bot/dispatch.js';
import { loadBot } from '../bot/load.js';
import { parseConfig } from '../config.js';
import { createLogger } from '../log.js';
import { runTerminalChat } from '../terminal/chat.js';
import { resolveProfilePath } from './profile-path.js';

export const run: CliCommand = async (_args, io) => {
  const config = parseConfig();
  if (config.DISCORD_TOKEN) {
    const { runGatewayBot } = await import('../discord/run.js');
    return runGatewayBot(config);
  }
  const loaded = await loadBot(resolveProfilePath(undefined));
  if (!loaded.bot) {
    for (const line of loaded.problems) io.err(line);
    return 1;
  }
  const bot = loaded.bot;
  // In the chat, log lines would interleave with answers: only errors go to stderr.
  const logger = createLogger(config.LOG_LEVEL === 'debug' ? 'debug' : 'error');
  const dispatcher = createDispatcher({ commands: COMMANDS, bot: () => bot, logger });
  return runTerminalChat({
    dispatcher,
    name: bot.profile.identity.name,
    input: process.stdin,
    output: process.stdout,
    notices: process.stderr,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    colour: Boolean(process.stdout.isTTY),
  });
};
