// The gateway bot end to end: the real entry point (`node bin/portfolio-bot.js start`, the compiled
// dist/) logs its discord.js Client into the fake Discord (tests/fake-discord), and fake users
// drive it. Run `npm run build` first.(npm test does).
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApplicationCommandOptionType, ComponentType, Events, MessageFlags } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.js';
import { INSIGHTS_REFUSAL } from '../commands/insights.js';
import { createDispatcher } from '../src/bot/dispatch.js';
import type { CommandModule } from '../src/bot/types.js';
import { buildDefinitions } from '../src/deploy/definitions.js';
import { createGatewayBot, type GatewayBot } from '../src/discord/client.js';
import { createLogger } from '../src/log.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { checkReply, startFakeDiscord, type FakeDiscord, type FakeInteraction, type JsonObject } from './fake-discord/index.js';
import { shippedPortfolio } from './helpers/bot.js';
import { fakeDiscordEnv, runBot, startBotProcess, type BotProcess, type LogLine } from './helpers/bot-process.js';

const LOOKAHEAD = { title: 'Lookahead Optimizer Analysis', url: 'https://github.com/akashpalrecha/Lookahead' };
const QUESTION = 'what optimizers has he worked on?';
/** Generous: a busy 2-core machine runs other test files at the same time. */
const WAIT = { timeoutMs: 15_000 };

interface Embed {
  title?: string;
  url?: string;
  description?: string;
  footer?: { text: string };
}
interface Component {
  type: number;
  custom_id?: string;
  label?: string;
  url?: string;
  options?: { label: string; value: string }[];
}

const embedsOf = (data: JsonObject | undefined): Embed[] => (data?.['embeds'] as Embed[] | undefined) ?? [];
const componentsOf = (data: JsonObject | undefined): Component[] =>
  ((data?.['components'] as { components: Component[] }[] | undefined) ?? []).flatMap((row) => row.components);
const buttonLabelled = (data: JsonObject | undefined, label: string): Component | undefined =>
  componentsOf(data).find((c) => c.type === ComponentType.Button && c.label === label);
const selectOf = (data: JsonObject | undefined): Component | undefined =>
  componentsOf(data).find((c) => c.type === ComponentType.StringSelect);

/** The callback body of a settled interaction, after checking it was answered once and accepted. */
async function answerOf(interaction: FakeInteraction): Promise<{ type: number; data: JsonObject }> {
  const response = await interaction.response(WAIT);
  expect(interaction.rejections).toEqual([]);
  expect(interaction.responses).toHaveLength(1);
  return { type: response.type, data: response.data ?? {} };
}

/** A sensible value for a required option, by its name and type. */
function sampleValue(option: { name: string; type: number; choices?: readonly { value: string | number }[] }): string | number | boolean {
  const choice = option.choices?.[0];
  if (choice) return choice.value;
  if (option.type === ApplicationCommandOptionType.Integer || option.type === ApplicationCommandOptionType.Number) return 1;
  if (option.type === ApplicationCommandOptionType.Boolean) return false;
  const byName: Record<string, string> = {
    name: 'lookahead',
    query: 'optimizers',
    question: QUESTION,
    section: 'projects',
    topic: 'optimizers',
  };
  return byName[option.name] ?? 'lookahead';
}

function requiredOptions(module: CommandModule): Record<string, string | number | boolean> {
  const options: Record<string, string | number | boolean> = {};
  for (const option of module.definition.options ?? []) {
    if ('required' in option && option.required) options[option.name] = sampleValue(option as Parameters<typeof sampleValue>[0]);
  }
  return options;
}

