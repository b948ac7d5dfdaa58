// `npm run bench`: the gateway bot end to end against the bare transport.
//
// The fake Discord (tests/fake-discord) runs in this process. Against it, in turn,
// run (A) the bot through its real entry point, `node bin/portfolio-bot.js start`,
// and (B) scripts/bench-baseline-bot.ts, a discord.js Client with the bot's client
// settings that answers every command with a constant embed. Both are separate
// processes, measured alternately (A B A B) so that machine noise hits both, and
// every figure is printed beside the baseline's with the ratio and its target:
//
//   - latency from INTERACTION_CREATE sent to the callback POST received, p50/p99,
//     at a steady (open-loop, paced) 200 interactions/s of a mix of /projects
//     <query>, /project autocomplete, /ask <question> and /skills [level] from
//     many users, in servers and in DMs;
//   - the highest steady rate with p99 under 100 ms (rates stepped up, then the
//     gap between the last that held and the first that missed halved twice);
//   - RSS after ready and after 20 000 interactions, and its growth (median over
//     the processes of a side);
//   - cold start: process start → the first answer received (median).
//
// And the bot over 4 shards against itself over 1 (SHARD_COUNT=4 and 1, each
// against a fake Discord recommending that many, with the same 2 500 guilds, the
// most one shard may hold): latency p50/p99 at the same steady rate, alternating,
// and RSS per shard. `--shards` runs only that comparison.
//
// Every answer is checked: the bot's against the payload the same dispatcher
// computes in this process (custom_ids compared without the asker's id), the
// baseline's against its constant. Wrong answers, non-answers and whatever the
// fake refused are counted and printed: a fast wrong bot is no win.
//
// A script, not a test: the figures are for reading. Writes bench/results.json
// (`--quick`: a short run, printed only). `--cold N` runs only N cold starts per side,
// alternating, and `--cold N --vs DIR` adds another checkout's built bot (DIR/bin) as a
// third side, to tell two builds' cold starts apart; it prints each side's time from spawn to
// its IDENTIFY too (what comes after it is the side's own start-up). `--cpu-prof DIR` profiles
// every bot and baseline process (written when they exit; the profiler slows
// them, so the figures of such a run are not for comparing).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Server, type IncomingMessage } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { APIUser } from 'discord.js';
import { COMMANDS } from '../commands/index.js';
import { createDispatcher, type Dispatcher } from '../src/bot/dispatch.js';
import { silentLogger } from '../src/log.js';
import { DEFAULT_PROFILE_PATH, REPO_ROOT } from '../src/paths.js';
import type { Profile } from '../src/profile/schema.js';
import { buildDocuments } from '../src/search/documents.js';
import {
  manyGuilds,
  startFakeDiscord,
  type FakeDiscord,
  type FakeDiscordOptions,
  type JsonObject,
  type RequestRecord,
  type Rejection,
} from '../tests/fake-discord/index.js';
import { BIN, botEnv } from '../tests/helpers/bot-process.js';
import { loadedPortfolio } from '../tests/helpers/profile.js';
import { NONSENSE, SPEC } from '../tests/fixtures/relevance.js';
import { mulberry32 } from '../tests/helpers/random.js';

const quick = process.argv.includes('--quick');
const shardsOnly = process.argv.includes('--shards');
const argValue = (flag: string) => (process.argv.includes(flag) ? process.argv[process.argv.indexOf(flag) + 1] : undefined);
const profileDir = argValue('--cpu-prof');
/** `--cold N`: only cold starts, N per side, alternating; `--vs DIR` adds another checkout's built bot as a third side. */
const coldOnly = argValue('--cold') === undefined ? undefined : Number(argValue('--cold'));
const vsDir = argValue('--vs');
/** With `--cold`: `--work N` then sends each process N interactions of the mix (after as many to warm up) and reads the CPU each cost. */
const coldWork = Number(argValue('--work') ?? 0);

const SETTINGS = {
  logLevel: 'warn',
  /**
   * Interactions of the mix sent to each new process (closed loop) before it is measured, so that JIT and the
   * bot's caches are in their steady state (at the latency rate, a bot sees every distinct input of the mix
   * within a minute).
   */
  warmup: quick ? 1000 : 5000,
  latencyRate: 200,
  /** Latency rounds per side, alternating A B A B, pooled. */
  latencyRounds: quick ? 2 : 8,
  latencyRoundMs: 1000,
  /** Interactions from ready to the second RSS reading (warm-up and latency rounds included). */
  rssInteractions: quick ? 4000 : 20_000,
  /** Closed loop for the RSS run: this many interactions in flight. */
  rssWindow: 32,
  stepRates: quick ? [1000, 3000, 5000, 7000] : [1600, 2400, 3200, 4000, 4800, 5600, 6400, 7200, 8000],
  /** Rates tried between the last step that held and the first that missed, halving the gap each time (to the nearest 100/s). */
  refineSteps: quick ? 0 : 2,
  stepMs: quick ? 700 : 1500,
  p99LimitMs: 100,
  /** RSS "after ready" is read this long after the first answer, on every process. */
  readyRssDelayMs: 500,
  /** Full run: RSS read again after this long idle (V8's memory reducer runs after some seconds). */
  settleMs: quick ? 0 : 11_000,
  /** Extra spawns for the cold start, beside the two measurement processes. */
  extraColdStarts: quick ? 1 : 2,
  users: 1000,
  dmShare: 0.2,
  /** The shard comparison: shard counts, guilds (the same on both sides; at most 2 500, one shard's limit), warm-up per process. */
  shardCounts: [4, 1],
  shardGuilds: 2500,
  shardWarmup: quick ? 1000 : 3000,
} as const;

const TARGETS = { p50: 1.1, p99: 1.25, rate: 0.9, rssReadyMb: 15, rssGrowthMb: 5, coldStart: 1.3 } as const;

// ---------------------------------------------------------------- workload

type Kind = 'projects' | 'autocomplete' | 'ask' | 'skills';

interface Item {
  kind: Kind;
  /** Command name. */
  name: string;
  options: Record<string, string>;
  /** What the bot must answer, canonical (see {@link canonicalAnswer}). */
  expected: string;
}

/** JSON with sorted keys and the asker's id taken out of custom_ids, for comparing answers. */
function canonical(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .filter((key) => (v as Record<string, unknown>)[key] !== undefined)
          .sort()
          .map((key) => [key, sort((v as Record<string, unknown>)[key])]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(value)).replace(/\|u=\d+/g, '|u=*');
}

/** The parts of a callback body that make the answer: what the user sees. */
function canonicalAnswer(type: number, data: JsonObject | undefined): string {
  if (type === 8) return canonical({ type, choices: data?.choices ?? [] });
  return canonical({
    type,
    content: typeof data?.content === 'string' && data.content !== '' ? data.content : undefined,
    embeds: data?.embeds ?? [],
    components: data?.components ?? [],
    flags: typeof data?.flags === 'number' && data.flags !== 0 ? data.flags : undefined,
  });
}

