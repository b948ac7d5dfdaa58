// Every reply passes through fitReply: each Discord limit is proven here on a
// payload, and a seeded fuzz loop shows that nothing gets through unfitted.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ButtonStyle, ComponentType, MessageFlags, type APIEmbed, type APIStringSelectComponent } from 'discord-api-types/v10';
import {
  cleanUserText,
  decodeCustomId,
  EMPTY_FIELD,
  encodeCustomId,
  escapeMarkdown,
  fitChoices,
  fitReply,
  measureEmbeds,
  NOTHING_TO_SHOW,
  paginate,
  pagerRow,
  redact,
  truncate,
  type AutocompleteChoice,
  UNFIT_REPLY,
  type ReplyPayload,
} from '../src/replies/index.js';
import { checkReply } from './fake-discord/limits.js';
import { KNOWN_EMOJI } from '../src/replies/fit.js';
import { REPO_ROOT } from '../src/paths.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Fits and asserts the result is clean by the tests' own checker, written apart from the fitter. */
function fit(payload: unknown, redactList?: string[]): ReplyPayload {
  const out = fitReply(payload as ReplyPayload, redactList ? { redact: redactList } : {});
  expect(checkReply(out, { secrets: redactList ?? [] })).toEqual([]);
  return out;
}

const words = (n: number): string => 'abcd '.repeat(n);
const button = (id: string, label = id) => ({ type: ComponentType.Button, style: ButtonStyle.Secondary, label, custom_id: id });
const row = (...components: unknown[]) => ({ type: ComponentType.ActionRow, components });
const idsOf = (payload: ReplyPayload): string[][] =>
  (payload.components ?? []).map((r) => r.components.map((c) => ('custom_id' in c ? c.custom_id : 'url' in c ? c.url : '?')));

