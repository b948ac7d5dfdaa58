// Proves the fake Discord against the real discord.js Client: a bare client (no bot code) logs
// in, answers interactions in every way the bot will, survives gateway faults and REST failures,
// and gets refused where real Discord would refuse it.
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ApplicationCommandOptionType,
  ButtonStyle,
  Client,
  ComponentType,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  InteractionResponseType,
  MessageFlags,
  Partials,
  Routes,
  type ClientOptions,
  type Interaction,
  type Message,
} from 'discord.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import {
  checkAutocompleteChoices,
  checkCommandPayload,
  checkMessagePayload,
  manyGuilds,
  MAX_GUILDS_PER_SHARD,
  shardOf,
  startFakeDiscord,
  type FakeDiscord,
  type FakeDiscordOptions,
} from './fake-discord/index.js';

const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages, GatewayIntentBits.GuildMessages];

let discord: FakeDiscord | undefined;
let client: Client | undefined;
/** Errors thrown by the test bot's handlers (e.g. a DiscordAPIError for a refused reply). */
let handlerErrors: unknown[] = [];

afterEach(async () => {
  await client?.destroy();
  await discord?.close();
  client = undefined;
  discord = undefined;
  handlerErrors = [];
});

/** A minimal bot: enough discord.js calls to exercise every response path the fake must speak. */
async function handleInteraction(interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) {
    const typed = interaction.options.getFocused();
    await interaction.respond([{ name: `Lookahead (${typed})`, value: 'lookahead' }]);
    return;
  }
  if (interaction.isButton()) {
    await interaction.update({ content: `page ${interaction.customId.split(':')[1] ?? '?'}`, components: [] });
    return;
  }
  if (interaction.isStringSelectMenu()) {
    await interaction.update({ content: `picked ${interaction.values.join(',')}` });
    return;
  }
  if (!interaction.isChatInputCommand()) return;
  switch (interaction.commandName) {
    case 'ping':
      await interaction.reply({ content: 'pong', flags: MessageFlags.Ephemeral });
      return;
    case 'echo':
      await interaction.reply({ content: `${interaction.user.id}: ${interaction.options.getString('text', true)}` });
      return;
    case 'slow':
      await interaction.deferReply();
      await interaction.editReply({ content: 'done' });
      return;
    case 'later':
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.followUp({ content: 'later', flags: MessageFlags.Ephemeral });
      return;
    case 'sleepy':
      await sleep(150);
      await interaction.reply({ content: 'too late' });
      return;
    case 'twice':
      await interaction.reply({ content: 'one' });
      // discord.js refuses a second reply locally; go around it to see what Discord says.
      await interaction.client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
        body: { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'two', allowed_mentions: { parse: [] } } },
        auth: false,
      });
      return;
    case 'fat':
      await interaction.reply({
        embeds: [{ title: 'too many fields', fields: Array.from({ length: 26 }, (_, i) => ({ name: `f${i}`, value: 'v' })) }],
      });
      return;
    default:
      await interaction.reply({ content: `unknown command ${interaction.commandName}` });
  }
}

async function handleMessage(message: Message): Promise<void> {
  if (message.author.bot) return;
  const me = message.client.user;
  if (message.channel.isDMBased() || message.mentions.users.has(me.id)) {
    await message.reply({ content: `echo: ${message.content}` });
  }
}

async function startWithClient(
  fakeOptions: FakeDiscordOptions = {},
  clientOptions: Partial<ClientOptions> = {},
  { withoutAllowedMentions = false } = {},
): Promise<{ discord: FakeDiscord; client: Client }> {
  discord = await startFakeDiscord(fakeOptions);
  const options: ClientOptions = {
    intents: INTENTS,
    partials: [Partials.Channel],
    rest: { api: discord.apiUrl },
    allowedMentions: { parse: [] },
    ...clientOptions,
  };
  if (withoutAllowedMentions) delete options.allowedMentions;
  client = new Client(options);
  client.on(Events.InteractionCreate, (interaction) => {
    handleInteraction(interaction).catch((error: unknown) => handlerErrors.push(error));
  });
  client.on(Events.MessageCreate, (message) => {
    handleMessage(message).catch((error: unknown) => handlerErrors.push(error));
  });
  const ready = once(client, Events.ClientReady);
  await client.login(discord.token);
  await ready;
  return { discord, client };
}

