// /ask and plain DM text: questions in plain words → answers from the profile.
// Through the dispatcher (as every transport runs it), both as the slash command
// and as a DM; plus interpretQuestion on its own, another profile, and hostile text.
import { join } from 'node:path';
import { ComponentType, MessageFlags, type APIEmbed } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { interpretQuestion, RULES, type IntentKind } from '../src/ask/index.js';
import { createDispatcher, type Dispatcher } from '../src/bot/dispatch.js';
import type { Portfolio } from '../src/bot/types.js';
import { silentLogger } from '../src/log.js';
import type { ReplyPayload } from '../src/replies/index.js';
import { COMMANDS } from '../commands/index.js';
import { ASKER, expectWithinLimits, input, shippedPortfolio, testDispatcher, textOf } from './helpers/bot.js';
import { loadedPortfolio } from './helpers/profile.js';

let portfolio: Portfolio;
let dispatcher: Dispatcher;

beforeAll(async () => {
  portfolio = await shippedPortfolio();
  dispatcher = await testDispatcher();
});

/** Every answer given in this file, for the checks that hold for all of them. */
const asked: { question: string; payload: ReplyPayload }[] = [];

/** The answer to a question as /ask gives it; the same question as a DM must give the same answer. */
function ask(question: string): ReplyPayload {
  const payload = dispatcher.command('ask', input({ question }));
  expect(dispatcher.message(question, ASKER)).toEqual(payload);
  asked.push({ question, payload });
  return payload;
}

/** The answer to a DM only. */
function dm(text: string): ReplyPayload {
  const payload = dispatcher.message(text, ASKER);
  asked.push({ question: text, payload });
  return payload;
}

const contentOf = (payload: ReplyPayload): string => payload.content ?? '';
const titles = (payload: ReplyPayload): string[] => (payload.embeds ?? []).map((embed: APIEmbed) => embed.title ?? '');

const PROJECT_NAMES = [
  'Lookahead Optimizer Analysis',
  'Drought Detection Challenge',
  'Toxic Comments Classification using ULMFiT',
  'Human Protein Atlas Classification',
  'Java-ML',
  'Image Augmentation Package',
  'Efficiently Oversampling Image Classification Datasets',
  'Fast Callbacks',
  'Multichannel Resnets',
  'Book Review Website',
];
/** Any project card or project link: an answer that has none shows no project. */
const PROJECT_URLS = /github\.com\/akashpalrecha\/(?!\)|"|$)|kaggle\.com|notion\.so|herokuapp/i;
/** The private phone number, in any spacing or punctuation. */
const PHONE = /9\D{0,3}8\D{0,3}7\D{0,3}9\D{0,3}9\D{0,3}9\D{0,3}0\D{0,3}4\D{0,3}6\D{0,3}6/;
const NOT_IN_PROFILE = /isn't in his profile/;