describe('truncate', () => {
  it('leaves short text alone and cuts long text at a word boundary with "…"', () => {
    expect(truncate('hello world', 11)).toBe('hello world');
    expect(truncate('hello world foo', 12)).toBe('hello world…');
    expect(truncate('hello world, foo', 14)).toBe('hello world,…');
  });

  it('cuts hard when the last word boundary is too far back', () => {
    expect(truncate('abcdefghijklmnopqrstuvwxyz', 10)).toBe('abcdefghi…');
    expect(truncate('ab cdefghijklmnopqrstuvwxyz', 10)).toBe('ab cdefgh…');
  });

  it('handles tiny and odd limits', () => {
    expect(truncate('abc', 0)).toBe('');
    expect(truncate('abc', -5)).toBe('');
    expect(truncate('abc', Number.NaN)).toBe('');
    expect(truncate('abc', 1)).toBe('…');
    expect(truncate('abc', 2)).toBe('a…');
    expect(truncate('abc', 2.9)).toBe('a…');
    expect(truncate('', 0)).toBe('');
  });

  it('never splits a surrogate pair or an emoji sequence', () => {
    const smileys = '😀'.repeat(10);
    expect(truncate(smileys, 6)).toBe('😀😀…');
    expect(truncate(smileys, 7)).toBe('😀😀😀…');
    const family = '👨‍👩‍👧';
    expect(truncate(`ab${family}${family}`, 10)).toBe('ab…');
    expect(truncate(`ab${family}${family}`, 11)).toBe(`ab${family}…`);
    for (let max = 0; max <= 24; max++) {
      const cut = truncate(smileys + ' x', max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut).not.toMatch(LONE_SURROGATE);
    }
  });

  it('never returns more than max, for any text and max', () => {
    const random = mulberry32(7);
    for (let i = 0; i < 500; i++) {
      const text = randomText(random, Math.floor(random() * 300));
      const max = Math.floor(random() * 320);
      const cut = truncate(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      if (text.length <= max) expect(cut).toBe(text);
      else expect(cut.endsWith('…') || cut === '').toBe(true);
    }
  });
});

describe('escapeMarkdown and cleanUserText', () => {
  it('makes mentions, markdown, bidi overrides and control characters inert', () => {
    expect(escapeMarkdown('@everyone **bold** <@123> ||spoiler|| \u202Ereversed \u0000')).toBe(
      '@\u200Beveryone \\*\\*bold\\*\\* <\u200B@123\\> \\|\\|spoiler\\|\\| reversed',
    );
  });

  it('neutralises every mention form and masked links', () => {
    expect(escapeMarkdown('@here <@&42> <#7> <@!9> <t:1:R> </ping:1>')).toBe(
      '@\u200Bhere <\u200B@&42\\> <\u200B\\#7\\> <\u200B@!9\\> <\u200Bt\\:1\\:R\\> <\u200B/ping\\:1\\>',
    );
    expect(escapeMarkdown('[click](https://evil.example)')).toBe('\\[click\\]\\(https\\://evil.example\\)');
    expect(escapeMarkdown('a@everyone.com')).toBe('a@\u200Beveryone.com');
  });

  it('escapes headings, quotes, lists, code and subtext at line starts', () => {
    expect(escapeMarkdown('# Big\n> quote\n- item\n1. first\n+ plus\n-# small\n```js```')).toBe(
      '\\# Big\n\\> quote\n\\- item\n1\\. first\n\\+ plus\n\\-\\# small\n\\`\\`\\`js\\`\\`\\`',
    );
    expect(escapeMarkdown('version 1.5 costs 3.50')).toBe('version 1.5 costs 3.50');
  });

  it('collapses whitespace, removes invisible characters, keeps emoji sequences', () => {
    expect(escapeMarkdown('  a \t\t b\r\n\r\n\r\n\n c \u200B\u2066d\u2069\uFEFF  ')).toBe('a b\n\nc d');
    expect(escapeMarkdown('x\u0007y\u0085z\u2028w')).toBe('x y z w');
    expect(escapeMarkdown('👨‍👩‍👧 a\u200Db')).toBe('👨‍👩‍👧 ab');
    expect(escapeMarkdown('\\')).toBe('\\\\');
  });

  it('cleanUserText escapes then cuts, leaving no dangling backslash', () => {
    expect(cleanUserText('**projects** about optimizers', 18)).toBe('\\*\\*projects\\*\\*…');
    const cut = cleanUserText('aaaaaaaa_bbbbbbbb', 10);
    expect(cut).toBe('aaaaaaaa…');
    expect(cleanUserText('a'.repeat(6000), 256)).toHaveLength(256);
  });
});

describe('redact', () => {
  const phone = '+919879990466';

  it('hides a phone number however it is written', () => {
    expect(redact('call 98799 90466, +91 98799 90466, 9879990466 or +919879990466.', [phone])).toBe(
      'call [private], [private], [private] or [private].',
    );
    expect(redact('+91-98799-90466 / (0)98799 90466 / 098799.90466', [phone])).toBe('[private] / ([private] / [private]');
    expect(redact('escaped: 98799\\-90466', [phone])).toBe('escaped: [private]');
  });

  it('hides other secrets in any case, with separators added or removed', () => {
    expect(redact('Mail Jane.Doe@Example.com or jane.doe@example.com', ['jane.doe@example.com'])).toBe('Mail [private] or [private]');
    expect(redact('key AB-CD EF and abcdef', ['ab cd-ef'])).toBe('key [private] and [private]');
  });

  it('ignores empty and tiny secrets and leaves other text alone', () => {
    expect(redact('a b c 12', ['', 'a', ' - '])).toBe('a b c 12');
    expect(redact('phone 12345', [phone])).toBe('phone 12345');
  });

  it('reads digits of any script, and anything but a letter between them as a separator', () => {
    const spellings = [
      '98799/90466',
      '98799_90466',
      '9*8*7*9*9*9*0*4*6*6',
      '98,799,904,66',
      '98799:90466',
      '98799 — 90466',
      '98799🙂90466',
      '+９１ ９８７９９ ９０４６６',
      '٩٨٧٩٩ ٩٠٤٦٦',
      '۹۸۷۹۹۹۰۴۶۶',
      '९८७९९९०४६६',
      '𝟗𝟖𝟕𝟗𝟗𝟗𝟎𝟒𝟔𝟔',
      '⑨⑧⑦⑨⑨⑨⓪④⑥⑥',
      '98799\u200C90466',
      '98799\u206090466',
      '98799\u200B90466',
      '9\u202E8799\u202C90466',
      '98799\n90466',
      '0091 98799 90466',
      '+91 (0) 98799-90466',
      '+91\u00A098799\u00A090466',
    ];
    for (const spelling of spellings) expect(redact(`tel ${spelling}.`, [phone]), JSON.stringify(spelling)).toBe('tel [private].');
  });

  it('ends a number at a letter, and leaves numbers that only share digits with it', () => {
    expect(redact('98799 x 90466', [phone])).toBe('98799 x 90466');
    const numbers = 'In 2019: 0.963, top 3% of 2,000; 98.7 and 99.04 in 2020-2021; ids 98799, 90466.';
    expect(redact(numbers, [phone])).toBe(numbers.replace('98799, 90466', '[private]'));
    expect(redact('2019 2020 2021 2022 0.963 0.987 12:30', [phone])).toBe('2019 2020 2021 2022 0.963 0.987 12:30');
    expect(redact('2020 098799 90466', [phone])).toBe('2020 [private]');
  });

  it('finds other secrets with invisible characters or compatibility forms inside', () => {
    expect(redact('mail jane\u200B.doe@exa\u2060mple.com or ＪＡＮＥ.DOE@EXAMPLE.COM', ['jane.doe@example.com'])).toBe(
      'mail [private] or [private]',
    );
  });
});

describe('fitReply', () => {
  it('forces allowed_mentions to parse nothing', () => {
    const out = fit({ content: 'hi @everyone', allowed_mentions: { parse: ['everyone', 'users'], users: ['1'] } });
    expect(out).toEqual({ content: 'hi @\u200Beveryone', allowed_mentions: { parse: [] } });
  });

  it('gives an empty payload something to show', () => {
    expect(fit({})).toEqual({ content: NOTHING_TO_SHOW, allowed_mentions: { parse: [] } });
    expect(fit({ content: '  \n ', embeds: [{}], components: [row()] }).content).toBe(NOTHING_TO_SHOW);
    expect(fit(null).content).toBe(NOTHING_TO_SHOW);
    expect(fit('plain text').content).toBe('plain text');
  });

  it('cuts content to 2000', () => {
    const out = fit({ content: words(1000) });
    expect(out.content).toBe(words(399) + 'abcd…');
    expect(out.content).toHaveLength(2000);
  });

  it('keeps only the ephemeral flag', () => {
    expect(
      fit({
        content: 'x',
        flags: MessageFlags.Ephemeral | MessageFlags.IsComponentsV2 | MessageFlags.SuppressEmbeds | MessageFlags.IsCrosspost,
      }).flags,
    ).toBe(MessageFlags.Ephemeral);
    expect(fit({ content: 'x', flags: MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications })).not.toHaveProperty('flags');
    expect(fit({ content: 'x', flags: 'ephemeral' })).not.toHaveProperty('flags');
  });

  it('does not change its input', () => {
    const input = { content: 'x'.repeat(3000), embeds: [{ title: 't'.repeat(300), fields: [{ name: '', value: 'v' }] }] };
    const copy = structuredClone(input);
    fit(input);
    expect(input).toEqual(copy);
  });

  it('keeps 10 of 12 embeds and 25 of 30 fields', () => {
    const embeds = Array.from({ length: 12 }, (_, i) => ({ title: `embed ${i}` }));
    const out = fit({ embeds });
    expect(out.embeds?.map((e) => e.title)).toEqual(embeds.slice(0, 10).map((e) => e.title));

    const fields = Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, value: `v${i}` }));
    const one = fit({ embeds: [{ title: 'fields', fields }] });
    expect(one.embeds?.[0]?.fields).toEqual(fields.slice(0, 25));
  });

  it('cuts each embed text to its limit', () => {
    const out = fit({ embeds: [{ title: words(100), description: words(1000) }] });
    const embed = out.embeds?.[0] as APIEmbed;
    expect(embed.title).toBe(words(50) + 'abcd…');
    expect(embed.title).toHaveLength(255);
    expect(embed.description).toBe(words(818) + 'abcd…');
    expect(embed.description).toHaveLength(4095);

    const small = fit({
      embeds: [
        { footer: { text: 'f'.repeat(3000) }, author: { name: 'a'.repeat(300) }, fields: [{ name: 'n'.repeat(300), value: words(300) }] },
      ],
    });
    const other = small.embeds?.[0] as APIEmbed;
    expect(other.footer?.text).toBe('f'.repeat(2047) + '…');
    expect(other.author?.name).toBe('a'.repeat(255) + '…');
    expect(other.fields?.[0]?.name).toBe('n'.repeat(255) + '…');
    expect(other.fields?.[0]?.value).toBe(words(203) + 'abcd…');
  });

  it('fills an empty field name or value with a zero-width space, and drops a field with neither', () => {
    const out = fit({
      embeds: [
        {
          title: 't',
          fields: [
            { name: '', value: 'value only' },
            { name: 'name only', value: '   ' },
            { name: '', value: '' },
            { name: 42, value: null },
          ],
        },
      ],
    });
    expect(out.embeds?.[0]?.fields).toEqual([
      { name: EMPTY_FIELD, value: 'value only' },
      { name: 'name only', value: EMPTY_FIELD },
      { name: '42', value: EMPTY_FIELD },
    ]);
  });

  it('fits six 1 500-character embeds into the 6000 total, the first intact', () => {
    const description = words(300);
    const embeds = Array.from({ length: 6 }, (_, i) => ({ title: `Embed ${i}`, description }));
    expect(measureEmbeds(embeds)).toBe(6 * 1507);
    const out = fit({ embeds });
    const total = measureEmbeds(out.embeds ?? []);
    expect(total).toBeLessThanOrEqual(6000);
    expect(total).toBeGreaterThan(5900);
    expect(out.embeds?.[0]).toEqual(embeds[0]);
    expect(out.embeds?.slice(0, 3)).toEqual(embeds.slice(0, 3));
    expect(out.embeds).toHaveLength(4);
    expect(out.embeds?.[3]?.title).toBe('Embed 3');
    expect(out.embeds?.[3]?.description).toMatch(/abcd…$/);
  });

  it('gives up trailing fields before anything of the first embed', () => {
    const fields = Array.from({ length: 25 }, (_, i) => ({ name: `field ${i}`, value: 'v'.repeat(1000) }));
    const embed = { title: 'Projects', description: words(400), fields };
    const out = fit({ embeds: [embed] });
    const kept = out.embeds?.[0] as APIEmbed;
    expect(kept.title).toBe('Projects');
    expect(kept.description).toBe(words(400));
    expect(measureEmbeds(out.embeds ?? [])).toBeLessThanOrEqual(6000);
    // 8 + 2000 of title and description leave room for 3 whole fields and most of a 4th.
    expect(kept.fields?.slice(0, 3)).toEqual(fields.slice(0, 3));
    expect(kept.fields).toHaveLength(4);
    expect(kept.fields?.[3]?.value).toMatch(/^v+…$/);
  });

  it('drops invalid urls, what no card sends (timestamps, icons) and embeds left with nothing to show', () => {
    const out = fit({
      embeds: [
        {
          title: 'links',
          url: 'javascript:alert(1)',
          image: { url: 'https://example.com/a.png' },
          thumbnail: { url: `https://example.com/${'x'.repeat(2100)}` },
          author: { name: 'me', url: 'ftp://example.com', icon_url: 'https://example.com/i.png' },
          footer: { text: 'foot', icon_url: 'not a url' },
          color: 0x1000000,
          timestamp: '2024-01-02T03:04:05Z',
        },
        { url: 'https://example.com', color: 5 },
        { footer: { text: 'only a footer' } },
        { image: { url: 'https://example.com/only.png' } },
      ],
    });
    expect(out.embeds).toEqual([
      {
        title: 'links',
        image: { url: 'https://example.com/a.png' },
        author: { name: 'me' },
        footer: { text: 'foot' },
      },
      { image: { url: 'https://example.com/only.png' } },
    ]);
  });

  it('moves a 6th and 7th button to a new row', () => {
    const out = fit({ components: [row(...Array.from({ length: 7 }, (_, i) => button(`b${i}`)))] });
    expect(idsOf(out)).toEqual([
      ['b0', 'b1', 'b2', 'b3', 'b4'],
      ['b5', 'b6'],
    ]);
  });

  it('keeps at most 5 rows; overflow takes only spare rows, after its own row', () => {
    const crowded = row(...Array.from({ length: 12 }, (_, i) => button(`c${i}`)));
    const out = fit({ components: [crowded, row(button('x')), row(button('y'))] });
    expect(idsOf(out)).toEqual([['c0', 'c1', 'c2', 'c3', 'c4'], ['c5', 'c6', 'c7', 'c8', 'c9'], ['c10', 'c11'], ['x'], ['y']]);

    const seven = fit({ components: [crowded, ...['p', 'q', 'r', 's', 't', 'u'].map((id) => row(button(id)))] });
    expect(idsOf(seven)).toEqual([['c0', 'c1', 'c2', 'c3', 'c4'], ['p'], ['q'], ['r'], ['s']]);
  });

  it('puts a select menu alone in its row', () => {
    const select = { type: ComponentType.StringSelect, custom_id: 'pick', options: [{ label: 'A', value: 'a' }] };
    const out = fit({ components: [row(button('b1'), select, button('b2'))] });
    expect(idsOf(out)).toEqual([['b1'], ['pick'], ['b2']]);
  });

  it('drops a component whose custom_id is invalid or repeated, never cutting it', () => {
    const out = fit({
      components: [
        row(button('x'.repeat(101)), button('x'.repeat(100)), button(''), {
          type: ComponentType.Button,
          style: ButtonStyle.Primary,
          label: 'no id',
        }),
        row(button('dup', 'first'), button('dup', 'second')),
        row(button('y'.repeat(101))),
      ],
    });
    expect(idsOf(out)).toEqual([['x'.repeat(100)], ['dup']]);
    expect(fit({ components: [row(button('z'.repeat(101)))] })).toEqual({ content: NOTHING_TO_SHOW, allowed_mentions: { parse: [] } });
  });

  it('fits button labels, and needs a label or an emoji', () => {
    const out = fit({
      components: [
        row(
          { type: ComponentType.Button, style: ButtonStyle.Primary, label: 'L'.repeat(100), custom_id: 'long' },
          { type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: 'bare' },
          { type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: 'emoji', emoji: { name: '🔎' } },
          { type: ComponentType.Button, style: 99, label: 'odd style', custom_id: 'odd' },
        ),
      ],
    });
    const buttons = out.components?.[0]?.components ?? [];
    expect(buttons.map((b) => ('custom_id' in b ? b.custom_id : ''))).toEqual(['long', 'emoji', 'odd']);
    expect(buttons[0]).toMatchObject({ label: 'L'.repeat(79) + '…' });
    // Every button with a custom_id is grey, the only kind the bot sends.
    expect(buttons.map((b) => ('style' in b ? b.style : 0))).toEqual([ButtonStyle.Secondary, ButtonStyle.Secondary, ButtonStyle.Secondary]);
  });

  it('drops the shapes no card sends: premium buttons, user, role and channel menus, custom emoji, counts and defaults', () => {
    const out = fit({
      components: [
        row(
          { type: ComponentType.Button, style: ButtonStyle.Premium, sku_id: '123456789012345678' },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Link,
            label: 'go',
            url: 'https://example.com',
            disabled: true,
            emoji: { id: '123456789012345678', name: 'custom' },
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: 'pick',
            custom_id: 'pick',
            emoji: { id: '123456789012345678', name: '🔎', animated: true },
          },
        ),
        ...[5, 6, 7, 8].map((type) =>
          row({ type, custom_id: `auto-${type}`, default_values: [{ id: '1', type: 'user' }], channel_types: [0] }),
        ),
        row({
          type: ComponentType.StringSelect,
          custom_id: 'menu',
          disabled: true,
          min_values: 0,
          max_values: 2,
          options: [{ label: 'a', value: 'a', default: true, emoji: { id: '1' } }],
        }),
      ],
    });
    expect(out.components).toEqual([
      {
        type: ComponentType.ActionRow,
        components: [
          { type: ComponentType.Button, style: ButtonStyle.Link, label: 'go', url: 'https://example.com' },
          { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'pick', custom_id: 'pick', emoji: { name: '🔎' } },
        ],
      },
      {
        type: ComponentType.ActionRow,
        components: [{ type: ComponentType.StringSelect, custom_id: 'menu', options: [{ label: 'a', value: 'a' }] }],
      },
    ]);
  });

  it('keeps an emoji only when it is one Unicode emoji', () => {
    const emojiOf = (name: string) => {
      const button = fit({
        components: [row({ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: 'e', label: 'x', emoji: { name } })],
      }).components?.[0]?.components[0];
      return button && 'emoji' in button ? button.emoji?.name : undefined;
    };
    for (const name of ['🔎', '✉️', '👩‍💻', '🇮🇳', '1️⃣', '👍🏽']) expect(emojiOf(name), name).toBe(name);
    for (const name of ['🔎🔎', 'x', '', ':smile:', '‮🔎']) expect(emojiOf(name), name).toBeUndefined();
  });

  it('knows the emoji of its own cards without the RGI regex: each is one RGI emoji, and every single-emoji string in src/ is known', () => {
    const rgi = new RegExp('^\\p{RGI_Emoji}$', 'v');
    for (const name of KNOWN_EMOJI) expect(rgi.test(name), name).toBe(true);
    const sources = readdirSync(join(REPO_ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    const literals = new Set<string>();
    for (const file of sources)
      for (const [, text] of readFileSync(join(REPO_ROOT, 'src', file), 'utf8').matchAll(/'([^'\n]{1,16})'/g))
        if (text !== undefined && rgi.test(text)) literals.add(text);
    expect(literals.size).toBeGreaterThan(10);
    expect([...literals].filter((name) => !KNOWN_EMOJI.has(name))).toEqual([]);
  });

  it('keeps link buttons only with an http(s) url of at most 512', () => {
    const link = (url: string) => ({ type: ComponentType.Button, style: ButtonStyle.Link, label: 'open', url });
    const good = `https://example.com/${'p'.repeat(400)}`;
    const out = fit({
      components: [
        row(
          link(good),
          link(`https://example.com/${'p'.repeat(500)}`),
          link('javascript:alert(1)'),
          link('https://'),
          link('not a url'),
          link('discord://-/channels/1/2'),
        ),
        row({ type: ComponentType.Button, style: ButtonStyle.Link, label: 'with id', url: 'https://example.com', custom_id: 'nope' }),
      ],
    });
    expect(idsOf(out)).toEqual([[good], ['https://example.com']]);
    expect(out.components?.[1]?.components[0]).not.toHaveProperty('custom_id');
  });

  it('fits select menus: 25 unique options, 100-character texts, one choice', () => {
    const options = Array.from({ length: 30 }, (_, i) => ({
      label: `option ${i} ${'l'.repeat(120)}`,
      value: `v${i % 28}`,
      description: 'd'.repeat(150),
      default: true,
    }));
    options.push({ label: 'long value', value: 'v'.repeat(101), description: '', default: false });
    const out = fit({
      components: [
        row({ type: ComponentType.StringSelect, custom_id: 'menu', placeholder: 'p'.repeat(200), min_values: 5, max_values: 3, options }),
      ],
    });
    const select = out.components?.[0]?.components[0] as APIStringSelectComponent;
    expect(select.options).toHaveLength(25);
    expect(new Set(select.options.map((o) => o.value)).size).toBe(25);
    expect(select.options[0]?.label).toHaveLength(100);
    expect(select.options[0]?.label.endsWith('…')).toBe(true);
    expect(select.options[0]?.description).toHaveLength(100);
    expect(select.placeholder).toHaveLength(150);
    // The bot's menus choose one (Discord's default): counts and defaults are not carried over.
    expect(select).not.toHaveProperty('min_values');
    expect(select).not.toHaveProperty('max_values');
    expect(select.options.filter((o) => o.default)).toHaveLength(0);
  });

  it('drops a select with no usable option, and an over-long option value rather than cutting it', () => {
    const out = fit({
      components: [
        row({ type: ComponentType.StringSelect, custom_id: 'empty', options: [] }),
        row({
          type: ComponentType.StringSelect,
          custom_id: 'one',
          max_values: 10,
          options: [
            { label: 'x', value: 'y'.repeat(101) },
            { label: 'ok', value: 'ok' },
          ],
        }),
      ],
    });
    const select = out.components?.[0]?.components[0] as APIStringSelectComponent;
    expect(out.components).toHaveLength(1);
    expect(select.options).toEqual([{ label: 'ok', value: 'ok' }]);
    expect(select).toEqual({ type: ComponentType.StringSelect, custom_id: 'one', options: [{ label: 'ok', value: 'ok' }] });
  });

  it('redacts private values everywhere, and drops what cannot be redacted', () => {
    const phone = '+919879990466';
    const out = fit(
      {
        content: 'Call +91 98799 90466',
        embeds: [
          {
            title: 'tel 9879990466',
            description: 'or 98799-90466',
            fields: [{ name: '98799 90466', value: '+919879990466' }],
            footer: { text: 'footer 9879990466' },
            author: { name: 'author 9879990466' },
            url: 'https://wa.me/919879990466',
          },
        ],
        components: [
          row(
            button('call', 'Call 98799 90466'),
            { type: ComponentType.Button, style: ButtonStyle.Link, label: 'WhatsApp', url: 'https://wa.me/919879990466' },
            button('id-9879990466'),
          ),
          row({
            type: ComponentType.StringSelect,
            custom_id: 'menu',
            placeholder: 'ring 9879990466',
            options: [
              { label: 'phone 9879990466', value: 'phone', description: 'dial +91 98799 90466' },
              { label: 'secret value', value: '9879990466' },
            ],
          }),
        ],
      },
      [phone],
    );
    expect(JSON.stringify(out)).not.toMatch(/98799|90466/);
    expect(out.content).toBe('Call [private]');
    expect(out.embeds?.[0]).toEqual({
      title: 'tel [private]',
      description: 'or [private]',
      fields: [{ name: '[private]', value: '[private]' }],
      footer: { text: 'footer [private]' },
      author: { name: 'author [private]' },
    });
    expect(idsOf(out)).toEqual([['call'], ['menu']]);
    const select = out.components?.[1]?.components[0] as APIStringSelectComponent;
    expect(select.placeholder).toBe('ring [private]');
    expect(select.options).toEqual([{ label: 'phone [private]', value: 'phone', description: 'dial [private]' }]);
  });

  it('does not crash on shapes that are wrong all the way down', () => {
    const weird: unknown[] = [
      undefined,
      42,
      [],
      { content: 12345 },
      { content: { toString: () => 'boom' } },
      { embeds: 'nope' },
      { embeds: [null, 1, 'x', [], { title: { a: 1 }, fields: 'f', footer: 'f', image: 'i', author: [] }] },
      {
        components: [
          null,
          1,
          { type: ComponentType.ActionRow },
          { type: ComponentType.ActionRow, components: 'x' },
          { type: ComponentType.Container, components: [] },
        ],
      },
      {
        components: [
          {
            type: ComponentType.ActionRow,
            components: [
              null,
              { type: ComponentType.Button },
              { type: ComponentType.StringSelect, options: [null, {}] },
              { type: ComponentType.TextInput },
            ],
          },
        ],
      },
      { embeds: [{ title: 'ok', fields: [null, { name: {}, value: [] }] }] },
    ];
    for (const payload of weird) expect(() => fit(payload)).not.toThrow();
    const proxy = new Proxy(
      {},
      {
        get: () => {
          throw new Error('hostile getter');
        },
      },
    );
    expect(fitReply(proxy as ReplyPayload)).toEqual({ content: UNFIT_REPLY, allowed_mentions: { parse: [] } });
  });
});

