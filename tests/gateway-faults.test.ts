// Issue 7: the gateway bot under faults, through the fake Discord. Gateway drops and session
// invalidations in the middle of a burst of interactions, failing interaction callbacks (429, 5xx),
// the per-user cooldown, and hot reloads of the profile while interactions keep coming.
// Gateway and REST faults run an in-process createGatewayBot (so the identify throttle can be
// skipped); the cooldown and hot reload run the real `portfolio-bot start` (run `npm run build` first).
import { once } from 'node:events';
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Events } from 'discord.js';
import { MessageFlags } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.js';
import { createDispatcher } from '../src/bot/dispatch.js';
import { createGatewayBot, type GatewayBot } from '../src/discord/client.js';
import { createLogger } from '../src/log.js';
import { encodeCustomId } from '../src/replies/index.js';
import { startFakeDiscord, type FakeDiscord, type FakeInteraction, type JsonObject, type SessionOutcome } from './fake-discord/index.js';
import { shippedPortfolio } from './helpers/bot.js';
import { startBotProcess, type BotProcess, type LogLine } from './helpers/bot-process.js';
import { SHIPPED_PROFILE } from './helpers/profile.js';

const LOOKAHEAD = 'Lookahead Optimizer Analysis';
const LOOKAHEAD_URL = 'https://github.com/akashpalrecha/Lookahead';
const WAIT = { timeoutMs: 15_000 };

interface Embed {
  title?: string;
  url?: string;
  footer?: { text: string };
}
const embedsOf = (data: JsonObject | undefined): Embed[] => (data?.['embeds'] as Embed[] | undefined) ?? [];
const componentsOf = (data: JsonObject | undefined): unknown[] =>
  ((data?.['components'] as { components: unknown[] }[] | undefined) ?? []).flatMap((row) => row.components);

/** An interaction sent by a test, with what its answer must be. */
interface Sent {
  interaction: FakeInteraction;
  check: (response: { type: number; data: JsonObject }) => void;
}

/** One of five kinds of interaction, in turn, each with a check of its payload. */
function sendOne(discord: FakeDiscord, index: number): Sent {
  const user = discord.user(String(1_400_000_000_000_000_000n + BigInt(index % 7)));
  switch (index % 5) {
    case 0:
      return {
        interaction: discord.sendCommand({ name: 'projects', options: { query: 'optimizers' }, user }),
        check: ({ type, data }) => {
          expect(type).toBe(4);
          expect(embedsOf(data)[0]).toMatchObject({ title: LOOKAHEAD, url: LOOKAHEAD_URL });
        },
      };
    case 1:
      return {
        interaction: discord.sendCommand({ name: 'project', options: { name: 'multichannel-resnets' }, user, guild: false }),
        check: ({ type, data }) => {
          expect(type).toBe(4);
          expect(embedsOf(data)[0]?.title).toBe('Multichannel Resnets');
        },
      };
    case 2:
      return {
        interaction: discord.sendAutocomplete({ name: 'project', options: { name: 'mul' }, user }),
        check: ({ type, data }) => {
          expect(type).toBe(8);
          expect((data['choices'] as JsonObject[])[0]).toEqual({ name: 'Multichannel Resnets', value: 'multichannel-resnets' });
        },
      };
    case 3:
      return {
        interaction: discord.pressButton({
          customId: encodeCustomId({ command: 'projects', action: 'page', page: 1, user: user.id, key: '' }),
          user,
        }),
        check: ({ type, data }) => {
          expect(type).toBe(7);
          expect(embedsOf(data)[0]?.footer?.text).toMatch(/^Page 2 of \d+/);
        },
      };
    default:
      return {
        interaction: discord.sendCommand({ name: 'contact', user }),
        check: ({ type, data }) => {
          expect(type).toBe(4);
          expect(embedsOf(data)[0]?.title).toBe('Contact Akash Palrecha');
        },
      };
  }
}

let counter = 0;
function burst(discord: FakeDiscord, count: number): Sent[] {
  return Array.from({ length: count }, () => sendOne(discord, counter++));
}

/** Every interaction answered exactly once, as its check expects, and nothing refused. */
async function expectAnsweredOnce(discord: FakeDiscord, sent: Sent[], callbackAttempts = 1): Promise<void> {
  for (const { interaction, check } of sent) {
    const response = await interaction.response(WAIT);
    check({ type: response.type, data: response.data ?? {} });
  }
  await sleep(300); // a duplicate answer would arrive (and be refused with 40060) by now
  for (const { interaction } of sent) {
    expect(interaction.rejections).toEqual([]);
    expect(interaction.responses).toHaveLength(1);
    expect(interaction.callbackAttempts).toBe(callbackAttempts);
  }
  expect(discord.rejections).toEqual([]);
  expect(discord.unhandled).toEqual([]);
}

