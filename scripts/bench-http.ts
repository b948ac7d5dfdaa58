// `npm run bench:http`: signed requests per second and p50/p99 latency on
// loopback for `/projects <query>` against `portfolio-bot serve` (the real entry
// point), beside a floor server that only verifies the signature and answers
// PONG, measured in the same run, alternating A B A B so machine noise hits both.
// A script, not a test. `--quick` for a short run.
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../src/paths.js';

const quick = process.argv.includes('--quick');
/** `--cpu-prof DIR`: profile the bot's server process (written when it exits). */
const profileDir = process.argv.includes('--cpu-prof') ? process.argv[process.argv.indexOf('--cpu-prof') + 1] : undefined;
const DURATION_MS = quick ? 2000 : 6000;
const ROUNDS = 2;
const CONNECTIONS = 16;
const QUERIES = ['optimizers', 'kaggle', 'lookahed', 'satellite imagery', 'nlp', 'pytorch', 'resnets', 'drought', 'oversampling', 'java'];

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const der = publicKey.export({ format: 'der', type: 'spki' });
const publicKeyHex = der.subarray(der.length - 32).toString('hex');

interface Prepared {
  body: Buffer;
  headers: Record<string, string | number>;
}

/**
 * Signed in advance, so the client's signing costs nothing during the measurement.
 * Each request has an id of its own: the server answers an id once (a copy is a replay).
 */
let preparedSoFar = 0;
function prepare(count: number): Prepared[] {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const first = preparedSoFar;
  preparedSoFar += count;
  return Array.from({ length: count }, (_, k) => {
    const i = first + k;
    const body = Buffer.from(
      JSON.stringify({
        id: String(900000000000000000n + BigInt(i)),
        application_id: '400000000000000001',
        type: 2,
        token: `bench-${i}`,
        version: 1,
        data: { id: '1', name: 'projects', type: 1, options: [{ name: 'query', type: 3, value: QUERIES[i % QUERIES.length] }] },
        member: { user: { id: String(100000000000000000n + BigInt(i % 500)), username: 'bench' }, roles: [] },
        guild_id: '500000000000000001',
        channel: { id: '600000000000000001', type: 0 },
        locale: 'en-US',
        app_permissions: '0',
        entitlements: [],
        authorizing_integration_owners: {},
      }),
    );
    const signature = sign(null, Buffer.concat([Buffer.from(timestamp), body]), privateKey).toString('hex');
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'content-length': body.length,
        'x-signature-ed25519': signature,
        'x-signature-timestamp': timestamp,
      },
    };
  });
}

/**
 * Starts a server process. Its log (one JSON line per request for the bot) goes
 * to a file, not to a pipe this busy process would have to drain: a full pipe
 * would block the server's synchronous stderr writes and measure the pipe.
 */
function startProcess(
  args: string[],
  env: Record<string, string>,
  portFrom: 'stdout' | 'log',
): Promise<{ child: ChildProcess; port: number }> {
  const logFile = join(mkdtempSync(join(tmpdir(), 'bench-http-')), 'server.log');
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', log] });
  closeSync(log);
  return new Promise((resolve, reject) => {
    let text = '';
    const found = (match: RegExpExecArray | null) => {
      if (!match) return false;
      clearInterval(poll);
      resolve({ child, port: Number(match[1]) });
      return true;
    };
    const poll = setInterval(() => {
      if (portFrom === 'log') found(/"url":"http:\/\/127\.0\.0\.1:(\d+)\/interactions"/.exec(readFileSync(logFile, 'utf8')));
    }, 20);
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (portFrom === 'stdout') found(/^(\d+)\n/.exec(text));
    });
    child.on('exit', (code) => {
      clearInterval(poll);
      reject(new Error(`server exited early (${code}): ${text}${readFileSync(logFile, 'utf8')}`));
    });
  });
}

/**
 * The load generator: raw keep-alive sockets, one request in flight per socket,
 * responses framed by Content-Length with Buffer searches (no HTTP parser), so
 * the client's own cost stays small and the same for both servers whatever the
 * size of their answers.
 */