describe('fitReply on hostile text', () => {
  it('removes bidi controls and zero-width characters from every text, keeping ZWJs in emoji, ZWNJs in words and code-fence breaks', () => {
    const out = fit({
      content: 'a\u202Eb\u2066c\u2069\u200Bd\uFEFF\u2060e\u200E\u061C 👩\u200D💻 x\u200Dy',
      embeds: [
        {
          title: 't\u202Eitle\u200B',
          description: '```\n`\u200B``\n```',
          footer: { text: '\u200Cfoot\u200C' },
          author: { name: '\u2067\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645' },
        },
      ],
      components: [row(button('b', 'la\u200Bbel\u202E'))],
    });
    expect(out.content).toBe('abcde 👩\u200D💻 xy');
    expect(out.embeds?.[0]).toEqual({
      title: 'title',
      description: '```\n`\u200B``\n```',
      footer: { text: 'foot' },
      author: { name: '\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645' },
    });
    expect((out.components?.[0]?.components[0] as { label: string }).label).toBe('label');
  });

  it('breaks mentions in every text, however they were hidden', () => {
    const out = fit({
      content: '@everyone <@&1> <#2> </ping:3> <t:4:R> <:e:5> <a:e:6> <id:home>',
      embeds: [{ title: '@here', description: '@every\u200Bone', fields: [{ name: '<@7>', value: '@\u2060here' }] }],
    });
    expect(out.content).toBe(
      '@\u200Beveryone <\u200B@&1> <\u200B#2> <\u200B/ping:3> <\u200Bt:4:R> <\u200B:e:5> <\u200Ba:e:6> <\u200Bid:home>',
    );
    expect(out.embeds?.[0]).toEqual({
      title: '@\u200Bhere',
      description: '@\u200Beveryone',
      fields: [{ name: '<\u200B@7>', value: '@\u200Bhere' }],
    });
    expect(fit({ content: 'mail a@b.co, 3 < 4, <https://example.org>' }).content).toBe('mail a@b.co, 3 < 4, <https://example.org>');
  });

  it('shows masked links that are not http(s), or whose text names another site, as plain text with the real target', () => {
    const out = fit({
      content: '[a@b.co](mailto:a@b.co) [call](tel:+1234567) [x](javascript:alert(1)) [ok](https://example.org/a)',
      embeds: [
        {
          description: '[https://github.com/ada](https://evil.example/phish) [**github**\\.com](https://evil.example)',
          fields: [{ name: '[github.com](https://evil.example)', value: '[paypal.com](https://paypal.com.evil.example/login)' }],
        },
      ],
    });
    expect(out.content).toBe('a@b.co call (tel:+1234567) [x] (javascript:alert(1)) [ok](https://example.org/a)');
    expect(out.embeds?.[0]?.description).toBe(
      'https://github.com/ada (https://evil.example/phish) **github**\\.com (https://evil.example)',
    );
    // Field names render no links: shown as written.
    expect(out.embeds?.[0]?.fields?.[0]).toEqual({
      name: '[github.com](https://evil.example)',
      value: 'paypal.com (https://paypal.com.evil.example/login)',
    });
  });

  it('breaks up a masked link whose target is not plain, since its host can be read two ways', () => {
    expect(fit({ content: '[github.com](https://github.com(x)@evil.example/)' }).content).toBe(
      '[github.com] (https://github.com(x)@evil.example/)',
    );
    expect(fit({ content: '[docs](<https://example.org/a> "title")' }).content).toBe('[docs] (<https://example.org/a> "title")');
    expect(fit({ content: 'not a link: \\[a@b.co\\](mailto:a@b.co)' }).content).toBe('not a link: \\[a@b.co\\](mailto:a@b.co)');
  });

  it('leaves no masked link at all when links are nested deeper than its rewriting rounds reach', () => {
    // Each round rewrites only the outermost links: the 4th layer here used to come out whole.
    const nested = '[1 [2 [3 [4 [github.com](https://evil.example)](x)](x)](x)](x)';
    expect(fit({ content: nested }).content).toBe('1 2 3 [4 [github.com] (https://evil.example)] (x) (x) (x) (x)');
    expect(fit({ content: `[ok](https://example.org) ${nested}` }).content).toMatch(/^\[ok\] \(https:\/\/example\.org\) /);
  });

  it('looks inside the text of a link it keeps for links it must not', () => {
    expect(fit({ content: '[[call](tel:123)](https://example.com/x)' }).content).toBe('[call (tel:123)](https://example.com/x)');
    // Made plain, the inner link names a site (b.co) other than the outer one's: that one goes too.
    expect(fit({ content: '[[mail](mailto:a@b.co)](https://example.com/x)' }).content).toBe('mail (a@b.co) (https://example.com/x)');
    expect(fit({ content: '[see [docs](https://example.com/d)](https://example.com/x)' }).content).toBe(
      '[see [docs](https://example.com/d)](https://example.com/x)',
    );
  });

  it('redacts a secret that a rewritten link brings into the text', () => {
    expect(fit({ content: '[call me](tel:98799-90466)' }, ['+919879990466']).content).toBe('call me (tel:[private])');
  });

  it('drops a url that holds an invisible character', () => {
    const out = fit({
      content: 'x',
      embeds: [{ title: 't', url: 'https://example.org/\u202Etxt.exe' }],
      components: [row({ type: ComponentType.Button, style: ButtonStyle.Link, label: 'go', url: 'https://example.org/\u200B' })],
    });
    expect(out.embeds?.[0]).toEqual({ title: 't' });
    expect(out.components).toBeUndefined();
  });
});