describe('fake Discord with a real discord.js Client', () => {
  it('logs in with the intents and answers a slash command through the callback', async () => {
    const { discord } = await startWithClient();
    expect(discord.identifyCount).toBe(1);
    expect(discord.intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.DirectMessages | GatewayIntentBits.GuildMessages);

    const ping = discord.sendCommand({ name: 'ping' });
    expect(await ping.response()).toEqual({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: expect.objectContaining({ content: 'pong', flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } }),
    });
    expect(await ping.finalMessage()).toMatchObject({ content: 'pong' });
    expect(ping.responses).toHaveLength(1);

    // Distinct users, options and DMs reach the handler as such.
    const alice = discord.user();
    const bob = discord.user();
    expect(alice.id).not.toBe(bob.id);
    const inDm = discord.sendCommand({ name: 'echo', options: { text: 'hello' }, user: bob, guild: false });
    expect(await inDm.finalMessage()).toMatchObject({ content: `${bob.id}: hello` });
    expect(inDm.payload).toMatchObject({ context: 1, user: { id: bob.id } });
    expect(inDm.payload).not.toHaveProperty('guild_id');

    expect(discord.rejections).toEqual([]);
    expect(discord.unhandled).toEqual([]);
    expect(handlerErrors).toEqual([]);
  });

  it('delivers deferReply + editReply as a type 5 callback and a PATCH of @original', async () => {
    const { discord } = await startWithClient();
    const slow = discord.sendCommand({ name: 'slow' });
    expect(await slow.finalMessage()).toMatchObject({ content: 'done' });
    expect(slow.responses).toEqual([{ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: 0 } }]);
    expect(slow.edits).toHaveLength(1);
    expect(slow.original).toMatchObject({ content: 'done', flags: 0 });
    expect(discord.requests.map((r) => r.route)).toContain('PATCH /webhooks/:app/:token/messages/:message');
    expect(discord.rejections).toEqual([]);
  });

  it('treats the first follow-up after a deferral as the reply, and queues interactions sent before login', async () => {
    discord = await startFakeDiscord();
    const early = discord.sendCommand({ name: 'later' }); // no client yet: queued until READY
    client = new Client({ intents: INTENTS, rest: { api: discord.apiUrl }, allowedMentions: { parse: [] } });
    client.on(Events.InteractionCreate, (interaction) => {
      handleInteraction(interaction).catch((error: unknown) => handlerErrors.push(error));
    });
    await client.login(discord.token);
    expect(await early.finalMessage()).toMatchObject({ content: 'later', flags: MessageFlags.Ephemeral });
    expect(early.responses).toEqual([
      { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } },
    ]);
    expect(early.followups).toHaveLength(1);
    expect(early.original).toMatchObject({ content: 'later', flags: MessageFlags.Ephemeral }); // the "thinking…" message became it
    expect(discord.rejections).toEqual([]);
  });

  it('answers autocomplete with type 8 choices', async () => {
    const { discord } = await startWithClient();
    const ac = discord.sendAutocomplete({ name: 'project', options: { name: 'look' } });
    expect(await ac.choices()).toEqual([{ name: 'Lookahead (look)', value: 'lookahead' }]);
    expect((await ac.response()).type).toBe(8);
    await expect(ac.finalMessage()).rejects.toThrow(/autocomplete/);
    expect(discord.rejections).toEqual([]);
  });

  it('answers a button with a type 7 update and a select menu with its values', async () => {
    const { discord } = await startWithClient();
    const press = discord.pressButton({ customId: 'page:2' });
    expect(await press.response()).toMatchObject({
      type: InteractionResponseType.UpdateMessage,
      data: { content: 'page 2', components: [] },
    });
    expect(press.original).toMatchObject({ content: 'page 2', id: (press.payload.message as { id: string }).id });

    const pick = discord.selectMenu({ customId: 'pick', values: ['a', 'b'], guild: false });
    expect(await pick.finalMessage()).toMatchObject({ content: 'picked a,b' });
    expect(discord.rejections).toEqual([]);
  });

  it('delivers DMs and bot mentions, and guild chatter without content', async () => {
    const { discord } = await startWithClient();
    const dm = discord.sendDirectMessage({ content: 'hi there' });
    const reply = await dm.waitForReply();
    expect(reply.body).toMatchObject({ content: 'echo: hi there', allowed_mentions: { parse: [] } });
    expect(reply.channelId).toBe(discord.dmChannelId());

    // No MessageContent intent and no mention: the bot sees an empty message and stays quiet.
    discord.sendGuildMessage({ content: 'just chatting' });
    await discord.expectNoChannelMessage(discord.channelId, 300);

    const mention = discord.sendGuildMessage({ content: 'what are you?', mentionBot: true });
    expect((await mention.waitForReply()).body).toMatchObject({ content: `echo: <@${discord.botUser.id}> what are you?` });
    expect(discord.rejections).toEqual([]);
  });

  it('resumes after close 4000 and after an abnormal close, and keeps interactions sent meanwhile', async () => {
    const { discord } = await startWithClient();
    const reconnected = discord.closeGateway(4000);
    const during = discord.sendCommand({ name: 'ping' }); // queued until the session is back
    expect(await reconnected).toBe('resumed');
    expect((await during.response()).type).toBe(4);

    expect(await discord.closeGateway(1006)).toBe('resumed');
    expect((await discord.sendCommand({ name: 'ping' }).response()).type).toBe(4);
    expect(discord.resumeCount).toBe(2);
    expect(discord.identifyCount).toBe(1);
    expect(discord.rejections).toEqual([]);
  });

  it('follows op 7 (resume) and op 9 (resume or identify afresh)', async () => {
    // @discordjs/ws spaces IDENTIFYs 5–6.5 s apart (Discord's identify rate limit); skip that wait here.
    const { discord } = await startWithClient({}, { ws: { buildIdentifyThrottler: () => ({ waitForIdentify: () => Promise.resolve() }) } });
    expect(await discord.requestReconnect()).toBe('resumed');
    expect((await discord.sendCommand({ name: 'ping' }).response()).type).toBe(4);
    expect(await discord.invalidateSession(true)).toBe('resumed');
    expect((await discord.sendCommand({ name: 'ping' }).response()).type).toBe(4);
    expect(await discord.invalidateSession(false)).toBe('identified');
    expect((await discord.sendCommand({ name: 'slow' }).finalMessage()).content).toBe('done');
    expect(discord.identifyCount).toBe(2);
    expect(discord.resumeCount).toBe(2);
    expect(discord.rejections).toEqual([]);
  });

  it('lets faults follow each other without waiting for a round trip', async () => {
    const { discord } = await startWithClient();
    expect(await discord.requestReconnect()).toBe('resumed');
    expect(await discord.invalidateSession(true)).toBe('resumed');
    expect(await discord.closeGateway(4000)).toBe('resumed');
    expect((await discord.sendCommand({ name: 'ping' }).response()).type).toBe(4);
    expect(discord.resumeCount).toBe(3);
  });

  it('delivers exactly one response after a 429 and a 500 on the callback', async () => {
    const { discord } = await startWithClient();
    discord.failNextCallbacks([{ status: 429, retryAfter: 0.05 }, { status: 500 }]);
    const ping = discord.sendCommand({ name: 'ping' });
    expect(await ping.response()).toMatchObject({ type: InteractionResponseType.ChannelMessageWithSource });
    await vi.waitFor(() => expect(ping.callbackAttempts).toBe(3));
    expect(ping.responses).toHaveLength(1);
    expect(discord.injected.map((f) => f.status)).toEqual([429, 500]);

    // The per-route (sequential) REST queue honours a fractional retry-after too.
    discord.failNextRequests('POST /channels/:channel/messages', [{ status: 429, retryAfter: 0.05 }]);
    const dm = discord.sendDirectMessage({ content: 'again' });
    expect((await dm.waitForReply()).body).toMatchObject({ content: 'echo: again' });
    await discord.expectNoChannelMessage(dm.channelId, 100);
    expect(discord.injected).toHaveLength(3);
    expect(discord.rejections).toEqual([]);
    expect(handlerErrors).toEqual([]);
  });

  it('refuses a second initial response with 400 / 40060', async () => {
    const { discord } = await startWithClient();
    const twice = discord.sendCommand({ name: 'twice' });
    expect(await twice.finalMessage()).toMatchObject({ content: 'one' });
    const rejection = await twice.waitForRejection();
    expect(rejection).toMatchObject({ status: 400, code: 40060, route: 'POST /interactions/:id/:token/callback' });
    await vi.waitFor(() => expect(handlerErrors).toHaveLength(1));
    expect(handlerErrors[0]).toBeInstanceOf(DiscordAPIError);
    expect((handlerErrors[0] as DiscordAPIError).code).toBe(40060);
    expect(twice.responses).toHaveLength(1);
  });

  it('refuses an initial response after the deadline with 404 / 10062', async () => {
    const { discord } = await startWithClient({ interactionResponseDeadlineMs: 100 });
    const sleepy = discord.sendCommand({ name: 'sleepy' });
    await expect(sleepy.response()).rejects.toThrow(/10062|Unknown interaction|initial response after/);
    expect(sleepy.rejections).toEqual([expect.objectContaining({ status: 404, code: 10062 })]);
  });

  it('refuses an over-limit embed with 400 / 50035 and records why', async () => {
    const { discord } = await startWithClient();
    const fat = discord.sendCommand({ name: 'fat' });
    await expect(fat.finalMessage()).rejects.toThrow(/26 fields/);
    expect(discord.rejections).toEqual([
      expect.objectContaining({ status: 400, code: 50035, reason: expect.stringMatching(/embeds\[0\]\.fields has 26 fields/) as unknown }),
    ]);
    await vi.waitFor(() => expect(handlerErrors).toHaveLength(1));
    expect((handlerErrors[0] as DiscordAPIError).status).toBe(400);
  });

  it('refuses replies that do not suppress mentions', async () => {
    const { discord } = await startWithClient({}, { allowedMentions: { parse: ['users'] } });
    const ping = discord.sendCommand({ name: 'ping' });
    await expect(ping.response()).rejects.toThrow(/mentions not suppressed/);
    expect(discord.rejections).toEqual([
      expect.objectContaining({ status: 400, code: 50035, reason: expect.stringMatching(/^mentions not suppressed/) as unknown }),
    ]);
  });

  it('accepts a baseline client without allowed_mentions when requireNoMentions is off', async () => {
    const { discord } = await startWithClient({ requireNoMentions: false }, {}, { withoutAllowedMentions: true });
    expect((await discord.sendCommand({ name: 'ping' }).response()).type).toBe(4);
    expect(discord.rejections).toEqual([]);
    expect(checkMessagePayload({ content: 'x' })).toEqual(['mentions not suppressed (allowed_mentions missing)']);
    expect(checkMessagePayload({ content: 'x' }, { requireNoMentions: false })).toEqual([]);
    expect(checkMessagePayload({ content: 'x', allowed_mentions: {} })).toEqual([]);
  });

  it('registers commands in memory and dispatches them with their registered ids', async () => {
    const { discord, client } = await startWithClient();
    const definitions = [
      {
        name: 'echo',
        description: 'Echo text',
        options: [{ name: 'text', description: 'What to echo', type: ApplicationCommandOptionType.String as const, required: true }],
      },
      { name: 'ping', description: 'Ping' },
    ];
    await client.application?.commands.set(definitions, discord.guildId);
    await client.application?.commands.set(definitions, discord.guildId);
    expect(discord.commands.putCount).toBe(2);
    const stored = discord.commands.guild(discord.guildId);
    expect(stored.map((c) => c.name)).toEqual(['echo', 'ping']);
    expect(stored[0]).toMatchObject({
      application_id: discord.applicationId,
      guild_id: discord.guildId,
      version: expect.any(String) as unknown,
    });
    expect(discord.commands.global).toEqual([]);

    const echo = discord.sendCommand({ name: 'echo', options: { text: 'registered' } });
    expect(echo.payload.data).toMatchObject({
      id: stored[0]?.id,
      options: [{ name: 'text', type: ApplicationCommandOptionType.String, value: 'registered' }],
    });
    expect((await echo.finalMessage()).content).toMatch(/registered$/);

    await expect(client.application?.commands.set([{ name: 'Bad Name', description: 'x' }])).rejects.toThrow(DiscordAPIError);
    expect(discord.rejections.map((r) => r.code)).toEqual([50035]);
  });

  it('rejects a bad token: 401 on GET /gateway/bot, and close 4004 on IDENTIFY', async () => {
    discord = await startFakeDiscord();
    client = new Client({ intents: INTENTS, rest: { api: discord.apiUrl } });
    await expect(client.login('not-the-token')).rejects.toThrow(/token/i);
    expect(discord.rejections).toEqual([expect.objectContaining({ route: 'GET /gateway/bot', status: 401 })]);

    const socket = new WebSocket(`${discord.gatewayUrl}?v=10&encoding=json`);
    const hello = await once(socket, 'message');
    expect(JSON.parse(String(hello[0]))).toMatchObject({ op: 10, d: { heartbeat_interval: 41_250 } });
    socket.send(JSON.stringify({ op: 2, d: { token: 'wrong', intents: 1, properties: {} } }));
    const [code] = (await once(socket, 'close')) as [number];
    expect(code).toBe(4004);
    expect(discord.identifyCount).toBe(0);
  });

  it('acknowledges heartbeats', async () => {
    const { discord } = await startWithClient({ heartbeatInterval: 150 });
    await vi.waitFor(() => expect(discord.heartbeatCount).toBeGreaterThanOrEqual(2), { timeout: 2000 });
    expect(client?.ws.ping).toBeGreaterThanOrEqual(0);
  });
});

