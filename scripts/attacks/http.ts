// Issue #15's attacks on the HTTP interactions endpoint, replayed against the
// real `portfolio-bot serve` (a key pair made here, a free loopback port):
// stalled connections that hold memory before their signature is checked
// (#15.2), replays (#15.7), page and Share buttons that lie about their owner
// (#15.8), signed payloads of the wrong shape (#15.9), distinct huge queries
// for the answer cache (#15.10), and what anyone can learn or break from
// outside (#15.11). Each row reports the server's RSS before, at its peak and
// after, what came back, and whether a stack trace, the token or a private
// profile value showed up in an answer or a log line.
import { networkInterfaces } from 'node:os';
import { connect, createServer } from 'node:net';
import { RSS_SLACK_MB, type Attack, type AttackResult } from './types.js';
import {
  interaction,
  leakIn,
  median,
  postSigned,
  profileSecrets,
  rawPost,
  rssMb,
  settledRss,
  signedHeaders,
  startServe,
  tally,
  watchRss,
  ServeExited,
  type RawOutcome,
  type ServeProcess,
} from './serve-process.js';

const KiB = 1024;
const MiB = 1024 * KiB;
const ASKER = '210000000000000001';
const OTHER = '210000000000000002';

/** What one attack did, before the memory and the logs are measured around it. */
interface Outcome {
  attack: string;
  hole: string;
  sent: number;
  outcomes: Record<string, number>;
  /** Every answer's text, scanned for leaks. */
  answers: string[];
  /** Times to the server's refusal or answer, ms. */
  times: number[];
  /** Requests that got no verdict within the attack's bound. */
  hangs?: number;
  note?: string;
}

/** Runs `attack` against `serve`, measuring RSS around it and scanning its answers and the log lines it caused. */
async function measure(serve: ServeProcess, secrets: string[], attack: () => Promise<Outcome>): Promise<AttackResult> {
  const mark = serve.stderr.length;
  const start = rssMb(serve.pid);
  const watch = watchRss(serve.pid);
  const outcome = await attack();
  const peak = watch.stop();
  const end = serve.exited ? Number.NaN : await settledRss(serve.pid, start, RSS_SLACK_MB);
  const logLines = serve
    .logSince(mark)
    .split('\n')
    .filter((line) => line.trim() !== '');
  const leaks =
    outcome.answers.filter((text) => leakIn(text, secrets) !== null).length +
    logLines.filter((line) => leakIn(line, secrets) !== null).length;
  const alive = !serve.exited && (await postSigned(serve, JSON.stringify({ type: 1 }))).status === 200;
  const note = [outcome.note, alive ? undefined : 'the server no longer answers a signed PING']
    .filter((part) => part !== undefined)
    .join('; ');
  return {
    attack: outcome.attack,
    hole: outcome.hole,
    sent: outcome.sent,
    outcomes: outcome.outcomes,
    crashes: serve.exited ? 1 : 0,
    leaks,
    hangs: outcome.hangs ?? 0,
    rssStartMb: start,
    rssPeakMb: peak,
    rssEndMb: end,
    rejectMs: median(outcome.times),
    ...(note === '' ? {} : { note }),
  };
}

/** Runs `rows` against one fresh serve process, then stops it. */
async function withServe(rows: ((serve: ServeProcess) => Promise<Outcome>)[]): Promise<AttackResult[]> {
  const secrets = profileSecrets();
  const serve = await startServe();
  try {
    const results: AttackResult[] = [];
    for (const row of rows) results.push(await measure(serve, secrets, () => row(serve)));
    return results;
  } finally {
    await serve.stop();
  }
}

function fromRaw(attack: string, hole: string, outcomes: RawOutcome[], note?: string): Outcome {
  return {
    attack,
    hole,
    sent: outcomes.length,
    outcomes: tally(outcomes.map((outcome) => outcome.outcome)),
    answers: outcomes.map((outcome) => outcome.text),
    times: outcomes.map((outcome) => outcome.ms),
    hangs: outcomes.filter((outcome) => outcome.outcome === 'no answer').length,
    ...(note === undefined ? {} : { note }),
  };
}

const searchBody = (query: string, user = ASKER) =>
  JSON.stringify(interaction(2, { id: '1', name: 'search', type: 1, options: [{ name: 'query', type: 3, value: query }] }, {}, user));

// ---- #15.2: memory held before the signature is checked ----

/** A body that is valid JSON of `size` bytes, so only its signature (and its size) can be wrong. */
function paddedBody(size: number): Buffer {
  const head = Buffer.from('{"type":1,"pad":"');
  const body = Buffer.alloc(size, 0x61);
  head.copy(body);
  body.write('"}', size - 2);
  return body;
}

