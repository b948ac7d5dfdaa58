// The plain-question evaluation (scripts/eval-ask.ts, issue #13): the question sets
// are well formed, the judge reads the real cards right, and the development set,
// run through the real dispatcher, keeps what must always hold: no phone leak, and
// nonsense answered with no entry. The score itself is a measurement (npm run
// eval:ask), not asserted here; the held-out set is never run here.
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  evaluate,
  judge,
  kindOf,
  KINDS,
  leaksPhone,
  loadQuestions,
  PERSONAS,
  readContent,
  readEmbed,
  readReply,
  replyText,
  saysProfileDoesNotSay,
  type Question,
  type Report,
  type SetName,
} from '../scripts/eval-ask.js';
import type { Profile } from '../src/profile/schema.js';
import type { ReplyPayload } from '../src/replies/index.js';
import { buildAboutCard } from '../src/replies/cards/about.js';
import { buildAskIntroCard, buildMetricsCard, buildTopicCard } from '../src/replies/cards/ask.js';
import { buildBlogsCard } from '../src/replies/cards/blogs.js';
import { buildContactCard, buildResumeCard } from '../src/replies/cards/contact.js';
import { buildExperienceCard } from '../src/replies/cards/experience.js';
import { buildLearningCard } from '../src/replies/cards/learning.js';
import { buildProjectCard, projectSelectRow } from '../src/replies/cards/project.js';
import { buildResearchCard } from '../src/replies/cards/research.js';
import { buildSkillsCard } from '../src/replies/cards/skills.js';
import { ASKER, input, testDispatcher } from './helpers/bot.js';
import { shippedPortfolio } from './helpers/profile.js';

let profile: Profile;
let secrets: readonly string[];

beforeAll(async () => {
  profile = (await shippedPortfolio()).profile;
  secrets = Object.values(profile.identity.private ?? {}).filter((value): value is string => typeof value === 'string');
});

afterEach(() => {
  vi.restoreAllMocks();
});

const question = (expect: Question['expect'], q = 'a question'): Question => ({ id: 'unit-1', persona: 'recruiter', q, expect });
const project = (id: string) => {
  const found = profile.projects.find((entry) => entry.id === id);
  if (!found) throw new Error(`no project ${id}`);
  return found;
};
const projectPayload = (id: string, content?: string): ReplyPayload => {
  const card = buildProjectCard(project(id), profile);
  return { ...(content ? { content } : {}), embeds: [card.embed], components: card.rows };
};