describe('fitChoices', () => {
  it('keeps 25 unique choices with names cut and over-long values dropped', () => {
    const choices: AutocompleteChoice[] = [
      { name: 'n'.repeat(150), value: 'long-name' },
      { name: 'duplicate', value: 'long-name' },
      { name: 'value too long', value: 'v'.repeat(101) },
      { name: '', value: 'no-name' },
      { name: 'tab\tand\u0000nul', value: 'ctl' },
      ...Array.from({ length: 40 }, (_, i) => ({ name: `choice ${i}`, value: `c${i}` })),
    ];
    const out = fitChoices(choices);
    expect(out).toHaveLength(25);
    expect(out[0]).toEqual({ name: 'n'.repeat(99) + '…', value: 'long-name' });
    expect(out[1]).toEqual({ name: 'tab and nul', value: 'ctl' });
    expect(out[2]).toEqual({ name: 'choice 0', value: 'c0' });
    expect(out.at(-1)).toEqual({ name: 'choice 22', value: 'c22' });
    expect(fitChoices([{ name: 'tel 9879990466', value: 'x' }], { redact: ['+919879990466'] })).toEqual([
      { name: 'tel [private]', value: 'x' },
    ]);
    expect(fitChoices('nope' as unknown as AutocompleteChoice[])).toEqual([]);
  });
});

