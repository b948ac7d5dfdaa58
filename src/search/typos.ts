// The bot's one typo layer, for the search's vocabulary ("lookahed" →
// "lookahead") and for /ask's skill names ("pytroch" → PyTorch): deletion
// neighbourhoods. Every word and each form of it with one letter removed map to
// the words they came from; a typed word and its own one-letter deletions are
// looked up there, and the edit distance confirms what they find. That sees
// every word one edit away (a swap of neighbours counts as one) and, two edits
// away, a letter added in one place and dropped in another. A word of seven
// letters or more that finds nothing so is looked up once more, as its
// two-letter deletions and its one-letter insertions: that sees two letters
// dropped ("clasificaton") or added, or one added and one changed. Two changed
// letters, or one changed and one dropped, are not seen. fuse.js was tried for
// this job over the same words: it sees them all, but was slower per lookup and
// missed the search's latency target (docs/performance.md, "Typo correction:
// fuse.js vs the deletion index").
import { editDistance } from '../edit-distance.js';

export interface TypoMatch {
  term: string;
  /** Edits from what was typed (a swap of neighbours is one): 0 for the word itself, at most 2. */
  edits: number;
}

export interface TypoLayer {
  /** Words within the allowed edits of `word`, fewest edits first; [] for a word too short, too long or with digits. */
  lookup(word: string): readonly TypoMatch[];
}

/** Shorter words have too many neighbours to guess from; longer ones are no words. */
const MIN_LENGTH = 4;
const MAX_LENGTH = 40;
/**
 * Words this long that find nothing are looked up once more. Shorter ones are
 * mostly what autocomplete sends while a word is being typed, and a word of six
 * letters missing two is a guess.
 */
const SECOND_LOOK_LENGTH = 7;
/** Remembered lookups per layer (autocomplete asks for the same prefixes over and over); the oldest is forgotten first. */
const CACHE_SIZE = 2000;

/** One edit in a word of four or five letters, two from six letters up, none below four. */
export function allowedEdits(length: number): number {
  if (length < MIN_LENGTH || length > MAX_LENGTH) return 0;
  return length <= 5 ? 1 : 2;
}

/** Cost per lookup: one map read per letter of the word, and a distance per word found. */
export function createTypoLayer(words: Iterable<string>): TypoLayer {
  // Most forms belong to one word: kept as the word itself, not a one-element
  // array (a third of the index's memory).
  const index = new Map<string, string | string[]>();
  const add = (form: string, term: string) => {
    const entry = index.get(form);
    if (entry === undefined) index.set(form, term);
    else if (typeof entry === 'string') {
      if (entry !== term) index.set(form, [entry, term]);
    } else if (entry[entry.length - 1] !== term) entry.push(term);
  };
  const letters = new Set<string>();
  for (const term of new Set(words)) {
    if (term.length < MIN_LENGTH - 1 || term.length > MAX_LENGTH + 2 || /\d/.test(term)) continue;
    add(term, term);
    for (const form of deletions(term)) add(form, term);
    for (const letter of term) letters.add(letter);
  }

  function find(word: string): TypoMatch[] {
    const allowed = allowedEdits(word.length);
    if (allowed === 0 || /\d/.test(word)) return [];
    const found = new Map<string, number>();
    const look = (forms: Iterable<string>) => {
      for (const form of forms) {
        const entry = index.get(form);
        for (const term of entry === undefined ? [] : typeof entry === 'string' ? [entry] : entry) {
          if (found.has(term)) continue;
          const edits = editDistance(word, term);
          if (edits <= allowed) found.set(term, edits);
        }
      }
    };
    look([word, ...deletions(word)]);
    if (found.size === 0 && word.length >= SECOND_LOOK_LENGTH) {
      look(new Set(deletions(word).flatMap(deletions)));
      look(insertions(word, letters));
    }
    return [...found].map(([term, edits]) => ({ term, edits })).sort((a, b) => a.edits - b.edits || (a.term < b.term ? -1 : 1));
  }

  const cache = new Map<string, readonly TypoMatch[]>();
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

export function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** The word with one letter added anywhere, from the letters the words use. */
function* insertions(word: string, letters: ReadonlySet<string>): Generator<string> {
  for (let i = 0; i <= word.length; i++) {
    for (const letter of letters) yield word.slice(0, i) + letter + word.slice(i);
  }
}
