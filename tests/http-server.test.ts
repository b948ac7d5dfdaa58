// The HTTP interactions endpoint against real Ed25519 signatures, over real
// loopback sockets: what Discord sends, what a forger sends, and shutdown.
import { randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  type APIInteraction,
  type APIInteractionResponse,
} from 'discord.js';
import { createLogger } from '../src/log.js';
import { installSignalHandlers } from '../src/signals.js';
import {
  createInteractionServer,
  parsePublicKey,
  verifySignature,
  type InteractionResponder,
  type InteractionServer,
} from '../src/http/index.js';
import { startFloorServer } from '../scripts/bench-http-floor.js';
import { generateSigningKeys, signedHeaders, signedRequest, signPayload, unixTimestamp } from './helpers/signing.js';

const keys = generateSigningKeys();
const otherKeys = generateSigningKeys();
const MiB = 1024 * 1024;

/**
 * Small interactions: the endpoint checks their shape (an id, a user, `data`
 * as each type has it) and answers each id once, so every call makes a new id.
 */
const ping = { type: InteractionType.Ping };
let nextId = 1;
const command = (name: string, query = 'optimizers') => ({
  id: String(nextId++),
  application_id: '2',
  token: 'interaction-token',
  version: 1,
  type: InteractionType.ApplicationCommand,
  data: {
    id: '3',
    name,
    type: ApplicationCommandType.ChatInput,
    options: [{ name: 'query', type: ApplicationCommandOptionType.String, value: query }],
  },
  user: { id: '42', username: 'asker' },
});
const autocomplete = () => ({
  ...command('projects', 'opt'),
  type: InteractionType.ApplicationCommandAutocomplete,
  data: {
    id: '3',
    name: 'projects',
    type: ApplicationCommandType.ChatInput,
    options: [{ name: 'query', type: ApplicationCommandOptionType.String, value: 'opt', focused: true }],
  },
});
const buttonPress = () => ({
  ...command('projects'),
  type: InteractionType.MessageComponent,
  data: { custom_id: 'projects:2:abc:42', component_type: ComponentType.Button },
  message: { id: '9' },
});

/** The stub responder: one recognisable answer per interaction kind. */
const respond: InteractionResponder = async (interaction: APIInteraction): Promise<APIInteractionResponse> => {
  switch (interaction.type) {
    case InteractionType.ApplicationCommand: {
      const name = interaction.data.name;
      if (name === 'boom') throw new Error('handler exploded');
      return { type: InteractionResponseType.ChannelMessageWithSource, data: { content: `ran ${name}` } };
    }
    case InteractionType.ApplicationCommandAutocomplete:
      return {
        type: InteractionResponseType.ApplicationCommandAutocompleteResult,
        data: { choices: [{ name: 'Lookahead optimizer', value: 'lookahead' }] },
      };
    case InteractionType.MessageComponent:
      return { type: InteractionResponseType.UpdateMessage, data: { content: `page of ${interaction.data.custom_id}` } };
    default:
      return { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'other' } };
  }
};

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** Resolves when the server has closed the connection. */
  socketClosed: Promise<void>;
}

async function readResponse(res: IncomingMessage): Promise<RawResponse> {
  const socketClosed = once(res.socket, 'close').then(() => undefined);
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), socketClosed };
}

/**
 * A POST through node:http that writes `chunks` and then, unless `end` is set,
 * keeps the request open: the answer has to come without the rest of the body.
 */
async function streamingPost(
  port: number,
  headers: Record<string, string>,
  chunks: Buffer[],
  end: boolean,
): Promise<RawResponse & { request: ReturnType<typeof httpRequest> }> {
  const request = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/interactions', headers, agent: false });
  // Writing into a connection the server has closed fails; the answer is what counts.
  request.on('error', () => undefined);
  const response = once(request, 'response') as Promise<[IncomingMessage]>;
  for (const chunk of chunks) request.write(chunk);
  if (end) request.end();
  const [res] = await response;
  return { ...(await readResponse(res)), request };
}