describe('skills: the named thing looked up with its level', () => {
  it('"does he know docker?" → learning', () => {
    const answer = ask('does he know docker?');
    expect(contentOf(answer)).toContain("Yes — Docker is something he's **learning**.");
  });

  it('"is he good at pytorch?" → expert', () => {
    expect(contentOf(ask('is he good at pytorch?'))).toContain('PyTorch is one of his **expert** skills');
  });

  it('"how good is he with OpenCV?" → intermediate', () => {
    expect(contentOf(ask('how good is he with OpenCV?'))).toMatch(/OpenCV at an \*\*intermediate\*\* level/);
  });

  it('"does he know tensorflow?" → basic', () => {
    expect(contentOf(ask('does he know tensorflow?'))).toContain('Tensorflow is one of his **basic** skills');
  });

  it('a skill that is part of a listed name, with the name it is listed under', () => {
    const content = contentOf(ask('can Akash code in pandas?'));
    expect(content).toContain('Pandas is one of his **expert** skills');
    expect(content).toContain('listed as “NumPy, Pandas, Matplotlib, Jupyter”');
  });

  it('a typo in a skill still finds it, and says how it was read', () => {
    const content = contentOf(ask('does he know pytroch?'));
    expect(content).toContain('PyTorch is one of his **expert** skills');
    // The typo is read before the rules, against the profile's words, and the answer says so.
    expect(content).toContain('(Reading “pytroch” as “pytorch”.)');
  });

  it('a skill that is not there: "No, … isn\'t in his profile", suggestions, and no project card', () => {
    for (const [question, name] of [
      ['does he know Kubernetes?', 'Kubernetes'],
      ['does he know COBOL?', 'COBOL'],
      ['is he experienced with rust?', 'Rust'],
    ] as const) {
      const answer = ask(question);
      expect(contentOf(answer)).toContain(`No, ${name} isn't in his profile.`);
      expect(contentOf(answer)).toContain('/skills');
      expect(answer.embeds ?? []).toEqual([]); // no level card for a skill he doesn't list
      expect(textOf(answer)).not.toMatch(PROJECT_URLS);
    }
  });

  it('a thing that is no skill but appears in the work says where, instead of a plain no', () => {
    const content = contentOf(ask('does he know java?'));
    expect(content).not.toMatch(/^No,/);
    expect(content).toContain("Java isn't one of his listed skills");
    expect(content).toContain('[Java-ML](https://github.com/akashpalrecha/java-ML)');
  });

  it('several things at once, each answered', () => {
    const content = contentOf(ask('does he know docker and kubernetes?'));
    expect(content).toContain("Docker is something he's **learning**");
    expect(content).toContain("No, Kubernetes isn't in his profile.");
  });

  it('"what are his skills?" → every level', () => {
    const answer = ask('what are his skills?');
    expect(titles(answer)).toEqual(['Akash Palrecha — skills']);
    expect(textOf(answer)).toContain('Docker');
    expect(contentOf(answer)).toContain('PyTorch');
  });
});

describe('contact: public links only', () => {
  it('"how can I contact him?" → the public links', () => {
    const text = textOf(ask('how can I contact him?'));
    expect(text).toContain('akash@pixxel.co.in');
    expect(text).toContain('https://github.com/akashpalrecha');
    expect(text).toContain('https://twitter.com/akashpalrecha98');
  });

  it('"what\'s his email?" → the e-mail address itself', () => {
    expect(contentOf(ask("what's his email?"))).toBe('His e-mail: akash@pixxel.co.in');
  });

  it('"twitter?" → the Twitter link', () => {
    expect(contentOf(ask('twitter?'))).toContain('https://twitter.com/akashpalrecha98');
  });

  it('"what\'s his phone number?" → not shared publicly, the public links instead, and no number', () => {
    const answer = ask("what's his phone number?");
    expect(contentOf(answer)).toContain("phone number isn't shared publicly");
    expect(textOf(answer)).toContain('akash@pixxel.co.in');
    expect(textOf(answer)).not.toMatch(PHONE);
    expect(textOf(answer)).not.toContain('[private]');
  });

  it('"résumé?" and "cv" → the résumé link', () => {
    for (const question of ['résumé?', 'cv']) {
      const answer = ask(question);
      expect(textOf(answer)).toContain('https://akashpalrecha.github.io/files/About/Updated_TA_Resume.pdf');
      expect(contentOf(answer)).toContain('résumé');
    }
  });

  it('a link the profile lacks says so and gives the public ones', () => {
    const answer = ask('does he have a website?');
    expect(contentOf(answer)).toContain('His profile has no website link');
    expect(titles(answer)).toEqual(['Contact Akash Palrecha']);
  });
});

describe('experience and education', () => {
  it('"what did he do at Pixxel?" → both Pixxel roles with their highlights', () => {
    const answer = ask('what did he do at Pixxel?');
    expect(contentOf(answer)).toContain('At Pixxel: **AI Lead** (Feb 2019 – Jan 2020) · **AI Researcher** (Sep 2018 – Feb 2019).');
    expect(titles(answer)).toEqual(['AI Lead — Pixxel', 'AI Researcher — Pixxel']);
    expect(textOf(answer)).toContain('Built a SoTA Drought Detection model');
  });

  it('"where has he worked?" → the roles', () => {
    const content = contentOf(ask('where has he worked?'));
    expect(content).toContain('**AI Lead** at Pixxel');
    expect(content).toContain('**AI Researcher** at Pixxel');
  });

  it('a place he has not worked at is named as such, not answered with another', () => {
    const content = contentOf(ask('what did he do at Google?'));
    expect(content).toContain('He has no role at Google in his profile.');
  });

  it('"where did he study?" and "what is he studying?" → education', () => {
    for (const question of ['where did he study?', 'what is he studying?']) {
      const answer = ask(question);
      expect(contentOf(answer)).toContain('**MSc. Mathematics**, Birla Institute of Technology and Science (BITS), Pilani');
      expect(titles(answer)).toEqual(['🎓 Education']);
    }
  });
});