/**
 * Varied inputs from the profile's own vocabulary, deterministic: /projects queries
 * (names, aliases, tags, tools, typos, the relevance spec, nonsense), /project
 * prefixes as typed, /ask questions from templates, /skills with and without a level.
 */
function buildPools(profile: Profile): Record<Kind, { name: string; options: Record<string, string> }[]> {
  const rand = mulberry32(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const docs = buildDocuments(profile);
  const projects = docs.filter((doc) => doc.section === 'projects');
  const typo = (word: string): string => {
    if (word.length < 4) return word;
    const at = 1 + Math.floor(rand() * (word.length - 2));
    return rand() < 0.5 ? word.slice(0, at) + word.slice(at + 1) : word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  };
  const keywords = [...new Set(docs.flatMap((doc) => doc.keywords).filter((k) => k.length > 1))];
  const names = [...new Set(docs.flatMap((doc) => doc.names))];

  const queries = new Set<string>([...SPEC.map(([query]) => query), ...NONSENSE]);
  for (const name of projects.flatMap((doc) => doc.names)) queries.add(name).add(name.toLowerCase());
  for (const keyword of keywords) queries.add(keyword);
  while (queries.size < 320) {
    const r = rand();
    const word =
      pick(names)
        .split(/\s+/)
        .find((w) => w.length > 3) ?? pick(keywords);
    queries.add(r < 0.4 ? typo(word.toLowerCase()) : r < 0.7 ? `${pick(keywords)} ${pick(keywords)}` : `${word} ${pick(keywords)}`);
  }

  const prefixes = new Set<string>(['']);
  for (const name of projects.flatMap((doc) => doc.names)) {
    for (let n = 1; n <= Math.min(name.length, 12); n++) prefixes.add(name.slice(0, n).toLowerCase());
    prefixes.add(typo(name.toLowerCase()).slice(0, 8));
  }

  const templates = [
    (x: string) => `which projects use ${x}?`,
    (x: string) => `does he know ${x}?`,
    (x: string) => `tell me about ${x}`,
    (x: string) => `what has he done with ${x}`,
    (x: string) => `how good is he at ${x}?`,
    (x: string) => `${x}`,
  ];
  const fixed = [
    'how can I get in touch?',
    'which kaggle competitions did he enter?',
    'where did he study?',
    'what is he working on now?',
    'does he have a resume?',
    'what does he do in his free time?',
    'has he written any blog posts?',
    'what research has he done?',
    'where has he worked?',
    'what are his best skills?',
  ];
  const questions = new Set<string>(fixed);
  while (questions.size < 320) questions.add(pick(templates)(rand() < 0.5 ? pick(keywords) : pick(names)));

  const levels = ['', 'expert', 'intermediate', 'basic', 'learning'];
  return {
    projects: [...queries].map((query) => ({ name: 'projects', options: { query } })),
    autocomplete: [...prefixes].map((prefix) => ({ name: 'project', options: { name: prefix } })),
    ask: [...questions].map((question) => ({ name: 'ask', options: { question } })),
    skills: levels.map((level) => ({ name: 'skills', options: level ? { level } : {} })),
  };
}

/** The mix: how often each kind comes up. */
const MIX: [Kind, number][] = [
  ['projects', 0.35],
  ['autocomplete', 0.3],
  ['ask', 0.25],
  ['skills', 0.1],
];

/** How a kind of the mix is named in the report. */
function mixLabel(kind: Kind): string {
  return kind === 'autocomplete' ? '/project autocomplete' : `/${kind}`;
}

function buildItems(dispatcher: Dispatcher, profile: Profile): Record<Kind, Item[]> {
  const pools = buildPools(profile);
  const user = { id: '1300000000000000001', name: 'bench' };
  const expect = (kind: Kind, name: string, options: Record<string, string>): string => {
    if (kind === 'autocomplete') {
      const choices = dispatcher.autocomplete(name, { name: 'name', value: options['name'] ?? '' }, { options, user });
      return canonicalAnswer(8, { choices: choices as unknown as JsonObject[] });
    }
    const payload = dispatcher.command(name, { options, user });
    return canonicalAnswer(4, payload as unknown as JsonObject);
  };
  const out = {} as Record<Kind, Item[]>;
  for (const [kind] of MIX)
    out[kind] = pools[kind].map(({ name, options }) => ({ kind, name, options, expected: expect(kind, name, options) }));
  return out;
}

/** The n-th interaction of a run: same sequence for both sides. */
function workload(items: Record<Kind, Item[]>, seed: number): (i: number) => { item: Item; user: number; dm: boolean } {
  const rand = mulberry32(seed);
  return () => {
    let r = rand();
    let kind: Kind = 'projects';
    for (const [k, share] of MIX) {
      if (r < share) {
        kind = k;
        break;
      }
      r -= share;
    }
    const list = items[kind];
    return {
      item: list[Math.floor(rand() * list.length)] as Item,
      user: Math.floor(rand() * SETTINGS.users),
      dm: rand() < SETTINGS.dmShare,
    };
  };
}

// ---------------------------------------------------------------- processes and the fake

interface Side {
  name: 'bot' | 'baseline';
  label: string;
  args: () => string[];
  /** Whether an answer is right. */
  check: (item: Item, answer: string) => boolean;
}

const BASELINE_EMBED_TITLE = 'Baseline';
const SIDES: Side[] = [
  {
    name: 'bot',
    label: 'portfolio-bot start',
    args: () => [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), BIN, 'start'],
    check: (item, answer) => answer === item.expected,
  },
  {
    name: 'baseline',
    label: 'baseline (constant answers)',
    args: () => [
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      join(REPO_ROOT, 'dist', 'scripts', 'bench-baseline-bot.js'),
    ],
    check: (item, answer) => {
      const parsed = JSON.parse(answer) as { type: number; choices?: unknown[]; embeds?: { title?: string }[] };
      return item.kind === 'autocomplete'
        ? parsed.type === 8 && parsed.choices?.length === 3
        : parsed.type === 4 && parsed.embeds?.[0]?.title === BASELINE_EMBED_TITLE;
    },
  },
];

/** Counters of one measured run. */
class Run {
  readonly latencies: number[] = [];
  /** The same latencies by kind of interaction, to see where a tail comes from. */
  readonly byKind: Record<Kind, number[]> = { projects: [], autocomplete: [], ask: [], skills: [] };
  sent = 0;
  settled = 0;
  wrong = 0;
  refused = 0;
  startedAt = performance.now();
  sendingMs = 0;
}

interface Pending {
  sentAt: number;
  item: Item;
  run: Run;
}

interface Totals {
  sent: number;
  right: number;
  wrong: number;
  refused: number;
  unanswered: number;
  rejections: number;
  unhandled: number;
  stderrLines: number;
}

/**
 * When each interaction callback POST reached the fake (its headers parsed), by
 * interaction id: the end of the latency, before the fake's own parsing and checks,
 * which take longer for a bigger reply and are no part of the bot's cost.
 */
