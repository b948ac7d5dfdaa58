// The bare transport that `npm run bench` measures the bot against: a discord.js
// Client with the bot's own client settings (src/discord/client-options.ts, which
// loads nothing but discord.js) that answers every chat command with one constant
// embed and every autocomplete with constant choices. Whatever the bot costs
// beyond this is the price of the bot itself.
//
//   DISCORD_TOKEN=… DISCORD_API_URL=http://127.0.0.1:PORT/api node dist/scripts/bench-baseline-bot.js
import { Client, Events, type APIEmbed } from 'discord.js';
import { clientOptions } from '../src/discord/client-options.js';

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

// As the bot's start does (src/discord/run.ts): discord.js reads SHARD_COUNT from the environment,
// where the bench's blank one would be 0 shards; the shards come from clientOptions.
delete process.env['SHARD_COUNT'];
const client = new Client(clientOptions(api));

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