/** A well-formed signature (128 hex characters) that is not this body's, and a fresh timestamp. */
function forgedHeaders(): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-signature-ed25519': 'ab'.repeat(64),
    'x-signature-timestamp': String(Math.floor(Date.now() / 1000)),
  };
}

/** A connection that sends the start of a request's headers and never finishes them. */
function stallInHeaders(port: number): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const started = performance.now();
    let text = '';
    socket.on('error', () => undefined);
    socket.on('connect', () =>
      socket.write(`POST /interactions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Signature-Ed25519: ${'ab'.repeat(64)}\r\n`),
    );
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    let timedOut = false;
    const giveUp = setTimeout(() => {
      timedOut = true;
      socket.destroy();
    }, 15_000);
    socket.on('close', () => {
      clearTimeout(giveUp);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve({ outcome: status ?? (timedOut ? 'no answer' : text === '' ? 'dropped' : 'garbled'), ms: performance.now() - started, text });
    });
  });
}

const stalled: Attack = {
  name: 'http-stalled',
  run: () =>
    withServe([
      async (serve) => {
        const body = paddedBody(MiB - 1);
        const outcomes = await Promise.all(
          Array.from({ length: 500 }, () => rawPost(serve.port, forgedHeaders(), body, { sendBytes: body.length - 1, timeoutMs: 15_000 })),
        );
        return fromRaw(
          '500 connections sending a 1 MiB − 1 body (well-formed signature, fresh timestamp) all but its last byte, then stalled',
          '#15.2',
          outcomes,
        );
      },
      async (serve) => {
        const body = paddedBody(64 * KiB);
        const outcomes = await Promise.all(
          Array.from({ length: 500 }, () => rawPost(serve.port, forgedHeaders(), body, { sendBytes: 64 * KiB - 1, timeoutMs: 15_000 })),
        );
        return fromRaw(
          '500 connections sending 64 KiB − 1 of a 64 KiB body (the cap), then stalled',
          '#15.2',
          outcomes,
          'dropped: the oldest of more than 32 bodies being read, or over the 128-connection cap; 408: cut at the 5 s request deadline',
        );
      },
      async (serve) => {
        const outcomes = await Promise.all(Array.from({ length: 600 }, () => stallInHeaders(serve.port)));
        return fromRaw(
          '600 connections stalled in their headers',
          '#15.2',
          outcomes,
          'dropped: over the 128-connection cap; 408: cut at the 5 s header deadline',
        );
      },
      async (serve) => {
        const body = paddedBody(32 * KiB);
        const outcomes = await Promise.all(
          Array.from({ length: 200 }, () =>
            rawPost(serve.port, forgedHeaders(), body, { chunked: true, dribble: { bytes: 64, everyMs: 100 }, timeoutMs: 15_000 }),
          ),
        );
        return fromRaw('200 connections dribbling a chunked body, 64 bytes every 100 ms', '#15.2', outcomes);
      },
    ]),
};

// ---- #15.7: replays ----

const replay: Attack = {
  name: 'http-replay',
  run: () =>
    withServe([
      async (serve) => {
        const results: { status: number; text: string; ms: number }[] = [];
        const once = searchBody('lookahead');
        const onceHeaders = signedHeaders(serve.keys.privateKey, once);
        for (let i = 0; i < 3; i++) results.push(await postSigned(serve, once, onceHeaders));
        const burst = JSON.stringify(interaction(2, { id: '1', name: 'about', type: 1 }));
        const burstHeaders = signedHeaders(serve.keys.privateKey, burst);
        results.push(...(await Promise.all(Array.from({ length: 50 }, () => postSigned(serve, burst, burstHeaders)))));
        return {
          attack: 'one signed /search sent 3 times in a row; one signed /about sent by 50 clients at once',
          hole: '#15.7',
          sent: results.length,
          outcomes: tally(results.map((result) => result.status)),
          answers: results.map((result) => result.text),
          times: results.filter((result) => result.status === 409).map((result) => result.ms),
          note: 'expected: 200 once per interaction id, 409 for every copy',
        };
      },
    ]),
};

// ---- #15.8: buttons that lie about who asked ----

