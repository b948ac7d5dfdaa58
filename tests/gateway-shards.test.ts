// Issue 19: the gateway bot past one connection. The real entry point (`portfolio-bot start`, the
// compiled dist/: run `npm run build` first) runs its shards with discord.js's own sharding against
// a fake Discord that shards as Discord does (tests/fake-discord: each guild on shard
// `(guild_id >> 22) % count`, DMs on shard 0), with 10 000 guilds over 4 shards.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { encodeCustomId } from '../src/replies/index.js';
import { shardOptions } from '../src/discord/shards.js';
import { manyGuilds, shardOf, startFakeDiscord, type FakeDiscord, type FakeInteraction, type JsonObject } from './fake-discord/index.js';
import { startBotProcess, type BotProcess, type LogLine } from './helpers/bot-process.js';

const WAIT = { timeoutMs: 20_000 };
const LOOKAHEAD = { title: 'Lookahead Optimizer Analysis', url: 'https://github.com/akashpalrecha/Lookahead' };

interface Embed {
  title?: string;
  url?: string;
  footer?: { text: string };
}
const embedsOf = (data: JsonObject | undefined): Embed[] => (data?.['embeds'] as Embed[] | undefined) ?? [];

/** An interaction sent by a test, with what its answer must be and where it had to go. */
interface Sent {
  interaction: FakeInteraction;
  shard: number;
  check: (response: { type: number; data: JsonObject }) => void;
}

/** One of four kinds of interaction, in turn, in `guild` (null: the user's DM), each with a check of its payload. */
function sendOne(discord: FakeDiscord, index: number, guild: string | null, count: number): Sent {
  const user = discord.user(String(1_400_000_000_000_000_000n + BigInt(index % 11)));
  const where = { user, guild: guild ?? false };
  const shard = shardOf(guild, count);
  switch (index % 4) {
    case 0:
      return {
        interaction: discord.sendCommand({ name: 'projects', options: { query: 'optimizers' }, ...where }),
        shard,
        check: ({ type, data }) => {
          expect(type).toBe(4);
          expect(embedsOf(data)[0]).toMatchObject(LOOKAHEAD);
        },
      };
    case 1:
      return {
        interaction: discord.sendAutocomplete({ name: 'project', options: { name: 'mul' }, ...where }),
        shard,
        check: ({ type, data }) => {
          expect(type).toBe(8);
          expect((data['choices'] as JsonObject[])[0]).toEqual({ name: 'Multichannel Resnets', value: 'multichannel-resnets' });
        },
      };
    case 2:
      return {
        interaction: discord.pressButton({
          customId: encodeCustomId({ command: 'projects', action: 'page', page: 1, user: user.id, key: '' }),
          ...where,
        }),
        shard,
        check: ({ type, data }) => {
          expect(type).toBe(7);
          expect(embedsOf(data)[0]?.footer?.text).toMatch(/^Page 2 of \d+/);
        },
      };
    default:
      return {
        interaction: discord.sendCommand({ name: 'contact', ...where }),
        shard,
        check: ({ type, data }) => {
          expect(type).toBe(4);
          expect(embedsOf(data)[0]?.title).toBe('Contact Akash Palrecha');
        },
      };
  }
}

/** Every interaction answered exactly once, as its check expects, delivered once to its own shard, and nothing refused. */
async function expectAnsweredOnce(discord: FakeDiscord, sent: Sent[]): Promise<void> {
  for (const { interaction, check } of sent) {
    const response = await interaction.response(WAIT);
    check({ type: response.type, data: response.data ?? {} });
  }
  await sleep(300); // a duplicate answer would arrive (and be refused with 40060) by now
  for (const { interaction, shard } of sent) {
    expect(interaction.rejections).toEqual([]);
    expect(interaction.responses).toHaveLength(1);
    expect(interaction.callbackAttempts).toBe(1);
    expect(interaction.deliveries).toEqual([shard]);
  }
  expect(discord.rejections).toEqual([]);
  expect(discord.unhandled).toEqual([]);
}

describe('SHARD_COUNT', () => {
  it('is auto unless set, takes a whole number from 1 to 1024, and names the key when wrong', () => {
    expect(parseConfig({}).SHARD_COUNT).toBe('auto');
    expect(parseConfig({ SHARD_COUNT: '' }).SHARD_COUNT).toBe('auto');
    expect(parseConfig({ SHARD_COUNT: 'auto' }).SHARD_COUNT).toBe('auto');
    expect(parseConfig({ SHARD_COUNT: '4' }).SHARD_COUNT).toBe(4);
    for (const bad of ['0', '1025', '2.5', 'many', 'AUTO']) {
      expect(() => parseConfig({ SHARD_COUNT: bad })).toThrow(
        'invalid environment: SHARD_COUNT: expected auto or a whole number from 1 to 1024',
      );
    }
  });

  it("becomes discord.js's own shard options: auto, or shards 0 to n - 1 of n", () => {
    expect(shardOptions('auto')).toEqual({ shards: 'auto' });
    expect(shardOptions(3)).toEqual({ shards: [0, 1, 2], shardCount: 3 });
  });
});

