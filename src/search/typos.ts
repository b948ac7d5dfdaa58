// The bot's one typo layer: fuse.js over a list of words, for the search's
// vocabulary ("lookahed" → "lookahead") and for /ask's skill names ("pytroch"
// → PyTorch).
//
// fuse.js's bitap counts the errors of the best match of what was typed
// anywhere inside a word ("cool" inside "uncool"). Both sides are therefore
// searched with two spaces at each end: a match that leaves out a word's
// beginning or end pays two edits for it, all a word is allowed, so fuse.js's
// count is the edit distance between the whole words (insertions, deletions,
// substitutions; a swap of two letters is two, so a swap is forgiven from six
// letters up).
//
// fuse.js scans every word it is given, and its bitap is slow per word next to
// a query's budget, so it is given only the words that could match: those of a
// reachable length whose letters differ from the typed word's by no more than
// the allowed edits can explain (first as sets of letters, then counted). Each
// test only drops words no edit distance within the allowance can reach, so
// fuse.js rejects them anyway; fuse.js decides.
import Fuse from 'fuse.js';

export interface TypoMatch {
  term: string;
  /** Edits from what was typed: 0 for the word itself, at most 2. */
  edits: number;
}

export interface TypoLayer {
  /** Words within the allowed edits of `word`, fewest edits first; [] for a word too short, too long or with digits. */
  lookup(word: string): readonly TypoMatch[];
}

/** Shorter words have too many neighbours to guess from; fuse.js's bitap takes patterns up to 32 letters, spaces included. */
const MIN_LENGTH = 4;
const MAX_LENGTH = 28;
const PAD = '  ';
/** At most this many corrections per word: a handful of near words, never a flood of postings. */
const MAX_MATCHES = 8;
/** Remembered lookups per layer; the oldest is forgotten first. */
const CACHE_SIZE = 2000;

/**
 * Letters (of the 32 a word's letter set tracks) that can be in one of two
 * words within e edits and not in the other: at most 2e, as a substitution
 * changes two and an insertion or a deletion one. tests/search.test.ts checks
 * the filters against fuse.js given every word.
 */
const MAX_LETTER_CHANGES_PER_EDIT = 2;

/** One edit in a word of four or five letters, two from six letters up, none below four. */
export function allowedEdits(length: number): number {
  if (length < MIN_LENGTH || length > MAX_LENGTH) return 0;
  return length <= 5 ? 1 : 2;
}

interface Word {
  term: string;
  letters: number;
}

export function createTypoLayer(words: Iterable<string>): TypoLayer {
  const byLength = new Map<number, Word[]>();
  for (const term of new Set(words)) {
    if (term.length < MIN_LENGTH - 1 || /\d/.test(term)) continue;
    let list = byLength.get(term.length);
    if (!list) byLength.set(term.length, (list = []));
    list.push({ term, letters: letterSet(term) });
  }
  const cache = new Map<string, readonly TypoMatch[]>();

  function find(word: string): TypoMatch[] {
    const allowed = allowedEdits(word.length);
    if (allowed === 0 || /\d/.test(word)) return [];
    const letters = letterSet(word);
    const near: string[] = [];
    for (let length = word.length - allowed; length <= word.length + allowed; length++) {
      for (const candidate of byLength.get(length) ?? []) {
        if (countBits(letters ^ candidate.letters) > MAX_LETTER_CHANGES_PER_EDIT * allowed) continue;
        if (letterCountDistance(word, candidate.term) <= allowed) near.push(candidate.term);
      }
    }
    return matchTypos(word, near);
  }

  return {
    lookup(word) {
      const cached = cache.get(word);
      if (cached) return cached;
      const found = find(word);
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(word, found);
      return found;
    },
  };
}

/** fuse.js's verdict on `candidates`: those within the edits `word` is allowed, fewest first, at most a handful. */
export function matchTypos(word: string, candidates: readonly string[]): TypoMatch[] {
  const allowed = allowedEdits(word.length);
  if (allowed === 0 || /\d/.test(word)) return [];
  const pattern = PAD + word + PAD;
  const options = {
    ignoreLocation: true,
    isCaseSensitive: true, // both sides are folded already
    threshold: allowed / pattern.length,
  };
  const found: (TypoMatch & { score: number })[] = [];
  for (const term of candidates) {
    const { isMatch, score } = Fuse.match(pattern, PAD + term + PAD, options);
    // fuse.js's score is errors per letter of the pattern.
    const edits = Math.round(score * pattern.length);
    if (isMatch && edits <= allowed) found.push({ term, edits, score });
  }
  found.sort((a, b) => a.edits - b.edits || a.score - b.score || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  return found.slice(0, MAX_MATCHES).map(({ term, edits }) => ({ term, edits }));
}

/** The letters of a word as bits: a–z one each, anything else folded into the six left. */
function letterSet(word: string): number {
  let bits = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    bits |= 1 << (code >= 97 && code <= 122 ? code - 97 : 26 + (code % 6));
  }
  return bits;
}

const counts = new Int32Array(32);

/**
 * How many letters one word has beyond the other, the larger of the two ways
 * round: no more than their edit distance, as each edit adds or removes at most
 * one letter on each side. Letters sharing a slot only make it smaller.
 */
function letterCountDistance(a: string, b: string): number {
  counts.fill(0);
  for (let i = 0; i < a.length; i++) counts[a.charCodeAt(i) & 31]!++;
  for (let i = 0; i < b.length; i++) counts[b.charCodeAt(i) & 31]!--;
  let more = 0;
  let fewer = 0;
  for (const count of counts) {
    if (count > 0) more += count;
    else fewer -= count;
  }
  return Math.max(more, fewer);
}

function countBits(value: number): number {
  let x = value - ((value >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
