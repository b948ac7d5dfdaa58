// The HTTP interactions endpoint: Discord POSTs signed interactions to
// `/interactions`, and the answer goes back inline in the HTTP response.
// This module is transport only: it checks signatures, limits and shapes, and
// hands every real interaction to an injected `respond` function.
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { InteractionResponseType, InteractionType, type APIInteraction, type APIInteractionResponse } from 'discord-api-types/v10';
import type { LogFields, Logger } from '../log.js';
import { newRef } from '../bot/ref.js';
import { createReclaimer, DEFAULT_RECLAIM, type ReclaimOptions } from './reclaim.js';
import { createReplayGuard, DEFAULT_MAX_REMEMBERED_IDS } from './replay.js';
import { checkInteraction } from './shape.js';
import { decodeSignature, parsePublicKey, verifySignedBytes } from './signature.js';

export type InteractionResponder = (interaction: APIInteraction) => Promise<APIInteractionResponse> | APIInteractionResponse;

export interface HttpServerOptions {
  /** The application's public key, 64 hex characters (DISCORD_PUBLIC_KEY). */
  publicKey: string;
  /** Answers commands (type 4), autocomplete (type 8) and components (type 7 or 4). */
  respond: InteractionResponder;
  logger: Logger;
  /** Largest accepted request body; default DEFAULT_MAX_BODY_BYTES (64 KiB). */
  maxBodyBytes?: number;
  /** Largest accepted distance between X-Signature-Timestamp and now; default 300. */
  maxSkewSeconds?: number;
  /** Open connections at once; more are closed as they arrive. Default DEFAULT_MAX_CONNECTIONS. */
  maxConnections?: number;
  /**
   * Requests receiving their body at once; default DEFAULT_MAX_RECEIVING. One
   * more closes the connection of the oldest still receiving.
   */
  maxReceiving?: number;
  /** Time a client has to send a whole request, headers included; default DEFAULT_REQUEST_TIMEOUT_MS. */
  requestTimeoutMs?: number;
  /** Interaction ids remembered to refuse replays; default DEFAULT_MAX_REMEMBERED_IDS. */
  maxRememberedIds?: number;
  /** When to ask V8 for a collection after connections end unanswered (./reclaim.ts); false: never. */
  reclaim?: ReclaimOptions | false;
  /** Wall clock in epoch milliseconds (Date.now), replaceable in tests. */
  now?: () => number;
}