describe('the question sets', () => {
  it('are well formed, disjoint, and big enough: 100 for development, at least 50 held out', () => {
    const dev = loadQuestions('dev', profile);
    const dev2 = loadQuestions('dev2', profile);
    const heldout = loadQuestions('heldout', profile);
    expect(dev).toHaveLength(100);
    expect(dev2.length).toBeGreaterThanOrEqual(40);
    expect(heldout.length).toBeGreaterThanOrEqual(50);
    const ids = [...dev, ...dev2, ...heldout].map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const set of [dev, heldout]) {
      expect(new Set(set.map((item) => item.persona))).toEqual(new Set(PERSONAS));
      expect(new Set(set.map(kindOf))).toEqual(new Set(KINDS));
    }
  });

  // Only parsed and checked here, never answered: its score is read once, at the end of issue #13.
  it('the second held-out set is well formed, disjoint from the other sets, and at least 70 questions', () => {
    const heldout2 = loadQuestions('heldout2', profile);
    expect(heldout2.length).toBeGreaterThanOrEqual(70);
    const earlier = new Set((['dev', 'dev2', 'heldout'] as const).flatMap((set) => loadQuestions(set, profile)).map((item) => item.id));
    expect(heldout2.filter((item) => earlier.has(item.id))).toEqual([]);
    expect(new Set(heldout2.map((item) => item.persona))).toEqual(new Set(PERSONAS));
    expect(new Set(heldout2.map(kindOf))).toEqual(new Set(KINDS));
  });

  // Only parsed and checked here, never answered: heldout3 is run once at the end; dev3 is scored by eval:ask.
  it('the third set is 80 for development and 80 held out, disjoint from every other set, each half covering every persona and kind', () => {
    const dev3 = loadQuestions('dev3', profile);
    const heldout3 = loadQuestions('heldout3', profile);
    expect(dev3).toHaveLength(80);
    expect(heldout3).toHaveLength(80);
    const earlier = new Set(
      (['dev', 'dev2', 'heldout', 'heldout2'] as const).flatMap((set) => loadQuestions(set, profile)).map((item) => item.id),
    );
    const ids = [...dev3, ...heldout3].map((item) => item.id);
    expect(new Set(ids).size).toBe(160);
    expect(ids.filter((id) => earlier.has(id))).toEqual([]);
    for (const set of [dev3, heldout3]) {
      expect(new Set(set.map((item) => item.persona))).toEqual(new Set(PERSONAS));
      expect(new Set(set.map(kindOf))).toEqual(new Set(KINDS));
      expect(set.every((item) => /^h3-(rec|fai|kag|dis|nn)-\d\d$/.test(item.id))).toBe(true);
    }
  });

  // Only parsed and checked here, never answered: each held-out half is run once at the end; each development
  // half is scored by eval:ask -- --set devN.
  const PREFIX = { recruiter: 'rec', 'fastai-learner': 'fai', kaggler: 'kag', 'discord-casual': 'dis', 'non-native': 'nn' } as const;
  const LATER_SETS = [
    { n: 4, size: 80, perPersona: 32 },
    { n: 5, size: 50, perPersona: 20 },
    { n: 6, size: 80, perPersona: 32 },
    { n: 7, size: 80, perPersona: 32 },
    { n: 8, size: 80, perPersona: 32 },
    { n: 9, size: 80, perPersona: 32 },
    { n: 10, size: 80, perPersona: 32 },
    { n: 11, size: 80, perPersona: 32 },
    { n: 12, size: 80, perPersona: 32 },
    { n: 13, size: 80, perPersona: 32 },
    { n: 14, size: 80, perPersona: 32 },
    { n: 15, size: 80, perPersona: 32 },
    { n: 16, size: 80, perPersona: 32 },
    { n: 17, size: 80, perPersona: 32 },
    { n: 18, size: 80, perPersona: 32 },
    { n: 19, size: 80, perPersona: 32 },
    { n: 20, size: 80, perPersona: 32 },
    { n: 21, size: 80, perPersona: 32 },
  ] as const;
  it.each(LATER_SETS)(
    'set $n is $size for development and $size held out, disjoint from every other set, each half covering every persona and kind',
    ({ n, size, perPersona }) => {
      const dev = loadQuestions(`dev${n}` as SetName, profile);
      const heldout = loadQuestions(`heldout${n}` as SetName, profile);
      expect(dev).toHaveLength(size);
      expect(heldout).toHaveLength(size);
      const laterBefore = LATER_SETS.filter((set) => set.n < n).flatMap((set) => [`dev${set.n}`, `heldout${set.n}`] as SetName[]);
      const before: SetName[] = ['dev', 'dev2', 'dev3', 'heldout', 'heldout2', 'heldout3', ...laterBefore];
      const earlier = new Set(before.flatMap((set) => loadQuestions(set, profile)).map((item) => item.id));
      const both = [...dev, ...heldout];
      const ids = both.map((item) => item.id);
      expect(new Set(ids).size).toBe(2 * size);
      expect(ids.filter((id) => earlier.has(id))).toEqual([]);
      for (const set of [dev, heldout]) {
        expect(new Set(set.map((item) => item.persona))).toEqual(new Set(PERSONAS));
        expect(new Set(set.map(kindOf))).toEqual(new Set(KINDS));
        expect(set.every((item) => new RegExp(`^h${n}-(rec|fai|kag|dis|nn)-\\d\\d$`).test(item.id))).toBe(true);
      }
      expect(both.filter((item) => !item.id.startsWith(`h${n}-${PREFIX[item.persona]}-`))).toEqual([]);
      for (const persona of PERSONAS) expect(both.filter((item) => item.persona === persona)).toHaveLength(perPersona);
    },
  );
});

