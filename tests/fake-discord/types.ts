// Public types of the fake Discord: options, inputs for playing users, and the records of what
// the bot did. Kept apart from the server so tests can import them cheaply.
import type { APIMessage, APIUser } from 'discord.js';
import type { AttachmentInput, SentFile } from './attachments.js';
import type { JsonObject } from './payloads.js';
import type { WaitOptions } from './waiting.js';

/** The body of `POST /interactions/{id}/{token}/callback`. */
export interface CallbackBody {
  type: number;
  data?: JsonObject;
  /** Files sent with it (multipart `files[n]`), with their bytes. */
  files?: SentFile[];
}

/** A request the fake refused the way Discord would; tests usually assert this list stays empty. */
export interface Rejection {
  /** Route pattern, e.g. `POST /interactions/:id/:token/callback`, or `gateway IDENTIFY`. */
  route: string;
  /** The concrete path (REST) or the route again (gateway). */
  path: string;
  /** HTTP status, or the gateway close code. */
  status: number;
  /** Discord's JSON error code (0 when there is none). */
  code: number;
  reason: string;
  /** The interaction the request was about, when known. */
  interactionId?: string;
}

/** A request for which the fake has no route (answered `404`). */
export interface UnhandledRequest {
  method: string;
  path: string;
}

/** Every REST request, in order: which routes discord.js hit and what it got. */
export interface RequestRecord {
  method: string;
  path: string;
  route: string;
  status: number;
  at: number;
}

/** A failure to answer instead of the real response (see {@link FakeDiscord.failNextCallbacks}). */
export interface InjectedFailure {
  status: number;
  /** Seconds, for a 429 (default 0.05); sent as `retry_after` and in the `retry-after` header. */
  retryAfter?: number;
  /** For a 429: a global rate limit (adds `x-ratelimit-global`). */
  global?: boolean;
  /** Discord error code for non-429 failures (default 0). */
  code?: number;
  message?: string;
}

/** A message the bot created with `POST /channels/{id}/messages`. */
export interface ChannelMessage {
  id: string;
  channelId: string;
  /** The JSON body the bot sent. */
  body: JsonObject;
  /** The message object the fake answered with. */
  message: APIMessage;
  fileCount: number;
  /** Files sent with it, with their bytes. */
  files: SentFile[];
}

/** A registered application command, as the fake stores and answers it. */
export interface StoredCommand extends JsonObject {
  id: string;
  application_id: string;
  version: string;
  type: number;
  name: string;
  guild_id?: string;
}

export interface FakeDiscordOptions {
  /** Bot token the client must log in with (default: a generated one, see {@link FakeDiscord.token}). */
  token?: string;
  /** Application id (default `1100000000000000001`). */
  applicationId?: string;
  /** Bot user id (default: the application id, as for every modern bot). */
  botUserId?: string;
  botUsername?: string;
  /** Guilds the bot is in; each gets one text channel. Default: one guild, "Fake Guild". */
  guilds?: { id: string; name: string }[];
  /** HELLO heartbeat interval in ms (default 41250, like Discord). */
  heartbeatInterval?: number;
  /** Refuse message payloads without `allowed_mentions: { parse: [] }` (default true). */
  requireNoMentions?: boolean;
  /** Time for the initial interaction response, from delivery (default 3000 ms; Infinity disables). */
  interactionResponseDeadlineMs?: number;
  /** Privileged intents enabled "in the developer portal" (default: all three). IDENTIFY asking for more is closed with 4014. */
  privilegedIntents?: number;
  /** Make `sendCommand` throw unless the command is registered where it is used (guild, or global in DMs). Default false. */
  requireRegisteredCommands?: boolean;
  /** Default timeout of every `waitFor…` helper (default 5000 ms). */
  defaultTimeoutMs?: number;
  /**
   * Gateway faults are applied no sooner than this after the latest READY/RESUMED (default 50 ms):
   * discord.js digests those asynchronously and crashes if its session is invalidated meanwhile.
   * Dispatches made in between are queued, as after the fault.
   */
  faultSettleMs?: number;
  /**
   * The shard count `GET /gateway/bot` recommends (default 1), with `max_concurrency` as large.
   * Sessions route by the count each IDENTIFY names, not by this.
   */
  shards?: number;
}

export interface FaultOptions extends WaitOptions {
  /** The shard whose connection the fault hits (default 0). */
  shard?: number;
}

/** Option values for an interaction: `{ query: 'x', limit: 3 }`, or raw API option objects. */
export type OptionInput = Record<string, string | number | boolean> | JsonObject[];

export interface InteractionTarget {
  /** The user who acts (default {@link FakeDiscord.defaultUser}). */
  user?: APIUser;
  /** `true` (default): the default guild; a guild id: that guild; `false`: the bot's DM with the user. */
  guild?: boolean | string;
  /** Override the channel (default: the guild's text channel, or the DM channel). */
  channelId?: string;
  /** Interaction locale (default `en-US`). */
  locale?: string;
}

export interface CommandInput extends InteractionTarget {
  name: string;
  options?: OptionInput;
  /** Wrap the options in this sub-command (and `group`, if given). */
  subcommand?: string;
  group?: string;
  /** Application command type (default 1, chat input). */
  type?: number;
  /** Raw `data.resolved`, for user/channel/role options. */
  resolved?: JsonObject;
  /**
   * Files for attachment options (type 11), by option name: each is uploaded to the fake's CDN
   * and sent as the option's id with its `data.resolved.attachments` entry.
   */
  attachments?: Record<string, AttachmentInput>;
}

export interface AutocompleteInput extends CommandInput {
  /** Name of the focused option when `options` is a record (default: the first). With raw options, set `focused: true` yourself. */
  focused?: string;
}

export interface ComponentInput extends InteractionTarget {
  customId: string;
  /**
   * The message the component is on: a message object or payload (e.g. a previous reply's data).
   * Default: a bot message holding just this component.
   */
  message?: JsonObject;
}

export interface ModalSubmitInput extends InteractionTarget {
  /** The modal's custom_id, as the bot's type 9 response gave it. */
  customId: string;
  fields: Record<string, string>;
}

export interface SelectInput extends ComponentInput {
  values: string[];
}

export interface UserMessageInput {
  content: string;
  user?: APIUser;
  embeds?: JsonObject[];
}

export interface GuildMessageInput extends UserMessageInput {
  /** Mention the bot (prefixes `<@botId>` unless the content has it already). Default: whether the content mentions it. */
  mentionBot?: boolean;
  /** Guild id (default: the default guild). */
  guildId?: string;
}

/** A message a fake user sent. */
export interface UserMessageHandle {
  id: string;
  channelId: string;
  /** The MESSAGE_CREATE `d` as built (before intent filtering). */
  message: JsonObject;
  /** The next message the bot posts in the same channel. */
  waitForReply(options?: WaitOptions): Promise<ChannelMessage>;
}
