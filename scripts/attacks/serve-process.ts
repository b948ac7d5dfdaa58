// The pieces an attack on `portfolio-bot serve` needs: the real entry point
// started as a child process (a key pair made here, a free port, loopback
// only), requests signed as Discord signs them, the server's resident memory
// from /proc, and a scan of what came back and what it logged for leaks
// (a stack trace, the canary token, a private profile value).
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_PROFILE_PATH, REPO_ROOT } from '../../src/paths.js';

/**
 * The entry point attacked: this checkout's, or ATTACK_BIN's (another build's
 * bin/portfolio-bot.js, e.g. the code before a fix, for before/after figures).
 */
const BIN = process.env['ATTACK_BIN'] || join(REPO_ROOT, 'bin', 'portfolio-bot.js');

/** Set in serve's environment (which never needs it): it must never come back in a reply or a log line. */
export const CANARY_TOKEN = 'attack-canary-token-0f7e3c9a51d2';

// Keys, timestamps and signatures as the tests make them (one home: tests/helpers/signing.ts).
import { generateSigningKeys as generateKeys, signedHeaders, unixTimestamp, type SigningKeys } from '../../tests/helpers/signing.js';

export { generateKeys, signedHeaders, unixTimestamp, type SigningKeys };

/** Resident memory of a process in MB, from /proc/<pid>/status (VmRSS); NaN once it is gone. */
export function rssMb(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; `peak` is the largest seen. */
export function watchRss(pid: number, everyMs = 50): { readonly peak: number; stop(): number } {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    const now = rssMb(pid);
    if (now > peak) peak = now;
  }, everyMs);
  return {
    get peak() {
      return peak;
    },
    stop() {
      clearInterval(timer);
      const now = rssMb(pid);
      if (now > peak) peak = now;
      return peak;
    },
  };
}

/**
 * RSS once the process has settled after an attack: sampled every 250 ms for
 * up to `maxMs`, until it is back within `withinMb` of `startMb` or has not
 * fallen for 2 s. Node gives memory back when its heap shrinks and glibc
 * trims, some seconds after the load stops, not at once.
 */
export async function settledRss(pid: number, startMb: number, withinMb: number, maxMs = 10_000): Promise<number> {
  const deadline = Date.now() + maxMs;
  let lowest = rssMb(pid);
  let lowestAt = Date.now();
  while (Date.now() < deadline) {
    await delay(250);
    const now = rssMb(pid);
    if (Number.isNaN(now)) return now;
    if (now - startMb <= withinMb) return now;
    if (now < lowest - 0.5) {
      lowest = now;
      lowestAt = Date.now();
    } else if (Date.now() - lowestAt >= 2000) {
      return now;
    }
  }
  return rssMb(pid);
}

/** The profile's private values (identity.private): a reply or log line that shows one has leaked it. */
export function profileSecrets(file: string = DEFAULT_PROFILE_PATH): string[] {
  const profile = parseYaml(readFileSync(file, 'utf8')) as { identity?: { private?: Record<string, unknown> } };
  const values = Object.values(profile.identity?.private ?? {}).filter(
    (value): value is string => typeof value === 'string' && value.length >= 4,
  );
  // Phone numbers are also written without their spaces.
  return [...new Set(values.flatMap((value) => [value, value.replace(/\s+/g, '')]))];
}

// A stack frame as printed (`at fn (file:1:2)`, `at file:///x.js:1:2`, `at node:internal/…`), or a logged stack field.
const STACK = /(?:^|\\n|\n)\s*at (?:\S+ \(|file:|node:|\/)|"stack":/;

/** What makes a text a leak: a stack trace, the canary token, or a private profile value. */
export function leakIn(text: string, secrets: readonly string[]): string | null {
  if (STACK.test(text)) return 'a stack trace';
  if (text.includes(CANARY_TOKEN)) return 'the token';
  const secret = secrets.find((value) => text.includes(value));
  return secret === undefined ? null : 'a private profile value';
}

/** serve ended before it listened: its exit code and everything it wrote to stderr. */
export class ServeExited extends Error {
  override name = 'ServeExited';
  constructor(
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(`serve exited (${code}) before it listened:\n${stderr}`);
  }
}

export interface ServeProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
  readonly base: string;
  readonly keys: SigningKeys;
  /** Everything serve wrote to stderr so far (its JSON log lines). */
  readonly stderr: string;
  /** True once the process has exited. */
  readonly exited: boolean;
  /** Resolves with the exit code (or signal) when the process ends. */
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The stderr text written since `mark` (a length of `stderr` taken earlier). */
  logSince(mark: number): string;
  stop(): Promise<void>;
}

/**
 * Starts `node bin/portfolio-bot.js serve` on a free loopback port with a new
 * key pair, and resolves once it logs the URL it serves. Run `npm run build` first.
 */
