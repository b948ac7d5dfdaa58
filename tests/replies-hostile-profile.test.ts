// Hostile profile text (issue #15, points 4 and 6; issue #12, point 4): a
// profile is written with the text in it, loaded by the real loader, and the
// commands that show that text are run through the dispatcher; every assertion
// is on the exact reply field that shows it.
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIEmbed } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { input } from './helpers/bot.js';
import { EMAIL, hostileDispatcher, writeHostileProfile, type HostileText } from './helpers/hostile-profile.js';
import { REPO_ROOT } from '../src/paths.js';
import { answerInput } from '../src/bot/input.js';
import type { ReplyPayload } from '../src/replies/index.js';
import { checkReply } from './fake-discord/limits.js';

const HEADLINE = '**Engineer**\n\n';

function embedOf(payload: ReplyPayload): APIEmbed {
  expect(checkReply(payload)).toEqual([]);
  expect(payload.embeds, JSON.stringify(payload)).toHaveLength(1);
  return payload.embeds?.[0] as APIEmbed;
}

/** The /about card of a profile whose summary and background topic hold `text`. */
async function about(text: string): Promise<{ description: string | undefined; background: string | undefined }> {
  const dispatcher = await hostileDispatcher({ summary: text, background: text });
  const embed = embedOf(dispatcher.command('about', input()));
  return { description: embed.description, background: embed.fields?.find((field) => field.name === 'Background')?.value };
}

async function projectCard(text: HostileText): Promise<APIEmbed> {
  const dispatcher = await hostileDispatcher(text);
  return embedOf(dispatcher.command('project', input({ name: 'alpha' })));
}

const digitsIn = (zero: number, digits: string): string => digits.replace(/\d/g, (d) => String.fromCodePoint(zero + Number(d)));

describe('the private phone number, in the spellings of issue #15.4', () => {
  const SPELLINGS: [string, string][] = [
    ['slashes', '98799/90466'],
    ['underscores', '98_799_904_66'],
    ['stars', '9*8*7*9*9*9*0*4*6*6'],
    ['commas', '98,799,904,66'],
    ['colons', '+91:98799:90466'],
    ['fullwidth digits', `＋${digitsIn(0xff10, '91 98799 90466')}`],
    ['Arabic-Indic digits', digitsIn(0x660, '98799 90466')],
    ['a zero-width non-joiner inside', '98799\u200C90466'],
    ['a word joiner inside', '+91\u206098799\u206090466'],
    ['mixed separators', '+91/98799_904*66'],
    ['mathematical digits', digitsIn(0x1d7ce, '9879990466')],
    ['Devanagari digits, country code and trunk 0', `+${digitsIn(0x966, '91 (0) 98799 90466')}`],
    // Already hidden before, kept hidden:
    ['spaces', '+91 98799 90466'],
    ['a non-breaking space', '98799\u00A090466'],
    ['0091', '0091 98799 90466'],
    ['no country code', '9879990466'],
  ];

  it.each(SPELLINGS)('%s: "[private]" in the /about description and field', async (_label, spelling) => {
    const shown = await about(`Call me on ${spelling} any day.`);
    expect(shown.description).toBe(`${HEADLINE}Call me on [private] any day.`);
    expect(shown.background).toBe('Call me on [private] any day.');
  });

  it('hides it in a title too (the /project card of a project named with it)', async () => {
    const embed = await projectCard({ projectName: `Alpha ${digitsIn(0xff10, '98799')}/${digitsIn(0x660, '90466')}` });
    expect(embed.title).toBe('Alpha [private]');
  });

  it('leaves years, scores and other numbers alone', async () => {
    const text = 'In 2019 I scored 0.963 (top 3% of 2,000 teams), ranked 98 of 799; id 990466, and 9879-99 is a range.';
    const shown = await about(text);
    expect(shown.description).toBe(`${HEADLINE}${text}`);
    expect(shown.background).toBe(text);
    const arabic = `سنة ${digitsIn(0x660, '2019')}: ${digitsIn(0x660, '0.963')}`;
    expect((await about(arabic)).background).toBe(arabic);
  });
});

