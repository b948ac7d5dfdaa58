// The shape every reply takes on its way to Discord: plain JSON, no discord.js
// objects, so that the gateway, the HTTP endpoint and the terminal can all send it.
import type {
  APIActionRowComponent,
  APIAllowedMentions,
  APIComponentInMessageActionRow,
  APIEmbed,
  APIInteractionResponseCallbackData,
  MessageFlags,
} from 'discord-api-types/v10';

/** One action row of buttons, or of a single select menu. */
export type ReplyRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/**
 * A message payload as command handlers build it. A subset of Discord's
 * interaction callback data; `fitReply` turns any value of this type (or any
 * garbage claiming to be one) into a payload Discord accepts.
 */
export interface ReplyPayload {
  content?: string;
  embeds?: APIEmbed[];
  components?: ReplyRow[];
  /** Message flags; `fitReply` keeps only the ones a reply may carry (ephemeral, suppress embeds, silent). */
  flags?: MessageFlags;
  allowed_mentions?: APIAllowedMentions;
}

/** An autocomplete suggestion for a string option. */
export interface AutocompleteChoice {
  name: string;
  value: string;
}

// A reply must be sendable as interaction callback data without conversion.
type Assignable<T extends U, U> = T;
export type _ReplyPayloadIsCallbackData = Assignable<ReplyPayload, APIInteractionResponseCallbackData>;
