// Keeping private values out of anything we send, however they are spelled.
//
// A text is not searched as written but as the characters that carry meaning
// in it: for a phone number its digits (any script's decimal digits, fullwidth
// and other compatibility forms read as the digit they stand for), for another
// secret its letters and digits, case-folded. Everything else between them is
// treated as a separator: spaces of any kind, punctuation, symbols, invisible
// format characters (zero-width non-joiner, word joiner, bidi controls). A
// secret found in that skeleton is replaced in the original text, from its
// first meaningful character to its last.

export const REDACTED = '[private]';

/** Secrets shorter than this (once separators are removed) are ignored: redacting "a" everywhere would wreck every reply. */
const MIN_SECRET_LENGTH = 3;
/** A phone number's national part, once a country code is dropped, keeps at least this many digits. */
const MIN_NATIONAL_DIGITS = 8;
/** A secret of only these characters, with at least this many digits, is a phone number. */
const PHONE_SHAPE = /^[\s\d+\-().]+$/;
const MIN_PHONE_DIGITS = 7;
/** How far back from a number's first digit a "+" still belongs to it ("+ (91) …"). */
const PLUS_REACH = 4;
/** In a digit skeleton, a letter (or a number that is not a digit) ends a run: digits on either side never join. */
const BREAK = '|';

/** What a secret looks like in a skeleton, and the digits that may come right before it and belong to it. */
interface Needle {
  text: string;
  /** Longest first: "00" (international prefix) or "0" (trunk prefix), absorbed when they start the number. */
  prefixes: readonly string[];
}

/** The meaningful characters of a text, each with the span of the original text it came from. */
interface Skeleton {
  chars: string;
  starts: number[];
  ends: number[];
}

type Mode = 'digits' | 'alnum';

const DECIMAL_DIGIT = /\p{Nd}/u;
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

/**
 * The value of a decimal digit of any script. Unicode encodes every set of
 * decimal digits as a contiguous run 0–9 (runs of sets, such as the five
 * mathematical digit styles, sit back to back), so a digit's value is its
 * distance from the start of its run, modulo 10.
 */
function decimalValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  let start = code;
  while (start > 0 && DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return (code - start) % 10;
}

// Per-character lookups for characters beyond ASCII, remembered; the caches
// are emptied when full, so hostile text of every code point can't grow them.
const CACHE_LIMIT = 4096;
const digitCache = new Map<number, string>();
const foldCache = new Map<number, string>();

function remember(cache: Map<number, string>, code: number, compute: () => string): string {
  let value = cache.get(code);
  if (value === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    value = compute();
    cache.set(code, value);
  }
  return value;
}

/**
 * The ASCII digits a character reads as: "7" for "7", "٧", "７" or "𝟕", "1" for
 * "①", "¹" or "⒈", "10" for "⑩"; "" for anything else.
 */
function digitsOf(code: number): string {
  if (code < 0x80) return code >= 0x30 && code <= 0x39 ? String.fromCharCode(code) : '';
  return remember(digitCache, code, () => {
    const char = String.fromCodePoint(code);
    if (DECIMAL_DIGIT.test(char)) return String(decimalValue(code));
    // Compatibility forms (circled, parenthesised, superscript digits) read as the digits they decompose to.
    const compatible = char.normalize('NFKC').replace(/[().\s]/g, '');
    if (compatible === char || compatible === '' || !/^\p{Nd}+$/u.test(compatible)) return '';
    return Array.from(compatible, (digit) => String(decimalValue(digit.codePointAt(0) as number))).join('');
  });
}

/** A character's letters and digits, compatibility-normalised and lower-cased; "" for a separator. */
function foldOf(code: number): string {
  if (code < 0x80) {
    if (code >= 0x41 && code <= 0x5a) return String.fromCharCode(code + 32);
    return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) ? String.fromCharCode(code) : '';
  }
  return remember(foldCache, code, () => {
    const digits = digitsOf(code);
    if (digits !== '') return digits;
    return Array.from(String.fromCodePoint(code).normalize('NFKC').toLowerCase())
      .filter((char) => LETTER_OR_NUMBER.test(char))
      .join('');
  });
}

function push(skeleton: Skeleton, meaning: string, start: number, end: number): void {
  for (let k = 0; k < meaning.length; k++) {
    skeleton.starts.push(start);
    skeleton.ends.push(end);
  }
  skeleton.chars += meaning;
}

const SEPARATOR = 0;
const DIGIT = 1;
const LETTER = 2;
type Kind = typeof SEPARATOR | typeof DIGIT | typeof LETTER;
const kindCache = new Map<number, Kind>();