describe('the judge reads each card as the entry it shows', () => {
  it('a project card is that project', () => {
    for (const entry of profile.projects)
      expect(readEmbed(buildProjectCard(entry, profile).embed, profile)).toEqual({ type: 'entry', ref: `projects/${entry.id}` });
  });

  it('an about topic card is that topic, and the about card is the background', () => {
    for (const topic of profile.about)
      expect(readReply(buildTopicCard(profile, topic), profile).cards[0]).toEqual({ type: 'entry', ref: `about/${topic.id}` });
    expect(readReply(buildAboutCard(profile), profile).cards).toEqual([{ type: 'entry', ref: 'about/background' }]);
  });

  it('the experience card is its roles in order, then the education', () => {
    expect(readReply(buildExperienceCard(profile), profile).cards).toEqual([
      { type: 'entry', ref: 'experience/ai-lead-pixxel' },
      { type: 'entry', ref: 'experience/ai-researcher-pixxel' },
      { type: 'entry', ref: 'education/msc-mathematics-bits-pilani' },
    ]);
  });

  it('blog posts, contact, résumé and skills cards', () => {
    expect(readReply(buildBlogsCard(profile), profile).cards).toEqual(
      profile.blogs.map((post) => ({ type: 'entry', ref: `blogs/${post.id}` })),
    );
    expect(readReply(buildContactCard(profile), profile).cards).toEqual([{ type: 'entry', ref: 'contact' }]);
    expect(readReply(buildResumeCard(profile), profile).cards).toEqual([{ type: 'entry', ref: 'contact' }]);
    expect(readReply(buildSkillsCard(profile), profile).cards).toEqual([{ type: 'entry', ref: 'skills' }]);
    expect(readReply(buildSkillsCard(profile, 'basic'), profile).cards).toEqual([{ type: 'entry', ref: 'skills' }]);
  });

  it('research, learning and results cards are lists of their entries, in order', () => {
    expect(readReply(buildResearchCard(profile), profile).cards).toEqual([
      { type: 'list', refs: profile.research.map((item) => `research/${item.id}`) },
    ]);
    expect(readReply(buildLearningCard(profile), profile).cards).toEqual([
      { type: 'list', refs: profile.learning.map((item) => `learning/${item.id}`) },
    ]);
    const measured = [project('toxic-comments-classification'), project('lookahead-optimizer-analysis')];
    expect(readEmbed(buildMetricsCard(profile, measured), profile)).toEqual({
      type: 'list',
      refs: ['projects/toxic-comments-classification', 'projects/lookahead-optimizer-analysis'],
    });
  });

  it('a /search card lists its hits, and a section with no named entry ("Skills") as that section', async () => {
    const dispatcher = await testDispatcher();
    const card = readReply(dispatcher.command('search', input({ query: 'docker' })), profile).cards[0];
    expect(card?.type).toBe('list');
    expect(card?.type === 'list' ? card.refs : []).toContain('skills');
  });

  it('the ask intro card shows no entry', () => {
    expect(readReply(buildAskIntroCard(profile, 'Hi!', ['what does he do?']), profile).cards[0]).toMatchObject({ type: 'none' });
  });

  it('a reply without embeds is about what its text names first, leaving echoes of the question aside', () => {
    expect(readContent("Yes — Docker is something he's **learning**.", profile)).toEqual({ type: 'entry', ref: 'skills' });
    expect(readContent('He used FastAI for deep learning.', profile)).toBeUndefined();
    expect(readContent('His e-mail is akash@pixxel.co.in.', profile)).toEqual({ type: 'entry', ref: 'contact' });
    expect(readContent('See **Java-ML**, and Docker (learning).', profile)).toEqual({ type: 'entry', ref: 'projects/java-ml' });
    expect(readContent("Sorry — “Java-ML” isn't in his profile.", profile)).toBeUndefined();
  });
});