describe('about: free time, philosophy, a day, who he is', () => {
  it.each(['what instrument does he play?', 'what are his hobbies?', 'what does he do in his free time?'])('%s → drums', (question) => {
    const answer = ask(question);
    expect(titles(answer)).toEqual(['In my free time']);
    expect(textOf(answer)).toContain('drums');
  });

  it('"what is his philosophy?" and "what does he think of fast.ai?" → philosophy', () => {
    // "fast.ai" alone no longer picks the philosophy: the word names projects, a skill and a course too (#13).
    for (const question of ['what is his philosophy?', 'what does he think of fast.ai?']) {
      const answer = ask(question);
      expect(titles(answer)).toEqual(['Philosophy']);
      expect(textOf(answer)).toContain('making AI accessible');
    }
  });

  it('"what does a day in his life look like?" → the day-in-my-life items', () => {
    const answer = ask('what does a day in his life look like?');
    expect(titles(answer)).toEqual(['A day in my life']);
    expect(textOf(answer)).toContain('Go Run!');
    expect(textOf(answer)).toContain('Binge-surfing forums.fast.ai');
  });

  it('"who is he?" → the about summary', () => {
    const answer = ask('who is he?');
    expect(contentOf(answer)).toContain('AI Researcher at Pixxel');
    expect(textOf(answer)).toContain('cares most about making AI accessible');
  });

  it('"where does he live?" → the location, not a project that mentions "live"', () => {
    const answer = ask('where does he live?');
    expect(contentOf(answer)).toContain('**Pilani, India**');
    expect(textOf(answer)).not.toContain('Book Review Website');
  });
});

describe('research, learning, blogs', () => {
  it('"what is he working on?" → research in progress and learning', () => {
    const answer = ask('what is he working on?');
    const content = contentOf(answer);
    expect(content).toContain('BatchNorm without mean or variance parameters');
    expect(content).toContain('FastAI V2');
    expect(titles(answer)).toEqual(['Akash Palrecha — research', "📚 What he's learning now"]);
  });

  it('"what is he learning?" → the courses and the skills rated learning', () => {
    const content = contentOf(ask('what is he learning?'));
    expect(content).toContain('**Deep Learning Course, Part 2** (fast.ai, Lecture 12)');
    expect(content).toContain('Docker');
  });

  it('"has he written any blogs?" → both pieces', () => {
    const answer = ask('has he written any blogs?');
    expect(contentOf(answer)).toMatch(/^Yes — he has written 2 pieces/);
    expect(titles(answer)).toEqual(["An Inquiry Into Matplotlib's Figures", 'Using your own pre-trained models in FastAI']);
  });

  it('a topic narrows a section: "has he written about matplotlib?" → only that post', () => {
    expect(titles(ask('has he written about matplotlib?'))).toEqual(["An Inquiry Into Matplotlib's Figures"]);
  });
});

