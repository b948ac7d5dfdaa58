// /projects and /project through the real dispatcher: what the cards and lists
// show, how their components behave for the asker and for anyone else, and that
// hostile input never breaks a limit, pings anyone or leaks the private phone.
import {
  ApplicationCommandOptionType,
  ComponentType,
  MessageFlags,
  type APIEmbed,
  type APIMessageComponent,
  type APIStringSelectComponent,
} from 'discord-api-types/v10';
import { beforeAll, describe, expect, test } from 'vitest';
import { COMMANDS } from '../commands/index.js';
import type { Dispatcher } from '../src/bot/dispatch.js';
import type { ComponentResult, Invoker, OptionValue } from '../src/bot/types.js';
import type { Profile } from '../src/profile/schema.js';
import { decodeCustomId, measureEmbeds, type ReplyPayload } from '../src/replies/index.js';
import { ASKER, expectWithinLimits, input, OTHER, shippedPortfolio, testDispatcher } from './helpers/bot.js';

const PHONE_DIGITS = '9879990466';
const LOOKAHEAD_REPO = 'https://github.com/akashpalrecha/Lookahead';

let dispatcher: Dispatcher;
let profile: Profile;

beforeAll(async () => {
  dispatcher = await testDispatcher();
  profile = (await shippedPortfolio()).profile;
});

/** Every payload checked for what must hold of all of them. */
function checked(payload: ReplyPayload): ReplyPayload {
  expectWithinLimits(payload);
  expect(payload.allowed_mentions).toEqual({ parse: [] });
  expect(JSON.stringify(payload).replace(/\D/g, '')).not.toContain(PHONE_DIGITS);
  if (payload.embeds) for (const embed of payload.embeds) expect(embed.title ?? embed.description ?? embed.fields?.length).toBeTruthy();
  return payload;
}

function run(name: string, options: Record<string, OptionValue | undefined> = {}, user: Invoker = ASKER): ReplyPayload {
  return checked(dispatcher.command(name, { options, user }));
}

function press(customId: string, values: readonly string[] = [], user: Invoker = ASKER): ComponentResult {
  const result = dispatcher.component(customId, values, user);
  checked(result.payload);
  return result;
}

const componentsOf = (payload: ReplyPayload): APIMessageComponent[] => (payload.components ?? []).flatMap((row) => row.components);

function linkButtons(payload: ReplyPayload): { label: string | undefined; url: string }[] {
  return componentsOf(payload).flatMap((c) => (c.type === ComponentType.Button && 'url' in c ? [{ label: c.label, url: c.url }] : []));
}

function buttonByLabel(payload: ReplyPayload, label: string | RegExp): { custom_id: string; disabled: boolean } {
  for (const c of componentsOf(payload)) {
    if (
      c.type === ComponentType.Button &&
      'custom_id' in c &&
      c.label !== undefined &&
      (typeof label === 'string' ? c.label === label : label.test(c.label))
    ) {
      return { custom_id: c.custom_id, disabled: c.disabled ?? false };
    }
  }
  throw new Error(`no button ${String(label)} in ${JSON.stringify(payload.components)}`);
}

function selectOf(payload: ReplyPayload): APIStringSelectComponent {
  const select = componentsOf(payload).find((c): c is APIStringSelectComponent => c.type === ComponentType.StringSelect);
  if (!select) throw new Error(`no select menu in ${JSON.stringify(payload.components)}`);
  return select;
}

function firstEmbed(payload: ReplyPayload): APIEmbed {
  const embed = payload.embeds?.[0];
  if (!embed) throw new Error(`no embed in ${JSON.stringify(payload)}`);
  return embed;
}

function fieldValue(embed: APIEmbed, name: string): string {
  const found = embed.fields?.find((f) => f.name === name);
  if (!found) throw new Error(`no field ${name} in ${JSON.stringify(embed.fields?.map((f) => f.name))}`);
  return found.value;
}

const fieldNames = (embed: APIEmbed): string[] => (embed.fields ?? []).map((f) => f.name);

function projectNamed(name: string) {
  const found = profile.projects.find((p) => p.name === name);
  if (!found) throw new Error(`no project ${name}`);
  return found;
}