async function load(port: number, prepared: Prepared[]): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const raw = prepared.map((item) =>
    Buffer.concat([
      Buffer.from(
        `POST /interactions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${item.body.length}\r\n` +
          `X-Signature-Ed25519: ${item.headers['x-signature-ed25519']}\r\nX-Signature-Timestamp: ${item.headers['x-signature-timestamp']}\r\n\r\n`,
      ),
      item.body,
    ]),
  );
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const deadline = performance.now() + DURATION_MS;
  const HEADER_END = Buffer.from('\r\n\r\n');
  const LENGTH = /content-length: *(\d+)/i;

  const connection = () =>
    new Promise<void>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port, noDelay: true });
      let buffer: Buffer = Buffer.alloc(0);
      let started = 0;
      const send = () => {
        if (performance.now() >= deadline) {
          socket.end();
          return;
        }
        started = performance.now();
        // Every prepared request is sent once; a run that uses them all ends early.
        const request = raw[next++];
        if (request === undefined) {
          socket.end();
          return;
        }
        socket.write(request);
      };
      socket.on('connect', send);
      socket.on('data', (chunk: Buffer) => {
        buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
        for (;;) {
          const headerEnd = buffer.indexOf(HEADER_END);
          if (headerEnd < 0) return;
          const head = buffer.subarray(0, headerEnd).toString('latin1');
          const length = Number(LENGTH.exec(head)?.[1] ?? 0);
          const total = headerEnd + 4 + length;
          if (buffer.length < total) return;
          if (head.startsWith('HTTP/1.1 200')) latencies.push(performance.now() - started);
          else errors++;
          buffer = buffer.subarray(total);
          send();
        }
      });
      socket.on('error', () => {
        errors++;
        resolve();
      });
      socket.on('close', () => resolve());
    });

  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, connection));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), errors };
}

/** More than a run can send at the rates measured so far. */
const PER_RUN = Math.ceil((DURATION_MS / 1000) * 12_000);
const bot = await startProcess(
  [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), join(REPO_ROOT, 'bin', 'portfolio-bot.js'), 'serve'],
  { PORT: '0', DISCORD_PUBLIC_KEY: publicKeyHex, DISCORD_TOKEN: '', LOG_LEVEL: 'info', COOLDOWN_SECONDS: '0' },
  'log',
);
const floor = await startProcess([join(REPO_ROOT, 'dist', 'scripts', 'bench-http-floor.js'), publicKeyHex], {}, 'stdout');

// Warm both up (JIT, sockets), then measure A B A B.
await load(bot.port, prepare(500));
await load(floor.port, prepare(500));
type Run = { rps: number; p50: number; p99: number; errors: number; cpuMicrosPerRequest: number };
const results: Record<'bot' | 'floor', Run[]> = { bot: [], floor: [] };
/** The server's own CPU time (user + system) per answered request, from /proc: what the machine pays per request. */
async function measured(server: { child: ChildProcess; port: number }): Promise<Run> {
  const before = cpuMicros(server.child.pid!);
  const prepared = prepare(PER_RUN);
  const run = await load(server.port, prepared);
  const requests = run.rps * (DURATION_MS / 1000);
  return { ...run, cpuMicrosPerRequest: (cpuMicros(server.child.pid!) - before) / Math.max(1, requests) };
}
for (let round = 0; round < ROUNDS; round++) {
  results.bot.push(await measured(bot));
  results.floor.push(await measured(floor));
}
bot.child.kill('SIGTERM');
floor.child.kill('SIGTERM');
await new Promise((resolve) => bot.child.once('exit', resolve));

function cpuMicros(pid: number): number {
  // /proc/<pid>/stat: fields 14 and 15 are utime and stime in clock ticks (100 per second here).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const summary = (runs: typeof results.bot) => ({
  rps: mean(runs.map((r) => r.rps)),
  p50: mean(runs.map((r) => r.p50)),
  p99: mean(runs.map((r) => r.p99)),
  errors: runs.reduce((a, r) => a + r.errors, 0),
  cpu: mean(runs.map((r) => r.cpuMicrosPerRequest)),
});
const a = summary(results.bot);
const b = summary(results.floor);
console.log(
  `HTTP interactions benchmark: ${CONNECTIONS} keep-alive connections, ${ROUNDS}×${DURATION_MS / 1000} s ` +
    `each, alternating; node ${process.version}\n`,
);
console.log('| server | requests/s | p50 ms | p99 ms | server CPU µs/request | errors |');
console.log('|---|---|---|---|---|---|');
console.log(
  `| portfolio-bot serve (/projects <query>) | ${a.rps.toFixed(0)} | ${a.p50.toFixed(2)} | ` +
    `${a.p99.toFixed(2)} | ${a.cpu.toFixed(0)} | ${a.errors} |`,
);
console.log(
  `| floor (verify + PONG) | ${b.rps.toFixed(0)} | ${b.p50.toFixed(2)} | ${b.p99.toFixed(2)} | ${b.cpu.toFixed(0)} | ${b.errors} |`,
);
console.log(
  `| ratio bot / floor | ${(a.rps / b.rps).toFixed(2)} | ${(a.p50 / b.p50).toFixed(2)} | ` +
    `${(a.p99 / b.p99).toFixed(2)} | ${(a.cpu / b.cpu).toFixed(2)} | |`,
);
console.log(
  `\ntargets: throughput ≥ 0.80 × floor (${(a.rps / b.rps).toFixed(2)}: ` +
    `${a.rps / b.rps >= 0.8 ? 'met' : 'MISSED'}), p99 ≤ 1.5 × floor (${(a.p99 / b.p99).toFixed(2)}: ${a.p99 / b.p99 <= 1.5 ? 'met' : 'MISSED'})`,
);