/** A bare WebSocket that identifies with `shard`; resolves with the close code, or with the READY `d` it got instead. */
async function identifyRaw(discord: FakeDiscord, shard: unknown): Promise<{ closed: number } | { ready: Record<string, unknown> }> {
  const socket = new WebSocket(`${discord.gatewayUrl}?v=10&encoding=json`);
  await once(socket, 'message'); // HELLO
  const closed = once(socket, 'close').then(([code]) => ({ closed: code as number }));
  const ready = new Promise<{ ready: Record<string, unknown> }>((resolve) =>
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as { t?: string; d: Record<string, unknown> };
      if (frame.t === 'READY') resolve({ ready: frame.d });
    }),
  );
  socket.send(JSON.stringify({ op: 2, d: { token: discord.token, intents: 1, properties: {}, shard } }));
  const outcome = await Promise.race([closed, ready]);
  socket.terminate();
  return outcome;
}

describe('fake Discord, sharded', () => {
  it('recommends its shard count on GET /gateway/bot, with max_concurrency as large', async () => {
    discord = await startFakeDiscord({ shards: 4 });
    const response = await fetch(`${discord.apiUrl}/v10/gateway/bot`, { headers: { authorization: `Bot ${discord.token}` } });
    const body = (await response.json()) as { shards: number; session_start_limit: { remaining: number; max_concurrency: number } };
    expect(body.shards).toBe(4);
    expect(body.session_start_limit.max_concurrency).toBeGreaterThanOrEqual(4);
    expect(body.session_start_limit.remaining).toBeGreaterThanOrEqual(4);
  });

  it('closes an IDENTIFY with an out-of-range or malformed shard with 4010', async () => {
    discord = await startFakeDiscord({ shards: 4 });
    for (const shard of [[4, 4], [5, 4], [-1, 4], [0, 0], [1.5, 4], ['0', '4'], [0]]) {
      expect(await identifyRaw(discord, shard)).toEqual({ closed: 4010 });
    }
    expect(discord.identifyCount).toBe(0);
    expect(discord.rejections.map((r) => r.status)).toEqual(Array(7).fill(4010));
    expect(await identifyRaw(discord, [3, 4])).toMatchObject({ ready: { shard: [3, 4] } });
  });

  it(`closes with 4011 a shard that would hold more than ${MAX_GUILDS_PER_SHARD} guilds`, async () => {
    discord = await startFakeDiscord({ guilds: manyGuilds(MAX_GUILDS_PER_SHARD + 2) });
    expect(await identifyRaw(discord, [0, 1])).toEqual({ closed: 4011 });
    expect(discord.rejections).toEqual([expect.objectContaining({ route: 'gateway IDENTIFY', status: 4011 })]);
    // Two shards hold half each: accepted.
    expect(await identifyRaw(discord, [1, 2])).toMatchObject({ ready: { shard: [1, 2] } });
  });

  it('lists in READY and sends GUILD_CREATE for only the guilds a shard owns', async () => {
    const guilds = manyGuilds(9);
    discord = await startFakeDiscord({ guilds, shards: 3 });
    for (const id of [0, 1, 2]) {
      const outcome = await identifyRaw(discord, [id, 3]);
      const listed = 'ready' in outcome ? (outcome.ready['guilds'] as { id: string }[]).map((g) => g.id) : [];
      expect(listed).toEqual(guilds.filter((_, i) => i % 3 === id).map((g) => g.id));
      expect(listed.every((guild) => shardOf(guild, 3) === id)).toBe(true);
    }
  });

  it("gives discord.js's own sharding (shards: 'auto') each guild on its shard, and routes events to the owner only", async () => {
    const guilds = manyGuilds(12);
    const { discord, client } = await startWithClient({ guilds, shards: 4 }, { shards: 'auto' });
    expect(client.ws.shards.size).toBe(4);
    expect([...discord.identifiedShards].sort()).toEqual([
      [0, 4],
      [1, 4],
      [2, 4],
      [3, 4],
    ]);
    expect(discord.liveShards).toEqual([0, 1, 2, 3]);
    expect(client.guilds.cache.size).toBe(12);
    for (const guild of client.guilds.cache.values()) expect(guild.shardId).toBe(shardOf(guild.id, 4));

    const inGuilds = guilds.map((guild) => discord.sendCommand({ name: 'ping', guild: guild.id }));
    const inDm = discord.sendCommand({ name: 'ping', guild: false });
    for (const interaction of [...inGuilds, inDm]) await interaction.response();
    expect(inGuilds.map((interaction) => interaction.deliveries)).toEqual(guilds.map((_, i) => [i % 4]));
    expect(inDm.deliveries).toEqual([0]);
    const dm = discord.sendDirectMessage({ content: 'hello' });
    expect((await dm.waitForReply()).body['content']).toBe('echo: hello');
    expect(discord.rejections).toEqual([]);
  }, 15_000);

  it('hits one shard with a fault and queues only its events meanwhile', async () => {
    const guilds = manyGuilds(8);
    // Without @discordjs/ws's ~5 s spacing of IDENTIFYs per bucket (Discord's rate limit), which the op 9 below would wait out.
    const ws = { buildIdentifyThrottler: () => Promise.resolve({ waitForIdentify: () => Promise.resolve() }) };
    const { discord, client } = await startWithClient({ guilds, shards: 4 }, { shards: 'auto', ws });
    const identified = discord.identifyCount;
    const outcome = discord.closeGateway(1006, { shard: 2 });
    const during = guilds.map((guild) => discord.sendCommand({ name: 'ping', guild: guild.id }));
    expect(await outcome).toBe('resumed');
    for (const interaction of during) await interaction.response();
    expect(during.map((interaction) => interaction.deliveries)).toEqual(guilds.map((_, i) => [i % 4]));
    // The shard is ready again when discord.js has had its guilds (destroying it before that races @discordjs/ws).
    const shardReady = new Promise<number>((resolve) => client.on(Events.ShardReady, (id) => resolve(id)));
    expect(await discord.invalidateSession(false, { shard: 1, timeoutMs: 15_000 })).toBe('identified');
    expect(await shardReady).toBe(1);
    expect(discord.identifiedShards.slice(identified)).toEqual([[1, 4]]);
    expect(discord.resumeCount).toBe(1);
    expect(client.guilds.cache.size).toBe(8);
    expect(discord.rejections).toEqual([]);
  }, 20_000);
});