describe('gateway faults (in-process gateway bot)', () => {
  // Assigned in beforeEach; a failed start leaves the previous (closed) pair, which close again harmlessly.
  let discord: FakeDiscord;
  let gateway: GatewayBot;
  let logs: LogLine[];

  beforeEach(async () => {
    discord = await startFakeDiscord({ defaultTimeoutMs: 15_000 });
    logs = [];
    const logger = createLogger('info', (line) => logs.push(JSON.parse(line) as LogLine));
    const portfolio = await shippedPortfolio();
    gateway = createGatewayBot({
      token: discord.token,
      apiUrl: discord.apiUrl,
      dispatcher: createDispatcher({ commands: COMMANDS, portfolio: () => portfolio, logger }),
      logger,
    });
    // After op 9 (not resumable) @discordjs/ws spaces IDENTIFYs ~5 s apart (Discord's rate limit):
    // skip that wait. The options are read when the client connects.
    gateway.client.options.ws ??= {};
    gateway.client.options.ws.buildIdentifyThrottler = () => ({ waitForIdentify: () => Promise.resolve() });
    const ready = once(gateway.client, Events.ClientReady);
    await gateway.start();
    await ready;
  });

  afterEach(async () => {
    await gateway?.stop(1000);
    await discord?.close();
  });

  const faults: [string, (discord: FakeDiscord) => PromiseLike<SessionOutcome>, SessionOutcome][] = [
    ['an abnormal close (1006)', (d) => d.closeGateway(1006), 'resumed'],
    ['close 4000', (d) => d.closeGateway(4000), 'resumed'],
    ['op 7 Reconnect', (d) => d.requestReconnect(), 'resumed'],
    ['op 9 Invalid Session (resumable)', (d) => d.invalidateSession(true), 'resumed'],
    ['op 9 Invalid Session (not resumable)', (d) => d.invalidateSession(false), 'identified'],
  ];

  it.each(faults)('answers every interaction exactly once around %s in the middle of a burst', async (_name, fault, expected) => {
    const before = burst(discord, 10);
    const outcome = fault(discord);
    const during = burst(discord, 10); // queued by the fake until the client is back
    expect(await outcome).toBe(expected);
    const after = burst(discord, 10);
    await expectAnsweredOnce(discord, [...before, ...during, ...after]);
    expect(expected === 'resumed' ? discord.resumeCount : discord.identifyCount).toBe(expected === 'resumed' ? 1 : 2);
    expect(logs.filter((line) => line.level === 'error')).toEqual([]);
    expect(logs.filter((line) => line.msg === 'interaction')).toHaveLength(30);
  });

  it('survives faults back to back', async () => {
    const sent = burst(discord, 5);
    expect(await discord.closeGateway(4000)).toBe('resumed');
    sent.push(...burst(discord, 5));
    expect(await discord.requestReconnect()).toBe('resumed');
    sent.push(...burst(discord, 5));
    expect(await discord.invalidateSession(false)).toBe('identified');
    sent.push(...burst(discord, 5));
    expect(await discord.closeGateway(1006)).toBe('resumed');
    sent.push(...burst(discord, 5));
    await expectAnsweredOnce(discord, sent);
  });

  it.each([
    ['a 429 with retry-after', { status: 429, retryAfter: 0.05 }],
    ['a 500', { status: 500 }],
  ])('delivers the reply exactly once when its callback first fails with %s', async (_name, failure) => {
    discord.failNextCallbacks([failure]);
    const [sent] = burst(discord, 1);
    await expectAnsweredOnce(discord, [sent!], 2);
    expect(discord.injected).toEqual([
      expect.objectContaining({ route: 'POST /interactions/:id/:token/callback', status: failure.status }),
    ]);
    expect(logs.filter((line) => line.level === 'error')).toEqual([]);
  });

  it('delivers the reply exactly once after a 429 and then a 500 on the same callback', async () => {
    discord.failNextCallbacks([{ status: 429, retryAfter: 0.05 }, { status: 500 }]);
    const sent = burst(discord, 1);
    await expectAnsweredOnce(discord, sent, 3);
    expect(discord.injected.map((failure) => failure.status)).toEqual([429, 500]);
  });

  it('delivers a DM answer exactly once when posting it first fails with 429 and 500', async () => {
    discord.failNextRequests('POST /channels/:channel/messages', [{ status: 429, retryAfter: 0.05 }, { status: 500 }]);
    const dm = discord.sendDirectMessage({ content: 'what optimizers has he worked on?' });
    const reply = await dm.waitForReply(WAIT);
    expect(JSON.stringify(reply.body)).toContain('Lookahead');
    await discord.expectNoChannelMessage(dm.channelId, 300);
    expect(discord.injected.map((failure) => failure.status)).toEqual([429, 500]);
    expect(discord.rejections).toEqual([]);
  });
});

