// Lines folded at word boundaries to a terminal's width, measured in columns
// as a terminal draws them: colour codes take none, emoji and CJK take two.
// A word longer than the width (a URL) is never cut: it starts a line of its
// own and runs past the edge, so that it stays one link.

// eslint-disable-next-line no-control-regex -- colour codes are what is skipped
const ANSI_CODE = /\x1b\[[0-9;]*m/g;
/** Marks that draw on the character before them, and invisible format characters. */
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}]/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
/** Emoji drawn as emoji by default (💬), two columns wide; others (🛰, ✉) only when followed by U+FE0F. */
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;
const VARIATION_EMOJI = '\ufe0f';

/** Columns `text` takes on a terminal. */
export function displayWidth(text: string): number {
  let width = 0;
  let previous = '';
  for (const char of text.replace(ANSI_CODE, '')) {
    if (char === VARIATION_EMOJI) {
      // "✉️": a narrow symbol asked to draw as an emoji takes two columns.
      if (PICTOGRAPH.test(previous) && charWidth(previous) === 1) width += 1;
    } else if (!ZERO_WIDTH.test(char)) {
      width += charWidth(char);
    }
    previous = char;
  }
  return width;
}

function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x1100) return 1;
  if (EMOJI_PRESENTATION.test(char)) return 2;
  const wide =
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd);
  return wide ? 2 : 1;
}

/**
 * Leading spaces and a list marker after them ("• ", "↳ ", "— ", "2. ", a menu's
 * "10  "): continuation lines start under the text. (Escapes: the bundle is ASCII.)
 */
const HANGING = /^(\s*)(?:(?:[\u2022\u21b3\u2014*-]|\d+\.)\s+|\d+\s{2,})?/u;

/**
 * `text` with each line longer than `width` columns folded at spaces. A
 * continued line is indented like the text of the line it continues (under a
 * bullet's text, not under the bullet); spaces between words that stay on one
 * line are kept as they were.
 */
export function wrapText(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => wrapLine(line, width))
    .join('\n');
}

function wrapLine(line: string, width: number): string {
  if (displayWidth(line) <= width) return line;
  const [lead = ''] = HANGING.exec(line) ?? [];
  const indent = ' '.repeat(Math.min(displayWidth(lead), Math.floor(width / 2)));
  const out: string[] = [];
  let current = lead;
  let currentWidth = displayWidth(lead);
  let started = false;
  // Words with the spaces before them, after the leading part.
  for (const [, spaces = '', word = ''] of line.slice(lead.length).matchAll(/(\s*)(\S+)/g)) {
    const wordWidth = displayWidth(word);
    const gap = started ? displayWidth(spaces) : 0;
    if (started && currentWidth + gap + wordWidth > width) {
      out.push(current.trimEnd());
      current = indent + word;
      currentWidth = indent.length + wordWidth;
    } else {
      current += (started ? spaces : '') + word;
      currentWidth += gap + wordWidth;
    }
    started = true;
  }
  out.push(current.trimEnd());
  return out.join('\n');
}
