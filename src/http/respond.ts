// Interactions received over HTTP, answered inline with the same dispatcher as
// the gateway: commands (type 4), autocomplete (type 8), component presses
// (type 7 update, or type 4 for a new message such as "Share in channel", or
// type 9, a form such as the Report button's), and form submits (type 4).
// The server has already checked each interaction's shape (./shape.ts).
import { InteractionResponseType, InteractionType, type APIInteraction, type APIInteractionResponse } from 'discord-api-types/v10';
import { choicesCallback, componentCallback, inlineFiles, replyCallback } from '../bot/callback.js';
import { slowDownMessage, type Throttle } from '../bot/cooldown.js';
import type { Dispatcher } from '../bot/dispatch.js';
import {
  findAttachments,
  findFocused,
  findSubcommand,
  flattenOptions,
  isObject,
  modalFields,
  type Json,
} from '../bot/interaction-options.js';
import type { CommandInput } from '../bot/types.js';
import { decodeCustomId, isSnowflake } from '../replies/index.js';
import { invoker, messageAskerId } from './shape.js';

export function createHttpResponder(dispatcher: Dispatcher, throttle?: Throttle) {
  const waits = (name: string | undefined, kind: 'run' | 'press') =>
    dispatcher.commands.some((module) => module.definition.name === name && module[kind] !== undefined);
  return (received: APIInteraction): APIInteractionResponse | Promise<APIInteractionResponse> => {
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
        const input: CommandInput = { options: flattenOptions(data['options']), user, ...where(interaction, data) };
        const throttled = slowDown();
        if (throttled) return throttled;
        // A command that reads or writes the store (/portfolio) is answered once it is done.
        // Its files (an export) are shown inline: this answer is JSON (see inlineFiles).
        if (waits(name, 'run')) return dispatcher.commandAsync(name, input).then((payload) => replyCallback(inlineFiles(payload)));
        return replyCallback(dispatcher.command(name, input));
      }
      case InteractionType.ApplicationCommandAutocomplete:
        return choicesCallback(
          dispatcher.autocomplete(name, findFocused(data['options']), {
            options: flattenOptions(data['options']),
            user,
            ...where(interaction, data),
          }),
        );
      case InteractionType.MessageComponent: {
        const customId = typeof data['custom_id'] === 'string' ? data['custom_id'] : '';
        const values = Array.isArray(data['values']) ? data['values'].filter((value): value is string => typeof value === 'string') : [];
        const asker = messageAskerId(interaction);
        const origin = { ...(asker === undefined ? {} : { askerId: asker }), guildId: where(interaction, data).guildId };
        const throttled = slowDown();
        if (throttled) return throttled;
        if (waits(decodeCustomId(customId)?.command, 'press')) {
          return dispatcher.componentAsync(customId, values, user, origin).then(componentCallback);
        }
        return componentCallback(dispatcher.component(customId, values, user, origin));
      }
      case InteractionType.ModalSubmit: {
        const customId = typeof data['custom_id'] === 'string' ? data['custom_id'] : '';
        const throttled = slowDown();
        if (throttled) return throttled;
        const origin = { guildId: where(interaction, data).guildId };
        return dispatcher.modalAsync(customId, modalFields(data['components']), user, origin).then(replyCallback);
      }
      default:
        return replyCallback(dispatcher.notice("I can't handle that kind of interaction. Try /help."));
    }
  };
}

/** Where the interaction happened and what came with it: the server, the member's permissions, the subcommand, attachments. */
function where(interaction: Json, data: Json): Pick<CommandInput, 'guildId' | 'memberPermissions' | 'subcommand' | 'attachments'> {
  const guildId = interaction['guild_id'];
  const member = interaction['member'];
  const permissions = isObject(member) ? member['permissions'] : undefined;
  const subcommand = findSubcommand(data['options']);
  const attachments = findAttachments(data['options'], data['resolved']);
  return {
    ...(isSnowflake(guildId) ? { guildId } : {}),
    ...(typeof permissions === 'string' ? { memberPermissions: permissions } : {}),
    ...(subcommand !== undefined ? { subcommand } : {}),
    ...(Object.keys(attachments).length > 0 ? { attachments } : {}),
  };
}
