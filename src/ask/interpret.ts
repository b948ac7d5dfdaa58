// interpretQuestion: plain text → what is asked (an Intent), from the rule table
// and the profile's search index. Pure: the same text and Portfolio give the same Intent.
import type { Portfolio } from '../bot/types.js';
import type { ContactKind, Profile, Section } from '../profile/schema.js';
import type { SearchHit } from '../search/index.js';
import { queryTokens, STOP_WORDS, tokenize } from '../search/normalise.js';
import {
  escapeRegExp,
  GLOBAL_FILLER,
  isOnlyFiller,
  prepareQuestion,
  subjectPattern,
  subjectWords,
  type PreparedQuestion,
} from './language.js';
import { GREETING, HELP, KIND_SECTION, RULES, THANKS, type IntentKind, type Rule } from './rules.js';
import { findSkills, type SkillMatch } from './skills.js';

/** One thing a skill question asks about ("docker" in "does he know docker and kubernetes?"). */
export interface SkillQuery {
  /** What was typed, cleaned (the user's letter case, no markdown); echo it only escaped. */
  asked: string;
  /** Its folded words. */
  tokens: string[];
  /** The skills it names, best level first; empty when it is not a skill in the profile. */
  matches: SkillMatch[];
}

/** What every intent carries, whatever its kind. */
export interface IntentBase {
  /** The rule that decided it ("fallback" when none did). */
  rule: string;
  /** The profile section the answer comes from, when one does. */
  section: Section | null;
  /** Words of the question that narrow the answer (folded, space-separated); "" when none. */
  topic: string;
  /** The same words as typed (cleaned, not escaped): what an answer echoes, escaped. */
  shown: string;
  /** True when the question names the person (a pronoun or their name). */
  aboutPerson: boolean;
}

/** What is asked: the common fields, and exactly the fields its kind's answer reads. */
export type Intent = IntentBase &
  (
    | { kind: Exclude<IntentKind, 'skill' | 'experience' | 'contact' | 'topic' | 'search'> }
    | { kind: 'skill'; /** Each thing asked about. */ skills: SkillQuery[] }
    | {
        kind: 'experience';
        /** The organisation named, as the profile spells it, or as typed when the profile has no such place. */
        organisation: string | null;
        /** True when `organisation` is one the profile lists. */
        organisationKnown: boolean;
      }
    | { kind: 'contact'; /** The one link asked for, when one is. */ contact: ContactKind | null }
    | { kind: 'topic'; /** The id of the about-section topic that answers, or null when the profile has none. */ aboutTopic: string | null }
    | { kind: 'search'; /** The matches of the topic, best first. */ hits: SearchHit[] }
  );

/** The intent of one kind: `IntentOf<'skill'>` has `skills`. */
export type IntentOf<K extends IntentKind> = Intent & { kind: K };

/** A rule's reading of a question; `finish` adds the common fields it leaves out. */
type Reading = DistributiveOmit<Intent, 'section' | 'topic' | 'shown' | 'aboutPerson'> & { topic?: string; section?: Section };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

interface CompiledRule {
  rule: Rule;
  patterns: RegExp[];
  filler: Set<string>;
}

interface Compiled {
  rules: CompiledRule[];
  subjects: Set<string>;
  subjectRegex: RegExp;
  organisations: { name: string; folded: string }[];
}

const compiledCache = new WeakMap<Profile, Compiled>();

/** The rule table with the profile's person and organisations filled in; once per profile. */
function compile(profile: Profile): Compiled {
  const cached = compiledCache.get(profile);
  if (cached) return cached;
  const who = subjectPattern(profile);
  const organisations = [...new Set(profile.experience.map((role) => role.organisation))].map((name) => ({
    name,
    folded: prepareQuestion(name).folded,
  }));
  const orgs =
    organisations.length > 0
      ? `(?:${organisations
          .map((o) => escapeRegExp(o.folded))
          .sort((a, b) => b.length - a.length)
          .join('|')})`
      : '(?!)';
  const rules = RULES.map((rule) => ({
    rule,
    patterns: rule.patterns.map((source) => new RegExp(source.replaceAll('{who}', who).replaceAll('{org}', orgs), 'du')),
    filler: new Set(tokenize(rule.filler ?? '')),
  }));
  const subjects = new Set(subjectWords(profile).flatMap((word) => tokenize(word)));
  const compiled: Compiled = { rules, subjects, subjectRegex: new RegExp(`\\b${who}\\b`, 'u'), organisations };
  compiledCache.set(profile, compiled);
  return compiled;
}

