// The fact a question asks about an entry: one sentence of the entry (a detail,
// a highlight, a metric, its tools, its dates, its status), quoted, chosen by the
// question's words. "Which framework did he train the drought model in?" asks
// for the tools; "what holdout did he use?" finds the sentence that says "10%
// hold-out". The words that name a kind of fact ("framework", "when") are
// general: what each kind holds comes from the entry.
import type { Profile, Section } from '../profile/schema.js';
import { formatMonthRange } from '../replies/cards/common.js';
import { tokenize } from '../search/normalise.js';
import { stemOf } from '../search/stem.js';

export type FactKind = 'detail' | 'metric' | 'tools' | 'dates' | 'status' | 'summary' | 'link' | 'reason';

export interface Fact {
  kind: FactKind;
  /** As the profile writes it (a metric as "name: value (context)"). */
  text: string;
  /** Words that find it without being shown: a link's kind ("repo"). */
  also?: string;
}

/** A fact with its words as stem keys, read once per loaded profile. */
interface ReadFact extends Fact {
  stems: readonly string[];
}

/** Words that ask for one kind of fact, by stem. */
const ASKS_FOR: Readonly<Record<string, FactKind>> = Object.fromEntries(
  (
    [
      ['tools', 'framework library tool stack language architecture technology tech package use version'],
      ['metric', 'accuracy score metric result fbeta auc performance loss rank number'],
      ['dates', 'when date year month since long start begin end period duration'],
      ['status', 'finish finished complete status maintain maintained abandon drop dropped stop still active dead alive'],
      ['link', 'link url demo repository repo source github site page live deployed hosted host'],
      // No fact is of this kind: the sentence that gives a reason is found by what it says (REASON_MARKERS).
      ['reason', 'why reason motivation motive motivate motivated purpose problem solve aim goal inspired inspiration'],
    ] as const
  ).flatMap(([kind, words]) => words.split(' ').map((word) => [stemOf(word), kind])),
);

/**
 * Public datasets people name without calling them datasets: a fact that names
 * one answers "which datasets…?" ("CIFAR10, CIFAR100 and Imagenette"). General
 * knowledge of the field, not of one profile.
 */
export const DATASET_NAMES = new RegExp(
  String.raw`\b(?:mnist|fashion-?mnist|cifar-?\d*|imagenet(?:te)?|imagewoof|tiny imagenet|coco|pascal voc|celeba|svhn|kitti|` +
    String.raw`cityscapes|ade20k|camvid|squad|glue|imdb|wikitext-?\d*|sst-?2|librispeech|lsun|stl-?10|caltech-?\d+|food-?101|` +
    String.raw`oxford pets)\b`,
  'i',
);