const arrivals = new Map<string, number>();
const CALLBACK_PATH = /^\/api\/v10\/interactions\/(\d+)\/[^/]+\/callback/;
const emit = Server.prototype.emit;
Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
  if (event === 'request') {
    const id = CALLBACK_PATH.exec((args[0] as IncomingMessage).url ?? '')?.[1];
    if (id) arrivals.set(id, performance.now());
  }
  return (emit as (this: Server, event: string | symbol, ...rest: unknown[]) => boolean).call(this, event, ...args);
} as typeof Server.prototype.emit;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const f = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : Number.isNaN(value) ? '–' : '∞');
const signed = (value: number) => `${value >= 0 ? '+' : ''}${f(value)}`;

/** User + system CPU time of a process so far (ms), from /proc (clock ticks of 10 ms on Linux). */
function readCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function readRssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/**
 * One bot or baseline process logged into its own fake Discord. The fake keeps every
 * interaction it dispatched, so each process gets a fresh one and a bounded number of
 * interactions; the fake's public record arrays are not kept at all.
 */
class Target {
  readonly pending = new Map<string, Pending>();
  readonly users: APIUser[];
  readonly rejectionSamples: string[] = [];
  readonly wrongSamples: string[] = [];
  readonly stderrTail: string[] = [];
  rejections = 0;
  stderrLines = 0;
  unanswered = 0;
  right = 0;
  sent = 0;
  coldStartMs = NaN;
  identifyMs = NaN;
  readyRssMb = NaN;
  onSettle: (() => void) | null = null;
  /** Guilds the interactions go to, in turn (default: the fake's one guild). */
  guildIds: string[] = [];
  #exit: Promise<void>;

  private constructor(
    readonly side: Side,
    readonly discord: FakeDiscord,
    readonly child: ChildProcess,
    readonly totals: Totals,
  ) {
    this.users = Array.from({ length: SETTINGS.users }, (_, i) => discord.user(String(1_300_000_000_000_000_100n + BigInt(i))));
    this.#exit = new Promise((resolve) => child.once('exit', () => resolve()));
    let partial = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        this.stderrLines++;
        totals.stderrLines++;
        this.stderrTail.push(line.split(discord.token).join('<token>').slice(0, 300));
        if (this.stderrTail.length > 5) this.stderrTail.shift();
      }
    });
    const requests = discord.requests;
    requests.push = (...records: RequestRecord[]) => {
      for (const record of records) this.#onRequest(record);
      return 0;
    };
    discord.interactions.push = () => 0;
    discord.rejections.push = (...rejections: Rejection[]) => {
      for (const rejection of rejections) {
        this.rejections++;
        totals.rejections++;
        if (this.rejectionSamples.length < 3)
          this.rejectionSamples.push(`${rejection.status} ${rejection.route}: ${rejection.reason.slice(0, 200)}`);
      }
      return 0;
    };
  }

  /** Spawns the process and measures its cold start: spawn → the first answer received. */
  static async start(
    side: Side,
    first: Item,
    totals: Totals,
    setup: { fake?: FakeDiscordOptions; env?: Record<string, string> } = {},
  ): Promise<Target> {
    const discord = await startFakeDiscord({ defaultTimeoutMs: 30_000, ...setup.fake });
    const env = botEnv({
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      LOG_LEVEL: SETTINGS.logLevel,
      COOLDOWN_SECONDS: '0',
      ...setup.env,
    });
    const started = performance.now();
    const child = spawn(process.execPath, side.args(), { cwd: REPO_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    const target = new Target(side, discord, child, totals);
    if (setup.fake?.guilds) target.guildIds = setup.fake.guilds.map((guild) => guild.id);
    // Queued by the fake until the client identifies, replayed once it is ready.
    const run = new Run();
    target.send(first, 0, false, run);
    const identified = discord.waitForIdentify(1).then(() => (target.identifyMs = performance.now() - started));
    await Promise.race([
      target.drain(run, 30_000),
      target.#exit.then(() => Promise.reject(new Error(`${side.name} exited during start: ${target.stderrTail.join(' | ')}`))),
    ]);
    await identified;
    if (run.settled !== 1 || run.wrong !== 0 || run.refused !== 0) {
      const why = [...target.wrongSamples, ...target.rejectionSamples, ...target.stderrTail].join(' | ');
      throw new Error(`${side.name}: the first answer was missing or wrong: ${why}`);
    }
    target.coldStartMs = performance.now() - started;
    return target;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  rssMb(): number {
    return readRssMb(this.pid);
  }

  send(item: Item, user: number, dm: boolean, run: Run): void {
    const guild = dm ? false : (this.guildIds[(this.sent * 7919) % this.guildIds.length] ?? true);
    const who = { user: this.users[user % this.users.length] as APIUser, guild };
    const interaction =
      item.kind === 'autocomplete'
        ? this.discord.sendAutocomplete({ name: item.name, options: item.options, focused: 'name', ...who })
        : this.discord.sendCommand({ name: item.name, ...(Object.keys(item.options).length > 0 ? { options: item.options } : {}), ...who });
    this.pending.set(interaction.id, { sentAt: performance.now(), item, run });
    run.sent++;
    this.sent++;
    this.totals.sent++;
  }

  #onRequest(record: RequestRecord): void {
    if (record.route !== 'POST /interactions/:id/:token/callback') return;
    const id = record.path.split('/')[4] ?? '';
    const pending = this.pending.get(id);
    const at = arrivals.get(id) ?? performance.now();
    arrivals.delete(id);
    if (!pending) return;
    this.pending.delete(id);
    const { run, item } = pending;
    run.settled++;
    const body = this.discord.interaction(id)?.responses[0];
    if (!body) {
      run.refused++;
      this.totals.refused++;
    } else {
      run.latencies.push(at - pending.sentAt);
      run.byKind[item.kind].push(at - pending.sentAt);
      const answer = canonicalAnswer(body.type, body.data);
      if (this.side.check(item, answer)) {
        this.right++;
        this.totals.right++;
      } else {
        run.wrong++;
        this.totals.wrong++;
        if (this.wrongSamples.length < 3)
          this.wrongSamples.push(
            `${item.name} ${JSON.stringify(item.options)}: got ${answer.slice(0, 160)}… expected ${item.expected.slice(0, 160)}…`,
          );
      }
    }
    this.onSettle?.();
  }

  /** Waits until every interaction of `run` is answered or `timeoutMs` passed; the rest count as unanswered. */
  async drain(run: Run, timeoutMs = 4000): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    while (run.settled < run.sent && performance.now() < deadline) await sleep(10);
    const missing = run.sent - run.settled;
    if (missing > 0) {
      for (const [id, pending] of this.pending) if (pending.run === run) this.pending.delete(id);
      this.unanswered += missing;
      this.totals.unanswered += missing;
    }
    return missing;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 8000);
    await this.#exit;
    clearTimeout(killer);
    this.totals.unhandled += this.discord.unhandled.length;
    await this.discord.close();
  }
}