function logOf(lines: string[]): Record<string, unknown>[] {
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('HTTP interactions endpoint', () => {
  const lines: string[] = [];
  const logger = createLogger('debug', (line) => lines.push(line));
  const seen: APIInteraction[] = [];
  let http: InteractionServer;
  let port: number;
  let base: string;

  beforeAll(async () => {
    http = createInteractionServer({
      publicKey: keys.publicKeyHex,
      logger,
      respond: (interaction) => {
        seen.push(interaction);
        return respond(interaction);
      },
    });
    port = await http.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await http.close(1000);
  });

  it('answers PING with PONG as application/json', async () => {
    const res = await signedRequest(base, keys.privateKey, ping);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe('{"type":1}');
  });

  it('passes a command to the responder and returns its payload', async () => {
    seen.length = 0;
    const sent = command('projects');
    const res = await signedRequest(base, keys.privateKey, sent);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'ran projects' } });
    expect(seen).toEqual([sent]);
  });

  it('answers autocomplete with the responder’s choices', async () => {
    const res = await signedRequest(base, keys.privateKey, autocomplete());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: [{ name: 'Lookahead optimizer', value: 'lookahead' }] },
    });
  });

  it('answers a component press with a message update', async () => {
    const res = await signedRequest(base, keys.privateKey, buttonPress());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ type: InteractionResponseType.UpdateMessage, data: { content: 'page of projects:2:abc:42' } });
  });

  it('passes a modal submit to the responder', async () => {
    const res = await signedRequest(base, keys.privateKey, {
      ...command('projects'),
      type: InteractionType.ModalSubmit,
      data: { custom_id: 'm', components: [] },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'other' } });
  });

  it('accepts a synchronous responder and a chunked body', async () => {
    const sync = createInteractionServer({
      publicKey: keys.publicKeyHex,
      logger: createLogger('silent'),
      respond: () => ({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'sync' } }),
    });
    const syncPort = await sync.listen(0, '127.0.0.1');
    try {
      const body = Buffer.from(JSON.stringify(command('projects')));
      // No Content-Length: node:http sends the body chunked, in two pieces.
      const res = await streamingPost(syncPort, signedHeaders(keys.privateKey, body), [body.subarray(0, 10), body.subarray(10)], true);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'sync' } });
    } finally {
      await sync.close(1000);
    }
  });

  describe('refuses unauthenticated requests with 401', () => {
    const body = JSON.stringify(command('projects'));

    const cases: [string, () => Record<string, string>][] = [
      ['no signature headers', () => ({ 'content-type': 'application/json' })],
      ['no signature', () => ({ 'x-signature-timestamp': unixTimestamp() })],
      ['no timestamp', () => ({ 'x-signature-ed25519': signPayload(keys.privateKey, unixTimestamp(), body) })],
      ['a wrong signature', () => ({ ...signedHeaders(keys.privateKey, body), 'x-signature-ed25519': randomBytes(64).toString('hex') })],
      ['a signature by another key', () => signedHeaders(otherKeys.privateKey, body)],
      ['a signature of another body', () => signedHeaders(keys.privateKey, body + ' ')],
      ['malformed hex', () => ({ ...signedHeaders(keys.privateKey, body), 'x-signature-ed25519': 'zz'.repeat(64) })],
      ['hex of the wrong length', () => ({ ...signedHeaders(keys.privateKey, body), 'x-signature-ed25519': 'ab'.repeat(63) })],
      [
        'a valid signature with a trailing non-hex character',
        () => {
          const headers = signedHeaders(keys.privateKey, body);
          return { ...headers, 'x-signature-ed25519': `${headers['x-signature-ed25519']}z` };
        },
      ],
      ['a non-numeric timestamp', () => signedHeaders(keys.privateKey, body, 'yesterday')],
      ['a stale timestamp (301 s old)', () => signedHeaders(keys.privateKey, body, unixTimestamp(Date.now() - 301_000))],
      ['a future timestamp (301 s ahead)', () => signedHeaders(keys.privateKey, body, unixTimestamp(Date.now() + 301_000))],
    ];

    it.each(cases)('%s', async (_name, headers) => {
      const res = await fetch(`${base}/interactions`, { method: 'POST', headers: headers(), body });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.json()).toEqual({ error: 'invalid request signature' });
    });

    it('but accepts a timestamp within the allowed skew', async () => {
      const res = await signedRequest(base, keys.privateKey, ping, { timestamp: unixTimestamp(Date.now() - 290_000) });
      expect(res.status).toBe(200);
    });

    it('judges freshness by the injected clock and maxSkewSeconds', async () => {
      const fixedNow = Date.UTC(2030, 0, 1);
      const clocked = createInteractionServer({
        publicKey: keys.publicKeyHex,
        respond,
        logger: createLogger('silent'),
        now: () => fixedNow,
        maxSkewSeconds: 10,
      });
      const clockedBase = `http://127.0.0.1:${await clocked.listen(0, '127.0.0.1')}`;
      try {
        const status = async (offsetMs: number) =>
          (await signedRequest(clockedBase, keys.privateKey, ping, { timestamp: unixTimestamp(fixedNow + offsetMs) })).status;
        expect(await status(0)).toBe(200);
        expect(await status(-9_000)).toBe(200);
        expect(await status(11_000)).toBe(401);
        expect(await status(-11_000)).toBe(401);
        expect((await signedRequest(clockedBase, keys.privateKey, ping)).status).toBe(401); // real time is years away
      } finally {
        await clocked.close(1000);
      }
    });
  });

  describe('refuses bodies over the limit with 413', () => {
    it('a 2 MiB body announced by Content-Length', async () => {
      const body = Buffer.alloc(2 * MiB, 0x20);
      const res = await streamingPost(
        port,
        { ...signedHeaders(keys.privateKey, body), 'content-length': String(body.length) },
        [body],
        true,
      );
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toEqual({ error: 'request body too large' });
      expect(res.headers.connection).toBe('close');
      await res.socketClosed;
    });

    it('a 2 MiB chunked body, counted while it streams', async () => {
      const body = Buffer.alloc(2 * MiB, 0x20);
      const pieces = Array.from({ length: 32 }, (_, i) => body.subarray(i * 64 * 1024, (i + 1) * 64 * 1024));
      const res = await streamingPost(port, signedHeaders(keys.privateKey, body), pieces, true);
      expect(res.status).toBe(413);
      await res.socketClosed;
    });

    it('promptly, from Content-Length, when 100 MiB are announced and only 1 KiB is ever sent', async () => {
      const headers = { ...signedHeaders(keys.privateKey, 'x'), 'content-length': String(100 * MiB) };
      // The request is never finished: only an answer that does not wait for the body can arrive.
      const res = await streamingPost(port, headers, [Buffer.alloc(1024, 0x20)], false);
      expect(res.status).toBe(413);
      await res.socketClosed;
      res.request.destroy();
    });

    it('promptly, while streaming, when a chunked body passes the limit and never ends', async () => {
      const piece = Buffer.alloc(64 * 1024, 0x20);
      const pieces = Array.from({ length: 17 }, () => piece); // 1 MiB + 64 KiB, over any limit
      const res = await streamingPost(port, signedHeaders(keys.privateKey, 'x'), pieces, false);
      expect(res.status).toBe(413);
      await res.socketClosed;
      res.request.destroy();
    });

    it('exactly at maxBodyBytes is accepted, one byte more is not', async () => {
      const small = createInteractionServer({ publicKey: keys.publicKeyHex, respond, logger: createLogger('silent'), maxBodyBytes: 1000 });
      const smallBase = `http://127.0.0.1:${await small.listen(0, '127.0.0.1')}`;
      try {
        const atLimit = '{"type":1}'.padEnd(1000, ' ');
        expect((await signedRequest(smallBase, keys.privateKey, atLimit)).status).toBe(200);
        const res = await streamingPost(
          Number(new URL(smallBase).port),
          { ...signedHeaders(keys.privateKey, atLimit + ' '), 'content-length': '1001' },
          [Buffer.from(atLimit + ' ')],
          true,
        );
        expect(res.status).toBe(413);
      } finally {
        await small.close(1000);
      }
    });
  });

  it('answers malformed JSON with 400 (after a valid signature)', async () => {
    const res = await signedRequest(base, keys.privateKey, '{"type":1');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'malformed JSON' });
  });

  it.each([
    ['type 99', { type: 99 }],
    ['no type', { data: {} }],
    ['a string type', { type: '2' }],
    ['an array', [1]],
    ['null', null],
  ])('answers an unknown interaction (%s) with 400', async (_name, payload) => {
    const res = await signedRequest(base, keys.privateKey, JSON.stringify(payload));
    expect(res.status).toBe(400);
    expect(await res.json()).toHaveProperty('error');
  });

  it('answers 500 with a reference when the responder throws, and logs the error under it', async () => {
    lines.length = 0;
    const res = await signedRequest(base, keys.privateKey, command('boom'));
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: string; ref: string };
    expect(body.error).toBe('internal error');
    expect(body.ref).toMatch(/^[0-9a-f]{6}$/);
    const [line] = logOf(lines);
    expect(line).toMatchObject({ level: 'error', status: 500, ref: body.ref, error: 'handler exploded', command: 'boom' });
  });

  it('answers 405 with Allow for a wrong method, 404 for an unknown path', async () => {
    const get = await fetch(`${base}/interactions`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(await get.json()).toEqual({ error: 'method not allowed' });

    const post = await fetch(`${base}/healthz`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');

    const nope = await fetch(`${base}/nope`);
    expect(nope.status).toBe(404);
    expect(nope.headers.get('content-type')).toBe('application/json');
    expect(await nope.json()).toEqual({ error: 'not found' });
  });

  it('reports health as status ok and nothing more: it is public', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{"status":"ok"}');
  });

  it('logs one line per request, with the interaction type and command, and no headers or body', async () => {
    lines.length = 0;
    const marker = 'secret-query-text-7f3a';
    const body = JSON.stringify(command('projects', marker));
    const headers = signedHeaders(keys.privateKey, body);
    await (await fetch(`${base}/interactions`, { method: 'POST', headers, body })).text();
    await (await fetch(`${base}/nope`)).text();

    const entries = logOf(lines);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      level: 'info',
      msg: 'http request',
      method: 'POST',
      path: '/interactions',
      status: 200,
      interactionType: 2,
      command: 'projects',
    });
    expect(entries[0]?.['ms']).toEqual(expect.any(Number));
    expect(entries[1]).toMatchObject({ method: 'GET', path: '/nope', status: 404 });
    const all = lines.join('\n');
    expect(all).not.toContain(marker);
    expect(all).not.toContain(headers['x-signature-ed25519']);
    expect(all).not.toContain('interaction-token');
  });

  it('logs a request whose client disconnects mid-body as aborted', async () => {
    lines.length = 0;
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/interactions',
      headers: { ...signedHeaders(keys.privateKey, 'x'), 'content-length': '500' },
      agent: false,
    });
    request.on('error', () => undefined);
    request.write('{"type":');
    await delay(30);
    request.destroy();
    await vi.waitFor(() => expect(lines).toHaveLength(1));
    expect(logOf(lines)[0]).toMatchObject({ path: '/interactions', status: 0, aborted: true });
  });

  it('refuses 1 000 forged requests with 401, then still answers a valid one', async () => {
    const body = Buffer.from(JSON.stringify(command('projects')));
    const timestamp = unixTimestamp();
    const signature = signPayload(keys.privateKey, timestamp, body);
    const flip = (bytes: Buffer): Buffer => {
      const copy = Buffer.from(bytes);
      const at = Math.floor(Math.random() * copy.length);
      copy[at] = (copy[at] ?? 0) ^ (1 << Math.floor(Math.random() * 8));
      return copy;
    };
    const forge = (i: number): { headers: Record<string, string>; body: Buffer } => {
      const headers = { 'content-type': 'application/json', 'x-signature-timestamp': timestamp, 'x-signature-ed25519': signature };
      switch (i % 6) {
        case 0: // a random signature
          return { headers: { ...headers, 'x-signature-ed25519': randomBytes(64).toString('hex') }, body };
        case 1: // a random body under the real signature
          return { headers, body: randomBytes(1 + Math.floor(Math.random() * 400)) };
        case 2: // one bit of the body flipped
          return { headers, body: flip(body) };
        case 3: // one bit of the signature flipped
          return { headers: { ...headers, 'x-signature-ed25519': flip(Buffer.from(signature, 'hex')).toString('hex') }, body };
        case 4: // the timestamp moved by a second
          return { headers: { ...headers, 'x-signature-timestamp': String(Number(timestamp) + 1 + (i % 7)) }, body };
        default: // signed by someone else
          return { headers: signedHeaders(otherKeys.privateKey, body, timestamp), body };
      }
    };

    const statuses: number[] = [];
    for (let batch = 0; batch < 1000; batch += 50) {
      const results = await Promise.all(
        Array.from({ length: 50 }, async (_, k) => {
          const { headers, body: forged } = forge(batch + k);
          const res = await fetch(`${base}/interactions`, { method: 'POST', headers, body: forged });
          await res.arrayBuffer();
          return res.status;
        }),
      );
      statuses.push(...results);
    }
    expect(statuses).toHaveLength(1000);
    expect(statuses.filter((status) => status !== 401)).toEqual([]);

    const valid = await signedRequest(base, keys.privateKey, command('projects'));
    expect(valid.status).toBe(200);
    expect(await valid.json()).toEqual({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'ran projects' } });
  });
});

