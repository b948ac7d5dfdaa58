// `portfolio-bot preview`: a web page on loopback showing what Discord shows for
// the current profile. Another transport, like src/terminal/ and src/http/: it
// runs every input through the same dispatcher and renders the payloads it
// answers (./render.ts). The profile file is polled; each change is loaded
// again and the page told over server-sent events, and a profile that does not
// validate is shown as its problems (file:line:col), never as a stale card.
//
// It is a local tool that renders hostile input (a profile), so: it listens on
// 127.0.0.1 only and answers only requests addressed to that host (a DNS
// rebinding page can't reach it by another name); it takes JSON posts only from
// its own origin (no form on another site can post to it); bodies, connections
// and event streams are capped; every response forbids inline and remote script.
import { unwatchFile, watchFile } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { COMMANDS } from '../../commands/index.js';
import { createDispatcher } from '../bot/dispatch.js';
import { answerInput } from '../bot/input.js';
import { loadPortfolio } from '../bot/load.js';
import type { Invoker, Portfolio } from '../bot/types.js';
import type { Logger } from '../log.js';
import { helpExamples } from '../replies/cards/help.js';
import type { ReplyPayload } from '../replies/index.js';
import { PAGE_CSS, PAGE_SCRIPT, renderPage } from './page.js';
import { renderMessage, renderProblems } from './render.js';

export const PREVIEW_HOST = '127.0.0.1';
export const DEFAULT_PREVIEW_PORT = 5173;

/** Bounds on what the page may send and hold open. */
export const PREVIEW_LIMITS = { bodyBytes: 16 * 1024, connections: 64, eventStreams: 16, requestTimeoutMs: 5000 } as const;

/** Who presses the buttons: one person, with a snowflake id, so paging is theirs. */
const USER: Invoker = { id: '1', name: 'preview' };
const BOT_NAME = 'portfolio-bot';

export interface PreviewOptions {
  file: string;
  /** 0 picks a free port. */
  port: number;
  logger: Logger;
  /** How often the file is polled for changes, in ms. */
  pollMs?: number;
}

export interface PreviewServer {
  url: string;
  /** Loads the file again now (the poll does it on its own). */
  reload(): Promise<void>;
  close(): Promise<void>;
}

type State = { portfolio: Portfolio; problems?: undefined } | { portfolio?: Portfolio; problems: string[] };

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src https: http: data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
} as const;