describe('the judge', () => {
  it('passes the expected entry, and fails another', () => {
    expect(judge(question({ entry: 'projects/java-ml' }), projectPayload('java-ml'), profile, secrets)).toMatchObject({
      pass: true,
      lead: 'projects/java-ml',
    });
    expect(judge(question({ entry: 'projects/java-ml' }), projectPayload('fast-callbacks'), profile, secrets)).toMatchObject({
      pass: false,
      reason: 'wrong entry',
    });
    expect(
      judge(question({ entry: ['projects/java-ml', 'projects/fast-callbacks'] }), projectPayload('fast-callbacks'), profile, secrets).pass,
    ).toBe(true);
    expect(judge(question({ entry: 'projects' }), projectPayload('fast-callbacks'), profile, secrets).pass).toBe(true);
  });

  it('judges a reply by its first card: a right card after a wrong one does not pass', () => {
    const payload = {
      embeds: [buildProjectCard(project('fast-callbacks'), profile).embed, buildProjectCard(project('java-ml'), profile).embed],
    };
    expect(judge(question({ entry: 'projects/java-ml' }), payload, profile, secrets).pass).toBe(false);
  });

  it('passes a list only when every entry in it is expected', () => {
    const both = {
      embeds: [buildMetricsCard(profile, [project('toxic-comments-classification'), project('human-protein-atlas-classification')])],
    };
    expect(
      judge(
        question({ entry: ['projects/toxic-comments-classification', 'projects/human-protein-atlas-classification'] }),
        both,
        profile,
        secrets,
      ).pass,
    ).toBe(true);
    expect(judge(question({ entry: 'projects/toxic-comments-classification' }), both, profile, secrets).pass).toBe(false);
  });

  it('asks for the fact in the reply, not in an echo of the question', () => {
    const payload = projectPayload('human-protein-atlas-classification');
    expect(judge(question({ entry: 'projects/human-protein-atlas-classification', fact: '0.412' }), payload, profile, secrets).pass).toBe(
      true,
    );
    expect(
      judge(question({ entry: 'projects/human-protein-atlas-classification', fact: '/fbeta\\W+0\\.412/' }), payload, profile, secrets).pass,
    ).toBe(true);
    expect(
      judge(question({ entry: 'projects/human-protein-atlas-classification', fact: '0.999' }), payload, profile, secrets),
    ).toMatchObject({ pass: false, reason: 'fact 0.999 missing' });
    const echoed = projectPayload('human-protein-atlas-classification', 'Projects matching “kaggle gold medal”:');
    expect(replyText(echoed)).not.toContain('gold medal');
    expect(
      judge(question({ entry: 'projects/human-protein-atlas-classification', fact: 'gold medal' }), echoed, profile, secrets).pass,
    ).toBe(false);
  });

  it('an unknown passes only when the reply first says the profile does not say', () => {
    const unknown = question('unknown');
    expect(judge(unknown, { content: "Sorry — “salary” isn't in his profile, so I can't answer that." }, profile, secrets).pass).toBe(true);
    expect(
      judge(
        unknown,
        { content: "His profile doesn't say. Closest:", embeds: [buildProjectCard(project('java-ml'), profile).embed] },
        profile,
        secrets,
      ).pass,
    ).toBe(true);
    expect(judge(unknown, projectPayload('java-ml'), profile, secrets)).toMatchObject({
      pass: false,
      reason: 'answered with an entry instead of saying the profile does not say',
    });
    expect(judge(unknown, projectPayload('java-ml', 'Here is what I found:'), profile, secrets).pass).toBe(false);
    expect(saysProfileDoesNotSay({ content: 'He is great. Profile: /about' })).toBe(false);
  });

  it('a private question passes with the public contacts and no number', () => {
    const contact = buildContactCard(profile);
    expect(judge(question('private'), { content: "His phone number isn't shared publicly.", ...contact }, profile, secrets).pass).toBe(
      true,
    );
    expect(judge(question('private'), { content: "His phone number isn't shared publicly." }, profile, secrets)).toMatchObject({
      pass: false,
      reason: 'no public contact',
    });
    expect(judge(question('private'), { content: 'Call +91 98799-90466.', ...contact }, profile, secrets)).toMatchObject({
      pass: false,
      leak: true,
      reason: 'phone leak',
    });
  });

  it('nonsense passes with no entry: a plain refusal or the intro, not a card, a list, a menu or a named entry', () => {
    const nothing = question('nothing');
    expect(judge(nothing, { content: "Sorry — “weather” isn't in his profile." }, profile, secrets).pass).toBe(true);
    expect(judge(nothing, buildAskIntroCard(profile, 'Hi!', ['what does he do?']), profile, secrets).pass).toBe(true);
    expect(judge(nothing, projectPayload('java-ml'), profile, secrets)).toMatchObject({ pass: false, showedEntry: true });
    expect(judge(nothing, buildResearchCard(profile), profile, secrets).pass).toBe(false);
    const menu = projectSelectRow([project('java-ml')], 'projects|open');
    expect(judge(nothing, { content: 'Did you mean one of these?', components: menu ? [menu] : [] }, profile, secrets).pass).toBe(false);
    expect(judge(nothing, { content: 'Maybe **Java-ML**?' }, profile, secrets).pass).toBe(false);
  });
});