describe("projects: a project search with the question's topic words", () => {
  it('"which kaggle competitions did he enter?" → the two Kaggle projects, and no other', () => {
    const answer = ask('which kaggle competitions did he enter?');
    const text = textOf(answer);
    expect(titles(answer)).toEqual(['Toxic Comments Classification using ULMFiT', 'Human Protein Atlas Classification']);
    for (const name of PROJECT_NAMES.slice(0, 2).concat(PROJECT_NAMES.slice(4))) expect(text).not.toContain(name);
  });

  it('"what optimizers has he worked on?" (the end-to-end DM) → the Lookahead card first, with its repo link', () => {
    const answer = dm('what optimizers has he worked on?');
    expect(answer.embeds?.[0]).toMatchObject({ title: 'Lookahead Optimizer Analysis', url: 'https://github.com/akashpalrecha/Lookahead' });
    expect(answer.components?.[0]?.components).toContainEqual(
      expect.objectContaining({ type: ComponentType.Button, url: 'https://github.com/akashpalrecha/Lookahead' }),
    );
    const content = contentOf(answer);
    expect(content.indexOf('Lookahead')).toBeGreaterThanOrEqual(0);
    expect(content.indexOf('Lookahead')).toBeLessThan(content.indexOf('Java-ML'));
  });

  it('a typo the search tolerates: "lookahed" → Lookahead', () => {
    expect(titles(dm('lookahed'))[0]).toBe('Lookahead Optimizer Analysis');
    expect(titles(ask('tell me about lookahed'))[0]).toBe('Lookahead Optimizer Analysis');
  });

  it('"tell me about the drought project" → the Drought card alone', () => {
    const answer = ask('tell me about the drought project');
    expect(titles(answer)).toEqual(['Drought Detection Challenge']);
    // One project named: its card, led by its first highlight, quoted.
    expect(contentOf(answer)).toBe(
      '**Drought Detection Challenge**:\n> #1 on the Weights and Biases leaderboard since September 2019 (as of 13 Jan 2020)',
    );
  });

  it('"what are his results?" and "any metrics?" → the projects with metrics', () => {
    for (const question of ['what are his results?', 'any metrics?']) {
      const answer = ask(question);
      const text = textOf(answer);
      expect(text).toContain('#1');
      expect(text).toContain('99.26 %');
      expect(text).toContain('0.412');
      expect(text).not.toContain('Java-ML');
    }
  });

  it('a metric question with a topic narrows to that project', () => {
    const answer = ask('what accuracy did he get on toxic comments?');
    expect(contentOf(answer)).toBe(
      '**Toxic Comments Classification using ULMFiT**:\n' +
        '> Accuracy: 99.26 % (On 10% of the training data kept aside for validation, after a few hours of training)\n' +
        '> ROC-AUC: 98.7 % (On 10% of the training data kept aside for validation, after a few hours of training)',
    );
    expect(titles(answer)).toEqual(['Toxic Comments Classification using ULMFiT']);
  });

  it('projects by status', () => {
    expect(contentOf(ask('which projects are unmaintained?'))).toBe(
      '2 projects are unmaintained: **Image Augmentation Package** and **Efficiently Oversampling Image Classification Datasets**.',
    );
  });

  it('a project topic with nothing behind it says so, with no card', () => {
    const answer = ask('any blockchain projects?');
    expect(contentOf(answer)).toContain('No project about “blockchain” is in his profile.');
    expect(answer.embeds ?? []).toEqual([]);
  });

  it('echoes the topic as typed: "any chain-ledger projects?"', () => {
    expect(contentOf(ask('any chain-ledger projects?'))).toContain('No project about “chain\\-ledger” is in his profile.');
  });
});

describe('greetings, help, and questions the profile cannot answer', () => {
  it.each(['hi', 'hello', 'Hey there!', 'help'])('%s → a short intro with example questions', (question) => {
    const answer = ask(question);
    expect(titles(answer)).toEqual(['Ask me about Akash Palrecha']);
    expect(textOf(answer)).toContain('What is he working on?');
    expect(textOf(answer)).toContain('What did he do at Pixxel?');
  });

  it('a greeting in front of a question answers the question', () => {
    expect(contentOf(ask('hi! does he know docker?'))).toContain("Docker is something he's **learning**");
  });

  it.each(["what's his favourite food?", 'is he married?', 'quantum computing?', 'how old is he?'])(
    '%s → plainly not in the profile, with commands',
    (question) => {
      const answer = ask(question);
      expect(contentOf(answer)).toMatch(NOT_IN_PROFILE);
      expect(contentOf(answer)).toContain('/help');
      expect(contentOf(answer)).toContain('/projects');
      expect(contentOf(answer)).toContain('/search');
      expect(answer.embeds ?? []).toEqual([]);
      expect(textOf(answer)).not.toMatch(PROJECT_URLS);
    },
  );

  it('accepts the name and other pronouns for the person', () => {
    expect(contentOf(ask('what is Akash Palrecha learning?'))).toContain('FastAI V2');
    expect(contentOf(ask('does she know docker?'))).toContain("something he's **learning**");
    expect(contentOf(ask('is akash good at python?'))).toContain('Python is one of his **expert** skills');
  });
});

