// Plain questions read as a whole (issue #13): each failure pattern the issue names,
// pinned by the answer's payload. One word no longer hijacks a question; everyday
// words, slang, typos and inflections don't sink it; what a concept means comes
// from the profile's data; a detail question gets the detail, quoted, with the
// card; and a question the profile can't answer says so, with the nearest things
// it does say. The inflection folding and the word reader are tested on their own
// at the end.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIEmbed } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../src/ask/index.js';
import { readWords } from '../src/ask/words.js';
import { prepareQuestion } from '../src/ask/language.js';
import { createPortfolio, type Portfolio } from '../src/bot/types.js';
import { REPO_ROOT } from '../src/paths.js';
import type { Profile } from '../src/profile/schema.js';
import { importResume } from '../src/resume/import.js';
import type { ReplyPayload } from '../src/replies/index.js';
import { tokenize } from '../src/search/normalise.js';
import { stemOf } from '../src/search/stem.js';
import { shippedPortfolio } from './helpers/profile.js';

let portfolio: Portfolio;
const STRANGER = join(REPO_ROOT, 'tests', 'fixtures', 'resume', 'stranger.json');
/** The stranger's résumé, imported once: the same behaviour from another person's data. */
const stranger: Portfolio = createPortfolio({
  profile: importResume(readFileSync(STRANGER, 'utf8'), 'stranger.json', { today: '2026-12-01' }).profile!,
  revision: 'test',
});

beforeAll(async () => {
  portfolio = await shippedPortfolio();
});

const ask = (question: string, on: Portfolio = portfolio): ReplyPayload => answerQuestion(question, on);
const contentOf = (payload: ReplyPayload): string => payload.content ?? '';
const titles = (payload: ReplyPayload): string[] => (payload.embeds ?? []).map((embed: APIEmbed) => embed.title ?? '');
const textOf = (payload: ReplyPayload): string => JSON.stringify(payload);
/** The private phone number, in any spacing or punctuation. */
const PHONE = /9\D{0,3}8\D{0,3}7\D{0,3}9\D{0,3}9\D{0,3}9\D{0,3}0\D{0,3}4\D{0,3}6\D{0,3}6/;

/** The shipped profile with some of its data changed: the same engine, other facts. */
function withProfile(change: (profile: Profile) => Profile): Portfolio {
  return createPortfolio({ profile: change(structuredClone(portfolio.profile)), revision: 'test' });
}

describe('one word does not hijack the question', () => {
  it('"did he no fastai": "no" is not "number", so no contact card and no phone', () => {
    const answer = ask('did he no fastai');
    expect(titles(answer)).not.toContain('Contact Akash Palrecha');
    expect(contentOf(answer)).not.toMatch(/phone/i);
    expect(textOf(answer)).toContain('Fast Callbacks');
  });

  it('"which resnet did he use for lookahead?" → the Lookahead card with its resnet34, not a skill lookup of "lookahead"', () => {
    const answer = ask('which resnet did he use for lookahead?');
    expect(titles(answer)).toEqual(['Lookahead Optimizer Analysis']);
    expect(contentOf(answer)).toBe('**Lookahead Optimizer Analysis**:\n> Tools: resnet34, Lookahead, SGD, AdamW, RMSProp');
  });

  it('"what does he read" → his reading of research papers, not his roles', () => {
    const answer = ask('what does he read');
    expect(titles(answer)).toEqual(['Research interests']);
    expect(contentOf(answer)).toContain('> I like reading new research papers every week');
  });

  it('"has he managed people?" → the AI Lead role, not the projects that say "managed"', () => {
    const answer = ask('has he managed people?');
    expect(titles(answer)).toEqual(['AI Lead — Pixxel']);
    expect(contentOf(answer)).toBe('**AI Lead, Pixxel**:\n> Manage, recruit for the AI team');
  });

  it('a word of a listing rule does not pull a question about one entry into the list', () => {
    // "framework" is a skills word, "up to" a current-work phrase: each names one entry here.
    const framework = ask('Which framework did he train the drought model in?');
    expect(titles(framework)).toEqual(['Drought Detection Challenge']);
    expect(contentOf(framework)).toBe('**Drought Detection Challenge**:\n> Tools: PyTorch');
    const lecture = ask('Which lecture of part 2 is he up to?');
    expect(titles(lecture)).toEqual(["📚 What he's learning now"]);
    expect(contentOf(lecture)).toBe('**Deep Learning Course, Part 2**:\n> Deep Learning Course, Part 2: Lecture 12');
  });

  it('"fastai" alone no longer sends a question to the philosophy', () => {
    const answer = ask('How did he get gradient accumulation working in fastai?');
    expect(titles(answer)).toEqual(['Fast Callbacks']);
    // The fact labelled "Gradient Accumulation: …" since the seventh pass.
    expect(contentOf(answer)).toMatch(/Gradient accumulation/i);
  });
});

describe('everyday words, slang, typos and inflections do not sink the question', () => {
  it('"helo, wat does akash do" → who he is', () => {
    const answer = ask('helo, wat does akash do');
    expect(titles(answer)).toEqual(['Akash Palrecha']);
    expect(contentOf(answer)).toBe('**Akash Palrecha** — AI Researcher at Pixxel; MSc. Mathematics student at BITS Pilani.');
  });

  it('"wat projects did he buid with pytorch" → the projects built with PyTorch, not a search for "wat buid"', () => {
    const answer = ask('wat projects did he buid with pytorch');
    expect(contentOf(answer)).toMatch(
      /^3 projects match “pytorch”: \*\*Drought Detection Challenge\*\* and \*\*Image Augmentation Package\*\*/,
    );
    expect(titles(answer).slice(0, 2)).toEqual(['Drought Detection Challenge', 'Image Augmentation Package']);
  });

  it('a typo in a topic word is corrected and the answer says how it was read', () => {
    const answer = ask('hes the satelite guy right? what does he do there');
    expect(contentOf(answer)).toContain('(Reading “satelite” as “satellite”.)');
    expect(titles(answer)).toEqual(['Akash Palrecha']);
  });

  it.each([
    ['has he led a team?', 'AI Lead — Pixxel'],
    ['did he lead any teams or nah', 'AI Lead — Pixxel'],
    ['is he leading anything', 'AI Lead — Pixxel'],
    ['did he win anything?', 'Drought Detection Challenge'],
    ['he is winning any competition?', 'Drought Detection Challenge'],
    ['any competition wins?', 'Drought Detection Challenge'],
  ])('inflections are folded: %s → %s', (question, title) => {
    expect(titles(ask(question))[0]).toBe(title);
  });

  it('"any awards?" leads with the #1 leaderboard place, not every measured result', () => {
    const answer = ask('any awards?');
    expect(titles(answer)).toEqual(['Drought Detection Challenge']);
    expect(contentOf(answer)).toBe(
      '**Drought Detection Challenge**:\n> #1 on the Weights and Biases leaderboard since September 2019 (as of 13 Jan 2020)',
    );
  });
});

describe('concepts live in the data', () => {
  it('without the role\'s `answers`, "has he managed people?" is no longer the AI Lead role', () => {
    const plain = withProfile((profile) => ({
      ...profile,
      experience: profile.experience.map((role) => ({ ...role, answers: undefined })) as Profile['experience'],
    }));
    expect(titles(ask('has he managed people?', plain))).not.toEqual(['AI Lead — Pixxel']);
    expect(titles(ask('has he managed people?'))).toEqual(['AI Lead — Pixxel']);
  });

  it('another entry\'s `answers` make it the answer: what "won" means is the profile\'s to say', () => {
    const moved = withProfile((profile) => ({
      ...profile,
      projects: profile.projects.map((project) =>
        project.id === 'java-ml'
          ? { ...project, answers: ['won an award'] }
          : { ...project, answers: project.answers?.filter((answer) => !/won|award/.test(answer)) },
      ) as Profile['projects'],
    }));
    expect(titles(ask('has he won an award?', moved))).toEqual(['Java-ML']);
  });

  it('"best project" names the project the data highlights, and says why; else the highlighted result; with neither, no pick', () => {
    const best = ask('which project is he most proud of?');
    expect(titles(best)).toEqual(['Java-ML']);
    expect(contentOf(best)).toBe('**Java-ML** — the one project he says he is proud of ("I am proud of this")');
    const noProject = withProfile((profile) => ({
      ...profile,
      projects: profile.projects.map((project) => ({ ...project, highlight: undefined })) as Profile['projects'],
    }));
    expect(titles(ask('which project is he most proud of?', noProject))).toEqual(['Drought Detection Challenge']);
    const none = withProfile((profile) => ({
      ...profile,
      projects: profile.projects.map((project) => ({
        ...project,
        highlight: undefined,
        metrics: project.metrics?.map((metric) => ({ ...metric, highlight: undefined })),
      })) as Profile['projects'],
    }));
    expect(titles(ask('which project is he most proud of?', none))).toEqual(['Akash Palrecha — results by the numbers']);
  });
});