describe('a phone leak is any spelling of the private number', () => {
  const leaks = (payload: unknown) => leaksPhone(payload, secrets);

  it.each([
    ['as written', { content: '+919879990466' }],
    ['spaced', { content: 'call +91 98799 90466' }],
    ['dashed, in a field', { embeds: [{ fields: [{ name: 'Phone', value: '98-79-99-04-66' }] }] }],
    ['with brackets and dots', { embeds: [{ footer: { text: '(987) 999.0466' } }] }],
    [
      'in a button url',
      {
        components: [
          {
            type: ComponentType.ActionRow,
            components: [{ type: ComponentType.Button, style: ButtonStyle.Link, label: 'Call', url: 'tel:9879990466' }],
          },
        ],
      },
    ],
    ['in full-width digits', { content: '９８７９９９０４６６' }],
    ['in Devanagari digits', { content: '९८७९९९०४६६' }],
    ['in words', { content: 'nine eight seven nine nine nine zero four six six' }],
    ['with zero-width characters between digits', { content: '9\u200b8\u200b7\u200b9\u200b9\u200b9\u200b0\u200b4\u200b6\u200b6' }],
    [
      'across two fields',
      {
        embeds: [
          {
            fields: [
              { name: 'a', value: 'ends 98799' },
              { name: 'b', value: '90466 starts' },
            ],
          },
        ],
      },
    ],
  ])('%s', (_name, payload) => {
    expect(leaks(payload)).toBe(true);
  });

  it('but not other numbers: the shipped cards, metrics, part of the number, another number', () => {
    for (const entry of profile.projects) expect(leaks(projectPayload(entry.id))).toBe(false);
    expect(leaks(buildAboutCard(profile))).toBe(false);
    expect(leaks(buildContactCard(profile))).toBe(false);
    expect(leaks({ content: 'accuracy 99.26 %, fbeta 0.412, 29 classes, 9879' })).toBe(false);
    expect(leaks({ content: '+91 98799 90467' })).toBe(false);
  });
});

describe('the development sets through the real dispatcher', () => {
  /**
   * Nonsense that today's engine answers with an entry (docs/answers.md): none.
   * Any fails this test.
   */
  const KNOWN_NONSENSE_WITH_ENTRY: string[] = [];
  let report: Report;

  beforeAll(() => {
    report = evaluate('dev', [...loadQuestions('dev', profile), ...loadQuestions('dev2', profile)], profile);
  });

  it('answers every question, printing nothing', () => {
    const write = vi.spyOn(process.stdout, 'write');
    const again = evaluate('dev', loadQuestions('dev', profile).slice(0, 5), profile);
    expect(again.results).toHaveLength(5);
    expect(write).not.toHaveBeenCalled();
    expect(report.results).toHaveLength(loadQuestions('dev', profile).length + loadQuestions('dev2', profile).length);
  });

  it('never shows the phone number', () => {
    expect(report.phoneLeaks).toBe(0);
    expect(report.results.filter((result) => result.verdict.leak).map((result) => result.question.id)).toEqual([]);
  });

  it('answers nonsense with no entry (apart from the known cases, which may only shrink)', () => {
    const showed = report.results
      .filter((result) => result.kind === 'nothing' && result.verdict.showedEntry)
      .map((result) => result.question.id);
    expect(showed.filter((id) => !KNOWN_NONSENSE_WITH_ENTRY.includes(id))).toEqual([]);
  });

  it('judges the reply a DM, a mention and /ask get from the bot as shipped', async () => {
    const dispatcher = await testDispatcher();
    for (const result of report.results.slice(0, 10)) {
      expect(dispatcher.message(result.question.q, ASKER)).toEqual(result.payload);
      expect(dispatcher.command('ask', input({ question: result.question.q }))).toEqual(result.payload);
    }
  });
});
