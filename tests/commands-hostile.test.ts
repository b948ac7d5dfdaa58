// Every command, every string option, every hostile input of the issue: a normal
// answer that holds every Discord limit, pings nobody and never shows the phone.
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.js';
import { checkReply } from './fake-discord/limits.js';
import { input, testDispatcher } from './helpers/bot.js';

/** The shipped profile's private phone number. */
const PHONE = '+919879990466';

const HOSTILE: Record<string, string> = {
  '6000 characters': 'lookahead '.repeat(600),
  '@everyone': '@everyone @here <@123456789012345678> <@&123456789012345678>',
  markdown: '**bold** __under__ ~~strike~~ ||spoiler|| `code` ```js\nx\n``` > quote # heading [link](https://evil.example)',
  'zero-width and control': 'look\u200bahead\u0000\u0007\u202e\u2066optimizers',
  emoji: '🛰👨🏻‍🎓🥁🥁🥁',
  empty: '',
  '3000-character name': 'x'.repeat(3000),
  'phone number': 'call +91 98799 90466',
};

describe.each(COMMANDS.map((module) => [module.definition.name, module] as const))('/%s with hostile input', (name, module) => {
  const stringOptions = (module.definition.options ?? [])
    .filter((option) => option.type === ApplicationCommandOptionType.String)
    .map((option) => option.name);

  it.each(Object.entries(HOSTILE))('%s', async (_label, text) => {
    const dispatcher = await testDispatcher();
    const runs = stringOptions.length > 0 ? stringOptions.map((option) => ({ [option]: text })) : [{}];
    for (const options of runs) {
      for (const privately of [false, true]) {
        const payload = dispatcher.command(name, input({ ...options, private: privately }));
        expect(checkReply(payload, { secrets: [PHONE] })).toEqual([]);
        expect(payload.allowed_mentions).toEqual({ parse: [] });
        expect(JSON.stringify(payload)).not.toMatch(/9879990466|98799 90466/);
        expect(payload.content ?? payload.embeds?.[0]?.title ?? '').not.toMatch(/Something went wrong/);
      }
      for (const option of stringOptions) {
        const choices = dispatcher.autocomplete(name, { name: option, value: text }, input(options));
        expect(choices.length).toBeLessThanOrEqual(25);
        for (const choice of choices) {
          expect(choice.name.length).toBeGreaterThan(0);
          expect(choice.name.length).toBeLessThanOrEqual(100);
          expect(choice.value.length).toBeLessThanOrEqual(100);
        }
      }
    }
  });
});
