// `npm run soak`: reliability under a long, varied load. 20 000 interactions
// (`--quick`: 2 000) through the fake Discord against the gateway bot running in
// this process — createGatewayBot + createDispatcher + COMMANDS + loadPortfolio from the
// shipped profile, the same parts `portfolio-bot start` wires — so that it can force
// a GC (`node --expose-gc`) and read its own heap.
//
// The fake Discord and the simulated users run in a child process (this script
// again, with `--driver`), so that what the fake keeps of every interaction stays
// out of the heap measured here. The mix: every command with ordinary and hostile
// options, private answers, autocomplete, presses of the buttons and menus the bot
// produced (by the asker and by others) and of forged custom_ids, DMs, mentions and
// guild messages that don't mention the bot (those must stay unanswered).
//
// Prints RSS and the heap used after a forced GC at ready and at every quarter, and
// the failures: no reply, wrong reply type, "something went wrong" replies, and
// whatever the fake refused. Exits 1 when there is any failure.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { APIUser } from 'discord.js';
import { COMMANDS } from '../commands/index.js';
import { createDispatcher } from '../src/bot/dispatch.js';
import { createGatewayBot } from '../src/discord/client.js';
import type { LogFields, Logger } from '../src/log.js';
import { DEFAULT_PROFILE_PATH } from '../src/paths.js';
import { buildDocuments } from '../src/search/documents.js';
import { startFakeDiscord, type FakeInteraction, type JsonObject, type RequestRecord } from '../tests/fake-discord/index.js';
import { loadedPortfolio } from '../tests/helpers/profile.js';
import { mulberry32 } from '../tests/helpers/random.js';

const quick = process.argv.includes('--quick');
const TOTAL = quick ? 2000 : 20_000;
const CHECKPOINTS = 4;
const IN_FLIGHT = 16;
const SEED = 20_240_601;

/** What the driver reports after each chunk. */
interface Stats {
  interactions: number;
  messages: number;
  byKind: Record<string, number>;
  answered: number;
  noReply: number;
  wrongType: number;
  somethingWentWrong: number;
  refused: number;
  rejections: number;
  unhandled: number;
  messageRepliesMissing: number;
  unexpectedMessageReplies: number;
  samples: string[];
}

type ToDriver = { type: 'run'; count: number } | { type: 'stop' };
type FromDriver = { type: 'listening'; apiUrl: string; token: string } | { type: 'done'; stats: Stats };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Inputs people should not type, and do. */
const HOSTILE = [
  '@everyone',
  '@here look at this',
  '<@123456789012345678> <@&123456789012345678> <#123456789012345678>',
  '**bold** __under__ ~~strike~~ `code` ```block``` ||spoiler|| > quote',
  '[click](https://evil.example) https://evil.example/?q=<script>alert(1)</script>',
  'x'.repeat(6000),
  'optimizers '.repeat(600),
  'a\u0000b\u0007c\u001bd\u007f',
  'zero\u200bwidth\u200d\ufeffjoiner',
  '\u202eRTL override\u202c',
  'lone \ud800 surrogate \udfff',
  '👩🏽‍💻🏳️‍🌈🇮🇳 emoji only 👍🏿',
  'pb1|projects|page|2|u=1|k=x',
  '%7C%25|||',
  "'; DROP TABLE projects; --",
  '${process.env.DISCORD_TOKEN}',
  '   ',
  '',
  '+91 98799 90466',
  'Z̸̡̢͓a̵͙͑l̷̗̈g̶̣̾o̷̤͝',
];

// ---------------------------------------------------------------- the driver (child process)

/** Counters all zero: one set per reporting window, and one for the whole run. */
function freshStats(): Stats {
  return {
    interactions: 0,
    messages: 0,
    byKind: {},
    answered: 0,
    noReply: 0,
    wrongType: 0,
    somethingWentWrong: 0,
    refused: 0,
    rejections: 0,
    unhandled: 0,
    messageRepliesMissing: 0,
    unexpectedMessageReplies: 0,
    samples: [],
  };
}