describe('graceful close', () => {
  it('waits for a slow request in flight, refuses new connections, then resolves', async () => {
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    const lines: string[] = [];
    const http = createInteractionServer({
      publicKey: keys.publicKeyHex,
      logger: createLogger('info', (line) => lines.push(line)),
      respond: async () => {
        started();
        await delay(600);
        return { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'slow but sure' } };
      },
    });
    const port = await http.listen(0, '127.0.0.1');

    const body = JSON.stringify(command('projects'));
    const slow = streamingPost(port, signedHeaders(keys.privateKey, body), [Buffer.from(body)], true);
    await inFlight;

    // A health check that is mid-way through its headers when shutdown begins.
    const probe = connect(port, '127.0.0.1');
    await once(probe, 'connect');
    probe.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
    await delay(100); // time for the server to start parsing it, which makes the connection active

    let done = false;
    const closing = http.close(5000).then(() => (done = true));
    await delay(50);
    expect(done).toBe(false);

    const refused = new Promise<string>((resolve) => {
      const attempt = connect(port, '127.0.0.1');
      attempt.on('connect', () => {
        attempt.destroy();
        resolve('connected');
      });
      attempt.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(await refused).toBe('ECONNREFUSED');

    let probeAnswer = '';
    probe.on('data', (chunk: Buffer) => (probeAnswer += chunk.toString('utf8')));
    const probeClosed = once(probe, 'close');
    probe.write('\r\n');
    await probeClosed;
    expect(probeAnswer).toMatch(/^HTTP\/1\.1 503 /);
    expect(probeAnswer).toContain('{"status":"shutting down"}');

    const res = await slow;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'slow but sure' } });
    await closing;
    expect(done).toBe(true);
    expect(logOf(lines).map((entry) => entry['msg'])).toContain('http server closed');
  });

  it('drops a request still running when the grace period ends', async () => {
    const http = createInteractionServer({
      publicKey: keys.publicKeyHex,
      logger: createLogger('silent'),
      respond: () => new Promise<APIInteractionResponse>(() => undefined),
    });
    const port = await http.listen(0, '127.0.0.1');
    const body = JSON.stringify(command('projects'));
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/interactions',
      headers: signedHeaders(keys.privateKey, body),
      agent: false,
    });
    const failed = new Promise<string>((resolve) => {
      request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      request.on('response', () => resolve('answered'));
    });
    request.end(body);
    await delay(50);
    await http.close(100);
    expect(await failed).toBe('ECONNRESET');
  });

  it('closes idle keep-alive connections at once and is idempotent', async () => {
    const http = createInteractionServer({ publicKey: keys.publicKeyHex, respond, logger: createLogger('silent') });
    const port = await http.listen(0, '127.0.0.1');
    // fetch keeps its connection alive after this answer.
    expect((await signedRequest(`http://127.0.0.1:${port}`, keys.privateKey, ping)).status).toBe(200);
    const first = http.close(10_000);
    expect(http.close()).toBe(first);
    await first; // would take the keep-alive timeout (5 s) or the grace period if idle sockets were left open
    expect(http.server.listening).toBe(false);
  });
});

