// The bot's one typo layer: fuse.js over a list of words, for the search's
// vocabulary ("lookahed" → "lookahead") and for /ask's skill names ("pytroch"
// → PyTorch).
//
// fuse.js's bitap counts the errors of the best match of what was typed
// anywhere inside a word ("cool" inside "uncool"). Both sides are therefore
// searched with a space at each end, so that a match that drops a word's
// beginning or end pays for it, and a match counts as at least the difference
// in length. A word is searched only among the words whose length it could
// reach with the edits it is allowed: that keeps each search to a slice of the
// vocabulary, built on the first word of that length (a profile nobody
// misspells builds nothing). Like fuse.js, this counts a swap of two letters as
// two edits, so a swap is forgiven from six letters up.
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
const MAX_LENGTH = 30;
/** At most this many corrections per word: a handful of near words, never a flood of postings. */
const MAX_MATCHES = 8;
/** Remembered lookups per layer; the oldest is forgotten first. */
const CACHE_SIZE = 2000;

/** One edit in a word of four or five letters, two from six letters up, none below four. */
export function allowedEdits(length: number): number {
  if (length < MIN_LENGTH || length > MAX_LENGTH) return 0;
  return length <= 5 ? 1 : 2;
}

export function createTypoLayer(words: Iterable<string>): TypoLayer {
  const candidates = [...new Set(words)].filter((word) => word.length >= MIN_LENGTH - 1 && !/\d/.test(word)).map((word) => ` ${word} `);
  const byLength = new Map<number, Fuse<string>>();
  const cache = new Map<string, readonly TypoMatch[]>();

  function fuseFor(length: number, allowed: number): Fuse<string> {
    let fuse = byLength.get(length);
    if (!fuse) {
      const near = candidates.filter((padded) => Math.abs(padded.length - 2 - length) <= allowed);
      fuse = new Fuse(near, {
        includeScore: true,
        ignoreLocation: true,
        ignoreFieldNorm: true,
        isCaseSensitive: true, // both sides are folded already
        shouldSort: false,
        threshold: allowed / (length + 2),
      });
      byLength.set(length, fuse);
    }
    return fuse;
  }

  function find(word: string): TypoMatch[] {
    const allowed = allowedEdits(word.length);
    if (allowed === 0 || /\d/.test(word)) return [];
    const found: (TypoMatch & { score: number })[] = [];
    for (const { item, score = 1 } of fuseFor(word.length, allowed).search(` ${word} `)) {
      const term = item.slice(1, -1);
      const edits = Math.max(Math.round(score * (word.length + 2)), Math.abs(term.length - word.length));
      if (edits <= allowed) found.push({ term, edits, score });
    }
    found.sort((a, b) => a.edits - b.edits || a.score - b.score || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
    return found.slice(0, MAX_MATCHES).map(({ term, edits }) => ({ term, edits }));
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