// ---------------------------------------------------------------- load shapes

type Next = ReturnType<typeof workload>;

/** Open loop: sends `rate`/s on a schedule for `durationMs`, whatever the answers do. */
async function paced(target: Target, next: Next, rate: number, durationMs: number, run: Run): Promise<void> {
  const total = Math.max(1, Math.round((rate * durationMs) / 1000));
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
    while (sent < due) {
      const { item, user, dm } = next(sent);
      target.send(item, user, dm, run);
      sent++;
    }
    if (sent < total) await sleep(Math.max(0, start + (sent * 1000) / rate - performance.now()));
  }
  run.sendingMs = performance.now() - start;
}

/** Closed loop: `count` interactions, `window` in flight at a time. */
async function closedLoop(target: Target, next: Next, count: number, window: number, run: Run): Promise<void> {
  let sent = 0;
  const fill = () => {
    while (sent < count && run.sent - run.settled < window) {
      const { item, user, dm } = next(sent);
      target.send(item, user, dm, run);
      sent++;
    }
  };
  target.onSettle = fill;
  fill();
  let lastSettled = -1;
  while (run.settled < count) {
    await sleep(200);
    if (run.settled === lastSettled) break; // stalled: drain() counts what is missing
    lastSettled = run.settled;
    fill();
  }
  target.onSettle = null;
  await target.drain(run, 4000);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

function summarise(latencies: number[]): { p50: number; p99: number; n: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), n: sorted.length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

// ---------------------------------------------------------------- the run

const started = performance.now();
const loadBefore = loadavg();
const profileBot = await loadedPortfolio(DEFAULT_PROFILE_PATH);
const dispatcher = createDispatcher({ commands: COMMANDS, portfolio: () => profileBot, logger: silentLogger });
const items = buildItems(dispatcher, profileBot.profile);
const firstItem = items.projects.find((item) => item.options['query'] === 'optimizers') ?? (items.projects[0] as Item);

const totals: Record<Side['name'], Totals> = {
  bot: { sent: 0, right: 0, wrong: 0, refused: 0, unanswered: 0, rejections: 0, unhandled: 0, stderrLines: 0 },
  baseline: { sent: 0, right: 0, wrong: 0, refused: 0, unanswered: 0, rejections: 0, unhandled: 0, stderrLines: 0 },
};
const cold: Record<Side['name'], number[]> = { bot: [], baseline: [] };
const identify: Record<Side['name'], number[]> = { bot: [], baseline: [] };
const readyRss: Record<Side['name'], number[]> = { bot: [], baseline: [] };
const samples: Record<Side['name'], { stderr: string[]; rejections: string[]; wrong: string[] }> = {
  bot: { stderr: [], rejections: [], wrong: [] },
  baseline: { stderr: [], rejections: [], wrong: [] },
};
const log = (text: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1)} s] ${text}\n`);

async function startTarget(side: Side): Promise<Target> {
  const target = await Target.start(side, firstItem, totals[side.name]);
  cold[side.name].push(target.coldStartMs);
  identify[side.name].push(target.identifyMs);
  await sleep(SETTINGS.readyRssDelayMs);
  target.readyRssMb = target.rssMb();
  readyRss[side.name].push(target.readyRssMb);
  return target;
}

async function stopTarget(target: Target): Promise<void> {
  await target.stop();
  const kept = samples[target.side.name];
  kept.stderr.push(...target.stderrTail.slice(0, 5 - kept.stderr.length));
  kept.rejections.push(...target.rejectionSamples.slice(0, 3 - kept.rejections.length));
  kept.wrong.push(...target.wrongSamples.slice(0, 3 - kept.wrong.length));
}

// ---------------------------------------------------------------- 4 shards vs 1

interface ShardSide {
  shards: number;
  coldStartMs: number;
  readyRssMb: number;
  afterRssMb: number;
  latencies: number[];
  totals: Totals;
}

/**
 * The bot over 4 shards against the bot over 1, in turn (A B B A): each a fresh
 * process with SHARD_COUNT set, against a fake Discord that recommends that many
 * shards, with the same guilds; warmed up, then the latency rounds of the main
 * comparison at the same rate, interactions spread over every guild (so every
 * shard) and DMs.
 */
async function compareShards(): Promise<{ sides: ShardSide[]; lines: string[] }> {
  const guilds = manyGuilds(SETTINGS.shardGuilds);
  const botSide = SIDES[0] as Side;
  const sides: ShardSide[] = [];
  const targets: Target[] = [];
  for (const shards of SETTINGS.shardCounts) {
    const totalsOfSide: Totals = { sent: 0, right: 0, wrong: 0, refused: 0, unanswered: 0, rejections: 0, unhandled: 0, stderrLines: 0 };
    const target = await Target.start(botSide, firstItem, totalsOfSide, {
      fake: { guilds, shards },
      env: { SHARD_COUNT: String(shards) },
    });
    await sleep(SETTINGS.readyRssDelayMs);
    const side = {
      shards,
      coldStartMs: target.coldStartMs,
      readyRssMb: target.rssMb(),
      afterRssMb: NaN,
      latencies: [],
      totals: totalsOfSide,
    };
    sides.push(side);
    targets.push(target);
    log(`shards: ${shards} ready in ${f(side.coldStartMs, 0)} ms, RSS ${f(side.readyRssMb)} MB`);
  }
  const nexts = targets.map(() => workload(items, 500));
  for (const [i, target] of targets.entries())
    await closedLoop(target, nexts[i] as Next, SETTINGS.shardWarmup, SETTINGS.rssWindow, new Run());
  // A B B A: each side goes first in half the rounds, so that what follows a round (the other's
  // garbage, the machine's own moods) falls on both alike.
  for (let round = 0; round < SETTINGS.latencyRounds; round++) {
    const order = round % 2 === 0 ? [...targets.keys()] : [...targets.keys()].reverse();
    for (const i of order) {
      const run = new Run();
      await paced(targets[i] as Target, nexts[i] as Next, SETTINGS.latencyRate, SETTINGS.latencyRoundMs, run);
      await targets[i]?.drain(run);
      sides[i]?.latencies.push(...run.latencies);
      await sleep(100);
    }
  }
  for (const [i, target] of targets.entries()) {
    (sides[i] as ShardSide).afterRssMb = target.rssMb();
    await target.stop();
  }
  log('shard comparison done');

  const [many, one] = sides as [ShardSide, ShardSide];
  const lat = { many: summarise(many.latencies), one: summarise(one.latencies) };
  const row = (metric: string, a: number, b: number, digits = 1, ratio = true) =>
    `| ${metric} | ${f(a, digits)} | ${f(b, digits)} | ${ratio ? f(a / b, 2) : '–'} |`;
  const extra = (many.readyRssMb - one.readyRssMb) / (many.shards - one.shards);
  const lines = [
    `### ${many.shards} shards vs ${one.shards}, the same bot (\`SHARD_COUNT\`)`,
    '',
    `Each side a fresh \`portfolio-bot start\` with SHARD_COUNT=${many.shards} or ${one.shards}, ` +
      `against a fake Discord recommending as many, the same ${SETTINGS.shardGuilds} guilds (the most one shard may hold), ` +
      `interactions spread over every guild and ${Math.round(SETTINGS.dmShare * 100)} % in DMs; ` +
      `warmed up with ${SETTINGS.shardWarmup} interactions, then ${SETTINGS.latencyRounds} rounds ` +
      `of ${SETTINGS.latencyRoundMs / 1000} s at ${SETTINGS.latencyRate}/s each, alternating A B B A.`,
    '',
    `| metric | ${many.shards} shards | ${one.shards} shard | ${many.shards} / ${one.shards} |`,
    '|---|---|---|---|',
    row(`latency p50 at ${SETTINGS.latencyRate}/s (ms)`, lat.many.p50, lat.one.p50, 2),
    row(`latency p99 at ${SETTINGS.latencyRate}/s (ms)`, lat.many.p99, lat.one.p99, 2),
    row(`RSS after ready, +${SETTINGS.readyRssDelayMs / 1000} s (MB)`, many.readyRssMb, one.readyRssMb),
    row('RSS per shard, after ready (MB)', many.readyRssMb / many.shards, one.readyRssMb / one.shards),
    `| RSS each shard beyond the first adds, after ready (MB) | ${f(extra)} | – | – |`,
    row(`RSS after the latency rounds (MB)`, many.afterRssMb, one.afterRssMb),
    row('cold start to first answer (ms)', many.coldStartMs, one.coldStartMs, 0),
    '',
    `Samples ${lat.many.n} / ${lat.one.n}; correctness (sent, right, wrong, non-answers, fake rejections): ` +
      sides
        .map(
          ({ shards, totals: t }) =>
            `${shards} shard${shards === 1 ? '' : 's'} ${t.sent}, ${t.right}, ${t.wrong}, ${t.unanswered}, ${t.rejections}`,
        )
        .join('; ') +
      '.',
  ];
  return { sides, lines };
}

