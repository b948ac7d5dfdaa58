// The name a member goes by where they ran a command, as the people of that
// server see it: their server nickname, else their global display name, else
// their username (Discord's own order). It is what a member's portfolio is
// stored and shown under, so it is cleaned like any text a member supplies:
// invisible and bidi characters removed, control characters and runs of
// whitespace made one space, at most MAX_DISPLAY_NAME characters. Mentions and
// markdown in it are made inert where it is shown (escapeMarkdown, fitReply),
// as the rest of a member's text is.
import { CONTROL, ZWSP } from '../characters.js';
import { stripInvisible } from '../replies/inert.js';
import { toWellFormed, truncate } from '../replies/text.js';

/** Discord's own cap on a nickname and a global display name. */
export const MAX_DISPLAY_NAME = 32;

export interface MemberNames {
  /** The server nickname (`member.nick`), in a server only. */
  nick?: unknown;
  /** The global display name (`user.global_name`). */
  globalName?: unknown;
  username?: unknown;
}

/** One name cleaned for showing: undefined when nothing visible is left of it (or it is not text). */
export function cleanDisplayName(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  const clean = stripInvisible(toWellFormed(name.slice(0, 4 * MAX_DISPLAY_NAME)).replaceAll(ZWSP, ''))
    .replace(CONTROL, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean === '' ? undefined : truncate(clean, MAX_DISPLAY_NAME);
}

/** The first of nickname, global name and username that shows something, cleaned. */
export function displayName(names: MemberNames): string | undefined {
  return cleanDisplayName(names.nick) ?? cleanDisplayName(names.globalName) ?? cleanDisplayName(names.username);
}
