// Files on replies (a member's export): fitReply lets them through only on a private reply, with a
// plain name and within Discord's upload cap; the gateway sends them as multipart parts listed in
// data.attachments; the HTTP endpoint, which answers with JSON, shows a small one inline instead.
import { InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { callbackRequest, contentTypeOf, inlineFiles, replyCallback } from '../src/bot/callback.js';
import { fitReply, LIMITS, type ReplyPayload } from '../src/replies/index.js';

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
