// The shape every reply takes on its way to Discord: plain JSON, no discord.js
// objects, so that the gateway, the HTTP endpoint and the terminal can all send it.
import type {
  APIActionRowComponent,
  APIAllowedMentions,
  APIComponentInMessageActionRow,
  APIEmbed,
  APIInteractionResponseCallbackData,
  MessageFlags,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';

/**
 * Where a reply is read. Replies mention only what works there: DMs, mentions,
 * private answers and their Share button are Discord's; in a terminal, any line
 * is a question and every answer is private.
 */
export type Surface = 'discord' | 'terminal';

/** A slash command as Discord registers it: what /help lists. */
export type CommandDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody;

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