describe('custom ids', () => {
  it('round-trips state, escaping "|" and "%" in the key', () => {
    const states = [
      { command: 'projects', action: 'page', page: 2, user: '123456789012345678', key: 'optimizers' },
      { command: 'projects', action: 'open' },
      { command: 'search', action: 'page', page: 0, key: 'a|b%7C|%25 🚀' },
      { command: 'skills', action: 'pick', key: '' },
      { command: 'about', action: 'more', user: '1' },
    ];
    for (const state of states) {
      const id = encodeCustomId(state);
      expect(id.length).toBeLessThanOrEqual(100);
      expect(decodeCustomId(id)).toEqual(state);
    }
    expect(encodeCustomId(states[0]!)).toBe('pb1|projects|page|2|u=123456789012345678|k=optimizers');
    expect(encodeCustomId(states[2]!)).toBe('pb1|search|page|0|k=a%7Cb%257C%7C%2525 🚀');
  });

  it('truncates a long key at a character boundary to keep the id within 100', () => {
    const query = 'deep learning optimizers | lookahead % radam 🚀 '.repeat(7).slice(0, 300);
    expect(query).toHaveLength(300);
    const id = encodeCustomId({ command: 'projects', action: 'page', page: 12, user: '123456789012345678', key: query });
    expect(id.length).toBeLessThanOrEqual(100);
    expect(id.length).toBeGreaterThanOrEqual(97);
    const state = decodeCustomId(id);
    expect(state).not.toBeNull();
    expect(query.startsWith(state?.key ?? '\u0000')).toBe(true);
    expect(state?.key?.length).toBeGreaterThan(40);
    expect(state).toMatchObject({ command: 'projects', action: 'page', page: 12, user: '123456789012345678' });
    const emoji = decodeCustomId(encodeCustomId({ command: 'a', action: 'b', key: '🚀'.repeat(100) }));
    expect(emoji?.key).not.toMatch(LONE_SURROGATE);
  });

  it('refuses to encode what could not be decoded', () => {
    expect(() => encodeCustomId({ command: 'a|b', action: 'x' })).toThrow(TypeError);
    expect(() => encodeCustomId({ command: 'a', action: '' })).toThrow(TypeError);
    expect(() => encodeCustomId({ command: 'a', action: 'x', page: 1000 })).toThrow(RangeError);
    expect(() => encodeCustomId({ command: 'a', action: 'x', page: 1.5 })).toThrow(RangeError);
    expect(() => encodeCustomId({ command: 'a', action: 'x', user: '<@1>' })).toThrow(TypeError);
  });

  it('decodes forged and malformed ids to null', () => {
    const forged: unknown[] = [
      'pb1|projects|page|-1',
      'x'.repeat(101),
      `pb1|projects|page|1|k=${'a'.repeat(90)}`,
      '',
      'pb1',
      'pb1|projects',
      'pb1||page',
      'pb2|projects|page|1',
      'pb1|projects|page|1000',
      'pb1|projects|page|01',
      'pb1|projects|page|1.5',
      'pb1|projects|page|',
      'pb1|projects|page|1|u=abc',
      'pb1|projects|page|1|u=',
      'pb1|projects|page|1|k=a|b',
      'pb1|projects|page|1|k=%zz',
      'pb1|projects|page|1|k=%7c',
      'pb1|projects|page|1|u=1|u=2',
      'pb1|projects|page|k=x|u=1',
      'pb1|proj ects|page',
      null,
      42,
      {},
    ];
    for (const id of forged) expect(decodeCustomId(id)).toBeNull();
  });

  it('decodes random strings to null or to a state that encodes back to the same id', () => {
    const random = mulberry32(11);
    const alphabet = ['pb1', '|', 'u=', 'k=', '%', '7C', '25', '0', '1', '9', '-', 'a', 'page', '🚀', '\uD800', ' '];
    let decoded = 0;
    for (let i = 0; i < 3000; i++) {
      let id = pick(random, ['pb1|', 'pb1|projects|page', 'pb1|projects|page|', 'pb1|a|b|7|', '']);
      const parts = Math.floor(random() * 20);
      for (let j = 0; j < parts; j++) id += pick(random, alphabet);
      const state = decodeCustomId(id);
      if (state !== null) {
        decoded++;
        expect(encodeCustomId(state)).toBe(id);
      }
    }
    expect(decoded).toBeGreaterThan(100);
  });
});