describe('`portfolio-bot start` over 4 shards and 10 000 guilds (SHARD_COUNT=auto)', () => {
  const COUNT = 4;
  const guilds = manyGuilds(10_000);
  let discord: FakeDiscord;
  let bot: BotProcess;
  let sentSoFar = 0;
  /** Guild i lives on shard i % 4: walk the list so that each burst covers every shard, from all over the list. */
  const guildFor = (index: number): string => guilds[(index * 997) % guilds.length]!.id;
  const burst = (size: number, dmEvery = 5): Sent[] =>
    Array.from({ length: size }, () => {
      const index = sentSoFar++;
      return sendOne(discord, index, index % dmEvery === dmEvery - 1 ? null : guildFor(index), COUNT);
    });
  const logsFrom = (from: number, msg: string): LogLine[] => bot.logs.slice(from).filter((line) => line.msg === msg);

  beforeAll(async () => {
    discord = await startFakeDiscord({ guilds, shards: COUNT, defaultTimeoutMs: 20_000 });
    // `auto` spelled out: discord.js reads SHARD_COUNT from the environment too, where it would be NaN.
    bot = await startBotProcess(discord, { LOG_LEVEL: 'info', SHARD_COUNT: 'auto' });
  }, 60_000);

  afterAll(async () => {
    await bot?.stop();
    await discord?.close();
  });

  it('identifies the 4 recommended shards once each, and logs every shard and the summed guild count when ready', () => {
    expect([...discord.identifiedShards].sort((a, b) => a[0] - b[0])).toEqual([
      [0, COUNT],
      [1, COUNT],
      [2, COUNT],
      [3, COUNT],
    ]);
    const shardLines = bot.logsMatching('shard ready').map((line) => [line['shard'], line['guilds']]);
    expect(shardLines.sort()).toEqual([
      [0, 2500],
      [1, 2500],
      [2, 2500],
      [3, 2500],
    ]);
    const ready = bot.logsMatching('ready');
    expect(ready).toHaveLength(1);
    expect(ready[0]).toMatchObject({ guilds: 10_000 });
    expect(ready[0]?.['shards']).toEqual(
      [0, 1, 2, 3].map((id) => ({ id, status: 'ready', guilds: 2500, ping: expect.any(Number) as number })),
    );
  });

  it('answers interactions in guilds of every shard and in DMs exactly once, each delivered to its own shard only', async () => {
    const sent = burst(60);
    expect(new Set(sent.map((s) => s.shard))).toEqual(new Set([0, 1, 2, 3]));
    expect(sent.filter((s) => s.interaction.guildId === null).length).toBeGreaterThan(0);
    await expectAnsweredOnce(discord, sent);
  });

  it('answers DM text (on shard 0) and mentions in a guild of another shard', async () => {
    const dm = discord.sendDirectMessage({ content: 'what optimizers has he worked on?' });
    expect(JSON.stringify((await dm.waitForReply(WAIT)).body)).toContain('Lookahead');
    const guild = guilds[3]!.id; // shard 3
    const mention = discord.sendGuildMessage({ content: 'what optimizers has he worked on?', mentionBot: true, guildId: guild });
    expect(JSON.stringify((await mention.waitForReply(WAIT)).body)).toContain('Lookahead');
    expect(discord.rejections).toEqual([]);
  });

  it('loses no answer when one shard drops (1006) and another is invalidated (op 9) in the middle of a burst', async () => {
    const from = bot.logs.length;
    const sent = burst(20);
    const dropped = discord.closeGateway(1006, { shard: 2, ...WAIT });
    sent.push(...burst(20)); // shard 2's queue up in the fake until it is back
    expect(await dropped).toBe('resumed');
    sent.push(...burst(20));
    const identifiedBefore = discord.identifiedShards.length;
    const invalidated = discord.invalidateSession(false, { shard: 1, ...WAIT });
    sent.push(...burst(20)); // shard 1's wait for its new session, and its guilds
    expect(await invalidated).toBe('identified');
    sent.push(...burst(20));
    await expectAnsweredOnce(discord, sent);
    expect(discord.identifiedShards.slice(identifiedBefore)).toEqual([[1, COUNT]]);

    // The other shards carried on; the status lines tell which shard was away and when all were back.
    await bot.waitForLog((line) => line.msg === 'shard ready' && line['shard'] === 1, { from, ...WAIT });
    const statuses = logsFrom(from, 'gateway status');
    const away = statuses.filter((line) => line['status'] === 'degraded');
    expect(away.map((line) => line['shard'])).toEqual(expect.arrayContaining([1, 2]));
    for (const line of away) {
      const shards = line['shards'] as { id: number; status: string; guilds: number }[];
      expect(shards.filter((shard) => shard.status !== 'ready').map((shard) => shard.id)).toEqual([line['shard']]);
    }
    const last = bot.logs.filter((line) => line.msg === 'gateway status').at(-1);
    expect(last).toMatchObject({ status: 'ok', guilds: 10_000 });
    expect(bot.logs.filter((line) => line.level === 'error')).toEqual([]);
  }, 60_000);
});

describe('`portfolio-bot start` with SHARD_COUNT=3 where Discord recommends 4', () => {
  let discord: FakeDiscord | undefined;
  let bot: BotProcess | undefined;
  afterAll(async () => {
    await bot?.stop();
    await discord?.close();
  });

  it('runs the 3 shards it was told to, and each guild is answered on its shard of 3', async () => {
    const guilds = manyGuilds(12);
    discord = await startFakeDiscord({ guilds, shards: 4, defaultTimeoutMs: 20_000 });
    bot = await startBotProcess(discord, { LOG_LEVEL: 'info', SHARD_COUNT: '3' });
    expect([...discord.identifiedShards].sort((a, b) => a[0] - b[0])).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
    expect(bot.logsMatching('ready')[0]?.['shards']).toEqual(
      [0, 1, 2].map((id) => ({ id, status: 'ready', guilds: 4, ping: expect.any(Number) as number })),
    );
    const target = discord;
    const sent = guilds.map((guild, index) => sendOne(target, index, guild.id, 3));
    await expectAnsweredOnce(discord, sent);
  }, 30_000);
});
