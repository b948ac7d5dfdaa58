// The words around a question: cleaning what was typed into something rules can
// read, the words that name the person (pronouns and their name), and the
// pronouns an answer uses for them.
import type { Profile } from '../profile/schema.js';
import { CONTROL } from '../characters.js';
import { STOP_WORDS, tokenize, unaccent } from '../search/normalise.js';
import { INTERJECTIONS } from './vocabulary.js';

/** Rules read at most this much of a question; the rest cannot change what is asked. */
export const MAX_QUESTION_LENGTH = 300;

export interface PreparedQuestion {
  /** Cleaned text with the user's letter case (accents removed), for echoing a skill or place as typed. */
  cased: string;
  /** The same text in lower case: what rules match against. Same length as `cased`. */
  folded: string;
}

// Discord's mention, channel, emoji, timestamp and command syntax, and the mass pings: not words of a question.
const DISCORD_SYNTAX = /<(?:@[!&]?\d+|#\d+|a?:\w+:\d+|t:-?\d+(?::\w)?|\/[^>:]+:\d+)>|@(?:everyone|here)\b/gi;
// Markdown and bracket characters carry no meaning in a question.
// Typographic quotes as escapes (“ ” « »), so that the bundle stays ASCII (scripts/bundle.ts).
// A rank ("#1") keeps its sign: the profile writes its places so.
const MARKUP = /[*_~`|>[\]{}()<>"\u201C\u201D\u00AB\u00BB]|#(?!\d)/g;

/** Cleans a question for the rules: no accents, invisible or control characters, markdown; single spaces; bounded length. */
export function prepareQuestion(text: string): PreparedQuestion {
  const cased = unaccent(String(text).slice(0, MAX_QUESTION_LENGTH * 4))
    .replace(CONTROL, ' ')
    .replace(DISCORD_SYNTAX, ' ')
    .replace(/[\u2019\u2018\u00B4\u02BC]/g, "'") // ’ ‘ ´ ʼ
    .replace(MARKUP, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_QUESTION_LENGTH)
    .trim();
  const folded = cased.toLowerCase();
  // Lower-casing can change the length of a few characters (İ); indices must agree.
  return { cased: folded.length === cased.length ? cased : folded, folded };
}

/** Pronoun forms any question may use for the person, whatever the profile's own pronoun. */
const PRONOUN_WORDS = ['he', 'she', 'they', 'him', 'her', 'them', 'his', 'hers', 'their', 'theirs', 'himself', 'herself', 'themselves'];
/** Everyday ways of pointing at the person the bot is about: "what does this guy do?", "is the candidate enrolled?" */
const POINTING = ['this guy', 'this person', 'this dude', 'the candidate', 'this candidate', 'the applicant', 'this applicant'];

/** Words that name the person: pronouns, and the name (whole, first, last), folded. */
export function subjectWords(profile: Profile): string[] {
  const name = tokenize(profile.identity.name);
  const phrases = [...PRONOUN_WORDS, ...POINTING, name.join(' '), ...name].filter((word) => word.length > 0);
  // Longest first, so that a regex alternation prefers "akash palrecha" to "akash".
  return [...new Set(phrases)].sort((a, b) => b.length - a.length);
}

/** Regex source matching any word that names the person. */
export function subjectPattern(profile: Profile): string {
  return `(?:${subjectWords(profile).map(escapeRegExp).join('|')})`;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Words a question uses that are neither the topic nor the kind of question:
 * contraction pieces, hedges, "currently", "anything"… Rules add their own words
 * (a blog question's "blog", "written") on top of these and the search's stop words.
 */
export const GLOBAL_FILLER = new Set(
  (
    's t d ll ve re m whats whos wheres hows ever yet currently current now recently lately right please can could would should will shall ' +
    'might may must doesn isn aren wasn hasn haven didn don won cant like look kind sort type much many more most lot lots really ' +
    'very anything something everything thing stuff one other else so too well good great even still get got go going make ' +
    'made done doing say said think name named called exactly actually specifically particular particularly here way bit little ' +
    'people person guy bot u ur us we our know knew known long longest longer first last best top mr ms mrs dr hey hi hello ' +
    'okay ok thanks thank pls plz cool nice interesting no yes not own see check view browse ' +
    'latest previous prior earliest initial former newest recent quick quickly brief briefly overview rundown'
  )
    .split(' ')
    .concat(INTERJECTIONS),
);

/** Pronouns for answers: "he is", "she has", "they are". */
export interface Pronouns {
  subject: string;
  object: string;
  possessive: string;
  /** "he's", "she's", "they're" */
  subjectIs: string;
  /** True for "they": verbs take their plural form. */
  plural: boolean;
}

export function pronounsOf(profile: Profile): Pronouns {
  switch (profile.identity.pronoun) {
    case 'he':
      return { subject: 'he', object: 'him', possessive: 'his', subjectIs: "he's", plural: false };
    case 'she':
      return { subject: 'she', object: 'her', possessive: 'her', subjectIs: "she's", plural: false };
    default:
      return { subject: 'they', object: 'them', possessive: 'their', subjectIs: "they're", plural: true };
  }
}

/** "knows" for he/she, "know" for they. */
export function verb(pronouns: Pronouns, singular: string, plural: string): string {
  return pronouns.plural ? plural : singular;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** True when every token of `text` is a stop word, a filler word or names the person. */
export function isOnlyFiller(tokens: readonly string[], extra: ReadonlySet<string>): boolean {
  return tokens.every((token) => STOP_WORDS.has(token) || GLOBAL_FILLER.has(token) || extra.has(token));
}
