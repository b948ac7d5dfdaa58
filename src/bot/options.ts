import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { CommandInput } from './types.js';

/** Common options every command takes, as data for definitions. */
export const PRIVATE_OPTION = {
  type: ApplicationCommandOptionType.Boolean,
  name: 'private',
  description: 'Only you see the answer (you can still share it in the channel)',
  required: false,
} as const;

/** `member:` on the search commands: one member's portfolio, in a server where members share theirs. */
export const MEMBER_OPTION = {
  type: ApplicationCommandOptionType.User,
  name: 'member',
  description: "Only this member's portfolio (in a server where members share theirs)",
  required: false,
} as const;

export function stringOption(input: CommandInput, name: string): string | undefined {
  const value = input.options[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