if (shardsOnly) {
  log(`starting the shard comparison only (${quick ? 'quick' : 'full'} run)`);
  const { lines } = await compareShards();
  console.log(
    [
      `node ${process.version}, ${cpus().length} cores, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}.`,
      '',
      ...lines,
    ].join('\n'),
  );
  process.exit(0);
}

if (coldOnly !== undefined) {
  if (!Number.isInteger(coldOnly) || coldOnly < 1)
    throw new Error(`--cold wants a whole number of starts per side, got ${argValue('--cold')}`);
  const botSide = SIDES[0] as Side;
  const sides: Side[] = [...SIDES];
  if (vsDir) {
    // Another build's answers may differ from this one's in detail: any answer or autocomplete result counts as right.
    const vsBin = join(vsDir, 'bin', 'portfolio-bot.js');
    sides.splice(1, 0, {
      ...botSide,
      label: `${vsDir} start`,
      args: () => [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), vsBin, 'start'],
      check: (_item, answer) => [4, 8].includes((JSON.parse(answer) as { type: number }).type),
    });
  }
  const starts = sides.map(() => [] as number[]);
  const identifies = sides.map(() => [] as number[]);
  const cpu = sides.map(() => [] as number[]);
  const rss = sides.map(() => [] as number[]);
  const perInteraction = sides.map(() => [] as number[]);
  log(`cold starts only: ${coldOnly} per side, ${sides.length} sides, alternating`);
  for (let i = 0; i < coldOnly; i++) {
    // Each round starts with a different side, so that none always follows the same one.
    for (let k = 0; k < sides.length; k++) {
      const at = (i + k) % sides.length;
      const side = sides[at] as Side;
      const target = await Target.start(side, firstItem, totals[side.name]);
      // A failed check must not leave the process running (it would load every later run).
      try {
        cpu[at]?.push(readCpuMs(target.pid));
        await sleep(SETTINGS.readyRssDelayMs);
        starts[at]?.push(target.coldStartMs);
        identifies[at]?.push(target.identifyMs);
        rss[at]?.push(target.rssMb());
        if (coldWork > 0) {
          const next = workload(items, 400 + i);
          await closedLoop(target, next, coldWork, SETTINGS.rssWindow, new Run());
          const before = readCpuMs(target.pid);
          const run = new Run();
          await closedLoop(target, (n) => next(coldWork + n), coldWork, SETTINGS.rssWindow, run);
          if (run.wrong + run.refused > 0) throw new Error(`${side.label}: ${run.wrong} wrong and ${run.refused} refused answers`);
          perInteraction[at]?.push(((readCpuMs(target.pid) - before) * 1000) / coldWork);
        }
      } finally {
        await target.stop();
      }
    }
  }
  const baselineAt = sides.length - 1;
  const baseMedian = median(starts[baselineAt] as number[]);
  console.log(
    [
      `node ${process.version}, ${cpus().length} cores, load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, ` +
        `after ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}.`,
      '',
      '| side | cold start median (ms) | min–max | / baseline | CPU to first answer, median (ms) | / baseline | ' +
        'RSS after ready, median (MB) | spawn → IDENTIFY, median (ms) |',
      '|---|---|---|---|---|---|---|---|',
      ...sides.map((side, at) => {
        const values = starts[at] as number[];
        return `| ${side.label} | ${f(median(values), 0)} | ${f(Math.min(...values), 0)}–${f(Math.max(...values), 0)} | ${f(
          median(values) / baseMedian,
          2,
        )} | ${f(median(cpu[at] as number[]), 0)} | ${f(median(cpu[at] as number[]) / median(cpu[baselineAt] as number[]), 2)} | ${f(
          median(rss[at] as number[]),
        )} | ${f(median(identifies[at] as number[]), 0)} |`;
      }),
      ...(coldWork > 0
        ? [
            '',
            `CPU per interaction over ${coldWork} of the mix after ${coldWork} to warm up (µs, median over processes): ` +
              sides
                .map((side, at) => {
                  const us = median(perInteraction[at] as number[]);
                  return `${side.label} ${f(us, 0)} (${f(us / median(perInteraction[baselineAt] as number[]), 2)} × baseline)`;
                })
                .join('; ') +
              '.',
          ]
        : []),
    ].join('\n'),
  );
  process.exit(0);
}

// The order keeps the run short: the processes for latency and RSS (A1, B1) start
// first and sit idle — their settled RSS reading needs them idle for a while —
// while fresh ones (A2, B2) climb the rate steps; the extra cold starts then run
// while A1 and B1 sit idle again after their RSS run. An idle process takes no CPU.
log(`starting (${quick ? 'quick' : 'full'} run)`);
const main: Target[] = [];
for (const side of SIDES) main.push(await startTarget(side));
const mainReadyAt = performance.now();
const rssReady = main.map((target) => target.readyRssMb);

