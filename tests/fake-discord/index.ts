// A fake Discord for end-to-end tests: REST + gateway on 127.0.0.1 (random port) that the real
// discord.js Client logs into, strict about the things real Discord refuses (see DISCORD.md), and
// with helpers to play users (slash commands, autocomplete, buttons, selects, DMs, mentions) and
// to inject faults (gateway closes, op 7, op 9, failing callbacks).
//
//   const discord = await startFakeDiscord();
//   const client = new Client({ intents, partials, rest: { api: discord.apiUrl }, allowedMentions: { parse: [] } });
//   await client.login(discord.token);
//   const reply = await discord.sendCommand({ name: 'ping' }).finalMessage();
//   expect(discord.rejections).toEqual([]);
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ButtonStyle,
  ChannelType,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import type { APIMessage, APIUser } from 'discord.js';
import { ATTACHMENT_SIZE_LIMIT, AttachmentStore, type SentFile } from './attachments.js';
import { FakeGateway, Intent, PRIVILEGED_INTENTS, shardOf, type DeliveryFilter, type SessionOutcome } from './gateway.js';
import { parseBody, readRaw, sendJson, type ReceivedFile } from './http.js';
import { checkAutocompleteChoices, checkCommandPayload, checkMessagePayload } from './limits.js';
import {
  BOT_PERMISSIONS,
  applyEdit,
  buildDmChannel,
  buildGuild,
  buildGuildCreate,
  buildMember,
  buildMessage,
  buildTextChannel,
  buildUser,
  interactionToken,
  snowflake,
  type FakeGuild,
  type JsonObject,
} from './payloads.js';
import { CommandStore, FakeInteraction } from './records.js';
import type {
  AutocompleteInput,
  CallbackBody,
  ChannelMessage,
  CommandInput,
  ComponentInput,
  FakeDiscordOptions,
  FaultOptions,
  GuildMessageInput,
  InjectedFailure,
  InteractionTarget,
  Rejection,
  RequestRecord,
  ModalSubmitInput,
  SelectInput,
  StoredCommand,
  UnhandledRequest,
  UserMessageHandle,
  UserMessageInput,
} from './types.js';
import { ChangeFeed, lazy, type WaitOptions } from './waiting.js';

export {
  LIMITS,
  checkAutocompleteChoices,
  checkCommandPayload,
  checkComponents,
  checkEmbed,
  checkMessagePayload,
  checkReply,
  embedTextLength,
  type MessageCheckOptions,
  type ReplyCheckOptions,
} from './limits.js';
export { Intent, MAX_GUILDS_PER_SHARD, shardOf, type SessionOutcome } from './gateway.js';
export { ATTACHMENT_SIZE_LIMIT, MAX_FILES, type AttachmentFetch, type AttachmentInput, type SentFile } from './attachments.js';
export { refusedAddress, startMuteGateway, startSilentServer, type DeadEnd } from './dead-ends.js';
export { manyGuilds, type FakeGuild } from './payloads.js';
export type { WaitOptions } from './waiting.js';

export type { JsonObject } from './payloads.js';
export { CommandStore, FakeInteraction } from './records.js';
export type * from './types.js';

const CALLBACK_ROUTE = 'POST /interactions/:id/:token/callback';

/** Every permission bit; what the server's owner and an Administrator have. */
const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);
/** What a member with no role has: the @everyone role's permissions (see buildGuild). */
const EVERYONE_PERMISSIONS = BigInt(BOT_PERMISSIONS);

/** Interaction callback types each interaction type accepts. */
const MESSAGE = InteractionResponseType.ChannelMessageWithSource;
const DEFERRED = InteractionResponseType.DeferredChannelMessageWithSource;
const DEFERRED_UPDATE = InteractionResponseType.DeferredMessageUpdate;
const UPDATE = InteractionResponseType.UpdateMessage;
const ALLOWED_CALLBACKS: Record<number, readonly number[]> = {
  [InteractionType.ApplicationCommand]: [MESSAGE, DEFERRED, InteractionResponseType.Modal, InteractionResponseType.LaunchActivity],
  [InteractionType.MessageComponent]: [MESSAGE, DEFERRED, DEFERRED_UPDATE, UPDATE, InteractionResponseType.Modal],
  [InteractionType.ApplicationCommandAutocomplete]: [InteractionResponseType.ApplicationCommandAutocompleteResult],
  [InteractionType.ModalSubmit]: [MESSAGE, DEFERRED, DEFERRED_UPDATE, UPDATE],
};

interface RouteContext {
  method: string;
  path: string;
  route: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  fileCount: number;
  files: ReceivedFile[];
}

interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Route {
  method: string;
  segments: string[];
  key: string;
  auth: boolean;
  handle: (ctx: RouteContext) => RouteResult;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Starts a fake Discord on 127.0.0.1 (random port). Close it with {@link FakeDiscord.close}. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const discord = new FakeDiscord(options);
  await discord.listen();
  return discord;
}

export class FakeDiscord {
  /** REST base for `new Client({ rest: { api } })`, e.g. `http://127.0.0.1:PORT/api`. */
  apiUrl = '';
  /** The gateway url `GET /gateway/bot` answers, e.g. `ws://127.0.0.1:PORT`. */
  gatewayUrl = '';
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: APIUser;
  /** Guilds the bot is in, each with its text channel. */
  readonly guilds: FakeGuild[];
  /** The user that interactions and messages come from unless a test passes another. */
  readonly defaultUser: APIUser;
  /**
   * Who owns the application (GET /applications/@me): `defaultUser` unless a test sets a
   * team here, as Discord describes one: each member with their membership state (1 invited,
   * 2 accepted) and role, the owner a team pseudo-user.
   */
  applicationTeam: { id: string; ownerUserId: string; members: { user: APIUser; accepted: boolean }[] } | null = null;
  /** Registered application commands. */
  readonly commands = new CommandStore();
  /** Requests refused the way Discord would refuse them; a well-behaved bot leaves this empty. */
  readonly rejections: Rejection[] = [];
  /** Requests no route matched (answered 404). */
  readonly unhandled: UnhandledRequest[] = [];
  /** Every REST request, in order. */
  readonly requests: RequestRecord[] = [];
  /** Failures answered instead of real responses (from {@link failNextCallbacks}/{@link failNextRequests}). */
  readonly injected: { route: string; path: string; status: number }[] = [];
  /** Messages the bot created in channels (`POST /channels/{id}/messages`), in order. */
  readonly channelMessages: ChannelMessage[] = [];
  /** Every interaction dispatched, in order. */
  readonly interactions: FakeInteraction[] = [];
  /** Users' uploads (attachment options) and the bot's files, served at signed CDN-like urls on loopback; `fetches` lists each GET. */
  readonly attachments = new AttachmentStore();

  readonly #options: Required<
    Pick<FakeDiscordOptions, 'requireNoMentions' | 'interactionResponseDeadlineMs' | 'requireRegisteredCommands' | 'shards'>
  >;
  readonly #guildsById: Map<string, FakeGuild>;
  readonly #feed: ChangeFeed;
  readonly #gateway: FakeGateway;
  readonly #server = createServer((request, response) => void this.#onRequest(request, response));
  readonly #routes: Route[];
  readonly #users = new Map<string, APIUser>();
  readonly #dmChannels = new Map<string, string>(); // user id -> channel id
  readonly #dmRecipients = new Map<string, string>(); // channel id -> user id
  readonly #messages = new Map<string, APIMessage>();
  readonly #interactionsById = new Map<string, FakeInteraction>();
  readonly #interactionsByToken = new Map<string, FakeInteraction>();
  readonly #failures: { route: string; failure: InjectedFailure }[] = [];
  readonly #channelCursor = new Map<string, number>();
  readonly #commandIds = new Map<string, string>();
  readonly #memberPermissions = new Map<string, bigint>(); // `${guild}:${user}` -> bits
  readonly #nicknames = new Map<string, string>(); // `${guild}:${user}` -> the member's server nickname
  readonly #commandOverrides = new Set<string>(); // `${guild}:${command}:${user}`
  #nextUserId: bigint;

