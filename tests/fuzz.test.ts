// Seeded fuzzing of every handler: random unicode, very long strings, markdown
// and mention syntax, slash lines with unknown options, forged custom_ids.
// Zero exceptions may escape, zero handler errors may be caught by the boundary
// (each would be a bug), zero payloads may break a Discord limit, and no
// payload may let a mention ping. Replay a failure with FUZZ_SEED=<seed>.
import { ApplicationCommandOptionType, InteractionResponseType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.js';
import { createDispatcher } from '../src/bot/dispatch.js';
import { answerInput } from '../src/bot/input.js';
import { parseSlashLine } from '../src/bot/slash-line.js';
import { createHttpResponder } from '../src/http/respond.js';
import { createLogger } from '../src/log.js';
import { encodeCustomId, type ReplyPayload } from '../src/replies/index.js';
import { checkReply } from './fake-discord/limits.js';
import { ASKER, OTHER, shippedPortfolio } from './helpers/bot.js';
import { mulberry32 } from './helpers/random.js';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261129);
const ROUNDS = 5200;
/** The shipped profile's private phone number. */
const PHONE = '+919879990466';

const PIECES = [
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@&123456789012345678>',
  '<#123456789012345678>',
  '**bold**',
  '__under__',
  '~~strike~~',
  '||spoiler||',
  '`code`',
  '```js\nx\n```',
  '> quote',
  '# heading',
  '[link](https://evil.example)',
  '\u200b',
  '\u202e',
  '\u0000',
  '\u0007',
  '\ud800',
  '\udfff',
  '👨🏻‍🎓',
  '🛰',
  'ñ',
  'é',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '\n',
  '\t',
  ' ',
  ':',
  '|',
  '%7C',
  'pb1|',
  'lookahead',
  'optimizers',
  'kaggle',
  'docker',
  'what',
  'does he know',
  '?',
  'name:',
  'query:"',
  'private:true',
  'level:expert',
  '/projects',
  '/project',
  '/ask',
  '9879990466',
  '+91 98799 90466',
];

