// How the dispatcher's answers become Discord interaction callbacks, for the two
// transports that send them: the gateway (src/discord/client.ts) posts them, the
// HTTP endpoint (src/http/respond.ts) answers its request with them.
import { InteractionResponseType, type APIInteractionResponse } from 'discord-api-types/v10';
import type { AutocompleteChoice, ReplyPayload } from '../replies/index.js';
import type { ComponentResult } from './types.js';

/** A new message answering the interaction. */
export function replyCallback(data: ReplyPayload): APIInteractionResponse {
  return { type: InteractionResponseType.ChannelMessageWithSource, data };
}

/** A button or menu press: its message edited, or a new message. */
export function componentCallback(result: ComponentResult): APIInteractionResponse {
  return result.type === 'update' ? { type: InteractionResponseType.UpdateMessage, data: result.payload } : replyCallback(result.payload);
}

export function choicesCallback(choices: AutocompleteChoice[]): APIInteractionResponse {
  return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } };
}