describe('paginate and pagerRow', () => {
  it('slices pages and clamps the page asked for', () => {
    const items = Array.from({ length: 23 }, (_, i) => i);
    expect(paginate(items, 10, 0)).toEqual({ items: items.slice(0, 10), page: 0, pages: 3 });
    expect(paginate(items, 10, 2)).toEqual({ items: [20, 21, 22], page: 2, pages: 3 });
    expect(paginate(items, 10, 7)).toEqual({ items: [20, 21, 22], page: 2, pages: 3 });
    expect(paginate(items, 10, -3).page).toBe(0);
    expect(paginate(items, 10, Number.NaN).page).toBe(0);
    expect(paginate([], 10, 4)).toEqual({ items: [], page: 0, pages: 1 });
    expect(paginate(items, 0, 1)).toEqual({ items: [1], page: 1, pages: 23 });
  });

  it('builds Previous / Page X of Y / Next, disabled at the ends, with distinct decodable ids', () => {
    const state = { command: 'projects', action: 'page', user: '42', key: 'optim' };
    const middle = pagerRow(state, 1, 3);
    expect(middle.components.map((b) => [b.label, b.disabled])).toEqual([
      ['Previous', false],
      ['Page 2 of 3', true],
      ['Next', false],
    ]);
    expect(middle.components.map((b) => decodeCustomId(b.custom_id))).toEqual([
      { ...state, page: 0 },
      { ...state, action: 'noop', page: 1 },
      { ...state, page: 2 },
    ]);

    const first = pagerRow(state, 0, 3);
    expect(first.components.map((b) => b.disabled)).toEqual([true, true, false]);
    expect(decodeCustomId(first.components[2]!.custom_id)?.page).toBe(1);
    const last = pagerRow(state, 5, 3);
    expect(last.components.map((b) => [b.label, b.disabled])).toEqual([
      ['Previous', false],
      ['Page 3 of 3', true],
      ['Next', true],
    ]);
    for (const only of [pagerRow(state, 0, 1), pagerRow(state, 0, 0)]) {
      expect(only.components.map((b) => b.disabled)).toEqual([true, true, true]);
      const payload = fit({ content: 'one page', components: [only] });
      expect(idsOf(payload)[0]).toHaveLength(3);
    }
    const huge = pagerRow(state, 999, 5000);
    expect(huge.components.map((b) => [b.label, b.disabled])).toEqual([
      ['Previous', false],
      ['Page 1000 of 5000', true],
      ['Next', true],
    ]);
  });
});