/** What a sentence that gives a reason says: a cause, a purpose, a problem it answers. */
const REASON_MARKERS =
  /\b(?:because|motivation|so that|in order to|to better understand|wanted to|didn't want|problems?|issues?|needed)\b/i;

/** Does a question word ask which datasets ("datasets", "data set" as "dataset")? */
export function asksForDatasets(tokens: readonly string[]): boolean {
  return tokens.some((token) => stemOf(token) === DATASET);
}

const DATASET = stemOf('dataset');

/** The words of a question that ask for a kind of fact, not for an entry ("framework", "accuracy"). */
export function isFactWord(token: string): boolean {
  return Object.hasOwn(ASKS_FOR, stemOf(token));
}

/** The kind of fact a word asks for ("when" → dates), if it asks for one. */
export function factKindOf(token: string): FactKind | undefined {
  const stem = stemOf(token);
  return Object.hasOwn(ASKS_FOR, stem) ? ASKS_FOR[stem] : undefined;
}

// A profile never changes once loaded: each entry's facts are split and their
// words folded once, not once per question (tokenizing them was most of an answer).
const factCache = new WeakMap<Profile, Map<string, ReadFact[]>>();

/** What a project link's kind is called in a question ("the repo", "the demo"). */
const LINK_KIND_WORDS: Readonly<Record<string, string>> = {
  repo: 'code repository repo source',
  report: 'report',
  paper: 'paper',
  demo: 'live demo',
  gist: 'code gist',
  competition: 'competition',
  post: 'post',
};

/** A link as a fact: its label (and kind, which a question may name) and where it leads. */
const linkFacts = (links: readonly { label: string; url: string; kind?: string }[] | undefined): Fact[] =>
  (links ?? []).map((link) => {
    const also = link.kind ? LINK_KIND_WORDS[link.kind] : undefined;
    return { kind: 'link', text: `${link.label}: ${link.url}`, ...(also ? { also } : {}) };
  });

/** Every fact of one entry, in the profile's order. */
export function factsOf(section: Section, id: string, profile: Profile): readonly ReadFact[] {
  let byEntry = factCache.get(profile);
  if (!byEntry) factCache.set(profile, (byEntry = new Map()));
  const key = `${section}/${id}`;
  let facts = byEntry.get(key);
  if (!facts) {
    facts = readFacts(section, id, profile).map((fact) => ({ ...fact, stems: tokenize(`${fact.text} ${fact.also ?? ''}`).map(stemOf) }));
    byEntry.set(key, facts);
  }
  return facts;
}

function readFacts(section: Section, id: string, profile: Profile): Fact[] {
  const sentences = (texts: readonly (string | undefined)[], kind: FactKind): Fact[] =>
    texts.flatMap((text) => (text ? splitSentences(text).map((sentence) => ({ kind, text: sentence })) : []));
  switch (section) {
    case 'projects': {
      const project = profile.projects.find((entry) => entry.id === id);
      if (!project) return [];
      return [
        ...(project.metrics ?? []).map((m) => ({
          kind: 'metric' as const,
          text: `${m.name}: ${m.value}${m.context ? ` (${m.context})` : ''}`,
        })),
        ...(project.tools?.length ? [{ kind: 'tools' as const, text: `Tools: ${project.tools.join(', ')}` }] : []),
        ...sentences([project.statusNote], 'status'),
        ...sentences(project.highlights ?? [], 'detail'),
        ...sentences(project.details, 'detail'),
        ...sentences([project.summary], 'summary'),
        ...linkFacts(project.links),
      ];
    }
    case 'experience': {
      const role = profile.experience.find((entry) => entry.id === id);
      if (!role) return [];
      return [
        // Written out, as a person answering "when did he join?" would say it.
        { kind: 'dates', text: `${role.title} at ${role.organisation}: ${formatMonthRange(role.start, role.end, 'long')}` },
        ...sentences(role.highlights, 'detail'),
        ...sentences([role.summary], 'summary'),
        ...(role.url ? linkFacts([{ label: role.organisation, url: role.url }]) : []),
      ];
    }
    case 'learning': {
      const item = profile.learning.find((entry) => entry.id === id);
      if (!item) return [];
      return [
        ...(item.progress ? [{ kind: 'status' as const, text: `${item.title}: ${item.progress}` }] : []),
        ...(item.provider ? [{ kind: 'detail' as const, text: `${item.title}, by ${item.provider}` }] : []),
        ...(item.url ? linkFacts([{ label: item.title, url: item.url }]) : []),
      ];
    }
    case 'research': {
      const item = profile.research.find((entry) => entry.id === id);
      return item
        ? [{ kind: 'status', text: `${item.title}: ${item.status}` }, ...sentences([item.summary], 'summary'), ...linkFacts(item.links)]
        : [];
    }
    case 'blogs': {
      const post = profile.blogs.find((entry) => entry.id === id);
      return post
        ? [
            ...sentences([post.summary], 'summary'),
            ...sentences([post.note], 'detail'),
            ...linkFacts([{ label: post.title, url: post.url }]),
          ]
        : [];
    }
    case 'about': {
      const topic = profile.about.find((entry) => entry.id === id);
      return topic ? [...sentences(topic.items ?? [], 'detail'), ...sentences([topic.text], 'summary'), ...linkFacts(topic.links)] : [];
    }
    case 'education': {
      const entry = profile.education.find((each) => each.id === id);
      return entry ? [{ kind: 'status', text: `${entry.degree}, ${entry.institution}${entry.status ? ` — ${entry.status}` : ''}` }] : [];
    }
    default:
      return [];
  }
}

/** Sentences of a text; "99.26%" and "e.g." do not end one. */
function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z"(])/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

/**
 * The fact that answers `tokens` (the question's folded words, question words
 * removed), or undefined when no fact shares a word with it or asks for its kind.
 * `entryStems` are the stem keys of the words that named the entry ("drought"):
 * they found the entry and say nothing of which fact is asked. `wantsNumber`
 * ("how many") prefers a fact with a number among those that share a word.
 */
export function bestFact(
  facts: readonly ReadFact[],
  tokens: readonly string[],
  entryStems: ReadonlySet<string>,
  wantsNumber = false,
  head: string | null = null,
): { fact: Fact; score: number } | undefined {
  return scoreFacts(facts, tokens, entryStems, wantsNumber, head);
}

/** How well the best fact answers `tokens` (0 when none does): what tells two entries apart. */
export function bestFactScore(facts: readonly ReadFact[], tokens: readonly string[], entryStems: ReadonlySet<string>): number {
  return scoreFacts(facts, tokens, entryStems, false)?.score ?? 0;
}

function scoreFacts(
  facts: readonly ReadFact[],
  tokens: readonly string[],
  entryStems: ReadonlySet<string>,
  wantsNumber: boolean,
  head: string | null = null,
): { fact: Fact; score: number } | undefined {
  // The word a "which …" question asks for counts again, even when it is one of the entry's own words:
  // "which resnet … for the lookahead experiments" is the resnet.
  const headStem = head === null ? undefined : stemOf(head);
  const every = new Set(tokens.map(stemOf));
  const asked = new Set([...every].filter((stem) => !entryStems.has(stem) || stem === headStem));
  const kinds = new Set([...asked].map((stem) => ASKS_FOR[stem]).filter((kind): kind is FactKind => kind !== undefined));
  const datasets = asked.has(DATASET);
  const reason = kinds.has('reason');
  let best: { fact: Fact; score: number } | undefined;
  for (const fact of facts) {
    const words = fact.stems;
    const set = new Set(words);
    // A word of the question in the fact counts twice what a kind of fact asked for does:
    // "what holdout did he use?" is the sentence with "hold-out" more than the tools.
    let score = kinds.has(fact.kind) ? 1 : 0;
    // "resnet" asks for "resnet34": a word of four letters or more counts as the start of a longer one.
    // An exact word counts more than a start: "repo" is the repository's link before the report's.
    for (const stem of asked) {
      const weight = stem === headStem ? 2 : 1;
      if (set.has(stem)) score += 2 * weight;
      else if (stem.length >= 4 && words.some((word) => word.startsWith(stem))) score += 1.5 * weight;
    }
    // A fact labelled by the words asked ("Activation functions: ReLU, …" for "which activation functions") is
    // that list, ahead of a sentence that only mentions them.
    if (score > 0 && labelledBy(fact.text, every)) score += 1;
    if (datasets && DATASET_NAMES.test(fact.text)) score += 2;
    // "Why did he make it?", "what problem is it meant to solve?": the sentence that gives a reason.
    if (reason && REASON_MARKERS.test(fact.text)) score += 1.5;
    // Without a sentence that says why, what it is for: its summary.
    else if (reason && fact.kind === 'summary') score += 1;
    if (score > 0 && wantsNumber && hasNumber(fact)) score += 1;
    // A link answers only when a link is asked for: "what is Pixxel" is the sentence about it, not its address.
    if (score > 0 && fact.kind === 'link' && !kinds.has('link')) score -= 1;
    if (score > 0 && (!best || score > best.score)) best = { fact, score };
  }
  return best;
}

/** Does the fact start with a label of at most four words ("Loss functions: …"), every one of them asked? */
function labelledBy(text: string, asked: ReadonlySet<string>): boolean {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon > 40) return false;
  const label = tokenize(text.slice(0, colon)).map(stemOf);
  return label.length > 0 && label.length <= 4 && label.every((stem) => asked.has(stem));
}

/** True when a fact holds a number: what "how many" and "how much" ask for. */
export function hasNumber(fact: Fact): boolean {
  return /\d/.test(fact.text);
}
