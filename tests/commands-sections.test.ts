// The section commands (/about, /experience, /research, /learning, /blogs,
// /skills, /search, /help) through the real dispatcher and the shipped profile:
// what each card shows, in what order, with which exact links; and that hostile
// input never breaks a limit, pings anyone or shows the private phone number.
import { ApplicationCommandOptionType, ComponentType, MessageFlags, type APIEmbed } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.js';
import { PRIVATE_OPTION } from '../src/bot/options.js';
import { createDispatcher, type Dispatcher } from '../src/bot/dispatch.js';
import { silentLogger } from '../src/log.js';
import type { Portfolio, OptionValue } from '../src/bot/types.js';
import { helpExamples, PRIVACY_NOTICE } from '../src/replies/cards/help.js';
import { joinWithin, mdLink } from '../src/replies/cards/sections.js';
import { snippet } from '../src/replies/cards/search.js';
import type { LinkButton, ReplyPayload } from '../src/replies/index.js';
import { ASKER, expectWithinLimits, input, shippedPortfolio, testDispatcher } from './helpers/bot.js';

const MINE = ['about', 'experience', 'research', 'learning', 'blogs', 'skills', 'search', 'help'] as const;
const PHONE_DIGITS = '9879990466';
const RESUME_URL = 'https://akashpalrecha.github.io/files/About/Updated_TA_Resume.pdf';

let dispatcher: Dispatcher;
let portfolio: Portfolio;
beforeAll(async () => {
  dispatcher = await testDispatcher();
  portfolio = await shippedPortfolio();
});

/** Runs a command and checks what every reply must be: within limits, mentioning nobody. */
function run(name: string, options: Record<string, OptionValue | undefined> = {}): ReplyPayload {
  const payload = dispatcher.command(name, input(options));
  expectWithinLimits(payload);
  expect(payload.allowed_mentions).toEqual({ parse: [] });
  return payload;
}

function embedsOf(payload: ReplyPayload): APIEmbed[] {
  expect(payload.embeds, JSON.stringify(payload)).toBeDefined();
  return payload.embeds ?? [];
}

function only(payload: ReplyPayload): APIEmbed {
  const embeds = embedsOf(payload);
  expect(embeds).toHaveLength(1);
  return embeds[0]!;
}

function linkUrls(payload: ReplyPayload): string[] {
  return (payload.components ?? []).flatMap((row) =>
    row.components.filter((c): c is LinkButton => c.type === ComponentType.Button && 'url' in c).map((c) => c.url),
  );
}

/** Every string in a payload, as sent (JSON.stringify would hide control characters behind escapes). */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(stringsOf);
  return [];
}

const INVISIBLE_OR_CONTROL = ['\u0000', '\u0007', '\u001B', '\u202E'];
function expectNoControlCharacters(payload: ReplyPayload): void {
  for (const text of stringsOf(payload)) for (const ch of INVISIBLE_OR_CONTROL) expect(text.includes(ch), JSON.stringify(text)).toBe(false);
}

const fieldNames = (embed: APIEmbed): string[] => (embed.fields ?? []).map((f) => f.name);
const fieldValue = (embed: APIEmbed, name: string): string => {
  const found = embed.fields?.find((f) => f.name === name);
  expect(found, `field "${name}" in ${JSON.stringify(fieldNames(embed))}`).toBeDefined();
  return found!.value;
};

