import type { CliCommand } from '../cli.js';
import { resolveProfilePath } from './profile-path.js';

// Each mode imports what it needs when it starts: the gateway bot's cold start
// shouldn't pay for the terminal chat, nor the chat for discord.js. A token
// (however bad: the config check says what is wrong with it) means the gateway,
// whose environment is checked in a worker thread while discord.js loads.
export const run: CliCommand = async (_args, io) => {
  if (process.env['DISCORD_TOKEN']) {
    const [{ runGatewayBot }, { parseConfigOffThread }] = await Promise.all([import('../discord/run.js'), import('../config-off-thread.js')]);
    return runGatewayBot(parseConfigOffThread());
  }
  const { parseConfig } = await import('../config.js');
  const config = parseConfig();
  const [{ COMMANDS }, { createDispatcher }, { loadBot }, { createLogger }, { runTerminalChat }] = await Promise.all([
    import('../../commands/index.js'),
    import('../bot/dispatch.js'),
    import('../bot/load.js'),
    import('../log.js'),
    import('../terminal/chat.js'),
  ]);
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
