import { COMMANDS } from '../../commands/index.js';
import { createDispatcher } from '../bot/dispatch.js';
import { answerInput } from '../bot/input.js';
import { loadPortfolio } from '../bot/load.js';
import { parseConfig } from '../config.js';
import { openCommunity } from '../community/community.js';
import { createLogger } from '../log.js';
import { openStore } from '../store/index.js';
import { renderPayload, terminalWidth } from '../terminal/render.js';
import { UsageError, type CliCommand } from './types.js';

export const run: CliCommand = async ({ values, positionals }, io) => {
  const text = positionals.join(' ');
  if (!text.trim()) throw new UsageError('expected an input: ask "/projects optimizers" or ask "what do they know about docker?"');
  const config = parseConfig();
  const { portfolio, problems } = await loadPortfolio(config.PROFILE_PATH);
  if (!portfolio) {
    for (const line of problems) io.err(line);
    return 1;
  }
  const json = values['json'] === true;
  // --json is the payload Discord would get; otherwise the answer as the terminal chat words it.
  const surface = json ? 'discord' : 'terminal';
  const logger = createLogger(config.LOG_LEVEL);
  const guild = values['guild'];
  if (guild !== undefined && (typeof guild !== 'string' || !/^\d{17,20}$/.test(guild))) {
    throw new UsageError('--guild expects a Discord id (17 to 20 digits)');
  }
  // With --guild: that server's member portfolios from the bot's database, as the bot would answer there.
  const community =
    guild === undefined ? undefined : await openCommunity({ store: await openStore(config), owner: () => portfolio, logger });
  const dispatcher = createDispatcher({
    commands: COMMANDS,
    portfolio: () => portfolio,
    logger,
    surface,
    ...(community ? { portfolioFor: community.portfolioFor, context: { community } } : {}),
  });
  const payload = answerInput(text, dispatcher, { id: '0', name: 'cli' }, guild);
  await community?.close();
  io.out(
    json
      ? JSON.stringify(payload, null, 2)
      : renderPayload(payload, { colour: Boolean(process.stdout.isTTY), width: terminalWidth(process.stdout) }),
  );
  return 0;
};