/** Most words a topic keeps: a search reads no more than this usefully. */
const MAX_TOPIC_WORDS = 8;

/** What a question is about once its question words, the person and the rule's own words are removed. */
function topicOf(text: string, compiled: Compiled, filler: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (const token of queryTokens(text)) {
    if (compiled.subjects.has(token) || GLOBAL_FILLER.has(token) || filler.has(token) || out.includes(token)) continue;
    out.push(token);
  }
  return out.slice(0, MAX_TOPIC_WORDS);
}

/** Interprets a question about the profile's person. Never throws; any text gives an Intent. */
export function interpretQuestion(text: string, portfolio: Portfolio): Intent {
  const compiled = compile(portfolio.profile);
  let question = prepareQuestion(text);

  const greeting = GREETING.exec(question.folded);
  if (greeting && greeting[0].length > 0) {
    const rest = question.cased.slice(greeting[0].length);
    if (!/[\p{L}\p{N}]/u.test(rest)) return finish({ kind: 'greeting', rule: 'greeting' }, question, false);
    question = prepareQuestion(rest);
  }
  if (!/[\p{L}\p{N}]/u.test(question.folded) || HELP.test(question.folded)) return finish({ kind: 'help', rule: 'help' }, question, false);
  if (THANKS.test(question.folded)) return finish({ kind: 'thanks', rule: 'thanks' }, question, false);

  const aboutPerson = compiled.subjectRegex.test(question.folded);
  for (const entry of compiled.rules) {
    for (const pattern of entry.patterns) {
      const match = pattern.exec(question.folded);
      if (!match) continue;
      const reading = fromRule(entry, match, question, compiled, portfolio);
      if (reading) return finish(reading, question, aboutPerson);
    }
  }
  return finish(fallback(question, compiled, portfolio, aboutPerson), question, aboutPerson);
}

function finish({ topic = '', section, ...reading }: Reading, question: PreparedQuestion, aboutPerson: boolean): Intent {
  const shown = topic ? shownTopic(question.cased, topic) : '';
  return { ...reading, section: section ?? KIND_SECTION[reading.kind] ?? null, topic, shown, aboutPerson };
}

