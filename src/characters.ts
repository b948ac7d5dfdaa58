// The characters a reader cannot see, named once. Whatever shows, matches or
// carries text (replies, the question reader, search, custom_ids) takes its set
// from here, so that what one part strips another does not let through.
//
// The sets are global expressions for `replace`; to ask whether a text holds
// one, use `text.search(SET) >= 0`, which starts from the beginning whatever
// an earlier use left in `lastIndex`.

/**
 * The zero-width space: removed from text like the others, then put back by the
 * bot itself after an "@" or "<" (to break a mention) and between backticks (to
 * break a code fence), and as the text of an empty embed field.
 */
export const ZWSP = '\u200B';

// As the text of a character class, in \u escapes (the bundle stays ASCII).
const HIDDEN_CLASS = String.raw`\u00AD\u061C\u180E\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF`;

/**
 * Characters that hide or reorder the text around them and have no use in what
 * the bot shows or reads: soft hyphen, Arabic letter mark, Mongolian vowel
 * separator, left-to-right and right-to-left marks, bidi embeddings and
 * overrides, word joiner and invisible operators, bidi isolates, byte order mark.
 * Not the zero-width space, non-joiner and joiner: see INVISIBLE.
 */
export const HIDDEN = new RegExp(`[${HIDDEN_CLASS}]`, 'g');

/**
 * HIDDEN and the zero-width space, non-joiner (U+200C) and joiner (U+200D):
 * every invisible character. Shown text keeps a joiner inside an emoji and a
 * non-joiner between letters (src/replies/inert.ts); read text keeps none.
 */
export const INVISIBLE = new RegExp(`[${HIDDEN_CLASS}\\u200B-\\u200D]`, 'g');

/**
 * Control characters that are not tab or newline (C0, DEL, C1), and the line
 * and paragraph separators: what becomes a space in text that keeps its lines.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/g;

/**
 * What free text carried in a custom_id (a query, a shared command's input) may
 * not hold, each run a space instead: Unicode's control and format characters and
 * the line and paragraph separators. A custom_id with a control character is
 * refused (src/replies/fit.ts), and a format character would hide in it.
 */
export const NOT_IN_CUSTOM_ID = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu;