export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const { file, logger } = options;
  let state: State = { problems: ['not loaded yet'] };
  let lastGood: Portfolio | undefined;
  const streams = new Set<ServerResponse>();
  const dispatcher = createDispatcher({ commands: COMMANDS, portfolio: () => lastGood!, logger, surface: 'discord' });

  let loading: Promise<void> | undefined;
  let again = false;
  async function load(): Promise<void> {
    const loaded = await loadPortfolio(file);
    const before = state;
    if (loaded.portfolio) {
      lastGood = loaded.portfolio;
      state = { portfolio: loaded.portfolio };
    } else state = { problems: loaded.problems };
    const changed = before.portfolio?.revision !== state.portfolio?.revision || String(before.problems) !== String(state.problems);
    if (changed) for (const stream of streams) stream.write(`event: profile\ndata: ${state.portfolio?.revision ?? 'invalid'}\n\n`);
  }
  /** One load at a time; a change during one loads once more after it. */
  function reload(): Promise<void> {
    if (loading) {
      again = true;
      return loading;
    }
    loading = load()
      .catch((error: unknown) => logger.error('preview: loading the profile failed', { error: String(error) }))
      .finally(() => {
        loading = undefined;
        if (again) {
          again = false;
          void reload();
        }
      });
    return loading;
  }
  await reload();

  const answerOrProblems = (build: (portfolio: Portfolio) => Record<string, unknown>) =>
    state.portfolio ? build(state.portfolio) : { problems: state.problems, problemsHtml: renderProblems(state.problems ?? []) };
  const message = (payload: ReplyPayload, invocation?: string) =>
    renderMessage(payload, { bot: BOT_NAME, ...(invocation ? { invocation } : {}) });

  function gallery(portfolio: Portfolio): string {
    const examples = helpExamples(portfolio.profile);
    return COMMANDS.map((module) => {
      const line = examples[module.definition.name] ?? `/${module.definition.name}`;
      return `<div class="gallery-item">${message(answerInput(line, dispatcher, USER), line)}</div>`;
    }).join('');
  }

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const port = (server.address() as AddressInfo).port;
    const origin = `http://${PREVIEW_HOST}:${port}`;
    // A request addressed to another name is a page elsewhere reaching in (DNS rebinding).
    if (request.headers.host !== `${PREVIEW_HOST}:${port}` && request.headers.host !== `localhost:${port}`) {
      return send(response, 421, 'text/plain', `the preview answers only at ${origin}\n`);
    }
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET') {
      switch (path) {
        case '/': {
          const page = renderPage({
            name: state.portfolio?.profile.identity.name ?? lastGood?.profile.identity.name ?? 'portfolio',
            file,
            pronoun: (state.portfolio ?? lastGood)?.profile.identity.pronoun ?? 'they',
            gallery: state.portfolio ? gallery(state.portfolio) : '',
            problems: state.problems ? renderProblems(state.problems) : '',
          });
          return send(response, 200, 'text/html; charset=utf-8', page);
        }
        case '/preview.css':
          return send(response, 200, 'text/css; charset=utf-8', PAGE_CSS);
        case '/preview.js':
          return send(response, 200, 'text/javascript; charset=utf-8', PAGE_SCRIPT);
        case '/api/state':
          return sendJson(response, 200, { revision: state.portfolio?.revision ?? null, problems: state.problems ?? null });
        case '/api/gallery':
          return sendJson(
            response,
            200,
            answerOrProblems((portfolio) => ({ html: gallery(portfolio) })),
          );
        case '/api/events':
          return openStream(response);
        default:
          return send(response, 404, 'text/plain', 'not found\n');
      }
    }
    if (request.method !== 'POST') return send(response, 405, 'text/plain', 'GET or POST only\n');
    if (path !== '/api/run' && path !== '/api/press') return send(response, 404, 'text/plain', 'not found\n');
    // Only the page itself posts: JSON (a cross-site form can't send it without asking), from its own origin.
    if (
      request.headers.origin !== undefined &&
      request.headers.origin !== origin &&
      request.headers.origin !== `http://localhost:${port}`
    ) {
      return sendJson(response, 403, { error: 'posts come only from the preview page itself' });
    }
    if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) {
      return sendJson(response, 415, { error: 'expected a JSON body (content-type: application/json)' });
    }
    const body = await readBody(request);
    if (body === 'too large') return sendJson(response, 413, { error: `a body may be at most ${PREVIEW_LIMITS.bodyBytes} bytes` });
    let input: unknown;
    try {
      input = JSON.parse(body);
    } catch {
      return sendJson(response, 400, { error: 'the body is not JSON' });
    }
    if (typeof input !== 'object' || input === null) return sendJson(response, 400, { error: 'expected a JSON object' });
    const fields = input as Record<string, unknown>;
    if (path === '/api/run') {
      if (typeof fields['question'] === 'string') {
        const question = fields['question'];
        return sendJson(
          response,
          200,
          answerOrProblems(() => ({ html: message(dispatcher.command('ask', { options: { question }, user: USER }), `/ask ${question}`) })),
        );
      }
      if (typeof fields['line'] !== 'string')
        return sendJson(response, 400, { error: 'expected {"line": "/projects"} or {"question": "…"}' });
      const line = fields['line'];
      return sendJson(
        response,
        200,
        answerOrProblems(() => ({ html: message(answerInput(line, dispatcher, USER), line) })),
      );
    }
    const { customId, values } = fields;
    if (typeof customId !== 'string' || !Array.isArray(values) || !values.every((value) => typeof value === 'string')) {
      return sendJson(response, 400, { error: 'expected {"customId": "…", "values": ["…"]}' });
    }
    return sendJson(
      response,
      200,
      answerOrProblems(() => {
        const result = dispatcher.component(customId, values as string[], USER);
        return { type: result.type, html: message(result.payload) };
      }),
    );
  };

  function openStream(response: ServerResponse): void {
    if (streams.size >= PREVIEW_LIMITS.eventStreams) return send(response, 503, 'text/plain', 'too many preview pages open\n');
    response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
    response.write(': connected\n\n');
    streams.add(response);
    response.on('close', () => streams.delete(response));
  }

  const server = createServer(
    { headersTimeout: PREVIEW_LIMITS.requestTimeoutMs, requestTimeout: PREVIEW_LIMITS.requestTimeoutMs },
    (request, response) => {
      handle(request, response).catch((error: unknown) => {
        logger.error('preview: request failed', { error: String(error) });
        if (!response.headersSent) sendJson(response, 500, { error: 'the preview failed on that request; see its log' });
        else response.end();
      });
    },
  );
  server.maxConnections = PREVIEW_LIMITS.connections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, PREVIEW_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const onChange = () => void reload();
  watchFile(file, { interval: options.pollMs ?? 250, persistent: false }, onChange);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${PREVIEW_HOST}:${port}/`,
    reload,
    close: async () => {
      unwatchFile(file, onChange);
      for (const stream of streams) stream.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

/** The body as text, or 'too large' once it passes the cap (from its content-length or as it streams). */
function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(request.headers['content-length'] ?? 0) > PREVIEW_LIMITS.bodyBytes) {
      request.resume();
      return resolve('too large');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > PREVIEW_LIMITS.bodyBytes) {
        request.removeAllListeners('data');
        request.resume();
        resolve('too large');
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