export interface InteractionServer {
  server: Server;
  /** Starts listening; resolves with the bound port (useful with port 0). */
  listen(port: number, host?: string): Promise<number>;
  /**
   * Stops accepting connections, lets requests in flight finish for up to
   * `graceMs` (default 5000), then drops whatever is left. Idempotent.
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * Every byte of a body is kept until the signature can be checked, so this is
 * what one forged request can hold. Discord's interactions are far smaller:
 * the largest is a component press, which carries the bot's own message, and
 * that message is fitted to Discord's limits (6000 characters of embed text,
 * 25 link buttons of at most 512 characters). docs/security.md has the sums.
 */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
export const DEFAULT_MAX_SKEW_SECONDS = 300;
export const DEFAULT_CLOSE_GRACE_MS = 5000;
/**
 * Discord needs few connections at once: an answer is due within 3 s and takes
 * milliseconds. Each connection admitted costs what Node reads from it before
 * anything can be refused (up to a 64 KiB read); one beyond the bound is
 * closed as it arrives, having cost nothing.
 */
export const DEFAULT_MAX_CONNECTIONS = 128;
/**
 * A request receiving its body holds up to DEFAULT_MAX_BODY_BYTES until its
 * signature can be checked: this bounds how many do at once. The oldest goes
 * first, so stalled senders make room for Discord, whose requests arrive whole.
 */
export const DEFAULT_MAX_RECEIVING = 32;
/**
 * Discord (or a proxy that buffers the request, as nginx does by default)
 * sends a whole request at once; a client still sending after this is not
 * Discord, and its connection goes.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 5000;
/** The first buffer a body is copied into is at most this; it doubles as more arrives. */
const FIRST_BUFFER_BYTES = 16 * 1024;
/** How often Node looks for connections past their deadline (its default checks every 30 s). */
const CONNECTIONS_CHECKING_INTERVAL_MS = 500;

/** The interaction types handed to `respond` (a PING is answered here). */
const ANSWERED_TYPES: ReadonlySet<unknown> = new Set([
  InteractionType.ApplicationCommand,
  InteractionType.MessageComponent,
  InteractionType.ApplicationCommandAutocomplete,
  InteractionType.ModalSubmit,
]);

const INTERACTIONS_PATH = '/interactions';
const HEALTH_PATH = '/healthz';
const JSON_TYPE = 'application/json';
/** Discord sends the timestamp as Unix seconds; digits only also makes its byte length its length. */
const TIMESTAMP = /^\d{1,15}$/;

// Bodies that never change are encoded once.
const PONG = Buffer.from(JSON.stringify({ type: InteractionResponseType.Pong }));
const errorBody = (message: string) => Buffer.from(JSON.stringify({ error: message }));
const UNAUTHORIZED = errorBody('invalid request signature');
const TOO_LARGE = errorBody('request body too large');
const MALFORMED_JSON = errorBody('malformed JSON');
const BAD_SHAPE = errorBody('expected an interaction object');
const UNKNOWN_TYPE = errorBody('unknown interaction type');
const REPLAYED = errorBody('interaction already received');
const NOT_FOUND = errorBody('not found');
const METHOD_NOT_ALLOWED = errorBody('method not allowed');
const SHUTTING_DOWN = Buffer.from(JSON.stringify({ status: 'shutting down' }));
// Public: anyone who can reach the endpoint can ask. It says whether the
// process answers and nothing else (no uptime, which dates restarts, and no
// profile revision, a hash of a file that holds private values).
const HEALTHY = Buffer.from(JSON.stringify({ status: 'ok' }));

/** What the request log line says about one request; filled in as the request is understood. */
interface Exchange {
  readonly method: string;
  readonly path: string;
  readonly started: number;
  interactionType?: number;
  command?: string;
  ref?: string;
  /** What went wrong: an Error (logged with its stack) or a short reason (logged as it is). */
  error?: unknown;
  /** Close the connection after the answer (a body was left unread). */
  closeConnection?: boolean;
}

function ignore(): void {}

function isPromiseLike<T>(value: PromiseLike<T> | T): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function pathOf(url: string | undefined): string {
  if (url === undefined) return '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

export function createInteractionServer(options: HttpServerOptions): InteractionServer {
  const key = parsePublicKey(options.publicKey);
  const { respond, logger } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxSkewMs = (options.maxSkewSeconds ?? DEFAULT_MAX_SKEW_SECONDS) * 1000;
  const now = options.now ?? Date.now;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const replays = createReplayGuard(options.maxRememberedIds ?? DEFAULT_MAX_REMEMBERED_IDS);
  const maxReceiving = options.maxReceiving ?? DEFAULT_MAX_RECEIVING;
  const reclaimer = options.reclaim === false ? undefined : createReclaimer(options.reclaim ?? DEFAULT_RECLAIM);
  /** Connections that got at least one answer below 400: they were worth what they cost. */
  const answered = new WeakSet<Socket>();
  /** Requests reading their body, oldest first. */
  const receiving = new Set<IncomingMessage>();

  let closing = false;
  let closed: Promise<void> | undefined;

  function logExchange(exchange: Exchange, status: number, aborted: boolean): void {
    const fields: LogFields = {
      method: exchange.method,
      path: exchange.path,
      status,
      ms: Math.round((performance.now() - exchange.started) * 100) / 100,
    };
    if (exchange.interactionType !== undefined) fields['interactionType'] = exchange.interactionType;
    if (exchange.command !== undefined) fields['command'] = exchange.command;
    if (aborted) fields['aborted'] = true;
    if (exchange.ref !== undefined) fields['ref'] = exchange.ref;
    if (exchange.error !== undefined) {
      const error = exchange.error;
      fields['error'] = error instanceof Error ? error.message : String(error);
      if (error instanceof Error && error.stack !== undefined) fields['stack'] = error.stack;
    }
    if (status >= 500) logger.error('http request', fields);
    else logger.info('http request', fields);
  }

  /** Sends a JSON answer and writes the request's one log line. The connection is no longer being answered. */
  function send(res: ServerResponse, exchange: Exchange, status: number, body: Buffer | string, extraHeaders?: OutgoingHttpHeaders): void {
    if (res.headersSent || res.destroyed) {
      // The client went away (or an answer already left): nothing to send.
      logExchange(exchange, status, true);
      return;
    }
    const headers: OutgoingHttpHeaders = {
      'content-type': JSON_TYPE,
      'content-length': typeof body === 'string' ? Buffer.byteLength(body) : body.length,
      ...extraHeaders,
    };
    // While shutting down, no connection is kept alive for another request.
    if (closing || exchange.closeConnection === true) headers['connection'] = 'close';
    res.writeHead(status, headers);
    res.end(body);
    if (status < 400 && res.socket) answered.add(res.socket);
    logExchange(exchange, status, false);
  }

  function fail(res: ServerResponse, exchange: Exchange, error: unknown): void {
    exchange.ref = newRef();
    exchange.error = error;
    send(res, exchange, 500, JSON.stringify({ error: 'internal error', ref: exchange.ref }));
  }

  /**
   * Answers 413 without reading the rest of the body: reading is paused, and
   * the response says `Connection: close`, so Node ends and destroys the
   * socket as soon as the answer is flushed (draining at most what is already
   * in flight), whatever Content-Length promised.
   */
  function tooLarge(req: IncomingMessage, res: ServerResponse, exchange: Exchange): void {
    exchange.closeConnection = true;
    req.pause();
    send(res, exchange, 413, TOO_LARGE);
  }

  function isFresh(timestamp: string): boolean {
    if (!TIMESTAMP.test(timestamp)) return false;
    return Math.abs(now() - Number(timestamp) * 1000) <= maxSkewMs;
  }

  function handleInteraction(req: IncomingMessage, res: ServerResponse, exchange: Exchange): void {
    const lengthHeader = req.headers['content-length'];
    // Node's parser has already rejected a malformed Content-Length.
    const announced = lengthHeader === undefined ? undefined : Number(lengthHeader);
    if (announced !== undefined && announced > maxBodyBytes) {
      tooLarge(req, res, exchange);
      return;
    }

    const signatureHeader = req.headers['x-signature-ed25519'];
    const timestampHeader = req.headers['x-signature-timestamp'];
    const timestamp = typeof timestampHeader === 'string' ? timestampHeader : '';
    const signature = typeof signatureHeader === 'string' && isFresh(timestamp) ? decodeSignature(signatureHeader) : null;

    // A request whose headers already fail is still read (so the connection
    // stays usable), but its bytes are only counted, never kept. Otherwise
    // they are copied behind the timestamp into one buffer of our own:
    // together, exactly the bytes the signature covers. Copying lets each
    // chunk go at once (a body sent a few bytes per packet would otherwise
    // keep one small Buffer, and its overhead, per packet), and memory grows
    // with what arrives, not with what Content-Length announces.
    const offset = timestamp.length;
    let signed: Buffer | undefined;
    let received = 0;

    // Sized for what Content-Length announces up to FIRST_BUFFER_BYTES (a real
    // interaction, in one allocation), then doubled as bytes arrive: a client
    // that announces the cap and sends a byte holds a small buffer, not the cap.
    const keep = (chunk: Buffer): void => {
      const needed = offset + received + chunk.length;
      if (signed === undefined || signed.length < needed) {
        const first = offset + Math.min(announced ?? FIRST_BUFFER_BYTES, FIRST_BUFFER_BYTES);
        const size = Math.min(offset + maxBodyBytes, Math.max(needed, signed === undefined ? first : 2 * signed.length));
        const grown = Buffer.allocUnsafeSlow(size);
        if (signed === undefined) grown.write(timestamp, 0, 'latin1');
        else signed.copy(grown, 0, 0, offset + received);
        signed = grown;
      }
      chunk.copy(signed, offset + received);
    };

    const onData = (chunk: Buffer): void => {
      if (received + chunk.length > maxBodyBytes) {
        req.off('data', onData);
        req.off('end', onEnd);
        receiving.delete(req);
        signed = undefined;
        tooLarge(req, res, exchange);
        return;
      }
      if (signature !== null) keep(chunk);
      received += chunk.length;
    };

    const onEnd = (): void => {
      receiving.delete(req);
      if (signature === null) {
        send(res, exchange, 401, UNAUTHORIZED);
        return;
      }
      const bytes = signed === undefined ? Buffer.from(timestamp, 'latin1') : signed.subarray(0, offset + received);
      signed = undefined;
      if (!verifySignedBytes(key, signature, bytes)) {
        send(res, exchange, 401, UNAUTHORIZED);
        return;
      }
      dispatch(res, exchange, bytes.toString('utf8', offset), Number(timestamp) * 1000);
    };

    receiving.add(req);
    if (receiving.size > maxReceiving) {
      // The oldest request still sending its body goes: a stalled sender, not Discord.
      const oldest = receiving.values().next().value as IncomingMessage;
      receiving.delete(oldest);
      oldest.socket.destroy();
    }
    req.on('data', onData);
    req.on('end', onEnd);
    // A client that disconnects mid-body: log it once (status 0), and keep
    // the request's 'error' event from becoming an uncaught exception.
    req.on('close', () => {
      receiving.delete(req);
      if (!req.complete && !res.headersSent) logExchange(exchange, 0, true);
    });
    req.on('error', ignore);
  }

  function refuse(res: ServerResponse, exchange: Exchange, status: number, reason: string, body: Buffer): void {
    exchange.error = reason;
    send(res, exchange, status, body);
  }

  function dispatch(res: ServerResponse, exchange: Exchange, text: string, signedAtMs: number): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      send(res, exchange, 400, MALFORMED_JSON);
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      send(res, exchange, 400, BAD_SHAPE);
      return;
    }
    const type = (parsed as { type?: unknown }).type;
    if (typeof type === 'number') exchange.interactionType = type;

    if (type === InteractionType.Ping) {
      send(res, exchange, 200, PONG);
      return;
    }
    if (!ANSWERED_TYPES.has(type)) {
      send(res, exchange, 400, UNKNOWN_TYPE);
      return;
    }
    const interaction = parsed as Record<string, unknown>;
    const problem = checkInteraction(interaction);
    if (problem !== null) {
      refuse(res, exchange, 400, problem, errorBody(`malformed interaction: ${problem}`));
      return;
    }
    if (type === InteractionType.ApplicationCommand || type === InteractionType.ApplicationCommandAutocomplete)
      exchange.command = (interaction['data'] as { name: string }).name;
    // The id was seen within the window its signature is valid for: a copy.
    if (!replays.firstTime(interaction['id'] as string, signedAtMs + maxSkewMs, now())) {
      refuse(res, exchange, 409, 'replayed interaction', REPLAYED);
      return;
    }

    const answer = (response: APIInteractionResponse): void => {
      let body: string | undefined;
      try {
        body = JSON.stringify(response) as string | undefined;
      } catch (error) {
        fail(res, exchange, error);
        return;
      }
      if (body === undefined) fail(res, exchange, new Error('the responder returned no response'));
      else send(res, exchange, 200, body);
    };

    let result: PromiseLike<APIInteractionResponse> | APIInteractionResponse;
    try {
      result = respond(parsed as APIInteraction);
    } catch (error) {
      fail(res, exchange, error);
      return;
    }
    if (isPromiseLike(result)) result.then(answer, (error: unknown) => fail(res, exchange, error));
    else answer(result);
  }