async function runDriver(): Promise<void> {
  const send = (message: FromDriver) => process.send?.(message);
  const discord = await startFakeDiscord({ defaultTimeoutMs: 30_000 });
  const { profile } = await loadedPortfolio(DEFAULT_PROFILE_PATH);
  const docs = buildDocuments(profile);
  const words = [...new Set(docs.flatMap((doc) => [...doc.names, ...doc.keywords]).filter((word) => word.length > 1))];
  const questions = [
    'how can I get in touch?',
    'which kaggle competitions did he enter?',
    'does he know docker?',
    'where did he study?',
    'which projects use pytorch?',
    'what is his phone number?',
    'tell me about lookahead',
    'what are his expert skills?',
  ];
  const rand = mulberry32(SEED);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const users: APIUser[] = Array.from({ length: 300 }, (_, i) => discord.user(String(1_400_000_000_000_000_000n + BigInt(i))));

  interface Sent {
    interaction: FakeInteraction;
    kind: string;
    user: APIUser;
  }
  interface Pressable {
    customId: string;
    values: string[] | null;
    message: JsonObject;
    owner: APIUser;
    guild: boolean;
  }
  const pending = new Map<string, Sent>();
  const pressables: Pressable[] = [];
  const awaitingMessage = new Map<string, number>(); // channel id → replies still expected
  let awaitingTotal = 0;
  const silentChannels = new Set<string>();
  let stats = freshStats();

  const sample = (text: string) => {
    if (stats.samples.length < 8) stats.samples.push(text.split(discord.token).join('<token>').slice(0, 300));
  };

  discord.interactions.push = () => 0;
  discord.requests.push = (...records: RequestRecord[]) => {
    for (const record of records) if (record.route === 'POST /interactions/:id/:token/callback') settle(record.path.split('/')[4] ?? '');
    return 0;
  };
  discord.rejections.push = (...rejections) => {
    for (const rejection of rejections) {
      stats.rejections++;
      sample(`fake rejection: ${rejection.status} ${rejection.route}: ${rejection.reason}`);
    }
    return 0;
  };
  discord.channelMessages.push = (...messages) => {
    for (const message of messages) {
      const left = awaitingMessage.get(message.channelId) ?? 0;
      if (left > 0) {
        awaitingMessage.set(message.channelId, left - 1);
        awaitingTotal--;
      } else {
        stats.unexpectedMessageReplies++;
        sample(
          `unexpected bot message in ` +
            `${silentChannels.has(message.channelId) ? 'a channel where nobody mentioned it' : 'a channel'}: ` +
            `${JSON.stringify(message.body).slice(0, 120)}`,
        );
      }
      if (somethingWentWrong(message.body)) {
        stats.somethingWentWrong++;
        sample(`"something went wrong" message reply: ${JSON.stringify(message.body).slice(0, 160)}`);
      }
    }
    return 0;
  };

  function somethingWentWrong(data: unknown): boolean {
    return typeof data === 'object' && data !== null && /Something went wrong on my side/.test(String((data as JsonObject).content ?? ''));
  }

  function settle(id: string): void {
    const sent = pending.get(id);
    if (!sent) return;
    pending.delete(id);
    const { interaction, kind } = sent;
    const body = interaction.responses[0];
    if (!body) {
      stats.refused++;
      sample(
        `${kind}: refused: ${interaction.rejections
          .map((r) => `${r.status} ${r.reason}`)
          .join('; ')
          .slice(0, 200)}`,
      );
      return;
    }
    stats.answered++;
    const expected = kind === 'autocomplete' ? [8] : kind.startsWith('press') || kind.startsWith('select') ? [4, 7] : [4];
    if (!expected.includes(body.type)) {
      stats.wrongType++;
      sample(`${kind}: answered with type ${body.type}, expected ${expected.join(' or ')}`);
      return;
    }
    if (body.type === 8) {
      if (!Array.isArray(body.data?.choices)) {
        stats.wrongType++;
        sample(`${kind}: type 8 without choices`);
      }
      return;
    }
    const data = body.data ?? {};
    if (somethingWentWrong(data)) {
      stats.somethingWentWrong++;
      sample(`${kind}: ${String(data.content).slice(0, 160)}`);
    }
    if (!data.content && !(Array.isArray(data.embeds) && data.embeds.length > 0) && body.type === 4) {
      stats.wrongType++;
      sample(`${kind}: an empty message`);
    }
    collectPressables(data, sent, interaction);
  }

  function collectPressables(data: JsonObject, sent: Sent, interaction: FakeInteraction): void {
    const message = interaction.original as unknown as JsonObject | null;
    if (!message || !Array.isArray(data.components)) return;
    for (const row of data.components as JsonObject[]) {
      for (const component of (row.components ?? []) as JsonObject[]) {
        if (typeof component.custom_id !== 'string') continue;
        const values =
          component.type === 3 && Array.isArray(component.options)
            ? (component.options as JsonObject[]).map((option) => String(option.value))
            : null;
        pressables.push({ customId: component.custom_id, values, message, owner: sent.user, guild: interaction.guildId !== null });
        if (pressables.length > 400) pressables.splice(0, pressables.length - 400);
      }
    }
  }

  function optionValue(option: JsonObject): string | boolean | undefined {
    if (option.type === 5) return rand() < 0.2;
    if (option.type !== 3) return undefined;
    if (rand() < 0.12) return pick(HOSTILE);
    if (Array.isArray(option.choices)) return String((pick(option.choices as JsonObject[]) as JsonObject).value);
    return option.name === 'question'
      ? pick(questions)
      : rand() < 0.3
        ? pick(words)
            .toLowerCase()
            .slice(0, 1 + Math.floor(rand() * 8))
        : pick(words);
  }

  function sendOne(): void {
    const user = pick(users);
    const guild = rand() < 0.8;
    const roll = rand();
    let interaction: FakeInteraction | undefined;
    let kind: string;
    if (roll < 0.5 || (roll < 0.9 && roll >= 0.68 && pressables.length === 0)) {
      const module = pick(COMMANDS);
      const options: Record<string, string | boolean> = {};
      for (const option of (module.definition.options ?? []) as unknown as JsonObject[]) {
        if (option.required !== true && rand() < 0.5) continue;
        const value = optionValue(option);
        if (value !== undefined) options[String(option.name)] = value;
      }
      kind = `/${module.definition.name}`;
      interaction = discord.sendCommand({
        name: module.definition.name,
        user,
        guild,
        ...(Object.keys(options).length > 0 ? { options } : {}),
      });
    } else if (roll < 0.68) {
      const name = rand() < 0.7 ? 'project' : 'search';
      const field = name === 'project' ? 'name' : 'query';
      const typed =
        rand() < 0.1
          ? pick(HOSTILE)
          : pick(words)
              .toLowerCase()
              .slice(0, Math.floor(rand() * 10));
      kind = 'autocomplete';
      interaction = discord.sendAutocomplete({ name, options: { [field]: typed }, focused: field, user, guild });
    } else if (roll < 0.9) {
      const target = rand() < 0.05 ? null : pick(pressables);
      const presser = target && rand() < 0.7 ? target.owner : user;
      const where = { user: presser, guild: target ? target.guild : guild };
      if (!target) {
        kind = 'press (forged id)';
        interaction = discord.pressButton({ customId: pick(HOSTILE.filter((text) => text.length > 0 && text.length <= 100)), ...where });
      } else if (target.values) {
        kind = 'select';
        interaction = discord.selectMenu({
          customId: target.customId,
          values: [rand() < 0.05 ? 'no-such-value' : pick(target.values)],
          message: target.message,
          ...where,
        });
      } else {
        kind = presser === target.owner ? 'press (asker)' : 'press (someone else)';
        interaction = discord.pressButton({ customId: target.customId, message: target.message, ...where });
      }
    } else {
      // Replies to messages go through discord.js's global limit of 50 requests/s
      // (Discord's), so messages are a tenth of the mix to keep the run short.
      const content = rand() < 0.15 ? pick(HOSTILE) : rand() < 0.5 ? pick(questions) : `/projects ${pick(words)}`;
      stats.messages++;
      const sub = rand();
      if (sub < 0.5) {
        kind = 'dm';
        const handle = discord.sendDirectMessage({ content: content.slice(0, 4000), user });
        awaitingMessage.set(handle.channelId, (awaitingMessage.get(handle.channelId) ?? 0) + 1);
        awaitingTotal++;
      } else if (sub < 0.9) {
        kind = 'mention';
        const handle = discord.sendGuildMessage({ content: content.slice(0, 1900), mentionBot: true, user });
        awaitingMessage.set(handle.channelId, (awaitingMessage.get(handle.channelId) ?? 0) + 1);
        awaitingTotal++;
      } else {
        kind = 'guild message without a mention';
        discord.sendGuildMessage({ content: content.slice(0, 1900), mentionBot: false, user });
      }
    }
    stats.byKind[kind] = (stats.byKind[kind] ?? 0) + 1;
    if (interaction) {
      stats.interactions++;
      pending.set(interaction.id, { interaction, kind, user });
    }
  }

  async function run(count: number): Promise<Stats> {
    stats = freshStats();
    const unhandledBefore = discord.unhandled.length;
    let sent = 0;
    let lastProgress = performance.now();
    let lastOutstanding = -1;
    const outstanding = () => pending.size + awaitingTotal;
    while (sent < count || outstanding() > 0) {
      while (sent < count && outstanding() < IN_FLIGHT) {
        sendOne();
        sent++;
      }
      await sleep(sent < count ? 1 : 20);
      if (outstanding() !== lastOutstanding || sent < count) {
        lastOutstanding = outstanding();
        lastProgress = performance.now();
      } else if (performance.now() - lastProgress > 5000) break; // nothing moves any more
    }
    for (const [, sentOne] of pending) {
      stats.noReply++;
      sample(`${sentOne.kind}: no reply within 5 s`);
    }
    pending.clear();
    stats.messageRepliesMissing = awaitingTotal;
    if (awaitingTotal > 0) sample(`${awaitingTotal} DM/mention replies missing after 5 s`);
    awaitingMessage.clear();
    awaitingTotal = 0;
    stats.unhandled = discord.unhandled.length - unhandledBefore;
    return stats;
  }

  process.on('message', (message: ToDriver) => {
    if (message.type === 'run') void run(message.count).then((result) => send({ type: 'done', stats: result }));
    else void discord.close().finally(() => process.exit(0));
  });
  silentChannels.add(discord.channelId);
  send({ type: 'listening', apiUrl: discord.apiUrl, token: discord.token });
}

