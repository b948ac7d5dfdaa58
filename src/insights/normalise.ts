// The text of a question as insights keep it: what groups "What has he WON?"
// with "what has he won", and what keeps people's own identifiers out of the
// database (mentions, Discord ids, e-mail addresses, phone numbers, links).
import { fold } from '../search/normalise.js';

/** The longest text kept: a question's start says what it asks. */
export const MAX_QUERY_CHARS = 200;

const MENTION = /<(?:@[!&]?|#)\d+>/g;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const LINK = /\b(?:https?:\/\/|www\.)\S+/gi;
/** Seven digits or more, spaces and dashes between allowed: a phone number or an id. */
const LONG_NUMBER = /\+?\d(?:[\s-]?\d){6,}/g;

export function normaliseQuery(text: string): string {
  return fold(text.slice(0, MAX_QUERY_CHARS * 4))
    .replace(MENTION, ' ')
    .replace(EMAIL, ' ')
    .replace(LINK, ' ')
    .replace(LONG_NUMBER, ' ')
    .replace(/[^\p{L}\p{N}#+.\s]|(?<!\p{N})\.|\.(?!\p{N})/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_QUERY_CHARS)
    .trim();
}
