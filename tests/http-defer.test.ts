// A command that waits on the store or the network (/portfolio submit url:) over the
// HTTP endpoint: answered inline when it is done in time, else deferred privately at
// once and its answer sent as an edit of the deferral, through Discord's API.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.js';
import { createDispatcher } from '../src/bot/dispatch.js';
import type { CommandModule } from '../src/bot/types.js';
import { editOriginalOver } from '../src/cli/serve.js';
import { createHttpResponder } from '../src/http/respond.js';
import { createLogger, silentLogger } from '../src/log.js';
import type { ReplyPayload } from '../src/replies/index.js';
import { shippedPortfolio } from './helpers/bot.js';

const portfolio = await shippedPortfolio();

/** A command whose answer takes `ms`, like a submit whose url answers slowly. */
function slowCommand(ms: number): CommandModule {
  return {
    definition: { name: 'slow', description: 'answers late' },
    execute: () => ({ content: 'never used' }),
    run: () =>
      new Promise<ReplyPayload>((resolve) =>
        setTimeout(() => resolve({ content: 'Saved: 3 entries.', flags: MessageFlags.Ephemeral }), ms),
      ),
  };
}

function interaction() {
  return {
    id: '330000000000000001',
    application_id: '1100000000000000001',
    token: 'aW50ZXJhY3Rpb24tdG9rZW4',
    version: 1,
    type: 2,
    user: { id: '200000000000000001', username: 'asker' },
    data: { id: '1', name: 'slow', type: 1 },
  };
}

function dispatcherWith(ms: number) {
  return createDispatcher({ commands: [...COMMANDS, slowCommand(ms)], portfolio: () => portfolio, logger: silentLogger });
}

describe('a slow command over HTTP', () => {
  it('is deferred privately at once, and its answer edits the deferral when ready', async () => {
    const edits: [string, string, ReplyPayload][] = [];
    let edited: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (edited = resolve));
    const respond = createHttpResponder(dispatcherWith(300), {
      deferAfterMs: 50,
      editOriginal: async (...args) => {
        edits.push(args);
        edited();
      },
    });
    const started = performance.now();
    const first = await respond(interaction() as never);
    expect(performance.now() - started).toBeLessThan(250);
    expect(first).toEqual({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
    expect(edits).toEqual([]);
    await done;
    expect(edits).toEqual([
      ['1100000000000000001', 'aW50ZXJhY3Rpb24tdG9rZW4', { content: 'Saved: 3 entries.', allowed_mentions: { parse: [] } }],
    ]);
  });

  it('is answered inline when it is done in time', async () => {
    const respond = createHttpResponder(dispatcherWith(5), {
      deferAfterMs: 1000,
      editOriginal: () => Promise.reject(new Error('no edit')),
    });
    const first = await respond(interaction() as never);
    expect(first.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(JSON.stringify(first)).toContain('Saved: 3 entries.');
  });

  it("edits through Discord's API: PATCH of @original, the payload as JSON, failures logged without the token", async () => {
    const seen: { method: string | undefined; url: string | undefined; body: string }[] = [];
    let status = 200;
    const server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen.push({ method: request.method, url: request.url, body });
        response.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
    const lines: string[] = [];
    const edit = editOriginalOver(
      api,
      createLogger('warn', (line) => lines.push(line)),
    );
    await edit('1100000000000000001', 'tok/en?x', { content: 'Saved.' });
    status = 404;
    await edit('1100000000000000001', 'tok/en?x', { content: 'Saved.' });
    await new Promise((resolve) => server.close(resolve));
    await edit('1100000000000000001', 'tok/en?x', { content: 'Saved.' });
    expect(seen.map((request) => [request.method, request.url])).toEqual([
      ['PATCH', '/api/v10/webhooks/1100000000000000001/tok%2Fen%3Fx/messages/@original'],
      ['PATCH', '/api/v10/webhooks/1100000000000000001/tok%2Fen%3Fx/messages/@original'],
    ]);
    expect(JSON.parse(seen[0]!.body)).toEqual({ content: 'Saved.' });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('"status":404');
    expect(lines.join('\n')).toContain('a deferred answer could not be sent');
    expect(lines.join('\n')).not.toContain('tok');
  });
});