/** Registers the global commands in the fake the way `deploy` would, so interactions carry their ids and option types. */
async function registerGlobalCommands(discord: FakeDiscord): Promise<void> {
  const response = await fetch(`${discord.apiUrl}/v10/applications/${discord.applicationId}/commands`, {
    method: 'PUT',
    headers: { authorization: `Bot ${discord.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(buildDefinitions(COMMANDS, { kind: 'global' })),
  });
  expect(response.status).toBe(200);
}

describe('the gateway bot through `portfolio-bot start`', () => {
  let discord: FakeDiscord;
  let bot: BotProcess;
  const database = join(mkdtempSync(join(tmpdir(), 'portfolio-e2e-')), 'portfolio.db');

  beforeAll(async () => {
    discord = await startFakeDiscord({ defaultTimeoutMs: 15_000, requireRegisteredCommands: true });
    await registerGlobalCommands(discord);
    bot = await startBotProcess(discord, { LOG_LEVEL: 'info', COOLDOWN_COMMANDS: '1000', SQLITE_PATH: database });
  });

  afterAll(async () => {
    await bot?.stop();
    await discord?.close();
  });

  it('logs in once with only the intents it needs, and logs ready with its tag, guild count and invite link', () => {
    expect(discord.identifyCount).toBe(1);
    // Guilds | GuildMessages | DirectMessages: nothing privileged.
    expect(discord.intents).toBe((1 << 0) | (1 << 9) | (1 << 12));
    const { username, discriminator } = discord.botUser;
    const [ready] = bot.logsMatching('ready');
    expect(ready).toMatchObject({
      level: 'info',
      // discord.js's User#tag: no "#0000" for a bot without a discriminator.
      user: discriminator === '0' || discriminator === '0000' ? username : `${username}#${discriminator}`,
      guilds: discord.guilds.length,
    });
    // Send Messages (1 << 11), Embed Links (1 << 14), Read Message History (1 << 16): 83968, as the README says.
    expect(ready?.['invite']).toBe(
      `https://discord.com/oauth2/authorize?client_id=${discord.applicationId}&scope=bot%20applications.commands&permissions=83968`,
    );
    expect(bot.logsMatching('ready')).toHaveLength(1);
  });

  it.each(COMMANDS.map((module) => [module.definition.name, module] as const))(
    'answers /%s in a server and in a DM, within limits, mentions suppressed',
    async (name, module) => {
      const options = requiredOptions(module);
      for (const guild of [true, false]) {
        const interaction = discord.sendCommand({ name, options, guild });
        const { type, data } = await answerOf(interaction);
        expect(type).toBe(4);
        expect(data['allowed_mentions']).toMatchObject({ parse: [] });
        expect(data['allowed_mentions']).not.toHaveProperty('users');
        expect(checkReply(data)).toEqual([]);
        expect(embedsOf(data).length > 0 || typeof data['content'] === 'string').toBe(true);
        // Neither the error boundary's notice nor a complaint about the options we gave.
        expect(JSON.stringify(data)).not.toMatch(/Something went wrong|needs its `|I don't know \//);
        expect(interaction.payload['context']).toBe(guild ? 0 : 1);
      }
      expect(discord.rejections).toEqual([]);
    },
  );

  it('answers /projects optimizers with the Lookahead card first', async () => {
    const { type, data } = await answerOf(discord.sendCommand({ name: 'projects', options: { query: 'optimizers' } }));
    expect(type).toBe(4);
    expect(embedsOf(data)[0]).toMatchObject(LOOKAHEAD);
    expect(componentsOf(data)).toContainEqual(expect.objectContaining({ type: ComponentType.Button, url: LOOKAHEAD.url }));
    expect(data['flags'] ?? 0).toBe(0);
  });

  it('autocompletes /project: "mul" puts Multichannel Resnets first, empty input lists notable projects', async () => {
    const mul = await discord.sendAutocomplete({ name: 'project', options: { name: 'mul' } }).choices(WAIT);
    expect(mul[0]).toEqual({ name: 'Multichannel Resnets', value: 'multichannel-resnets' });

    const empty = await discord.sendAutocomplete({ name: 'project', options: { name: '' } }).choices(WAIT);
    const ids = new Set((await shippedPortfolio()).profile.projects.map((project) => project.id));
    expect(empty.length).toBeGreaterThan(0);
    expect(empty.length).toBeLessThanOrEqual(25);
    for (const choice of empty) expect(ids.has(choice['value'] as string)).toBe(true);
    expect(discord.rejections).toEqual([]);
  });

  it('pages a /projects list for its asker only, and opens a project from its menu in place or privately', async () => {
    const asker = discord.user();
    const other = discord.user();
    const list = discord.sendCommand({ name: 'projects', user: asker });
    const first = await answerOf(list);
    expect(JSON.stringify(embedsOf(first.data))).toMatch(/Page 1 of \d+/);
    const next = buttonLabelled(first.data, 'Next');
    expect(next?.custom_id).toMatch(new RegExp(`^pb1\\|projects\\|page\\|1\\|u=${asker.id}`));
    const message = list.original as unknown as JsonObject;
    const messageId = message['id'] as string;

    const paged = await answerOf(discord.pressButton({ customId: next!.custom_id!, message, user: asker }));
    expect(paged.type).toBe(7);
    expect(embedsOf(paged.data)[0]?.footer?.text).toMatch(/^Page 2 of \d+/);
    const pageTwo = await fetchMessage(discord, discord.channelId, messageId);

    // Someone else presses the asker's Next: a private notice, and the asker's message stays as it is.
    const refused = await answerOf(discord.pressButton({ customId: next!.custom_id!, message, user: other }));
    expect(refused.type).toBe(4);
    expect(refused.data['flags']).toBe(MessageFlags.Ephemeral);
    expect(refused.data['content']).toMatch(/Only the person who ran \/projects can page this list/);
    expect(await fetchMessage(discord, discord.channelId, messageId)).toEqual(pageTwo);

    // Someone else opens a project from the asker's menu: their own private card.
    const select = selectOf(paged.data);
    expect(select?.custom_id).toMatch(/^pb1\|projects\|open\|/);
    expect(select?.options?.map((o) => o.value)).toContain('lookahead-optimizer-analysis');
    const peek = await answerOf(
      discord.selectMenu({ customId: select!.custom_id!, values: ['lookahead-optimizer-analysis'], message, user: other }),
    );
    expect(peek.type).toBe(4);
    expect(peek.data['flags']).toBe(MessageFlags.Ephemeral);
    expect(embedsOf(peek.data)[0]).toMatchObject(LOOKAHEAD);
    expect(await fetchMessage(discord, discord.channelId, messageId)).toEqual(pageTwo);

    // The asker opens it: their message becomes the card.
    const opened = await answerOf(
      discord.selectMenu({ customId: select!.custom_id!, values: ['lookahead-optimizer-analysis'], message, user: asker }),
    );
    expect(opened.type).toBe(7);
    expect(embedsOf(opened.data)[0]).toMatchObject(LOOKAHEAD);
    expect(buttonLabelled(opened.data, 'Back to the list')?.custom_id).toMatch(/^pb1\|projects\|page\|0\|/);
    expect(embedsOf((await fetchMessage(discord, discord.channelId, messageId)) as JsonObject)[0]).toMatchObject(LOOKAHEAD);
    expect(discord.rejections).toEqual([]);
  });

  it('shares a private answer: /contact private:true, then "Share in channel" posts the same card publicly', async () => {
    const asker = discord.user();
    const secret = discord.sendCommand({ name: 'contact', options: { private: true }, user: asker });
    const hidden = await answerOf(secret);
    expect(hidden.type).toBe(4);
    expect(hidden.data['flags']).toBe(MessageFlags.Ephemeral);
    expect(embedsOf(hidden.data)[0]?.title).toBe('Contact Akash Palrecha');
    const share = buttonLabelled(hidden.data, 'Share in channel');
    expect(share?.custom_id).toBe(`pb1|share|contact|u=${asker.id}`);

    const shared = await answerOf(
      discord.pressButton({ customId: share!.custom_id!, message: secret.original as unknown as JsonObject, user: asker }),
    );
    expect(shared.type).toBe(4);
    expect(shared.data['flags'] ?? 0).toBe(0);
    expect(embedsOf(shared.data)).toEqual(embedsOf(hidden.data));
    expect(buttonLabelled(shared.data, 'Share in channel')).toBeUndefined();
    expect(shared.data['allowed_mentions']).toMatchObject({ parse: [] });
  });

  it('a Share button for a command that is gone names only the commands whose answers can be shared', async () => {
    const asker = discord.user();
    const shareable =
      '/about, /projects, /project, /experience, /research, /learning, /blogs, /skills, /contact, /resume, /search, /ask, ' +
      'or /help for examples.';
    // In a server and in a DM: no /who, /portfolio, /portfolio-mod or /insights, which have no Share button.
    for (const guild of [true, false]) {
      const gone = await answerOf(discord.pressButton({ customId: `pb1|share|retired|u=${asker.id}|k=x`, user: asker, guild }));
      expect(gone.data).toEqual({
        content: `I don't know /retired, so there is nothing to share. Try ${shareable}`,
        flags: MessageFlags.Ephemeral,
        allowed_mentions: { parse: [] },
      });
    }
    // A command without private answers is not run by a (forged) Share button.
    const who = await answerOf(discord.pressButton({ customId: `pb1|share|who|u=${asker.id}|k=optimizers`, user: asker }));
    expect(who.data['content']).toBe(`/who answers can't be shared with a button. Try ${shareable}`);
    expect(discord.rejections).toEqual([]);
  });

  it('answers a DM question and a mention, and ignores other chatter and other bots', async () => {
    const dm = discord.sendDirectMessage({ content: QUESTION });
    const dmReply = await dm.waitForReply(WAIT);
    expect(dmReply.channelId).toBe(dm.channelId);
    expect(JSON.stringify(dmReply.body)).toContain('Lookahead');
    expect(dmReply.body['allowed_mentions']).toMatchObject({ parse: [] });

    const mention = discord.sendGuildMessage({ content: QUESTION, mentionBot: true });
    const mentionReply = await mention.waitForReply(WAIT);
    expect(mentionReply.channelId).toBe(discord.channelId);
    expect(JSON.stringify(mentionReply.body)).toContain('Lookahead');
    expect(mentionReply.body['message_reference']).toMatchObject({ message_id: mention.id });

    // Ignored: chatter that does not mention the bot, and another bot (mentioning it, or in a DM).
    discord.sendGuildMessage({ content: QUESTION });
    const robot = { ...discord.user(), bot: true };
    discord.sendGuildMessage({ content: QUESTION, mentionBot: true, user: robot });
    const robotDm = discord.sendDirectMessage({ content: QUESTION, user: robot });
    // Messages are handled in gateway order: if the next reply in the channel answers this
    // later mention, none of the ignored ones was answered.
    const sentinel = discord.sendGuildMessage({ content: 'contact', mentionBot: true });
    expect((await discord.waitForChannelMessage(discord.channelId, WAIT)).body['message_reference']).toMatchObject({
      message_id: sentinel.id,
    });
    await Promise.all([discord.expectNoChannelMessage(discord.channelId, 300), discord.expectNoChannelMessage(robotDm.channelId, 300)]);
    expect(discord.rejections).toEqual([]);
  });

  it('logs one structured line per interaction, with the command, its time and outcome', async () => {
    const user = discord.user();
    const mine = (line: LogLine) => line.msg === 'interaction' && line['user'] === user.id;
    const list = discord.sendCommand({ name: 'projects', user });
    const { data } = await answerOf(list);
    await answerOf(discord.sendCommand({ name: 'contact', user, guild: false }));
    await discord.sendAutocomplete({ name: 'project', options: { name: 'look' }, user }).choices(WAIT);
    await answerOf(
      discord.pressButton({ customId: buttonLabelled(data, 'Next')!.custom_id!, message: list.original as unknown as JsonObject, user }),
    );

    await bot.waitForLog(() => bot.logs.filter(mine).length >= 4);
    await sleep(300); // nothing more arrives for them
    const lines = bot.logs.filter(mine);
    expect(lines.map((line) => [line['kind'], line['command'], line['outcome']])).toEqual([
      ['command', 'projects', 'ok'],
      ['command', 'contact', 'ok'],
      ['autocomplete', 'project', 'ok'],
      ['button', 'projects', 'ok'],
    ]);
    for (const line of lines) {
      expect(line.level).toBe('info');
      expect(typeof line['ms']).toBe('number');
      expect(line['ms']).toBeGreaterThanOrEqual(0);
    }
  });

  it("answers /insights privately to the application's owner with what was asked, and refuses anyone else politely", async () => {
    const visitor = discord.user();
    await answerOf(discord.sendCommand({ name: 'ask', options: { question: 'Does he speak Klingon?' }, user: visitor }));

    const refused = await answerOf(discord.sendCommand({ name: 'insights', user: visitor }));
    expect(refused.type).toBe(4);
    expect(refused.data).toMatchObject({ content: INSIGHTS_REFUSAL, flags: MessageFlags.Ephemeral });
    expect(embedsOf(refused.data)).toEqual([]);
    // Not in a DM either.
    const refusedInDm = await answerOf(discord.sendCommand({ name: 'insights', user: visitor, guild: false }));
    expect(refusedInDm.data).toMatchObject({ content: INSIGHTS_REFUSAL, flags: MessageFlags.Ephemeral });

    // The owner (the fake's default user owns the application), in a server and in a DM.
    for (const guild of [true, false]) {
      const report = await answerOf(discord.sendCommand({ name: 'insights', options: { days: 7 }, guild }));
      expect(report.data['flags']).toBe(MessageFlags.Ephemeral);
      expect(checkReply(report.data)).toEqual([]);
      const [card] = embedsOf(report.data);
      expect(card?.title).toBe('Insights — the last 7 days');
      expect(JSON.stringify(card)).toContain('does he speak klingon');
    }

    // What was stored names servers, never a user.
    const store = await openSqliteStore(database);
    try {
      const rows = await store.sql.all('SELECT * FROM insight_events');
      expect(rows.length).toBeGreaterThan(COMMANDS.length);
      const ids = JSON.stringify(rows).match(/\d{17,20}/g) ?? [];
      expect(ids.filter((id) => !discord.guilds.some((guild) => guild.id === id))).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('never prints the token, and every stderr line is a JSON log line', () => {
    expect(bot.output).not.toContain(discord.token);
    expect(bot.stderrLines.length).toBe(bot.logs.length);
    expect(bot.logsMatching((line) => line.level === 'error')).toEqual([]);
  });

  // Last: it stops the shared bot.
  it('on SIGTERM finishes the reply in flight, destroys the client and exits 0 within 5 s', async () => {
    // Hold the reply in flight: its callback is rate limited once, so discord.js waits and retries.
    discord.failNextCallbacks([{ status: 429, retryAfter: 1.2 }]);
    const inFlight = discord.sendCommand({ name: 'projects', options: { query: 'optimizers' } });
    await waitUntil(() => inFlight.callbackAttempts >= 1);
    const signalled = performance.now();
    bot.child.kill('SIGTERM');
    const exit = await bot.waitForExit(15_000);
    const elapsed = performance.now() - signalled;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(elapsed).toBeLessThan(5000);

    const { data } = await answerOf(inFlight);
    expect(embedsOf(data)[0]).toMatchObject(LOOKAHEAD);
    expect(inFlight.callbackAttempts).toBe(2);
    expect(bot.logsMatching('shutting down')).toEqual([expect.objectContaining({ signal: 'SIGTERM', inFlight: 1 })]);
    expect(bot.logsMatching('stopped')).toHaveLength(1); // the graceful path, not the 5 s fallback
    await waitUntil(() => !discord.connected);
    expect(bot.output).not.toContain(discord.token);
    expect(discord.rejections).toEqual([]);
  });
});

describe('/insights for an application owned by a team', () => {
  let discord: FakeDiscord;
  let bot: BotProcess;

  beforeAll(async () => {
    discord = await startFakeDiscord({ defaultTimeoutMs: 15_000, requireRegisteredCommands: true });
    await registerGlobalCommands(discord);
    bot = await startBotProcess(discord, { LOG_LEVEL: 'info', INSIGHTS_DAYS: '30' });
  });

  afterAll(async () => {
    await bot?.stop();
    await discord?.close();
  });

  it("answers the team's members who accepted, and refuses an invited one and the application's former owner", async () => {
    const member = discord.user();
    const invited = discord.user();
    discord.applicationTeam = {
      id: '400000000000000001',
      ownerUserId: member.id,
      members: [
        { user: member, accepted: true },
        { user: invited, accepted: false },
      ],
    };
    const report = await answerOf(discord.sendCommand({ name: 'insights', user: member }));
    expect(report.data['flags']).toBe(MessageFlags.Ephemeral);
    expect(embedsOf(report.data)[0]?.title).toBe('Insights — the last 30 days');
    for (const user of [invited, discord.defaultUser]) {
      const refused = await answerOf(discord.sendCommand({ name: 'insights', user }));
      expect(refused.data).toMatchObject({ content: INSIGHTS_REFUSAL, flags: MessageFlags.Ephemeral });
    }
    expect(discord.rejections).toEqual([]);
  });
});

describe('`portfolio-bot deploy` against the fake', () => {
  let discord: FakeDiscord | undefined;
  afterEach(async () => {
    await discord?.close();
    discord = undefined;
  });
  const names = COMMANDS.map((module) => module.definition.name);

  it('registers global commands for servers, DMs and user installs, then finds them up to date', async () => {
    discord = await startFakeDiscord();
    const env = fakeDiscordEnv(discord, { DISCORD_CLIENT_ID: discord.applicationId });
    const first = await runBot(['deploy'], env);
    expect(first.exitStatus.code).toBe(0);
    expect(first.stdout).toContain(`registered ${COMMANDS.length} commands`);
    const global = discord.commands.global;
    expect(global.map((command) => command.name)).toEqual(names);
    for (const command of global) expect(command).toMatchObject({ integration_types: [0, 1], contexts: [0, 1, 2] });
    expect(discord.commands.putCount).toBe(1);

    const second = await runBot(['deploy'], env);
    expect(second.exitStatus.code).toBe(0);
    expect(second.stdout).toContain('up to date');
    expect(discord.commands.putCount).toBe(1);
    expect(discord.commands.writeCount).toBe(1);
    expect(discord.rejections).toEqual([]);
    expect(first.output + second.output).not.toContain(discord.token);
  });

  it('registers guild commands when DISCORD_GUILD_ID is set', async () => {
    discord = await startFakeDiscord();
    const run = await runBot(
      ['deploy'],
      fakeDiscordEnv(discord, { DISCORD_CLIENT_ID: discord.applicationId, DISCORD_GUILD_ID: discord.guildId }),
    );
    expect(run.exitStatus.code).toBe(0);
    expect(run.stdout).toContain(`registered ${COMMANDS.length} commands (guild ${discord.guildId})`);
    const guild = discord.commands.guild(discord.guildId);
    expect(guild.map((command) => command.name)).toEqual(names);
    for (const command of guild) expect(command).toMatchObject({ guild_id: discord.guildId, contexts: null });
    expect(discord.commands.global).toEqual([]);
    expect(discord.rejections).toEqual([]);
  });

  it('finds guild commands up to date the second time (integration_types and contexts are not sent there)', async () => {
    discord = await startFakeDiscord();
    const env = fakeDiscordEnv(discord, { DISCORD_GUILD_ID: discord.guildId });
    expect((await runBot(['deploy'], env)).exitStatus.code).toBe(0);
    const second = await runBot(['deploy'], env);
    expect(second.exitStatus.code).toBe(0);
    expect(second.stdout).toBe(`up to date: ${COMMANDS.length} commands already registered (guild ${discord.guildId})\n`);
    expect(discord.commands.putCount).toBe(1);
  });

  it("sends again when anything it sends differs from what is registered, e.g. /projects query's max_length", async () => {
    discord = await startFakeDiscord();
    const env = fakeDiscordEnv(discord);
    expect((await runBot(['deploy'], env)).exitStatus.code).toBe(0);
    // What is registered no longer matches the code (as after a change to max_length in commands/projects.ts).
    const projects = discord.commands.global.find((command) => command.name === 'projects')!;
    const query = (projects['options'] as JsonObject[]).find((option) => option['name'] === 'query')!;
    expect(query['max_length']).toBe(100);
    query['max_length'] = 50;
    const again = await runBot(['deploy'], env);
    expect(again.exitStatus.code).toBe(0);
    expect(again.stdout).toBe(`registered ${COMMANDS.length} commands (global (servers, DMs and user installs)): /projects changed\n`);
    expect(discord.commands.putCount).toBe(2);
    expect(query['max_length']).toBe(50); // the old object; the store now holds the sent one
    const stored = discord.commands.global.find((command) => command.name === 'projects')!;
    expect((stored['options'] as JsonObject[])[0]).toMatchObject({ name: 'query', max_length: 100 });
    const third = await runBot(['deploy'], env);
    expect(third.stdout).toContain('up to date');
    expect(discord.commands.putCount).toBe(2);
  });

  it('without DISCORD_CLIENT_ID reads the id from the token (GET /applications/@me)', async () => {
    discord = await startFakeDiscord();
    const run = await runBot(['deploy'], fakeDiscordEnv(discord));
    expect(run.exitStatus.code).toBe(0);
    expect(discord.requests.filter((request) => request.route === 'GET /applications/@me')).toHaveLength(1);
    expect(discord.commands.global.map((command) => command.name)).toEqual(names);
    expect(discord.rejections).toEqual([]);
  });

  it("says a wrong DISCORD_CLIENT_ID (403 Missing Access) is not the token's application, and names the right one", async () => {
    discord = await startFakeDiscord();
    const wrong = '1100000000000000999';
    const run = await runBot(['deploy'], fakeDiscordEnv(discord, { DISCORD_CLIENT_ID: wrong }));
    expect(run.exitStatus.code).toBe(1);
    expect(run.stderrLines.at(-1)).toBe(
      `portfolio-bot deploy: Discord answered 403 Missing Access: DISCORD_CLIENT_ID ${wrong} is not the application of DISCORD_TOKEN ` +
        `(DISCORD_TOKEN belongs to application ${discord.applicationId}). Fix DISCORD_CLIENT_ID, or leave it ` +
        `empty: deploy reads the id from the token`,
    );
    expect(discord.rejections.map((rejection) => `${rejection.status} ${rejection.code}`)).toEqual(['403 50001']);
    expect(discord.commands.putCount).toBe(0);
    expect(run.output).not.toContain(discord.token);
  });

  it('says so when the commands PUT is refused with 403 Missing Access for a guild the application is not in', async () => {
    discord = await startFakeDiscord();
    discord.failNextRequests('PUT /applications/:app/guilds/:guild/commands', [{ status: 403, code: 50001, message: 'Missing Access' }]);
    const run = await runBot(
      ['deploy'],
      fakeDiscordEnv(discord, { DISCORD_CLIENT_ID: discord.applicationId, DISCORD_GUILD_ID: discord.guildId }),
    );
    expect(run.exitStatus.code).toBe(1);
    expect(run.stderrLines.at(-1)).toBe(
      `portfolio-bot deploy: Discord answered 403 Missing Access: application ${discord.applicationId} is not ` +
        `in guild ${discord.guildId} (DISCORD_GUILD_ID). ` +
        'Invite it there with the applications.commands scope, or leave DISCORD_GUILD_ID empty for global commands',
    );
    expect(discord.injected.map((failure) => failure.route)).toEqual(['PUT /applications/:app/guilds/:guild/commands']);
  });

  it('reports a rate limit on the PUT instead of waiting it out', async () => {
    discord = await startFakeDiscord();
    discord.failNextRequests('PUT /applications/:app/commands', [{ status: 429, retryAfter: 600 }]);
    const started = Date.now();
    const run = await runBot(['deploy'], fakeDiscordEnv(discord));
    expect(run.exitStatus.code).toBe(1);
    expect(run.stderrLines.at(-1)).toBe(
      'portfolio-bot deploy: Discord is rate limiting PUT /applications/:id/commands: try again in 600 s',
    );
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('prints the definitions with --dry-run and sends nothing', async () => {
    discord = await startFakeDiscord();
    const run = await runBot(['deploy', '--dry-run'], fakeDiscordEnv(discord, { DISCORD_CLIENT_ID: discord.applicationId }));
    expect(run.exitStatus.code).toBe(0);
    const printed = JSON.parse(run.stdout) as { name: string; integration_types: number[]; contexts: number[] }[];
    expect(printed.map((command) => command.name)).toEqual(names);
    expect(printed[0]).toMatchObject({ integration_types: [0, 1], contexts: [0, 1, 2] });
    expect(run.stderr).toContain('nothing sent');
    expect(discord.requests).toEqual([]);
    expect(discord.commands.putCount).toBe(0);
  });
});

describe('`portfolio-bot start` with a bad token', () => {
  it('exits 1 with one clear line, no stack trace, no retry, no token', async () => {
    const discord = await startFakeDiscord();
    const badToken = 'bm90LXRoZS10b2tlbg.ZmFrZQ.wrong-token-for-this-test';
    try {
      const run = await runBot(['start'], fakeDiscordEnv(discord, { DISCORD_TOKEN: badToken }), 15_000);
      expect(run.exitStatus, run.stderr).toEqual({ code: 1, signal: null });
      const errors = run.logsMatching((line) => line.level === 'error');
      expect(errors, run.stderr).toHaveLength(1);
      expect(errors[0]?.msg).toMatch(/DISCORD_TOKEN/);
      expect(run.stderrLines.length).toBe(run.logs.length); // nothing but log lines: no stack trace
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.output).not.toContain(badToken);
      expect(discord.requests.filter((request) => request.route === 'GET /gateway/bot')).toHaveLength(1);
      expect(discord.identifyCount).toBe(0);
    } finally {
      await discord.close();
    }
  });
});

describe('a handler that throws (in-process gateway bot)', () => {
  let discord: FakeDiscord | undefined;
  let gateway: GatewayBot | undefined;
  afterEach(async () => {
    await gateway?.client.destroy();
    await discord?.close();
    gateway = undefined;
    discord = undefined;
  });

  it('tells the user privately with a ref, logs the same ref and the stack, and keeps serving', async () => {
    discord = await startFakeDiscord({ defaultTimeoutMs: 15_000 });
    const lines: LogLine[] = [];
    const logger = createLogger('info', (line) => lines.push(JSON.parse(line) as LogLine));
    const shipped = await shippedPortfolio();
    const boom: CommandModule = {
      definition: { name: 'boom', description: 'Always fails' },
      execute() {
        throw new Error('kaboom: a bug in a handler');
      },
    };
    const dispatcher = createDispatcher({ commands: [...COMMANDS, boom], portfolio: () => shipped, logger });
    gateway = createGatewayBot({ token: discord.token, apiUrl: discord.apiUrl, dispatcher, logger });
    const ready = once(gateway.client, Events.ClientReady);
    await gateway.start();
    await ready;

    const failed = await answerOf(discord.sendCommand({ name: 'boom' }));
    expect(failed.type).toBe(4);
    expect(failed.data['flags']).toBe(MessageFlags.Ephemeral);
    expect(embedsOf(failed.data)).toEqual([]);
    const ref = /^Something went wrong on my side \(ref ([0-9a-f]{6})\)/.exec(String(failed.data['content']))?.[1];
    expect(ref).toBeDefined();
    const logged = lines.filter((line) => line.msg === 'handler failed');
    expect(logged).toEqual([expect.objectContaining({ level: 'error', ref, name: 'boom', error: 'kaboom: a bug in a handler' })]);
    expect(logged[0]?.['stack']).toMatch(/kaboom[\s\S]*\n\s+at /);

    const next = await answerOf(discord.sendCommand({ name: 'projects', options: { query: 'optimizers' } }));
    expect(embedsOf(next.data)[0]).toMatchObject(LOOKAHEAD);
    expect(discord.rejections).toEqual([]);
    expect(JSON.stringify(lines)).not.toContain(discord.token);
  });
});

/** The message as the fake holds it now (what every user sees). */
async function fetchMessage(discord: FakeDiscord, channelId: string, messageId: string): Promise<unknown> {
  const response = await fetch(`${discord.apiUrl}/v10/channels/${channelId}/messages/${messageId}`, {
    headers: { authorization: `Bot ${discord.token}` },
  });
  expect(response.status).toBe(200);
  return response.json();
}

async function waitUntil(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(10);
  }
}