describe('/about', () => {
  it('shows who he is, the topics in order, what he is working on, and the public links', () => {
    const payload = run('about');
    const embed = only(payload);
    expect(embed.title).toBe('Akash Palrecha');
    expect(embed.url).toBe('https://github.com/akashpalrecha');
    expect(embed.description).toContain('AI Researcher at Pixxel; MSc. Mathematics student at BITS Pilani');
    expect(embed.description).toContain('Pilani, India');
    expect(embed.description).toContain('making AI accessible');
    expect(fieldNames(embed)).toEqual([
      'Background',
      'Research interests',
      'Philosophy',
      'Free time',
      "What he's working on now",
      'E-mail',
    ]);
    expect(fieldValue(embed, 'Background')).toContain('Pixxel');
    expect(fieldValue(embed, 'Research interests').split('\n')).toEqual([
      '• Transfer learning',
      '• Optimizers',
      '• Interpretability',
      expect.stringContaining('• Everything that lowers the number of resources'),
    ]);
    const philosophy = fieldValue(embed, 'Philosophy');
    expect(philosophy).toContain('making AI accessible');
    expect(philosophy).toContain("Jeremy Howard's (Co-Founder, Fast.ai)");
    expect(philosophy).toContain('[Fast.ai](https://www.fast.ai/)');
    const free = fieldValue(embed, 'Free time');
    expect(free).toContain('Helping out college students');
    expect(free).toContain('drums');
    expect(free).toContain('Running');
    const now = fieldValue(embed, "What he's working on now").split('\n');
    expect(now).toHaveLength(2);
    expect(now[0]).toMatch(/^🔬 \*\*Research:\*\* BatchNorm without mean or variance parameters \(in progress\) · Image classification/);
    expect(now[1]).toContain('📚 **Learning:** FastAI V2 · [Deep Learning Course, Part 2](https://course.fast.ai/part2) (Lecture 12)');
    expect(now[1]).toContain('(Week 8)');
    expect(fieldValue(embed, 'E-mail')).toBe('✉️ akash@pixxel.co.in');
    expect(embed.footer?.text).toBe('More: /projects · /experience · /contact');
    expect(linkUrls(payload)).toEqual([
      'https://github.com/akashpalrecha',
      'https://twitter.com/akashpalrecha98',
      'https://www.linkedin.com/in/akashpalrecha/',
      RESUME_URL,
    ]);
  });
});

describe('/experience', () => {
  it('has one embed per role in profile order, then education', () => {
    const embeds = embedsOf(run('experience'));
    expect(embeds.map((e) => e.title)).toEqual(['AI Lead — Pixxel', 'AI Researcher — Pixxel', '🎓 Education']);
    const [lead, researcher, education] = embeds as [APIEmbed, APIEmbed, APIEmbed];
    expect(lead.url).toBe('http://pixxel.co.in');
    expect(lead.author?.name).toBe('Akash Palrecha');
    expect(lead.description?.split('\n')[0]).toBe('📅 Feb 2019 – Jan 2020');
    expect(lead.description).toContain('• Built a SoTA Drought Detection model (using satellite imagery)');
    expect(researcher.description?.split('\n')[0]).toBe('📅 Sep 2018 – Feb 2019');
    expect(researcher.description).toContain('• Built initial LinkNet model for road segmentation.');
    expect(fieldNames(education)).toEqual(['MSc. Mathematics — Birla Institute of Technology and Science (BITS), Pilani']);
    expect(education.fields?.[0]?.value).toBe('Pre-final year student (as of February 2020)\n📍 Pilani, India');
    expect(education.footer?.text).toContain('/resume');
  });
});

describe('/research', () => {
  it('lists each item with its summary, status and links', () => {
    const payload = run('research');
    const embed = only(payload);
    expect(fieldNames(embed)).toEqual([
      '🔬 BatchNorm without mean or variance parameters',
      '🔬 Image classification assisted by query images',
    ]);
    const batchNorm = fieldValue(embed, '🔬 BatchNorm without mean or variance parameters');
    expect(batchNorm).toContain("doesn't require mean or variance parameters");
    expect(batchNorm).toContain('**Status:** in progress');
    expect(batchNorm).toContain('[BatchNorm paper (arXiv:1502.03167)](https://arxiv.org/abs/1502.03167)');
    expect(linkUrls(payload)).toEqual(['https://arxiv.org/abs/1502.03167']);
  });
});

describe('/learning', () => {
  it('lists the courses with progress and links, and the skills at level learning', () => {
    const payload = run('learning');
    const embed = only(payload);
    expect(embed.description?.split('\n')).toEqual([
      '• **FastAI V2**',
      '• **[Deep Learning Course, Part 2](https://course.fast.ai/part2)** — fast.ai · progress: Lecture 12',
      "• **[CS50's Web Programming with Python and " +
        'JavaScript](https://courses.edx.org/courses/course-v1:HarvardX+CS50W+Web/course/)** — HarvardX (edX) · progress: Week 8',
    ]);
    expect(fieldValue(embed, 'Skills at level "learning"')).toBe('Computational Linear Algebra by FastAI · Javascript, Django · Docker');
    expect(linkUrls(payload)).toEqual([
      'https://course.fast.ai/part2',
      'https://courses.edx.org/courses/course-v1:HarvardX+CS50W+Web/course/',
    ]);
  });
});