describe('signals', () => {
  it('closes on SIGTERM and exits 0; a second signal exits 1; the disposer removes the handlers', async () => {
    const target = new EventEmitter();
    const exit = vi.fn<(code: number) => void>();
    let finishClose!: () => void;
    const close = vi.fn(() => new Promise<void>((resolve) => (finishClose = resolve)));
    const dispose = installSignalHandlers(close, createLogger('silent'), { target, exit });
    expect(target.listenerCount('SIGTERM')).toBe(1);
    expect(target.listenerCount('SIGINT')).toBe(1);

    target.emit('SIGTERM', 'SIGTERM');
    expect(close).toHaveBeenCalledTimes(1);
    expect(exit).not.toHaveBeenCalled();
    finishClose();
    await delay(0);
    expect(exit).toHaveBeenCalledWith(0);

    target.emit('SIGINT', 'SIGINT');
    expect(close).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenLastCalledWith(1);

    dispose();
    expect(target.listenerCount('SIGTERM')).toBe(0);
    expect(target.listenerCount('SIGINT')).toBe(0);
  });

  it('exits 1 when closing fails', async () => {
    const target = new EventEmitter();
    const exit = vi.fn<(code: number) => void>();
    installSignalHandlers(() => Promise.reject(new Error('stuck')), createLogger('silent'), { target, exit });
    target.emit('SIGINT', 'SIGINT');
    await delay(0);
    expect(exit).toHaveBeenCalledWith(1);
  });
});