  function handleHealth(res: ServerResponse, exchange: Exchange): void {
    if (closing) {
      send(res, exchange, 503, SHUTTING_DOWN);
      return;
    }
    send(res, exchange, 200, HEALTHY);
  }

  function handleRequest(req: IncomingMessage, res: ServerResponse): void {
    const method = req.method ?? 'GET';
    const exchange: Exchange = { method, path: pathOf(req.url), started: performance.now() };
    try {
      switch (exchange.path) {
        case INTERACTIONS_PATH:
          if (method === 'POST') handleInteraction(req, res, exchange);
          else send(res, exchange, 405, METHOD_NOT_ALLOWED, { allow: 'POST' });
          return;
        case HEALTH_PATH:
          if (method === 'GET' || method === 'HEAD') handleHealth(res, exchange);
          else send(res, exchange, 405, METHOD_NOT_ALLOWED, { allow: 'GET, HEAD' });
          return;
        default:
          send(res, exchange, 404, NOT_FOUND);
      }
    } catch (error) {
      fail(res, exchange, error);
    }
  }

  const server = createServer(
    {
      headersTimeout: requestTimeoutMs,
      requestTimeout: requestTimeoutMs,
      connectionsCheckingInterval: Math.min(CONNECTIONS_CHECKING_INTERVAL_MS, requestTimeoutMs),
    },
    handleRequest,
  );
  server.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  if (reclaimer) {
    server.on('connection', (socket: Socket) => {
      socket.once('close', () => {
        if (!answered.has(socket)) reclaimer.wasted();
      });
    });
  }