describe('cooldown through `portfolio-bot start` (COOLDOWN_COMMANDS=3, COOLDOWN_SECONDS=60)', () => {
  let discord: FakeDiscord | undefined;
  let portfolio: BotProcess | undefined;
  afterEach(async () => {
    await portfolio?.stop();
    await discord?.close();
  });

  it("answers a user's 4th command with a private 'Slow down' only, leaves others and autocomplete alone", async () => {
    discord = await startFakeDiscord({ defaultTimeoutMs: 15_000 });
    portfolio = await startBotProcess(discord, { COOLDOWN_COMMANDS: '3', COOLDOWN_SECONDS: '60' });
    const busy = discord.user();
    const calm = discord.user();

    for (let i = 0; i < 3; i++) {
      const response = await discord.sendCommand({ name: 'contact', user: busy }).response(WAIT);
      expect(embedsOf(response.data)[0]?.title).toBe('Contact Akash Palrecha');
    }
    const fourth = discord.sendCommand({ name: 'projects', options: { query: 'optimizers' }, user: busy });
    const slowDown = await fourth.response(WAIT);
    expect(slowDown.type).toBe(4);
    expect(slowDown.data?.['flags']).toBe(MessageFlags.Ephemeral);
    const seconds = Number(/^Slow down a little: try again in (\d+) s\.$/.exec(String(slowDown.data?.['content']))?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(embedsOf(slowDown.data)).toEqual([]);
    expect(componentsOf(slowDown.data)).toEqual([]);

    // A button is throttled the same way; a DM gets no answer at all.
    const press = discord.pressButton({
      customId: encodeCustomId({ command: 'projects', action: 'page', page: 1, user: busy.id, key: '' }),
      user: busy,
    });
    expect((await press.response(WAIT)).data).toMatchObject({
      flags: MessageFlags.Ephemeral,
      content: expect.stringMatching(/^Slow down/) as unknown,
    });
    const dm = discord.sendDirectMessage({ content: 'what optimizers has he worked on?', user: busy });

    // Autocomplete is never throttled.
    for (let i = 0; i < 5; i++) {
      const choices = await discord.sendAutocomplete({ name: 'project', options: { name: 'mul' }, user: busy }).choices(WAIT);
      expect(choices[0]).toEqual({ name: 'Multichannel Resnets', value: 'multichannel-resnets' });
    }
    // Another user is unaffected.
    const other = await discord.sendCommand({ name: 'projects', options: { query: 'optimizers' }, user: calm }).response(WAIT);
    expect(other.data?.['flags'] ?? 0).toBe(0);
    expect(embedsOf(other.data)[0]).toMatchObject({ title: LOOKAHEAD, url: LOOKAHEAD_URL });

    await discord.expectNoChannelMessage(dm.channelId, 500);
    await sleep(200);
    for (const interaction of discord.interactions) {
      expect(interaction.responses).toHaveLength(1);
      expect(interaction.followups).toEqual([]);
    }
    expect(discord.rejections).toEqual([]);
    const isThrottled = (line: LogLine) => line['user'] === busy.id && line['outcome'] === 'throttled';
    await portfolio.waitForLog(() => portfolio!.logsMatching(isThrottled).length >= 3);
    // The button's line and the DM's may come in either order.
    expect(
      portfolio
        .logsMatching(isThrottled)
        .map((line) => `${line.msg} ${String(line['kind'])}`)
        .sort(),
    ).toEqual(['interaction button', 'interaction command', 'message dm']);
  });
});

describe('hot reload through `portfolio-bot start` (PROFILE_PATH = a copy of data/profile.yaml)', () => {
  let discord: FakeDiscord | undefined;
  let portfolio: BotProcess | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await portfolio?.stop();
    await discord?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('swaps in a changed profile, keeps the last good one on an invalid edit, and fails no interaction meanwhile', async () => {
    dir = mkdtempSync(join(tmpdir(), 'portfolio-bot-reload-'));
    const file = join(dir, 'profile.yaml');
    copyFileSync(SHIPPED_PROFILE, file);
    const original = readFileSync(file, 'utf8');
    const RENAMED = 'Lookahead Optimizer Study';
    const renamed = replaceOnce(original, `    name: ${LOOKAHEAD}\n`, `    name: ${RENAMED}\n`);
    const invalid = replaceOnce(renamed, `        url: ${LOOKAHEAD_URL}\n`, '        url: not a url\n');
    const badLine = invalid.split('\n').findIndex((line) => line === '        url: not a url') + 1;

    discord = await startFakeDiscord({ defaultTimeoutMs: 15_000 });
    portfolio = await startBotProcess(discord, { PROFILE_PATH: file });
    const running = portfolio;
    const loaded = running.logsMatching('profile loaded');
    expect(loaded).toEqual([expect.objectContaining({ file })]);

    // A steady stream of /project lookahead (by id, which the rename keeps), from a few users.
    const stream: FakeInteraction[] = [];
    const send = () => {
      const user = discord!.user(String(1_500_000_000_000_000_000n + BigInt(stream.length % 5)));
      const interaction = discord!.sendCommand({
        name: 'project',
        options: { name: 'lookahead-optimizer-analysis' },
        user,
        guild: stream.length % 2 === 0,
      });
      stream.push(interaction);
      return interaction;
    };
    const titleOf = async (interaction: FakeInteraction) => embedsOf((await interaction.response(WAIT)).data)[0]?.title;
    let streaming = true;
    const pump = (async () => {
      while (streaming) {
        send();
        await sleep(20);
      }
    })();

    try {
      // The watcher is armed right after login: wait for an answer so it surely is.
      expect(await titleOf(send())).toBe(LOOKAHEAD);

      // (a) An edit in place renames the project.
      let from = running.logs.length;
      let mark = stream.length;
      writeFileSync(file, renamed);
      for (let i = 0; i < 3; i++) send(); // sent while the reload is pending
      const reloaded = await running.waitForLog('profile reloaded', { from });
      expect(reloaded).toMatchObject({ file, revision: expect.any(String) as unknown });
      expect(stream.length - mark).toBeGreaterThanOrEqual(3);
      expect(await titleOf(send())).toBe(RENAMED);

      // (b) An invalid version, saved the way many editors do (write elsewhere, rename over it).
      from = running.logs.length;
      mark = stream.length;
      writeFileSync(`${file}.tmp`, invalid);
      renameSync(`${file}.tmp`, file);
      for (let i = 0; i < 3; i++) send();
      const rejected = await running.waitForLog((line) => line.msg.startsWith('profile reload rejected'), { from });
      expect(rejected.level).toBe('error');
      // file:line:col of the bad value, then the field's path.
      const badColumn = '        url: '.length + 1;
      expect(String(rejected['problem'])).toMatch(
        new RegExp(`^${escapeRegExp(file)}:${badLine}:${badColumn}: projects\\[0\\]\\.links\\[2\\]\\.url: \\S`),
      );
      expect(stream.length - mark).toBeGreaterThanOrEqual(3);
      expect(await titleOf(send())).toBe(RENAMED);

      // (c) Fixed again after the rename: the watcher still follows the file.
      from = running.logs.length;
      writeFileSync(file, original);
      await running.waitForLog('profile reloaded', { from });
      expect(await titleOf(send())).toBe(LOOKAHEAD);
    } finally {
      streaming = false;
      await pump;
    }

    // Every interaction answered once, with a card; in dispatch order the title changes exactly twice.
    const titles: (string | undefined)[] = [];
    for (const interaction of stream) titles.push(await titleOf(interaction));
    await sleep(200);
    for (const interaction of stream) {
      expect(interaction.rejections).toEqual([]);
      expect(interaction.responses).toHaveLength(1);
    }
    const runs = titles.filter((title, index) => index === 0 || title !== titles[index - 1]);
    expect(runs).toEqual([LOOKAHEAD, RENAMED, LOOKAHEAD]);
    expect(stream.length).toBeGreaterThanOrEqual(15);
    expect(discord.rejections).toEqual([]);
    expect(running.logsMatching((line) => line.msg === 'interaction' && line['outcome'] !== 'ok')).toEqual([]);
    expect(running.logsMatching('profile reloaded')).toHaveLength(2);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function replaceOnce(text: string, search: string, replacement: string): string {
  const at = text.indexOf(search);
  if (at < 0 || text.indexOf(search, at + 1) >= 0) throw new Error(`expected exactly one ${JSON.stringify(search)} in the profile`);
  return text.slice(0, at) + replacement + text.slice(at + search.length);
}
