// Interactions received over HTTP, answered inline with the same dispatcher as
// the gateway: commands (type 4), autocomplete (type 8), component presses
// (type 7 update, or type 4 for a new message such as "Share in channel").
// The server has already checked each interaction's shape (./shape.ts): `data`
// is an object, options are lists nested at most three deep, values within
// Discord's limits. Reading stays defensive all the same, and never recursive
// beyond that depth, so this is safe to call on its own.
import type { APIInteraction, APIInteractionResponse } from 'discord-api-types/v10';
import type { Dispatcher } from '../bot/dispatch.js';
import type { Invoker, OptionValue } from '../bot/types.js';
import { MAX_OPTION_DEPTH } from '../bot/input-limits.js';
import { invokerId, messageAskerId } from './shape.js';

export type Throttle = (userId: string) => { ok: true } | { ok: false; retryAfterSeconds: number };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function userOf(interaction: Json): Invoker {
  const member = interaction['member'];
  const raw = isObject(member) && isObject(member['user']) ? member['user'] : interaction['user'];
  const name = isObject(raw) && typeof raw['username'] === 'string' ? raw['username'] : undefined;
  return { id: invokerId(interaction) ?? '0', name };
}

const EPHEMERAL_NOTICE = (content: string): APIInteractionResponse => ({ type: 4, data: { content, flags: 64, allowed_mentions: { parse: [] } } });

export function createHttpResponder(dispatcher: Dispatcher, throttle?: Throttle) {
  return (received: APIInteraction): APIInteractionResponse | Buffer => {
    const interaction = received as unknown as Json;
    const user = userOf(interaction);
    const data = isObject(interaction['data']) ? interaction['data'] : {};
    const slowDown = (): APIInteractionResponse | null => {
      const verdict = throttle?.(user.id);
      return verdict && !verdict.ok ? EPHEMERAL_NOTICE(`Slow down a little: try again in ${verdict.retryAfterSeconds} s.`) : null;
    };
    switch (interaction['type']) {
      case 1:
        return { type: 1 };
      case 2: {
        const name = typeof data['name'] === 'string' ? data['name'] : '';
        // The body as bytes from the dispatcher: a remembered answer is reused, not rebuilt.
        return slowDown() ?? dispatcher.commandResponse(name, { options: flattenOptions(data['options']), user }).body;
      }
      case 4: {
        const name = typeof data['name'] === 'string' ? data['name'] : '';
        const focused = findFocused(data['options']) ?? { name: '', value: '' };
        return dispatcher.autocompleteResponse(name, focused, { options: flattenOptions(data['options']), user });
      }
      case 3: {
        const customId = typeof data['custom_id'] === 'string' ? data['custom_id'] : '';
        const values = Array.isArray(data['values']) ? data['values'].filter((value): value is string => typeof value === 'string') : [];
        const throttled = slowDown();
        if (throttled) return throttled;
        const asker = messageAskerId(interaction);
        const result = dispatcher.component(customId, values, user, asker === undefined ? {} : { askerId: asker });
        return result.type === 'update' ? { type: 7, data: result.payload } : { type: 4, data: result.payload };
      }
      default:
        return EPHEMERAL_NOTICE("I can't handle that kind of interaction. Try /help.");
    }
  };
}

/** Each option that is a list of options (a subcommand), to at most MAX_OPTION_DEPTH levels. */
function eachOption(options: unknown, visit: (option: Json) => boolean, depth = 1): boolean {
  if (!Array.isArray(options) || depth > MAX_OPTION_DEPTH) return false;
  for (const option of options as unknown[]) {
    if (!isObject(option)) continue;
    if (visit(option)) return true;
    if (eachOption(option['options'], visit, depth + 1)) return true;
  }
  return false;
}

export function flattenOptions(options: unknown): Record<string, OptionValue> {
  const out: Record<string, OptionValue> = {};
  eachOption(options, (option) => {
    const value = option['value'];
    if (option['options'] === undefined && typeof option['name'] === 'string' && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) {
      out[option['name']] = value;
    }
    return false;
  });
  return out;
}

function findFocused(options: unknown): { name: string; value: string } | undefined {
  let found: { name: string; value: string } | undefined;
  eachOption(options, (option) => {
    if (option['focused'] !== true) return false;
    found = { name: typeof option['name'] === 'string' ? option['name'] : '', value: String(option['value'] ?? '') };
    return true;
  });
  return found;
}
