// Builders for the API objects the fake sends: users, members, channels, guilds, messages.
// Shapes follow Discord's v10 objects (discord-api-types, re-exported by discord.js) closely
// enough that discord.js builds its structures from them without surprises.
import { randomBytes } from 'node:crypto';
import { ChannelType, MessageFlags, MessageType } from 'discord-api-types/v10';
import type { APIMessage, APIUser } from 'discord.js';

/** Channels, members, roles and guilds are sent as plain JSON; only users and messages are typed. */
export type JsonObject = Record<string, unknown>;

const DISCORD_EPOCH = 1_420_070_400_000n;
let last = 0n;

/**
 * A fresh snowflake with the current time in it (discord.js derives `createdTimestamp` from ids),
 * never one handed out before: past 4 096 in a millisecond (thousands of guilds built at once) the
 * time part runs ahead of the clock.
 */
export function snowflake(): string {
  const now = ((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (1n << 17n);
  last = now > last ? now : last + 1n;
  return last.toString();
}

/** An opaque interaction token, like Discord's. */
export function interactionToken(): string {
  return `aW50ZXJhY3Rpb24${randomBytes(48).toString('base64url')}`;
}

/** Permissions the bot has everywhere: view, send, embed links, attach, read history, reactions, external emoji, slash commands. */
export const BOT_PERMISSIONS = (
  (1n << 6n) |
  (1n << 10n) |
  (1n << 11n) |
  (1n << 14n) |
  (1n << 15n) |
  (1n << 16n) |
  (1n << 18n) |
  (1n << 31n)
).toString();

export function buildUser(id: string, username: string, bot = false): APIUser {
  return {
    id,
    username,
    global_name: bot ? null : username,
    discriminator: bot ? '0000' : '0',
    avatar: null,
    ...(bot ? { bot: true } : {}),
  };
}

export function buildMember(user: APIUser | null, joinedAt: string, nick: string | null = null): JsonObject {
  return {
    ...(user ? { user } : {}),
    nick,
    avatar: null,
    roles: [],
    joined_at: joinedAt,
    deaf: false,
    mute: false,
    flags: 0,
  };
}

export interface FakeGuild {
  id: string;
  name: string;
  /** The guild's one text channel ("general"). */
  channelId: string;
  joinedAt: string;
}

export function buildTextChannel(guild: FakeGuild): JsonObject {
  return {
    id: guild.channelId,
    type: ChannelType.GuildText,
    guild_id: guild.id,
    name: 'general',
    position: 0,
    permission_overwrites: [],
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

export function buildDmChannel(channelId: string, recipient: APIUser): JsonObject {
  return { id: channelId, type: ChannelType.DM, recipients: [recipient], last_message_id: null, flags: 0 };
}

function everyoneRole(guild: FakeGuild): JsonObject {
  return {
    id: guild.id,
    name: '@everyone',
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: 0,
    permissions: BOT_PERMISSIONS,
    managed: false,
    mentionable: false,
    flags: 0,
  };
}

/** The guild object without the GUILD_CREATE extras (what `GET /guilds/{id}` answers). */
export function buildGuild(guild: FakeGuild, ownerId: string): JsonObject {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [everyoneRole(guild)],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: guild.channelId,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
  };
}

/** GUILD_CREATE `d`: the guild, its text channel and the bot as a member. */
export function buildGuildCreate(guild: FakeGuild, botUser: APIUser, ownerId: string): JsonObject {
  return {
    ...buildGuild(guild, ownerId),
    unavailable: false,
    joined_at: guild.joinedAt,
    large: false,
    member_count: 2,
    channels: [buildTextChannel(guild)],
    threads: [],
    members: [buildMember(botUser, guild.joinedAt)],
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export interface MessageFields {
  id: string;
  channelId: string;
  author: APIUser;
  guildId?: string | undefined;
  /** The JSON a client sent (content, embeds, components, flags…); unknown keys are ignored. */
  body?: JsonObject;
  webhookId?: string;
  applicationId?: string;
}

/** A full message object, as Discord answers a create/edit or embeds it in an interaction. */
export function buildMessage(fields: MessageFields): APIMessage {
  const body = fields.body ?? {};
  const message: JsonObject = {
    id: fields.id,
    channel_id: fields.channelId,
    author: fields.author,
    content: typeof body.content === 'string' ? body.content : '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: body.tts === true,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: Array.isArray(body.embeds) ? body.embeds : [],
    components: Array.isArray(body.components) ? body.components : [],
    pinned: false,
    type: MessageType.Default,
    flags: typeof body.flags === 'number' ? body.flags : 0,
  };
  if (fields.guildId) message.guild_id = fields.guildId;
  if (fields.webhookId) message.webhook_id = fields.webhookId;
  if (fields.applicationId) message.application_id = fields.applicationId;
  return message as unknown as APIMessage;
}

/** Applies an edit body to a message the way Discord does: keys present replace, others stay. */
export function applyEdit(message: APIMessage, body: JsonObject): APIMessage {
  const next: JsonObject = { ...message, edited_timestamp: new Date().toISOString() };
  if ('content' in body) next.content = typeof body.content === 'string' ? body.content : '';
  if ('embeds' in body) next.embeds = Array.isArray(body.embeds) ? body.embeds : [];
  if ('components' in body) next.components = Array.isArray(body.components) ? body.components : [];
  if ('attachments' in body) next.attachments = Array.isArray(body.attachments) ? body.attachments : [];
  // The loading flag of a deferred reply goes away with the first edit; ephemeral stays.
  const flags = typeof message.flags === 'number' ? message.flags : 0;
  next.flags = flags & ~MessageFlags.Loading;
  return next as unknown as APIMessage;
}

/** Divisible by every shard count from 1 to 16 (their least common multiple). */
const SHARD_COUNTS_LCM = 720_720n;
const MANY_GUILDS_BASE = 1_000_000_000_000n - (1_000_000_000_000n % SHARD_COUNTS_LCM);

/**
 * `count` guilds whose ids spread evenly over the shards: for any shard count n up to 16, guild i
 * belongs to shard `i % n` (its id's time part, `id >> 22`, is a multiple of n plus i).
 */
export function manyGuilds(count: number): { id: string; name: string }[] {
  return Array.from({ length: count }, (_, i) => ({
    id: (((MANY_GUILDS_BASE + BigInt(i)) << 22n) | 1n).toString(),
    name: `Guild ${i + 1}`,
  }));
}