  function listen(port: number, host?: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => {
        server.off('listening', onListening);
        reject(error);
      };
      const onListening = (): void => {
        server.off('error', onError);
        const address = server.address();
        const bound = typeof address === 'object' && address !== null ? address.port : port;
        logger.info('http server listening', { port: bound, ...(host === undefined ? {} : { host }) });
        resolve(bound);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      if (host === undefined) server.listen(port);
      else server.listen(port, host);
    });
  }

  function close(graceMs: number = DEFAULT_CLOSE_GRACE_MS): Promise<void> {
    if (closed !== undefined) return closed;
    closing = true;
    reclaimer?.stop();
    closed = new Promise<void>((resolve) => {
      if (!server.listening) {
        server.closeAllConnections();
        resolve();
        return;
      }
      logger.info('http server closing', { graceMs });
      // A response that was already on its way when closing began leaves a
      // keep-alive socket behind; sweep those until the last one is gone.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const deadline = setTimeout(() => {
        logger.warn('http server grace period over, dropping connections', { graceMs });
        server.closeAllConnections();
      }, graceMs);
      server.close(() => {
        clearInterval(sweep);
        clearTimeout(deadline);
        logger.info('http server closed');
        resolve();
      });
      server.closeIdleConnections();
    });
    return closed;
  }

  return { server, listen, close };
}
