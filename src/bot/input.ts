import type { ReplyPayload } from '../replies/index.js';
import type { Dispatcher } from './dispatch.js';
import { parseSlashLine } from './slash-line.js';
import type { Invoker } from './types.js';

/** One line typed by a person: a slash command line, or a question for /ask. */
export function answerInput(line: string, dispatcher: Dispatcher, user: Invoker, guildId?: string): ReplyPayload {
  if (!line.trimStart().startsWith('/')) {
    return guildId === undefined
      ? dispatcher.message(line, user)
      : dispatcher.command('ask', { options: { question: line }, user, guildId });
  }
  const parsed = parseSlashLine(line, dispatcher.commands, { surface: dispatcher.surface, inGuild: guildId !== undefined });
  if (!parsed.ok) return dispatcher.notice(parsed.message);
  return dispatcher.command(parsed.name, { options: parsed.options, user, guildId });
}
