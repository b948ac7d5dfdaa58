// Interactions received over HTTP, answered inline with the same dispatcher as
// the gateway: commands (type 4), autocomplete (type 8), component presses
// (type 7 update, or type 4 for a new message such as "Share in channel").
// The server has already checked each interaction's shape (./shape.ts).
import { InteractionResponseType, InteractionType, type APIInteraction, type APIInteractionResponse } from 'discord-api-types/v10';
import { choicesCallback, componentCallback, replyCallback } from '../bot/callback.js';
import { slowDownMessage, type Throttle } from '../bot/cooldown.js';
import type { Dispatcher } from '../bot/dispatch.js';
import { findFocused, flattenOptions, isObject, type Json } from '../bot/interaction-options.js';
import { invoker, messageAskerId } from './shape.js';

export function createHttpResponder(dispatcher: Dispatcher, throttle?: Throttle) {
  return (received: APIInteraction): APIInteractionResponse => {
    const interaction = received as unknown as Json;
    const user = invoker(interaction);
    const data = isObject(interaction['data']) ? interaction['data'] : {};
    const name = typeof data['name'] === 'string' ? data['name'] : '';
    const slowDown = () => {
      const message = slowDownMessage(throttle, user.id);
      return message === undefined ? undefined : replyCallback(dispatcher.notice(message));
    };
    switch (interaction['type']) {
      case InteractionType.Ping:
        return { type: InteractionResponseType.Pong };
      case InteractionType.ApplicationCommand: {
        // For the insights record only (never the user): the server it was asked in.
        const guildId = typeof interaction['guild_id'] === 'string' ? interaction['guild_id'] : undefined;
        return slowDown() ?? replyCallback(dispatcher.command(name, { options: flattenOptions(data['options']), user, guildId }));
      }
      case InteractionType.ApplicationCommandAutocomplete:
        return choicesCallback(
          dispatcher.autocomplete(name, findFocused(data['options']), { options: flattenOptions(data['options']), user }),
        );
      case InteractionType.MessageComponent: {
        const customId = typeof data['custom_id'] === 'string' ? data['custom_id'] : '';
        const values = Array.isArray(data['values']) ? data['values'].filter((value): value is string => typeof value === 'string') : [];
        const asker = messageAskerId(interaction);
        return slowDown() ?? componentCallback(dispatcher.component(customId, values, user, asker === undefined ? {} : { askerId: asker }));
      }
      default:
        return replyCallback(dispatcher.notice("I can't handle that kind of interaction. Try /help."));
    }
  };
}
