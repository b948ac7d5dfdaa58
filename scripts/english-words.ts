// Writes data/english-words.txt: the English words of wink-lexicon's lexicon (MIT licence; its
// part-of-speech table of about 13 000 common words), one per line, letters only. The question
// reader (src/ask/words.ts) never reads such a word as a typo of another ("spot" is no "sport").
// Run after upgrading wink-lexicon: `npx tsc -p tsconfig.json && node dist/scripts/english-words.js`;
// tests/english-words.test.ts checks that the file matches the installed lexicon.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT } from '../src/paths.js';

export const ENGLISH_WORDS_PATH = join(REPO_ROOT, 'data', 'english-words.txt');

/** The words of the lexicon's source: each `lexicon.word = …` or `lexicon[ 'word' ] = …` of letters only, sorted. */
export function englishWordsFrom(source: string): string[] {
  const words = new Set<string>();
  for (const match of source.matchAll(/^lexicon(?:\.([a-z]+)|\[ ?'([a-z]+)' ?\]) =/gm)) {
    const word = match[1] ?? match[2];
    if (word && word.length >= 2) words.add(word);
  }
  return [...words].sort();
}

export function lexiconSource(): string {
  return readFileSync(createRequire(import.meta.url).resolve('wink-lexicon/src/lexicon.js'), 'utf8');
}

export const HEADER = '# English words from wink-lexicon (MIT), written by scripts/english-words.ts; do not edit by hand.';

if (process.argv[1] && /english-words\.[jt]s$/.test(process.argv[1])) {
  const words = englishWordsFrom(lexiconSource());
  writeFileSync(ENGLISH_WORDS_PATH, `${HEADER}\n${words.join('\n')}\n`);
  process.stdout.write(`wrote ${words.length} words to ${ENGLISH_WORDS_PATH}\n`);
}