// ------------------------------------------------------------------ fuzzing

/** A small seeded PRNG (mulberry32), so that a failing case can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

const PIECES = [
  'a',
  'word ',
  ' ',
  '\n',
  '\t',
  '*',
  '_',
  '`',
  '|',
  '@everyone',
  '<@123>',
  '\\',
  '…',
  '#',
  '- ',
  '1. ',
  '😀',
  '👨‍👩‍👧',
  '\u0301',
  '\u200B',
  '\u202E',
  '\u0000',
  '\u0007',
  '\u0085',
  '\uD83D',
  '\uDE00',
  '\uFFFD',
  '中文',
  'ẞ',
  'https://example.com/x',
  'javascript:x',
  '98799 90466',
  '+919879990466',
  '%7C',
  '[github.com](https://evil.example)',
  '[mail](mailto:jane.doe@example.com)',
  '](',
  '[',
  ']',
  '(',
  ')',
];

function randomText(random: () => number, length: number): string {
  let text = '';
  while (text.length < length) {
    text += random() < 0.5 ? pick(random, PIECES) : String.fromCodePoint(Math.floor(random() * 0x30000));
  }
  return text;
}

function randomLength(random: () => number): number {
  const r = random();
  if (r < 0.1) return 0;
  if (r < 0.8) return Math.floor(random() * 40);
  if (r < 0.97) return Math.floor(random() * 1500);
  return Math.floor(random() * 10_000);
}

function randomValue(random: () => number, depth: number): unknown {
  const r = random();
  if (r < 0.55) return randomText(random, randomLength(random));
  if (r < 0.62) return Math.floor(random() * 2 ** 33) - 2 ** 32;
  if (r < 0.66) return null;
  if (r < 0.7) return undefined;
  if (r < 0.74) return random() < 0.5;
  if (depth <= 0) return {};
  if (r < 0.87) return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth - 1));
  const bag: Record<string, unknown> = {};
  for (const key of ['title', 'name', 'value', 'url', 'text', 'label', 'type', 'custom_id']) {
    if (random() < 0.3) bag[key] = randomValue(random, depth - 1);
  }
  return bag;
}

/** How many: mostly a few, now and then up to `max` (past the limits). */
function count(random: () => number, few: number, max: number): number {
  return Math.floor(random() * (random() < 0.8 ? few : max));
}

/** Mostly the right field, now and then anything at all. */
function maybe(random: () => number, good: () => unknown, depth = 2): unknown {
  const r = random();
  if (r < 0.7) return good();
  if (r < 0.85) return undefined;
  return randomValue(random, depth);
}

function randomUrl(random: () => number): string {
  return pick(random, [
    'https://example.com/' + randomText(random, randomLength(random)).replace(/\s/g, ''),
    'http://x.io',
    'https://example.com/' + 'p'.repeat(Math.floor(random() * 2200)),
    'ftp://x',
    'discord://-/channels/1',
    'nope',
    '',
  ]);
}

