// data/english-words.txt is written from the installed wink-lexicon (scripts/english-words.ts); a
// common English word in it is never read as a typo of another word.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENGLISH_WORDS_PATH, englishWordsFrom, HEADER, lexiconSource } from '../scripts/english-words.js';
import { isEnglishWord } from '../src/ask/english.js';

describe('the English word list', () => {
  it('matches the installed lexicon (re-run scripts/english-words.ts after upgrading wink-lexicon)', () => {
    const expected = `${HEADER}\n${englishWordsFrom(lexiconSource()).join('\n')}\n`;
    expect(readFileSync(ENGLISH_WORDS_PATH, 'utf8')).toBe(expected);
  });

  it('holds common words and not names or typos', () => {
    for (const word of ['spot', 'sport', 'production', 'reside', 'bother']) expect(isEnglishWord(word)).toBe(true);
    for (const word of ['pixel', 'pixxel', 'satelite', 'lookahed', 'pytorch']) expect(isEnglishWord(word)).toBe(false);
  });

  it('reads the lexicon as written: one word per assignment, letters only', () => {
    expect(englishWordsFrom("lexicon.spot = A;\nlexicon[ 'class' ] = B;\nlexicon['n\\'t'] = C;\n// lexicon.no = D;\n")).toEqual([
      'class',
      'spot',
    ]);
  });
});
