// Issue #15 against the profile loader, through the real entry point: hostile profile files
// under `validate` and saved under a running `serve` (the hot reload). Files are generated in a
// temporary directory and deleted afterwards. Each row says what the process did, whether it
// died or printed a stack trace, its memory (VmRSS from /proc/<pid>/status) and the time from
// the save (or the spawn) to the refusal.
import { execFileSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_PROFILE_PATH } from '../../src/paths.js';
import { spawnBot, type BotProcess } from '../../tests/helpers/bot-process.js';
import { generateSigningKeys } from '../../tests/helpers/signing.js';
import type { Attack, AttackResult } from './types.js';

const SHIPPED = readFileSync(DEFAULT_PROFILE_PATH, 'utf8');
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;
const REJECTED = 'profile reload rejected; still serving the last good profile';

/** The issue's recipe: 101 plain references to one anchor, appended to a good profile. */
const aliasBomb = () => `${SHIPPED}x: &x 1\ny: [${Array(101).fill('*x').join(',')}]\n`;

/** Files of at most the size cap that cost the most to parse, one per bound of src/profile/yaml.ts. */
const HOSTILE_SHAPES: Record<string, () => string> = {
  'exponential aliases': () => {
    const levels = ['a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]'];
    for (const [name, inner] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
      ['f', 'e'],
    ])
      levels.push(`${name}: &${name} [${Array(10).fill(`*${inner}`).join(', ')}]`);
    return `${SHIPPED}${levels.join('\n')}\n`;
  },
  'alias to no anchor': () => `${SHIPPED}x: *nowhere\n`,
  'brackets 300k deep': () => `x: ${'['.repeat(300_000)}${']'.repeat(300_000)}\n`,
  'one mapping of 20k keys': () => `x:\n${Array.from({ length: 20_000 }, (_, i) => `  k${i}: 1\n`).join('')}`,
  '1 MiB of tokens': () => `x:\n${'- [[], []]\n'.repeat(95_000)}`,
};

/** Resident memory of a live process in MB, or undefined once it is gone. */
function readRssMb(pid: number | undefined, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS every few ms until stopped: first, peak and last samples. */
function sampleRss(pid: number | undefined) {
  const samples: number[] = [];
  const take = () => {
    const rss = readRssMb(pid);
    if (rss !== undefined) samples.push(rss);
  };
  take();
  const timer = setInterval(take, 5);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { first: samples[0] ?? 0, peak: Math.max(0, ...samples), last: samples.at(-1) ?? 0 };
    },
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? null;
}

function count(outcomes: Record<string, number>, key: string): void {
  outcomes[key] = (outcomes[key] ?? 0) + 1;
}

/** One `validate FILE` run: exit code, time to exit, RSS peak, and whether it printed a stack trace. */
async function validateOnce(
  file: string,
): Promise<{ code: number | null; ms: number; peakMb: number; leaked: boolean; firstLine: string }> {
  const started = performance.now();
  const bot = spawnBot(['validate', file]);
  const rss = sampleRss(bot.child.pid);
  const exit = await bot.waitForExit(120_000).catch(async () => bot.stop());
  const ms = performance.now() - started;
  return { code: exit.code, ms, peakMb: rss.stop().peak, leaked: STACK_FRAME.test(bot.output), firstLine: bot.stderr.split('\n')[0] ?? '' };
}

async function validateRow(attack: string, hole: string, files: string[], baselineMb: number): Promise<AttackResult> {
  const outcomes: Record<string, number> = {};
  const times: number[] = [];
  let peak = 0;
  let leaks = 0;
  let hangs = 0;
  const lines: string[] = [];
  const peaks: string[] = [];
  for (const file of files) {
    const run = await validateOnce(file);
    count(outcomes, run.code === null ? 'killed (no answer in 120 s)' : `exit ${run.code}`);
    if (run.code === null) hangs++;
    times.push(run.ms);
    peak = Math.max(peak, run.peakMb);
    peaks.push(run.peakMb.toFixed(0));
    if (run.leaked) leaks++;
    lines.push(run.firstLine.replace(file, 'FILE'));
  }
  return {
    attack,
    hole,
    sent: files.length,
    outcomes,
    crashes: 0,
    leaks,
    hangs,
    rssStartMb: baselineMb,
    rssPeakMb: peak,
    // A one-shot process gives all its memory back when it exits: nothing is retained.
    rssEndMb: baselineMb,
    rejectMs: median(times),
    note:
      `one-shot process: RSS start = validate's peak on the shipped profile, peak = its peak here (per file: ${peaks.join(', ')} MB), ` +
      `end = start as it exited; time = spawn to exit. First line: ${lines[0]}`,
  };
}

