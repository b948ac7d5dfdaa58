// What a signed interaction must look like before anything reads it. A valid
// signature says Discord sent the bytes, not that every field is what the
// handlers expect: a key that leaked, a bug on either side, or a test can send
// any JSON. Each check here answers 400 with one short reason, so no handler
// ever walks a missing `data`, an object where a list belongs, options nested
// thousands deep, or a value larger than Discord itself allows.
//
// The limits are Discord's own (src/bot/input-limits.ts): a command name is
// 1–32 characters; at most 25 options per level, nested at most three levels
// (subcommand group → subcommand → options); a string option's value is at
// most 6000 characters; a custom_id is 1–100 characters; a select menu sends
// at most 25 values of at most 100 characters.
import { InteractionType } from 'discord-api-types/v10';
import {
  MAX_CUSTOM_ID_LENGTH,
  MAX_NAME_LENGTH,
  MAX_OPTION_DEPTH,
  MAX_OPTIONS,
  MAX_SELECT_VALUE_LENGTH,
  MAX_SELECT_VALUES,
  MAX_STRING_OPTION_LENGTH,
} from '../bot/input-limits.js';
import { isObject, type Json } from '../bot/interaction-options.js';
import { displayName } from '../bot/display-name.js';
import type { Invoker } from '../bot/types.js';
import { isSnowflake } from '../replies/custom-id.js';

/** The invoking user: `member.user` in a server, `user` in a DM. */
function invokingUser(interaction: Json): Json | undefined {
  const member = interaction['member'];
  const user = isObject(member) && isObject(member['user']) ? member['user'] : interaction['user'];
  return isObject(user) ? user : undefined;
}

/** The invoking user's id, when it is a snowflake. */
export function invokerId(interaction: Json): string | undefined {
  const id = invokingUser(interaction)?.['id'];
  return isSnowflake(id) ? id : undefined;
}

/** The invoking user as the dispatcher takes them, named as the server sees them (nickname, global name, username). */
export function invoker(interaction: Json): Invoker {
  const user = invokingUser(interaction);
  const member = interaction['member'];
  const name = displayName({
    nick: isObject(member) ? member['nick'] : undefined,
    globalName: user?.['global_name'],
    username: user?.['username'],
  });
  return { id: invokerId(interaction) ?? '0', name };
}

/**
 * Who ran the command that made the message a component sits on, as Discord
 * says it (`message.interaction_metadata.user`, or the older
 * `message.interaction.user`), when it says it. Unlike the `u=` field of a
 * custom_id, this is not the client's to choose.
 */
export function messageAskerId(interaction: Json): string | undefined {
  const message = interaction['message'];
  if (!isObject(message)) return undefined;
  for (const key of ['interaction_metadata', 'interaction']) {
    const meta = message[key];
    const user = isObject(meta) ? meta['user'] : undefined;
    const id = isObject(user) ? user['id'] : undefined;
    if (isSnowflake(id)) return id;
  }
  return undefined;
}

function checkOptions(options: unknown, depth: number): string | null {
  if (options === undefined) return null;
  if (!Array.isArray(options)) return 'options must be a list';
  if (options.length > MAX_OPTIONS) return `more than ${MAX_OPTIONS} options`;
  for (const option of options as unknown[]) {
    if (!isObject(option)) return 'an option is not an object';
    const { name, type, value, focused } = option;
    if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH)
      return `an option name is not 1–${MAX_NAME_LENGTH} characters`;
    if (typeof type !== 'number') return 'an option has no type';
    if (focused !== undefined && typeof focused !== 'boolean') return 'an option has a non-boolean focused';
    if (value !== undefined) {
      if (typeof value === 'string') {
        if (value.length > MAX_STRING_OPTION_LENGTH) return `an option value is longer than ${MAX_STRING_OPTION_LENGTH} characters`;
      } else if (typeof value === 'number') {
        if (!Number.isFinite(value)) return 'an option value is not a finite number';
      } else if (typeof value !== 'boolean') {
        return 'an option value is not a string, number or boolean';
      }
    }
    if (option['options'] !== undefined) {
      // Checked before descending: a list nested thousands deep is refused at its fourth level.
      if (depth >= MAX_OPTION_DEPTH) return `options nested deeper than ${MAX_OPTION_DEPTH} levels`;
      const inner = checkOptions(option['options'], depth + 1);
      if (inner) return inner;
    }
  }
  return null;
}

function checkCommandData(data: Json): string | null {
  const name = data['name'];
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH)
    return `data.name is not 1–${MAX_NAME_LENGTH} characters`;
  return checkOptions(data['options'], 1);
}

function checkComponentData(data: Json): string | null {
  const customId = data['custom_id'];
  if (typeof customId !== 'string' || customId.length === 0 || customId.length > MAX_CUSTOM_ID_LENGTH) {
    return `data.custom_id is not 1–${MAX_CUSTOM_ID_LENGTH} characters`;
  }
  const values = data['values'];
  if (values === undefined) return null;
  if (!Array.isArray(values)) return 'data.values must be a list';
  if (values.length > MAX_SELECT_VALUES) return `more than ${MAX_SELECT_VALUES} values`;
  for (const value of values as unknown[]) {
    if (typeof value !== 'string' || value.length > MAX_SELECT_VALUE_LENGTH)
      return `a value is not a string of at most ${MAX_SELECT_VALUE_LENGTH} characters`;
  }
  return null;
}

/**
 * Null when `interaction` (already known to be an object of type 2, 3, 4 or 5)
 * has the shape its handlers read, else one short reason. Never throws and
 * never recurses deeper than MAX_OPTION_DEPTH.
 */
export function checkInteraction(interaction: Json): string | null {
  if (!isSnowflake(interaction['id'])) return 'id is not a snowflake';
  if (invokerId(interaction) === undefined) return 'no user id (member.user.id or user.id)';
  const type = interaction['type'];
  const data = interaction['data'];
  if (data === undefined) return 'no data';
  if (!isObject(data)) return 'data is not an object';
  switch (type) {
    case InteractionType.ApplicationCommand:
    case InteractionType.ApplicationCommandAutocomplete:
      return checkCommandData(data);
    case InteractionType.MessageComponent:
      return checkComponentData(data);
    case InteractionType.ModalSubmit: {
      const customId = data['custom_id'];
      return typeof customId === 'string' && customId.length > 0 && customId.length <= MAX_CUSTOM_ID_LENGTH
        ? null
        : `data.custom_id is not 1–${MAX_CUSTOM_ID_LENGTH} characters`;
    }
    default:
      return 'unknown interaction type';
  }
}
