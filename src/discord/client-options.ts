// The bot's discord.js client settings, apart so that the benchmark's bare
// baseline client (scripts/bench-baseline-bot.ts) uses exactly the same ones
// without loading any of the bot's other modules.
import type { ClientOptions } from 'discord.js';
import { discord } from './library.js';
import { shardOptions, type ShardSetting } from './shards.js';

const { GatewayIntentBits, Options, Partials } = discord;

/**
 * No privileged intents (DM text and mentions carry their content without one), and no caches the bot never reads.
 * Every shard of `shards` runs in this client (see shards.ts).
 */
export function clientOptions(apiUrl: string, shards: ShardSetting = 'auto'): ClientOptions {
  return {
    ...shardOptions(shards),
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages, GatewayIntentBits.GuildMessages],
    partials: [Partials.Channel],
    allowedMentions: { parse: [], repliedUser: false },
    rest: { api: apiUrl },
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      GuildMessageManager: 0,
      DMMessageManager: 0,
      GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
      PresenceManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      ThreadMemberManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      GuildScheduledEventManager: 0,
      StageInstanceManager: 0,
      VoiceStateManager: 0,
      GuildInviteManager: 0,
      GuildBanManager: 0,
      AutoModerationRuleManager: 0,
      ApplicationCommandManager: 0,
      BaseGuildEmojiManager: 0,
      UserManager: { maxSize: 100 },
    }),
  };
}
