// Files on replies (a member's export): fitReply lets them through only on a private reply, with a
// plain name and within Discord's upload cap; the gateway sends them as multipart parts listed in
// data.attachments (also on the edit that follows a deferral); the HTTP endpoint, which answers with
// JSON, shows a small one inline instead.
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { Events } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { callbackRequest, contentTypeOf, inlineFiles, replyCallback } from '../src/bot/callback.js';
import { createDispatcher } from '../src/bot/dispatch.js';
import type { CommandModule } from '../src/bot/types.js';
import { createGatewayBot, type GatewayBot } from '../src/discord/client.js';
import { silentLogger } from '../src/log.js';
import { fitReply, LIMITS, type ReplyPayload } from '../src/replies/index.js';
import { startFakeDiscord, type FakeDiscord } from './fake-discord/index.js';
import { shippedPortfolio } from './helpers/profile.js';

const PRIVATE = MessageFlags.Ephemeral;
const file = { name: 'profile.yaml', text: 'version: 1\nname: Sam\n' };

describe('fitReply and files', () => {
  it('keeps the files of a private reply as they are, unredacted (they are the asker’s own)', () => {
    const secret = { name: 'profile.yaml', text: 'phone: "+44 7700 900123"\n' };
    const fitted = fitReply({ content: 'here', files: [secret], flags: PRIVATE }, { redact: ['+44 7700 900123'] });
    expect(fitted.files).toEqual([secret]);
  });

  it('drops the files of a public reply, and files with a path, an odd name, or over the upload cap', () => {
    expect(fitReply({ content: 'here', files: [file] }).files).toBeUndefined();
    const bad: ReplyPayload['files'] = [
      { name: '../etc/passwd', text: 'x' },
      { name: '.hidden', text: 'x' },
      { name: 'a b.yaml', text: 'x' },
      { name: `${'n'.repeat(LIMITS.fileName)}.yaml`, text: 'x' },
      { name: 'huge.yaml', text: 'x'.repeat(LIMITS.fileBytes + 1) },
    ];
    expect(fitReply({ content: 'here', files: bad, flags: PRIVATE }).files).toBeUndefined();
    const many = Array.from({ length: LIMITS.files + 2 }, (_, i) => ({ name: `f${i}.txt`, text: 'x' }));
    expect(fitReply({ content: 'here', files: many, flags: PRIVATE }).files).toHaveLength(LIMITS.files);
  });
});

describe('files on the way out', () => {
  it('the gateway sends them as parts, listed by index in data.attachments, the JSON without their text', () => {
    const payload = fitReply({ content: 'here', files: [file, { name: 'resume.json', text: '{}' }], flags: PRIVATE });
    const { body, files } = callbackRequest(replyCallback(payload));
    expect(body).toEqual({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: {
        content: 'here',
        flags: PRIVATE,
        allowed_mentions: { parse: [] },
        attachments: [
          { id: 0, filename: 'profile.yaml' },
          { id: 1, filename: 'resume.json' },
        ],
      },
    });
    expect(files).toEqual([
      { name: 'profile.yaml', data: Buffer.from(file.text), contentType: 'application/yaml; charset=utf-8' },
      { name: 'resume.json', data: Buffer.from('{}'), contentType: 'application/json; charset=utf-8' },
    ]);
    const plain = replyCallback(fitReply({ content: 'no files' }));
    expect(callbackRequest(plain)).toEqual({ body: plain, files: [] });
    expect(contentTypeOf('notes.txt')).toBe('text/plain; charset=utf-8');
  });

  it('the HTTP endpoint shows a small file in a code block, and says so when it cannot', () => {
    expect(inlineFiles({ content: 'Your portfolio:', files: [file], flags: PRIVATE })).toEqual({
      content: `Your portfolio:\n\`\`\`yaml\n${file.text}\n\`\`\``,
      flags: PRIVATE,
    });
    const fenced = { name: 'profile.yaml', text: 'a: "```"' };
    expect(inlineFiles({ content: 'Your portfolio:', files: [fenced] }).content).toBe(
      'Your portfolio:\n(profile.yaml is too long to show here, and this bot cannot attach files to this answer.)',
    );
    const long = { name: 'resume.json', text: 'x'.repeat(1900) };
    expect(inlineFiles({ content: 'Yours:', files: [long] }).content).toBe(
      'Yours:\n(resume.json is too long to show here, and this bot cannot attach files to this answer.)',
    );
  });
});

describe('a file on a deferred answer, through the real discord.js client', () => {
  let discord: FakeDiscord | undefined;
  let gateway: GatewayBot | undefined;
  afterEach(async () => {
    await gateway?.stop(0);
    await discord?.close();
  });

  it('edits the private deferral with the answer and its file (multipart PATCH of @original)', async () => {
    const text = 'version: 1\nname: Slow\n';
    // A command whose answer (a file, as /portfolio export makes) takes longer than the bot waits before deferring.
    const slow: CommandModule = {
      definition: { name: 'slow', description: 'A slow export' },
      execute: () => ({ content: 'not this' }),
      run: async () => {
        await sleep(1700);
        return { content: 'Here it is.', files: [{ name: 'profile.yaml', text }], flags: MessageFlags.Ephemeral };
      },
    };
    const shipped = await shippedPortfolio();
    const dispatcher = createDispatcher({ commands: [slow], portfolio: () => shipped, logger: silentLogger });
    discord = await startFakeDiscord();
    gateway = createGatewayBot({ token: discord.token, apiUrl: discord.apiUrl, dispatcher, logger: silentLogger });
    const ready = once(gateway.client, Events.ClientReady);
    await gateway.start();
    await ready;

    const interaction = discord.sendCommand({ name: 'slow' });
    const edit = await interaction.waitForEdit({ timeoutMs: 10_000 });
    expect(interaction.responses).toEqual([
      { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } },
    ]);
    expect(edit).toEqual({ content: 'Here it is.', allowed_mentions: { parse: [] }, attachments: [{ id: 0, filename: 'profile.yaml' }] });
    expect(interaction.files.map((file) => [file.filename, file.bytes.toString('utf8')])).toEqual([['profile.yaml', text]]);
    expect(interaction.original?.flags).toBe(MessageFlags.Ephemeral);
    expect(interaction.original?.attachments.map((attachment) => attachment.filename)).toEqual(['profile.yaml']);
    expect(discord.rejections).toEqual([]);
  });
});
