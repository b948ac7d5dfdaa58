import { PRIVATE_OPTION } from '../src/bot/options.js';
import type { CommandDefinition, CommandModule } from '../src/bot/types.js';
import { buildHelpCard } from '../src/replies/cards/help.js';

export const helpDefinition = {
  name: 'help',
  description: 'What I can do: every command with an example',
  options: [PRIVATE_OPTION],
} satisfies CommandDefinition;

/**
 * /help lists the commands it is registered with. It gets them through a
 * function (`() => COMMANDS` in ./index.ts) rather than importing ./index.ts,
 * which imports this module: no import cycle, and the list is read when the
 * command runs, so it is always the full, current one.
 */
export function createHelpCommand(listCommands: () => readonly CommandModule[]) {
  return {
    definition: helpDefinition,
    execute: (input, portfolio) =>
      buildHelpCard(
        portfolio.profile,
        listCommands().map((module) => module.definition),
        { surface: input.surface ?? 'discord', inGuild: input.guildId !== undefined },
      ),
  } as const satisfies CommandModule;
}
