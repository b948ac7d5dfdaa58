// The shape every reply takes on its way to Discord: plain JSON, no discord.js
// objects, so that the gateway, the HTTP endpoint and the terminal can all send it.
// Only what some card or handler builds is here: Discord allows much more (premium
// buttons, user and role menus, timestamps, icons), which the bot never sends and
// `fitReply` drops.
import type {
  APIInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
  MessageFlags,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  TextInputStyle,
} from 'discord-api-types/v10';

/**
 * Where a reply is read. Replies mention only what works there: DMs, mentions,
 * private answers and their Share button are Discord's; in a terminal, any line
 * is a question and every answer is private.
 */
export type Surface = 'discord' | 'terminal';

/** A slash command as Discord registers it: what /help lists. */
export type CommandDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody;

export interface ReplyField {
  name: string;
  value: string;
  inline?: boolean;
}

/** An embed as cards build them. */
export interface ReplyEmbed {
  title?: string;
  description?: string;
  /** Where the title links to (http or https). */
  url?: string;
  color?: number;
  author?: { name: string; url?: string };
  footer?: { text: string };
  fields?: ReplyField[];
  image?: { url: string };
  thumbnail?: { url: string };
}

/** A Unicode emoji beside a label. */
export interface ReplyEmoji {
  name: string;
}

/** A button opening a web page. */
export interface LinkButton {
  type: ComponentType.Button;
  style: ButtonStyle.Link;
  label?: string;
  emoji?: ReplyEmoji;
  url: string;
}

/** A grey button whose press comes back to the bot with its custom_id (see custom-id.ts). */
export interface ActionButton {
  type: ComponentType.Button;
  style: ButtonStyle.Secondary;
  label?: string;
  emoji?: ReplyEmoji;
  custom_id: string;
  disabled?: boolean;
}

export interface MenuOption {
  label: string;
  value: string;
  description?: string;
  emoji?: ReplyEmoji;
}

/** A menu of one choice among its options. */
export interface ReplyMenu {
  type: ComponentType.StringSelect;
  custom_id: string;
  placeholder?: string;
  options: MenuOption[];
}

/** One action row: up to five buttons, or one menu alone (`fitReply` lays them out so). */
export interface ReplyRow {
  type: ComponentType.ActionRow;
  components: (LinkButton | ActionButton | ReplyMenu)[];
}

/**
 * A file sent with a private reply (a member's export of their own document):
 * UTF-8 text, which the gateway attaches as `files[n]`. The file name carries
 * the extension Discord shows and the transport derives a content type from.
 */
export interface ReplyFile {
  name: string;
  text: string;
}

/**
 * A message payload as command handlers build it. `fitReply` turns any value
 * of this type (or any garbage claiming to be one) into one Discord accepts.
 */
export interface ReplyPayload {
  content?: string;
  embeds?: ReplyEmbed[];
  components?: ReplyRow[];
  /** Ephemeral (64) is the only flag a reply carries. */
  flags?: MessageFlags.Ephemeral;
  /** Always `{ parse: [] }` once fitted: nobody is pinged. */
  allowed_mentions?: { parse: [] };
  /** Files to attach; only on a private reply (see `fitReply`). Never sent as JSON: transports take them out. */
  files?: ReplyFile[];
}

/** An autocomplete suggestion for a string option. */
export interface AutocompleteChoice {
  name: string;
  value: string;
}

// A reply must be sendable as interaction callback data without conversion.
type Assignable<T extends U, U> = T;
export type _ReplyPayloadIsCallbackData = Assignable<ReplyPayload, APIInteractionResponseCallbackData>;

/** A form Discord shows over the client (interaction response type 9): short text inputs, submitted back as a modal submit. */
export interface ModalForm {
  /** Encoded like a component's (src/replies/custom-id.ts): the submit goes to that command's `submit`. */
  custom_id: string;
  title: string;
  components: { type: ComponentType.ActionRow; components: [ModalTextInput] }[];
}

export interface ModalTextInput {
  type: ComponentType.TextInput;
  custom_id: string;
  style: TextInputStyle;
  label: string;
  min_length?: number;
  max_length?: number;
  required?: boolean;
  placeholder?: string;
}