  /** Use {@link startFakeDiscord}; the constructor does not listen yet. */
  constructor(options: FakeDiscordOptions = {}) {
    this.applicationId = options.applicationId ?? '1100000000000000001';
    const botUserId = options.botUserId ?? this.applicationId;
    this.token = options.token ?? `${Buffer.from(botUserId).toString('base64url')}.ZmFrZQ.fake-discord-token-for-tests`;
    this.botUser = { ...buildUser(botUserId, options.botUsername ?? 'portfolio-bot', true), verified: true, mfa_enabled: false };
    const joinedAt = new Date().toISOString();
    this.guilds = (options.guilds ?? [{ id: '1200000000000000001', name: 'Fake Guild' }]).map((guild) => ({
      id: guild.id,
      name: guild.name,
      channelId: snowflake(),
      joinedAt,
    }));
    if (this.guilds.length === 0) throw new Error('startFakeDiscord: at least one guild is needed');
    this.#guildsById = new Map(this.guilds.map((guild) => [guild.id, guild]));
    const shards = options.shards ?? 1;
    if (!Number.isInteger(shards) || shards < 1) throw new Error(`startFakeDiscord: shards must be a whole number ≥ 1, got ${shards}`);
    this.#nextUserId = 1_300_000_000_000_000_001n;
    this.defaultUser = this.user();
    this.#options = {
      requireNoMentions: options.requireNoMentions ?? true,
      interactionResponseDeadlineMs: options.interactionResponseDeadlineMs ?? 3000,
      requireRegisteredCommands: options.requireRegisteredCommands ?? false,
      shards,
    };
    this.#feed = new ChangeFeed(options.defaultTimeoutMs ?? 5000);
    this.#gateway = new FakeGateway({
      token: this.token,
      heartbeatInterval: options.heartbeatInterval ?? 41_250,
      faultSettleMs: options.faultSettleMs ?? 50,
      privilegedIntents: options.privilegedIntents ?? PRIVILEGED_INTENTS,
      readyBase: () => ({ user: this.botUser, application: { id: this.applicationId, flags: 0 } }),
      shardGuilds: ([id, count]) => {
        const owned = this.guilds.filter((guild) => shardOf(guild.id, count) === id);
        return {
          ids: owned.map((guild) => guild.id),
          creates: () => owned.map((guild) => buildGuildCreate(guild, this.botUser, this.defaultUser.id)),
        };
      },
      onChange: () => this.#feed.notify(),
      onRejection: (rejection) => this.#record({ ...rejection, path: rejection.route, code: 0 }),
    });
    this.#server.on('upgrade', (request, socket, head) => this.#gateway.handleUpgrade(request, socket, head));
    this.#routes = this.#buildRoutes();
  }

  /** @internal Binds the server; called by {@link startFakeDiscord}. */
  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.#server.address() as AddressInfo;
    this.apiUrl = `http://127.0.0.1:${port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}`;
    this.attachments.origin = `http://127.0.0.1:${port}`;
    this.#gateway.url = this.gatewayUrl;
  }

  /** Stops the server, drops every connection and rejects pending waits. */
  async close(): Promise<void> {
    this.#feed.close();
    await this.#gateway.close();
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  // ---------------------------------------------------------------- identity and gateway state

  /** Every route the fake answers, as `METHOD /pattern` (the keys of {@link requests}, {@link rejections} and {@link failNextRequests}). */
  get routeKeys(): string[] {
    return this.#routes.map((route) => route.key);
  }

  /** The default guild's id. */
  get guildId(): string {
    return this.#defaultGuild().id;
  }

  /** The default guild's text channel id. */
  get channelId(): string {
    return this.#defaultGuild().channelId;
  }

  /** Successful IDENTIFYs (fresh sessions). */
  get identifyCount(): number {
    return this.#gateway.identifyCount;
  }

  /** Successful RESUMEs. */
  get resumeCount(): number {
    return this.#gateway.resumeCount;
  }

  /** Heartbeats (op 1) received and acknowledged. */
  get heartbeatCount(): number {
    return this.#gateway.heartbeatCount;
  }

  /** Intents of the latest IDENTIFY; null before any. */
  get intents(): number | null {
    return this.#gateway.intents;
  }

  /** Whether shard 0's gateway session is live right now (dispatches are delivered, not queued). */
  get connected(): boolean {
    return this.#gateway.connected();
  }

  /** The shard count `GET /gateway/bot` recommends (the `shards` option). */
  get recommendedShards(): number {
    return this.#options.shards;
  }

  /** The `shard: [id, count]` of every successful IDENTIFY, in order. */
  get identifiedShards(): readonly [number, number][] {
    return this.#gateway.identified;
  }

  /** Ids of the shards with a live session right now. */
  get liveShards(): number[] {
    return this.#gateway.liveShards;
  }

  /** Dispatches the client's intents kept from it (e.g. a DM without the DirectMessages intent). */
  get filteredDispatches(): readonly { t: string; intents: number }[] {
    return this.#gateway.filtered;
  }

  /**
   * A user: the one with this id (created on first use), or a fresh distinct user when no id is
   * given; `username` names a new one (default `testerN`).
   */
  user(id?: string, username?: string): APIUser {
    const userId = id ?? (this.#nextUserId++).toString();
    let user = this.#users.get(userId);
    if (!user) {
      user = buildUser(userId, username ?? `tester${this.#users.size + 1}`);
      this.#users.set(userId, user);
    }
    return user;
  }

  /**
   * Sets a member's permissions in a guild: what interactions carry as `member.permissions` (the
   * member's computed permissions there). Default: the @everyone role's, except for the guild's
   * owner ({@link defaultUser}), who has every permission, as an Administrator does.
   */
  setMemberPermissions(user: APIUser | string, permissions: bigint | string, guildId: string = this.guildId): void {
    this.#guild(guildId);
    this.#memberPermissions.set(`${guildId}:${typeof user === 'string' ? user : user.id}`, BigInt(permissions));
  }

  /**
   * Gives a member a server nickname (`member.nick` in that guild's interactions, messages and member
   * objects), or takes it away with null. Default: none, as for a member who never set one.
   */
  setNickname(user: APIUser | string, nick: string | null, guildId: string = this.guildId): void {
    this.#guild(guildId);
    const key = `${guildId}:${typeof user === 'string' ? user : user.id}`;
    if (nick === null) this.#nicknames.delete(key);
    else this.#nicknames.set(key, nick);
  }

  /** A member's server nickname in a guild, or null. */
  nickname(user: APIUser | string, guildId: string = this.guildId): string | null {
    return this.#nicknames.get(`${guildId}:${typeof user === 'string' ? user : user.id}`) ?? null;
  }

  /** Sets a user's global display name (`global_name`; null: none, so Discord shows the username). */
  setGlobalName(user: APIUser | string, globalName: string | null): void {
    const found = this.user(typeof user === 'string' ? user : user.id);
    found.global_name = globalName;
  }

  /** A member's computed permissions in a guild, as the decimal string interactions carry. */
  memberPermissions(user: APIUser | string, guildId: string = this.guildId): string {
    const userId = typeof user === 'string' ? user : user.id;
    const set = this.#memberPermissions.get(`${guildId}:${userId}`);
    const bits = set ?? (userId === this.defaultUser.id ? ALL_PERMISSIONS : EVERYONE_PERMISSIONS);
    return ((bits & PermissionFlagsBits.Administrator) !== 0n ? ALL_PERMISSIONS : bits).toString();
  }

  /**
   * An application command permission override, as a server admin sets one in the server's
   * Integrations settings: `user` may run `/name` there whatever its `default_member_permissions`
   * says. Without one, {@link sendCommand} refuses to play a member who could not see the command.
   */
  allowCommand(name: string, user: APIUser | string, guildId: string = this.guildId): void {
    this.#commandOverrides.add(`${guildId}:${name}:${typeof user === 'string' ? user : user.id}`);
  }

  /** Resolves once `count` IDENTIFYs have succeeded (READY and GUILD_CREATEs sent). */
  waitForIdentify(count = 1, options?: WaitOptions): Promise<number> {
    return this.#feed.waitFor(
      () => (this.#gateway.identifyCount >= count ? this.#gateway.identifyCount : undefined),
      `${count} IDENTIFY`,
      options,
    );
  }

  /** Same as {@link waitForIdentify}: READY is sent as soon as IDENTIFY is accepted. The client is ready after its `clientReady` event. */
  waitForReady(count = 1, options?: WaitOptions): Promise<number> {
    return this.waitForIdentify(count, options);
  }

  /** Resolves once `count` RESUMEs have succeeded. */
  waitForResume(count = 1, options?: WaitOptions): Promise<number> {
    return this.#feed.waitFor(
      () => (this.#gateway.resumeCount >= count ? this.#gateway.resumeCount : undefined),
      `${count} RESUME`,
      options,
    );
  }

  // ---------------------------------------------------------------- fault injection

  /**
   * Closes the gateway connection with `code` (4000: the client resumes). Codes a server cannot
   * send, like 1006, drop the TCP connection instead (an abnormal close). Await the result to know
   * how the client came back.
   */
  closeGateway(code: number, options: FaultOptions = {}): PromiseLike<SessionOutcome> {
    const shard = options.shard ?? 0;
    return this.#afterFault(shard, () => this.#gateway.closeConnection(code, shard), `reconnection after close ${code}`, options);
  }

  /** Sends op 7 Reconnect; the client reconnects and resumes. */
  requestReconnect(options: FaultOptions = {}): PromiseLike<SessionOutcome> {
    const shard = options.shard ?? 0;
    return this.#afterFault(shard, () => this.#gateway.requestReconnect(shard), 'reconnection after op 7', options);
  }

  /** Sends op 9 Invalid Session: resumable → the client resumes; not → it identifies afresh. */
  invalidateSession(resumable: boolean, options: FaultOptions = {}): PromiseLike<SessionOutcome> {
    const shard = options.shard ?? 0;
    return this.#afterFault(
      shard,
      () => this.#gateway.invalidateSession(resumable, shard),
      `reconnection after op 9 (${resumable})`,
      options,
    );
  }

  /**
   * Makes the next interaction callback POSTs fail, one failure per request, in order; e.g.
   * `[{ status: 429, retryAfter: 0.05 }, { status: 500 }]`. The request after them succeeds.
   */
  failNextCallbacks(failures: InjectedFailure[]): void {
    this.failNextRequests(CALLBACK_ROUTE, failures);
  }

  /** Like {@link failNextCallbacks} for any route pattern of {@link routeKeys}, e.g. `POST /channels/:channel/messages`. */
  failNextRequests(route: string, failures: InjectedFailure[]): void {
    for (const failure of failures) this.#failures.push({ route, failure });
  }

  #afterFault(shard: number, act: () => void, what: string, options?: WaitOptions): PromiseLike<SessionOutcome> {
    const mark = this.#gateway.outcomes.length;
    act();
    this.#feed.notify();
    const next = () => this.#gateway.outcomes.slice(mark).find((entry) => entry.shard === shard)?.outcome;
    return lazy(() => this.#feed.waitFor(next, `${what} (shard ${shard})`, options));
  }

  // ---------------------------------------------------------------- playing users

  /** Dispatches a slash command (INTERACTION_CREATE type 2). */
  sendCommand(input: CommandInput): FakeInteraction {
    const command = this.#resolveCommand(input);
    this.#checkCommandVisible(input, command.definition);
    const uploads = this.#uploadAttachments(input);
    const data: JsonObject = {
      id: command.id,
      name: input.name,
      type: input.type ?? ApplicationCommandType.ChatInput,
      options: this.#buildOptions(input, command.definition, false, undefined, uploads.options),
    };
    if (command.guildId) data.guild_id = command.guildId;
    const resolved: JsonObject = { ...this.#resolveUsers(data.options, input), ...(input.resolved ?? {}) };
    if (uploads.options.length > 0) {
      resolved.attachments = { ...(isObject(resolved.attachments) ? resolved.attachments : {}), ...uploads.resolved };
    }
    if (Object.keys(resolved).length > 0) data.resolved = resolved;
    return this.#dispatchInteraction(InteractionType.ApplicationCommand, data, input, null);
  }

  /** Dispatches an autocomplete request (type 4); the focused option's value is sent as typed text. */
  sendAutocomplete(input: AutocompleteInput): FakeInteraction {
    const command = this.#resolveCommand(input);
    this.#checkCommandVisible(input, command.definition);
    const data: JsonObject = {
      id: command.id,
      name: input.name,
      type: ApplicationCommandType.ChatInput,
      options: this.#buildOptions(input, command.definition, true, input.focused),
    };
    if (command.guildId) data.guild_id = command.guildId;
    return this.#dispatchInteraction(InteractionType.ApplicationCommandAutocomplete, data, input, null);
  }

  /** Dispatches a button press (type 3, component_type 2) on `message` (default: a bot message with that button). */
  pressButton(input: ComponentInput): FakeInteraction {
    const button = { type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: input.customId, label: 'Button' };
    const fallback = [{ type: ComponentType.ActionRow, components: [button] }];
    return this.#dispatchComponent(input, { custom_id: input.customId, component_type: ComponentType.Button }, fallback);
  }

  /** Dispatches a string-select choice (type 3, component_type 3). */
  selectMenu(input: SelectInput): FakeInteraction {
    const fallback = [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.StringSelect,
            custom_id: input.customId,
            options: input.values.map((value) => ({ label: value, value })),
            min_values: 1,
            max_values: Math.max(1, input.values.length),
          },
        ],
      },
    ];
    return this.#dispatchComponent(
      input,
      { custom_id: input.customId, component_type: ComponentType.StringSelect, values: input.values },
      fallback,
    );
  }

  /**
   * Submits a modal (type 5) the bot showed: `fields` are the text inputs' values by custom_id,
   * sent in action rows as the client sends them.
   */
  submitModal(input: ModalSubmitInput): FakeInteraction {
    const components = Object.entries(input.fields).map(([customId, value]) => ({
      type: ComponentType.ActionRow,
      components: [{ type: ComponentType.TextInput, custom_id: customId, value }],
    }));
    return this.#dispatchInteraction(InteractionType.ModalSubmit, { custom_id: input.customId, components }, input, null);
  }

  /** A user writes to the bot in their DM channel (MESSAGE_CREATE, channel_type 1). */
  sendDirectMessage(input: UserMessageInput): UserMessageHandle {
    const user = input.user ?? this.defaultUser;
    const channelId = this.#dmChannelFor(user);
    const message: JsonObject = {
      ...buildMessage({ id: snowflake(), channelId, author: user, body: { content: input.content, embeds: input.embeds ?? [] } }),
      channel_type: ChannelType.DM,
    };
    this.#messages.set(message.id as string, message as unknown as APIMessage);
    // DMs carry their content without the MessageContent intent, but need DirectMessages.
    this.#gateway.dispatch('MESSAGE_CREATE', (intents) => ((intents & Intent.DirectMessages) !== 0 ? message : null), null);
    this.#feed.notify();
    return this.#userMessageHandle(message, channelId);
  }

  /** A user writes in a guild text channel (MESSAGE_CREATE, channel_type 0), optionally mentioning the bot. */
  sendGuildMessage(input: GuildMessageInput): UserMessageHandle {
    const user = input.user ?? this.defaultUser;
    const guild = this.#guild(input.guildId ?? this.guildId);
    const botMention = `<@${this.botUser.id}>`;
    const mentionBot = input.mentionBot ?? input.content.includes(botMention);
    const content = mentionBot && !input.content.includes(botMention) ? `${botMention} ${input.content}` : input.content;
    const message: JsonObject = {
      ...buildMessage({
        id: snowflake(),
        channelId: guild.channelId,
        author: user,
        guildId: guild.id,
        body: { content, embeds: input.embeds ?? [] },
      }),
      member: buildMember(null, guild.joinedAt, this.nickname(user, guild.id)),
      mentions: mentionBot ? [{ ...this.botUser, member: buildMember(null, guild.joinedAt) }] : [],
      channel_type: ChannelType.GuildText,
    };
    this.#messages.set(message.id as string, message as unknown as APIMessage);
    this.#gateway.dispatch(
      'MESSAGE_CREATE',
      (intents) => {
        if ((intents & Intent.GuildMessages) === 0) return null;
        // Without MessageContent, only messages that mention the bot keep their content.
        if ((intents & Intent.MessageContent) !== 0 || mentionBot) return message;
        return { ...message, content: '', embeds: [], attachments: [], components: [] };
      },
      guild.id,
    );
    this.#feed.notify();
    return this.#userMessageHandle(message, guild.channelId);
  }

  /**
   * Resolves with the next message the bot posts in `channelId` that no earlier call returned
   * (messages posted before the call count, so there is no race).
   */
  waitForChannelMessage(channelId: string, options?: WaitOptions): Promise<ChannelMessage> {
    return this.#feed
      .waitFor(() => this.#unreadMessage(channelId), `a bot message in channel ${channelId}`, options)
      .then((message) => {
        this.#channelCursor.set(channelId, this.channelMessages.indexOf(message) + 1);
        return message;
      });
  }

  /** Resolves after `withinMs` if the bot posted nothing new in `channelId`; rejects as soon as it does. */
  expectNoChannelMessage(channelId: string, withinMs: number): Promise<void> {
    return this.#feed.expectNothing(() => {
      const message = this.#unreadMessage(channelId);
      return message ? `expected no bot message in channel ${channelId}, got ${JSON.stringify(message.body)}` : undefined;
    }, withinMs);
  }

  /** Resolves with the first recorded rejection (or the `index`-th). */
  waitForRejection(options: WaitOptions & { index?: number } = {}): Promise<Rejection> {
    const index = options.index ?? 0;
    return this.#feed.waitFor(() => this.rejections[index], `rejection #${index}`, options);
  }

  /** The interaction with this id, if the fake dispatched it. */
  interaction(id: string): FakeInteraction | undefined {
    return this.#interactionsById.get(id);
  }

  /** The DM channel id between the bot and `user` (created on first use). */
  dmChannelId(user: APIUser = this.defaultUser): string {
    return this.#dmChannelFor(user);
  }

  // ---------------------------------------------------------------- interactions (internals)

  #resolveCommand(input: CommandInput): { id: string; guildId: string | null; definition: StoredCommand | undefined } {
    const guildId = input.guild === false ? null : typeof input.guild === 'string' ? input.guild : this.guildId;
    const type = input.type ?? 1;
    const matches = (command: StoredCommand): boolean => command.name === input.name && command.type === type;
    const inGuild = guildId ? this.commands.guild(guildId).find(matches) : undefined;
    if (inGuild) return { id: inGuild.id, guildId, definition: inGuild };
    const context = guildId ? 0 : 1;
    const global = this.commands.global.find(
      (command) => matches(command) && (!Array.isArray(command.contexts) || command.contexts.includes(context)),
    );
    if (global) return { id: global.id, guildId: null, definition: global };
    if (this.#options.requireRegisteredCommands) {
      const where = guildId ? `guild ${guildId} (or globally)` : 'DMs (global, with context 1)';
      throw new Error(`/${input.name} is not registered for ${where}; registered: ${this.#registeredNames()}`);
    }
    let id = this.#commandIds.get(input.name);
    if (!id) {
      id = snowflake();
      this.#commandIds.set(input.name, id);
    }
    return { id, guildId: null, definition: undefined };
  }

  /**
   * Discord shows a command with `default_member_permissions` only to members who have those
   * permissions (Administrator has all), unless the server set an override for the member
   * ({@link allowCommand}): playing anyone else is a mistake in the test.
   */
  #checkCommandVisible(input: CommandInput, definition: StoredCommand | undefined): void {
    const required = definition?.default_member_permissions;
    const { user, guildId } = this.#placeFor(input);
    if (typeof required !== 'string' || guildId === null) return;
    if (this.#commandOverrides.has(`${guildId}:${input.name}:${user.id}`)) return;
    const has = BigInt(this.memberPermissions(user, guildId));
    const needs = BigInt(required);
    if (needs !== 0n && (has & needs) === needs) return;
    throw new Error(
      `Discord does not show /${input.name} to ${user.username}: it needs permissions ${required} (default_member_permissions) ` +
        `and they have ${has}; give them the permission (setMemberPermissions) or an override (allowCommand)`,
    );
  }

  /** `data.resolved.users` (and `members` in a guild) for the user options, as Discord sends them beside the ids. */
  #resolveUsers(options: unknown, target: InteractionTarget): JsonObject {
    const users: JsonObject = {};
    const members: JsonObject = {};
    const { guildId } = this.#placeFor(target);
    const visit = (list: unknown): void => {
      if (!Array.isArray(list)) return;
      for (const option of list as JsonObject[]) {
        visit(option.options);
        if (option.type !== ApplicationCommandOptionType.User || typeof option.value !== 'string') continue;
        const user = option.value === this.botUser.id ? this.botUser : this.user(option.value);
        users[user.id] = user;
        if (guildId) {
          const guild = this.#guild(guildId);
          members[user.id] = {
            ...buildMember(null, guild.joinedAt, this.nickname(user, guild.id)),
            permissions: this.memberPermissions(user, guild.id),
          };
        }
      }
    };
    visit(options);
    if (Object.keys(users).length === 0) return {};
    return guildId ? { users, members } : { users };
  }

  /** Uploads the files of attachment options: their option objects and their `resolved.attachments` entries. */
  #uploadAttachments(input: CommandInput): { options: JsonObject[]; resolved: JsonObject } {
    const options: JsonObject[] = [];
    const resolved: JsonObject = {};
    const { channelId } = this.#placeFor(input);
    for (const [name, file] of Object.entries(input.attachments ?? {})) {
      const attachment = this.attachments.upload(file, channelId);
      options.push({ name, type: ApplicationCommandOptionType.Attachment, value: attachment.id });
      resolved[attachment.id] = attachment;
    }
    return { options, resolved };
  }

  #registeredNames(): string {
    const names = [...this.commands.scopes.entries()].flatMap(([scope, list]) => list.map((c) => `${scope}:${c.name}`));
    return names.length > 0 ? names.join(', ') : 'none';
  }

  /**
   * Turns the test's options into API option objects. Types come from the registered definition
   * when there is one, else from the JS value. For autocomplete, the focused option (default: the
   * first) is sent as the text typed so far.
   */
  #buildOptions(
    input: CommandInput,
    definition: StoredCommand | undefined,
    autocomplete: boolean,
    focusedName?: string,
    extra: JsonObject[] = [],
  ): JsonObject[] | undefined {
    const findDef = (list: unknown, name: string): JsonObject | undefined =>
      Array.isArray(list) ? (list as JsonObject[]).find((option) => option.name === name) : undefined;
    let optionDefs: unknown = definition?.options;
    if (input.group) optionDefs = findDef(optionDefs, input.group)?.options;
    if (input.subcommand) optionDefs = findDef(optionDefs, input.subcommand)?.options;

    let options: JsonObject[] = [];
    if (Array.isArray(input.options)) {
      options = input.options;
    } else if (input.options) {
      const entries = Object.entries(input.options);
      const focus = autocomplete ? (focusedName ?? entries[0]?.[0]) : undefined;
      options = entries.map(([name, value]) => {
        const declared = findDef(optionDefs, name)?.type;
        const inferred =
          typeof value === 'boolean'
            ? ApplicationCommandOptionType.Boolean
            : typeof value === 'number'
              ? Number.isInteger(value)
                ? ApplicationCommandOptionType.Integer
                : ApplicationCommandOptionType.Number
              : ApplicationCommandOptionType.String;
        const option: JsonObject = { name, type: typeof declared === 'number' ? declared : inferred, value };
        if (name === focus) {
          option.value = String(value);
          option.focused = true;
        }
        return option;
      });
    }
    options = [...options, ...extra];
    if (input.subcommand) options = [{ name: input.subcommand, type: ApplicationCommandOptionType.Subcommand, options }];
    if (input.group) options = [{ name: input.group, type: ApplicationCommandOptionType.SubcommandGroup, options }];
    return options.length > 0 ? options : undefined;
  }

  #dispatchComponent(input: ComponentInput, data: JsonObject, fallbackComponents: JsonObject[]): FakeInteraction {
    const where = this.#placeFor(input);
    const given = input.message;
    let message: APIMessage;
    const stored = given && typeof given.id === 'string' ? this.#messages.get(given.id) : undefined;
    if (stored) {
      message = stored;
    } else {
      const body: JsonObject = { components: fallbackComponents, ...(given ?? {}) };
      message = buildMessage({
        id: typeof given?.id === 'string' ? given.id : snowflake(),
        channelId: where.channelId,
        author: this.botUser,
        guildId: where.guildId ?? undefined,
        body,
        applicationId: this.applicationId,
      });
      this.#messages.set(message.id, message);
    }
    return this.#dispatchInteraction(InteractionType.MessageComponent, data, input, message);
  }

  #placeFor(target: InteractionTarget): { user: APIUser; guildId: string | null; channelId: string } {
    const user = target.user ?? this.defaultUser;
    if (target.guild === false) return { user, guildId: null, channelId: target.channelId ?? this.#dmChannelFor(user) };
    const guild = this.#guild(typeof target.guild === 'string' ? target.guild : this.guildId);
    return { user, guildId: guild.id, channelId: target.channelId ?? guild.channelId };
  }

  #dispatchInteraction(type: number, data: JsonObject, target: InteractionTarget, message: APIMessage | null): FakeInteraction {
    const { user, guildId, channelId } = this.#placeFor(target);
    const id = snowflake();
    const token = interactionToken();
    const payload: JsonObject = {
      id,
      application_id: this.applicationId,
      type,
      data,
      token,
      version: 1,
      channel_id: channelId,
      locale: target.locale ?? 'en-US',
      app_permissions: BOT_PERMISSIONS,
      entitlements: [],
      attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
    };
    if (guildId) {
      const guild = this.#guild(guildId);
      payload.guild_id = guild.id;
      payload.guild = { id: guild.id, locale: 'en-US', features: [] };
      payload.guild_locale = 'en-US';
      payload.channel = { ...buildTextChannel(guild), id: channelId, permissions: BOT_PERMISSIONS };
      payload.member = {
        ...buildMember(user, guild.joinedAt, this.nickname(user, guild.id)),
        permissions: this.memberPermissions(user, guild.id),
      };
      payload.context = 0;
      payload.authorizing_integration_owners = { '0': guild.id };
    } else {
      payload.user = user;
      payload.channel = buildDmChannel(channelId, user);
      payload.context = 1;
      payload.authorizing_integration_owners = { '1': user.id };
    }
    if (message) payload.message = message;

    const interaction = new FakeInteraction(id, token, type, payload, message, channelId, guildId, this.#feed);
    this.interactions.push(interaction);
    this.#interactionsById.set(id, interaction);
    this.#interactionsByToken.set(token, interaction);
    const deliver: DeliveryFilter = (_intents, shard) => {
      interaction.deliveredAt ??= Date.now();
      interaction.deliveries.push(shard);
      return payload;
    };
    this.#gateway.dispatch('INTERACTION_CREATE', deliver, guildId);
    this.#feed.notify();
    return interaction;
  }

  #userMessageHandle(message: JsonObject, channelId: string): UserMessageHandle {
    return {
      id: message.id as string,
      channelId,
      message,
      waitForReply: (options?: WaitOptions) => this.waitForChannelMessage(channelId, options),
    };
  }

  #unreadMessage(channelId: string): ChannelMessage | undefined {
    const from = this.#channelCursor.get(channelId) ?? 0;
    return this.channelMessages.slice(from).find((message) => message.channelId === channelId);
  }

  #defaultGuild(): FakeGuild {
    const guild = this.guilds[0];
    if (!guild) throw new Error('no guild');
    return guild;
  }

  #guild(id: string): FakeGuild {
    const guild = this.#guildsById.get(id);
    if (!guild) throw new Error(`the bot is not in guild ${id}; guilds: ${this.guilds.map((g) => g.id).join(', ')}`);
    return guild;
  }

  #dmChannelFor(user: APIUser): string {
    this.#users.set(user.id, this.#users.get(user.id) ?? user);
    let channelId = this.#dmChannels.get(user.id);
    if (!channelId) {
      channelId = snowflake();
      this.#dmChannels.set(user.id, channelId);
      this.#dmRecipients.set(channelId, user.id);
    }
    return channelId;
  }

  // ---------------------------------------------------------------- REST

  #record(rejection: Rejection): void {
    this.rejections.push(rejection);
    if (rejection.interactionId) this.#interactionsById.get(rejection.interactionId)?.rejections.push(rejection);
    this.#feed.notify();
  }

  /** Records a refusal and builds Discord's error answer. */
  #applicationOwner(): JsonObject {
    const team = this.applicationTeam;
    if (!team) return { owner: this.defaultUser, team: null };
    const pseudoUser = { id: team.id, username: `team${team.id}`, discriminator: '0000', global_name: null, avatar: null, flags: 1024 };
    return {
      owner: pseudoUser,
      team: {
        id: team.id,
        name: 'The team',
        icon: null,
        owner_user_id: team.ownerUserId,
        members: team.members.map(({ user, accepted }) => ({
          membership_state: accepted ? 2 : 1,
          team_id: team.id,
          user,
          role: 'developer',
          permissions: ['*'],
        })),
      },
    };
  }

  #refuse(
    ctx: RouteContext,
    status: number,
    code: number,
    message: string,
    reasons: string[] = [message],
    interactionId?: string,
  ): RouteResult {
    const rejection: Rejection = { route: ctx.route, path: ctx.path, status, code, reason: reasons.join('; ') };
    if (interactionId) rejection.interactionId = interactionId;
    this.#record(rejection);
    const body: JsonObject = { message, code };
    if (code === 50035) body.errors = { _errors: reasons.map((reason) => ({ code: 'FAKE_DISCORD_INVALID', message: reason })) };
    return { status, body };
  }

  async #onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = (request.method ?? 'GET').toUpperCase();
    const url = new URL(request.url ?? '/', 'http://fake.invalid');
    let routeKey = 'unhandled';
    let status = 500;
    try {
      const raw = await readRaw(request);
      if (method === 'GET' && /^\/(ephemeral-)?attachments\//.test(url.pathname)) {
        routeKey = 'GET attachment';
        this.attachments.serve(url.pathname, url.searchParams, response);
        status = response.statusCode;
        return;
      }
      const prefix = '/api/v10/';
      const match = url.pathname.startsWith(prefix) ? this.#matchRoute(method, url.pathname.slice(prefix.length - 1)) : null;
      if (!match) {
        this.unhandled.push({ method, path: url.pathname + url.search });
        status = 404;
        sendJson(response, 404, { message: '404: Not Found', code: 0 });
        return;
      }
      const { route, params } = match;
      routeKey = route.key;
      const path = url.pathname.slice(prefix.length - 1);

      const failureIndex = this.#failures.findIndex((entry) => entry.route === route.key);
      const injected = failureIndex >= 0 ? this.#failures.splice(failureIndex, 1)[0]?.failure : undefined;
      if (route.key === CALLBACK_ROUTE) {
        const interaction = this.#interactionsById.get(params.id ?? '');
        if (interaction) interaction.callbackAttempts += 1;
      }
      if (injected) {
        status = injected.status;
        this.injected.push({ route: route.key, path, status });
        this.#answerInjected(response, injected);
        return;
      }

      if (route.auth && request.headers.authorization !== `Bot ${this.token}`) {
        const reason = request.headers.authorization ? 'wrong bot token' : 'missing Authorization header';
        this.#record({ route: route.key, path, status: 401, code: 0, reason });
        status = 401;
        sendJson(response, 401, { message: '401: Unauthorized', code: 0 });
        return;
      }

      const parsed = await parseBody(raw, request.headers['content-type']);
      const ctx: RouteContext = {
        method,
        path,
        route: route.key,
        params,
        query: url.searchParams,
        body: parsed.json,
        fileCount: parsed.fileCount,
        files: parsed.files,
      };
      const result = parsed.error
        ? this.#refuse(ctx, 400, 50109, 'The request body contains invalid JSON.', [parsed.error])
        : route.handle(ctx);
      status = result.status;
      sendJson(response, result.status, result.body, result.headers);
    } catch (error) {
      // A bug in the fake, not in the bot: make it loud.
      this.unhandled.push({ method, path: `${url.pathname} (fake crashed: ${String(error)})` });
      status = 500;
      if (!response.headersSent) sendJson(response, 500, { message: `fake Discord crashed: ${String(error)}`, code: 0 });
    } finally {
      this.requests.push({ method, path: url.pathname + url.search, route: routeKey, status, at: Date.now() });
      this.#feed.notify();
    }
  }

  #answerInjected(response: ServerResponse, failure: InjectedFailure): void {
    if (failure.status === 429) {
      const retryAfter = failure.retryAfter ?? 0.05;
      const headers: Record<string, string> = { 'retry-after': String(retryAfter), 'x-ratelimit-scope': 'user' };
      if (failure.global) headers['x-ratelimit-global'] = 'true';
      sendJson(
        response,
        429,
        { message: 'You are being rate limited.', retry_after: retryAfter, global: failure.global ?? false },
        headers,
      );
      return;
    }
    sendJson(response, failure.status, { message: failure.message ?? `${failure.status}: injected failure`, code: failure.code ?? 0 });
  }

  #matchRoute(method: string, path: string): { route: Route; params: Record<string, string> } | null {
    const segments = path
      .split('/')
      .filter((segment) => segment.length > 0)
      .map(decodeSegment);
    for (const route of this.#routes) {
      if (route.method !== method || route.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      route.segments.forEach((pattern, index) => {
        const segment = segments[index] ?? '';
        if (pattern.startsWith(':')) params[pattern.slice(1)] = segment;
        else if (pattern !== segment) ok = false;
      });
      if (ok) return { route, params };
    }
    return null;
  }

  #buildRoutes(): Route[] {
    const routes: Route[] = [];
    const add = (method: string, pattern: string, auth: boolean, handle: (ctx: RouteContext) => RouteResult): void => {
      routes.push({ method, segments: pattern.split('/').filter(Boolean), key: `${method} ${pattern}`, auth, handle });
    };
    const json = (body: unknown, status = 200): RouteResult => ({ status, body });
    const noContent: RouteResult = { status: 204 };

    // Login and identity.
    // max_concurrency as large as the shard count: every shard may identify at once, as for a large bot.
    add('GET', '/gateway/bot', true, () =>
      json({
        url: this.gatewayUrl,
        shards: this.#options.shards,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: this.#options.shards },
      }),
    );
    add('GET', '/gateway', false, () => json({ url: this.gatewayUrl }));
    add('GET', '/users/@me', true, () => json(this.botUser));
    add('POST', '/users/@me/channels', true, (ctx) => {
      const recipient = isObject(ctx.body) ? ctx.body.recipient_id : undefined;
      if (typeof recipient !== 'string') return this.#refuse(ctx, 400, 50035, 'Invalid Form Body', ['recipient_id is required']);
      const user = this.user(recipient);
      return json(buildDmChannel(this.#dmChannelFor(user), user));
    });
    add('GET', '/users/:id', true, (ctx) => {
      const user = ctx.params.id === this.botUser.id ? this.botUser : this.#users.get(ctx.params.id ?? '');
      return user ? json(user) : this.#refuse(ctx, 404, 10013, 'Unknown User');
    });
    add('GET', '/applications/@me', true, () =>
      json({
        id: this.applicationId,
        name: this.botUser.username,
        icon: null,
        description: '',
        summary: '',
        type: null,
        bot_public: true,
        bot_require_code_grant: false,
        verify_key: '0'.repeat(64),
        flags: 0,
        ...this.#applicationOwner(),
        bot: this.botUser,
        approximate_guild_count: this.guilds.length,
        integration_types_config: { '0': {}, '1': {} },
        tags: [],
        redirect_uris: [],
        interactions_endpoint_url: null,
      }),
    );

    // Guilds and channels.
    add('GET', '/guilds/:guild', true, (ctx) => {
      const guild = this.guilds.find((g) => g.id === ctx.params.guild);
      return guild ? json(buildGuild(guild, this.defaultUser.id)) : this.#refuse(ctx, 404, 10004, 'Unknown Guild');
    });
    add('GET', '/guilds/:guild/channels', true, (ctx) => {
      const guild = this.guilds.find((g) => g.id === ctx.params.guild);
      return guild ? json([buildTextChannel(guild)]) : this.#refuse(ctx, 404, 10004, 'Unknown Guild');
    });
    add('GET', '/guilds/:guild/members/:user', true, (ctx) => {
      const guild = this.guilds.find((g) => g.id === ctx.params.guild);
      if (!guild) return this.#refuse(ctx, 404, 10004, 'Unknown Guild');
      const user = ctx.params.user === this.botUser.id ? this.botUser : this.#users.get(ctx.params.user ?? '');
      return user
        ? json(buildMember(user, guild.joinedAt, this.nickname(user, guild.id)))
        : this.#refuse(ctx, 404, 10007, 'Unknown Member');
    });
    add('GET', '/channels/:channel', true, (ctx) => {
      const channel = this.#channelObject(ctx.params.channel ?? '');
      return channel ? json(channel) : this.#refuse(ctx, 404, 10003, 'Unknown Channel');
    });
    add('POST', '/channels/:channel/messages', true, (ctx) => this.#createChannelMessage(ctx));
    add('GET', '/channels/:channel/messages/:message', true, (ctx) => {
      const message = this.#messages.get(ctx.params.message ?? '');
      return message && message.channel_id === ctx.params.channel ? json(message) : this.#refuse(ctx, 404, 10008, 'Unknown Message');
    });
    add('PATCH', '/channels/:channel/messages/:message', true, (ctx) => this.#editChannelMessage(ctx));
    add('DELETE', '/channels/:channel/messages/:message', true, (ctx) => {
      const message = this.#messages.get(ctx.params.message ?? '');
      if (!message || message.channel_id !== ctx.params.channel) return this.#refuse(ctx, 404, 10008, 'Unknown Message');
      this.#messages.delete(message.id);
      return noContent;
    });
    add('POST', '/channels/:channel/typing', true, (ctx) =>
      this.#channelObject(ctx.params.channel ?? '') ? noContent : this.#refuse(ctx, 404, 10003, 'Unknown Channel'),
    );
    for (const method of ['PUT', 'DELETE']) {
      add(method, '/channels/:channel/messages/:message/reactions/:emoji/@me', true, (ctx) =>
        this.#messages.has(ctx.params.message ?? '') ? noContent : this.#refuse(ctx, 404, 10008, 'Unknown Message'),
      );
    }

    // Application commands, global and per guild.
    for (const base of ['/applications/:app/commands', '/applications/:app/guilds/:guild/commands']) {
      add('GET', base, true, (ctx) => this.#withScope(ctx, (scope) => json(this.commands.scopes.get(scope) ?? [])));
      add('PUT', base, true, (ctx) => this.#withScope(ctx, (scope) => this.#putCommands(ctx, scope)));
      add('POST', base, true, (ctx) => this.#withScope(ctx, (scope) => this.#postCommand(ctx, scope)));
      add('GET', `${base}/:command`, true, (ctx) =>
        this.#withScope(ctx, (scope) => {
          const found = (this.commands.scopes.get(scope) ?? []).find((c) => c.id === ctx.params.command);
          return found ? json(found) : this.#refuse(ctx, 404, 10063, 'Unknown application command');
        }),
      );
      add('PATCH', `${base}/:command`, true, (ctx) => this.#withScope(ctx, (scope) => this.#patchCommand(ctx, scope)));
      add('DELETE', `${base}/:command`, true, (ctx) =>
        this.#withScope(ctx, (scope) => {
          const list = this.commands.scopes.get(scope) ?? [];
          const index = list.findIndex((c) => c.id === ctx.params.command);
          if (index < 0) return this.#refuse(ctx, 404, 10063, 'Unknown application command');
          list.splice(index, 1);
          this.commands.writeCount += 1;
          return noContent;
        }),
      );
    }

    // Interaction responses (no Authorization header: the token in the path is the credential).
    add('POST', '/interactions/:id/:token/callback', false, (ctx) => this.#interactionCallback(ctx));
    add('POST', '/webhooks/:app/:token', false, (ctx) => this.#webhookExecute(ctx));
    add('GET', '/webhooks/:app/:token/messages/:message', false, (ctx) =>
      this.#withWebhookMessage(ctx, (_interaction, message) => json(message)),
    );
    add('PATCH', '/webhooks/:app/:token/messages/:message', false, (ctx) => this.#webhookEdit(ctx));
    add('DELETE', '/webhooks/:app/:token/messages/:message', false, (ctx) =>
      this.#withWebhookMessage(ctx, (interaction, message) => {
        if (interaction.original?.id === message.id) interaction.original = null;
        interaction.followupMessages.delete(message.id);
        this.#messages.delete(message.id);
        return noContent;
      }),
    );
    return routes;
  }

  #channelObject(channelId: string): JsonObject | null {
    const guild = this.guilds.find((g) => g.channelId === channelId);
    if (guild) return buildTextChannel(guild);
    const recipientId = this.#dmRecipients.get(channelId);
    const recipient = recipientId ? this.#users.get(recipientId) : undefined;
    return recipient ? buildDmChannel(channelId, recipient) : null;
  }

  #messageReasons(ctx: RouteContext, requireBody: boolean): string[] {
    const reasons = checkMessagePayload(ctx.body, {
      requireNoMentions: this.#options.requireNoMentions,
      requireBody,
      fileCount: ctx.fileCount,
    });
    return [...reasons, ...this.attachments.fileReasons(ctx.files, isObject(ctx.body) ? ctx.body : undefined)];
  }

  /** 50006 for an empty message (Discord's own code), 50035 for everything else. */
  #refuseMessage(ctx: RouteContext, reasons: string[], interactionId?: string): RouteResult {
    if (reasons.length === 1 && reasons[0] === 'Cannot send an empty message') {
      return this.#refuse(ctx, 400, 50006, 'Cannot send an empty message', reasons, interactionId);
    }
    return this.#refuse(ctx, 400, 50035, 'Invalid Form Body', reasons, interactionId);
  }

  #createChannelMessage(ctx: RouteContext): RouteResult {
    const channelId = ctx.params.channel ?? '';
    if (!this.#channelObject(channelId)) return this.#refuse(ctx, 404, 10003, 'Unknown Channel');
    const reasons = this.#messageReasons(ctx, true);
    const body = isObject(ctx.body) ? ctx.body : {};
    const reference = body.message_reference;
    if (isObject(reference) && typeof reference.message_id === 'string' && reference.fail_if_not_exists !== false) {
      if (!this.#messages.has(reference.message_id)) reasons.push('message_reference: Unknown message');
    }
    if (reasons.length > 0) return this.#refuseMessage(ctx, reasons);
    const guild = this.guilds.find((g) => g.channelId === channelId);
    const message = buildMessage({ id: snowflake(), channelId, author: this.botUser, guildId: guild?.id, body });
    const files = this.#keepFiles(ctx, channelId, message);
    if (isObject(reference) && typeof reference.message_id === 'string') {
      const referenced = this.#messages.get(reference.message_id);
      Object.assign(message, {
        type: MessageType.Reply,
        message_reference: { message_id: reference.message_id, channel_id: channelId },
        referenced_message: referenced ?? null,
      });
    }
    this.#messages.set(message.id, message);
    this.channelMessages.push({ id: message.id, channelId, body, message, fileCount: ctx.fileCount, files });
    return { status: 200, body: message };
  }

  #editChannelMessage(ctx: RouteContext): RouteResult {
    const message = this.#messages.get(ctx.params.message ?? '');
    if (!message || message.channel_id !== ctx.params.channel) return this.#refuse(ctx, 404, 10008, 'Unknown Message');
    if (message.author.id !== this.botUser.id) return this.#refuse(ctx, 403, 50005, 'Cannot edit a message authored by another user');
    const reasons = this.#messageReasons(ctx, false);
    if (reasons.length > 0) return this.#refuseMessage(ctx, reasons);
    const edited = applyEdit(message, isObject(ctx.body) ? ctx.body : {});
    this.#keepFiles(ctx, edited.channel_id, edited, message);
    this.#messages.set(edited.id, edited);
    return { status: 200, body: edited };
  }

  /**
   * The files of an accepted request, kept with their bytes and described in `message.attachments`:
   * the new ones, after those of `before` that the body's `attachments` list keeps (all of them when
   * the body has no list).
   */
  #keepFiles(ctx: RouteContext, channelId: string, message: APIMessage, before?: APIMessage): SentFile[] {
    const data = isObject(ctx.body) ? ctx.body : undefined;
    const files = this.attachments.keep(ctx.files, channelId, data);
    const listed = Array.isArray(data?.attachments) ? (data.attachments as JsonObject[]).map((entry) => String(entry.id)) : null;
    const kept = (before?.attachments ?? []).filter((attachment) => listed === null || listed.includes(attachment.id));
    if (files.length > 0 || before || listed !== null) {
      (message as { attachments: unknown[] }).attachments = [...kept, ...files.map((file) => file.attachment)];
    }
    return files;
  }

  #interactionCallback(ctx: RouteContext): RouteResult {
    const interaction = this.#interactionsById.get(ctx.params.id ?? '');
    if (!interaction || interaction.token !== ctx.params.token) {
      return this.#refuse(ctx, 404, 10062, 'Unknown interaction', ['Unknown interaction (no such id/token)']);
    }
    const id = interaction.id;
    if (interaction.responses.length > 0) {
      return this.#refuse(ctx, 400, 40060, 'Interaction has already been acknowledged.', undefined, id);
    }
    const deadline = this.#options.interactionResponseDeadlineMs;
    const elapsed = Date.now() - (interaction.deliveredAt ?? Date.now());
    if (elapsed > deadline) {
      return this.#refuse(ctx, 404, 10062, 'Unknown interaction', [`initial response after ${elapsed} ms (limit ${deadline} ms)`], id);
    }
    const body = ctx.body;
    if (!isObject(body) || typeof body.type !== 'number') {
      return this.#refuse(ctx, 400, 50035, 'Invalid Form Body', ['type is required'], id);
    }
    const callbackType = body.type;
    if (!(ALLOWED_CALLBACKS[interaction.type] ?? []).includes(callbackType)) {
      return this.#refuse(
        ctx,
        400,
        50035,
        'Invalid Form Body',
        [`callback type ${callbackType} is not valid for interaction type ${interaction.type}`],
        id,
      );
    }
    const data = isObject(body.data) ? body.data : undefined;
    let reasons: string[] = [];
    if (callbackType === MESSAGE || callbackType === UPDATE) {
      reasons = checkMessagePayload(data ?? {}, {
        requireNoMentions: this.#options.requireNoMentions,
        requireBody: callbackType === MESSAGE,
        fileCount: ctx.fileCount,
      });
      reasons.push(...this.attachments.fileReasons(ctx.files, data));
    } else if (ctx.files.length > 0) {
      reasons = [`callback type ${callbackType} cannot carry files`];
    } else if (callbackType === InteractionResponseType.ApplicationCommandAutocompleteResult) {
      reasons = checkAutocompleteChoices(data?.choices);
    } else if (callbackType === DEFERRED && data?.flags !== undefined && data.flags !== 0 && data.flags !== MessageFlags.Ephemeral) {
      reasons = [`a deferral only takes the ephemeral flag (${MessageFlags.Ephemeral}), got ${String(data.flags)}`];
    } else if (callbackType === InteractionResponseType.Modal) {
      reasons = this.#modalReasons(data);
    }
    if (reasons.length > 0) return this.#refuseMessage(ctx, reasons, id);

    const accepted: CallbackBody = data ? { type: callbackType, data } : { type: callbackType };
    interaction.responses.push(accepted);
    let sent: SentFile[] = [];
    const ephemeral = typeof data?.flags === 'number' && (data.flags & MessageFlags.Ephemeral) !== 0;
    if (callbackType === MESSAGE) {
      interaction.original = this.#webhookMessage(interaction, snowflake(), data ?? {});
      sent = this.#keepFiles(ctx, interaction.channelId, interaction.original);
      interaction.visible.push(data ?? {});
    } else if (callbackType === DEFERRED) {
      interaction.original = this.#webhookMessage(interaction, snowflake(), {
        flags: (ephemeral ? MessageFlags.Ephemeral : 0) | MessageFlags.Loading,
      });
    } else if (callbackType === DEFERRED_UPDATE || callbackType === UPDATE) {
      const base = interaction.componentMessage;
      if (base) interaction.original = callbackType === UPDATE ? applyEdit(base, data ?? {}) : base;
      if (interaction.original && callbackType === UPDATE)
        sent = this.#keepFiles(ctx, interaction.channelId, interaction.original, base ?? undefined);
      if (interaction.original) this.#messages.set(interaction.original.id, interaction.original);
      if (callbackType === UPDATE) interaction.visible.push(data ?? {});
    }
    if (sent.length > 0) {
      accepted.files = sent;
      interaction.files.push(...sent);
    }

    if (ctx.query.get('with_response') !== 'true') return { status: 204 };
    const original = interaction.original;
    const resource: JsonObject = { type: callbackType };
    if (original && callbackType !== InteractionResponseType.ApplicationCommandAutocompleteResult) resource.message = original;
    return {
      status: 200,
      body: {
        interaction: {
          id,
          type: interaction.type,
          response_message_id: original?.id ?? null,
          response_message_loading: callbackType === DEFERRED,
          response_message_ephemeral: ephemeral,
        },
        resource,
      },
    };
  }

  #modalReasons(data: JsonObject | undefined): string[] {
    if (!data) return ['a modal needs data'];
    const reasons: string[] = [];
    if (typeof data.custom_id !== 'string' || data.custom_id.length < 1 || data.custom_id.length > 100)
      reasons.push('modal custom_id must be 1–100 characters');
    if (typeof data.title !== 'string' || data.title.length < 1 || data.title.length > 45)
      reasons.push('modal title must be 1–45 characters');
    if (!Array.isArray(data.components) || data.components.length < 1 || data.components.length > 5)
      reasons.push('a modal needs 1–5 components');
    return reasons;
  }

  #webhookMessage(interaction: FakeInteraction, id: string, body: JsonObject): APIMessage {
    const message = buildMessage({
      id,
      channelId: interaction.channelId,
      author: this.botUser,
      guildId: interaction.guildId ?? undefined,
      body,
      webhookId: this.applicationId,
      applicationId: this.applicationId,
    });
    this.#messages.set(message.id, message);
    return message;
  }

  /** Finds the interaction behind a webhook route; refuses like Discord when there is none yet. */
  #webhookInteraction(ctx: RouteContext): FakeInteraction | RouteResult {
    const interaction = this.#interactionsByToken.get(ctx.params.token ?? '');
    if (!interaction || ctx.params.app !== this.applicationId) {
      return this.#refuse(ctx, 404, 10015, 'Unknown Webhook', ['Unknown Webhook (no interaction with this application id and token)']);
    }
    if (interaction.responses.length === 0) {
      return this.#refuse(
        ctx,
        404,
        10015,
        'Unknown Webhook',
        ['Unknown Webhook (the interaction has not been responded to yet)'],
        interaction.id,
      );
    }
    return interaction;
  }

  #withWebhookMessage(ctx: RouteContext, act: (interaction: FakeInteraction, message: APIMessage) => RouteResult): RouteResult {
    const found = this.#webhookInteraction(ctx);
    if (!(found instanceof FakeInteraction)) return found;
    const messageId = ctx.params.message ?? '';
    const message = messageId === '@original' ? found.original : found.followupMessages.get(messageId);
    if (!message) return this.#refuse(ctx, 404, 10008, 'Unknown Message', [`Unknown Message ${messageId}`], found.id);
    return act(found, message);
  }

  #webhookExecute(ctx: RouteContext): RouteResult {
    const found = this.#webhookInteraction(ctx);
    if (!(found instanceof FakeInteraction)) return found;
    const reasons = this.#messageReasons(ctx, true);
    if (reasons.length > 0) return this.#refuseMessage(ctx, reasons, found.id);
    const body = isObject(ctx.body) ? ctx.body : {};
    found.followups.push(body);
    found.visible.push(body);
    let message: APIMessage;
    const original = found.original;
    if (original && typeof original.flags === 'number' && (original.flags & MessageFlags.Loading) !== 0) {
      // After a deferral, the first follow-up replaces the "thinking…" message.
      message = applyEdit(original, body);
      found.original = message;
    } else {
      message = this.#webhookMessage(found, snowflake(), body);
      found.followupMessages.set(message.id, message);
    }
    found.files.push(...this.#keepFiles(ctx, found.channelId, message));
    this.#messages.set(message.id, message);
    return ctx.query.get('wait') === 'true' ? { status: 200, body: message } : { status: 204 };
  }

  #webhookEdit(ctx: RouteContext): RouteResult {
    return this.#withWebhookMessage(ctx, (interaction, message) => {
      const reasons = this.#messageReasons(ctx, false);
      if (reasons.length > 0) return this.#refuseMessage(ctx, reasons, interaction.id);
      const body = isObject(ctx.body) ? ctx.body : {};
      const edited = applyEdit(message, body);
      interaction.files.push(...this.#keepFiles(ctx, interaction.channelId, edited, message));
      if (ctx.params.message === '@original') {
        interaction.original = edited;
        interaction.edits.push(body);
      } else {
        interaction.followupMessages.set(edited.id, edited);
      }
      interaction.visible.push(body);
      this.#messages.set(edited.id, edited);
      return { status: 200, body: edited };
    });
  }

  // ---------------------------------------------------------------- application commands

  #withScope(ctx: RouteContext, act: (scope: string) => RouteResult): RouteResult {
    if (ctx.params.app !== this.applicationId) {
      return this.#refuse(ctx, 403, 50001, 'Missing Access', [
        `application ${ctx.params.app ?? ''} is not this bot's (${this.applicationId})`,
      ]);
    }
    const guildId = ctx.params.guild;
    if (guildId !== undefined && !this.guilds.some((g) => g.id === guildId)) {
      return this.#refuse(ctx, 403, 50001, 'Missing Access', [`the bot is not in guild ${guildId}`]);
    }
    return act(guildId ?? 'global');
  }

  #storeCommand(scope: string, body: JsonObject, existing: StoredCommand | undefined): StoredCommand {
    const content: JsonObject = {
      ...body,
      type: typeof body.type === 'number' ? body.type : ApplicationCommandType.ChatInput,
      description: typeof body.description === 'string' ? body.description : '',
      default_member_permissions: body.default_member_permissions ?? null,
      nsfw: body.nsfw ?? false,
      integration_types: body.integration_types ?? [ApplicationIntegrationType.GuildInstall],
      contexts: body.contexts ?? null,
    };
    delete content.id;
    const unchanged = existing && JSON.stringify(this.#commandContent(existing)) === JSON.stringify(content);
    const stored = {
      ...content,
      id: existing?.id ?? snowflake(),
      application_id: this.applicationId,
      version: unchanged && existing ? existing.version : snowflake(),
      ...(scope === 'global' ? {} : { guild_id: scope }),
    } as StoredCommand;
    return stored;
  }

  #commandContent(command: StoredCommand): JsonObject {
    const { id: _id, application_id: _app, version: _version, guild_id: _guild, ...content } = command;
    return content;
  }

  #commandReasons(commands: unknown[]): string[] {
    const reasons: string[] = [];
    const seen = new Set<string>();
    commands.forEach((command, index) => {
      for (const reason of checkCommandPayload(command)) reasons.push(`[${index}] ${reason}`);
      if (isObject(command)) {
        const key = `${String(command.type ?? 1)}:${String(command.name)}`;
        if (seen.has(key)) reasons.push(`[${index}] application command names must be unique (${String(command.name)})`);
        seen.add(key);
      }
    });
    return reasons;
  }

  #putCommands(ctx: RouteContext, scope: string): RouteResult {
    if (!Array.isArray(ctx.body)) return this.#refuse(ctx, 400, 50035, 'Invalid Form Body', ['body must be an array of commands']);
    const reasons = this.#commandReasons(ctx.body);
    if (ctx.body.length > 100) reasons.push(`at most 100 commands per scope, got ${ctx.body.length}`);
    if (reasons.length > 0) return this.#refuse(ctx, 400, 50035, 'Invalid Form Body', reasons);
    const previous = this.commands.scopes.get(scope) ?? [];
    const next = (ctx.body as JsonObject[]).map((body) => {
      const existing = previous.find((c) => c.name === body.name && c.type === (body.type ?? 1));
      return this.#storeCommand(scope, body, existing);
    });
    this.commands.scopes.set(scope, next);
    this.commands.putCount += 1;
    this.commands.writeCount += 1;
    return { status: 200, body: next };
  }

  #postCommand(ctx: RouteContext, scope: string): RouteResult {
    const reasons = this.#commandReasons([ctx.body]);
    if (reasons.length > 0 || !isObject(ctx.body)) return this.#refuse(ctx, 400, 50035, 'Invalid Form Body', reasons);
    const body = ctx.body;
    const list = this.commands.scopes.get(scope) ?? [];
    const index = list.findIndex((c) => c.name === body.name && c.type === (body.type ?? 1));
    const stored = this.#storeCommand(scope, body, list[index]);
    if (index >= 0) list[index] = stored;
    else list.push(stored);
    this.commands.scopes.set(scope, list);
    this.commands.writeCount += 1;
    return { status: index >= 0 ? 200 : 201, body: stored };
  }

  #patchCommand(ctx: RouteContext, scope: string): RouteResult {
    const list = this.commands.scopes.get(scope) ?? [];
    const index = list.findIndex((c) => c.id === ctx.params.command);
    const existing = list[index];
    if (!existing) return this.#refuse(ctx, 404, 10063, 'Unknown application command');
    const merged = { ...this.#commandContent(existing), ...(isObject(ctx.body) ? ctx.body : {}) };
    const reasons = this.#commandReasons([merged]);
    if (reasons.length > 0) return this.#refuse(ctx, 400, 50035, 'Invalid Form Body', reasons);
    const stored = this.#storeCommand(scope, merged, existing);
    list[index] = stored;
    this.commands.writeCount += 1;
    return { status: 200, body: stored };
  }
}