// ---------------------------------------------------------------- the bot (this process)

interface Checkpoint {
  label: string;
  interactions: number;
  rssMb: number;
  heapUsedMb: number;
}

function measure(label: string, interactions: number): Checkpoint {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run soak does)');
  gc();
  gc();
  const usage = process.memoryUsage();
  return { label, interactions, rssMb: usage.rss / 1048576, heapUsedMb: usage.heapUsed / 1048576 };
}

async function runSoak(): Promise<number> {
  const started = performance.now();
  const loadBefore = loadavg();
  const errors: string[] = [];
  let errorCount = 0;
  let warnCount = 0;
  const note = (msg: string, fields?: LogFields) => {
    if (errors.length < 5) errors.push(`${msg} ${JSON.stringify({ ...fields, stack: undefined }).slice(0, 200)}`);
  };
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (msg, fields) => {
      warnCount++;
      note(msg, fields);
    },
    error: (msg, fields) => {
      errorCount++;
      note(msg, fields);
    },
  };

  const driver: ChildProcess = fork(fileURLToPath(import.meta.url), ['--driver'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const messages: FromDriver[] = [];
  const waiters: (() => void)[] = [];
  driver.on('message', (message: FromDriver) => {
    messages.push(message);
    for (const wake of waiters.splice(0)) wake();
  });
  const next = async (): Promise<FromDriver> => {
    while (messages.length === 0) {
      if (driver.exitCode !== null) throw new Error('the soak driver exited');
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
    return messages.shift() as FromDriver;
  };
  const listening = await next();
  if (listening.type !== 'listening') throw new Error('unexpected message from the driver');

  const bot = await loadedPortfolio(DEFAULT_PROFILE_PATH);
  const dispatcher = createDispatcher({ commands: COMMANDS, portfolio: () => bot, logger });
  const gateway = createGatewayBot({ token: listening.token, apiUrl: listening.apiUrl, dispatcher, logger });
  const ready = once(gateway.client, 'clientReady');
  await gateway.start();
  await ready;

  const checkpoints: Checkpoint[] = [measure('ready', 0)];
  const total: Stats = freshStats();
  let done = 0;
  for (let i = 1; i <= CHECKPOINTS; i++) {
    const count = Math.round((TOTAL * i) / CHECKPOINTS) - done;
    driver.send({ type: 'run', count } satisfies ToDriver);
    const answer = await next();
    if (answer.type !== 'done') throw new Error('unexpected message from the driver');
    const stats = answer.stats;
    done += count;
    for (const key of Object.keys(total) as (keyof Stats)[]) {
      if (key === 'byKind') for (const [kind, n] of Object.entries(stats.byKind)) total.byKind[kind] = (total.byKind[kind] ?? 0) + n;
      else if (key === 'samples') total.samples.push(...stats.samples.slice(0, 8 - total.samples.length));
      else total[key] += stats[key];
    }
    checkpoints.push(measure(`after ${done.toLocaleString('en')}`, done));
    process.stderr.write(`[soak ${((performance.now() - started) / 1000).toFixed(1)} s] ${done} sent\n`);
  }
  await gateway.stop(2000);
  driver.send({ type: 'stop' } satisfies ToDriver);
  const exited = once(driver, 'exit');
  const killer = setTimeout(() => driver.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(killer);
  const loadAfter = loadavg();

  const failures =
    total.noReply +
    total.wrongType +
    total.somethingWentWrong +
    total.refused +
    total.rejections +
    total.unhandled +
    total.messageRepliesMissing +
    total.unexpectedMessageReplies;
  const first = checkpoints[0] as Checkpoint;
  const last = checkpoints[checkpoints.length - 1] as Checkpoint;
  const half = checkpoints[Math.floor(CHECKPOINTS / 2)] as Checkpoint;
  const out: string[] = [];
  out.push(`## portfolio-bot soak (${quick ? 'quick' : 'full'}): ${TOTAL.toLocaleString('en')} sends, ${IN_FLIGHT} in flight`);
  out.push('');
  out.push(
    `Gateway bot in this process (createGatewayBot + createDispatcher + COMMANDS + loadPortfolio, shipped ` +
      `profile, no cooldown); fake Discord and users in a child process. ` +
      `node ${process.version}, ${cpus().length} cores, load average ` +
      `${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${loadAfter.map((l) => l.toFixed(2)).join(' ')} ` +
      `after; ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
  out.push('');
  out.push('| checkpoint | RSS (MB) | heap used after forced GC (MB) |');
  out.push('|---|---|---|');
  for (const point of checkpoints) out.push(`| ${point.label} | ${point.rssMb.toFixed(1)} | ${point.heapUsedMb.toFixed(2)} |`);
  out.push('');
  out.push(
    `RSS ${first.rssMb.toFixed(1)} → ${last.rssMb.toFixed(1)} MB ` +
      `(${(last.rssMb - first.rssMb >= 0 ? '+' : '') + (last.rssMb - first.rssMb).toFixed(1)}); ` +
      `heap after GC ${first.heapUsedMb.toFixed(2)} → ${last.heapUsedMb.toFixed(2)} MB ` +
      `(${(last.heapUsedMb - first.heapUsedMb >= 0 ? '+' : '') + (last.heapUsedMb - first.heapUsedMb).toFixed(2)}), ` +
      `of which ${(last.heapUsedMb - half.heapUsedMb >= 0 ? '+' : '') + (last.heapUsedMb - half.heapUsedMb).toFixed(2)} MB in the second half.`,
  );
  out.push('');
  const byKind = Object.entries(total.byKind)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  out.push(
    `Sent: ${total.interactions} interactions and ${total.messages} messages ` +
      `(their replies are held to discord.js's global 50 requests/s) — ${byKind}.`,
  );
  out.push('');
  out.push('| failures | count |');
  out.push('|---|---|');
  out.push(`| interactions without a reply | ${total.noReply} |`);
  out.push(`| wrong reply type (or an empty message) | ${total.wrongType} |`);
  out.push(`| "something went wrong" replies | ${total.somethingWentWrong} |`);
  out.push(`| replies the fake refused | ${total.refused} |`);
  out.push(`| fake rejections (all requests) | ${total.rejections} |`);
  out.push(`| unhandled requests | ${total.unhandled} |`);
  out.push(`| DM/mention replies missing | ${total.messageRepliesMissing} |`);
  out.push(`| replies to messages that didn't mention the bot (or extra replies) | ${total.unexpectedMessageReplies} |`);
  out.push(`| **total** | **${failures}** |`);
  out.push('');
  out.push(`Bot log: ${errorCount} errors, ${warnCount} warnings.`);
  for (const line of total.samples) out.push(`- ${line}`);
  for (const line of errors) out.push(`- log: ${line}`);
  console.log(out.join('\n'));
  return failures > 0 ? 1 : 0;
}

if (process.argv.includes('--driver')) await runDriver();
else process.exitCode = await runSoak();
