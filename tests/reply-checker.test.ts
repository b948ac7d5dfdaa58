// The tests' own reply checker (tests/fake-discord/limits.ts, written apart from
// src/replies): every other test trusts it to find what fitReply should have
// removed, so each kind of mistake is fed to it here and the exact reason asserted.
import { describe, expect, it } from 'vitest';
import { checkReply } from './fake-discord/limits.js';

const NO_PINGS = { parse: [] };
/** The reasons for a payload with `content` and nothing else wrong. */
const contentReasons = (content: string, secrets: string[] = []): string[] =>
  checkReply({ content, allowed_mentions: NO_PINGS }, { secrets });
const descriptionReasons = (description: string): string[] => checkReply({ embeds: [{ description }], allowed_mentions: NO_PINGS });
const button = (extra: Record<string, unknown>) => ({ type: 2, style: 2, label: 'go', custom_id: 'go', ...extra });
const componentReasons = (...components: unknown[]): string[] =>
  checkReply({ components: [{ type: 1, components }], allowed_mentions: NO_PINGS });

describe('checkReply', () => {
  it('accepts a reply as the bot sends it', () => {
    expect(
      checkReply({
        content: 'Hi @\u200Beveryone, see [the repo](https://github.com/ada/x) and `\u200B`',
        embeds: [
          {
            title: 'Ada 👩\u200D💻',
            description: '[github.com/ada](https://www.github.com/ada) · [docs](<https://docs.example.org/a>)',
            url: 'https://example.org',
            author: { name: 'Ada', url: 'https://example.org' },
            fields: [{ name: '\u200B', value: 'می\u200Cخواهم <\u200B@123>' }],
            footer: { text: 'foot' },
            image: { url: 'https://example.org/a.png' },
          },
        ],
        components: [
          {
            type: 1,
            components: [
              button({ emoji: { name: '📣' } }),
              { type: 2, style: 5, label: 'Mail', url: 'https://example.org', emoji: { name: '✉️' } },
            ],
          },
          { type: 1, components: [{ type: 3, custom_id: 'menu', options: [{ label: 'a', value: 'a', emoji: { name: '💤' } }] }] },
        ],
        flags: 64,
        allowed_mentions: NO_PINGS,
      }),
    ).toEqual([]);
  });

  it('still names what Discord itself refuses', () => {
    expect(checkReply('x')).toEqual(['message payload must be a JSON object']);
    expect(checkReply({ allowed_mentions: NO_PINGS })).toEqual(['Cannot send an empty message']);
    expect(contentReasons('x'.repeat(2001))).toEqual(['content must be at most 2000 characters (got 2001)']);
    expect(checkReply({ content: 'x', allowed_mentions: { parse: ['everyone'] } })).toEqual([
      'mentions not suppressed (allowed_mentions parse is ["everyone"])',
    ]);
  });

  it('wants allowed_mentions spelled { parse: [] } and no flag but ephemeral', () => {
    expect(checkReply({ content: 'x', allowed_mentions: {} })).toEqual(['allowed_mentions must be { parse: [] }']);
    expect(checkReply({ content: 'x', flags: 4, allowed_mentions: NO_PINGS })).toEqual([
      'flags 4: a reply carries no flag but ephemeral (64)',
    ]);
    expect(checkReply({ content: 'x', flags: 64 | 4096, allowed_mentions: NO_PINGS })).toEqual([
      'flags 4160: a reply carries no flag but ephemeral (64)',
    ]);
  });

  it('finds blank texts and lone surrogates', () => {
    expect(checkReply({ embeds: [{ title: ' \n', description: 'd' }], allowed_mentions: NO_PINGS })).toEqual(['embeds[0].title is blank']);
    expect(contentReasons('a\uD800b')).toEqual(['content holds a lone surrogate']);
    expect(componentReasons(button({ custom_id: 'x\uDC00' }))).toEqual(['components[0].components[0].custom_id holds a lone surrogate']);
  });

  it('finds invisible and bidi control characters, but for the places where one hides nothing', () => {
    expect(contentReasons('exe.\u202Etxt')).toEqual(['content holds an invisible or bidi control character (U+202E)']);
    expect(contentReasons('a\u2066b\u2069 c\u200Bd \uFEFF\u00AD\u2060')).toEqual([
      'content holds an invisible or bidi control character (U+2066, U+2069, U+200B, U+FEFF, U+00AD, U+2060)',
    ]);
    // A ZWJ only inside an emoji sequence, a ZWNJ only between letters.
    expect(contentReasons('x\u200Dy 🔎\u200D')).toEqual(['content holds an invisible or bidi control character (U+200D)']);
    expect(contentReasons('\u200Cword')).toEqual(['content holds an invisible or bidi control character (U+200C)']);
    expect(componentReasons(button({ label: 'g\u200Eo' }))).toEqual([
      'components[0].components[0].label holds an invisible or bidi control character (U+200E)',
    ]);
    expect(contentReasons('👩🏽\u200D💻 ❤️\u200D🔥 می\u200Cخواهم @\u200Bhere <\u200B#1> ```\n`\u200B``\n```')).toEqual([]);
  });

  it('finds every live mention form, and none once broken', () => {
    const forms = [
      '@everyone',
      '@here',
      '<@123>',
      '<@!123>',
      '<@&123>',
      '<#123>',
      '</ping:123>',
      '</project open:123>',
      '<:e:123>',
      '<a:e:123>',
      '<t:1700000000>',
      '<t:1700000000:R>',
      '<id:customize>',
    ];
    for (const form of forms) expect(contentReasons(`hi ${form}!`), form).toEqual([`content holds a live mention: ${form}`]);
    expect(checkReply({ embeds: [{ title: '@Here' }], allowed_mentions: NO_PINGS })).toEqual([
      'embeds[0].title holds a live mention: @Here',
    ]);
    expect(contentReasons('@\u200Beveryone <\u200B@123> a@b.co 3 < 4 <@abc> <https://example.org>')).toEqual([]);
  });

  it('finds masked links that open no http(s) page, where links render', () => {
    expect(contentReasons('write [to me](mailto:a@b.co)')).toEqual(['content: masked link [to me](mailto:a@b.co) opens no http(s) page']);
    expect(descriptionReasons('[x](javascript:alert(1))')).toEqual([
      'embeds[0].description: masked link [x](javascript:alert(1) has a target that is not a plain url',
    ]);
    expect(descriptionReasons('[cv](/resume.pdf)')).toEqual(['embeds[0].description: masked link [cv](/resume.pdf) opens no http(s) page']);
    expect(checkReply({ embeds: [{ fields: [{ name: 'n', value: '[call](tel:+1234567)' }] }], allowed_mentions: NO_PINGS })).toEqual([
      'embeds[0].fields[0].value: masked link [call](tel:+1234567) opens no http(s) page',
    ]);
  });

  it('finds masked links whose text names another site than they open', () => {
    expect(descriptionReasons('[github.com](https://evil.example)')).toEqual([
      'embeds[0].description: masked link [github.com](https://evil.example) names github.com but opens evil.example',
    ]);
    expect(descriptionReasons('[https://github.com/ada](https://evil.example/phish)')).toEqual([
      'embeds[0].description: masked link [https://github.com/ada](https://evil.example/phish) names github.com but opens evil.example',
    ]);
    // Emphasis and escapes do not hide a name; a look-alike letter does not pass for it; user info is not the host.
    expect(descriptionReasons('[**github**\\.com](https://evil.example)')).toEqual([
      'embeds[0].description: masked link [**github**\\.com](https://evil.example) names github.com but opens evil.example',
    ]);
    expect(descriptionReasons('[github.com](https://gіthub.com/ada)')).toEqual([
      'embeds[0].description: masked link [github.com](https://gіthub.com/ada) names github.com but opens xn--gthub-n2e.com',
    ]);
    expect(descriptionReasons('[github.com](https://github.com@evil.example/x)')).toEqual([
      'embeds[0].description: masked link [github.com](https://github.com@evil.example/x) names github.com but opens evil.example',
    ]);
    expect(descriptionReasons('[paypal.com](https://paypal.com.evil.example/login)')).toEqual([
      'embeds[0].description: masked link [paypal.com](https://paypal.com.evil.example/login) names paypal.com but opens paypal.com.evil.example',
    ]);
    // The same site, a subdomain of it, or no site named at all: fine.
    expect(
      descriptionReasons(
        '[github.com/ada](https://www.github.com/ada) [docs](https://docs.github.com) ' +
          '[Lookahead](https://evil.example) [ada.github.io/files/Ada_CV.pdf](https://ada.github.io/files/Ada_CV.pdf)',
      ),
    ).toEqual([]);
  });

  it('finds masked links whose target is not written plainly', () => {
    expect(contentReasons('[github.com](https://github.com(x)@evil.example/)')).toEqual([
      'content: masked link [github.com](https://github.com(x) has a target that is not a plain url',
    ]);
    expect(contentReasons('[docs](<https://example.org/a> "title")')).toEqual([
      'content: masked link [docs](<https://example.org/a> "title") has a target that is not a plain url',
    ]);
  });

  it('leaves text that renders no link alone: escaped brackets, field names, titles, a link broken up', () => {
    expect(contentReasons('not a link: \\[a@b.co\\](mailto:a@b.co) and [github.com] (https://evil.example)')).toEqual([]);
    expect(contentReasons('[x \\[github.com](https://evil.example)')).toEqual([]);
    // Link text runs on to the last "](" before the ")": the first one ends nothing.
    expect(contentReasons('[a](b c](https://example.org)')).toEqual([]);
    expect(contentReasons('[a](b c github.com](https://example.org)')).toEqual([
      'content: masked link [a](b c github.com](https://example.org) names github.com but opens example.org',
    ]);
    // An escaped "]" still ends link text, and an escaped "[" inside it still counts.
    expect(contentReasons('[a\\](mailto:a@b.co) [x \\[y] github.com](https://evil.example)')).toEqual([
      'content: masked link [a\\](mailto:a@b.co) opens no http(s) page',
      'content: masked link [x \\[y] github.com](https://evil.example) names github.com but opens evil.example',
    ]);
    expect(
      checkReply({
        embeds: [{ title: '[github.com](https://evil.example)', fields: [{ name: '[x](mailto:a@b.co)', value: 'v' }] }],
        allowed_mentions: NO_PINGS,
      }),
    ).toEqual([]);
  });

  it('finds control characters in ids and option values', () => {
    expect(componentReasons(button({ custom_id: 'a\u0000b' }))).toEqual([
      'components[0].components[0].custom_id holds a control character',
    ]);
    expect(componentReasons({ type: 3, custom_id: 'm', options: [{ label: 'a', value: 'a\tb' }] })).toEqual([
      'components[0].components[0].options[0].value holds a control character',
    ]);
  });

  it('finds urls with hidden characters, too long, or not http(s)', () => {
    expect(checkReply({ embeds: [{ title: 't', url: 'https://example.org/\u202Etxt.exe' }], allowed_mentions: NO_PINGS })).toEqual([
      'embeds[0].url holds a space, control or invisible character',
    ]);
    const long = `https://example.org/${'p'.repeat(2030)}`;
    expect(checkReply({ embeds: [{ title: 't', thumbnail: { url: long } }], allowed_mentions: NO_PINGS })).toEqual([
      `embeds[0].thumbnail.url must be at most 2048 characters (got ${long.length})`,
    ]);
    expect(checkReply({ embeds: [{ image: { url: 'attachment://a.png' } }], allowed_mentions: NO_PINGS })).toEqual([
      'embeds[0].image.url is not an http(s) url',
    ]);
    expect(
      checkReply({ embeds: [{ title: 't', footer: { text: 'f', icon_url: 'ftp://example.org/i.png' } }], allowed_mentions: NO_PINGS }),
    ).toEqual(['embeds[0].footer.icon_url is not an http(s) url']);
    expect(componentReasons({ type: 2, style: 5, label: 'open', url: 'discord://-/channels/1/2' })).toEqual([
      'components[0].components[0].url is not an http(s) url',
    ]);
  });

  it('wants emoji that are one Unicode emoji', () => {
    expect(componentReasons(button({ emoji: { name: 'x' } }))).toEqual(['components[0].components[0].emoji is not one Unicode emoji']);
    expect(componentReasons(button({ emoji: { name: '🔎🔎' } }))).toEqual(['components[0].components[0].emoji is not one Unicode emoji']);
    expect(componentReasons(button({ emoji: { id: '123456789012345678', name: '🔎' } }))).toEqual([
      'components[0].components[0].emoji has an id: the bot uses no custom emoji',
    ]);
    expect(componentReasons({ type: 3, custom_id: 'm', options: [{ label: 'a', value: 'a', emoji: { name: '' } }] })).toEqual([
      'components[0].components[0].options[0].emoji is not one Unicode emoji',
    ]);
  });

  it('finds embeds that show nothing and menus whose counts contradict each other', () => {
    expect(checkReply({ content: 'x', embeds: [{ color: 5, footer: { text: 'only a footer' } }], allowed_mentions: NO_PINGS })).toEqual([
      'embeds[0] shows nothing (no title, description, field, image or thumbnail)',
    ]);
    const options = [
      { label: 'a', value: 'a', default: true },
      { label: 'b', value: 'b', default: true },
    ];
    expect(componentReasons({ type: 3, custom_id: 'm', min_values: 2, max_values: 1, options })).toEqual([
      'components[0].components[0]: min_values (2) over max_values (1)',
      'components[0].components[0]: 2 options chosen by default, over max_values (1)',
    ]);
  });

  it('finds a phone number in any spelling, anywhere, by its last eight digits', () => {
    const phone = '+919879990466';
    const spellings = [
      '98799 90466',
      '+91-98799-90466',
      '９８７９９ ９０４６６',
      '٩٨٧٩٩٩٠٤٦٦',
      '९८७९९९०४६६',
      '𝟗𝟖𝟕𝟗𝟗𝟗𝟎𝟒𝟔𝟔',
      '⑨⑧⑦⑨⑨⑨⓪④⑥⑥',
      '98799_90466',
      '799 90466',
    ];
    for (const spelling of spellings)
      expect(contentReasons(`tel ${spelling}.`, [phone]), spelling).toEqual(['content shows a private value']);
    expect(
      checkReply(
        { content: 'x', components: [{ type: 1, components: [button({ custom_id: 'call-9879990466' })] }], allowed_mentions: NO_PINGS },
        { secrets: [phone] },
      ),
    ).toEqual(['components[0].components[0].custom_id shows a private value']);
    expect(
      checkReply({ embeds: [{ title: 't', url: 'https://wa.me/919879990466' }], allowed_mentions: NO_PINGS }, { secrets: [phone] }),
    ).toEqual(['embeds[0].url shows a private value']);
    // A letter ends a run of digits; fewer than its last eight digits is not the number.
    expect(contentReasons('98799 x 90466, 9990466, [private], 2019 2020', [phone])).toEqual([]);
  });

  it('finds another secret by its letters and digits, in any case, with anything between them', () => {
    const email = 'jane.doe@example.com';
    for (const spelling of ['Jane.Doe@Example.com', 'jane-.doe@exa-mple.com', 'ＪＡＮＥ.DOE@EXAMPLE.COM', 'jane_doe (example) com']) {
      expect(contentReasons(`mail ${spelling}`, [email]), spelling).toEqual(['content shows a private value']);
    }
    expect(contentReasons('mail jane.doe at example.com', [email])).toEqual([]);
    // A secret too short to look for is ignored rather than found everywhere.
    expect(contentReasons('a b c', ['a'])).toEqual([]);
  });
});