// 1. Rates stepped up on the second process of each side, alternating per step. A
// step that misses is tried once more after a pause: it is over only if it misses
// twice, so that one burst of noise from the shared machine does not end the climb.
interface Step {
  rate: number;
  achieved: number;
  p50: number;
  p99: number;
  sent: number;
  failures: number;
  ok: boolean;
  tries: number;
}
const steps: Record<Side['name'], Step[]> = { bot: [], baseline: [] };
const stepTargets: Target[] = [];
for (const side of SIDES) stepTargets.push(await startTarget(side));
const stepNexts = stepTargets.map(() => workload(items, 200));
for (const [i, target] of stepTargets.entries())
  await closedLoop(target, stepNexts[i] as Next, SETTINGS.warmup, SETTINGS.rssWindow, new Run());

async function step(target: Target, next: Next, rate: number): Promise<Omit<Step, 'tries'>> {
  const run = new Run();
  await paced(target, next, rate, SETTINGS.stepMs, run);
  const missing = await target.drain(run, 4000);
  const { p50, p99 } = summarise(run.latencies);
  const failures = missing + run.wrong + run.refused;
  // More than 1 % without an answer: the p99 is "never".
  const p99All = missing + run.refused > run.sent * 0.01 ? Infinity : p99;
  return {
    rate,
    achieved: (run.sent * 1000) / run.sendingMs,
    p50,
    p99: p99All,
    sent: run.sent,
    failures,
    ok: p99All < SETTINGS.p99LimitMs && failures === 0,
  };
}

const stillGoing = new Set(stepTargets);
for (const rate of SETTINGS.stepRates) {
  for (const [i, target] of stepTargets.entries()) {
    if (!stillGoing.has(target)) continue;
    const result = await stepWithRetry(target, stepNexts[i] as Next, rate);
    steps[target.side.name].push(result);
    log(
      `step ${rate}/s: ${target.side.name} p50 ${f(result.p50)} ms, p99 ${f(result.p99)} ms, ${result.failures} ` +
        `failures${result.tries > 1 ? ' (second try)' : ''}${result.ok ? '' : ' — over'}`,
    );
    if (!result.ok) stillGoing.delete(target);
    await sleep(150);
  }
  if (stillGoing.size === 0) break;
}

async function stepWithRetry(target: Target, next: Next, rate: number): Promise<Step> {
  let result = await step(target, next, rate);
  let tries = 1;
  if (!result.ok) {
    await sleep(500);
    result = await step(target, next, rate);
    tries = 2;
  }
  return { ...result, tries };
}

// Then the gap between the last rate that held and the first that missed is
// halved a few times, alternating sides: the steps are 800/s apart, too coarse
// to tell a 0.9 ratio from a 1.0.
const bounds = stepTargets.map((target) => {
  const list = steps[target.side.name];
  const failed = list.find((each) => !each.ok);
  const held = list.filter((each) => each.ok && (!failed || each.rate < failed.rate));
  return { low: held.length > 0 ? Math.max(...held.map((each) => each.rate)) : 0, high: failed?.rate };
});
for (let round = 0; round < SETTINGS.refineSteps; round++) {
  for (const [i, target] of stepTargets.entries()) {
    const bound = bounds[i]!;
    if (bound.high === undefined) continue;
    const rate = Math.round((bound.low + bound.high) / 200) * 100;
    if (rate <= bound.low || rate >= bound.high) continue;
    await sleep(1000); // after a miss, let the process settle
    const result = await stepWithRetry(target, stepNexts[i] as Next, rate);
    steps[target.side.name].push(result);
    log(
      `refine ${rate}/s: ${target.side.name} p50 ${f(result.p50)} ms, p99 ${f(result.p99)} ms, ` +
        `${result.failures} failures${result.tries > 1 ? ' (second try)' : ''}${result.ok ? '' : ' — over'}`,
    );
    if (result.ok) bound.low = rate;
    else bound.high = rate;
  }
}
for (const target of stepTargets) await stopTarget(target);

let rssSettled: number[] = [];
if (SETTINGS.settleMs > 0) {
  await sleep(mainReadyAt + SETTINGS.settleMs - performance.now());
  rssSettled = main.map((target) => target.rssMb());
}

// 2. Latency at 200/s, then the RSS run, on the first process of each side (A B A B).
const latency: Record<Side['name'], number[]> = { bot: [], baseline: [] };
const latencyByKind: Record<Side['name'], Record<Kind, number[]>> = {
  bot: { projects: [], autocomplete: [], ask: [], skills: [] },
  baseline: { projects: [], autocomplete: [], ask: [], skills: [] },
};
const nexts = main.map(() => workload(items, 100)); // the same sequence for both
for (const [i, target] of main.entries()) await closedLoop(target, nexts[i] as Next, SETTINGS.warmup, SETTINGS.rssWindow, new Run());
for (let round = 0; round < SETTINGS.latencyRounds; round++) {
  for (const [i, target] of main.entries()) {
    const run = new Run();
    await paced(target, nexts[i] as Next, SETTINGS.latencyRate, SETTINGS.latencyRoundMs, run);
    await target.drain(run);
    latency[target.side.name].push(...run.latencies);
    for (const [kind, values] of Object.entries(run.byKind)) latencyByKind[target.side.name][kind as Kind].push(...values);
    await sleep(100);
  }
}
log('latency rounds done');
const rssRun: Record<Side['name'], { interactions: number; ms: number }> = {
  bot: { interactions: 0, ms: 0 },
  baseline: { interactions: 0, ms: 0 },
};
for (const [i, target] of main.entries()) {
  const run = new Run();
  const count = Math.max(0, SETTINGS.rssInteractions - target.sent);
  await closedLoop(target, nexts[i] as Next, count, SETTINGS.rssWindow, run);
  rssRun[target.side.name] = { interactions: run.sent, ms: performance.now() - run.startedAt };
  await sleep(300);
}
const rssAfter = main.map((target) => target.rssMb());
const rssCounted = main.map((target) => target.sent);
const loadDoneAt = performance.now();
log('RSS run done');

// 3. More cold starts, alternating, while the first processes sit idle. Each of
// these processes then runs the RSS run too, from its ready reading straight to
// rssInteractions later: one process's growth moves by several MB from run to
// run (when V8 and malloc happen to grow), so the growth compared is the median
// over every process of a side.
const growthAll: Record<Side['name'], number[]> = { bot: [], baseline: [] };
for (let i = 0; i < SETTINGS.extraColdStarts; i++) {
  for (const side of SIDES) {
    const target = await startTarget(side);
    if (!quick) {
      // (--quick keeps to the first process's growth, to stay under 30 s.)
      await closedLoop(target, workload(items, 300 + i), SETTINGS.rssInteractions - target.sent, SETTINGS.rssWindow, new Run());
      await sleep(300);
      growthAll[side.name].push(target.rssMb() - target.readyRssMb);
    }
    await stopTarget(target);
  }
}
log('extra cold starts and RSS runs done');
let rssAfterSettled: number[] = [];
if (SETTINGS.settleMs > 0) {
  await sleep(loadDoneAt + SETTINGS.settleMs - performance.now());
  rssAfterSettled = main.map((target) => target.rssMb());
}
for (const target of main) await stopTarget(target);
// 4. The bot over 4 shards against itself over 1.
const shardComparison = await compareShards();
const loadAfter = loadavg();