let serveRows = 0;

interface Serve {
  bot: BotProcess;
  base: string;
  file: string;
}

async function startServe(file: string): Promise<Serve> {
  const keys = generateSigningKeys();
  const bot = spawnBot(['serve'], { DISCORD_PUBLIC_KEY: keys.publicKeyHex, PROFILE_PATH: file, PORT: '0' });
  const serving = await bot.waitForLog('serving interactions', { timeoutMs: 20_000 });
  const base = String(serving['url'])
    .replace('0.0.0.0', '127.0.0.1')
    .replace(/\/interactions$/, '');
  return { bot, base, file };
}

/** The revision serve logged last, once /healthz answers (it is public and says only ok). */
async function revisionOf(serve: Serve): Promise<string | undefined> {
  try {
    if (!(await fetch(`${serve.base}/healthz`, { signal: AbortSignal.timeout(5000) })).ok) return undefined;
    const last = [...serve.bot.logs].reverse().find((line) => line.msg === 'profile loaded' || line.msg === 'profile reloaded');
    return typeof last?.['revision'] === 'string' ? last['revision'] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Saves each hostile file over a running serve's profile (written beside it and renamed over
 * it, as editors save), waits for the reload's verdict, and checks that it still answers with
 * the last good profile. /healthz is asked every 20 ms meanwhile: its slowest answer says
 * whether the reload blocked the event loop.
 */
async function serveRow(
  attack: string,
  hole: string,
  dir: string,
  saves: { name: string; write: (path: string) => void }[],
): Promise<AttackResult> {
  const file = join(dir, `serve-${++serveRows}.yaml`);
  copyFileSync(DEFAULT_PROFILE_PATH, file);
  const serve = await startServe(file);
  const pid = serve.bot.child.pid;
  const good = await revisionOf(serve);
  await sleep(500); // start-up garbage settles before the baseline
  const rssStart = readRssMb(pid) ?? 0;
  const hwmStart = readRssMb(pid, 'VmHWM') ?? 0;
  const rss = sampleRss(pid);
  const outcomes: Record<string, number> = {};
  const times: number[] = [];
  let hangs = 0;
  let slowest = 0;
  let polls = 0;
  let failedPolls = 0;
  let polling = true;
  const poller = (async () => {
    while (polling && serve.bot.exitStatus === null) {
      const started = performance.now();
      if ((await revisionOf(serve)) !== good) failedPolls++;
      slowest = Math.max(slowest, performance.now() - started);
      polls++;
      await sleep(20);
    }
  })();
  for (const save of saves) {
    const from = serve.bot.logs.length;
    const temp = join(dir, `next-${save.name.replace(/\W/g, '')}`);
    save.write(temp);
    const saved = performance.now();
    renameSync(temp, file);
    try {
      await serve.bot.waitForLog(REJECTED, { from, timeoutMs: 30_000 });
      times.push(performance.now() - saved);
      count(outcomes, 'reload rejected');
    } catch {
      count(outcomes, serve.bot.exitStatus ? `exit ${serve.bot.exitStatus.code}` : 'no verdict in 30 s');
      if (!serve.bot.exitStatus) hangs++;
      if (serve.bot.exitStatus) break;
    }
    await sleep(300);
  }
  polling = false;
  await poller;
  const alive = serve.bot.exitStatus === null;
  if (alive) count(outcomes, (await revisionOf(serve)) === good ? 'still serving the last good profile' : 'serving something else');
  await sleep(1000);
  const { peak } = rss.stop();
  const hwmEnd = readRssMb(pid, 'VmHWM') ?? 0;
  const rssEnd = readRssMb(pid) ?? 0;
  const leaks = STACK_FRAME.test(serve.bot.output) ? 1 : 0;
  await serve.bot.stop();
  return {
    attack,
    hole,
    sent: saves.length,
    outcomes,
    crashes: alive ? 0 : 1,
    leaks,
    hangs,
    rssStartMb: rssStart,
    // VmHWM is the true peak since start; when the attack raised it, that is the attack's peak.
    rssPeakMb: hwmEnd > hwmStart ? hwmEnd : peak,
    rssEndMb: rssEnd,
    rejectMs: median(times),
    note:
      `time = save (rename) to the rejection logged, the watcher's debounce included; /healthz meanwhile: ` +
      `${polls - failedPolls}/${polls} answered with the good revision, slowest ${slowest.toFixed(0)} ms`,
  };
}

/** The issue's 50 MB profile: ~900k small flow lists, written in chunks. */
function writeLargeYaml(path: string): void {
  const line = '- [alpha, beta, gamma, delta, epsilon, zeta, eta, theta]\n';
  const chunk = line.repeat(10_000);
  const fd = openSync(path, 'w');
  try {
    for (let written = 0; written < 50 * 1024 * 1024; written += chunk.length) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

async function run(): Promise<AttackResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'attack-profile-'));
  try {
    const rows: AttackResult[] = [];
    const baseline = await validateOnce(DEFAULT_PROFILE_PATH);
    const baselineMb = baseline.peakMb;

    const bomb = join(dir, 'alias-bomb.yaml');
    writeFileSync(bomb, aliasBomb());
    const large = join(dir, 'large.yaml');
    writeLargeYaml(large);
    const fifo = join(dir, 'fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    const shapes = Object.entries(HOSTILE_SHAPES).map(([name, make]) => {
      const path = join(dir, `${name.replace(/\W/g, '-')}.yaml`);
      writeFileSync(path, make());
      return path;
    });

    rows.push(await validateRow('validate: alias bomb (101 references to one anchor)', '#15.1', [bomb], baselineMb));
    rows.push(await validateRow('validate: 50 MB YAML of ~900k small lists', '#15.3', [large], baselineMb));
    rows.push(await validateRow('validate: a FIFO as the profile', '#15.3', [fifo], baselineMb));
    rows.push(
      await validateRow(
        `validate: ${shapes.length} hostile shapes within 1 MiB (${Object.keys(HOSTILE_SHAPES).join(', ')})`,
        '#15.3',
        shapes,
        baselineMb,
      ),
    );

    rows.push(
      await serveRow(
        'serve: alias bomb saved 5× while running',
        '#15.1',
        dir,
        Array.from({ length: 5 }, (_, i) => ({ name: `bomb${i}`, write: (path: string) => writeFileSync(path, aliasBomb()) })),
      ),
    );
    rows.push(
      await serveRow('serve: 50 MB YAML saved while running', '#15.3', dir, [
        { name: 'large', write: (path: string) => writeLargeYaml(path) },
      ]),
    );
    rows.push(
      await serveRow('serve: a FIFO renamed over the profile while running', '#15.3', dir, [
        { name: 'fifo', write: (path: string) => execFileSync('mkfifo', [path]) },
      ]),
    );
    rows.push(
      await serveRow(
        `serve: ${shapes.length} hostile shapes within 1 MiB saved while running`,
        '#15.3',
        dir,
        Object.entries(HOSTILE_SHAPES).map(([name, make]) => ({ name, write: (path: string) => writeFileSync(path, make()) })),
      ),
    );
    rows.push(await serveStartOnFifo(dir, rows.find((row) => row.attack.startsWith('serve:'))?.rssStartMb ?? 0));
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** PROFILE_PATH names a FIFO: serve must refuse to start, at once, with one clear line. */
async function serveStartOnFifo(dir: string, servingMb: number): Promise<AttackResult> {
  const fifo = join(dir, 'start-fifo.yaml');
  execFileSync('mkfifo', [fifo]);
  const started = performance.now();
  const bot = spawnBot(['serve'], { DISCORD_PUBLIC_KEY: generateSigningKeys().publicKeyHex, PROFILE_PATH: fifo, PORT: '0' });
  const rss = sampleRss(bot.child.pid);
  const exit = await bot.waitForExit(20_000).catch(async () => bot.stop());
  const ms = performance.now() - started;
  const { peak } = rss.stop();
  const problem = bot.logsMatching('invalid profile')[0]?.['problem'];
  return {
    attack: 'serve: PROFILE_PATH is a FIFO at start',
    hole: '#15.3',
    sent: 1,
    outcomes: { [exit.code === null ? 'killed (hung 20 s)' : `exit ${exit.code}`]: 1 },
    crashes: 0,
    hangs: exit.code === null ? 1 : 0,
    leaks: STACK_FRAME.test(bot.output) ? 1 : 0,
    rssStartMb: servingMb,
    rssPeakMb: peak,
    rssEndMb: servingMb,
    rejectMs: ms,
    note:
      `refusing to start is the expected outcome; RSS start = serve's when serving the shipped profile, ` +
      `peak = its peak here, end = start as it exited; time = spawn to exit. Logged: ${String(problem).replace(fifo, 'FILE')}`,
  };
}

export const profileAttack: Attack = { name: 'profile', run };