describe('/blogs', () => {
  it('has an embed and a link button per post, and the note as footer', () => {
    const payload = run('blogs');
    const embeds = embedsOf(payload);
    const urls = [
      'https://matplotlib.org/matplotblog/posts/an-inquiry-into-matplotlib-figures/',
      'https://github.com/akashpalrecha/Custom-Pretrained-Models-in-Fastai',
    ];
    expect(embeds.map((e) => [e.title, e.url])).toEqual([
      ["An Inquiry Into Matplotlib's Figures", urls[0]],
      ['Using your own pre-trained models in FastAI', urls[1]],
    ]);
    expect(embeds[0]?.description).toContain("Blog post · Matplotlib's official blog");
    expect(embeds[0]?.description).toContain('Figures, Axes, and GridSpec');
    expect(embeds[1]?.description).toContain('Tutorial · GitHub');
    expect(embeds[1]?.footer?.text).toBe('More blogs coming soon.');
    expect(linkUrls(payload)).toEqual(urls);
  });
});

describe('/skills', () => {
  it('without a level: the four levels as fields, in order, with notes', () => {
    const embed = only(run('skills'));
    expect(fieldNames(embed)).toEqual(['Expert', 'Intermediate', 'Basic', 'Learning']);
    expect(fieldValue(embed, 'Basic')).toContain('• AWS, GCP — *Managing VMs for AI Research / Model Training*');
    expect(fieldValue(embed, 'Learning')).toBe('• Computational Linear Algebra by FastAI\n• Javascript, Django\n• Docker');
    expect(embed.description).toContain('**Expert**');
  });

  it('level:expert lists that level only, in profile order', () => {
    const embed = only(run('skills', { level: 'expert' }));
    expect(embed.title).toBe('Akash Palrecha — skills: Expert');
    expect(embed.description?.split('\n')).toEqual([
      '• PyTorch',
      '• FastAI',
      '• Classification, Segmentation',
      '• NumPy, Pandas, Matplotlib, Jupyter',
      '• Python',
    ]);
    const levels = portfolio.profile.skills;
    for (const other of [...levels.intermediate, ...levels.basic, ...levels.learning])
      expect(JSON.stringify(embed)).not.toContain(other.name);
  });

  it('level:basic shows the notes; a level is read case-insensitively', () => {
    expect(only(run('skills', { level: 'basic' })).description).toContain('• AWS, GCP — *Managing VMs for AI Research / Model Training*');
    expect(only(run('skills', { level: ' Learning ' })).title).toBe('Akash Palrecha — skills: Learning');
  });

  it('an unknown level is a private, escaped error naming the levels', () => {
    const payload = run('skills', { level: '**wizard** @everyone' });
    expect(payload.flags).toBe(MessageFlags.Ephemeral);
    expect(payload.embeds).toBeUndefined();
    expect(payload.content).toContain('\\*\\*wizard\\*\\*');
    expect(payload.content).not.toContain('@everyone');
    expect(payload.content).toContain('expert, intermediate, basic, learning');
  });
});