export async function startServe(env: Record<string, string> = {}, keys: SigningKeys = generateKeys()): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DISCORD_TOKEN: CANARY_TOKEN,
      DISCORD_CLIENT_ID: '',
      DISCORD_GUILD_ID: '',
      DISCORD_API_URL: '',
      DISCORD_PUBLIC_KEY: keys.publicKeyHex,
      PROFILE_PATH: '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      COOLDOWN_COMMANDS: '1000',
      COOLDOWN_SECONDS: '10',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let exited = false;
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      resolve({ code, signal });
    });
  });
  // Drained as it comes: a full pipe would block the server's log writes.
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  // serve logs its URL at info level: the attacks read the port from that line.
  const startedAt = Date.now();
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      if (Date.now() - startedAt > 20_000 && !exited) {
        clearInterval(timer);
        child.kill('SIGKILL');
        reject(new Error(`serve did not log its URL within 20 s:\n${stderr}`));
        return;
      }
      const match = /"msg":"serving interactions","url":"http:\/\/[^"]+:(\d+)\/interactions"/.exec(stderr);
      if (match) {
        clearInterval(timer);
        resolve(Number(match[1]));
      } else if (exited) {
        clearInterval(timer);
        // The exit code is known by now; stderr may still be draining for a moment.
        void exit.then(({ code }) => setTimeout(() => reject(new ServeExited(code, stderr)), 50));
      }
    }, 20);
  });
  return {
    child,
    pid: child.pid!,
    port,
    base: `http://127.0.0.1:${port}`,
    keys,
    get stderr() {
      return stderr;
    },
    get exited() {
      return exited;
    },
    exit,
    logSince: (mark) => stderr.slice(mark),
    async stop() {
      if (!exited) child.kill('SIGKILL');
      await exit;
    },
  };
}

/** POSTs `body` to /interactions, signed; resolves with the status, the body and the time to answer. */
export async function postSigned(
  serve: Pick<ServeProcess, 'base' | 'keys'>,
  body: string,
  headers: Record<string, string> = signedHeaders(serve.keys.privateKey, body),
): Promise<{ status: number; text: string; ms: number }> {
  const started = performance.now();
  try {
    const response = await fetch(`${serve.base}/interactions`, { method: 'POST', headers, body });
    const text = await response.text();
    return { status: response.status, text, ms: performance.now() - started };
  } catch {
    return { status: 0, text: '', ms: performance.now() - started };
  }
}

let nextInteraction = 1n;

/** An interaction as Discord sends it (in a server), with an id of its own. */
export function interaction(
  type: number,
  data: unknown,
  extra: Record<string, unknown> = {},
  userId = '210000000000000001',
): Record<string, unknown> {
  return {
    id: String(320000000000000000n + nextInteraction++),
    application_id: '400000000000000001',
    type,
    token: 'attack-interaction-token',
    version: 1,
    ...(data === undefined ? {} : { data }),
    member: { user: { id: userId, username: 'attacker' }, roles: [] },
    guild_id: '500000000000000001',
    channel: { id: '600000000000000001', type: 0 },
    locale: 'en-US',
    ...extra,
  };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Counts occurrences: `tally(['200', '409', '409'])` is `{ '200': 1, '409': 2 }`. */
export function tally(values: readonly (string | number)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const value of values) out[String(value)] = (out[String(value)] ?? 0) + 1;
  return out;
}

export interface RawOutcome {
  /** The HTTP status answered, or "dropped" when the server closed the connection without a word. */
  outcome: string;
  /** From the first byte written to the answer (or the close). */
  ms: number;
  /** The whole answer, headers and body. */
  text: string;
}

export interface RawPostOptions {
  /** Write only the first `sendBytes` bytes of the body, then wait (a stalled client). */
  sendBytes?: number;
  /** Chunked transfer instead of Content-Length. */
  chunked?: boolean;
  /** With `chunked`: write `dribble.bytes` every `dribble.everyMs` instead of all at once. */
  dribble?: { bytes: number; everyMs: number };
  /** Give up (and count "no answer") after this long; default 15 s. */
  timeoutMs?: number;
  /** Resolves once the request is written, so a caller can start many before any ends. */
  onWritten?: () => void;
}

/**
 * A POST /interactions over a raw socket, for what fetch will not send: a body
 * left unfinished, a Content-Length that lies, a body dribbled a few bytes at a
 * time. Resolves when the server answers and closes, or drops the connection.
 */
export function rawPost(port: number, headers: Record<string, string>, body: Buffer, options: RawPostOptions = {}): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, noDelay: true });
    const started = performance.now();
    let text = '';
    let done = false;
    let timedOut = false;
    let dribbler: NodeJS.Timeout | undefined;
    const finish = () => {
      if (done) return;
      done = true;
      clearInterval(dribbler);
      clearTimeout(giveUp);
      socket.destroy();
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve({ outcome: status ?? (timedOut ? 'no answer' : text === '' ? 'dropped' : 'garbled'), ms: performance.now() - started, text });
    };
    const giveUp = setTimeout(() => {
      timedOut = true;
      finish();
    }, options.timeoutMs ?? 15_000);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('close', finish);
    socket.on('connect', () => {
      // A content-length among `headers` is sent as it is (it may lie); otherwise the body's own.
      const given = Object.entries(headers);
      // Connection: close, so that the server ends the connection after its answer.
      const head = [
        'POST /interactions HTTP/1.1',
        'Host: 127.0.0.1',
        'Connection: close',
        ...given.map(([key, value]) => `${key}: ${value}`),
      ];
      if (options.chunked) head.push('Transfer-Encoding: chunked');
      else if (!given.some(([key]) => key.toLowerCase() === 'content-length')) head.push(`Content-Length: ${body.length}`);
      const sent = body.subarray(0, options.sendBytes ?? body.length);
      const frame = (bytes: Buffer) =>
        options.chunked ? Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')]) : bytes;
      socket.write(`${head.join('\r\n')}\r\n\r\n`);
      if (options.dribble) {
        let offset = 0;
        const { bytes, everyMs } = options.dribble;
        dribbler = setInterval(() => {
          if (offset >= sent.length || !socket.writable) return;
          socket.write(frame(sent.subarray(offset, offset + bytes)));
          offset += bytes;
        }, everyMs);
      } else if (sent.length > 0) {
        socket.write(frame(sent));
      }
      if (sent.length === body.length && !options.dribble && options.chunked) socket.write('0\r\n\r\n');
      options.onWritten?.();
    });
  });
}
