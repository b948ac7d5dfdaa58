// The work of preparing a member's document (./prepare.ts), apart from the rest so
// that the YAML parser and the schema load only where documents are read: in the
// worker thread, or on the first document when there is none.
import { describeLoadFailure } from '../profile/problems.js';
import { prepareProfile } from '../search/community.js';
import { parseMemberDocument } from './parse.js';
import type { LoadedProfile } from '../profile/load.js';
import type { Problems } from '../profile/problems.js';
import type { PreparedEntry, PreparedProfile } from '../search/community.js';

/** A prepared profile as it crosses between threads: its entries without their documents. */
export type PreparedTokens = Omit<PreparedProfile, 'entries'> & { entries: Omit<PreparedEntry, 'doc'>[] };

/** A member's document, prepared: the profile and its tokens, or why it does not load. */
export type PreparedMember =
  { loaded: LoadedProfile; format: 'yaml' | 'json-resume'; tokens: PreparedTokens } | ({ loaded?: undefined } & Problems);

/** Parses, validates and tokenizes a member's document. Never throws. */
export function prepareMember(text: string, filename: string): PreparedMember {
  try {
    const parsed = parseMemberDocument(text, filename);
    if (!parsed.loaded) return { problems: parsed.problems, total: parsed.total };
    const { entries, ...rest } = prepareProfile(parsed.loaded.profile);
    const bare = entries.map(({ namePhrases, keywordPhrases, terms }) => ({ namePhrases, keywordPhrases, terms }));
    return { loaded: parsed.loaded, format: parsed.format, tokens: { ...rest, entries: bare } };
  } catch (error) {
    return describeLoadFailure(filename, error);
  }
}