describe('/search', () => {
  it('kaggle: the two Kaggle projects, under Projects', () => {
    const embed = only(run('search', { query: 'kaggle' }));
    expect(embed.title).toBe('🔎 Search: “kaggle”');
    expect(fieldNames(embed)).toEqual(['Projects']);
    const lines = fieldValue(embed, 'Projects').split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(
        String.raw`^• \*\*\[Toxic Comments Classification using ULMFiT\]` +
          String.raw`\(https://github\.com/akashpalrecha/Kaggle-Toxic-Comments-Classification\)\*\* — .*Kaggle`,
      ),
    );
    expect(lines[1]).toMatch(
      /^• \*\*\[Human Protein Atlas Classification\]\(https:\/\/www\.kaggle\.com\/c\/human-protein-atlas-image-classification\)\*\* — .*Kaggle/,
    );
  });

  it('groups by section in the order of each section’s best hit, hits in ranking order', () => {
    for (const query of ['fastai', 'pixxel', 'python', 'drums', 'segmentation']) {
      const hits = portfolio.search.search(query, { limit: 25 });
      expect(hits.length, query).toBeGreaterThan(1);
      const embed = only(run('search', { query }));
      const labels: Record<string, string> = {
        projects: 'Projects',
        experience: 'Experience',
        education: 'Education',
        research: 'Research',
        learning: 'Learning',
        blogs: 'Blogs & tutorials',
        skills: 'Skills',
        about: 'About',
        contact: 'Contact',
      };
      const sections = [...new Set(hits.map((hit) => hit.section))];
      expect(fieldNames(embed), query).toEqual(sections.map((section) => labels[section]));
      expect(fieldNames(embed)[0], query).toBe(labels[hits[0]!.section]);
      for (const section of sections) {
        const titles = hits.filter((hit) => hit.section === section).map((hit) => hit.title);
        const lines = fieldValue(embed, labels[section]!).split('\n');
        expect(
          lines.map((line) => titles.findIndex((title) => line.startsWith(`• **${mdLink(title, null)}**`) || line.includes(`[${title}]`))),
        ).toEqual(titles.map((_, i) => i));
      }
    }
  });

  it('fastai: projects first, and a skill shows its level', () => {
    const embed = only(run('search', { query: 'fastai' }));
    expect(fieldNames(embed)[0]).toBe('Projects');
    expect(fieldValue(embed, 'Skills')).toContain('• **FastAI** — Expert');
    expect(fieldValue(embed, 'Learning')).toContain('• **[Deep Learning Course, Part 2](https://course.fast.ai/part2)** — Lecture 12');
  });

  it('blockchain: a short friendly answer with suggestions, never an empty embed', () => {
    const payload = run('search', { query: 'blockchain' });
    const embed = only(payload);
    expect(embed.title).toBe('No matches for “blockchain”');
    expect(embed.fields).toBeUndefined();
    expect(embed.description).toContain('/projects');
    expect(embed.description).toContain('/ask');
    expect(embed.description).toMatch(/`optimizers`/);
  });

  it('offers autocomplete from the whole profile', () => {
    const choices = dispatcher.autocomplete('search', { name: 'query', value: 'kaggle' }, input());
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]?.name).toContain('Toxic Comments');
  });

  it('snippets are cut around the first query word', () => {
    const text = 'x '.repeat(80) + 'the Kaggle competition';
    expect(snippet([text], ['kaggle'])).toMatch(/^….*Kaggle competition$/);
    expect(snippet(['', 'short text'], ['nothing'])).toBe('short text');
  });
});

describe('/help', () => {
  const SERVER_ONLY = ['who', 'portfolio', 'portfolio-mod'];
  const names = (payload: ReplyPayload) => only(payload).fields!.map((shown) => shown.name.split(' ')[0]);

  it('lists every registered command in a server, in order, with its description and an example', () => {
    const embed = only(dispatcher.command('help', { ...input({}), guildId: '300000000000000001' }));
    // Every command, then the privacy notice.
    expect(embed.fields).toHaveLength(COMMANDS.length + 1);
    expect(embed.fields?.at(-1)).toEqual({ name: '🔏 Privacy', value: PRIVACY_NOTICE, inline: false });
    COMMANDS.forEach((module, index) => {
      const { name, description } = module.definition;
      const shown = embed.fields?.[index];
      expect(shown?.name === `/${name}` || shown?.name.startsWith(`/${name} `), `${name}: ${shown?.name}`).toBe(true);
      expect(shown?.value).toContain(description);
      expect(shown?.value).toMatch(/↳ e\.g\. `\/.+`/);
      const example = helpExamples(portfolio.profile)[name];
      if (example) expect(shown?.value).toContain(`\`${example}\``);
    });
    expect(fieldValue(embed, '/skills [level]')).toContain('`/skills level:expert`');
    expect(fieldValue(embed, '/search <query>')).toContain('`/search fastai`');
    expect(embed.description).toContain('DM me or mention me with a question');
    expect(embed.description).toContain('`private`');
  });

  it('leaves out, in a DM, the commands that work only in a server', () => {
    const shown = names(run('help'));
    expect(shown).toEqual([
      ...COMMANDS.map((module) => `/${module.definition.name}`).filter((name) => !SERVER_ONLY.includes(name.slice(1))),
      '🔏',
    ]);
    expect(only(run('help')).footer?.text).toMatch(new RegExp(`^${COMMANDS.length - SERVER_ONLY.length} commands`));
  });

  it('leaves out, on a terminal, /insights too (the CLI has its own) but keeps server commands when asked as in a server', async () => {
    const portfolio = await shippedPortfolio();
    const terminal = createDispatcher({ commands: COMMANDS, portfolio: () => portfolio, logger: silentLogger, surface: 'terminal' });
    const alone = names(terminal.command('help', input({})));
    expect(alone).not.toContain('/insights');
    expect(alone).not.toContain('/who');
    expect(alone).toContain('/ask');
    const asServer = names(terminal.command('help', { ...input({}), guildId: '300000000000000001' }));
    expect(asServer).toContain('/who');
    expect(asServer).not.toContain('/insights');
  });

  it('takes its examples from the profile', () => {
    expect(helpExamples(portfolio.profile)).toMatchObject({
      projects: '/projects optimizers',
      project: '/project name:Lookahead',
      ask: '/ask does he know docker?',
      who: '/who optimizers',
    });
  });
});