describe('interpretQuestion', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['does he know docker?', { kind: 'skill', section: 'skills' }],
    ['what did he do at Pixxel?', { kind: 'experience', organisation: 'Pixxel', organisationKnown: true }],
    ['what did he do at Google?', { kind: 'experience', organisation: 'Google', organisationKnown: false }],
    [
      'which kaggle competitions did he enter?',
      { kind: 'projects', section: 'projects', topic: 'kaggle competition', shown: 'kaggle competitions' },
    ],
    ['what optimizers has he worked on?', { kind: 'projects', topic: 'optimizer' }],
    ["what's his email?", { kind: 'contact', contact: 'email' }],
    ['how can I contact him?', { kind: 'contact', contact: null }],
    ["what's his phone number?", { kind: 'phone', section: 'contact' }],
    ['what instrument does he play?', { kind: 'entry', rule: 'answers', entry: { section: 'about', id: 'free-time' } }],
    ['what does a day in his life look like?', { kind: 'topic', aboutTopic: 'day-in-my-life' }],
    ['what is his philosophy?', { kind: 'topic', aboutTopic: 'philosophy' }],
    ['what is he working on?', { kind: 'now', section: 'research' }],
    ['what is he learning?', { kind: 'learning' }],
    ['is he learning docker?', { kind: 'skill' }],
    ['what deep learning projects has he done?', { kind: 'projects', topic: 'deep learning' }],
    ['has he written any blogs?', { kind: 'blogs', topic: '' }],
    ["what's his best result?", { kind: 'metrics', topic: '' }],
    ['where did he study?', { kind: 'education' }],
    ['who is he?', { kind: 'about' }],
    ['Akash Palrecha', { kind: 'about', aboutPerson: true }],
    ['résumé?', { kind: 'resume' }],
    ['hello', { kind: 'greeting' }],
    ['help', { kind: 'help' }],
    // The topic is in matching form (American spelling); the reply quotes the words as typed (below).
    ["what's his favourite food?", { kind: 'unknown', topic: 'favorite food' }],
  ];
  it.each(cases)('%s', (question, expected) => {
    expect(interpretQuestion(question, portfolio)).toMatchObject(expected);
  });

  it('a skill question carries the skill, its level and how it matched', () => {
    const intent = interpretQuestion('is he any good at cv2?', portfolio);
    expect(intent).toMatchObject({
      kind: 'skill',
      skills: [{ asked: 'cv2', matches: [{ level: 'intermediate', via: 'tag', skill: { name: 'OpenCV' } }] }],
    });
    const unknown = interpretQuestion('does he know Kubernetes?', portfolio);
    expect(unknown.kind === 'skill' && unknown.skills).toEqual([{ asked: 'Kubernetes', tokens: ['kubernete'], matches: [] }]);
  });

  it('a question no rule covers searches the profile, typos included', () => {
    const intent = interpretQuestion('lookahed', portfolio);
    expect(intent).toMatchObject({ kind: 'search', rule: 'fallback', section: 'projects' });
    expect(intent.kind === 'search' && intent.hits[0]?.id).toBe('lookahead-optimizer-analysis');
  });

  it('the rules are data: unique names', () => {
    const names = RULES.map((rule) => rule.name);
    expect(new Set(names).size).toBe(names.length);
  });

  // One question of each kind (the Record makes a new kind fail to compile until it is here),
  // with how its answer opens and the titles of its cards.
  const EVERY_KIND: Record<IntentKind, { question: string; opens: string; titles: string[] }> = {
    greeting: { question: 'hi', opens: "Hi! I answer questions about **Akash Palrecha**'s work", titles: ['Ask me about Akash Palrecha'] },
    help: {
      question: 'help',
      opens: "I answer questions about **Akash Palrecha**'s work, from his profile. Some you can ask:",
      titles: ['Ask me about Akash Palrecha'],
    },
    thanks: { question: 'thanks', opens: "You're welcome! Ask me anything else about Akash Palrecha's work", titles: [] },
    phone: { question: "what's his phone number?", opens: "His phone number isn't shared publicly.", titles: ['Contact Akash Palrecha'] },
    resume: { question: 'can I see his resume?', opens: "Here's his résumé.", titles: ['Akash Palrecha — résumé'] },
    contact: { question: "what's his email?", opens: 'His e-mail: akash@pixxel.co.in', titles: ['Contact Akash Palrecha'] },
    location: {
      question: 'where does he live?',
      opens: 'His profile gives his location as **Pilani, India**.',
      titles: ['Akash Palrecha'],
    },
    skill: {
      question: 'does he know docker?',
      opens: "Yes — Docker is something he's **learning**.",
      titles: ['Akash Palrecha — skills: Learning'],
    },
    skills: { question: 'what are his skills?', opens: 'His expert skills: PyTorch; FastAI;', titles: ['Akash Palrecha — skills'] },
    topic: { question: 'what does he do in his free time?', opens: 'From his profile — **In my free time**:', titles: ['In my free time'] },
    now: {
      question: 'what is he working on now?',
      opens: "What he's working on right now —",
      titles: ['Akash Palrecha — research', "📚 What he's learning now"],
    },
    research: {
      question: 'what research has he done?',
      opens: 'His research: **BatchNorm without mean or variance parameters**',
      titles: ['Akash Palrecha — research'],
    },
    learning: { question: 'what is he learning?', opens: "He's learning **FastAI V2**;", titles: ["📚 What he's learning now"] },
    blogs: {
      question: 'has he written any blogs?',
      opens: 'Yes — he has written 2 pieces:',
      titles: ["An Inquiry Into Matplotlib's Figures", 'Using your own pre-trained models in FastAI'],
    },
    metrics: {
      question: 'what results has he got?',
      opens: '4 projects have measured results:',
      titles: ['Akash Palrecha — results by the numbers'],
    },
    projects: {
      question: 'what projects has he built?',
      opens: 'His notable projects (/projects lists all 10):',
      titles: ['Akash Palrecha — notable projects'],
    },
    experience: {
      question: 'where has he worked?',
      opens: 'His roles: **AI Lead** at Pixxel',
      titles: ['AI Lead — Pixxel', 'AI Researcher — Pixxel'],
    },
    education: { question: 'where did he study?', opens: 'His education: **MSc. Mathematics**', titles: ['🎓 Education'] },
    about: { question: 'who is he?', opens: '**Akash Palrecha** — AI Researcher at Pixxel', titles: ['Akash Palrecha'] },
    search: {
      question: 'segmentation',
      opens: 'Yes — Classification, Segmentation is one of his **expert** skills.',
      titles: ['Akash Palrecha — skills: Expert', 'Also in the profile: “segmentation”'],
    },
    entry: {
      question: 'has he managed people?',
      opens: '**AI Lead, Pixxel**:\n> Manage, recruit for the AI team',
      titles: ['AI Lead — Pixxel'],
    },
    offtopic: {
      question: 'how do you win a kaggle competition?',
      opens: "That isn't something Akash Palrecha's profile covers: I answer questions about his work.",
      titles: [],
    },
    unknown: { question: "what's his favourite food?", opens: "Sorry — “favourite food” isn't in his profile", titles: [] },
  };

  it.each(Object.entries(EVERY_KIND))('answers a question of kind %s', (kind, { question, opens, titles: expected }) => {
    expect(interpretQuestion(question, portfolio).kind).toBe(kind);
    const payload = ask(question);
    expect(contentOf(payload).startsWith(opens), contentOf(payload)).toBe(true);
    expect(titles(payload)).toEqual(expected);
  });
});

