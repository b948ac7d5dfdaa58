// The bare transport that `npm run bench` measures the bot against: a discord.js
// Client with the bot's client settings (intents, partials, allowedMentions and
// caches copied from src/discord/client.ts, not imported, so that none of the
// bot's own modules is loaded) that answers every chat command with one constant
// embed and every autocomplete with constant choices. Whatever the bot costs
// beyond this is the price of the bot itself.
//
//   DISCORD_TOKEN=… DISCORD_API_URL=http://127.0.0.1:PORT/api node dist/scripts/bench-baseline-bot.js
import { Client, Events, GatewayIntentBits, Options, Partials, type APIEmbed } from 'discord.js';

const token = process.env['DISCORD_TOKEN'] ?? '';
const api = process.env['DISCORD_API_URL'] ?? 'https://discord.com/api';

const EMBED: APIEmbed = {
  title: 'Baseline',
  description: 'A constant answer: what the transport costs without the bot.',
  color: 0x5865f2,
  fields: [{ name: 'Field', value: 'Value', inline: true }],
};
const CHOICES = [
  { name: 'Lookahead Optimizer Analysis', value: 'lookahead' },
  { name: 'Drought Detection Challenge', value: 'drought' },
  { name: 'Java-ML', value: 'java-ml' },
];

const client = new Client({
  intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages, GatewayIntentBits.GuildMessages],
  partials: [Partials.Channel],
  allowedMentions: { parse: [], repliedUser: false },
  rest: { api },
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
});

client.on(Events.InteractionCreate, (interaction) => {
  const answer = interaction.isAutocomplete()
    ? interaction.respond(CHOICES)
    : interaction.isChatInputCommand()
      ? interaction.reply({ embeds: [EMBED], allowedMentions: { parse: [], repliedUser: false } })
      : undefined;
  answer?.catch((error: unknown) => process.stderr.write(`baseline reply failed: ${(error as Error).message}\n`));
});
client.on(Events.Error, (error) => process.stderr.write(`baseline client error: ${error.message}\n`));

const stop = () => void client.destroy().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

await client.login(token);