const paging: Attack = {
  name: 'http-paging',
  run: () =>
    withServe([
      async (serve) => {
        const first = await postSigned(serve, JSON.stringify(interaction(2, { id: '1', name: 'projects', type: 1 }, {}, ASKER)));
        const rows =
          (JSON.parse(first.text) as { data: { components?: { components: { label?: string; custom_id?: string }[] }[] } }).data
            .components ?? [];
        const next = rows.flatMap((row) => row.components).find((component) => component.label === 'Next')?.custom_id ?? '';
        const forged = next.replace(`u=${ASKER}`, `u=${OTHER}`);
        const metadata = {
          message: { id: '800000000000000001', interaction_metadata: { id: '1', type: 2, user: { id: ASKER, username: 'asker' } } },
        };
        const press = (customId: string, extra: Record<string, unknown>) =>
          postSigned(serve, JSON.stringify(interaction(3, { custom_id: customId, component_type: 2 }, extra, OTHER)));
        const kinds: [string, () => Promise<{ status: number; text: string; ms: number }>][] = [
          ['no asker in the id', () => press('pb1|projects|page|1|k=', {})],
          ['u=<presser> on the asker’s message', () => press(forged, metadata)],
          ['share without an asker', () => press('pb1|share|contact', {})],
          ['u=<presser>, no message metadata', () => press(forged, {})],
        ];
        const outcomes: Record<string, number> = {};
        const answers: string[] = [];
        const times: number[] = [];
        for (const [kind, send] of kinds) {
          for (let i = 0; i < 10; i++) {
            const result = await send();
            answers.push(result.text);
            const answer = JSON.parse(result.text) as { type: number; data?: { flags?: number } };
            const verdict = answer.type === 7 ? 'paged' : answer.data?.flags === 64 ? 'refused' : `type ${answer.type}`;
            outcomes[`${kind}: ${verdict}`] = (outcomes[`${kind}: ${verdict}`] ?? 0) + 1;
            if (verdict === 'refused') times.push(result.ms);
          }
        }
        return {
          attack: 'another user presses the asker’s page and Share buttons with forged custom_ids',
          hole: '#15.8',
          sent: 40,
          outcomes,
          answers,
          times,
          note:
            'a forged u=<presser> without the message metadata cannot be told from a real one (inherent); ' +
            'Discord sends the metadata with every press',
        };
      },
    ]),
};

// ---- #15.9: signed payloads of the wrong shape ----

function nested(levels: number): unknown[] {
  // Built as text: an object this deep would overflow JSON.stringify itself.
  return JSON.parse(`[${'{"name":"q","type":1,"options":['.repeat(levels)}${']}'.repeat(levels)}]`) as unknown[];
}

const malformed: Attack = {
  name: 'http-malformed',
  run: () =>
    withServe([
      async (serve) => {
        const payloads: string[] = [];
        for (const type of [2, 3, 4]) {
          payloads.push(JSON.stringify(interaction(type, undefined)));
          payloads.push(JSON.stringify(interaction(type, null)));
          if (type === 3) {
            payloads.push(JSON.stringify(interaction(type, { custom_id: 'pb1|projects|open', component_type: 3, values: { 0: 'x' } })));
            payloads.push(JSON.stringify(interaction(type, { custom_id: 7, component_type: 2 })));
            continue;
          }
          payloads.push(JSON.stringify(interaction(type, { id: '1', name: 'search', type: 1, options: { query: 'x' } })));
          payloads.push(JSON.stringify(interaction(type, { id: '1', name: 'search', type: 1, options: nested(4) })));
          // As deep as fits in the 64 KiB cap (34 bytes a level).
          payloads.push(JSON.stringify(interaction(type, { id: '1', name: 'search', type: 1, options: nested(1800) })));
        }
        const nestedOptions = `${'[{"options":'.repeat(70_000)}[]${'}]'.repeat(70_000)}`;
        const deep =
          `{"id":"330000000000000001","type":2,"member":{"user":{"id":"${ASKER}"}},` +
          `"data":{"name":"search","options":${nestedOptions}}}`;
        const results: { status: number; text: string; ms: number }[] = [];
        for (const payload of payloads) results.push(await postSigned(serve, payload));
        const raw = await rawPost(serve.port, signedHeaders(serve.keys.privateKey, deep), Buffer.from(deep));
        return {
          attack:
            'signed types 2, 3, 4 with no data or data: null; options or values as an object; a numeric custom_id; ' +
            'options nested 4 and 1800 deep; options nested 70 000 deep',
          hole: '#15.9',
          sent: payloads.length + 1,
          outcomes: { ...tally(results.map((result) => result.status)), ...Object.fromEntries([[`70 000 deep: ${raw.outcome}`, 1]]) },
          answers: [...results.map((result) => result.text), raw.text],
          times: results.map((result) => result.ms),
          note: '70 000 levels (980 KB) need more than the 64 KiB body cap: 413 before parsing',
        };
      },
    ]),
};

// ---- #15.10: distinct huge queries for the answer cache ----

function distinctQuery(i: number, length: number): string {
  return `${i} `.padEnd(length, String.fromCharCode(97 + (i % 26)));
}

