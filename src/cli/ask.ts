import { parseArgs } from 'node:util';
import { COMMANDS } from '../../commands/index.js';
import type { CliCommand } from '../cli.js';
import { UsageError } from '../cli.js';
import { createDispatcher } from '../bot/dispatch.js';
import { answerInput } from '../bot/input.js';
import { loadBot } from '../bot/load.js';
import { parseConfig } from '../config.js';
import { createLogger } from '../log.js';
import { renderPayload } from '../terminal/render.js';
import { resolveProfilePath } from './profile-path.js';

export const run: CliCommand = async (args, io) => {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const text = parsed.positionals.join(' ');
  if (!text.trim()) throw new UsageError('expected an input: ask "/projects optimizers" or ask "does he know docker?" [--json]');
  const config = parseConfig();
  const loaded = await loadBot(resolveProfilePath(undefined));
  if (!loaded.bot) {
    for (const line of loaded.problems) io.err(line);
    return 1;
  }
  const bot = loaded.bot;
  const dispatcher = createDispatcher({ commands: COMMANDS, bot: () => bot, logger: createLogger(config.LOG_LEVEL) });
  const payload = answerInput(text, dispatcher, { id: '0', name: 'cli' });
  io.out(parsed.values.json ? JSON.stringify(payload, null, 2) : renderPayload(payload, { colour: process.stdout.isTTY }));
  return 0;
};