describe('another profile: the rules are not tied to this one', () => {
  let other: Dispatcher;
  beforeAll(async () => {
    const minimal = await loadedPortfolio(join(import.meta.dirname, 'fixtures', 'minimal.yaml'));
    other = createDispatcher({ commands: COMMANDS, portfolio: () => minimal, logger: silentLogger });
  });

  it("uses the profile's pronoun and says what it lacks", () => {
    expect(other.message('does she know docker?', ASKER).content).toContain("No, Docker isn't in her profile.");
    expect(other.message('what is she working on?', ASKER).content).toContain('Her profile lists no research or learning in progress');
    expect(other.message('what did he do at Google?', ASKER).content).toContain('Her profile lists no roles');
    expect(other.message('what instrument does she play?', ASKER).content).toContain("Her profile doesn't say");
  });

  it('finds its projects and its links', () => {
    expect(other.message('tell me about the alpha project', ASKER).embeds?.[0]).toMatchObject({ title: 'Alpha' });
    expect(textOf(other.message('how can I contact Ada?', ASKER))).toContain('https://github.com/ada');
  });
});

describe('hostile questions: a normal answer, within limits, mentioning no one', () => {
  const HOSTILE: [string, string][] = [
    ['6000 characters', 'does he know docker? '.repeat(300).slice(0, 6000)],
    ['6000 letters', 'a'.repeat(6000)],
    ['@everyone', '@everyone @here what is he learning?'],
    ['mentions', '<@123456789012345678> <@&123456789012345678> <#123456789012345678> does he know docker?'],
    ['markdown', '**does** he know `docker`? ||x|| [y](https://evil.example) > quote # title'],
    ['control characters', '\u0000does\u0007 he\u0008 know\u001b[31m docker?\u007f'],
    ['zero-width characters', 'does\u200b he kn\u200bow doc\u200dker\u2060?\ufeff'],
    ['bidi override', '\u202edoes he know docker?\u202c'],
    ['emoji', '🥁🥁 what instrument does he play? 🎸👩‍👩‍👧'],
    ['only emoji', '🥁🎸'],
    ['whitespace only', '   \n\t  '],
    ['empty', ''],
    ['echoed mass ping', 'does he know @everyone and <@&1>?'],
    ['echoed markdown in an unknown topic', "what's his favourite **bold** `code` ~~food~~ <@1> @here?"],
  ];

  it.each(HOSTILE)('%s', (_label, question) => {
    const answer = dm(question);
    expectWithinLimits(answer);
    expect(answer.allowed_mentions).toEqual({ parse: [] });
    expect(contentOf(answer).length + (answer.embeds?.length ?? 0)).toBeGreaterThan(0);
    expect(textOf(answer)).not.toMatch(/@everyone|@here|<@&?\d/);
    const command = dispatcher.command('ask', input({ question }));
    expectWithinLimits(command);
    expect(command.allowed_mentions).toEqual({ parse: [] });
  });

  it('hostile wrapping does not change the answer', () => {
    expect(contentOf(dm('\u0000does\u0007 he\u0008 know\u001b[31m docker?\u007f'))).toContain("Docker is something he's **learning**");
    expect(contentOf(dm('does\u200b he kn\u200bow doc\u200dker\u2060?\ufeff'))).toContain("Docker is something he's **learning**");
    expect(contentOf(dm('**does** he know `docker`?'))).toContain("Docker is something he's **learning**");
    expect(titles(dm('🥁🥁 what instrument does he play? 🎸'))).toEqual(['In my free time']);
    expect(contentOf(dm('does he know docker? '.repeat(300)))).toContain("Docker is something he's **learning**");
  });

  it('echoed text is escaped, and markdown never reaches it', () => {
    const content = contentOf(dm('tell me about foo-bar:baz'));
    expect(content).toContain("“foo\\-bar\\:baz” isn't in his profile");
    const marked = contentOf(dm("what's his favourite **bold** food?"));
    expect(marked).toContain('“favourite bold food”');
    expect(marked).not.toContain('“favourite **bold** food”');
    expect(marked).not.toContain('**bold**');
  });

  it('an empty /ask gets the option error; whitespace gets the intro', () => {
    expect(contentOf(dispatcher.command('ask', input({ question: '' })))).toContain('/ask needs its `question` option');
    expect(titles(dm('   '))).toEqual(['Ask me about Akash Palrecha']);
  });

  it('private answers stay private, with a Share button', () => {
    const answer = dispatcher.command('ask', input({ question: 'does he know docker?', private: true }));
    expect(answer.flags).toBe(MessageFlags.Ephemeral);
    expect(textOf(answer)).toContain('Share in channel');
  });
});

describe('every answer above', () => {
  it('shows no phone number, fits the limits and mentions no one', () => {
    expect(asked.length).toBeGreaterThan(60);
    for (const { question, payload } of asked) {
      const text = textOf(payload);
      expect(text, question).not.toMatch(PHONE);
      expect(text, question).not.toContain('[private]');
      expectWithinLimits(payload);
      expect(payload.allowed_mentions, question).toEqual({ parse: [] });
    }
  });
});