const cache: Attack = {
  name: 'http-cache',
  run: () =>
    withServe([
      async (serve) => {
        const outcomes: RawOutcome[] = [];
        for (let i = 0; i < 300; i += 30) {
          const batch = Array.from({ length: 30 }, (_, k) => {
            // Just under 1 MiB in all, the size the endpoint accepted before: sent whole.
            const body = Buffer.from(searchBody(distinctQuery(i + k, MiB - 1024)));
            return rawPost(serve.port, signedHeaders(serve.keys.privateKey, body), body);
          });
          outcomes.push(...(await Promise.all(batch)));
        }
        return fromRaw('300 distinct signed /search queries of ~1 MiB (bodies just under 1 MiB)', '#15.10', outcomes);
      },
      async (serve) => {
        const results: { status: number; text: string; ms: number }[] = [];
        for (let i = 0; i < 300; i += 20) {
          results.push(
            ...(await Promise.all(Array.from({ length: 20 }, (_, k) => postSigned(serve, searchBody(distinctQuery(i + k, 60_000)))))),
          );
        }
        return {
          attack: '300 distinct signed /search queries of 60 000 characters (under the body cap, over Discord’s 6000)',
          hole: '#15.10',
          sent: results.length,
          outcomes: tally(results.map((result) => result.status)),
          answers: results.map((result) => result.text),
          times: results.map((result) => result.ms),
        };
      },
      async (serve) => {
        const results: { status: number; text: string; ms: number }[] = [];
        for (let i = 0; i < 600; i += 20) {
          const batch = Array.from({ length: 20 }, (_, k) => {
            const n = i + k;
            const value = distinctQuery(n, 6000);
            const user = String(220000000000000000n + BigInt(n));
            return n % 2 === 0
              ? postSigned(serve, searchBody(value, user))
              : postSigned(
                  serve,
                  JSON.stringify(
                    interaction(
                      4,
                      { id: '1', name: 'project', type: 1, options: [{ name: 'name', type: 3, value, focused: true }] },
                      {},
                      user,
                    ),
                  ),
                );
          });
          results.push(...(await Promise.all(batch)));
        }
        return {
          attack: '300 distinct /search queries and 300 distinct autocomplete values of 6000 characters (Discord’s maximum)',
          hole: '#15.10',
          sent: results.length,
          outcomes: tally(results.map((result) => result.status)),
          answers: results.map((result) => result.text),
          times: results.map((result) => result.ms),
          note: 'answered, and remembered within the caches’ byte budget (4 MiB each)',
        };
      },
    ]),
};

// ---- #15.11: what anyone can see or break from outside ----

/** A non-loopback IPv4 address of this machine, if it has one. */
function otherAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((address) => address !== undefined && address.family === 'IPv4' && !address.internal)?.address;
}

function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('timed out');
    }, 2000);
    socket.on('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve('connected');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(error.code ?? 'error');
    });
  });
}

const surface: Attack = {
  name: 'http-surface',
  run: () =>
    withServe([
      async (serve) => {
        const answers: string[] = [];
        const times: number[] = [];
        const outcomes: Record<string, number> = {};
        for (let i = 0; i < 20; i++) {
          const started = performance.now();
          const response = await fetch(`${serve.base}/healthz`);
          const text = await response.text();
          times.push(performance.now() - started);
          answers.push(text);
          const shown = Object.keys(JSON.parse(text) as object).join(',');
          outcomes[`${response.status} {${shown}}`] = (outcomes[`${response.status} {${shown}}`] ?? 0) + 1;
        }
        const other = otherAddress();
        if (other !== undefined) outcomes[`connect on ${other}: ${await tryConnect(other, serve.port)}`] = 1;
        return {
          attack: 'GET /healthz from anyone; a connection to serve on a non-loopback address of this machine',
          hole: '#15.11',
          sent: 20 + (other === undefined ? 0 : 1),
          outcomes,
          answers,
          times,
          note: other === undefined ? 'this machine has no non-loopback IPv4 address to try' : 'HOST defaults to 127.0.0.1',
        };
      },
      async () => {
        // A second serve on a port that is taken (a plain listener holds it, as another program would).
        const holder = createServer();
        await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
        const port = (holder.address() as { port: number }).port;
        const started = performance.now();
        let second: ServeProcess | undefined;
        let text = '';
        let outcome: string;
        try {
          second = await startServe({ PORT: String(port) });
          outcome = 'listened anyway';
        } catch (error) {
          if (!(error instanceof ServeExited)) throw error;
          text = error.stderr;
          // Its JSON log lines aside (the profile loaded), what a person reads.
          const lines = text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('{'));
          outcome = `exit ${error.code}, ${lines.length} line${lines.length === 1 ? '' : 's'}: ${lines[0] ?? ''}`;
        } finally {
          await second?.stop();
          holder.close();
        }
        return {
          attack: 'a second serve started on a port that is in use',
          hole: '#15.11',
          sent: 1,
          outcomes: { [outcome]: 1 },
          answers: [text],
          times: [performance.now() - started],
          note: `port ${port} held by another listener; the RSS figures are the first serve’s`,
        };
      },
    ]),
};

export const HTTP_ATTACKS: Attack[] = [stalled, replay, paging, malformed, cache, surface];
