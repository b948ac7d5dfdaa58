import { parseConfig } from '../config.js';
import type { CliCommand } from './types.js';

// Each mode imports what it needs when it starts: the gateway bot's cold start
// shouldn't pay for the terminal chat, nor the chat for discord.js.
export const run: CliCommand = async (_args, io) => {
  const config = parseConfig();
  if (config.DISCORD_TOKEN) {
    const { runGatewayBot } = await import('../discord/run.js');
    return runGatewayBot(config);
  }
  const [{ COMMANDS }, { createDispatcher }, { loadPortfolio }, { createLogger }, { runTerminalChat }] = await Promise.all([
    import('../../commands/index.js'),
    import('../bot/dispatch.js'),
    import('../bot/load.js'),
    import('../log.js'),
    import('../terminal/chat.js'),
  ]);
  const { portfolio, problems } = await loadPortfolio(config.PROFILE_PATH);
  if (!portfolio) {
    for (const line of problems) io.err(line);
    return 1;
  }
  // In the chat, log lines would interleave with answers: only errors go to stderr.
  const logger = createLogger(config.LOG_LEVEL === 'debug' ? 'debug' : 'error');
  const dispatcher = createDispatcher({ commands: COMMANDS, portfolio: () => portfolio, logger, surface: 'terminal' });
  return runTerminalChat({
    dispatcher,
    name: portfolio.profile.identity.name,
    input: process.stdin,
    output: process.stdout,
    notices: process.stderr,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    colour: Boolean(process.stdout.isTTY),
  });
};