describe('hostile profile text (issue #15.6)', () => {
  it('breaks @everyone, @here and role and user mentions with a zero-width space after "@" or "<"', async () => {
    const shown = await about('Hi @everyone and @here, ask <@&123456789012345678> or <@123456789012345678>.');
    const broken = 'Hi @\u200Beveryone and @\u200Bhere, ask <\u200B@&123456789012345678> or <\u200B@123456789012345678>.';
    expect(shown.description).toBe(`${HEADLINE}${broken}`);
    expect(shown.background).toBe(broken);
  });

  it('does not let a removed invisible character join a mention back together', async () => {
    expect((await about('Hi @every\u200Bone and @\u2060here')).background).toBe('Hi @\u200Beveryone and @\u200Bhere');
  });

  it('shows a masked link whose text is another url as plain text with its real target', async () => {
    const shown = await about('My code: [https://github.com/ada](https://evil.example/phish).');
    expect(shown.background).toBe('My code: https://github.com/ada (https://evil.example/phish).');
    expect(shown.description).toBe(`${HEADLINE}My code: https://github.com/ada (https://evil.example/phish).`);
  });

  it('does the same for a domain, a look-alike domain and a target with user info', async () => {
    expect((await about('See [github.com/ada](https://evil.example/ada).')).background).toBe(
      'See github.com/ada (https://evil.example/ada).',
    );
    expect((await about('See [github.com](https://gіthub.com/ada).')).background).toBe('See github.com (https://gіthub.com/ada).');
    expect((await about('See [GitHub.com](https://github.com@evil.example/x).')).background).toBe(
      'See GitHub.com (https://github.com@evil.example/x).',
    );
  });

  it('keeps a masked link whose text names its own site, or no site at all', async () => {
    const text =
      'See [github.com/ada](https://github.com/ada), [my blog](https://ada.example.org/blog) and [www.github.com](https://gist.github.com/ada).';
    expect((await about(text)).background).toBe(text);
  });

  it('strips bidi controls and zero-width characters from a title, keeping a ZWJ inside an emoji', async () => {
    const embed = await projectCard({
      projectName: '\u202EAlpha\u202C \u2066tool\u2069\u200B\u200E\u200F\u061C\uFEFF\u2060\u200C\u200D 👩\u200D💻',
    });
    expect(embed.title).toBe('Alpha tool 👩\u200D💻');
  });

  it('strips them from descriptions and field values', async () => {
    const text = 'Builds \u202Etxt.exe\u202C things\u200B\u2067.';
    const shown = await about(text);
    expect(shown.description).toBe(`${HEADLINE}Builds txt.exe things.`);
    expect(shown.background).toBe('Builds txt.exe things.');
  });
});

describe('links that work in Discord (issue #12.4)', () => {
  it('/contact shows the e-mail address as plain text, not a mailto masked link', async () => {
    const dispatcher = await hostileDispatcher({});
    const embed = embedOf(dispatcher.command('contact', input()));
    expect(embed.description).toBe(`🐙 **GitHub**: [github.com/ada](https://github.com/ada)\n✉️ **E-mail**: ${EMAIL}`);
  });

  it('asked for the e-mail, the answer and its card show the address plainly', async () => {
    const dispatcher = await hostileDispatcher({});
    const payload = answerInput('what is her email?', dispatcher, { id: '1', name: 'asker' });
    expect(payload.content).toBe(`Her e-mail: ${EMAIL}`);
    expect(JSON.stringify(payload)).not.toContain('](mailto:');
    expect(payload.embeds?.[0]?.description).toContain(`✉️ **E-mail**: ${EMAIL}`);
  });

  it('a masked link to mailto:, tel: or a relative path in profile text becomes plain text', async () => {
    const shown = await about('Write [to me](mailto:ada@example.org), [ada@example.org](mailto:ada@example.org) or see [the CV](/cv.pdf).');
    expect(shown.background).toBe('Write to me (ada@example.org), ada@example.org or see the CV (/cv.pdf).');
    expect((await about('Or [call](tel:+919879990466).')).background).toBe('Or call (tel:[private]).');
  });
});

describe('through `portfolio-bot ask --json` (the real entry point, dist/)', () => {
  function ask(profile: string, line: string): Promise<{ code: number | null; stdout: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'portfolio-bot.js'), 'ask', line, '--json'], {
        cwd: tmpdir(),
        env: { ...process.env, DISCORD_TOKEN: '', PROFILE_PATH: profile, LOG_LEVEL: 'error' },
      });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout }));
    });
  }

  it('/about on a profile holding every kind of hostile text', async () => {
    const profile = writeHostileProfile({
      summary:
        `Ring ${digitsIn(0x660, '98799')}\u200C${digitsIn(0xff10, '90466')}, @everyone! ` +
        `[https://github.com/ada](https://evil.example/phish) \u202Eok`,
    });
    const { code, stdout } = await ask(profile, '/about');
    expect(code).toBe(0);
    const payload = JSON.parse(stdout) as ReplyPayload;
    expect(payload.embeds?.[0]?.description).toBe(
      `${HEADLINE}Ring [private], @\u200Beveryone! https://github.com/ada (https://evil.example/phish) ok`,
    );
  });
});