/** A digit (of any script, or a number that reads as digits), a letter or other number (which ends a run of digits), or a separator. */
function kindOf(code: number): Kind {
  if (code < 0x80) {
    if (code >= 0x30 && code <= 0x39) return DIGIT;
    const lower = code | 0x20;
    return lower >= 0x61 && lower <= 0x7a ? LETTER : SEPARATOR;
  }
  let kind = kindCache.get(code);
  if (kind === undefined) {
    if (kindCache.size >= CACHE_LIMIT) kindCache.clear();
    kind = digitsOf(code) !== '' ? DIGIT : LETTER_OR_NUMBER.test(String.fromCodePoint(code)) ? LETTER : SEPARATOR;
    kindCache.set(code, kind);
  }
  return kind;
}

/**
 * The digits of `text`, run by run: a run is digits with only separators
 * between them (no letter, no other number), the only place a phone number can
 * be. Runs of fewer than `shortest` digits are skipped; a BREAK goes between two runs.
 */
function digitSkeleton(text: string, shortest: number): Skeleton {
  const skeleton: Skeleton = { chars: '', starts: [], ends: [] };
  let runStart = -1;
  let runEnd = -1;
  // A character beyond ASCII is counted as two: "⑩" reads as two digits, and none as more.
  let runDigits = 0;
  const endRun = (): void => {
    if (runDigits >= shortest) {
      if (skeleton.chars !== '') push(skeleton, BREAK, runStart, runStart);
      for (let i = runStart; i < runEnd;) {
        const code = text.codePointAt(i) as number;
        const end = i + (code > 0xffff ? 2 : 1);
        push(skeleton, digitsOf(code), i, end);
        i = end;
      }
    }
    runStart = -1;
    runDigits = 0;
  };
  for (let i = 0; i < text.length;) {
    const unit = text.charCodeAt(i);
    const code = unit < 0xd800 ? unit : (text.codePointAt(i) as number);
    const end = i + (code > 0xffff ? 2 : 1);
    const kind = kindOf(code);
    if (kind === DIGIT) {
      if (runStart < 0) runStart = i;
      runEnd = end;
      runDigits += code < 0x80 ? 1 : 2;
    } else if (kind === LETTER && runStart >= 0) {
      endRun();
    }
    i = end;
  }
  if (runStart >= 0) endRun();
  return skeleton;
}

/** The letters and digits of `text`, folded: where any other secret is looked for. */
function alnumSkeleton(text: string): Skeleton {
  const skeleton: Skeleton = { chars: '', starts: [], ends: [] };
  for (let i = 0; i < text.length;) {
    const code = text.codePointAt(i) as number;
    const end = i + (code > 0xffff ? 2 : 1);
    const meaning = foldOf(code);
    if (meaning !== '') push(skeleton, meaning, i, end);
    i = end;
  }
  return skeleton;
}

/** The needles of one secret: a phone number's digits with and without country code, or any secret's letters and digits. */
function needlesOf(secret: string): { mode: Mode; needle: Needle }[] {
  const digits = secret.replace(/\D/g, '');
  if (PHONE_SHAPE.test(secret) && digits.length >= MIN_PHONE_DIGITS) {
    const hasCountryCode = /^\s*(?:\+|00)/.test(secret) || digits.length > 10;
    const full = digits.replace(/^00/, '');
    const needles: { mode: Mode; needle: Needle }[] = [
      { mode: 'digits', needle: { text: full, prefixes: hasCountryCode ? ['00'] : ['0'] } },
    ];
    // Written without its country code (of one to three digits), perhaps with a
    // trunk "0" instead; or with both ("+91 (0) 98799 90466").
    for (let drop = 1; hasCountryCode && drop <= 3 && full.length - drop >= MIN_NATIONAL_DIGITS; drop++) {
      needles.push({ mode: 'digits', needle: { text: full.slice(drop), prefixes: ['0'] } });
      needles.push({ mode: 'digits', needle: { text: `${full.slice(0, drop)}0${full.slice(drop)}`, prefixes: ['00'] } });
    }
    return needles;
  }
  const core = alnumSkeleton(secret).chars;
  return Array.from(core).length < MIN_SECRET_LENGTH ? [] : [{ mode: 'alnum', needle: { text: core, prefixes: [] } }];
}

const isPlus = (char: string | undefined): boolean => char === '+' || char === '\uFF0B';
const isSeparatorChar = (char: string): boolean => !LETTER_OR_NUMBER.test(char) && !isPlus(char);