describe('hostile input', () => {
  const nasty = [
    'x'.repeat(6000),
    'kaggle '.repeat(900),
    '@everyone',
    '@here <@100000000000000002> <@&1> <#1> </ask:1>',
    '**bold** __under__ `code` ||spoiler|| [click](https://evil.example) > quote # heading',
    'zero\u200Bwidth\u202Eevil\u0000nul\u0007bell\u001Besc',
    '🔥🚀 👩‍💻 emoji only 🇮🇳',
    '🔥',
    '',
    '   ',
    '\u200B\u200B',
    PHONE_DIGITS,
    '+91 98799 90466',
  ];

  it.each(nasty.map((query) => [JSON.stringify(query).slice(0, 60), query]))('/search %s', (_label, query) => {
    const payload = run('search', { query });
    const text = JSON.stringify(payload);
    expect(text).not.toMatch(/@(everyone|here)/);
    expect(text).not.toContain('<@1');
    expect(text).not.toContain('](https://evil.example)');
    expectNoControlCharacters(payload);
    expect(text).not.toContain(PHONE_DIGITS);
    expect(text).not.toContain('98799 90466');
    if (payload.embeds) for (const embed of payload.embeds) expect(embed.title ?? embed.description).toBeTruthy();
    else expect(payload.content).toBeTruthy();
  });

  it('echoes a hostile query escaped, in the no-match title', () => {
    const embed = only(run('search', { query: '**bold** @everyone [click](https://evil.example)' }));
    expect(embed.title).toContain('\\*\\*bold\\*\\*');
    expect(embed.title).toContain('@\u200Beveryone');
    expect(embed.title).toContain('\\[click\\]\\(https');
  });

  it('a 6000-character query is cut in the echo', () => {
    const embed = only(run('search', { query: 'y'.repeat(6000) }));
    expect(embed.title!.length).toBeLessThanOrEqual(100);
  });

  it('empty or blank queries get a private hint', () => {
    for (const query of ['', '   ', undefined]) {
      const payload = run('search', { query });
      expect(payload.flags).toBe(MessageFlags.Ephemeral);
      expect(payload.content).toMatch(/\/search/);
    }
  });

  it.each([
    ['wizard', 'wizard', '“wizard”'],
    ['@everyone', '@everyone', '“@\u200Beveryone”'],
    ['6000 characters', 'x'.repeat(6000), `“${'x'.repeat(39)}…”`],
    ['markdown', '**expert**', '“\\*\\*expert\\*\\*”'],
    ['control and bidi only', '\u0000\u202E', '“”'],
    ['emoji', '🔥', '“🔥”'],
    ['injection', 'expert; drop', '“expert; drop”'],
  ])('/skills level: %s is refused privately, the level echoed inert', (_label, level, echo) => {
    const payload = run('skills', { level });
    expect(payload).toEqual({
      content: `There is no skill level ${echo}. Pick one of expert, intermediate, basic, learning, or leave it out for all of them.`,
      flags: MessageFlags.Ephemeral,
      allowed_mentions: { parse: [] },
    });
    expectNoControlCharacters(payload);
  });

  it('/skills level: in any case opens that level; an empty one shows every level', () => {
    const expert = only(run('skills', { level: 'EXPERT' }));
    expect(expert.title).toBe('Akash Palrecha — skills: Expert');
    expect(expert.footer?.text).toBe('Other levels: /skills level:intermediate · /skills level:basic · /skills level:learning');
    const every = only(run('skills', { level: '' }));
    expect(every.title).toBe('Akash Palrecha — skills');
    expect(fieldNames(every)).toEqual(['Expert', 'Intermediate', 'Basic', 'Learning']);
  });
});