// ---------------------------------------------------------------- report

const lat = { bot: summarise(latency.bot), baseline: summarise(latency.baseline) };
const sustained = (name: Side['name']) => {
  const list = [...steps[name]].sort((a, b) => a.rate - b.rate);
  let best = 0;
  for (const step of list) {
    if (!step.ok) break;
    best = step.rate;
  }
  return { rate: best, capped: list.length > 0 && list.every((step) => step.ok) };
};
const rate = { bot: sustained('bot'), baseline: sustained('baseline') };
const rss = {
  bot: {
    ready: rssReady[0] as number,
    after: rssAfter[0] as number,
    settled: rssSettled[0] ?? NaN,
    afterSettled: rssAfterSettled[0] ?? NaN,
    readyMedian: median(readyRss.bot),
    readyAll: readyRss.bot,
  },
  baseline: {
    ready: rssReady[1] as number,
    after: rssAfter[1] as number,
    settled: rssSettled[1] ?? NaN,
    afterSettled: rssAfterSettled[1] ?? NaN,
    readyMedian: median(readyRss.baseline),
    readyAll: readyRss.baseline,
  },
};
const coldMedian = { bot: median(cold.bot), baseline: median(cold.baseline) };
growthAll.bot.unshift(rss.bot.after - rss.bot.ready);
growthAll.baseline.unshift(rss.baseline.after - rss.baseline.ready);
const growth = { bot: median(growthAll.bot), baseline: median(growthAll.baseline), all: growthAll };

const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
const rateText = (r: { rate: number; capped: boolean }) => `${r.capped ? '≥ ' : ''}${r.rate}`;
const latencyRow = (stat: 'p50' | 'p99') => ({
  metric: `latency ${stat} at ${SETTINGS.latencyRate}/s (ms)`,
  bot: f(lat.bot[stat], 2),
  baseline: f(lat.baseline[stat], 2),
  ratio: lat.bot[stat] / lat.baseline[stat],
  target: `≤ ${TARGETS[stat].toFixed(2)}`,
  met: lat.bot[stat] / lat.baseline[stat] <= TARGETS[stat],
});
const rows = [
  latencyRow('p50'),
  latencyRow('p99'),
  {
    metric: `sustained rate, p99 < ${SETTINGS.p99LimitMs} ms (interactions/s)`,
    bot: rateText(rate.bot),
    baseline: rateText(rate.baseline),
    ratio: rate.bot.rate / rate.baseline.rate,
    target: `≥ ${TARGETS.rate.toFixed(2)}`,
    met: rate.bot.rate >= TARGETS.rate * rate.baseline.rate,
  },
  {
    metric: `RSS after ready, +${SETTINGS.readyRssDelayMs / 1000} s, median of ${readyRss.bot.length} processes (MB)`,
    bot: f(rss.bot.readyMedian),
    baseline: f(rss.baseline.readyMedian),
    ratio: rss.bot.readyMedian / rss.baseline.readyMedian,
    target: `≤ baseline + ${TARGETS.rssReadyMb} MB (${signed(rss.bot.readyMedian - rss.baseline.readyMedian)})`,
    met: rss.bot.readyMedian <= rss.baseline.readyMedian + TARGETS.rssReadyMb,
  },
  ...(SETTINGS.settleMs > 0
    ? [
        {
          metric: `RSS after ready, settled (${SETTINGS.settleMs / 1000} s idle) (MB)`,
          bot: f(rss.bot.settled),
          baseline: f(rss.baseline.settled),
          ratio: rss.bot.settled / rss.baseline.settled,
          target: `for reading (${signed(rss.bot.settled - rss.baseline.settled)})`,
          met: undefined,
        },
      ]
    : []),
  {
    metric: `RSS after ${SETTINGS.rssInteractions.toLocaleString('en')} interactions (MB)`,
    bot: f(rss.bot.after),
    baseline: f(rss.baseline.after),
    ratio: rss.bot.after / rss.baseline.after,
    target: `for reading (${signed(rss.bot.after - rss.baseline.after)})`,
    met: undefined,
  },
  ...(SETTINGS.settleMs > 0
    ? [
        {
          metric: `RSS after ${SETTINGS.rssInteractions.toLocaleString('en')}, settled (${SETTINGS.settleMs / 1000} s idle) (MB)`,
          bot: f(rss.bot.afterSettled),
          baseline: f(rss.baseline.afterSettled),
          ratio: rss.bot.afterSettled / rss.baseline.afterSettled,
          target: `for reading (${signed(rss.bot.afterSettled - rss.baseline.afterSettled)})`,
          met: undefined,
        },
      ]
    : []),
  {
    metric:
      `RSS growth over ${SETTINGS.rssInteractions.toLocaleString('en')} interactions, ` +
      `${growthAll.bot.length === 1 ? 'one process' : `median of ${growthAll.bot.length} processes`} (MB)`,
    bot: f(growth.bot),
    baseline: f(growth.baseline),
    ratio: growth.bot / growth.baseline,
    target: `≤ baseline + ${TARGETS.rssGrowthMb} MB (${signed(growth.bot - growth.baseline)})`,
    met: growth.bot <= growth.baseline + TARGETS.rssGrowthMb,
  },
  {
    metric: `cold start to first answer, median of ${cold.bot.length} (ms)`,
    bot: f(coldMedian.bot, 0),
    baseline: f(coldMedian.baseline, 0),
    ratio: coldMedian.bot / coldMedian.baseline,
    target: `≤ ${TARGETS.coldStart.toFixed(2)}`,
    met: coldMedian.bot / coldMedian.baseline <= TARGETS.coldStart,
  },
];