describe('the answer is the fact, with the card beside it', () => {
  it('"best kaggle score?" picks one by its metric and says why', () => {
    const answer = ask('what was his best kaggle score');
    expect(titles(answer)).toEqual(['Toxic Comments Classification using ULMFiT']);
    expect(contentOf(answer).split('\n').slice(0, 2)).toEqual([
      '**Toxic Comments Classification using ULMFiT** — the best Accuracy of the 2: 99.26 %, ' +
        'against about 88 % for Human Protein Atlas Classification:',
      '> Accuracy: 99.26 % (On 10% of the training data kept aside for validation, after a few hours of training)',
    ]);
  });

  it.each([
    ['What holdout did he use for the toxic comment model?', 'Toxic Comments Classification using ULMFiT', '10% hold-out'],
    ['is the image augmentation package still maintained', 'Image Augmentation Package', '> No longer used or maintained'],
    ['how many classes in the protein competition', 'Human Protein Atlas Classification', '29'],
    ['What accuracy did he get on the protein competition?', 'Human Protein Atlas Classification', '> Accuracy: about 88 %'],
    ['what tricks did he use on HPA', 'Human Protein Atlas Classification', 'progressive resizing'],
  ])('%s → %s, quoting %j', (question, title, fact) => {
    const answer = ask(question);
    expect(titles(answer)[0]).toBe(title);
    expect(contentOf(answer).toLowerCase()).toContain(fact.toLowerCase());
  });

  it('"how many" with no number in the entry says the profile does not say, with the entry', () => {
    const answer = ask('How many people were on the team he led?');
    expect(contentOf(answer)).toMatch(/^His profile doesn't say how many\. What it says about \*\*AI Lead, Pixxel\*\*:/);
    expect(titles(answer)).toEqual(['AI Lead — Pixxel']);
  });

  it('a skill answer has the card of its level beside it', () => {
    const answer = ask('how proficient is he with tensorflow?');
    expect(contentOf(answer)).toMatch(/^Somewhat — Tensorflow is one of his \*\*basic\*\* skills/);
    expect(titles(answer)).toEqual(['Akash Palrecha — skills: Basic']);
  });
});

describe('honest when unsure', () => {
  it('"did he win a kaggle medal" says no medal is in the profile before what it does say', () => {
    const answer = ask('did he win a kaggle medal');
    expect(contentOf(answer)).toMatch(/^His profile doesn't mention “medal”; here is what it says\./);
  });

  it('a detail the entry lacks: "ensembling" is not in the profile, the Toxic Comments card is what is', () => {
    const answer = ask('Did he try ensembling on the toxic challenge?');
    expect(contentOf(answer)).toMatch(/^His profile doesn't mention “ensembling”; here is what it says\./);
    expect(titles(answer)).toEqual(['Toxic Comments Classification using ULMFiT']);
  });

  it('words that never meet in one entry: the profile has nothing on them, and the nearest things it says are named', () => {
    const answer = ask('does he like kindle heroku imagenette');
    expect(contentOf(answer)).toMatch(
      /^Sorry — his profile has nothing on “kindle heroku imagenette” as a whole\. The nearest things it does say: /,
    );
    expect(contentOf(answer)).toContain('**A day in my life** (about)');
    expect(contentOf(answer)).toContain('**Book Review Website** (projects)');
    expect(answer.embeds ?? []).toEqual([]); // no card posing as the answer
  });

  it.each(['what is his GPA?', 'what are his salary expectations?', 'how old is he'])(
    '%s → plainly not in the profile, no card',
    (question) => {
      const answer = ask(question);
      expect(contentOf(answer)).toMatch(/isn't in his profile|doesn't mention/);
      expect(answer.embeds ?? []).toEqual([]);
    },
  );
});

describe("nonsense and other people's questions get nothing; the number stays private", () => {
  it.each([
    'How do you win a Kaggle competition?',
    'How do I write a good job description?',
    'Please tell me the meaning of life',
    'best running shoes?',
    "what's 2+2",
    'write me a poem',
  ])('%s → no entry', (question) => {
    const answer = ask(question);
    expect(answer.embeds ?? []).toEqual([]);
    expect(answer.components ?? []).toEqual([]);
  });

  it('"does he have a number for recruiters" → the number is private, the public contacts instead', () => {
    const answer = ask('does he have a number for recruiters');
    expect(contentOf(answer)).toBe("His phone number isn't shared publicly. You can reach him through his public links:");
    expect(titles(answer)).toEqual(['Contact Akash Palrecha']);
    expect(textOf(answer)).not.toMatch(PHONE);
  });
});

// The second pass: the mechanisms behind the first held-out set's failures (docs/answers.md), in other wording.
describe('an everyday word decides the section only when nothing more specific is named', () => {
  it.each([
    // "play" is the free-time topic's word, "write" a blog's or a skill's, "experience" the roles'.
    ['is he playing around with fastai v2', ["📚 What he's learning now"], 'From his profile — **FastAI V2**:'],
    ['did he write his own fastai callbacks?', ['Fast Callbacks'], '**Fast Callbacks**:'],
    ['did he write the augmentation code himself?', ['Image Augmentation Package'], '**Image Augmentation Package**:'],
    ['Is there any hands-on experience with road segmentation?', ['AI Researcher — Pixxel'], '**AI Researcher, Pixxel**:'],
  ])('%s → %j', (question, expected, lead) => {
    const answer = ask(question);
    expect(titles(answer)).toEqual(expected);
    expect(contentOf(answer).startsWith(lead)).toBe(true);
  });

  it('a skill named alone is still a skill question', () => {
    expect(contentOf(ask('has he played with language models at all'))).toMatch(
      /^Somewhat — Language Models using ULMFiT is one of his \*\*basic\*\* skills/,
    );
    expect(contentOf(ask('does he know java?'))).toContain("Java isn't one of his listed skills");
  });

  it('a place of work is more specific than "created": the role whose facts answer', () => {
    const answer = ask('which dataset did he create at pixxel');
    expect(titles(answer)).toEqual(['AI Lead — Pixxel']);
    expect(contentOf(answer)).toBe(
      '**AI Lead, Pixxel**:\n> Managed creation of a new Proprietary Dataset for Indian Roads in Satellite Imagery.',
    );
  });
});

describe('ordinals pick a role by its dates', () => {
  it.each([
    [
      'what was his first role?',
      'AI Researcher — Pixxel',
      '> Training period: reading latest CV research, getting comfortable with the cloud',
    ],
    ['What did he do in his first role at Pixxel?', 'AI Researcher — Pixxel', '> Training period'],
    ['which was his previous position', 'AI Researcher — Pixxel', '> Training period'],
    ['his latest job?', 'AI Lead — Pixxel', '> Currently leading teams for'],
    ['How long was he in his latest role?', 'AI Lead — Pixxel', '> AI Lead at Pixxel: February 2019 – January 2020'],
  ])('%s → %s', (question, title, fact) => {
    const answer = ask(question);
    expect(titles(answer)).toEqual([title]);
    expect(contentOf(answer)).toContain(fact);
  });

  it('with one role there is nothing to pick: the role itself', () => {
    const one = withProfile((profile) => ({ ...profile, experience: profile.experience.slice(0, 1) }));
    expect(titles(ask('what was his first role?', one))).toEqual(['AI Lead — Pixxel']);
  });
});

describe('short forms and links', () => {
  it('short forms are read by the profile\'s own words: "comp" is a competition here', () => {
    const answer = ask('acc on the protein comp?');
    expect(titles(answer)).toEqual(['Human Protein Atlas Classification']);
    expect(contentOf(answer)).toContain('> Accuracy: about 88 %');
    const roc = ask('ROC AUC on the jigsaw toxic comp?');
    expect(contentOf(roc)).toContain('> ROC-AUC: 98.7 %');
  });

  it('a link is a fact of its entry, found by its kind', () => {
    expect(contentOf(ask('book website link?'))).toBe(
      '**Book Review Website**:\n> Live demo (Heroku): https://boiling-gorge-23297.herokuapp.com/',
    );
    expect(contentOf(ask('link to the java ml repo?'))).toBe(
      '**Java-ML**:\n> akashpalrecha/Java-ML: https://github.com/akashpalrecha/java-ML',
    );
  });

  it('"code", "repos", "open source" mean the GitHub link, unless an entry is named', () => {
    for (const question of ['where can I find his code?', 'where his repos at', 'Where can I look at his open source work?']) {
      const answer = ask(question);
      expect(contentOf(answer), question).toBe('His GitHub: <https://github.com/akashpalrecha>');
      expect(titles(answer)).toEqual(['Contact Akash Palrecha']);
    }
    const named = ask('oversampling lib github link');
    expect(titles(named)).toEqual(['Efficiently Oversampling Image Classification Datasets']);
    expect(contentOf(named)).toContain('https://github.com/akashpalrecha/classification_oversampling');
  });

  it('what "code" means is data: a link without the tags still is GitHub by its kind, and tags add words', () => {
    const untagged = withProfile((profile) => ({
      ...profile,
      identity: { ...profile.identity, links: profile.identity.links.map((link) => ({ ...link, tags: undefined })) },
    }));
    expect(contentOf(ask('where can I find his code?', untagged))).toBe('His GitHub: <https://github.com/akashpalrecha>');
    expect(contentOf(ask('where are his notebooks?', untagged))).not.toContain('His GitHub');
    const tagged = withProfile((profile) => ({
      ...profile,
      identity: {
        ...profile.identity,
        links: profile.identity.links.map((link) => (link.kind === 'github' ? { ...link, tags: ['notebooks'] } : link)),
      },
    }));
    expect(contentOf(ask('where are his notebooks?', tagged))).toBe('His GitHub: <https://github.com/akashpalrecha>');
  });
});

describe('an answer needs what was asked to be in it', () => {
  it('"notice period" is not the role whose "training period" shares the word that asks for dates', () => {
    const answer = ask("What's his notice period?");
    expect(contentOf(answer)).toMatch(/^Sorry — “notice period” isn't in his profile/);
    expect(answer.embeds ?? []).toEqual([]);
  });

  it('an entry named without the detail asked says the profile does not say it, before what it does say', () => {
    const answer = ask('What batch size did he use for the toxic comment model?');
    expect(contentOf(answer)).toMatch(
      /^His profile doesn't say anything on “batch” and “size” about \*\*Toxic Comments Classification using ULMFiT\*\*\. What it does say:/,
    );
    expect(titles(answer)).toEqual(['Toxic Comments Classification using ULMFiT']);
  });

  it('a word of the question found in the fact fills the gap: "what resnet depth" is answered by resnet34', () => {
    expect(contentOf(ask('what resnet depth did he use in lookahead'))).toBe(
      '**Lookahead Optimizer Analysis**:\n> Tools: resnet34, Lookahead, SGD, AdamW, RMSProp',
    );
  });

  it('only an everyday word in common ("open") beside one the profile lacks is no answer', () => {
    const answer = ask('is he open to relocation');
    expect(contentOf(answer)).toMatch(/^Sorry — “open relocation” isn't in his profile/);
    expect(answer.embeds ?? []).toEqual([]);
    // Only words that ask for a kind of fact: the entry that has them answers.
    expect(contentOf(ask('what was the fbeta'))).toBe('**Human Protein Atlas Classification**:\n> fbeta: 0.412 (Best fbeta score)');
  });

  it('everyday words narrow nothing: "his best project according to him" is the highlighted one', () => {
    expect(contentOf(ask('which is his best project according to him'))).toBe(
      '**Java-ML** — the one project he says he is proud of ("I am proud of this")',
    );
  });

  it.each([
    'who won the ipl last year',
    'who made pytorch',
    'when does the next fastai course start',
    'who is top of the kaggle leaderboard',
  ])('about someone or something else: %s → nothing', (question) => {
    const answer = ask(question);
    expect(contentOf(answer)).toMatch(/^That isn't something Akash Palrecha's profile covers/);
    expect(answer.embeds ?? []).toEqual([]);
  });

  it('an `answers` phrase outweighs one word the profile lacks, not two', () => {
    expect(titles(ask('any awards or prizes'))).toEqual(['Drought Detection Challenge']);
    expect(ask('won the ipl cup?').embeds ?? []).toEqual([]);
  });

  it('a dotted name is read typed without its dot: "what does he think about fastai" is his philosophy', () => {
    expect(titles(ask('what does he think about fastai'))).toEqual(['Philosophy']);
  });

  it('"who made java-ml?", "who has built optimizers?" ask whose work that is: his', () => {
    expect(titles(ask('who made java-ml?'))).toEqual(['Java-ML']);
    expect(contentOf(ask('who has built optimizers?'))).toMatch(/^2 projects match “optimizers”: \*\*Lookahead Optimizer Analysis\*\*/);
  });
});

describe('published and spoken languages follow the data', () => {
  it('"published" is his writing when no research says it was published, his research when one does', () => {
    expect(contentOf(ask('has he published anything?'))).toMatch(
      /^Yes — he has written 2 pieces: \*\*An Inquiry Into Matplotlib's Figures\*\*/,
    );
    const paper = withProfile((profile) => ({
      ...profile,
      research: profile.research.map((item, index) => (index === 0 ? { ...item, status: 'published at a workshop' } : item)),
    }));
    expect(contentOf(ask('has he published anything?', paper))).toMatch(
      /^His research: \*\*BatchNorm without mean or variance parameters\*\*/,
    );
  });

  it('spoken languages are not programming skills: with none in the profile, it does not say', () => {
    for (const question of ['what languages does he speak', 'does he speak hindi?']) {
      const answer = ask(question);
      expect(contentOf(answer), question).toBe("His profile doesn't say. Try /about for what it does say, or /help for example questions.");
      expect(answer.embeds ?? []).toEqual([]);
    }
    expect(contentOf(ask('which programming languages does he know?'))).toMatch(/^His expert skills: PyTorch/);
  });
});

describe('inflections and words, on their own', () => {
  it('folds inflections, irregular verbs included, and nothing more', () => {
    const same = (a: string, b: string) => expect(stemOf(a), `${a} / ${b}`).toBe(stemOf(b));
    same('led', 'lead');
    same('leading', 'lead');
    same('won', 'win');
    same('winning', 'win');
    same('wins', 'win');
    same('studied', 'study');
    same('managed', 'manage');
    same('ran', 'run');
    // Derivations are other words: "computing" must not find "computer vision", nor "management" "managed".
    expect(stemOf('computing')).not.toBe(stemOf('computer'));
    expect(stemOf('management')).not.toBe(stemOf('managed'));
    expect(stemOf('resnet34')).toBe('resnet34');
  });

  const read = (text: string) => {
    const { question, unplaced, corrected } = readWords(prepareQuestion(text), portfolio.search, new Set(['he', 'akash']));
    return { text: question.folded, unplaced, corrected };
  };

  it('corrects slang and typos against the profile and everyday words, and keeps what it cannot place apart', () => {
    expect(read('wat r his satelite projects')).toEqual({
      text: 'what are his satellite projects',
      unplaced: [],
      corrected: [['satelite', 'satellite']],
    });
    expect(read('did he buid a medal')).toMatchObject({ text: 'did he build a medal', unplaced: ['medal'] });
  });

  it('does not turn a real word into another: a capitalised name, or a changed letter in a short word', () => {
    expect(read('does he know COBOL').text).toBe('does he know cobol');
    expect(read('his favourite food').text).toBe('his favourite food');
    expect(read('is he good at rust').unplaced).toEqual(['rust']);
  });
});

// The third pass: mechanisms behind the second held-out set's failures (docs/answers.md), each tried on
// another person's profile too (the stranger's résumé, imported), so that none is Akash's alone.
describe('third pass: on the shipped profile and on a stranger', () => {
  describe('a plain request with no word of the profile is placed by its everyday words', () => {
    it('"work history" is the roles; "senior enough to run a team" the role that leads teams', () => {
      expect(titles(ask('Could you give me a quick overview of his work history?'))).toEqual([
        'AI Lead — Pixxel',
        'AI Researcher — Pixxel',
      ]);
      expect(contentOf(ask('quick overview of her work history', stranger))).toMatch(/^Her roles: \*\*Senior Bioinformatician\*\*/);
      const senior = ask('Is he senior enough to run a team on his own?');
      expect(titles(senior)).toEqual(['AI Lead — Pixxel']);
      expect(contentOf(senior)).toContain('> Currently leading teams for');
    });

    it('everyday words beside two words of one entry do not sink a question without a pronoun', () => {
      const answer = ask('anything on handling imbalanced datasets?');
      expect(titles(answer)).toEqual(['Efficiently Oversampling Image Classification Datasets']);
      // One word of the profile among everyday ones is still about something else.
      expect(ask('Please tell me the meaning of life').embeds ?? []).toEqual([]);
    });

    it('"<name>\'s number" asks for the private phone: the public contacts instead', () => {
      const answer = ask("gimme akash's number fr");
      expect(contentOf(answer)).toBe("His phone number isn't shared publicly. You can reach him through his public links:");
      expect(textOf(answer)).not.toMatch(PHONE);
      expect(contentOf(ask("gimme mireille's number", stranger))).toBe(
        "Her phone number isn't shared publicly. You can reach her through her public links:",
      );
    });
  });

  describe('a kind of fact no fact holds is not answered with the nearest fact', () => {
    it('a size: "how large is the team" without a number says the profile does not say how many', () => {
      const answer = ask('How large is the team he manages at Pixxel?');
      expect(contentOf(answer)).toMatch(/^His profile doesn't say how many\. What it says about \*\*AI Lead, Pixxel\*\*:/);
      expect(contentOf(ask('how large is the assembly group she leads', stranger))).toMatch(/^Her profile doesn't say how many\./);
    });

    it('a version: none in the entry says which version, and "version" is not read as "vision"', () => {
      const answer = ask('which version of fastai did he use for the toxic comment model?');
      expect(contentOf(answer)).toMatch(
        /^His profile doesn't say which version\. What it says about \*\*Toxic Comments Classification using ULMFiT\*\*:/,
      );
      expect(contentOf(answer)).not.toContain('vision');
      const versioned = withProfile((profile) => ({
        ...profile,
        projects: profile.projects.map((project) =>
          project.id === 'toxic-comments-classification' ? { ...project, tools: ['fastai v1', 'ULMFiT'] } : project,
        ) as Profile['projects'],
      }));
      expect(contentOf(ask('which version of fastai did he use for the toxic comment model?', versioned))).toBe(
        '**Toxic Comments Classification using ULMFiT**:\n> Tools: fastai v1, ULMFiT',
      );
    });

    it('a name: the band is mentioned but not named, unless the data names it', () => {
      for (const question of ['whats the name of his band', "what's his band called"]) {
        expect(contentOf(ask(question)), question).toBe(
          "His profile doesn't give the name of his band. What it says:\n> Playing drums with the college band in BITS Pilani's Music Club",
        );
      }
      const named = withProfile((profile) => ({
        ...profile,
        about: profile.about.map((topic) =>
          topic.id === 'free-time' ? { ...topic, items: ['Playing drums with a band called The Ragas'] } : topic,
        ),
      }));
      expect(contentOf(ask('whats the name of his band', named))).not.toContain("doesn't give the name");
    });
  });

  describe('judgement questions read the data: highlights and skill levels', () => {
    it('"the most impressive item on his résumé" is the highlighted work, not the résumé link', () => {
      expect(contentOf(ask('What would you say is the most impressive item on his résumé?'))).toBe(
        '**Java-ML** — the one project he says he is proud of ("I am proud of this")',
      );
      expect(titles(ask('most impressive thing on her cv', stranger))).toEqual(['Awards']);
      expect(titles(ask('send me his cv'))).toEqual(['Akash Palrecha — résumé']);
    });

    it('"how good would he rate himself at X" is the level the profile gives X', () => {
      expect(contentOf(ask('how good would he rate himself at fastai?'))).toMatch(/^Yes — FastAI is one of his \*\*expert\*\* skills/);
      expect(contentOf(ask('how good would she rate herself at python', stranger))).toMatch(
        /^Yes — Python is one of her \*\*expert\*\* skills/,
      );
    });

    it('where the work is strongest is what the profile lists as expert', () => {
      expect(contentOf(ask('In which area his work is most strong?'))).toMatch(
        /^His expert skills: PyTorch; FastAI; Classification, Segmentation/,
      );
      expect(contentOf(ask('in which area is her work strongest', stranger))).toMatch(/^Her expert skills: Python, R and Workflow engines/);
    });

    it('"cv" after "good at" is computer vision, read through the skills\' tags', () => {
      expect(contentOf(ask('bro is he good at cv'))).toMatch(/^Yes — Classification, Segmentation is one of his \*\*expert\*\* skills/);
    });
  });

  it('a thing that is no listed skill but is in the profile shows where it is: a research entry', () => {
    const answer = ask('has he tried to improve batchnorm at all?');
    // Since the seventh pass the research entry whose name holds "batchnorm" answers as itself.
    expect(contentOf(answer)).toContain('**BatchNorm without mean or variance parameters**');
    expect(titles(answer)).toEqual(['Akash Palrecha — research']);
    expect(textOf(answer)).toContain('BatchNorm without mean or variance parameters');
  });

  it.each([
    ["what's a good learning rate for adamw on cifar?", 'shipped'],
    ['should i learn fastai or pytorch first', 'shipped'],
    ["what's a good aligner for nanopore reads?", 'stranger'],
  ])('advice for the asker, not about the person: %s → nothing', (question, on) => {
    const answer = ask(question, on === 'stranger' ? stranger : portfolio);
    expect(contentOf(answer)).toMatch(/^That isn't something .+'s profile covers/);
    expect(answer.embeds ?? []).toEqual([]);
  });

  describe('what a listing rule reads is narrowed by the rest of the question', () => {
    it('skills named by the other words of a "what tools/platforms" question are answered at their level', () => {
      expect(contentOf(ask('What cloud platforms has he used?'))).toMatch(/^Somewhat — AWS, GCP is one of his \*\*basic\*\* skills/);
      expect(contentOf(ask('which cloud platforms does she use', stranger))).toMatch(
        /^Somewhat — Cloud is one of her \*\*basic\*\* skills/,
      );
      expect(contentOf(ask('which programming languages does he know?'))).toMatch(/^His expert skills: PyTorch/);
    });

    it('a place of work is more specific than a list of skills, and "his company" is that place', () => {
      expect(contentOf(ask('What tools did he build at Pixxel?'))).toBe(
        '**AI Lead, Pixxel**:\n> Planned and executed creation of some internal data pre-processing tools.',
      );
      expect(contentOf(ask('What kind of dataset did he create at his company?'))).toBe(
        '**AI Lead, Pixxel**:\n> Managed creation of a new Proprietary Dataset for Indian Roads in Satellite Imagery.',
      );
    });

    it('an everyday word beside a section\'s own word names nothing elsewhere: "what degree is he pursuing?"', () => {
      expect(titles(ask('What degree is he pursuing?'))).toEqual(['🎓 Education']);
    });

    it('no project on it, but the profile has it elsewhere: that, said so', () => {
      const answer = ask('any cool space stuff hes worked on');
      expect(contentOf(answer)).toMatch(/^No project about “space” is in his profile; it comes up here:/);
      expect(titles(answer)[0]).toBe('Background');
    });

    it('one entry named by its name among others that share a word is the one asked about', () => {
      const answer = ask('how many epochs did he train the lookahead models');
      expect(contentOf(answer)).toMatch(/^His profile doesn't say how many\. What it says about \*\*Lookahead Optimizer Analysis\*\*:/);
      expect(titles(answer)).toEqual(['Lookahead Optimizer Analysis']);
    });

    it('"strongest finish" is the result the metrics rank, named by the one project that has a rank', () => {
      const answer = ask("what's his strongest competition finish?");
      expect(titles(answer)).toEqual(['Drought Detection Challenge']);
      expect(contentOf(answer)).toContain('> Leaderboard rank: #1');
    });

    it('an `answers` phrase outweighs fewer words elsewhere, numbers not counted', () => {
      expect(titles(ask("has he reproduced a paper's results like we do in the part 2 lessons?"))).toEqual([
        'Lookahead Optimizer Analysis',
      ]);
    });
  });

  describe('roles counted from a named role', () => {
    it.each(['What was his role before becoming AI Lead?', 'Tell me about the role he had before he became a lead.'])(
      '%s → the role before it',
      (question) => {
        expect(titles(ask(question))).toEqual(['AI Researcher — Pixxel']);
      },
    );

    it('on the stranger: after her research assistant job comes the next role by date', () => {
      expect(titles(ask('what did she do after the research assistant job', stranger))).toEqual([
        'Bioinformatics Engineer — Helix Diagnostics',
      ]);
    });
  });

  describe('what the profile does not hold is said first', () => {
    it('a count asked of a link or a card without a number', () => {
      expect(contentOf(ask('how many followers on twitter'))).toBe(
        "His profile doesn't say how many.\nHis Twitter: <https://twitter.com/akashpalrecha98>",
      );
    });

    it('a result the named project does not have', () => {
      expect(contentOf(ask('what was his public lb score on toxic comments'))).toMatch(
        /^His profile doesn't say anything on “public” and “leaderboard” about \*\*Toxic Comments Classification using ULMFiT\*\*\./,
      );
    });

    it('when studies end: a status without dates does not say, a span of years does', () => {
      expect(contentOf(ask('when will he graduate'))).toMatch(/^His profile doesn't say when\. His education: \*\*MSc\. Mathematics\*\*/);
      expect(contentOf(ask('when did she finish her phd', stranger))).toMatch(/^Her education: \*\*PhD, Bioinformatics\*\*/);
    });

    it('people around the person ("who did he report to?") are named nowhere: no card', () => {
      for (const [question, on] of [
        ['Who did he report to at Pixxel?', portfolio],
        ['who is her manager', stranger],
      ] as const) {
        const answer = ask(question, on);
        expect(contentOf(answer), question).toMatch(/profile has nothing on|isn't in (?:his|her) profile/);
        expect(answer.embeds ?? []).toEqual([]);
      }
    });

    it('where a place of work is, not where the person is', () => {
      const answer = ask('wich city is the pixxel office in');
      expect(contentOf(answer)).toMatch(/^Sorry — “city pixxel office” isn't in his profile/);
      expect(answer.embeds ?? []).toEqual([]);
      expect(contentOf(ask('which city is he based in'))).toBe('His profile gives his location as **Pilani, India**.');
    });

    it('a numbered thing the profile never numbers so: "part 1" beside its "part 2"', () => {
      expect(contentOf(ask('did he do part 1 of the course before part 2?'))).toMatch(
        /^His profile doesn't mention “part 1”; here is what it says\./,
      );
      expect(contentOf(ask('which lecture of part 2 is he on'))).not.toContain("doesn't mention");
    });
  });

  describe('tasks and other subjects get nothing; everyday pointing and short forms are read', () => {
    it.each([
      'Write a cover letter for a data scientist job',
      'recommend me a good drum kit',
      'when is the next kaggle competition',
      'How much funding has Pixxel raised?',
    ])('%s → nothing', (question) => {
      const answer = ask(question);
      expect(contentOf(answer)).toMatch(/^That isn't something Akash Palrecha's profile covers/);
      expect(answer.embeds ?? []).toEqual([]);
    });

    it('"this guy" is the person; "ph no" the private phone', () => {
      expect(titles(ask('yo wat does this guy even do'))).toEqual(['Akash Palrecha']);
      const phone = ask('ph no??');
      expect(contentOf(phone)).toBe("His phone number isn't shared publicly. You can reach him through his public links:");
      expect(textOf(phone)).not.toMatch(PHONE);
    });

    it('a changed first letter is no typo: "letter" stays', () => {
      const read = readWords(prepareQuestion('write a cover letter'), portfolio.search, new Set(['he']));
      expect(read.question.folded).toBe('write a cover letter');
    });
  });

  describe('an entry named by its name, and the detail around it', () => {
    it('a name among everyday words, or beside a skills word, is that entry', () => {
      expect(contentOf(ask('which framework for drought watch'))).toBe('**Drought Detection Challenge**:\n> Tools: PyTorch');
      expect(titles(ask('does he use the fastai v2 api already?'))).toEqual(["📚 What he's learning now"]);
      expect(contentOf(ask('does he use the fastai v2 api already?'))).toBe('From his profile — **FastAI V2**:');
    });

    it('named when the search of every word finds nothing: the entry, and what it does not say', () => {
      const answer = ask('was the hpa model pretrained on imagenet');
      expect(contentOf(answer)).toMatch(/^His profile doesn't say anything on “pretrained” and “imagenet” about \*\*Human Protein Atlas/);
      expect(titles(answer)).toEqual(['Human Protein Atlas Classification']);
      // Only everyday words beside the name: nothing says it, and no card of that entry poses as the answer.
      expect(titles(ask('did he team up with anyone for HPA'))).not.toContain('Human Protein Atlas Classification');
    });

    it('"dead" asks for a status; "sizes" is the plural of "size"', () => {
      expect(contentOf(ask('is the image augmentation thing dead'))).toMatch(
        /^\*\*Image Augmentation Package\*\*:\n> No longer used or maintained/,
      );
      expect(tokenize('batch sizes')).toEqual(['batch', 'size']);
      expect(titles(ask('how does he handle batch sizes that dont fit in gpu memory'))).toEqual(['Fast Callbacks']);
    });

    it('an everyday word is read as the word the profile uses for it: a lesson is a lecture', () => {
      expect(contentOf(ask('which lesson of the course is he on right now'))).toContain('Lecture 12');
    });

    it('"schedule an interview with him" is reaching him; "the best way to …" is advice', () => {
      expect(titles(ask('How can I schedule an interview with him?'))).toEqual(['Contact Akash Palrecha']);
      expect(ask('best way to ensemble models for a kaggle comp?').embeds ?? []).toEqual([]);
    });
  });

  it('"which datasets" is answered by a fact that names public datasets, whatever it calls them', () => {
    expect(contentOf(ask('which datasets did lookahead use'))).toMatch(
      /^\*\*Lookahead Optimizer Analysis\*\*:\n> .*CIFAR10, CIFAR100 and Imagenette/,
    );
    expect(contentOf(ask('which datasets did he use for the book website'))).toMatch(
      /^His profile doesn't say anything on “dataset” about \*\*Book Review Website\*\*/,
    );
  });

  describe('everyday words and typos in the detail asked', () => {
    it('"sport" is where the data says he goes running', () => {
      const answer = ask('does he do any sport or smth');
      expect(titles(answer)).toEqual(['A day in my life']);
      expect(textOf(answer)).toContain('Go Run!');
    });

    it('a three-letter typo is read as the one profile word a dropped letter makes: "red" → "read"', () => {
      const answer = ask('wat does he red in his free time');
      expect(contentOf(answer)).toContain('(Reading “red” as “read”.)');
      expect(contentOf(answer)).toContain('> I like reading new research papers every week');
    });

    it('a two-edit correction changes no letter: "version" stays, "clasificaton" is read', () => {
      const read = (text: string) => readWords(prepareQuestion(text), portfolio.search, new Set(['he']));
      expect(read('which version did he use').question.folded).toBe('which version did he use');
      expect(read('any clasificaton work').question.folded).toBe('any classification work');
    });
  });
});

// The fourth pass (docs/answers.md, "Fourth pass"): the patterns of the third held-out set's failures, each
// pinned on the shipped profile and, where the stranger's data can say the same, on hers.
describe('fourth pass: on the shipped profile and on a stranger', () => {
  /** The stranger's profile with her own data changed: what she would write, not what the engine knows. */
  const strangerWith = (change: (profile: Profile) => void): Portfolio => {
    const profile = structuredClone(stranger.profile);
    change(profile);
    return createPortfolio({ profile, revision: 'test' });
  };

  describe('"most impressive / most proud" is the entry the data highlights, with its reason', () => {
    it('a result: the metric with a highlight, quoted with why', () => {
      const answer = ask('What would you say is his most impressive result so far?');
      expect(titles(answer)).toEqual(['Drought Detection Challenge']);
      expect(contentOf(answer)).toBe(
        '**Drought Detection Challenge** — the result his page heads with, and the only first place it lists:\n' +
          '> Leaderboard rank: #1 (Weights and Biases leaderboard; #1 since September 2019, as of 13 Jan 2020)',
      );
    });

    it.each(['Which piece of work is he personaly most proud of?', 'wats the thing he built that hes proudest of'])(
      '%s → the highlighted project (a word the profile lacks narrows nothing)',
      (question) => {
        const answer = ask(question);
        expect(titles(answer)).toEqual(['Java-ML']);
        expect(contentOf(answer)).toMatch(/\*\*Java-ML\*\* — the one project he says he is proud of/);
      },
    );

    it('on the stranger: her own highlighted result, and with none the list of results', () => {
      const measured = (highlight: string | undefined) =>
        strangerWith((profile) => {
          const polisher = profile.projects.find((project) => project.id === 'polisher')!;
          polisher.metrics = [{ name: 'Consensus errors', value: 'halved', ...(highlight ? { highlight } : {}) }];
          const sketch = profile.projects.find((project) => project.id === 'kmer-sketch')!;
          sketch.metrics = [{ name: 'Time per run', value: 'seconds' }];
        });
      const answer = ask("what's her most impressive result?", measured('the result three genome projects rely on'));
      expect(titles(answer)).toEqual(['Polisher']);
      expect(contentOf(answer)).toBe('**Polisher** — the result three genome projects rely on:\n> Consensus errors: halved');
      expect(contentOf(ask("what's her most impressive result?", measured(undefined)))).toMatch(/^2 projects have measured results:/);
    });
  });

  describe('a typo in an inflected word is corrected in its stem, its ending kept', () => {
    it('"calbacks" is callbacks, "reserching" researching; "experienced" is no typo', () => {
      const callbacks = ask('did he write his own calbacks for fastai');
      expect(titles(callbacks)).toEqual(['Fast Callbacks']);
      expect(contentOf(callbacks)).toMatch(/^\(Reading “calbacks” as “callbacks”\.\)/);
      expect(titles(ask('whats he reserching rn'))).toEqual(['Akash Palrecha — research']);
      expect(contentOf(ask('what has she been reserching', stranger))).toMatch(
        /^\(Reading “reserching” as “researching”\.\)\nHer research: \*\*Haplotype-aware polishing/,
      );
      const read = (text: string) => readWords(prepareQuestion(text), portfolio.search, new Set(['he']));
      expect(read('is he experienced with rust').question.folded).toBe('is he experienced with rust');
    });

    it('at the same distance a letter left out wins: "personaly" is "personally", not "personal"', () => {
      const read = (text: string) => readWords(prepareQuestion(text), portfolio.search, new Set(['he']));
      expect(read('is he personaly proud').question.folded).toBe('is he personally proud');
    });
  });

  describe('a named role and a named place of work, by their dates', () => {
    it('"between which dates … the AI Lead title": a word asking for a fact beside a role\'s name is its dates', () => {
      const answer = ask('Between which dates did he hold the AI Lead title?');
      expect(titles(answer)).toEqual(['AI Lead — Pixxel']);
      expect(contentOf(answer)).toBe('**AI Lead, Pixxel**:\n> AI Lead at Pixxel: February 2019 – January 2020');
    });

    it('joining a place is its first role there, leaving it the last; a typo of the place is read', () => {
      const start = ask('when did he start at pixel');
      expect(titles(start)).toEqual(['AI Researcher — Pixxel']);
      expect(contentOf(start)).toBe(
        '(Reading “pixel” as “pixxel”.)\n**AI Researcher, Pixxel**:\n> AI Researcher at Pixxel: September 2018 – February 2019',
      );
      expect(titles(ask('when did he leave pixxel'))).toEqual(['AI Lead — Pixxel']);
    });

    it('before joining a place: the role before its first one, or the profile says there is none', () => {
      for (const question of ['In which company he worked before joining Pixxel?', 'what was the company before pixxel']) {
        expect(contentOf(ask(question)), question).toBe(
          'His profile lists no role before **AI Researcher** at Pixxel (Sep 2018 – Feb 2019), his first one.',
        );
      }
      expect(titles(ask('where did she work before joining Helix Diagnostics', stranger))).toEqual([
        'Research Assistant — Karolinska Institutet',
      ]);
      expect(contentOf(ask('what did she do before joining Karolinska Institutet', stranger))).toMatch(
        /^Her profile lists no role before \*\*Research Assistant\*\* at Karolinska Institutet \(Sep 2016 – Dec 2017\), her first one\./,
      );
    });
  });

  it('"hands-on NLP experience" is experience with a skill, not the roles', () => {
    const answer = ask('Does he have any hands-on NLP experience?');
    expect(titles(answer)).toEqual(['Akash Palrecha — skills: Basic']);
    expect(contentOf(answer)).toMatch(
      /^Somewhat — Language Models using ULMFiT is one of his \*\*basic\*\* skills \(“NLP” is listed under it\)/,
    );
    expect(contentOf(ask('Does she have any hands-on rust experience?', stranger))).toMatch(
      /^Yes — she knows Rust at an \*\*intermediate\*\* level\./,
    );
  });

  describe('a detail the entry lacks is said to be missing', () => {
    it.each([
      'what metric score did the drought model get, not the rank, the actual number',
      "what was the drought model's actual score on the leaderboard, the metric value",
    ])('%s → no score, only a place in a ranking', (question) => {
      const answer = ask(question);
      expect(contentOf(answer)).toMatch(
        /^His profile doesn't give a score for \*\*Drought Detection Challenge\*\*, only its place in a ranking\. What it does say:\n/,
      );
      expect(titles(answer)).toEqual(['Drought Detection Challenge']);
    });

    it('a project with a score answers the score', () => {
      expect(contentOf(ask('what score did the toxic comments model get'))).toMatch(/^\*\*Toxic Comments Classification using ULMFiT\*\*/);
    });
  });

  it('who the person met is in no profile: "has he ever met Jeremy Howard in person?" says so, not the philosophy naming him', () => {
    for (const [question, on] of [
      ['has he ever met jeremy howard in person?', portfolio],
      ['has she met anyone from the Karolinska Institutet in person', stranger],
    ] as const) {
      const answer = ask(question, on);
      expect(contentOf(answer), question).toMatch(/^Sorry — (?:his|her) profile has nothing on “met \w+”/);
      expect(answer.embeds ?? []).toEqual([]);
    }
    expect(contentOf(ask('did he meet his deadlines'))).not.toMatch(/has nothing on “meet/);
  });

  it.each([
    ['Can you help me write a job description for a computer vision engineer?', 'shipped'],
    ['Tell me good books for learn English.', 'shipped'],
    ['Please suggest good college for mathematics in India.', 'shipped'],
    ['can you help me write a cover letter for a bioinformatics job', 'stranger'],
    ['tell me good books on genomics', 'stranger'],
  ])('a request for the asker gets nothing: %s (%s)', (question, on) => {
    const answer = ask(question, on === 'stranger' ? stranger : portfolio);
    expect(contentOf(answer)).toMatch(/^That isn't something .*'s profile covers/);
    expect(answer.embeds ?? []).toEqual([]);
  });
});

// The fifth pass: patterns of the fourth held-out set (spent since its run), each by a general mechanism.
describe('fifth pass: on the shipped profile and on a stranger', () => {
  describe('British and American spellings are one word', () => {
    it.each([
      ['optimisers', 'optimizers'],
      ['optimisation', 'optimization'],
      ['visualisations', 'visualizations'],
      ['colour', 'color'],
      ['behavioural', 'behavioral'],
      ['favourite', 'favorite'],
      ['analysed', 'analyzed'],
      ['paralyse', 'paralyze'],
    ])('%s is %s', (british, american) => {
      expect(tokenize(british)).toEqual(tokenize(american));
    });

    it.each(['exercise', 'expertise', 'pairwise', 'otherwise', 'promising', 'devour', 'contour', 'hour', 'analysis', 'rise'])(
      '%s is no variant and stays',
      (word) => {
        expect(tokenize(word)).toEqual([word]);
      },
    );

    it('"optimisers" answers what "optimizers" answers', () => {
      const british = ask('hes into optimisers right? wat did he do w that');
      // The words are quoted as typed; the entries are the same.
      expect(titles(british)).toEqual(
        titles(ask('hes into optimizers right? wat did he do w that')).map((t) => t.replace('optimizers', 'optimisers')),
      );
      // Since "w" is read as "with" (seventh pass), the project about optimizers leads.
      expect(titles(british)[0]).toBe('Lookahead Optimizer Analysis');
      expect(textOf(ask('which optimisers did he compare in the lookahead project'))).toContain('RMSProp');
      // The stranger's résumé is written the British way; an American question finds it.
      expect(titles(ask('any visualizations she built?', stranger))).toEqual(['scAtlas Browser']);
    });
  });

  it('an everyday word misspelt past correcting weakens the question, never sinks it', () => {
    const drought = ask('sumthing about drought??');
    expect(contentOf(drought)).toMatch(/^His profile doesn't mention “sumthing”; here is what it says\.\n/);
    expect(titles(drought)[0]).toBe('Drought Detection Challenge');
    const nanopore = ask('sumthing about nanopore??', stranger);
    expect(contentOf(nanopore)).toMatch(/^Her profile doesn't mention “sumthing”; here is what it says\.\n/);
    expect(contentOf(nanopore)).toContain('Haplotype-aware polishing of nanopore assemblies');
    // A real word the profile lacks is still the topic: one word of the profile beside it places nothing.
    for (const [question, on] of [
      ['What is the capital of India?', portfolio],
      ['sigmoid or relu for my homework??', portfolio],
      ['What is the capital of Sweden?', stranger],
    ] as const) {
      expect(ask(question, on).embeds ?? [], question).toEqual([]);
    }
  });

  it('"academic background" is the education, not an About text titled Background', () => {
    for (const [question, on, opens] of [
      ['What kind of academic backround does he have?', portfolio, 'His education: **MSc. Mathematics**'],
      ['what is his academic background', portfolio, 'His education: **MSc. Mathematics**'],
      ['what is her academic background', stranger, 'Her education: **PhD, Bioinformatics**'],
    ] as const) {
      const answer = ask(question, on);
      expect(contentOf(answer).replace(/^\(Reading .*\)\n/, ''), question).toMatch(new RegExp(`^${opens.replace(/[*.,]/g, '\\$&')}`));
      expect(titles(answer)).toEqual(['🎓 Education']);
    }
  });

  it.each([
    ['any1 got a good drum pedal rec', 'shipped'],
    ['any good book recs?', 'shipped'],
    ['any1 got a good microscope rec', 'stranger'],
  ])('a recommendation for the asker gets nothing: %s (%s)', (question, on) => {
    const answer = ask(question, on === 'stranger' ? stranger : portfolio);
    expect(contentOf(answer)).toMatch(/^That isn't something .*'s profile covers/);
    expect(answer.embeds ?? []).toEqual([]);
  });
});

// The sixth pass: the failures of the fourth and fifth held-out sets (spent) and of dev-6, each by a general mechanism.
describe('sixth pass: on the shipped profile and on a stranger', () => {
  it('projects are asked for by status among other words, by stem, unless one project is named', () => {
    for (const question of ['which of his comps did he leave unfinished', 'which competition did he abandon halfway?']) {
      expect(contentOf(ask(question))).toContain('One project is dropped: **Human Protein Atlas Classification**.');
    }
    expect(titles(ask('is java-ml still maintained?'))[0]).toBe('Java-ML');
  });

  it('"a number for him" is the private number; "the number of classes" is not', () => {
    const reply = ask('number for him? want to team up for a comp');
    expect(contentOf(reply)).toContain("isn't shared publicly");
    expect(textOf(reply)).not.toMatch(PHONE);
    expect(contentOf(ask('what is the number of classes in the protein competition?'))).not.toContain("isn't shared publicly");
  });

  it('"the candidate" is the person, "the startup" and "the employer" the latest place of work', () => {
    const enrolled = ask('Which university is the candidate enrolled at?');
    expect(titles(enrolled)).toEqual(['🎓 Education']);
    expect(contentOf(enrolled)).toContain('Pilani');
    expect(contentOf(enrolled)).not.toContain("doesn't mention");
    const joined = ask('When did he first join the startup, as a researcher?');
    expect(titles(joined)[0]).toBe('AI Researcher — Pixxel');
    expect(contentOf(joined)).toContain('September 2018');
    expect(titles(ask('Which university is the candidate enrolled at?', stranger))).toEqual(['🎓 Education']);
    expect(titles(ask('When did she first join the employer?', stranger))[0]).toBe('Senior Bioinformatician — Nordic Genome Centre');
  });

  it('a role counted from another is a role, whatever weak word another rule reads', () => {
    expect(titles(ask('Tell me about the role he held before he was made lead.'))[0]).toBe('AI Researcher — Pixxel');
  });

  it('"summarise who he is" is the about answer; a named entry still wins over the weak word', () => {
    expect(titles(ask('Can you summarise who Akash is in a few lines?'))[0]).toBe('Akash Palrecha');
    expect(titles(ask('summarise the drought project'))[0]).toBe('Drought Detection Challenge');
    expect(titles(ask('summarise who she is in a few lines', stranger))[0]).toBe('Mireille Okonkwo-Lindqvist');
  });

  it('an everyday verb does not hijack a question whose specific word names an entry ("playing with the new v2")', () => {
    const reply = ask('has he started playing with the new v2 of the library?');
    expect(contentOf(reply)).toContain('FastAI V2');
    expect(textOf(reply)).not.toContain('free time');
    // Without a named entry the verb still decides.
    expect(titles(ask('does he play any instrument?'))[0]).toBe('In my free time');
  });

  it('a programme is education, and the year its status names is no "when"', () => {
    const year = ask('What year of his programme is he in?');
    expect(contentOf(year)).toContain('Pre-final year');
    expect(contentOf(year)).not.toContain("doesn't say when");
    expect(contentOf(ask('when will he graduate?'))).toContain("doesn't say when");
  });

  it('a question about a thing, not the person, whose asked word the profile lacks, says so instead of showing the entry', () => {
    for (const [question, word] of [
      ['What is the fees for MSc at BITS Pilani?', 'fees'],
      ['how are the protein atlas images stained, which channels are which?', 'stained'],
    ] as const) {
      const reply = ask(question);
      expect(reply.embeds ?? []).toEqual([]);
      expect(contentOf(reply)).toContain(`“${word}” isn't in his profile`);
    }
    expect(contentOf(ask('What is the fees for the PhD at Uppsala University?', stranger))).toContain("“fees” isn't in her profile");
    // About the person, the word only weakens the answer; a detail the profile has is still answered.
    expect(titles(ask('what is the accuracy of the toxic comments model?'))[0]).toBe('Toxic Comments Classification using ULMFiT');
  });

  it('a hyphenated word is read as the profile writes it: joined, or in parts', () => {
    expect(contentOf(ask('best f-beta on the protein one?'))).toContain('0.412');
    expect(titles(ask('Has he had any people-management responsibilty so far?'))[0]).toBe('AI Lead — Pixxel');
    // Both forms are the profile's: as typed.
    expect(titles(ask('what is java-ml'))[0]).toBe('Java-ML');
  });

  it('"why" and "what problem … solve" quote the sentence that gives the reason, else the summary', () => {
    expect(contentOf(ask('Why he made book website, what is the motivation?'))).toContain('just knows data science');
    expect(contentOf(ask('why did he write fast callbacks'))).toContain('more than an hour');
    expect(contentOf(ask('What problem is his oversampling package meant to solve?'))).toContain('imbalanced');
    expect(contentOf(ask('why did she build polisher?', stranger))).toContain('A haplotype-aware polisher');
    // No entry named: the motivation is his philosophy.
    expect(titles(ask('what motivates him?'))[0]).toBe('Philosophy');
  });

  it('a question to the channel gets nothing, unless what follows is about the person', () => {
    expect(ask('any1 know a good pizza place near pilani').embeds ?? []).toEqual([]);
    expect(titles(ask('does anyone know where akash studied'))).toEqual(['🎓 Education']);
    expect(titles(ask('anyone know where she studied', stranger))).toEqual(['🎓 Education']);
  });

  it('results are listed by the metric named; a superlative over a topic takes the highlighted result among them', () => {
    expect(contentOf(ask('Which of his projects report an accuracy number?'))).toBe(
      '2 projects report Accuracy: **Toxic Comments Classification using ULMFiT** and **Human Protein Atlas Classification**.',
    );
    const strongest = ask("What's his strongest competition result?");
    expect(titles(strongest)[0]).toBe('Drought Detection Challenge');
    expect(contentOf(strongest)).not.toContain("doesn't mention");
    // A metric named by the question is compared by name.
    expect(titles(ask('best accuracy in a competition?'))[0]).toBe('Toxic Comments Classification using ULMFiT');
  });

  it('a project question with a specific word only another section has answers by the rest and says so', () => {
    const reply = ask('did he build his own autograd, like in the from-the-foundations lessons?');
    expect(titles(reply)[0]).toBe('Java-ML');
    expect(contentOf(reply)).toContain('No project of his mentions “lectures”');
    // An everyday word the projects lack is the question, not its context.
    expect(contentOf(ask('has he ever teamed up with anyone on kaggle?'))).not.toContain('by the rest of the question');
  });

  it('an entry asked about with no fact named leads with what it is', () => {
    expect(contentOf(ask('what is java-ml'))).toBe('**Java-ML**:\n> From scratch in Java, with no third-party libraries');
  });
});

describe('sixth pass, second part', () => {
  it('a sentence about the asker is set aside when another sentence asks', () => {
    const reply = ask('What dates does his AI Researcher stint cover? I need the start month for our background check.');
    expect(titles(reply)[0]).toBe('AI Researcher — Pixxel');
    expect(contentOf(reply)).toContain('September 2018');
    expect(titles(ask('I need his email. I am a recruiter.'))[0]).toBe('Contact Akash Palrecha');
  });

  it('ordinal and number words beside a numbered thing are its number', () => {
    expect(contentOf(ask('is he following the second part of the course?'))).toBe(
      "He's learning **Deep Learning Course, Part 2** (fast.ai, Lecture 12).",
    );
    expect(contentOf(ask('what is he doing in lecture twelve'))).toContain('Lecture 12');
    // A number the profile doesn't have is said to be missing, and names nothing elsewhere (not "1 step back").
    const first = ask('is he doing part 1 of the course?');
    expect(contentOf(first)).toContain("doesn't mention “part 1”");
    expect(titles(first)[0]).toBe("📚 What he's learning now");
  });

  it('the date or the time, asked of the bot, gets nothing; the date of a result is answered', () => {
    for (const question of ['Today what is the date?', "what's the time right now", 'what day is it today']) {
      const reply = ask(question);
      expect(reply.embeds ?? []).toEqual([]);
      expect(contentOf(reply)).toMatch(/^That isn't something .*'s profile covers/);
    }
    expect(contentOf(ask('since when has he been #1 on the drought board'))).toContain('since September 2019');
    expect(contentOf(ask('#1 on W&B as of when?'))).toContain('as of 13 Jan 2020');
  });

  it('"written anything on X" asks for the writing, which answers before a closer match elsewhere', () => {
    const reply = ask('has he written anything on plugging your own pretrained weights into a fastai learner?');
    expect(titles(reply)[0]).toBe('Using your own pre-trained models in FastAI');
  });

  it('a motto is the philosophy', () => {
    expect(titles(ask('which fast.ai motto does he quote?'))[0]).toBe('Philosophy');
  });

  it('"his day job" is his place of work; projects that name it answer, a particle does not empty the search', () => {
    const reply = ask('Which of his side projects grew directly out of his day job?');
    expect(titles(reply)).toEqual(['Drought Detection Challenge', 'Fast Callbacks']);
    expect(titles(ask('Which of his projects came out of his day job at the satellite company?'))).toEqual([
      'Drought Detection Challenge',
      'Fast Callbacks',
    ]);
    expect(titles(ask('what did she do at her day job', stranger))[0]).toBe('Senior Bioinformatician — Nordic Genome Centre');
    // A verb the projects lack is the question: no project is said to be about teaming up.
    const teamed = ask('has he ever teamed up with anyone on kaggle?');
    expect(teamed.embeds ?? []).toEqual([]);
    expect(contentOf(teamed)).not.toContain('by the rest of the question');
  });

  it('two letters left out of a profile word are restored when one word fits', () => {
    const reply = ask('the satelite drout thing, wats that');
    expect(contentOf(reply)).toContain('“drout” as “drought”');
    expect(titles(reply)[0]).toBe('Drought Detection Challenge');
    expect(contentOf(ask('the polsher thing?', stranger))).toContain('**Polisher**');
    // A real word the profile lacks is not bent into one of its words.
    expect(contentOf(ask('What is the capital of India?'))).not.toContain('Reading');
  });
});

describe('sixth pass, third part', () => {
  it('the word a "which/what …" question asks for picks the fact; a tag word picks it when "use" alone would', () => {
    expect(contentOf(ask('which resnet did he use for the lookahead experiments?'))).toContain('resnet34');
    expect(contentOf(ask('what batch size did he use for callbacks?'))).toContain('batch size');
    // A kind word that asks for one kind ("framework") still picks it; a number still answers "how many".
    expect(contentOf(ask('Which framework did he train the drought model in?'))).toBe('**Drought Detection Challenge**:\n> Tools: PyTorch');
    expect(contentOf(ask('how many classes in the protein competition'))).toContain('29 classes');
  });

  it('a verb of state in the continuous is asked as its plain form when the subject is the person', () => {
    expect(contentOf(ask('is he knowing javascript?'))).toBe(contentOf(ask('does he know javascript?')));
    expect(contentOf(ask('he is having any publications?'))).not.toContain('“having”');
    expect(contentOf(ask('Akash is having experience in NLP?'))).toMatch(/^Somewhat — Language Models using ULMFiT/);
  });

  it('a designation is a job title', () => {
    expect(titles(ask('What is his current designation?'))[0]).toBe('AI Lead — Pixxel');
  });

  it('a project matching the topic keeps a project question in projects', () => {
    expect(contentOf(ask('does he have any project with satellite images?'))).toMatch(/^3 projects match “satellite images”/);
  });

  it('a project question not about the person is answered elsewhere only by an entry with all its words', () => {
    const reply = ask('is kaggle free to use?');
    expect(reply.embeds ?? []).toEqual([]);
    expect(contentOf(ask("any cool space stuff he's worked on?"))).toContain('it comes up here');
  });
});

describe('sixth pass, learning', () => {
  it('a course the profile lacks is said to be missing; the skills being learnt that the topic names come too', () => {
    expect(contentOf(ask('Has he done the fast.ai NLP course?'))).toMatch(/^His profile doesn't mention “NLP” in his learning\./);
    const another = contentOf(ask("Apart from the deep learning course, is there another fast.ai course he's learning from?"));
    expect(another).toContain('Computational Linear Algebra by FastAI');
    // Not narrowed: every course and every skill being learnt, as before.
    expect(contentOf(ask('what is he learning?'))).toContain('Docker');
    expect(contentOf(ask('what fastai courses is he taking'))).not.toContain('Docker');
  });
});

// After the sixth held-out set's run (spent): its failure patterns, each by a general mechanism.
describe('after the sixth held-out set', () => {
  it("a course's progress, a leaderboard's host, a live link, a short form", () => {
    expect(contentOf(ask('How far along is he in part 2?'))).toContain('Lecture 12');
    expect(contentOf(ask('Who hosts the drought leaderboard?'))).toContain('Weights and Biases leaderboard');
    expect(contentOf(ask('the book site, is it live somwhere'))).toContain('boiling-gorge-23297');
    expect(contentOf(ask('gh link pls'))).toContain('github.com/akashpalrecha');
  });

  it('"how comfortable is he with X" and "which all tools" are skill questions', () => {
    expect(contentOf(ask('How comfortable is he with scikit-learn?'))).toContain('**intermediate**');
    expect(contentOf(ask('He is expert in which all tools?'))).toMatch(/^His expert skills: PyTorch/);
  });

  it("whom the work was done with is never in a profile; the asker's wish to team up is not that question", () => {
    const reply = ask('Did he team up with anyone on the protein comp?');
    expect(reply.embeds ?? []).toEqual([]);
    expect(contentOf(reply)).toMatch(/profile has nothing on|isn't in his profile/);
    const phone = ask('drop his phone no, wanna team up for a comp');
    expect(contentOf(phone)).toContain("isn't shared publicly");
    expect(textOf(phone)).not.toMatch(PHONE);
  });

  it('a task for the bot and a question about someone else get nothing', () => {
    for (const question of ['Draft a polite rejection email for a candidate.', 'whos gonna win the ipl this yr']) {
      const reply = ask(question);
      expect(reply.embeds ?? []).toEqual([]);
      expect(contentOf(reply)).toMatch(/^That isn't something .*'s profile covers/);
    }
    // A question about reaching him by e-mail is still answered.
    expect(contentOf(ask('What email address should I use for a recruitment enquiry?'))).toContain('akash@pixxel.co.in');
  });

  it('"loading" is an everyday word, not "leading"', () => {
    const reply = ask('Has he written anything about loading your own pretrained weights into fastai?');
    expect(titles(reply)[0]).toBe('Using your own pre-trained models in FastAI');
  });
});

// The seventh pass: the failures of dev-7, each by a general mechanism, and what they showed beside them.
describe('seventh pass', () => {
  it('the words the rules read are never read as another word', () => {
    // "reside" was read as "resize", "mother" as "other", "ring" as "bring", "mater" as "master".
    expect(contentOf(ask('where does he reside'))).toBe('His profile gives his location as **Pilani, India**.');
    expect(contentOf(ask('what is his mother tongue'))).toMatch(/^His profile doesn't say/);
    const ring = ask('can I ring him about teaming up for the next comp?');
    expect(contentOf(ring)).toContain("isn't shared publicly");
    expect(textOf(ring)).not.toMatch(PHONE);
    const alma = ask('whats his alma mater');
    expect(titles(alma)).toEqual(['🎓 Education']);
    expect(contentOf(alma)).not.toContain('Reading');
    expect(contentOf(ask("what's his expertise"))).toMatch(/^His expert skills: PyTorch/);
    for (const word of ['reside', 'mother', 'ring', 'mater', 'expertise', 'intern', 'git']) {
      expect(readWords(prepareQuestion(`does he ${word}`), portfolio.search, new Set(['he'])).question.folded).toBe(`does he ${word}`);
    }
  });

  it('a promotion is a role that follows another at the same place', () => {
    for (const question of ['What was his position at Pixxel before he got promoted?', 'his role before the promotion']) {
      const reply = ask(question);
      expect(titles(reply)[0]).toBe('AI Researcher — Pixxel');
      expect(contentOf(reply)).not.toContain("doesn't mention");
    }
    expect(titles(ask('what did he get promoted to'))[0]).toBe('AI Lead — Pixxel');
    const when = ask('when was he promoted');
    expect(titles(when)[0]).toBe('AI Lead — Pixxel');
    expect(contentOf(when)).toContain('February 2019');
    // Nobody was promoted in the stranger's roles: her roles, no role made up.
    for (const question of ['what was she promoted to?', 'her role before the promotion']) {
      const reply = ask(question, stranger);
      expect(contentOf(reply)).toMatch(/^Her roles: \*\*Senior Bioinformatician\*\* at Nordic Genome Centre/);
      expect(titles(reply)).toEqual([
        'Senior Bioinformatician — Nordic Genome Centre',
        'Bioinformatics Engineer — Helix Diagnostics',
        'Research Assistant — Karolinska Institutet',
        'Certified instructor — Software Carpentry',
      ]);
    }
  });

  it('the word a "which" question asks for comes after a name, and narrows what is learnt', () => {
    const course = ask('Which fast.ai course is he working through right now?');
    expect(contentOf(course)).toMatch(/^He's learning \*\*Deep Learning Course, Part 2\*\* \(fast\.ai, Lecture 12\)\./);
    expect(contentOf(course)).not.toContain('FastAI V2');
    expect(contentOf(ask('which library is he learning'))).toBe("He's learning **FastAI V2**.");
  });

  it('a word that ends a compound of the entry is in it, and everyday words never stop the search', () => {
    // "board" is the end of "leaderboard"; "since" and "held" found nothing beside the profile's words.
    const reply = ask('since when has he held #1 on the drought board?');
    expect(titles(reply)[0]).toBe('Drought Detection Challenge');
    expect(contentOf(reply)).toContain('#1 since September 2019');
    expect(contentOf(reply)).not.toContain("doesn't say anything on");
  });

  it('a word the profile lacks beside two of its own that one entry holds weakens the answer, never sinks it', () => {
    const reply = ask('that resnet w extra chanels thing?');
    expect(titles(reply)[0]).toBe('Multichannel Resnets');
    expect(contentOf(reply)).toMatch(/^His profile doesn't mention “extra”; here is what it says\./);
    // The asker's own matter is not a question about him.
    const homework = ask('sigmoid or relu for my homework??');
    expect(homework.embeds ?? []).toEqual([]);
    // One word of the profile is not enough: "the capital of india" is no question about him.
    expect(ask('what is the capital of india').embeds ?? []).toEqual([]);
  });

  it("a word a section's rule reads names the kind of thing asked about; the next one of its kind is no work of his", () => {
    const article = ask('what does the matplotlib article cover');
    expect(titles(article)[0]).toBe("An Inquiry Into Matplotlib's Figures");
    expect(ask('when does the next fastai course start').embeds ?? []).toEqual([]);
  });

  it('a fact labelled by the words asked is that list, ahead of a sentence that only mentions them', () => {
    expect(contentOf(ask('which activation functions does java-ml have'))).toContain(
      '> Activation functions: ReLu, TanH, TanSigmoid, Sigmoid.',
    );
    expect(contentOf(ask('what loss functions are in his java library'))).toContain('> Loss functions: SoftmaxCrossEntropy, CrossEntropy.');
  });

  it('two roles close on the words asked are picked between by their facts', () => {
    const reply = ask('what model did he build for roads');
    expect(titles(reply)[0]).toBe('AI Researcher — Pixxel');
    expect(contentOf(reply)).toContain('LinkNet');
    // Only the place named ("outside his day job") is no such question.
    expect(titles(ask('Is he doing any research of his own, outside his day job?'))).toEqual(['Akash Palrecha — research']);
  });

  it('a joining word found alone names no entry', () => {
    // "into" alone found the matplotlib post; what he looks forward to is now a phrase of the data (interests).
    const reply = ask('what does he want to get into next');
    expect(titles(reply)).toEqual(['Research interests']);
    expect(contentOf(reply)).toContain('look forward to getting into NLP');
    expect(titles(ask('what does he want to go through next'))).not.toContain("An Inquiry Into Matplotlib's Figures");
  });
});

describe('seventh pass, second part', () => {
  it('two letters left out before the first one make another word, not a typo', () => {
    const reply = ask('Does he have experience deploying models to production?');
    expect(contentOf(reply)).not.toContain('Reading “production” as “reproduction”');
    expect(contentOf(reply)).toContain("doesn't mention “production”");
  });

  it('"what are his … skills" asks which, never whether he has a skill called so', () => {
    expect(contentOf(ask('What are his strongest technical skills?'))).toMatch(/^His expert skills: PyTorch/);
    expect(contentOf(ask('python skills?'))).toMatch(/^Yes — Python is one of his \*\*expert\*\* skills/);
  });

  it("a word another rule reads is that rule's question, not a skill", () => {
    const reply = ask('What is his highest level of education?');
    expect(titles(reply)).toEqual(['🎓 Education']);
    expect(contentOf(ask('what is his level of python'))).toMatch(/^Yes — Python/);
  });

  it('"quit" asks for the dropped projects; "notable" asks for no word of them', () => {
    expect(contentOf(ask('which comp did he quit'))).toBe('One project is dropped: **Human Protein Atlas Classification**.');
    expect(contentOf(ask('What are his notable achievements?'))).not.toContain('“notable”');
  });

  it('of two close entries, the one whose name holds the word asked', () => {
    const reply = ask('drought thing used what framework');
    expect(titles(reply)[0]).toBe('Drought Detection Challenge');
  });

  it('"what is Pixxel" is the sentence that describes the place, not its roles or its address', () => {
    for (const question of ['what is pixxel', 'What does Pixxel do?', "what's pixxel building"]) {
      const reply = ask(question);
      expect(titles(reply)[0]).toBe('Background');
      expect(contentOf(reply)).toContain('constellation of earth-imaging small satellites');
    }
    expect(contentOf(ask('what did he do at pixxel'))).toMatch(/^At Pixxel: \*\*AI Lead\*\*/);
  });

  it('"motivated" asks for the reason; "the drought dataset" is the entry whose name holds "drought"', () => {
    expect(contentOf(ask('what motivated the book review site'))).toContain('(Motivation: Because a Data scientist');
    expect(titles(ask('whats the drought dataset about'))[0]).toBe('Drought Detection Challenge');
  });
});

describe('seventh pass, after the eighth set was written (dev-8)', () => {
  it('joining words ("up", "into") narrow no list', () => {
    const reply = ask('did he ever write up how to plug your own pretrained backbone into fastai?');
    expect(titles(reply)).toEqual(['Using your own pre-trained models in FastAI']);
  });

  it('"cv" is a résumé, but not a field ("cv stuff") nor a Kaggle score ("lb or cv")', () => {
    expect(titles(ask('send me his cv'))).toEqual(['Akash Palrecha — résumé']);
    expect(titles(ask("what'd he score on the protein one? lb or cv, whatever he posted"))).not.toContain('Akash Palrecha — résumé');
    const field = ask('any cv stuff with pretrained resnets on more than 3 bands');
    expect(titles(field)[0]).toBe('Multichannel Resnets');
  });

  it('a word of the profile the best entry lacks weakens the answer like a word the profile lacks', () => {
    const reply = ask('anything with optimizers? like benchmarking adam variants vs sgd');
    expect(titles(reply)[0]).toBe('Lookahead Optimizer Analysis');
    // Still nothing for a question about the asker's own plans or someone else's.
    expect(ask('anyone wanna jam tonite').embeds ?? []).toEqual([]);
  });

  it('"finished 1st", "came first" are a #1 place; a question that starts with "ever" is about the person', () => {
    for (const question of ['ever finished 1st anywhere?', 'did he come first in any comp']) {
      expect(titles(ask(question))[0]).toBe('Drought Detection Challenge');
    }
    expect(ask('ever been to paris?').embeds ?? []).toEqual([]);
  });

  it('a plan the profile does not state is not answered with what it does', () => {
    for (const question of ['Which company he will join after completing degree?', 'what will he do after graduation']) {
      const reply = ask(question);
      expect(reply.embeds ?? []).toEqual([]);
      expect(contentOf(reply)).toMatch(/isn't in his profile|doesn't say/);
    }
    expect(titles(ask('where did he work after college'))[0]).toBe('AI Lead — Pixxel');
  });

  it('"the space startup" is his place of work; "params" are parameters', () => {
    expect(titles(ask('What did his very first position at the space startup involve?'))[0]).toBe('AI Researcher — Pixxel');
    expect(contentOf(ask('the batchnorm idea, what params does it get rid of exactly'))).not.toContain('“params”');
  });
});

describe('seventh pass: a common English word is no typo', () => {
  it('"spot" is not read as "sport"; a short slip ("red") still is', () => {
    const reply = ask('He is #1 on some leaderboard I was told. Since when has he held that spot?');
    expect(contentOf(reply)).not.toContain('Reading “spot” as “sport”');
    expect(titles(reply)[0]).toBe('Drought Detection Challenge');
    expect(contentOf(reply)).toContain('September 2019');
    expect(contentOf(ask('wat does he red in his free time'))).toContain('papers');
  });
});

// After the seventh and eighth held-out sets (spent): their patterns, each by a general mechanism.
describe('after the seventh and eighth held-out sets', () => {
  it("the field's short forms are read as its words", () => {
    const reply = ask("what's the grad accumulation callback for again, batch size below what?");
    expect(titles(reply)[0]).toBe('Fast Callbacks');
    expect(titles(ask('the java neural net thing, worth a look?'))[0]).toBe('Java-ML');
  });

  it('advice for a beginner and an invitation to the channel get nothing', () => {
    for (const question of [
      'is "Deep Learning for Coders" a good book to start with?',
      'best drum sticks for a beginer?',
      'anyone wanna jam tonite',
    ]) {
      expect(ask(question).embeds ?? []).toEqual([]);
    }
    // His own drumming is still his.
    expect(titles(ask('does he play drums?'))[0]).toBe('In my free time');
  });
});

describe('eighth pass: the ninth set', () => {
  const readAs = (text: string) => readWords(prepareQuestion(text), portfolio.search, new Set(['he'])).question.folded;

  it('a letter doubled in the wrong place is one slip', () => {
    expect(readAs('any sattelite work')).toBe('any satellite work');
    // Not any two edits: a changed letter is still another word.
    expect(readAs('any satillete work')).not.toContain('satellite');
    expect(titles(ask('sattelite stuff he did?'))).toContain('Drought Detection Challenge');
  });

  it('why the asker asks is context, not the question, even without its subject', () => {
    const reply = ask('Which year of his degree is he in? Just trying to see if he fits a summer role at our startup.');
    expect(contentOf(reply)).toContain('Pre-final year student');
    expect(titles(reply)[0]).toBe('🎓 Education');
  });

  it('a question that points back at what was said is asked of it', () => {
    const reply = ask('Our client needs someone who has done remote sensing at a company. Anything on his profile that fits?');
    expect(['Background', 'AI Lead — Pixxel', 'AI Researcher — Pixxel', 'Drought Detection Challenge']).toContain(titles(reply)[0]);
    // A question that names its own matter keeps it: the asker's sentence is dropped.
    expect(titles(ask('Our team uses PyTorch a lot. Which optimizer paper did he reproduce?'))[0]).toBe('Lookahead Optimizer Analysis');
  });

  it('who wants to know is not what is asked', () => {
    // Not the drums of "my drum teacher": what follows "wants to know if".
    const results = ask('My drum teacher wants to know if he has any Kaggle results');
    expect(titles(results)).not.toContain('In my free time');
    expect(contentOf(results)).toMatch(/Human Protein Atlas|Toxic Comments/);
    const reply = ask('The hiring manager wants to know whether he has ever built a web app.');
    expect(titles(reply)[0]).toBe('Book Review Website');
    expect(contentOf(reply)).not.toMatch(/skills?/i);
  });

  it('a skill put first is the skill asked, at its level', () => {
    expect(contentOf(ask('Sklearn he knows at what level?'))).toContain('Sklearn at an **intermediate** level');
    expect(contentOf(ask('pytorch he uses how well?'))).toContain('**expert**');
  });

  it('the institution is where he studies; how close is a degree, not a topic', () => {
    for (const question of ['What is the full name of his institution?', 'how close is he to graduating?']) {
      const reply = ask(question);
      expect(titles(reply)[0], question).toBe('🎓 Education');
      expect(contentOf(reply), question).toContain('Birla Institute of Technology and Science');
    }
  });

  it('the word that points back is no topic of its own: "fits" is not "ULMFiT"', () => {
    // "fit" is common English that no entry is named or tagged by, and none writes as typed ("Fitting").
    const reply = ask('We build satellite imagery models at a startup. Anything on his record that fits?');
    expect(titles(reply)[0]).not.toBe('Toxic Comments Classification using ULMFiT');
    expect(['Drought Detection Challenge', 'Multichannel Resnets', 'AI Lead — Pixxel', 'Background']).toContain(titles(reply)[0]);
  });

  it('a dotted name is typed with its dot or without', () => {
    expect(tokenize('Binge-surfing forums.fast.ai, node.js and e.g. pixxel.co.in')).toEqual(expect.arrayContaining(['fastai', 'nodejs']));
    expect(tokenize('e.g. this')).not.toContain('eg');
    const reply = ask('does he hang around the fastai forums much');
    expect(titles(reply)[0]).toBe('A day in my life');
    expect(contentOf(reply)).toContain('forums.fast.ai');
  });

  it("the data's concepts: heading a team, a hero, from zero, where papers go", () => {
    expect(titles(ask('has he ever headed a team?'))[0]).toBe('AI Lead — Pixxel');
    expect(titles(ask('who is his hero in AI?'))[0]).toBe('Philosophy');
    expect(titles(ask('did he build a deep learning library from zero?'))[0]).toBe('Java-ML');
    const papers = ask('where does he send the papers he finds?');
    expect(titles(papers)[0]).toBe('A day in my life');
    expect(contentOf(papers)).toContain('Kindle');
  });
});

describe('eighth pass, second part: the tenth set', () => {
  it('dates a sentence quotes are written out, as the page writes them', () => {
    const reply = ask('When did he first join Pixxel?');
    expect(titles(reply)[0]).toBe('AI Researcher — Pixxel');
    expect(contentOf(reply)).toContain('September 2018 – February 2019');
  });

  it("someone else's next piece of work is not his", () => {
    expect(ask("Is Jeremy Howard's new book out yet?").embeds ?? []).toEqual([]);
    expect(titles(ask("what is Jeremy Howard's influence on him?"))[0]).toBe('Philosophy');
  });

  it('a lesson asked of the channel gets nothing; explaining a piece of his work is about it', () => {
    for (const question of ['can someone explain progressive resizing in general terms', 'best CV strategy for time series comps?']) {
      expect(ask(question).embeds ?? [], question).toEqual([]);
    }
    expect(titles(ask('Please explain what is the Lookahead project.'))[0]).toBe('Lookahead Optimizer Analysis');
    // His own work's superlatives still answer: the result the page heads with.
    expect(titles(ask('what are his best results?'))).toEqual(['Drought Detection Challenge']);
  });

  it('"became" is "become"; "b4" is "before"', () => {
    expect(stemOf('became')).toBe(stemOf('become'));
    const reply = ask('what was he doing at pixxel b4 he became lead');
    expect(titles(reply)[0]).toBe('AI Researcher — Pixxel');
    expect(contentOf(reply)).not.toContain('became');
  });

  it('reading is what the asker does with his blogs', () => {
    expect(titles(ask('He has written some blog, where I can read?'))).toEqual([
      "An Inquiry Into Matplotlib's Figures",
      'Using your own pre-trained models in FastAI',
    ]);
  });

  it('a skill put first, asked in the continuous', () => {
    expect(contentOf(ask('Sklearn he is knowing at which level?'))).toContain('Sklearn at an **intermediate** level');
  });
});

describe('after the ninth and tenth held-out sets', () => {
  it('a number asked for on its own is the private number; thanks with "that\'s all" is thanks', () => {
    const number = ask('ur number pls');
    expect(textOf(number)).not.toMatch(PHONE);
    expect(titles(number)).toEqual(['Contact Akash Palrecha']);
    expect(contentOf(ask("thanks, that's all i wanted"))).toMatch(/^You're welcome!/);
  });

  it("what he does professionally is his roles; a ranking of places is nobody's", () => {
    expect(titles(ask("Could you tell me what he's currently doing professionally?"))[0]).toBe('AI Lead — Pixxel');
    expect(ask('Which is the best mathematics college in India?').embeds ?? []).toEqual([]);
    expect(titles(ask('which is the best project of his?'))).toEqual(['Java-ML']);
  });

  it('one changed letter in a long everyday word is a slip', () => {
    const { question } = readWords(prepareQuestion('he has how much experiance with pytorch?'), portfolio.search, new Set(['he']));
    expect(question.folded).toContain('experience');
    expect(contentOf(ask('he has how much experiance with pytorch?'))).toContain('**expert**');
  });

  it('writing publicly is his writing, not a skill', () => {
    const reply = ask('Does he write publicly at all, articles or tutorials?');
    expect(titles(reply)).toEqual(["An Inquiry Into Matplotlib's Figures", 'Using your own pre-trained models in FastAI']);
    expect(contentOf(reply)).not.toMatch(/skills?/i);
  });

  it('"4ch", "6-band" are channels; "strat" is stratification', () => {
    expect(titles(ask('which arch for the 4ch protein images'))[0]).toBe('Human Protein Atlas Classification');
    expect(titles(ask('does he have anything for imagenet weights on 6-band inputs?'))[0]).toBe('Multichannel Resnets');
    expect(titles(ask('anything on multilabel strat?'))[0]).toBe('Human Protein Atlas Classification');
  });

  it('the asker\'s sentence that speaks of him is asked, from what follows "I\'d like to know"', () => {
    expect(titles(ask("We need a Kaggle person. I'd like to know which comp he's proudest of."))[0]).toBe('Drought Detection Challenge');
  });

  it('why he likes fast.ai is his philosophy; "on his side" is his', () => {
    expect(titles(ask('For what reason he is liking fast.ai so much?'))[0]).toBe('Philosophy');
    expect(titles(ask('We need a web app builder. Anything like that on his end?'))[0]).toBe('Book Review Website');
  });
});

describe('ninth pass: the eleventh set', () => {
  it('writing for a public audience is his writing', () => {
    const reply = ask('Has he written anything for a public audience, like technical articles?');
    expect(titles(reply)).toEqual(["An Inquiry Into Matplotlib's Figures", 'Using your own pre-trained models in FastAI']);
  });

  it('outside of his job is his free time; his own research outside of it is still his research', () => {
    expect(titles(ask('Does he do any mentoring outside of his job?'))[0]).toBe('In my free time');
    expect(titles(ask('Has he done any research of his own, outside of the day job?'))[0]).toMatch(/research/);
  });

  it('where his university is, is his education', () => {
    const reply = ask('Which town is his university in? For relocation.');
    expect(titles(reply)[0]).toBe('🎓 Education');
    expect(contentOf(reply)).toContain('Pilani');
  });

  it('two letters more than a word are no slip of it; what he calls himself is no phone call', () => {
    const { question } = readWords(prepareQuestion('him tweaking batchnorm'), portfolio.search, new Set(['him']));
    expect(question.folded).toBe('him tweaking batchnorm');
    const level = ask('does he call himself expert in fastai or more intermediate?');
    expect(contentOf(level)).toContain('**expert**');
    expect(titles(level)).not.toContain('Contact Akash Palrecha');
  });

  it('moving into NLP is his interest; experience in an actual job is his roles, what is set aside at the end is not asked', () => {
    expect(titles(ask("he's all computer vision now, but does he want to move into NLP at some point?"))[0]).toBe('Research interests');
    expect(titles(ask('remote sensing experience in an actual job, not comps?'))[0]).toBe('AI Lead — Pixxel');
  });

  it("whether a competition is still open, and the channel's chatter, get nothing", () => {
    for (const question of [
      'is the jigsaw multilingual toxicity comp still accepting late subs',
      'gl everyone on the lb tonight',
      'bruh this server is dead',
    ]) {
      expect(ask(question).embeds ?? [], question).toEqual([]);
    }
  });
});

describe('after the eleventh held-out set', () => {
  it('"top spot" is #1', () => {
    const reply = ask('how long has he held top spot on the drought board');
    expect(titles(reply)[0]).toBe('Drought Detection Challenge');
    expect(contentOf(reply)).toContain('since September 2019');
  });

  it('general questions of the field and of a platform get nothing', () => {
    for (const question of [
      'best lr schedule for efficientnet-b4 on kaggle?',
      'how many gpu hours a week does kaggle give now',
      'What is difference between MSc and MTech in India?',
    ]) {
      expect(ask(question).embeds ?? [], question).toEqual([]);
    }
  });

  it('"that problem" points back at the asker\'s sentence; his own name names nothing of it', () => {
    const epochs = ask('Our team trains on huge datasets where one epoch takes hours. Has he had to deal with that problem?');
    expect(titles(epochs)[0]).toBe('Fast Callbacks');
    const tutorial = ask("I'm stuck getting my own pretrained backbone into a Learner. Did Akash write anything about doing that?");
    expect(titles(tutorial)[0]).toBe('Using your own pre-trained models in FastAI');
  });

  it('"If I could …," is the asker\'s case, not the question', () => {
    const reply = ask('If I could only show the hiring committee one of his projects, which one would he be proudest of?');
    expect(titles(reply)[0]).toBe('Java-ML');
  });
});

describe('tenth pass: dev-12', () => {
  it('"that\'s everything I needed" is thanks; resources for the asker get nothing', () => {
    expect(contentOf(ask("Thanks, that's everything I needed for now!"))).toMatch(/^You're welcome!/);
    expect(ask('my drums teacher quit, any good youtube channels for lessons').embeds ?? []).toEqual([]);
  });

  it('a role "on his CV" is the role', () => {
    const reply = ask('For the AI Lead position on his CV, what was the start date?');
    expect(titles(reply)[0]).toBe('AI Lead — Pixxel');
    expect(contentOf(reply)).toContain('Feb 2019');
    expect(titles(ask('what is on his cv?'))[0]).toBe('Akash Palrecha — résumé');
  });

  it('where a piece was published is not where he lives; where he is from originally, the profile does not say', () => {
    expect(titles(ask('The matplotlib article, it is published in which place?'))[0]).toBe("An Inquiry Into Matplotlib's Figures");
    const origin = ask('He is from which city originally?');
    expect(contentOf(origin)).toContain("“hometown” isn't in his profile");
    expect(titles(ask('When did he originally join Pixxel?'))[0]).toBe('AI Researcher — Pixxel');
  });

  it('the data: a stratified split, less compute', () => {
    expect(titles(ask("multilabel stratified split - where'd he use it"))[0]).toBe('Human Protein Atlas Classification');
    expect(titles(ask("what's his view on doing good deep learning with less compute?"))[0]).toBe('Research interests');
  });
});

describe('after the twelfth held-out set', () => {
  it('what is set aside ("outside of Kaggle", "Besides Kaggle,") is not asked about; "outside of work" still is', () => {
    const satellite = ask('Has Akash done anything with satellite imagery outside of Kaggle?');
    expect(titles(satellite).slice(0, 3)).toEqual(['Drought Detection Challenge', 'Fast Callbacks', 'Multichannel Resnets']);
    expect(titles(ask('Besides Kaggle, has he done satellite stuff?'))[0]).toBe('Drought Detection Challenge');
    expect(titles(ask('what does he do outside of work?'))[0]).toBe('In my free time');
    expect(titles(ask('Outside of work, what does he do?'))[0]).toBe('In my free time');
  });

  it('"when hes not coding" is his free time; a "not" without its comma is asked about', () => {
    expect(titles(ask('wat does he do when hes not coding'))[0]).toBe('In my free time');
  });

  it('"at the moment" is now; the year "of his program" is his education', () => {
    const reply = ask('Which year of his program is he in at the moment?');
    expect(titles(reply)[0]).toBe('🎓 Education');
    expect(contentOf(reply)).toContain('Pre-final year');
  });

  it('cloud providers are skills; what he brags about is what he is proud of', () => {
    const cloud = ask('Which cloud providers has he worked with? We are an AWS shop.');
    expect(contentOf(cloud)).toContain('AWS, GCP is one of his **basic** skills');
    expect(contentOf(cloud)).toContain('“cloud” is listed under it');
    expect(titles(ask('which of his projects does he brag about the most'))[0]).toBe('Java-ML');
  });

  it('the name of his band, asked with "even", is the band; the profile does not give it', () => {
    expect(contentOf(ask('whats his band even called'))).toContain("doesn't give the name of his band");
  });

  it('"written from first principles" is code, not writing; a CV scheme for time series is advice', () => {
    const scratch = ask('Is there anything in his portfolio written from first principles?');
    expect(titles(scratch)[0]).toMatch(/^(Java-ML|Image Augmentation Package)$/);
    expect(contentOf(scratch)).not.toContain('portfolio');
    expect(titles(ask('has he written anything in java'))[0]).toBe('Java-ML');
    expect(ask('best CV scheme for time series comps?').embeds ?? []).toEqual([]);
  });
});

describe('eleventh pass: dev-13, dev-14 and dev-15', () => {
  it('"the protein one", "the batchnorm thing": an entry pointed at by a word of its name', () => {
    expect(titles(ask('the protein one, what happened there'))).toEqual(['Human Protein Atlas Classification']);
    expect(titles(ask('the drought one?'))[0]).toBe('Drought Detection Challenge');
    // Not a word of a name pointed at: "the drought situation in california" is no entry of his.
    expect(ask("what's the drought situation in california").embeds ?? []).toEqual([]);
  });

  it('slang with a slash ("w/o") is read; a shootout is a comparison', () => {
    expect(contentOf(ask('batchnorm w/o mean and variance'))).toContain('BatchNorm without mean or variance parameters');
    expect(titles(ask('optimizer shootouts?'))[0]).toBe('Lookahead Optimizer Analysis');
  });

  it('"wrote a … library" is code, not writing', () => {
    expect(titles(ask('did he write a neural net library from scratch?'))[0]).toBe('Java-ML');
  });

  it('whether a competition is still open is no question about him, even one he entered', () => {
    expect(ask('is the protein atlas comp still taking late subs').embeds ?? []).toEqual([]);
  });

  it('tricks and gear for the asker get nothing', () => {
    expect(ask('best lb probing tricks?').embeds ?? []).toEqual([]);
    expect(ask('best gpu for kaggle under 1000 usd').embeds ?? []).toEqual([]);
  });

  it('"Kindly share." is politeness; "related" is an everyday word', () => {
    expect(titles(ask('He is having any project related to drought? Kindly share.'))[0]).toBe('Drought Detection Challenge');
  });

  it('small talk is answered as a greeting', () => {
    expect(contentOf(ask('Good morning, how are you doing today?'))).toMatch(/^Hi! I answer questions about \*\*Akash Palrecha\*\*/);
  });

  it("things built because no library existed are the category's tagged projects (tags on a category)", () => {
    const reply = ask(
      'Our hiring manager likes engineers who build their own tooling instead of waiting for a library to exist. Does he have examples of that?',
    );
    expect(titles(reply)[0]).toBe('Java-ML');
    const untagged = withProfile((profile) => ({
      ...profile,
      categories: profile.categories.map((category) => ({ ...category, tags: undefined })),
    }));
    expect(titles(ask('does he build his own tooling?', untagged))[0]).not.toBe('Java-ML');
  });

  it('"with it" at the end is what the asker\'s sentence named', () => {
    expect(contentOf(ask('Our ML stack is mostly TensorFlow. How strong is he with it?'))).toContain(
      'Tensorflow is one of his **basic** skills',
    );
  });

  it('knowing how to do a task is answered by the work that did it', () => {
    const reply = ask('He is knowing how to train when dataset is very big and one epoch is taking more than one hour?');
    expect(titles(reply)[0]).toBe('Fast Callbacks');
  });

  it('"look like" is a likeness, not a liking', () => {
    expect(titles(ask('I see him all over the fast.ai forums lol, what does a normal day look like for him'))[0]).toBe('A day in my life');
  });

  it('"goes" and "does" fold to their verbs: "does he go running" is his day', () => {
    expect(titles(ask('does he go running or nah'))[0]).toBe('A day in my life');
  });
});