/** Where a match that starts at skeleton index `at` starts in the text, taking in a prefix and a "+" that belong to it. */
function matchStart(text: string, skeleton: Skeleton, at: number, prefixes: readonly string[]): number {
  let first = at;
  for (const prefix of prefixes) {
    const from = at - prefix.length;
    if (from < 0 || skeleton.chars.slice(from, at) !== prefix) continue;
    // A prefix glued to a digit before it is that number's end, not this number's start ("2020" + "98799…").
    const glued = from > 0 && skeleton.chars[from - 1] !== BREAK && skeleton.ends[from - 1] === skeleton.starts[from];
    if (!glued) {
      first = from;
      break;
    }
  }
  const start = skeleton.starts[first] as number;
  for (let i = start - 1; i >= 0 && start - i <= PLUS_REACH; i--) {
    const char = text[i] as string;
    if (isPlus(char)) return i;
    if (!isSeparatorChar(char)) break;
  }
  return start;
}

/** Every span of `text` that spells one of the needles (the shortest of `shortest` characters), merged, in order. */
function secretSpans(text: string, needles: readonly { mode: Mode; needle: Needle }[], shortest: number): [number, number][] {
  let digits: Skeleton | undefined;
  let alnum: Skeleton | undefined;
  const spans: [number, number][] = [];
  for (const { mode, needle } of needles) {
    const skeleton = mode === 'digits' ? (digits ??= digitSkeleton(text, shortest)) : (alnum ??= alnumSkeleton(text));
    if (skeleton.chars.length < needle.text.length) continue;
    for (let at = skeleton.chars.indexOf(needle.text); at >= 0; at = skeleton.chars.indexOf(needle.text, at + 1)) {
      spans.push([matchStart(text, skeleton, at, needle.prefixes), skeleton.ends[at + needle.text.length - 1] as number]);
    }
  }
  if (spans.length < 2) return spans;
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push(span);
  }
  return merged;
}

/**
 * True when `text` holds fewer than `enough` digits, counting a character
 * beyond ASCII that reads as digits as two: no phone number can be in it. Most
 * texts are let through by this one cheap pass.
 */
function tooFewDigits(text: string, enough: number): boolean {
  let found = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      if (unit >= 0x30 && unit <= 0x39 && ++found >= enough) return false;
      continue;
    }
    const code = text.codePointAt(i) as number;
    if (code > 0xffff) i++;
    if (kindOf(code) === DIGIT && (found += 2) >= enough) return false;
  }
  return true;
}

/**
 * Builds a function replacing every secret, however spelled, with "[private]".
 * A phone number is found by its digits whatever lies between them (spaces of
 * any kind, dashes, dots, slashes, underscores, stars, commas, colons,
 * brackets, invisible characters) and in whatever digits it is written
 * (Arabic-Indic, fullwidth, …); also its national part without the country
 * code, alone or after a trunk "0", and with "+" or "00" before it. A letter
 * between two digits ends the number. Other secrets are found by their letters
 * and digits, in any case, with anything else between them. Numbers that merely
 * share a few digits with a secret (years, scores) are left alone.
 */
export function createRedactor(secrets: readonly string[]): (text: string) => string {
  const needles = secrets
    .filter((secret): secret is string => typeof secret === 'string')
    .flatMap(needlesOf)
    .sort((a, b) => b.needle.text.length - a.needle.text.length);
  if (needles.length === 0) return (text) => text;
  const fewest = Math.min(...needles.filter((entry) => entry.mode === 'digits').map((entry) => entry.needle.text.length), Infinity);
  // When every secret is a phone number, a text with too few digits can't hold one.
  const digitsOnly = needles.every((entry) => entry.mode === 'digits');
  return (text) => {
    if (digitsOnly && tooFewDigits(text, fewest)) return text;
    const spans = secretSpans(text, needles, fewest);
    if (spans.length === 0) return text;
    let out = '';
    let from = 0;
    for (const [start, end] of spans) {
      out += text.slice(from, start) + REDACTED;
      from = end;
    }
    return out + text.slice(from);
  };
}

const redactors = new WeakMap<readonly string[], (text: string) => string>();

/** As createRedactor, remembered per secrets array: callers pass the same array for a whole profile. */
export function cachedRedactor(secrets: readonly string[]): (text: string) => string {
  let redactor = redactors.get(secrets);
  if (!redactor) redactors.set(secrets, (redactor = createRedactor(secrets)));
  return redactor;
}

/** Replaces every secret (see `createRedactor` for the spellings matched) with "[private]". */
export function redact(text: string, secrets: readonly string[]): string {
  return createRedactor(secrets)(text);
}
