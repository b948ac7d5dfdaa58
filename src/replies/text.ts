// Text helpers for replies: cutting to a length, making user-typed text inert,
// and keeping private values out of anything we send.
//
// Lengths are UTF-16 code units (`string.length`). Discord counts characters; a
// code unit count is never smaller than a code point count, so staying within it
// is the conservative choice, and cuts never fall inside a surrogate pair.

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

// Made on first use: building a segmenter loads ICU's break rules (~9 ms, a
// sizeable share of the bot's start-up), and most cuts never need it.
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

// Invisible characters that can hide or reorder text: zero-width space and marks,
// bidi embeddings/overrides/isolates, word joiner and invisible operators, BOM,
// Arabic letter mark, Mongolian vowel separator, soft hyphen. ZWJ and ZWNJ are
// handled apart, because emoji sequences and some scripts need them.
const INVISIBLE = /[\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const STRAY_ZWJ = /(?<!\p{Extended_Pictographic}(?:\u{FE0F}|[\u{1F3FB}-\u{1F3FF}])?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
const STRAY_ZWNJ = /(?<![\p{L}\p{M}])\u200C|\u200C(?![\p{L}\p{M}])/gu;
// C0 controls except tab and newline, DEL, C1 controls, line/paragraph separators.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/g;

// Every character Discord markdown gives a meaning to. Discord drops a backslash
// before any ASCII punctuation, so escaping them all renders as the original text.
const MARKDOWN = new Set(['\\', '*', '_', '~', '`', '|', '>', '#', '-', '[', ']', '(', ')', ':']);
const ZWSP = '\u200B';

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
  const plain = String(text)
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .replace(STRAY_ZWJ, '')
    .replace(STRAY_ZWNJ, '')
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

export const REDACTED = '[private]';

/** Characters that may sit between the characters of a secret and still spell it: spaces, dashes, dots, brackets, escape backslashes, zero-width spaces. */
const SEPARATOR = '[\\s\\-\\u2010-\\u2015+.()\\\\\\u200B]';
const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/;
/** Secrets shorter than this (once separators are removed) are ignored: redacting "a" everywhere would wreck every reply. */
const MIN_SECRET_LENGTH = 3;
/** A phone number's national part, once a country code is dropped, keeps at least this many digits. */
const MIN_NATIONAL_DIGITS = 8;

function spelledLoosely(core: string): string {
  return Array.from(core, (ch) => (REGEX_SYNTAX.test(ch) ? '\\' + ch : ch)).join(`${SEPARATOR}*`);
}

/** Regex alternatives (longest first) matching one secret and its variants. */
function secretPatterns(secret: string): { length: number; source: string }[] {
  const digits = secret.replace(/\D/g, '');
  const phoneLike = /^[\s\d+\-().]+$/.test(secret) && digits.length >= 7;
  if (phoneLike) {
    const patterns = [{ length: digits.length, source: `(?:\\+${SEPARATOR}*)?${spelledLoosely(digits)}` }];
    // Written without its country code, and perhaps with a trunk "0" instead.
    const hasCountryCode = /^\s*(?:\+|00)/.test(secret) || digits.length > 10;
    for (let drop = 1; hasCountryCode && drop <= 3 && digits.length - drop >= MIN_NATIONAL_DIGITS; drop++) {
      const national = digits.slice(drop);
      patterns.push({ length: national.length, source: `(?:0${SEPARATOR}*)?${spelledLoosely(national)}` });
    }
    return patterns;
  }
  const core = secret.replace(/[\s\-+]/g, '');
  if (Array.from(core).length < MIN_SECRET_LENGTH) return [];
  return [{ length: core.length, source: spelledLoosely(core) }];
}

const redactors = new WeakMap<readonly string[], (text: string) => string>();

/** As createRedactor, remembered per secrets array: callers pass the same array for a whole profile. */
export function cachedRedactor(secrets: readonly string[]): (text: string) => string {
  let redactor = redactors.get(secrets);
  if (!redactor) redactors.set(secrets, (redactor = createRedactor(secrets)));
  return redactor;
}

/**
 * Builds a function replacing every secret, and its variants, with "[private]".
 * A variant is the secret with spaces, dashes, dots, brackets or "+" added or
 * removed anywhere (any case); for a phone number also its national part
 * without the country code, alone or after a trunk "0". So "+919879990466" also
 * hides "+91 98799 90466", "98799-90466" and "9879990466".
 */
export function createRedactor(secrets: readonly string[]): (text: string) => string {
  const patterns = secrets
    .filter((s): s is string => typeof s === 'string')
    .flatMap(secretPatterns)
    .sort((a, b) => b.length - a.length);
  if (patterns.length === 0) return (text) => text;
  const regex = new RegExp(patterns.map((p) => p.source).join('|'), 'giu');
  // When every secret is a phone number, a text with fewer digits than the
  // shortest variant can't hold one: skip the regex (most texts, cheaply).
  const phonesOnly = secrets.every((secret) => typeof secret !== 'string' || /^[\s\d+\-().]+$/.test(secret));
  const minDigits = phonesOnly ? Math.min(...patterns.map((p) => p.length)) : 0;
  return (text) => (minDigits > 0 && !hasDigits(text, minDigits) ? text : text.replace(regex, REDACTED));
}

function hasDigits(text: string, count: number): boolean {
  let found = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57 && ++found >= count) return true;
  }
  return false;
}

/** Replaces every secret (see `createRedactor` for the variants matched) with "[private]". */
export function redact(text: string, secrets: readonly string[]): string {
  return createRedactor(secrets)(text);
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
