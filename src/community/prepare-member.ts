// The work of preparing a member's document (./prepare.ts), apart from the rest so
// that the YAML parser and the schema load only where documents are read: in the
// worker thread, or on the first document when there is none.
import { describeLoadFailure } from '../profile/problems.js';
import { buildDocuments } from '../search/documents.js';
import { documentsBytes, prepareProfile, type DocumentsBytes, type PreparedProfile } from '../search/community.js';
import { parseMemberDocument } from './parse.js';
import type { Problems } from '../profile/problems.js';

/** A prepared profile's tokens, as they cross between threads. */
export type PreparedTokens = PreparedProfile;

/**
 * A member's profile as it crosses from the worker: the profile as JSON in UTF-8 (bytes off the JavaScript heap,
 * made into objects when a command first reads it: memberPortfolio), and what the community needs of it at once.
 */
export interface SharedProfile {
  json: Uint8Array;
  /** Short content hash of the document. */
  revision: string;
  /** identity.name. */
  name: string;
  /** The values of identity.private: no reply may show them. */
  secrets: string[];
}

/** A member's document, prepared: the profile, its tokens and its documents as text, or why it does not load. */
export type PreparedMember =
  | { loaded: SharedProfile; format: 'yaml' | 'json-resume'; tokens: PreparedTokens; documents: DocumentsBytes }
  | ({ loaded?: undefined } & Problems);

/** Parses, validates and tokenizes a member's document. Never throws. */
export function prepareMember(text: string, filename: string): PreparedMember {
  try {
    const parsed = parseMemberDocument(text, filename);
    if (!parsed.loaded) return { problems: parsed.problems, total: parsed.total };
    const { profile, revision } = parsed.loaded;
    const secrets = Object.values(profile.identity.private ?? {}).filter((value): value is string => typeof value === 'string');
    return {
      loaded: { json: new TextEncoder().encode(JSON.stringify(profile)), revision, name: profile.identity.name, secrets },
      format: parsed.format,
      tokens: prepareProfile(profile),
      documents: documentsBytes(buildDocuments(profile)),
    };
  } catch (error) {
    return describeLoadFailure(filename, error);
  }
}
