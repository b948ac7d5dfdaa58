// Text helpers for replies: cutting to a length, and making user-typed text
// inert. Private values are kept out by ./redact.ts, profile text made inert by ./inert.ts.
//
// Lengths are UTF-16 code units (`string.length`). Discord counts characters; a
// code unit count is never smaller than a code point count, so staying within it
// is the conservative choice, and cuts never fall inside a surrogate pair.

import { CONTROL, ZWSP } from '../characters.js';
import { stripInvisible } from './inert.js';

export const ELLIPSIS = '…';

/** A hard cut below this share of `max` loses less than a cut at a far-back word boundary. */
const WORD_BOUNDARY_MIN_SHARE = 0.6;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** Largest index `<= at` that does not fall between the two halves of a surrogate pair. */
function codePointBoundary(text: string, at: number): number {
  if (at <= 0) return 0;
  if (at >= text.length) return text.length;
  return isLowSurrogate(text.charCodeAt(at)) && isHighSurrogate(text.charCodeAt(at - 1)) ? at - 1 : at;
}

// Made on first use: building a segmenter loads ICU's break rules, a sizeable
// share of the bot's start-up (docs/performance.md), and most cuts never need it.
let segmenter: Intl.Segmenter | null | undefined;
function graphemeSegmenter(): Intl.Segmenter | null {
  segmenter ??= typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;
  return segmenter;
}

/**
 * Largest index `<= at` that starts a grapheme cluster (so an emoji with a skin
 * tone or a ZWJ sequence, or a letter with its accents, stays whole), looking at
 * most a short window back; falls back to a code point boundary.
 */
function graphemeBoundary(text: string, at: number): number {
  const hard = codePointBoundary(text, at);
  if (hard <= 0 || hard >= text.length) return hard;
  // Fast path: between two plain characters (below the combining marks, not a
  // joiner or selector) a cut can't split a cluster; skip the segmenter.
  if (text.charCodeAt(hard) < 0x300 && text.charCodeAt(hard - 1) < 0x300) return hard;
  const graphemes = graphemeSegmenter();
  if (!graphemes) return hard;
  const start = codePointBoundary(text, Math.max(0, hard - 64));
  const window = text.slice(start, Math.min(text.length, hard + 32));
  let best = -1;
  for (const { index } of graphemes.segment(window)) {
    if (index === 0) continue;
    if (start + index > hard) break;
    best = start + index;
  }
  return best > start ? best : hard;
}

/**
 * Shortens `text` to at most `max` UTF-16 code units, ending with "…" when cut.
 * Cuts at the last whitespace before the limit, unless that would keep less than
 * 60 % of it; then it cuts at a character (grapheme) boundary. Never splits a
 * surrogate pair. `max < 1` gives "", `max === 1` gives "…" for any longer text.
 */
export function truncate(text: string, max: number): string {
  const limit = Number.isFinite(max) ? Math.max(0, Math.floor(max)) : 0;
  if (text.length <= limit) return text;
  if (limit < 1) return '';
  const budget = limit - ELLIPSIS.length;
  if (budget <= 0) return ELLIPSIS;

  const hard = graphemeBoundary(text, budget);
  const floor = Math.ceil(budget * WORD_BOUNDARY_MIN_SHARE);
  for (let i = hard; i >= floor; i--) {
    if (/\s/.test(text[i] ?? '')) {
      const cut = text.slice(0, i).trimEnd();
      if (cut.length >= floor) return cut + ELLIPSIS;
      break;
    }
  }
  return text.slice(0, hard).trimEnd() + ELLIPSIS;
}

// Every character Discord markdown gives a meaning to. Discord drops a backslash
// before any ASCII punctuation, so escaping them all renders as the original text.
const MARKDOWN = new Set(['\\', '*', '_', '~', '`', '|', '>', '#', '-', '[', ']', '(', ')', ':']);

/**
 * Makes text a user typed safe to echo in a reply: it renders literally, pings
 * no one even visually, and cannot hide or reorder what follows it.
 *
 * - control characters become spaces; zero-width and bidi control characters are
 *   removed (a ZWJ inside an emoji sequence and a ZWNJ between letters are kept);
 * - runs of spaces and tabs become one space; runs of blank lines become one
 *   blank line; the ends are trimmed;
 * - every markdown character is backslash-escaped, and so are "1." and "+" list
 *   markers at the start of a line;
 * - a zero-width space goes after every "<" (user, role, channel, emoji,
 *   timestamp and command mentions) and after the "@" of @everyone and @here.
 */
export function escapeMarkdown(text: string): string {
  // A user has no reason to break a code fence: every zero-width space goes.
  const plain = stripInvisible(String(text).replaceAll(ZWSP, ''))
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, ' ')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/\s*\n\s*/g, (run) => (run.indexOf('\n') === run.lastIndexOf('\n') ? '\n' : '\n\n'))
    .trim();

  let out = '';
  // Only digits so far on this line (an ordered-list marker "1." may follow), or nothing at all.
  let linePrefix = 'empty' as 'empty' | 'digits' | 'other';
  for (let i = 0; i < plain.length; i++) {
    const ch = plain[i] as string;
    const before = linePrefix;
    linePrefix = ch === '\n' ? 'empty' : before !== 'other' && ch >= '0' && ch <= '9' ? 'digits' : 'other';
    if (MARKDOWN.has(ch)) {
      out += '\\' + ch;
    } else if (ch === '<') {
      out += '<' + ZWSP;
    } else if (ch === '@' && /^(?:everyone|here)/i.test(plain.slice(i + 1, i + 9))) {
      out += '@' + ZWSP;
    } else if ((ch === '+' && before === 'empty') || (ch === '.' && before === 'digits')) {
      out += '\\' + ch;
    } else {
      out += ch;
    }
  }
  return out;
}

/**
 * `escapeMarkdown` then `truncate`: for echoing a query into a title or a line.
 * A cut never leaves a dangling escape backslash in front of the "…".
 */
export function cleanUserText(text: string, max: number): string {
  const escaped = escapeMarkdown(text);
  const cut = truncate(escaped, max);
  if (cut === escaped || !cut.endsWith(ELLIPSIS)) return cut;
  const body = cut.slice(0, -ELLIPSIS.length);
  const slashes = /\\+$/.exec(body)?.[0].length ?? 0;
  return slashes % 2 === 1 ? body.slice(0, -1).trimEnd() + ELLIPSIS : cut;
}

/** Replaces lone surrogates (invalid in UTF-8 JSON) with U+FFFD and removes NUL. */
const native = String.prototype as { toWellFormed?: () => string; isWellFormed?: () => boolean };

export function toWellFormed(text: string): string {
  if (native.toWellFormed && native.isWellFormed) {
    const formed = native.isWellFormed.call(text) ? text : native.toWellFormed.call(text);
    return formed.includes('\u0000') ? formed.replaceAll('\u0000', '') : formed;
  }
  return (
    text
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
      // eslint-disable-next-line no-control-regex -- NUL is what is removed
      .replace(/\u0000/g, '')
  );
}

export function isWellFormed(text: string): boolean {
  if (native.isWellFormed) return native.isWellFormed.call(text);
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}
