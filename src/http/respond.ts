// Interactions received over HTTP, answered inline with the same dispatcher as
// the gateway: commands (type 4), autocomplete (type 8), component presses
// (type 7 update, or type 4 for a new message such as "Share in channel").
import type { APIInteraction, APIInteractionResponse, APIApplicationCommandInteractionDataOption } from 'discord-api-types/v10';
import type { Dispatcher } from '../bot/dispatch.js';
import type { Invoker, OptionValue } from '../bot/types.js';

export type Throttle = (userId: string) => { ok: true } | { ok: false; retryAfterSeconds: number };

export function createHttpResponder(dispatcher: Dispatcher, throttle?: Throttle) {
  return (interaction: APIInteraction): APIInteractionResponse | Buffer => {
    const raw = interaction.member?.user ?? interaction.user;
    const user: Invoker = { id: raw?.id ?? '0', name: raw?.username };
    const slowDown = (): APIInteractionResponse | null => {
      const verdict = throttle?.(user.id);
      return verdict && !verdict.ok
        ? { type: 4, data: { content: `Slow down a little: try again in ${verdict.retryAfterSeconds} s.`, flags: 64, allowed_mentions: { parse: [] } } }
        : null;
    };
    switch (interaction.type) {
      case 1:
        return { type: 1 };
      case 2: {
        const data = interaction.data as { name: string; options?: APIApplicationCommandInteractionDataOption[] };
        // The body as bytes from the dispatcher: a remembered answer is reused, not rebuilt.
        return slowDown() ?? dispatcher.commandResponse(data.name, { options: flattenOptions(data.options), user }).body;
      }
      case 4: {
        const data = interaction.data as { name: string; options?: APIApplicationCommandInteractionDataOption[] };
        const focused = findFocused(data.options) ?? { name: '', value: '' };
        return dispatcher.autocompleteResponse(data.name, focused, { options: flattenOptions(data.options), user });
      }
      case 3: {
        const data = interaction.data as { custom_id: string; values?: string[] };
        const throttled = slowDown();
        if (throttled) return throttled;
        const result = dispatcher.component(data.custom_id, data.values ?? [], user);
        return result.type === 'update' ? { type: 7, data: result.payload } : { type: 4, data: result.payload };
      }
      default:
        return { type: 4, data: { content: "I can't handle that kind of interaction. Try /help.", flags: 64, allowed_mentions: { parse: [] } } };
    }
  };
}

type RawOption = { name: string; type: number; value?: unknown; focused?: boolean; options?: RawOption[] };

export function flattenOptions(options: readonly APIApplicationCommandInteractionDataOption[] | undefined): Record<string, OptionValue> {
  const out: Record<string, OptionValue> = {};
  const visit = (list: readonly RawOption[]) => {
    for (const option of list) {
      if (option.options) visit(option.options);
      else if (typeof option.value === 'string' || typeof option.value === 'number' || typeof option.value === 'boolean') out[option.name] = option.value;
    }
  };
  visit((options ?? []) as readonly RawOption[]);
  return out;
}

function findFocused(options: readonly APIApplicationCommandInteractionDataOption[] | undefined): { name: string; value: string } | undefined {
  const visit = (list: readonly RawOption[]): { name: string; value: string } | undefined => {
    for (const option of list) {
      if (option.focused) return { name: option.name, value: String(option.value ?? '') };
      const inner = option.options ? visit(option.options) : undefined;
      if (inner) return inner;
    }
    return undefined;
  };
  return visit((options ?? []) as readonly RawOption[]);
}