describe('privacy and the private option', () => {
  const variants: [string, Record<string, OptionValue>][] = [
    ['about', {}],
    ['experience', {}],
    ['research', {}],
    ['learning', {}],
    ['blogs', {}],
    ['skills', {}],
    ...(['expert', 'intermediate', 'basic', 'learning'] as const).map((level): [string, Record<string, OptionValue>] => [
      'skills',
      { level },
    ]),
    ['search', { query: 'kaggle' }],
    ['search', { query: 'phone number contact' }],
    ['search', { query: 'akash' }],
    ['search', { query: 'email' }],
    ['help', {}],
  ];

  it('the phone number appears in no payload', () => {
    expect(portfolio.secrets.join()).toContain(PHONE_DIGITS);
    for (const [name, options] of variants) {
      for (const privately of [false, true]) {
        const text = JSON.stringify(run(name, { ...options, private: privately }));
        expect(text, name).not.toContain(PHONE_DIGITS);
        expect(text, name).not.toContain('[private]');
      }
    }
  });

  it.each(MINE.map((name) => [name]))('/%s private:true is ephemeral with a Share button', (name) => {
    const options = name === 'search' ? { query: 'kaggle' } : {};
    const payload = run(name, { ...options, private: true });
    expect(payload.flags).toBe(MessageFlags.Ephemeral);
    const lastRow = payload.components?.at(-1);
    const share = lastRow?.components[0];
    expect(share && 'custom_id' in share ? share.custom_id : '').toMatch(new RegExp(`^pb1\\|share\\|${name}\\|u=${ASKER.id}`));
    expect(share && 'label' in share ? share.label : '').toBe('Share in channel');
    const publicly = run(name, options);
    expect(publicly.flags).toBeUndefined();
  });

  it('sharing a private /search re-runs it publicly with the same query', () => {
    const payload = run('search', { query: 'kaggle', private: true });
    const share = payload.components?.at(-1)?.components[0];
    const customId = share && 'custom_id' in share ? share.custom_id : '';
    const result = dispatcher.component(customId, [], ASKER);
    expect(result.type).toBe('reply');
    expect(result.payload.flags).toBeUndefined();
    expect(fieldNames(only(result.payload))).toEqual(['Projects']);
  });
});

describe('definitions', () => {
  it.each(MINE.map((name) => [name]))('/%s: valid names, descriptions ≤ 100, private last', (name) => {
    const module = COMMANDS.find((each) => each.definition.name === name);
    expect(module, name).toBeDefined();
    const { definition } = module!;
    expect(definition.name).toMatch(/^[-_'\p{L}\p{N}]{1,32}$/u);
    expect(definition.description.length).toBeGreaterThan(0);
    expect(definition.description.length).toBeLessThanOrEqual(100);
    const options = definition.options ?? [];
    expect(options.at(-1)).toEqual(PRIVATE_OPTION);
    for (const option of options) expect(option.description.length).toBeLessThanOrEqual(100);
  });

  it('/search requires its query; /skills offers the four levels as choices', () => {
    const search = COMMANDS.find((each) => each.definition.name === 'search')!.definition;
    expect(search.options?.[0]).toMatchObject({ type: ApplicationCommandOptionType.String, name: 'query', required: true });
    const skills = COMMANDS.find((each) => each.definition.name === 'skills')!.definition;
    const level = skills.options?.[0];
    expect(level).toMatchObject({ type: ApplicationCommandOptionType.String, name: 'level', required: false });
    expect(level && 'choices' in level ? level.choices?.map((choice) => choice.value) : []).toEqual([
      'expert',
      'intermediate',
      'basic',
      'learning',
    ]);
  });
});

describe('card helpers', () => {
  it('joinWithin keeps whole items and counts the rest', () => {
    expect(joinWithin(['aaa', 'bbb'], 100)).toBe('aaa\nbbb');
    const cut = joinWithin(['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)], 60);
    expect(cut).toBe(`${'a'.repeat(40)}\n…and 2 more`);
    expect(cut.length).toBeLessThanOrEqual(60);
  });

  it('mdLink keeps a link whole and drops non-web urls', () => {
    expect(mdLink('a [b]', 'https://x.example/(y)')).toBe('[a \\[b\\]](https://x.example/%28y%29)');
    expect(mdLink('mail', 'mailto:a@b.example')).toBe('mail');
  });
});