function randomEmbed(random: () => number): unknown {
  const text = () => randomText(random, randomLength(random));
  return {
    title: maybe(random, text),
    description: maybe(random, text),
    url: maybe(random, () => randomUrl(random)),
    color: maybe(random, () => Math.floor(random() * 0x2000000) - 10),
    timestamp: maybe(random, () => pick(random, ['2024-05-06T07:08:09Z', 'yesterday', 1.7e12, 9e99])),
    footer: maybe(random, () => ({ text: maybe(random, text), icon_url: maybe(random, () => randomUrl(random)) })),
    author: maybe(random, () => ({ name: maybe(random, text), url: maybe(random, () => randomUrl(random)) })),
    image: maybe(random, () => ({ url: randomUrl(random) })),
    thumbnail: maybe(random, () => ({ url: randomUrl(random) })),
    fields: maybe(random, () =>
      Array.from({ length: count(random, 6, 35) }, () =>
        maybe(random, () => ({ name: maybe(random, text), value: maybe(random, text), inline: maybe(random, () => random() < 0.5) })),
      ),
    ),
  };
}

function randomComponent(random: () => number): unknown {
  const text = () => randomText(random, randomLength(random));
  const id = () => (random() < 0.8 ? `id-${Math.floor(random() * 60)}` : randomText(random, Math.floor(random() * 120)));
  const r = random();
  if (r < 0.6) {
    return {
      type: ComponentType.Button,
      style: maybe(random, () => Math.floor(random() * 8)),
      label: maybe(random, text),
      emoji: maybe(random, () => ({ name: pick(random, ['🔎', '', 'x'.repeat(70)]), id: maybe(random, () => '123') })),
      custom_id: maybe(random, id),
      url: maybe(random, () => randomUrl(random)),
      sku_id: maybe(random, () => pick(random, ['1', 'x'])),
      disabled: maybe(random, () => random() < 0.5),
    };
  }
  if (r < 0.9) {
    return {
      type: pick(random, [3, 3, 3, 5, 6, 7, 8, 4]),
      custom_id: maybe(random, id),
      placeholder: maybe(random, text),
      min_values: maybe(random, () => Math.floor(random() * 30) - 2),
      max_values: maybe(random, () => Math.floor(random() * 30) - 2),
      options: maybe(random, () =>
        Array.from({ length: count(random, 6, 35) }, () => ({
          label: maybe(random, text),
          value: maybe(random, () => (random() < 0.7 ? `v${Math.floor(random() * 30)}` : text())),
          description: maybe(random, text),
          default: maybe(random, () => random() < 0.5),
        })),
      ),
      default_values: maybe(random, () => [
        { id: '5', type: 'user' },
        { id: 'x', type: 'role' },
      ]),
      channel_types: maybe(random, () => [0, 'x', 2]),
    };
  }
  return randomValue(random, 2);
}

function randomPayload(random: () => number): unknown {
  if (random() < 0.03) return randomValue(random, 3);
  return {
    content: maybe(random, () => randomText(random, randomLength(random))),
    embeds: maybe(random, () => Array.from({ length: count(random, 4, 22) }, () => maybe(random, () => randomEmbed(random)))),
    components: maybe(random, () =>
      Array.from({ length: Math.floor(random() * 9) }, () =>
        maybe(random, () => ({
          type: maybe(random, () => 1),
          components: Array.from({ length: Math.floor(random() * 12) }, () => randomComponent(random)),
        })),
      ),
    ),
    flags: maybe(random, () => Math.floor(random() * 70000)),
    allowed_mentions: maybe(random, () => ({ parse: ['everyone', 'roles', 'users'] })),
    tts: maybe(random, () => true),
  };
}

describe('fitReply on 2 000 random payloads', () => {
  it('always returns a payload within every limit, without throwing, and is idempotent', () => {
    const random = mulberry32(20240601);
    const secrets = ['+919879990466', 'jane.doe@example.com'];
    // How often the hard cases came up, so that the loop is known to reach them.
    const seen = { tenEmbeds: 0, nearTotal: 0, fiveRows: 0, fullRow: 0, select: 0, cutContent: 0, nothing: 0 };
    for (let i = 0; i < 2000; i++) {
      const payload = randomPayload(random);
      const options = i % 3 === 0 ? { redact: secrets } : {};
      let out: ReplyPayload | undefined;
      expect(() => {
        out = fitReply(payload as ReplyPayload, options);
      }, `payload #${i}`).not.toThrow();
      const fitted = out as ReplyPayload;
      expect(fitted.content, `payload #${i}`).not.toBe(UNFIT_REPLY);
      expect(checkReply(fitted, { secrets: options.redact ?? [] }), `payload #${i}`).toEqual([]);
      expect(fitReply(fitted, options), `payload #${i} fitted twice`).toEqual(fitted);
      if (options.redact) expect(JSON.stringify(fitted), `payload #${i}`).not.toMatch(/98799.?90466/);

      const rows = fitted.components ?? [];
      if (fitted.embeds?.length === 10) seen.tenEmbeds++;
      if (measureEmbeds(fitted.embeds ?? []) > 5000) seen.nearTotal++;
      if (rows.length === 5) seen.fiveRows++;
      if (rows.some((r) => r.components.length === 5)) seen.fullRow++;
      if (rows.some((r) => r.components[0]?.type === ComponentType.StringSelect)) seen.select++;
      if (fitted.content?.length === 2000 || fitted.content?.endsWith('…')) seen.cutContent++;
      if (fitted.content === NOTHING_TO_SHOW) seen.nothing++;
    }
    for (const [name, times] of Object.entries(seen)) expect(times, name).toBeGreaterThan(5);
  }, 120_000);

  it('fits random autocomplete choices', () => {
    const random = mulberry32(99);
    for (let i = 0; i < 300; i++) {
      const choices = Array.from({ length: Math.floor(random() * 40) }, () =>
        maybe(random, () => ({ name: randomText(random, randomLength(random)), value: randomText(random, Math.floor(random() * 120)) })),
      );
      const out = fitChoices(choices as AutocompleteChoice[]);
      expect(out.length).toBeLessThanOrEqual(25);
      expect(new Set(out.map((c) => c.value)).size).toBe(out.length);
      for (const choice of out) {
        expect(choice.name.length).toBeGreaterThanOrEqual(1);
        expect(choice.name.length).toBeLessThanOrEqual(100);
        expect(choice.value.length).toBeGreaterThanOrEqual(1);
        expect(choice.value.length).toBeLessThanOrEqual(100);
      }
    }
  });
});