const out: string[] = [];
out.push(`## portfolio-bot end to end vs the bare transport (${quick ? 'quick run' : 'full run'})`);
out.push('');
out.push(
  `Fake Discord in the bench process; bot = \`node bin/portfolio-bot.js start\`, baseline = ` +
    `\`dist/scripts/bench-baseline-bot.js\` (same client settings, constant answers), ` +
    `both with LOG_LEVEL=${SETTINGS.logLevel} (so per-interaction logging doesn't dominate) and COOLDOWN_SECONDS=0. ` +
    `Mix: ${MIX.map(([kind, share]) => `${Math.round(share * 100)} % ${mixLabel(kind)}`).join(', ')}; ` +
    `distinct inputs: ${items.projects.length} queries, ${items.autocomplete.length} prefixes, ` +
    `${items.ask.length} questions, ${items.skills.length} /skills forms; ` +
    `${SETTINGS.users} users, ${Math.round(SETTINGS.dmShare * 100)} % in DMs. Alternating A B A B. ` +
    `node ${process.version}, ${cpus().length} cores, load average ` +
    `${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${loadAfter.map((l) => l.toFixed(2)).join(' ')} after.`,
);
out.push('');
out.push('| metric | bot | baseline | bot / baseline | target | |');
out.push('|---|---|---|---|---|---|');
for (const row of rows) {
  out.push(
    `| ${row.metric} | ${row.bot} | ${row.baseline} | ${f(row.ratio, 2)} | ${row.target} | ${row.met === undefined ? '' : verdict(row.met)} |`,
  );
}
out.push('');
out.push(
  `Latency: open loop at ${SETTINGS.latencyRate}/s, ${SETTINGS.latencyRounds} rounds of ` +
    `${SETTINGS.latencyRoundMs / 1000} s per side, alternating, pooled (${lat.bot.n} and ${lat.baseline.n} samples), ` +
    `each process first warmed up with ${SETTINGS.warmup} interactions of the mix (closed loop, ` +
    `${SETTINGS.rssWindow} in flight); measured from the INTERACTION_CREATE frame handed to the socket to the ` +
    `callback POST's headers reaching the fake.`,
);
out.push(
  `Latency by kind, p50 / p99 ms (n): ${SIDES.map(
    ({ name }) =>
      `${name} ${Object.entries(latencyByKind[name])
        .map(([kind, values]) => {
          const { p50, p99, n } = summarise(values);
          return `${kind} ${f(p50, 2)} / ${f(p99, 2)} (${n})`;
        })
        .join(', ')}`,
  ).join('; ')}.`,
);
out.push(
  `RSS (VmRSS of /proc/<pid>/status): after ready = ${SETTINGS.readyRssDelayMs} ms after the first answer, ` +
    `on every process (bot ${readyRss.bot.map((v) => f(v)).join(', ')}; baseline ${readyRss.baseline.map((v) => f(v)).join(', ')}); ` +
    `growth = from that reading to ${SETTINGS.rssInteractions} interactions later (+300 ms): on the first ` +
    `process of each side (${f(rss.bot.ready)} / ${f(rss.baseline.ready)} → after ${rssCounted[0]} / ${rssCounted[1]}), ` +
    `the rest of the ${SETTINGS.rssInteractions} after its latency rounds in a closed loop, ` +
    `${SETTINGS.rssWindow} in flight (bot ${(rssRun.bot.interactions / (rssRun.bot.ms / 1000)).toFixed(0)}/s, ` +
    `baseline ${(rssRun.baseline.interactions / (rssRun.baseline.ms / 1000)).toFixed(0)}/s), ` +
    `and on each extra cold-start process, all in a closed loop; the median is compared (bot ` +
    `${growthAll.bot.map((v) => f(v)).join(', ')}; baseline ${growthAll.baseline.map((v) => f(v)).join(', ')}).`,
);
out.push(
  `Cold starts (spawn → first answer, ms): bot ${cold.bot.map((v) => v.toFixed(0)).join(', ')}; baseline ` +
    `${cold.baseline.map((v) => v.toFixed(0)).join(', ')}. Spawn → IDENTIFY median: bot ` +
    `${median(identify.bot).toFixed(0)}, baseline ${median(identify.baseline).toFixed(0)}.`,
);
out.push('');
out.push(
  `Rate steps (open loop, ${SETTINGS.stepMs / 1000} s each, on a fresh warmed-up process per side; a step ` +
    `that misses — p99 ≥ ${SETTINGS.p99LimitMs} ms or any failure — is tried once more, and the climb stops ` +
    `when it misses twice; then ${SETTINGS.refineSteps} rates between the last that held and the first that missed; * = second try):`,
);
out.push('');
out.push(
  '| rate /s | bot achieved /s | bot p50 | bot p99 | bot failures | baseline achieved /s | baseline p50 | baseline p99 | baseline failures |',
);
out.push('|---|---|---|---|---|---|---|---|---|');
for (const r of [...new Set([...steps.bot, ...steps.baseline].map((s) => s.rate))].sort((x, y) => x - y)) {
  const a = steps.bot.find((s) => s.rate === r);
  const b = steps.baseline.find((s) => s.rate === r);
  const cells = (s: Step | undefined) =>
    s ? [f(s.achieved, 0), f(s.p50, 2), `${f(s.p99, 2)}${s.tries > 1 ? '*' : ''}`, String(s.failures)] : ['–', '–', '–', '–'];
  out.push(`| ${r} | ${cells(a).join(' | ')} | ${cells(b).join(' | ')} |`);
}
out.push('');
out.push(...shardComparison.lines);
out.push('');
out.push('Correctness (every interaction of the run):');
out.push('');
out.push(
  '| | sent | right answers | wrong answers | non-answers | refused callbacks | fake rejections (all) | unhandled requests | stderr lines |',
);
out.push('|---|---|---|---|---|---|---|---|---|');
for (const side of SIDES) {
  const t = totals[side.name];
  out.push(
    `| ${side.name} | ${t.sent} | ${t.right} | ${t.wrong} | ${t.unanswered} | ${t.refused} | ${t.rejections} | ${t.unhandled} | ${t.stderrLines} |`,
  );
}
for (const side of SIDES) {
  const kept = samples[side.name];
  for (const line of kept.wrong) out.push(`- ${side.name} wrong: ${line}`);
  for (const line of kept.rejections) out.push(`- ${side.name} rejection: ${line}`);
  for (const line of kept.stderr) out.push(`- ${side.name} stderr: ${line}`);
}
out.push('');
out.push(`Total time ${((performance.now() - started) / 1000).toFixed(1)} s.`);
console.log(out.join('\n'));

if (!quick) {
  mkdirSync(join(REPO_ROOT, 'bench'), { recursive: true });
  const file = join(REPO_ROOT, 'bench', 'results.json');
  writeFileSync(
    file,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cores: cpus().length,
        loadAverage: { before: loadBefore, after: loadAfter },
        settings: SETTINGS,
        targets: TARGETS,
        latency: lat,
        latencyByKind: Object.fromEntries(
          SIDES.map(({ name }) => [
            name,
            Object.fromEntries(Object.entries(latencyByKind[name]).map(([kind, values]) => [kind, summarise(values)])),
          ]),
        ),
        sustainedRate: rate,
        steps,
        rss,
        rssGrowth: growth,
        coldStartMs: { bot: cold.bot, baseline: cold.baseline, median: coldMedian },
        identifyMs: identify,
        shards: shardComparison.sides.map(({ latencies, ...side }) => ({ ...side, latency: summarise(latencies) })),
        correctness: totals,
        verdicts: Object.fromEntries(
          rows.filter((row) => row.met !== undefined).map((row) => [row.metric, { ratio: row.ratio, target: row.target, met: row.met }]),
        ),
        totalSeconds: (performance.now() - started) / 1000,
      },
      null,
      2,
    ) + '\n',
  );
  log(`wrote ${file}`);
}