function generator(seed: number) {
  const rand = mulberry32(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const randomChar = () => {
    const roll = rand();
    if (roll < 0.6) return String.fromCharCode(32 + int(95));
    if (roll < 0.8) return String.fromCodePoint(int(0x2fff));
    if (roll < 0.95) return String.fromCodePoint(0x1f300 + int(0x300));
    return String.fromCharCode(int(0x10000));
  };
  const text = (): string => {
    const shape = rand();
    if (shape < 0.05) return '';
    if (shape < 0.1) return pick(PIECES).repeat(1 + int(3000));
    if (shape < 0.15) return 'x'.repeat(int(7000));
    let out = '';
    const parts = 1 + int(12);
    for (let i = 0; i < parts; i++) out += rand() < 0.5 ? pick(PIECES) : Array.from({ length: 1 + int(20) }, randomChar).join('');
    return out;
  };
  const value = (): string | number | boolean => (rand() < 0.7 ? text() : rand() < 0.5 ? rand() * 1e6 - 5e5 : rand() < 0.5);
  return { rand, int, pick, text, value };
}

function checkPayload(payload: ReplyPayload, where: string): string[] {
  const problems = checkReply(payload, { secrets: [PHONE] }).map((p) => `${where}: ${p}`);
  const mentions = payload.allowed_mentions as { parse?: unknown[]; users?: unknown[]; roles?: unknown[] } | undefined;
  if (!mentions || (mentions.parse ?? []).length > 0 || (mentions.users ?? []).length > 0 || (mentions.roles ?? []).length > 0) {
    problems.push(`${where}: mentions not suppressed`);
  }
  if (/9879990466|98799\s*90466/.test(JSON.stringify(payload))) problems.push(`${where}: private phone number shown`);
  return problems;
}

describe(`fuzzing every handler (seed ${SEED}, replay with FUZZ_SEED=${SEED})`, () => {
  it(`survives ${ROUNDS} generated inputs with every payload within limits`, async () => {
    const portfolio = await shippedPortfolio();
    const handlerErrors: string[] = [];
    const dispatcher = createDispatcher({
      commands: COMMANDS,
      portfolio: () => portfolio,
      logger: createLogger('silent'),
      onOutcome: (outcome) => {
        if (outcome.outcome === 'error') handlerErrors.push(`${outcome.kind} ${outcome.name}`);
      },
    });
    const respond = createHttpResponder(dispatcher);
    const g = generator(SEED);
    const problems: string[] = [];
    const validIds: string[] = [];
    let inputs = 0;

    for (let round = 0; round < ROUNDS; round++) {
      const module = g.pick(COMMANDS);
      const name = module.definition.name;
      const user = g.rand() < 0.5 ? ASKER : OTHER;
      const options: Record<string, string | number | boolean> = {};
      for (const option of module.definition.options ?? []) if (g.rand() < 0.8) options[option.name] = g.value();
      if (g.rand() < 0.2) options[g.text().slice(0, 20) || 'junk'] = g.value();
      const kind = round % 6;
      try {
        inputs++;
        if (kind === 0 || kind === 1) {
          const payload = dispatcher.command(g.rand() < 0.05 ? g.text().slice(0, 40) : name, { options, user });
          problems.push(...checkPayload(payload, `/${name} ${JSON.stringify(options).slice(0, 200)}`));
          for (const row of payload.components ?? []) for (const c of row.components) if ('custom_id' in c) validIds.push(c.custom_id);
        } else if (kind === 2) {
          const focused = { name: g.pick((module.definition.options ?? []).map((o) => o.name).concat('query')), value: g.text() };
          const choices = dispatcher.autocomplete(name, focused, { options, user });
          if (choices.length > 25) problems.push(`autocomplete ${name}: ${choices.length} choices`);
          for (const choice of choices)
            if (choice.name.length < 1 || choice.name.length > 100 || choice.value.length > 100)
              problems.push(`autocomplete ${name}: bad choice`);
        } else if (kind === 3) {
          // Forged ids: random text, mutated real ids, well-formed ids for actions that don't exist.
          const roll = g.rand();
          const id =
            roll < 0.3 || validIds.length === 0
              ? g.text().slice(0, 120)
              : roll < 0.6
                ? g
                    .pick(validIds)
                    .replace(/\d/, String(g.int(10)))
                    .slice(0, 100 - g.int(5))
                : roll < 0.8
                  ? encodeCustomId({
                      command: g.pick(['projects', 'share', 'project', 'skills', 'nope']),
                      action: g.pick(['page', 'open', 'projects', 'x']),
                      page: g.int(1000),
                      user: g.pick([ASKER.id, OTHER.id]),
                      key: g.text().slice(0, 200),
                    })
                  : g.pick(validIds);
          const values = g.rand() < 0.5 ? [g.text().slice(0, 120)] : [];
          const result = dispatcher.component(id, values, user);
          problems.push(...checkPayload(result.payload, `component ${JSON.stringify(id).slice(0, 120)}`));
        } else if (kind === 4) {
          const line =
            g.rand() < 0.6
              ? `/${g.rand() < 0.8 ? name : g.text().slice(0, 10)} ${g.text()} ${g.text().slice(0, 10)}:${g.text().slice(0, 30)}`
              : g.text();
          parseSlashLine(line, COMMANDS);
          problems.push(...checkPayload(answerInput(line, dispatcher, user), `line ${JSON.stringify(line).slice(0, 120)}`));
        } else {
          // Raw interactions as the HTTP endpoint receives them, shapes included.
          const interaction = {
            type: g.pick([2, 3, 4, 5]),
            data: {
              name: g.rand() < 0.8 ? name : g.text().slice(0, 40),
              custom_id: g.text().slice(0, 100),
              values: g.rand() < 0.5 ? [g.text()] : undefined,
              options: Object.entries(options).map(([optionName, value]) => ({
                name: optionName,
                type: ApplicationCommandOptionType.String,
                value,
                focused: g.rand() < 0.3,
              })),
            },
            member: { user: { id: user.id, username: 'u' } },
          };
          // Commands that reach the store (/portfolio) answer once done: a promise.
          const response = (await respond(interaction as never)) as { type: number; data?: ReplyPayload & { choices?: unknown[] } };
          if (response.type !== InteractionResponseType.ApplicationCommandAutocompleteResult) {
            if (!response.data) problems.push(`http type ${interaction.type}: no data`);
            else problems.push(...checkPayload(response.data, `http type ${interaction.type}`));
          }
        }
      } catch (error) {
        problems.push(`round ${round} (${name}, kind ${kind}): threw ${(error as Error).stack ?? String(error)}`);
      }
      if (problems.length > 20) break;
    }
    expect(problems, `replay with FUZZ_SEED=${SEED}`).toEqual([]);
    expect(handlerErrors, `handler errors caught by the boundary; replay with FUZZ_SEED=${SEED}`).toEqual([]);
    expect(inputs).toBeGreaterThanOrEqual(5000);
  }, 120_000);
});