describe('signature primitives', () => {
  const key = parsePublicKey(keys.publicKeyHex);
  const body = Buffer.from('{"type":1}');
  const timestamp = unixTimestamp();
  const signature = signPayload(keys.privateKey, timestamp, body);

  it('verifies a good signature and refuses any change', () => {
    expect(verifySignature(key, signature, timestamp, body)).toBe(true);
    expect(verifySignature(key, signature.toUpperCase(), timestamp, body)).toBe(true);
    expect(verifySignature(key, signature, String(Number(timestamp) + 1), body)).toBe(false);
    expect(verifySignature(key, signature, timestamp, Buffer.from('{"type":2}'))).toBe(false);
    expect(verifySignature(parsePublicKey(otherKeys.publicKeyHex), signature, timestamp, body)).toBe(false);
  });

  it('never throws on malformed input', () => {
    const bad: unknown[] = ['', 'zz', 'a'.repeat(127), 'g'.repeat(128), `${signature}00`, undefined, 42];
    for (const candidate of bad) {
      expect(verifySignature(key, candidate as string, timestamp, body)).toBe(false);
    }
    expect(verifySignature(key, signature, undefined as unknown as string, body)).toBe(false);
    expect(verifySignature(key, signature, timestamp, 'not a buffer' as unknown as Buffer)).toBe(false);
  });

  it('rejects a malformed public key with a one-line message that does not echo it', () => {
    for (const candidate of ['', 'abc', 'x'.repeat(64), `${keys.publicKeyHex}00`]) {
      let message = '';
      try {
        parsePublicKey(candidate);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^invalid Discord public key: /);
      expect(message).not.toContain('\n');
      if (candidate.length > 3) expect(message).not.toContain(candidate);
    }
  });
});

describe('benchmark floor server', () => {
  it('answers PONG to a signed request and 401 to a forged one', async () => {
    const floor = await startFloorServer(keys.publicKeyHex);
    try {
      const floorBase = `http://127.0.0.1:${floor.port}`;
      const ok = await signedRequest(floorBase, keys.privateKey, ping);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe('{"type":1}');
      const forged = await signedRequest(floorBase, otherKeys.privateKey, ping);
      expect(forged.status).toBe(401);
    } finally {
      await floor.close();
    }
  });
});
