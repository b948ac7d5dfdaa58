// The invisible and control characters are named once (src/characters.ts): every
// part that shows, reads or searches text drops the same ones. Each character is
// put inside a word, so a reader that lets one through, or splits the word at
// it, is seen.
import { describe, expect, it } from 'vitest';
import { prepareQuestion } from '../src/ask/language.js';
import { CONTROL, HIDDEN, INVISIBLE, NOT_IN_CUSTOM_ID, ZWSP } from '../src/characters.js';
import { escapeMarkdown } from '../src/replies/text.js';
import { stripInvisible } from '../src/replies/inert.js';
import { fold, tokenize } from '../src/search/normalise.js';

/** Every character of the Basic Multilingual Plane a set holds. */
function membersOf(set: RegExp): string[] {
  const one = new RegExp(set.source, set.flags.replace('g', ''));
  const found: string[] = [];
  for (let code = 0; code <= 0xffff; code++) {
    const char = String.fromCharCode(code);
    if (code < 0xd800 || code > 0xdfff ? one.test(char) : false) found.push(char);
  }
  return found;
}

const hex = (char: string) => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
const hidden = membersOf(HIDDEN);
const invisible = membersOf(INVISIBLE);

describe('the sets', () => {
  it('name the characters they say they do', () => {
    expect(hidden.map(hex)).toEqual(
      [
        '00AD',
        '061C',
        '180E',
        '200E',
        '200F',
        '202A',
        '202B',
        '202C',
        '202D',
        '202E',
        '2060',
        '2061',
        '2062',
        '2063',
        '2064',
        '2066',
        '2067',
        '2068',
        '2069',
        'FEFF',
      ].map((code) => `U+${code}`),
    );
    expect(invisible).toEqual([...hidden, '\u200B', '\u200C', '\u200D'].sort());
    expect(ZWSP).toBe('\u200B');
    expect(membersOf(CONTROL)).toHaveLength(65 - 2 + 2); // Cc without tab and newline, with U+2028 and U+2029
    expect(membersOf(CONTROL)).not.toContain('\t');
    expect(membersOf(CONTROL)).not.toContain('\n');
    for (const char of [...invisible, ...membersOf(CONTROL)]) expect(membersOf(NOT_IN_CUSTOM_ID)).toContain(char);
  });

  it('give the same answer however often a global set is used to look', () => {
    const text = `a${'\u202E'}b`;
    for (let i = 0; i < 3; i++) expect(text.search(INVISIBLE)).toBe(1);
    expect(stripInvisible(text)).toBe('ab');
    expect(stripInvisible(text)).toBe('ab');
  });
});

describe.each(invisible.map((char) => [hex(char), char] as const))('%s inside a word', (_, char) => {
  const word = `Py${char}Torch`;

  it('is gone from text a reply shows, whether the profile wrote it or a user typed it', () => {
    // A lone zero-width joiner or non-joiner between letters may stay where a script needs it.
    const kept = char === '\u200C' ? word : 'PyTorch';
    expect(stripInvisible(word)).toBe(kept);
    expect(escapeMarkdown(word)).toBe(kept);
  });

  it('is gone from a question the rules read', () => {
    expect(prepareQuestion(`do you know ${word}?`).folded).toBe('do you know pytorch?');
  });

  it('is gone from what search matches, and the word stays one', () => {
    expect(fold(word)).toBe('pytorch');
    expect(tokenize(word)).toEqual(['pytorch']);
  });
});
