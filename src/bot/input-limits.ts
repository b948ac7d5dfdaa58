// Discord's own limits on what a user can send (docs/discord.md), enforced
// before any input reaches a handler or a cache key, whichever transport it
// came by: Discord keeps to them, so anything larger did not come from a
// Discord client (or came from the terminal, where the same rules hold).
import type { OptionValue } from './types.js';

/** A command name, and an option name. */
export const MAX_NAME_LENGTH = 32;
/** Options per level of a command. */
export const MAX_OPTIONS = 25;
/** Subcommand group → subcommand → options. */
export const MAX_OPTION_DEPTH = 3;
/** A string option's value (its max_length can be at most this). */
export const MAX_STRING_OPTION_LENGTH = 6000;
/** What an autocomplete handler sees of the value being typed: no choice can be longer. */
export const MAX_AUTOCOMPLETE_VALUE_LENGTH = 100;
/** A component's custom_id. */
export { MAX_CUSTOM_ID_LENGTH } from '../replies/custom-id.js';
/** Values a select menu sends, and the length of each. */
export const MAX_SELECT_VALUES = 25;
export const MAX_SELECT_VALUE_LENGTH = 100;

/** Null when every option is within Discord's limits, else the message for the user. */
export function optionsProblem(options: Readonly<Record<string, OptionValue | undefined>>): string | null {
  const names = Object.keys(options);
  if (names.length > MAX_OPTIONS) return `That's more than the ${MAX_OPTIONS} options Discord allows in one command.`;
  for (const name of names) {
    const value = options[name];
    if (typeof value === 'string' && value.length > MAX_STRING_OPTION_LENGTH) {
      return (
        `The \`${name.slice(0, MAX_NAME_LENGTH)}\` option is too long: ${value.length} characters, where ` +
        `Discord allows ${MAX_STRING_OPTION_LENGTH}.`
      );
    }
  }
  return null;
}

/** Null when a select menu's values are within Discord's limits, else the message for the user. */
export function valuesProblem(values: readonly string[]): string | null {
  if (values.length > MAX_SELECT_VALUES || values.some((value) => typeof value !== 'string' || value.length > MAX_SELECT_VALUE_LENGTH)) {
    return (
      `That menu sent more than Discord allows (${MAX_SELECT_VALUES} values of ` +
      `${MAX_SELECT_VALUE_LENGTH} characters). Run the command again for a fresh one.`
    );
  }
  return null;
}

/** The first `max` UTF-16 units of `text`, never half of a surrogate pair. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const clipped = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(clipped) ? clipped.slice(0, -1) : clipped;
}

/** What an autocomplete handler sees of the value being typed. */
export function clipAutocompleteValue(value: string): string {
  return clipText(value, MAX_AUTOCOMPLETE_VALUE_LENGTH);
}
