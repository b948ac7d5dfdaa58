// Reading every word of a question before the rules do: chat spellings made
// words ("wat" → "what"), a typo in any word corrected against the profile's
// vocabulary and the small general one (./vocabulary.ts) with the search's one
// typo layer ("satelite" → "satellite", "buid" → "build"), and the words the
// profile cannot place set aside, so that the answer can say so instead of
// letting one of them sink the question.
import type { ProfileSearch } from '../search/index.js';
import { STOP_WORDS, tokenize } from '../search/normalise.js';
import { stemOf } from '../search/stem.js';
import { createTypoLayer, type TypoLayer } from '../search/typos.js';
import { GLOBAL_FILLER, prepareQuestion, type PreparedQuestion } from './language.js';
import { isEnglishWord } from './english.js';
import { isFactWord } from './entry-facts.js';
import { GENERAL_WORDS, SHORT_FORMS, SLANG } from './vocabulary.js';

export interface ReadWords {
  /** The question with chat spellings and typos corrected. */
  question: PreparedQuestion;
  /** Words as typed that are neither in the profile nor everyday words ("medal", "ensembling"), in order. */
  unplaced: string[];
  /** Typos read as one of the profile's words: [as typed, as read] ("pytroch", "pytorch"). */
  corrected: [string, string][];
}

/** Over the profile's words and the general ones, once per loaded profile. */
const typoLayers = new WeakMap<ProfileSearch, TypoLayer>();

function typosFor(search: ProfileSearch): TypoLayer {
  let typos = typoLayers.get(search);
  if (!typos) {
    typos = createTypoLayer([...search.vocabulary, ...GENERAL_WORDS]);
    typoLayers.set(search, typos);
  }
  return typos;
}

