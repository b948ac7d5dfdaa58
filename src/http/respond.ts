// Interactions received over HTTP, answered inline with the same dispatcher as
// the gateway: commands (type 4), autocomplete (type 8), component presses
// (type 7 update, or type 4 for a new message such as "Share in channel", or
// type 9, a form such as the Report button's), and form submits (type 4).
// The server has already checked each interaction's shape (./shape.ts).
import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type APIInteraction,
  type APIInteractionResponse,
} from 'discord-api-types/v10';
import { choicesCallback, componentCallback, DEFER_AFTER_MS, inlineFiles, replyCallback } from '../bot/callback.js';
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
import type { ReplyPayload } from '../replies/index.js';
import { decodeCustomId, isSnowflake } from '../replies/index.js';
import { invoker, messageAskerId } from './shape.js';

/**
 * Replaces a deferred answer's message (PATCH …/webhooks/{application}/{token}/messages/@original).
 * Without it, a slow command is answered inline whenever it is done, which Discord may
 * no longer accept.
 */
export type EditOriginal = (applicationId: string, token: string, payload: ReplyPayload) => Promise<void>;

export interface HttpResponderOptions {
  throttle?: Throttle | undefined;
  editOriginal?: EditOriginal | undefined;
  /** How long a waiting command may take before it is deferred (DEFER_AFTER_MS). */
  deferAfterMs?: number;
}

export function createHttpResponder(dispatcher: Dispatcher, options: HttpResponderOptions = {}) {
  const { throttle, editOriginal } = options;
  const deferAfterMs = options.deferAfterMs ?? DEFER_AFTER_MS;
  const waits = (name: string | undefined, kind: 'run' | 'press') =>
    dispatcher.commands.some((module) => module.definition.name === name && module[kind] !== undefined);
  return (received: APIInteraction): APIInteractionResponse | Promise<APIInteractionResponse> => {
    const interaction = received as unknown as Json;
    const user = invoker(interaction);
    const data = isObject(interaction['data']) ? interaction['data'] : {};
    const name = typeof data['name'] === 'string' ? data['name'] : '';
    // In a server the interaction carries the member as it shows them now: their portfolio follows a new name.
    const guildId = interaction['guild_id'];
    if (typeof guildId === 'string' && isObject(interaction['member']) && interaction['type'] !== InteractionType.Ping) {
      dispatcher.memberSeen(guildId, user);
    }
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
        if (waits(name, 'run')) {
          const work = dispatcher.commandAsync(name, input).then(inlineFiles);
          const applicationId = interaction['application_id'];
          const token = interaction['token'];
          if (!editOriginal || typeof applicationId !== 'string' || typeof token !== 'string') return work.then(replyCallback);
          return answerInTime(work, deferAfterMs, (payload) => editOriginal(applicationId, token, payload));
        }
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

/**
 * The answer, when it is ready within `deferAfterMs`; else a private deferral at once,
 * and the answer as an edit of it when ready (a url: submit may take the fetch's
 * seconds, and Discord refuses a first answer after 3 s).
 */
async function answerInTime(
  work: Promise<ReplyPayload>,
  deferAfterMs: number,
  edit: (payload: ReplyPayload) => Promise<void>,
): Promise<APIInteractionResponse> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), deferAfterMs)));
  const first = await Promise.race([work, late]);
  clearTimeout(timer);
  if (first !== 'late') return replyCallback(first);
  // An edit cannot change a message's flags: the deferral makes it private.
  void work.then(({ flags: _flags, ...payload }) => edit(payload)).catch(() => undefined);
  return { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } };
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