describe('definitions', () => {
  test('/projects and /project are registered, as data within the limits', () => {
    const byName = new Map(COMMANDS.map((module) => [module.definition.name, module]));
    const projects = byName.get('projects');
    const project = byName.get('project');
    expect(projects?.definition.options?.map((o) => o.name)).toEqual(['query', 'member', 'private']);
    expect(project?.definition.options?.map((o) => o.name)).toEqual(['name', 'member', 'private']);
    expect(project?.definition.options?.[0]).toMatchObject({
      type: ApplicationCommandOptionType.String,
      required: true,
      autocomplete: true,
    });
    expect(projects?.definition.options?.[0]).toMatchObject({ type: ApplicationCommandOptionType.String, required: false });
    for (const module of [projects, project]) {
      const definition = module?.definition;
      expect(definition?.description.length).toBeGreaterThan(0);
      expect(definition?.description.length).toBeLessThanOrEqual(100);
      for (const option of definition?.options ?? []) {
        expect(option.name).toMatch(/^[-_'\p{Ll}\p{N}]{1,32}$/u);
        expect(option.description.length).toBeLessThanOrEqual(100);
      }
    }
  });
});

describe('/projects <query>', () => {
  test('optimizers: the Lookahead card first, with its repo, report and paper, then the other matches', () => {
    const payload = run('projects', { query: 'optimizers' });
    const card = firstEmbed(payload);
    expect(card.title).toBe('Lookahead Optimizer Analysis');
    expect(card.url).toBe(LOOKAHEAD_REPO);
    expect(card.author?.name).toBe('Akash Palrecha');
    expect(card.description).toBe(projectNamed('Lookahead Optimizer Analysis').summary);
    expect(fieldNames(card)).toEqual(['Results', 'Highlights', 'Details', 'Built with', 'Category']);
    expect(fieldValue(card, 'Results')).toMatch(/^Validation loss: \*\*Lowest \(Lookahead\+SGD\)\*\* — Compared to AdamW/);
    expect(fieldValue(card, 'Category')).toBe('Training Deep Models');
    expect(card.footer?.text).toContain('/projects <query>');

    const links = linkButtons(payload);
    expect(links).toEqual([
      { label: 'Paper', url: 'https://arxiv.org/abs/1907.08610' },
      { label: 'Report', url: 'https://www.notion.so/Lookahead-Optimizer-Project-913e45b63e9a4528bee56a588e477f9f' },
      { label: 'Repo', url: LOOKAHEAD_REPO },
    ]);

    const also = payload.embeds?.[1];
    expect(also?.title).toBe('Also matching “optimizers”');
    expect(also?.description).toMatch(/^• \*\*Java-ML\*\* \(85 %\) — /);

    const select = selectOf(payload);
    expect(select.options.map((o) => o.value)).toEqual(['lookahead-optimizer-analysis', 'java-ml']);
    expect(decodeCustomId(select.custom_id)).toEqual({ command: 'projects', action: 'open', user: ASKER.id, key: 'optimizers' });
  });

  test('a single match is a card alone, with no "also matching" and no menu', () => {
    const payload = run('projects', { query: 'toxic' });
    expect(payload.embeds?.map((e) => e.title)).toEqual(['Toxic Comments Classification using ULMFiT']);
    expect(componentsOf(payload).every((c) => c.type === ComponentType.Button && 'url' in c)).toBe(true);
  });

  test('no match: a short private answer that echoes the query and suggests names and commands', () => {
    const payload = run('projects', { query: 'blockchain' });
    expect(payload.embeds).toBeUndefined();
    expect(payload.flags).toBe(MessageFlags.Ephemeral);
    expect(payload.content).toContain('No project matches “blockchain”.');
    expect(payload.content).toContain('**Lookahead Optimizer Analysis**');
    expect(payload.content).toContain('**Drought Detection Challenge**');
    expect(payload.content).toContain('/projects');
    expect(selectOf(payload).options.map((o) => o.value)).toEqual([
      'lookahead-optimizer-analysis',
      'drought-detection-challenge',
      'toxic-comments-classification',
    ]);
  });

  test('opening a match, then "All matches", pages through the matches of the same query', () => {
    const payload = run('projects', { query: 'kaggle' });
    expect(firstEmbed(payload).title).toBe('Toxic Comments Classification using ULMFiT');
    const opened = press(selectOf(payload).custom_id, ['human-protein-atlas-classification']);
    expect(opened.type).toBe('update');
    expect(firstEmbed(opened.payload).title).toBe('Human Protein Atlas Classification');
    expect(selectOf(opened.payload).options.map((o) => o.value)).toEqual([
      'toxic-comments-classification',
      'human-protein-atlas-classification',
    ]);

    const list = press(buttonByLabel(opened.payload, 'All matches').custom_id);
    expect(list.type).toBe('update');
    const embed = firstEmbed(list.payload);
    expect(embed.title).toBe('Projects matching “kaggle”');
    expect(embed.description?.split('\n')).toEqual([
      expect.stringMatching(/^• \*\*\[Toxic Comments Classification using ULMFiT\]\(https:\/\/github\.com\/.+\)\*\* — .+ · match 85 %$/),
      expect.stringMatching(
        /^• \*\*\[Human Protein Atlas Classification\]\(https:\/\/www\.kaggle\.com\/.+\)\*\* — .+ · match 85 % · 🛑 Dropped$/,
      ),
    ]);
  });
});

describe('/project name', () => {
  test('a typo still finds the project: lookahed → Lookahead', () => {
    const card = firstEmbed(run('project', { name: 'lookahed' }));
    expect(card.title).toBe('Lookahead Optimizer Analysis');
    expect(card.url).toBe(LOOKAHEAD_REPO);
  });

  test('by id, by name and by alias in any case', () => {
    expect(firstEmbed(run('project', { name: 'java-ml' })).title).toBe('Java-ML');
    expect(firstEmbed(run('project', { name: 'fast callbacks' })).title).toBe('Fast Callbacks');
    expect(firstEmbed(run('project', { name: 'IMAGEREADER' })).title).toBe('Image Augmentation Package');
    expect(firstEmbed(run('project', { name: 'Drought Watch' })).title).toBe('Drought Detection Challenge');
  });

  test('drought: the leaderboard image and the #1 result', () => {
    const card = firstEmbed(run('project', { name: 'drought-detection-challenge' }));
    expect(card.image).toEqual({ url: 'https://akashpalrecha.github.io/files/About/leaderboard.png' });
    expect(fieldValue(card, 'Results')).toBe(
      'Leaderboard rank: **#1** — Weights and Biases leaderboard; #1 since September 2019, as of 13 Jan 2020',
    );
    expect(card.url).toBe('https://github.com/akashpalrecha/drought-watch');
  });

  test('toxic comments: 99.26 % accuracy and 98.7 % ROC-AUC', () => {
    const payload = run('project', { name: 'toxic-comments-classification' });
    const results = fieldValue(firstEmbed(payload), 'Results').split('\n');
    expect(results[0]).toMatch(/^Accuracy: \*\*99\.26 %\*\* — /);
    expect(results[1]).toMatch(/^ROC-AUC: \*\*98\.7 %\*\* — /);
    expect(linkButtons(payload).map((b) => b.label)).toEqual(['Repo', 'Gist']);
  });

  test('protein atlas: status Dropped first, with its note, then about 88 % and fbeta 0.412', () => {
    const payload = run('project', { name: 'human-protein-atlas-classification' });
    const card = firstEmbed(payload);
    expect(fieldNames(card)[0]).toBe('Status');
    expect(fieldValue(card, 'Status')).toMatch(/^🛑 Dropped — An incomplete \/ dropped project/);
    expect(fieldValue(card, 'Results')).toBe(
      'Accuracy: **about 88 %** — Multilabel classification task involving 29 classes\nfbeta: **0.412** — Best fbeta score',
    );
    expect(linkButtons(payload)).toEqual([
      { label: 'Competition', url: 'https://www.kaggle.com/c/human-protein-atlas-image-classification' },
    ]);
    expect(card.url).toBe('https://www.kaggle.com/c/human-protein-atlas-image-classification');
  });

  test('image augmentation: the usage code block and status Unmaintained', () => {
    const card = firstEmbed(run('project', { name: 'image-augmentation-package' }));
    expect(fieldValue(card, 'Status')).toMatch(/^💤 Unmaintained — No longer used or maintained/);
    const usage = fieldValue(card, 'Usage');
    expect(usage.startsWith('```python\nfrom ImageReader import *\n')).toBe(true);
    expect(usage).toContain('imr = ImageReader(PATH_TO_IMAGES, transforms=tfms)');
    expect(usage.endsWith('\n```')).toBe(true);
    expect(fieldNames(card)).toEqual(['Status', 'Highlights', 'Details', 'Usage', 'Built with', 'Category']);
  });

  test('book review: a Demo button to the Heroku app', () => {
    const links = linkButtons(run('project', { name: 'book-review-website' }));
    expect(links).toEqual([
      { label: 'Demo', url: 'https://boiling-gorge-23297.herokuapp.com/' },
      { label: 'Repo', url: 'https://github.com/akashpalrecha/books-reviews-website' },
    ]);
  });

  test('no match: a private answer with the closest names, never an empty embed', () => {
    const payload = run('project', { name: 'quantum teleporter' });
    expect(payload.embeds).toBeUndefined();
    expect(payload.flags).toBe(MessageFlags.Ephemeral);
    expect(payload.content).toContain("I couldn't find a project called “quantum teleporter”.");
    expect(payload.content).toMatch(/Did you mean \*\*.+\*\*/);
    expect(payload.content).toContain('/projects');
  });

  test('every project card holds every limit, keeps all its fields and its links', () => {
    expect(profile.projects).toHaveLength(10);
    for (const project of profile.projects) {
      const payload = run('project', { name: project.id });
      const card = firstEmbed(payload);
      expect(card.title).toBe(project.name);
      expect(card.description).toBe(project.summary);
      expect(measureEmbeds(payload.embeds ?? [])).toBeLessThanOrEqual(6000);
      // Nothing was cut by fitting: the last field is still the category.
      expect(fieldNames(card).at(-1)).toBe('Category');
      expect(fieldNames(card).includes('Status')).toBe(project.status !== 'active');
      expect(linkButtons(payload).map((b) => b.url)).toEqual(project.links.map((l) => l.url));
      for (const row of payload.components ?? []) expect(row.components.length).toBeLessThanOrEqual(5);
      // And as the best match of a search for its name, with the other matches under it.
      const searched = run('projects', { query: project.name });
      expect(firstEmbed(searched).title).toBe(project.name);
    }
  });
});

describe('/projects (no query)', () => {
  const PAGE_NAME = /\*\*\[([^\]]+)\]\(/g;
  const namesOnPage = (payload: ReplyPayload): string[] =>
    (firstEmbed(payload).fields ?? []).flatMap((f) => [...f.value.matchAll(PAGE_NAME)].map((m) => m[1] as string));

  test('page 0 lists its projects grouped by category, with the pager and a menu of every project', () => {
    const payload = run('projects');
    const embed = firstEmbed(payload);
    expect(fieldNames(embed)).toEqual(['Training Deep Models', 'From Scratch (Utilities, Practice)']);
    expect(namesOnPage(payload)).toEqual([
      'Lookahead Optimizer Analysis',
      'Drought Detection Challenge',
      'Toxic Comments Classification using ULMFiT',
      'Human Protein Atlas Classification',
      'Java-ML',
    ]);
    expect(fieldValue(embed, 'Training Deep Models')).toContain(
      `**[Lookahead Optimizer Analysis](${LOOKAHEAD_REPO})** — A close simulation`,
    );
    expect(fieldValue(embed, 'Training Deep Models')).toMatch(/Human Protein Atlas Classification\]\(.+ · 🛑 Dropped$/);
    expect(embed.footer?.text).toMatch(/^Page 1 of 2/);

    expect(buttonByLabel(payload, 'Previous').disabled).toBe(true);
    expect(buttonByLabel(payload, 'Page 1 of 2').disabled).toBe(true);
    const next = buttonByLabel(payload, 'Next');
    expect(next.disabled).toBe(false);
    expect(decodeCustomId(next.custom_id)).toEqual({ command: 'projects', action: 'page', page: 1, user: ASKER.id, key: '' });

    const select = selectOf(payload);
    expect(select.options.map((o) => o.value)).toEqual([...profile.projects].map((p) => p.id));
    expect(select.options.every((o) => o.label.length > 0 && (o.description?.length ?? 0) > 0)).toBe(true);
    expect(decodeCustomId(select.custom_id)).toMatchObject({ command: 'projects', action: 'open', user: ASKER.id });
  });

  test('Next to the last page: every project appears on exactly one page', () => {
    let payload = run('projects');
    const pages = [namesOnPage(payload)];
    for (let guard = 0; guard < 20; guard++) {
      const next = buttonByLabel(payload, 'Next');
      if (next.disabled) break;
      const result = press(next.custom_id, [], ASKER);
      expect(result.type).toBe('update');
      payload = result.payload;
      pages.push(namesOnPage(payload));
    }
    expect(pages).toHaveLength(2);
    expect(pages[1]).toEqual([
      'Image Augmentation Package',
      'Efficiently Oversampling Image Classification Datasets',
      'Fast Callbacks',
      'Multichannel Resnets',
      'Book Review Website',
    ]);
    expect(fieldNames(firstEmbed(payload))).toEqual(['From Scratch (Utilities, Practice)', 'Development']);
    expect(buttonByLabel(payload, 'Previous').disabled).toBe(false);
    for (const project of profile.projects) expect(pages.filter((names) => names.includes(project.name))).toHaveLength(1);
    expect(pages.flat()).toHaveLength(profile.projects.length);
  });

  test('another user pressing Next gets a private notice and no update', () => {
    const next = buttonByLabel(run('projects'), 'Next');
    const result = press(next.custom_id, [], OTHER);
    expect(result.type).toBe('reply');
    expect(result.payload.flags).toBe(MessageFlags.Ephemeral);
    expect(result.payload.embeds).toBeUndefined();
    expect(result.payload.content).toContain('Only the person who ran /projects');
  });

  test("the menu: the asker's message becomes the card (menu kept); anyone else sees it privately", () => {
    const select = selectOf(run('projects'));
    const mine = press(select.custom_id, ['multichannel-resnets'], ASKER);
    expect(mine.type).toBe('update');
    expect(firstEmbed(mine.payload).title).toBe('Multichannel Resnets');
    expect(fieldValue(firstEmbed(mine.payload), 'Usage')).toMatch(/^```python\n/);
    expect(selectOf(mine.payload).options).toHaveLength(10);
    const back = press(buttonByLabel(mine.payload, 'Back to the list').custom_id, [], ASKER);
    expect(back.type).toBe('update');
    expect(firstEmbed(back.payload).title).toBe('Akash Palrecha — projects');

    const theirs = press(select.custom_id, ['book-review-website'], OTHER);
    expect(theirs.type).toBe('reply');
    expect(theirs.payload.flags).toBe(MessageFlags.Ephemeral);
    expect(firstEmbed(theirs.payload).title).toBe('Book Review Website');
    expect(linkButtons(theirs.payload).map((b) => b.label)).toEqual(['Demo', 'Repo']);
  });

  test('forged components: an unknown project id, an unknown action, a garbage custom_id → private notices', () => {
    const select = selectOf(run('projects'));
    for (const result of [
      press(select.custom_id, ['no-such-project']),
      press(select.custom_id, []),
      press('pb1|projects|open|u=100000000000000001|k=', ['../../etc/passwd']),
      press('pb1|projects|explode|u=100000000000000001'),
      press(buttonByLabel(run('projects'), 'Page 1 of 2').custom_id),
      press('pb1|projects|page|7|u=1|k=x|extra'),
      press('not a custom id at all'),
    ]) {
      expect(result.type).toBe('reply');
      expect(result.payload.flags).toBe(MessageFlags.Ephemeral);
      expect(result.payload.embeds).toBeUndefined();
      expect(result.payload.content).not.toMatch(/Something went wrong/);
    }
  });
});

describe('autocomplete for /project', () => {
  test('empty: the notable projects first, at most 25', () => {
    const choices = dispatcher.autocomplete('project', { name: 'name', value: '' }, input());
    expect(choices.length).toBeLessThanOrEqual(25);
    const notable = profile.projects.filter((p) => p.notable).map((p) => p.id);
    expect(choices.slice(0, notable.length).map((c) => c.value)).toEqual(notable);
    expect(choices.map((c) => c.value).sort()).toEqual(profile.projects.map((p) => p.id).sort());
  });

  test('"mul" → Multichannel Resnets first, and its value opens it', () => {
    const choices = dispatcher.autocomplete('project', { name: 'name', value: 'mul' }, input());
    expect(choices[0]).toEqual({ name: 'Multichannel Resnets', value: 'multichannel-resnets' });
    expect(firstEmbed(run('project', { name: choices[0]?.value })).title).toBe('Multichannel Resnets');
  });

  test('hostile typing gives valid choices or none', () => {
    for (const value of ['x'.repeat(6000), '@everyone', '\u0000\u200b\u202e', '🚀🚀🚀']) {
      const choices = dispatcher.autocomplete('project', { name: 'name', value }, input());
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const choice of choices) expect(choice.value.length).toBeLessThanOrEqual(100);
    }
  });
});

describe('private and Share in channel', () => {
  test.each([
    ['project', { name: 'lookahed' }],
    ['projects', { query: 'optimizers' }],
    ['projects', {}],
  ] as const)('/%s %j private: flags 64, and Share posts the same answer publicly', (name, options) => {
    const publicPayload = run(name, options);
    const privatePayload = run(name, { ...options, private: true });
    expect(privatePayload.flags).toBe(MessageFlags.Ephemeral);
    expect(privatePayload.embeds).toEqual(publicPayload.embeds);
    const share = buttonByLabel(privatePayload, 'Share in channel');
    const shared = press(share.custom_id, [], ASKER);
    expect(shared.type).toBe('reply');
    expect(shared.payload.flags).toBeUndefined();
    expect(shared.payload.embeds).toEqual(publicPayload.embeds);
  });
});

describe('hostile input', () => {
  const HOSTILE = [
    'x'.repeat(6000),
    'optimizers '.repeat(600),
    '@everyone',
    '@here <@100000000000000002> <@&1> <#1>',
    '**markdown** __under__ ~~strike~~ `code` ||spoiler|| > quote # heading [link](https://evil.example)',
    'zero\u200bwidth\u200d\u2060\ufeff and \u202eright-to-left\u202c',
    'control\u0000\u0001\u0007\u001b[31m\u007f\u0085chars',
    '🚀 optimizers 👩‍💻🇮🇳',
    '',
    '   ',
    PHONE_DIGITS,
    '+91 98799 90466',
    '|k=|u=1|pb1|%7C%25',
    'é'.repeat(3000),
  ];

  test.each(HOSTILE.map((text, i) => [i, text] as const))('input #%i keeps both commands within every limit', (_i, text) => {
    for (const payload of [
      run('projects', { query: text }),
      run('project', { name: text }),
      run('project', { name: text, private: true }),
    ]) {
      // What people read (custom_ids carry the query as state, and are never shown).
      const shown = JSON.stringify([payload.content, payload.embeds]);
      expect(shown).not.toMatch(/@(everyone|here)/);
      expect(shown).not.toContain('<@');
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      expect(payload.content ?? '').not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
      if (payload.content?.includes('markdown')) expect(payload.content).toContain('\\*\\*markdown\\*\\*');
      for (const select of componentsOf(payload).filter((c) => c.type === ComponentType.StringSelect))
        expect(decodeCustomId(select.custom_id)).not.toBeNull();
    }
  });

  test('a 3 000-character name gets the short answer, with the echo cut', () => {
    const payload = run('project', { name: 'z'.repeat(3000) });
    expect(payload.content?.length).toBeLessThan(600);
    expect(payload.content).toContain('…');
  });

  test('an emoji query still finds its match and echoes the emoji', () => {
    const payload = run('projects', { query: '🚀 optimizers' });
    expect(firstEmbed(payload).title).toBe('Lookahead Optimizer Analysis');
    expect(payload.embeds?.[1]?.title).toBe('Also matching “🚀 optimizers”');
  });

  test('a query with markdown is escaped where it is echoed', () => {
    const payload = run('projects', { query: '**optimizers**' });
    expect(payload.embeds?.[1]?.title).toBe('Also matching “\\*\\*optimizers\\*\\*”');
  });

  test('the phone number never appears, whatever is asked', () => {
    for (const text of [PHONE_DIGITS, '+919879990466', 'phone', 'contact number', 'private']) {
      for (const payload of [run('projects', { query: text }), run('project', { name: text })]) {
        expect(JSON.stringify(payload).replace(/\D/g, '')).not.toContain(PHONE_DIGITS);
      }
    }
  });
});
