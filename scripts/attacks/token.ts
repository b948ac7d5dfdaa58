// #15.5, the token echoed back: an endpoint (a proxy in front of Discord) answers errors whose
// message holds the bot token, whole or in part ("Invalid Authorization header: Bot <token>").
// Replayed against the real entry point on loopback, with the fake Discord answering the echoes:
//   - `start` whose login is refused with each echo (one process per echo; each must exit 1);
//   - a running `start` whose replies fail with the echoes, many times over (it must live on);
//   - `deploy` whose commands GET is refused with each echo (one process per echo; exit 1).
// A leak is any 12-character stretch of the token, or a raw stack trace, in anything printed.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startFakeDiscord, type FakeDiscord } from '../../tests/fake-discord/index.js';
import { spawnBot, type BotProcess } from '../../tests/helpers/bot-process.js';
import type { Attack, AttackResult } from './types.js';

const APPLICATION_ID = '1100000000000000001';
/** Interactions whose reply fails with an echo, against the running bot. */
const REPLY_ECHOES = 300;
/** The shortest stretch of the token counted as a leak. */
const LEAK_RUN = 12;

/** A token shaped like a real one: base64 of the bot's id, a timestamp, an HMAC; random each run. */
function realisticToken(): string {
  return `${Buffer.from(APPLICATION_ID).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
}

/** The forms an echo takes: the header, the bare token, its last segment, a truncated one, URL-encoded. */
function echoes(token: string): string[] {
  const hmac = token.split('.')[2] ?? token;
  return [
    `Invalid Authorization header: Bot ${token}`,
    `401: token ${token} is not valid`,
    `signature ${hmac} does not match`,
    `header was "Bot ${token.slice(0, 40)}…"`,
    `upstream said authorization=Bot%20${encodeURIComponent(token)}`,
  ];
}

function leaksIn(text: string, token: string): number {
  let leaks = 0;
  for (let start = 0; start + LEAK_RUN <= token.length; start++) if (text.includes(token.slice(start, start + LEAK_RUN))) leaks++;
  return leaks > 0 ? 1 : 0;
}

/** A stack trace printed as such (not inside a JSON log line, where the logger keeps it as a field). */
function rawStackTrace(bot: BotProcess): boolean {
  return bot.stdout
    .split('\n')
    .concat(bot.stderr.split('\n'))
    .some((line) => /^\s+at /.test(line));
}

function readRssMb(pid: number | undefined): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined; // gone
  }
}

/** Samples a process's RSS every few ms until it exits or stop() is called. */
function sampleRss(bot: BotProcess): { samples: number[]; stop: () => void } {
  const samples: number[] = [];
  const take = () => {
    const rss = readRssMb(bot.child.pid);
    if (rss !== undefined) samples.push(rss);
  };
  take();
  const timer = setInterval(take, 10);
  void bot.exited.then(() => clearInterval(timer));
  return { samples, stop: () => clearInterval(timer) };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : (sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN);
};

interface OneShot {
  exit: string;
  crashed: boolean;
  leaks: number;
  /** RSS samples over the run (MB). */
  rss: number[];
  /** From the process's "connecting" line to its exit. */
  rejectMs: number | undefined;
}

/** Runs a one-shot command against a fake Discord that refuses with `message`. */
async function oneShot(
  token: string,
  args: string[],
  refuse: (discord: FakeDiscord, message: string) => void,
  message: string,
  connecting: (bot: BotProcess) => boolean,
): Promise<OneShot> {
  const discord = await startFakeDiscord({ token, applicationId: APPLICATION_ID });
  try {
    refuse(discord, message);
    const bot = spawnBot(args, { DISCORD_TOKEN: token, DISCORD_API_URL: discord.apiUrl, DISCORD_CONNECT_TIMEOUT: '10' });
    const rss = sampleRss(bot);
    let connectedAt = 0;
    const watch = setInterval(() => {
      if (connectedAt === 0 && connecting(bot)) connectedAt = performance.now();
    }, 5);
    const exit = await bot.waitForExit(20_000).catch(async () => {
      await bot.stop();
      return { code: null, signal: 'SIGKILL' as const };
    });
    clearInterval(watch);
    return {
      exit: exit.code !== null ? `exit ${exit.code}` : `signal ${exit.signal}`,
      crashed: exit.code !== 1,
      leaks: leaksIn(bot.output, token) + (rawStackTrace(bot) ? 1 : 0),
      rss: rss.samples,
      rejectMs: connectedAt > 0 ? performance.now() - connectedAt : undefined,
    };
  } finally {
    await discord.close();
  }
}

/**
 * Runs a one-shot command once per echo. A process that exits by design has no "after" to
 * compare with its start (it loads the profile and commands meanwhile), so its RSS row is:
 * start, the last sample of a control run refused with a plain "Forbidden"; peak, the highest
 * sample of the echo runs; end, the median of their last samples. The difference is what the
 * echoes add.
 */
async function oneShots(
  label: string,
  args: string[],
  refuse: (discord: FakeDiscord, message: string) => void,
  connecting: (bot: BotProcess) => boolean,
): Promise<AttackResult> {
  const token = realisticToken();
  const control = await oneShot(token, args, refuse, 'Forbidden', connecting);
  const runs: OneShot[] = [];
  for (const echo of echoes(token)) runs.push(await oneShot(token, args, refuse, echo, connecting));
  const timed = runs.flatMap((run) => (run.rejectMs === undefined ? [] : [run.rejectMs]));
  const outcomes: Record<string, number> = {};
  for (const run of runs) outcomes[run.exit] = (outcomes[run.exit] ?? 0) + 1;
  return {
    attack: label,
    hole: '#15.5',
    sent: runs.length,
    outcomes,
    crashes: runs.filter((run) => run.crashed).length,
    leaks: runs.reduce((sum, run) => sum + run.leaks, 0) + control.leaks,
    rssStartMb: control.rss.at(-1) ?? NaN,
    rssPeakMb: Math.max(...runs.flatMap((run) => run.rss)),
    rssEndMb: median(runs.map((run) => run.rss.at(-1) ?? NaN)),
    rejectMs: timed.length > 0 ? median(timed) : null,
    note:
      'one process per echo (header, bare token, last segment, truncated, URL-encoded); RSS start: a ' +
      'control run refused with a plain "Forbidden"; reject ms: from its "connecting" line to its exit',
  };
}

/** A running bot whose replies fail with the echoes, REPLY_ECHOES times: it must answer each user with a ref and print no token. */
async function replyEchoes(): Promise<AttackResult> {
  const token = realisticToken();
  const discord = await startFakeDiscord({ token, applicationId: APPLICATION_ID, defaultTimeoutMs: 15_000 });
  const bot = spawnBot(['start'], { DISCORD_TOKEN: token, DISCORD_API_URL: discord.apiUrl, COOLDOWN_SECONDS: '0' });
  try {
    await bot.waitForLog('ready', { timeoutMs: 20_000 });
    const rss = sampleRss(bot);
    const start = rss.samples.at(-1) ?? NaN;
    const forms = echoes(token);
    const outcomes: Record<string, number> = {};
    const times: number[] = [];
    for (let i = 0; i < REPLY_ECHOES; i++) {
      discord.failNextCallbacks([{ status: 400, message: forms[i % forms.length] ?? '' }]);
      const sent = performance.now();
      const response = await discord
        .sendCommand({ name: 'contact' })
        .response({ timeoutMs: 15_000 })
        .catch(() => undefined);
      times.push(performance.now() - sent);
      const key =
        response === undefined
          ? 'no answer'
          : /^Something went wrong on my side \(ref \w+\)\.$/.test(String(response.data?.['content']))
            ? 'told, with a ref'
            : 'other answer';
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    }
    await bot.waitForLog(() => bot.logsMatching('reply failed').length >= REPLY_ECHOES, { timeoutMs: 15_000 }).catch(() => undefined);
    outcomes['"reply failed" logged'] = bot.logsMatching('reply failed').length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    rss.stop();
    const end = readRssMb(bot.child.pid) ?? NaN;
    return {
      attack: `start: ${REPLY_ECHOES} replies refused with the token echoed (5 forms)`,
      hole: '#15.5',
      sent: REPLY_ECHOES,
      outcomes,
      crashes: bot.exitStatus ? 1 : 0,
      leaks: leaksIn(bot.output, token) + (rawStackTrace(bot) ? 1 : 0),
      rssStartMb: start,
      rssPeakMb: Math.max(start, ...rss.samples),
      rssEndMb: end,
      rejectMs: median(times),
      note: 'reject ms: from the interaction to the private "went wrong (ref …)" answer',
    };
  } finally {
    await bot.stop();
    await discord.close();
  }
}

export const tokenEchoAttack: Attack = {
  name: 'token-echo',
  async run() {
    return [
      await oneShots(
        'start: login refused with the token echoed (5 forms)',
        ['start'],
        (discord, echo) => discord.failNextRequests('GET /gateway/bot', [{ status: 403, message: echo }]),
        (bot) => bot.logs.some((line) => line.msg === 'connecting to Discord'),
      ),
      await replyEchoes(),
      await oneShots(
        'deploy: commands GET refused with the token echoed (5 forms)',
        ['deploy'],
        (discord, echo) => discord.failNextRequests('GET /applications/:app/commands', [{ status: 403, message: echo }]),
        (bot) => bot.stderr.includes('connecting to Discord at'),
      ),
    ];
  },
};