/** The typed words that gave the topic ("java-ml" for "java machine learning javaml"), or the topic itself. */
function shownTopic(cased: string, topic: string): string {
  const wanted = new Set(topic.split(' '));
  const words = cased
    .split(' ')
    .map((word) => word.replace(/^[^\p{L}\p{N}#]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((word) => word && tokenize(word).some((token) => wanted.has(token)));
  return words.length > 0 ? words.join(' ') : topic;
}

function fromRule(
  entry: CompiledRule,
  match: RegExpExecArray,
  question: PreparedQuestion,
  compiled: Compiled,
  portfolio: Portfolio,
): Reading | undefined {
  const { rule, filler } = entry;
  const topic = () => topicOf(question.folded, compiled, filler).join(' ');
  switch (rule.kind) {
    case 'contact':
      return { kind: 'contact', rule: rule.name, contact: rule.contact ?? null };
    case 'skill': {
      const skills = skillQueries(match, question, compiled, portfolio.profile);
      return skills.length > 0 ? { kind: 'skill', rule: rule.name, skills } : undefined;
    }
    case 'topic': {
      const hit = portfolio.search.search(rule.about ?? rule.name, { section: 'about', limit: 1 })[0];
      return { kind: 'topic', rule: rule.name, aboutTopic: hit?.id ?? null };
    }
    case 'experience':
      return experienceIntent(rule, match, question, compiled, filler);
    case 'now':
    case 'research':
    case 'learning':
    case 'blogs':
    case 'metrics':
    case 'projects':
    case 'education':
      return { kind: rule.kind, rule: rule.name, topic: topic() };
    default:
      return { kind: rule.kind, rule: rule.name };
  }
}

/** The things of a skill question: the `thing` group split at "and", "or", commas and slashes. */
function skillQueries(match: RegExpExecArray, question: PreparedQuestion, compiled: Compiled, profile: Profile): SkillQuery[] {
  const span = match.indices?.groups?.['thing'];
  if (!span) return [];
  const typed = question.cased.slice(span[0], span[1]);
  const queries: SkillQuery[] = [];
  for (const part of typed.split(/\s*(?:,|\/|&|\band\b|\bor\b|\bnor\b)\s*/i).slice(0, 5)) {
    const asked = trimFiller(part, compiled);
    const tokens = tokenize(asked).filter((token) => !compiled.subjects.has(token));
    if (tokens.length === 0 || isOnlyFiller(tokens, compiled.subjects)) continue;
    if (queries.some((query) => query.tokens.join(' ') === tokens.join(' '))) continue;
    queries.push({ asked, tokens, matches: findSkills(tokens, profile) });
  }
  return queries;
}

/** Drops question words from both ends of a typed phrase: "his pytorch at all" → "pytorch". */
function trimFiller(text: string, compiled: Compiled): string {
  const words = text.trim().split(/\s+/);
  const ignorable = (word: string) => {
    const tokens = tokenize(word);
    return (
      tokens.length === 0 || tokens.every((t) => STOP_WORDS.has(t) || GLOBAL_FILLER.has(t) || compiled.subjects.has(t) || TRAILING.has(t))
    );
  };
  while (words.length > 0 && ignorable(words[0] ?? '')) words.shift();
  while (words.length > 0 && ignorable(words[words.length - 1] ?? '')) words.pop();
  return words.join(' ');
}

/** Words that end a skill question without being part of the skill: "does he know docker well?" */
const TRAILING = new Set([
  'well',
  'properly',
  'already',
  'also',
  'though',
  'too',
  'enough',
  'fluently',
  'deeply',
  'language',
  'programming',
]);

function experienceIntent(
  rule: Rule,
  match: RegExpExecArray,
  question: PreparedQuestion,
  compiled: Compiled,
  filler: ReadonlySet<string>,
): Reading {
  const topic = topicOf(question.folded, compiled, filler);
  const named = compiled.organisations.find((org) => new RegExp(`\\b${escapeRegExp(org.folded)}\\b`, 'u').test(question.folded));
  if (named) {
    const orgTokens = new Set(tokenize(named.folded));
    const rest = topic.filter((token) => !orgTokens.has(token)).join(' ');
    return { kind: 'experience', rule: rule.name, organisation: named.name, organisationKnown: true, topic: rest };
  }
  const span = match.indices?.groups?.['org'];
  if (span) {
    const typed = trimFiller(question.cased.slice(span[0], span[1]), compiled);
    const tokens = tokenize(typed);
    const meaningful = tokens.filter((t) => !STOP_WORDS.has(t) && !GLOBAL_FILLER.has(t) && !compiled.subjects.has(t) && !filler.has(t));
    if (meaningful.length > 0 && !meaningful.every((t) => /^\d+$/.test(t))) {
      return { kind: 'experience', rule: rule.name, organisation: typed, organisationKnown: false };
    }
  }
  return { kind: 'experience', rule: rule.name, organisation: null, organisationKnown: false, topic: topic.join(' ') };
}

/** No rule matched: search the profile for the question's words. */
function fallback(question: PreparedQuestion, compiled: Compiled, portfolio: Portfolio, aboutPerson: boolean): Reading {
  const topic = topicOf(question.folded, compiled);
  if (topic.length === 0) return { kind: aboutPerson ? 'about' : 'unknown', rule: 'fallback' };
  const hits = portfolio.search.search(topic.join(' '), { limit: 10 });
  const top = hits[0];
  if (!top) return { kind: 'unknown', rule: 'fallback', topic: topic.join(' ') };
  return { kind: 'search', rule: 'fallback', topic: topic.join(' '), hits, section: top.section };
}
