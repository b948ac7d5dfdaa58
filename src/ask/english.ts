// Everyday English beyond the small vocabulary (./vocabulary.ts): the common words of
// data/english-words.txt (written from wink-lexicon by scripts/english-words.ts), read on
// the first typo a question has, never at start. A word in it is a word, not a typo.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths.js';

let words: ReadonlySet<string> | undefined;

/** Is this lower-case word a common English word? False for every word when the list can't be read. */
export function isEnglishWord(word: string): boolean {
  words ??= load();
  return words.has(word);
}

function load(): ReadonlySet<string> {
  try {
    const text = readFileSync(join(REPO_ROOT, 'data', 'english-words.txt'), 'utf8');
    return new Set(text.split('\n').filter((line) => line.length > 0 && !line.startsWith('#')));
  } catch {
    return new Set();
  }
}
