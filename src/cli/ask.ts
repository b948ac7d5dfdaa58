import { COMMANDS } from '../../commands/index.js';
import { createDispatcher } from '../bot/dispatch.js';
import { answerInput } from '../bot/input.js';
import { loadPortfolio } from '../bot/load.js';
import { parseConfig } from '../config.js';
import { createLogger } from '../log.js';
import { renderPayload, terminalWidth } from '../terminal/render.js';
import { UsageError, type CliCommand } from './types.js';

export const run: CliCommand = async ({ values, positionals }, io) => {
  const text = positionals.join(' ');
  if (!text.trim()) throw new UsageError('expected an input: ask "/projects optimizers" or ask "does he know docker?"');
  const config = parseConfig();
  const { portfolio, problems } = await loadPortfolio(config.PROFILE_PATH);
  if (!portfolio) {
    for (const line of problems) io.err(line);
    return 1;
  }
  const json = values['json'] === true;
  // --json is the payload Discord would get; otherwise the answer as the terminal chat words it.
  const surface = json ? 'discord' : 'terminal';
  const dispatcher = createDispatcher({ commands: COMMANDS, portfolio: () => portfolio, logger: createLogger(config.LOG_LEVEL), surface });
  const payload = answerInput(text, dispatcher, { id: '0', name: 'cli' });
  io.out(
    json
      ? JSON.stringify(payload, null, 2)
      : renderPayload(payload, { colour: Boolean(process.stdout.isTTY), width: terminalWidth(process.stdout) }),
  );
  return 0;
};
