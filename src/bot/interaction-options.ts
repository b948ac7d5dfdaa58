// An interaction's options as the dispatcher takes them, for both transports:
// the raw JSON of an HTTP interaction and discord.js's `interaction.options.data`
// have the same shape (name, value, focused, and `options` for a subcommand).
// The HTTP server has already checked the shape (src/http/shape.ts); reading
// stays defensive all the same, and never recursive beyond Discord's depth.
import { MAX_OPTION_DEPTH } from './input-limits.js';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { Attachment, OptionValue } from './types.js';

export type Json = Record<string, unknown>;

/** A JSON object: not null, not a list. */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Calls `visit` on each option, subcommands' included, to at most MAX_OPTION_DEPTH levels, until it returns true. */
function eachOption(options: unknown, visit: (option: Json) => boolean, depth = 1): boolean {
  if (!Array.isArray(options) || depth > MAX_OPTION_DEPTH) return false;
  for (const option of options as unknown[]) {
    if (!isObject(option)) continue;
    if (visit(option)) return true;
    if (eachOption(option['options'], visit, depth + 1)) return true;
  }
  return false;
}

/** Option values by name; subcommands are flattened (the bot has none today). */
export function flattenOptions(options: unknown): Record<string, OptionValue> {
  const out: Record<string, OptionValue> = {};
  eachOption(options, (option) => {
    const value = option['value'];
    if (
      option['options'] === undefined &&
      typeof option['name'] === 'string' &&
      (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    ) {
      out[option['name']] = value;
    }
    return false;
  });
  return out;
}

/** The subcommand's name (/portfolio submit → "submit"), if the command has one. */
export function findSubcommand(options: unknown): string | undefined {
  if (!Array.isArray(options)) return undefined;
  const first: unknown = options[0];
  return isObject(first) && first['type'] === ApplicationCommandOptionType.Subcommand && typeof first['name'] === 'string'
    ? first['name']
    : undefined;
}

/**
 * Attachment options by name, from Discord's resolved attachments (`data.resolved.attachments`
 * over HTTP; discord.js hands the same fields). Anything malformed is left out.
 */
export function findAttachments(options: unknown, resolved: unknown): Record<string, Attachment> {
  const out: Record<string, Attachment> = {};
  const byId = isObject(resolved) && isObject(resolved['attachments']) ? resolved['attachments'] : {};
  eachOption(options, (option) => {
    if (option['type'] !== ApplicationCommandOptionType.Attachment || typeof option['name'] !== 'string') return false;
    const found = typeof option['value'] === 'string' && Object.hasOwn(byId, option['value']) ? byId[option['value']] : undefined;
    const attachment = toAttachment(found);
    if (attachment) out[option['name']] = attachment;
    return false;
  });
  return out;
}

export function toAttachment(value: unknown): Attachment | undefined {
  if (!isObject(value)) return undefined;
  const { id, filename, size, url } = value;
  const contentType = value['content_type'];
  if (typeof id !== 'string' || typeof filename !== 'string' || typeof size !== 'number' || typeof url !== 'string') return undefined;
  return { id, filename, size, url, ...(typeof contentType === 'string' ? { contentType } : {}) };
}

/** The option being typed in, for autocomplete; an empty one when there is none. */
export function findFocused(options: unknown): { name: string; value: string } {
  let found = { name: '', value: '' };
  eachOption(options, (option) => {
    if (option['focused'] !== true) return false;
    found = { name: typeof option['name'] === 'string' ? option['name'] : '', value: String(option['value'] ?? '') };
    return true;
  });
  return found;
}

/** Longest value a modal's text input may carry (Discord's own cap); a longer one is cut. */
const MAX_FIELD_LENGTH = 4000;
/** How deep a modal's components are searched (an action row or a label, then its input). */
const MAX_MODAL_DEPTH = 3;

/**
 * A modal submit's text inputs, by custom_id, from its raw `data.components`: action rows
 * (type 1) or labels (type 18) around text inputs. Anything else is left out.
 */
export function modalFields(components: unknown, depth = 0): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!Array.isArray(components) || depth > MAX_MODAL_DEPTH) return fields;
  for (const component of components.slice(0, 25)) {
    if (!isObject(component)) continue;
    const { custom_id: id, value } = component;
    if (typeof id === 'string' && typeof value === 'string') fields[id] = value.slice(0, MAX_FIELD_LENGTH);
    Object.assign(fields, modalFields(component['components'], depth + 1));
    if (isObject(component['component'])) Object.assign(fields, modalFields([component['component']], depth + 1));
  }
  return fields;
}
