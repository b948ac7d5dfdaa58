// Runs the real entry point (`node bin/portfolio-bot.js <command>`, the compiled dist/) as a child
// process, and waits for its structured JSON log lines on stderr. Run `npm run build` first.
import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeDiscord } from '../fake-discord/index.js';
import { REPO_ROOT } from '../../src/paths.js';

export const BIN = join(REPO_ROOT, 'bin', 'portfolio-bot.js');

/** One structured log line (src/log.ts): `{ time, level, msg, ...fields }`. */
export interface LogLine {
  time: string;
  level: string;
  msg: string;
  [field: string]: unknown;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export type LogMatcher = string | ((line: LogLine) => boolean);

export interface WaitForLogOptions {
  /** Only lines at or after this index of {@link BotProcess.logs} count (default 0). */
  from?: number;
  timeoutMs?: number;
}

/**
 * Every variable the bot reads, blank unless given: the developer's shell or a `.env` must not
 * leak into a test (dotenv never overrides a variable that is set, even to "").
 */
export function botEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DISCORD_TOKEN: '',
    DISCORD_CLIENT_ID: '',
    DISCORD_GUILD_ID: '',
    DISCORD_PUBLIC_KEY: '',
    DISCORD_API_URL: '',
    DISCORD_CONNECT_TIMEOUT: '',
    PROFILE_PATH: '',
    PORT: '',
    HOST: '',
    LOG_LEVEL: 'info',
    COOLDOWN_COMMANDS: '1000',
    COOLDOWN_SECONDS: '10',
    SHARD_COUNT: '',
    // The database (insights, member profiles) in a temporary directory of its own, never the repository's data/.
    DATABASE_URL: '',
    SQLITE_PATH: join(tmpdir(), `portfolio-bot-test-${process.pid}-${++databases}`, 'portfolio.db'),
    INSIGHTS: '',
    INSIGHTS_DAYS: '',
    ...env,
  };
}

let databases = 0;

/** The env that points `start` (or `deploy`) at a fake Discord. */
export function fakeDiscordEnv(discord: FakeDiscord, env: Record<string, string> = {}): Record<string, string> {
  return { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, ...env };
}

export class BotProcess {
  readonly child: ChildProcess;
  /** Parsed JSON lines from stderr, in order. */
  readonly logs: LogLine[] = [];
  /** Every stderr line, JSON or not. */
  readonly stderrLines: string[] = [];
  /** Resolves when the process has exited and its streams are closed. */
  readonly exited: Promise<Exit>;
  #stdout = '';
  #stderr = '';
  #partial = '';
  #exit: Exit | null = null;
  readonly #listeners = new Set<() => void>();

  constructor(args: string[], env: Record<string, string> = {}) {
    // From a temporary directory: no stray .env in the working directory is read.
    this.child = spawn(process.execPath, [BIN, ...args], { cwd: tmpdir(), env: botEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.on('data', (chunk: Buffer) => {
      this.#stdout += chunk.toString();
      this.#notify();
    });
    this.child.stderr?.on('data', (chunk: Buffer) => this.#onStderr(chunk.toString()));
    this.exited = new Promise<Exit>((resolve, reject) => {
      this.child.once('error', reject);
      this.child.once('close', (code, signal) => {
        if (this.#partial) this.#onStderr('\n');
        this.#exit = { code, signal };
        this.#notify();
        resolve(this.#exit);
      });
    });
    // A failed spawn is reported by waitForExit/waitForLog; keep it from being an unhandled rejection.
    this.exited.catch(() => undefined);
  }

  get stdout(): string {
    return this.#stdout;
  }

  get stderr(): string {
    return this.#stderr;
  }

  /** Everything the process printed, for "never prints the token" checks. */
  get output(): string {
    return this.#stdout + this.#stderr;
  }

  get exitStatus(): Exit | null {
    return this.#exit;
  }

  /** Log lines whose msg is `msg` (or that match the predicate). */
  logsMatching(matcher: LogMatcher): LogLine[] {
    const test = typeof matcher === 'string' ? (line: LogLine) => line.msg === matcher : matcher;
    return this.logs.filter(test);
  }

  /** The first log line (at or after `from`) that matches; rejects on timeout or if the process exits first. */
  waitForLog(matcher: LogMatcher, options: WaitForLogOptions = {}): Promise<LogLine> {
    const test = typeof matcher === 'string' ? (line: LogLine) => line.msg === matcher : matcher;
    const what = typeof matcher === 'string' ? `a "${matcher}" log line` : 'a matching log line';
    return this.#waitFor(() => this.logs.slice(options.from ?? 0).find(test), what, options.timeoutMs ?? 15_000);
  }

  /** Resolves with the exit status; rejects (the process still running) after `timeoutMs`. */
  waitForExit(timeoutMs = 15_000): Promise<Exit> {
    return this.#waitFor(() => this.#exit ?? undefined, 'the process to exit', timeoutMs, false);
  }

  /** Kills the process (SIGKILL unless told) if it still runs, and waits for it to be gone. */
  async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<Exit> {
    if (!this.#exit) this.child.kill(signal);
    return this.exited;
  }

  #onStderr(text: string): void {
    this.#stderr += text;
    const lines = (this.#partial + text).split('\n');
    this.#partial = lines.pop() ?? '';
    for (const raw of lines) {
      const line = raw.trim();
      if (!line) continue;
      this.stderrLines.push(line);
      try {
        const parsed = JSON.parse(line) as unknown;
        if (typeof parsed === 'object' && parsed !== null && typeof (parsed as LogLine).msg === 'string') this.logs.push(parsed as LogLine);
      } catch {
        // Not a log line (a usage message, or a crash): kept in stderrLines only.
      }
    }
    this.#notify();
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  #waitFor<T>(check: () => T | undefined, what: string, timeoutMs: number, failOnExit = true): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const finish = () => {
        this.#listeners.delete(evaluate);
        clearTimeout(timer);
      };
      const evaluate = () => {
        const found = check();
        if (found !== undefined) {
          finish();
          resolve(found);
        } else if (failOnExit && this.#exit) {
          finish();
          reject(new Error(`bot exited (${JSON.stringify(this.#exit)}) before ${what}; stderr:\n${this.#stderr}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; stderr:\n${this.#stderr}`));
      }, timeoutMs);
      this.#listeners.add(evaluate);
      evaluate();
    });
  }
}

/** Spawns `portfolio-bot <args>` with {@link botEnv} plus `env`. */
export function spawnBot(args: string[], env: Record<string, string> = {}): BotProcess {
  return new BotProcess(args, env);
}

/**
 * `portfolio-bot start` logged into `discord`, resolved once it logs "ready". On failure the
 * process is killed before the error is thrown, so nothing leaks.
 */
export async function startBotProcess(discord: FakeDiscord, env: Record<string, string> = {}): Promise<BotProcess> {
  const bot = spawnBot(['start'], fakeDiscordEnv(discord, env));
  try {
    await bot.waitForLog('ready', { timeoutMs: 20_000 });
  } catch (error) {
    await bot.stop();
    throw error;
  }
  return bot;
}

/** Runs a command to completion (e.g. `deploy`), killing it after `timeoutMs`. */
export async function runBot(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 20_000,
): Promise<BotProcess & { exitStatus: Exit }> {
  const bot = spawnBot(args, env);
  try {
    await bot.waitForExit(timeoutMs);
  } catch (error) {
    await bot.stop();
    throw error;
  }
  return bot as BotProcess & { exitStatus: Exit };
}