/** A word as typed, its punctuation around it kept apart: "satelite?" → ["", "satelite", "?"]. */
const WORD = /^([^\p{L}\p{N}]*)([\p{L}\p{N}][\p{L}\p{N}'.]*[\p{L}\p{N}]|[\p{L}\p{N}])([^\p{L}\p{N}]*)$/u;

/** A word of letters and digits joined by hyphens, its punctuation around it kept apart. */
const COMPOUND_WORD = /^([^\p{L}\p{N}]*)([\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+)([^\p{L}\p{N}]*)$/u;

/**
 * Corrects a prepared question word by word. `subjects` are the words that name
 * the person (never corrected: "akash" is no typo of anything).
 */
export function readWords(question: PreparedQuestion, search: ProfileSearch, subjects: ReadonlySet<string>): ReadWords {
  const unplaced: string[] = [];
  const corrected: [string, string][] = [];
  let changed = false;
  const typedWords = question.cased.split(' ');
  const readOne = (typed: string, index: number): string => {
    // Slang with a slash in it ("w/o"), which the word pattern below splits.
    const slashed = /^([\p{L}]+\/[\p{L}]*)([^\p{L}\p{N}]*)$/u.exec(typed);
    const slashSlang = slashed ? SLANG[(slashed[1] ?? '').toLowerCase()] : undefined;
    if (slashSlang !== undefined) {
      changed = true;
      return `${slashSlang}${slashed?.[2] ?? ''}`;
    }
    const parts = WORD.exec(typed);
    if (!parts) {
      // A hyphenated word ("f-beta", "people-management"): as the profile writes it, joined when only
      // the joined form is its word, in parts when the joined form is nobody's word; else as typed.
      const compound = COMPOUND_WORD.exec(typed);
      if (!compound) return typed;
      const [, before = '', core = '', after = ''] = compound;
      const pieces = core.split('-');
      const joined = pieces.join('');
      const joinedKnown = tokenize(joined).every((token) => search.knows(token));
      if (!joinedKnown) {
        // Only when every piece is a word ("hands-on" stays as typed: "hands" alone is nobody's topic).
        const placed = (piece: string) => known(piece.toLowerCase(), search, subjects) || isGeneralWord(piece.toLowerCase());
        if (!pieces.every(placed)) return typed;
        changed = true;
        return `${before}${pieces.join(' ')}${after}`;
      }
      if (pieces.some((piece) => !tokenize(piece).every((token) => search.knows(token) || isGeneralWord(token)))) {
        changed = true;
        return `${before}${joined}${after}`;
      }
      return typed;
    }
    const [, before = '', core = '', after = ''] = parts;
    const lower = core.toLowerCase();
    const slang = SLANG[lower];
    if (slang !== undefined) {
      changed = true;
      return `${before}${slang}${after}`;
    }
    // A numbered thing the profile never mentions ("part 1" beside its "part 2") is a detail it doesn't hold.
    // A rank ("#1") is no numbered thing.
    if (/^\d{1,4}$/.test(lower) && !before.endsWith('#')) {
      const previous = (WORD.exec(typedWords[index - 1] ?? '')?.[2] ?? '').toLowerCase();
      const numbered = /^\p{L}{3,}$/u.test(previous) && search.knows(previous);
      if (numbered && !numberedOf(search).has(`${singularKey(previous)} ${lower}`)) {
        const shown = `${typedWords[index - 1]?.replace(/[^\p{L}]/gu, '') ?? ''} ${core}`;
        if (!unplaced.includes(shown)) unplaced.push(shown);
      }
      return typed;
    }
    if (!/^\p{L}+$/u.test(lower)) return typed; // numbers, "fast.ai", "what's": as typed
    if (known(lower, search, subjects)) return typed;
    const long = longForm(lower, search);
    if (long) {
      changed = true;
      return `${before}${long}${after}`;
    }
    // A capital inside the question ("COBOL", "Germany") names something: not a typo of a word.
    const read = index > 0 && /\p{Lu}/u.test(core) ? undefined : correct(lower, search);
    if (read) {
      changed = true;
      if (search.knows(read) && !isGeneralWord(read)) corrected.push([core, read]);
      return `${before}${read}${after}`;
    }
    if (!unplaced.includes(core)) unplaced.push(core);
    return typed;
  };
  const words = typedWords.map((typed, index) => readOne(typed, index));
  return { question: changed ? prepareQuestion(words.join(' ')) : question, unplaced, corrected };
}

/** The profile's numbered things ("part 2", "lecture 12", "week 8"), once per loaded profile, on the first number asked. */
const numberedThings = new WeakMap<ProfileSearch, ReadonlySet<string>>();

function numberedOf(search: ProfileSearch): ReadonlySet<string> {
  let found = numberedThings.get(search);
  if (!found) {
    const pairs = new Set<string>();
    for (const doc of search.documents) {
      for (const text of [...doc.names, ...doc.keywords, doc.summary, ...doc.body]) {
        const tokens = tokenize(text);
        for (let at = 1; at < tokens.length; at++) if (/^\d+$/.test(tokens[at] ?? '')) pairs.add(`${tokens[at - 1]} ${tokens[at]}`);
      }
    }
    numberedThings.set(search, (found = pairs));
  }
  return found;
}

/** A word as the search folds it ("lectures" → "lecture"). */
function singularKey(word: string): string {
  return tokenize(word)[0] ?? word;
}

/** The general words' stem keys: built on the first question, not at start. */
let generalStems: ReadonlySet<string> | undefined;

/** Is this folded word an everyday one (./vocabulary.ts), as itself or an inflection? */
export function isGeneralWord(word: string): boolean {
  if (GENERAL_WORDS.has(word)) return true;
  generalStems ??= new Set([...GENERAL_WORDS].map(stemOf));
  return generalStems.has(stemOf(word));
}

/** What a short form stands for here: the first of its long forms the profile has, else the first everyday one. */
function longForm(word: string, search: ProfileSearch): string | undefined {
  const forms = SHORT_FORMS[word];
  if (!forms) return undefined;
  return (
    forms.find((form) => tokenize(form).every((token) => search.knows(token))) ??
    forms.find((form) => tokenize(form).every((token) => isGeneralWord(token)))
  );
}

function known(word: string, search: ProfileSearch, subjects: ReadonlySet<string>): boolean {
  if (subjects.has(word) || STOP_WORDS.has(word) || GLOBAL_FILLER.has(word) || GENERAL_WORDS.has(word)) return true;
  // "link", "url", "when": words that ask for a kind of fact are placed by asking.
  if (isFactWord(word)) return true;
  // Compared as the search folds it: "optimizers" is the profile's "optimizer".
  return tokenize(word).every((token) => search.knows(token) || isGeneralWord(token));
}

/** Everyday words this long are long enough that one changed letter is a slip, not another word. */
const LONG_WORD = 8;

/** Words this long may be read as a profile word whatever the typo. */
const ANY_TYPO_LENGTH = 6;

/**
 * The nearest known word within the typo layer's allowance, or undefined. A word
 * of six letters or more may have any typo of a profile word ("pytroch"); an
 * everyday word, or any word in a shorter one, only letters left out or swapped
 * ("helo" → "hello", "buid" → "build"), since a changed or added letter in a
 * short word more often makes another word ("food" is no "good", "rust" no
 * "just", "cobol" no "cool").
 */
function correct(word: string, search: ProfileSearch): string | undefined {
  // A common English word is that word, not a typo of another: "spot" is no "sport", "reside" no "resize".
  // (A short one may be a slip all the same: "red" for "read".)
  if (word.length > SHORT_WORD && isEnglishWord(word)) return undefined;
  if (word.length === SHORT_WORD) return lengthened(word, search);
  return nearest(word, search) ?? inflected(word, search) ?? twoLeftOut(word, search);
}

/**
 * A word with two letters left out of one of the profile's own (not everyday) words, its first letter
 * kept ("drout" for "drought"): read as that word when exactly one fits, since two letters left out of a
 * short word is beyond the typo layer's reach.
 */
function twoLeftOut(word: string, search: ProfileSearch): string | undefined {
  if (word.length < 4) return undefined;
  let found: string | undefined;
  for (const term of search.vocabulary) {
    if (term.length !== word.length + 2 || term[0] !== word[0] || !isSubsequence(word, term) || isGeneralWord(term)) continue;
    if (found !== undefined) return undefined;
    found = term;
  }
  return found;
}

/** Are the letters of `short` in `long`, in order? */
function isSubsequence(short: string, long: string): boolean {
  let at = 0;
  for (const letter of long) if (letter === short[at]) at++;
  return at === short.length;
}

function nearest(word: string, search: ProfileSearch): string | undefined {
  // A letter left out is the commonest slip: at the same distance, "personaly" is "personally", not "personal".
  const found = [...typosFor(search).lookup(word)].sort(
    (a, b) => a.edits - b.edits || Number(b.term.length > word.length) - Number(a.term.length > word.length),
  );
  for (const { term, edits } of found) {
    // Two edits that change a letter make another word more often than a typo: "version" is no "vision".
    // A changed letter is a typo inside a word: "letter" is no "better".
    // Two letters more than a word are no slip of it: "tweaking" is no "taking".
    if (word.length - term.length >= 2) continue;
    const moved = onlyAddedOrMoved(term, word);
    if (!moved && term[0] !== word[0]) continue;
    // Two letters left out before the first one make another word: "production" is no "reproduction".
    if (term[0] !== word[0] && edits >= 2) continue;
    if (word.length >= ANY_TYPO_LENGTH && search.knows(term) && (edits < 2 || moved)) return term;
    if (term.length > word.length || sameLetters(term, word)) return term;
    // One changed letter in a long everyday word is a slip: "experiance" is "experience".
    if (edits === 1 && word.length >= LONG_WORD && term.length === word.length && isGeneralWord(term)) return term;
    // A letter doubled in the wrong place is one slip, though two edits: "sattelite" is "satellite", "adress" "address".
    if (edits === 2 && term[0] === word[0] && undoubled(term) === undoubled(word)) return term;
  }
  return undefined;
}

/** The word with every doubled letter written once ("satellite" → "satelite"). */
function undoubled(word: string): string {
  return word.replace(/(.)\1+/g, '$1');
}

/**
 * An inflected word whose typo is in its stem ("reserching", "calbacks"): the
 * stem corrected, its ending kept, when the profile or everyday English has the
 * word that makes ("researching", "callbacks").
 */
function inflected(word: string, search: ProfileSearch): string | undefined {
  const stem = stemOf(word);
  if (stem === word || stem.length < MIN_STEM || !word.startsWith(stem)) return undefined;
  const read = nearest(stem, search);
  // "experienced" is no typo: its stem is a word's own ("experienc"), only cut short.
  if (!read || read.startsWith(stem)) return undefined;
  // On the corrected word's own stem: "asembled" → "assembly" → "assembled".
  const base = stemOf(read);
  const whole = (read.startsWith(base) ? base : read) + word.slice(stem.length);
  return tokenize(whole).every((token) => search.knows(token) || isGeneralWord(token)) ? whole : undefined;
}

/** Stems shorter than this are corrected as whole words only. */
const MIN_STEM = 5;

/** Words of this length are too short for the typo layer: only a letter left out is restored. */
const SHORT_WORD = 3;

/**
 * A three-letter word neither the profile's nor an everyday one, read as the one
 * word a letter left out makes that the profile has ("red" → "read" beside a
 * profile that reads): none, or more than one, and it stays as typed.
 */
function lengthened(word: string, search: ProfileSearch): string | undefined {
  const found = new Set<string>();
  for (let at = 0; at <= word.length; at++) {
    for (const letter of LETTERS) {
      const form = word.slice(0, at) + letter + word.slice(at);
      if (search.knows(form) && !found.has(form)) found.add(form);
      if (found.size > 1) return undefined;
    }
  }
  return [...found][0];
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Do the two words differ only by letters added, left out or moved, none changed? */
function onlyAddedOrMoved(a: string, b: string): boolean {
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  const counts = new Map<string, number>();
  for (const letter of long) counts.set(letter, (counts.get(letter) ?? 0) + 1);
  for (const letter of short) {
    const left = (counts.get(letter) ?? 0) - 1;
    if (left < 0) return false;
    counts.set(letter, left);
  }
  return true;
}

function sameLetters(a: string, b: string): boolean {
  return a.length === b.length && [...a].sort().join('') === [...b].sort().join('');
}