describe('the limit checker', () => {
  const ok = { allowed_mentions: { parse: [] } };

  it('accepts a full, legal message', () => {
    const fields = Array.from({ length: 25 }, (_, i) => ({ name: `n${i}`, value: 'v'.repeat(200) }));
    const buttons = Array.from({ length: 5 }, (_, i) => ({
      type: ComponentType.Button,
      style: ButtonStyle.Primary,
      custom_id: `b${i}`,
      label: 'x'.repeat(80),
    }));
    const payload = {
      ...ok,
      content: 'c'.repeat(2000),
      embeds: [{ title: 't'.repeat(256), fields, footer: { text: 'f' }, author: { name: 'a' }, url: 'https://example.com' }],
      components: [
        { type: ComponentType.ActionRow, components: buttons },
        {
          type: ComponentType.ActionRow,
          components: [
            { type: ComponentType.Button, style: ButtonStyle.Link, url: `https://example.com/${'u'.repeat(400)}`, label: 'link' },
          ],
        },
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.StringSelect,
              custom_id: 's'.repeat(100),
              options: Array.from({ length: 25 }, (_, i) => ({ label: `l${i}`, value: `v${i}` })),
            },
          ],
        },
      ],
    };
    expect(checkMessagePayload(payload, { requireBody: true })).toEqual([]);
  });

  it('names every broken limit', () => {
    const reasons = checkMessagePayload({
      content: 'c'.repeat(2001),
      embeds: [{ description: 'd'.repeat(4096), fields: [{ name: '', value: 'v' }] }, { description: 'd'.repeat(2000) }],
      components: [
        {
          type: ComponentType.ActionRow,
          components: Array.from({ length: 6 }, (_, i) => ({
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            custom_id: `b${i}`,
            label: 'x',
          })),
        },
        {
          type: ComponentType.ActionRow,
          components: [
            { type: ComponentType.StringSelect, custom_id: 's', options: [{ label: 'a', value: 'a' }] },
            { type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: 'y', label: 'y' },
          ],
        },
        {
          type: ComponentType.ActionRow,
          components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: 'x'.repeat(101), label: 'l'.repeat(81) }],
        },
      ],
      allowed_mentions: { parse: ['everyone'] },
    });
    expect(reasons).toEqual([
      'content must be at most 2000 characters (got 2001)',
      'embeds[0].fields[0].name must be at least 1 characters (got 0)',
      'embeds hold 6097 characters in total, at most 6000 allowed',
      'components[0] has 6 buttons, at most 5 allowed',
      'components[1] holds a select menu, which must be alone in its row',
      'components[2].components[0].label must be at most 80 characters (got 81)',
      'components[2].components[0].custom_id must be at most 100 characters (got 101)',
      'mentions not suppressed (allowed_mentions parse is ["everyone"])',
    ]);
    expect(checkMessagePayload({ ...ok }, { requireBody: true })).toEqual(['Cannot send an empty message']);
  });

  it('checks autocomplete choices and command definitions', () => {
    expect(checkAutocompleteChoices(Array.from({ length: 25 }, (_, i) => ({ name: `c${i}`, value: 'v'.repeat(100) })))).toEqual([]);
    expect(checkAutocompleteChoices(Array.from({ length: 26 }, () => ({ name: '', value: 'v'.repeat(101) })))).toContain(
      'choices has 26 entries, at most 25 allowed',
    );
    expect(
      checkCommandPayload({
        name: 'projects',
        description: 'List projects',
        options: [{ name: 'query', description: 'Search', type: ApplicationCommandOptionType.String, autocomplete: true }],
      }),
    ).toEqual([]);
    expect(checkCommandPayload({ name: 'Projects', description: '' })).toEqual([
      'name "Projects" must be lowercase',
      'description must be at least 1 characters (got 0)',
    ]);
  });
});
