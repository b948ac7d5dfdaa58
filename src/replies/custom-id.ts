// Stateless component state: a button or select menu carries everything its
// handler needs in its custom_id, so it keeps working after a restart, on another
// shard and in HTTP mode.
//
// Format (version "pb1"), fields separated by "|":
//
//   pb1|<command>|<action>[|<page>][|u=<user>][|k=<key>]
//
// e.g. `pb1|projects|page|2|u=123456789012345678|k=optimizers`. The key is
// escaped ("%" → "%25", "|" → "%7C") so that no key can add or break a field.
//
// The whole id is at most 100 characters (Discord's limit). When the key does not
// fit, it is TRUNCATED at a character boundary: the decoded key is then a prefix
// of the original, which for a search query is still a useful query. Handlers
// that need the exact key must keep it short.

import type { ReplyPayload } from './types.js';

export const CUSTOM_ID_VERSION = 'pb1';
export const MAX_CUSTOM_ID_LENGTH = 100;
/** Pages are 0-based and below this bound (three digits in the id). */
export const MAX_PAGE = 999;

export interface CustomIdState {
  command: string;
  action: string;
  /** 0-based page index, an integer from 0 to 999. */
  page?: number;
  /** Free text, e.g. the search query; may be truncated (see above). */
  key?: string;
  /** The invoking user's id (a snowflake: digits only). */
  user?: string;
}

const NAME = /^[-_'\p{L}\p{N}]{1,32}$/u;
const PAGE = /^(?:0|[1-9]\d{0,2})$/;
const ESCAPED_KEY = /^(?:[^%|]|%25|%7C)*$/;

const SNOWFLAKE = /^\d{1,20}$/;

/** A Discord id (a snowflake): digits only, at most 20 of them. */
export function isSnowflake(value: unknown): value is string {
  return typeof value === 'string' && SNOWFLAKE.test(value);
}

const escapeKey = (ch: string): string => (ch === '%' ? '%25' : ch === '|' ? '%7C' : ch);

/**
 * Encodes component state into a custom_id of at most 100 characters.
 * Throws (a programming error, not a user one) when command or action is not a
 * 1–32 character name, page is not an integer 0–999, or user is not a snowflake.
 */
export function encodeCustomId(state: CustomIdState): string {
  const { command, action, page, key, user } = state;
  if (!NAME.test(command)) throw new TypeError(`encodeCustomId: invalid command ${JSON.stringify(command)}`);
  if (!NAME.test(action)) throw new TypeError(`encodeCustomId: invalid action ${JSON.stringify(action)}`);
  let id = `${CUSTOM_ID_VERSION}|${command}|${action}`;
  if (page !== undefined) {
    if (!Number.isInteger(page) || page < 0 || page > MAX_PAGE)
      throw new RangeError(`encodeCustomId: page ${page} is not an integer from 0 to ${MAX_PAGE}`);
    id += `|${page}`;
  }
  if (user !== undefined) {
    if (!isSnowflake(user)) throw new TypeError(`encodeCustomId: user ${JSON.stringify(user)} is not a snowflake`);
    id += `|u=${user}`;
  }
  if (key !== undefined) {
    id += '|k=';
    for (const ch of String(key)) {
      const piece = escapeKey(ch);
      if (id.length + piece.length > MAX_CUSTOM_ID_LENGTH) break;
      id += piece;
    }
  }
  return id;
}

/**
 * Decodes a custom_id made by `encodeCustomId`. Returns null, never throws, for
 * anything else: other versions, unknown or repeated fields, fields out of order,
 * a page that is not 0–999 in canonical form, a user that is not a snowflake, a
 * key with a stray "%", or an id over 100 characters.
 */
export function decodeCustomId(id: unknown): CustomIdState | null {
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_CUSTOM_ID_LENGTH) return null;
  const [version, command, action, ...rest] = id.split('|');
  if (version !== CUSTOM_ID_VERSION || command === undefined || action === undefined) return null;
  if (!NAME.test(command) || !NAME.test(action)) return null;
  const state: CustomIdState = { command, action };

  let field = rest.shift();
  if (field !== undefined && PAGE.test(field)) {
    state.page = Number(field);
    field = rest.shift();
  }
  if (field !== undefined && field.startsWith('u=')) {
    const user = field.slice(2);
    if (!isSnowflake(user)) return null;
    state.user = user;
    field = rest.shift();
  }
  if (field !== undefined && field.startsWith('k=')) {
    const escaped = field.slice(2);
    if (!ESCAPED_KEY.test(escaped)) return null;
    state.key = escaped.replace(/%7C|%25/g, (seq) => (seq === '%7C' ? '|' : '%'));
    field = rest.shift();
  }
  return field === undefined ? state : null;
}

/**
 * An asker id that stands in for any: as long as the longest real one, so that
 * ids cut to fit 100 characters still fit once the real one is put in. A reply
 * built for it can be remembered and given to anyone through withAsker.
 */
export const PLACEHOLDER_ASKER = '0'.repeat(20);
const PLACEHOLDER_FIELD = `|u=${PLACEHOLDER_ASKER}`;

/** The payload with `asker` in place of PLACEHOLDER_ASKER in its custom_ids; the payload itself is never changed. */
export function withAsker(payload: ReplyPayload, asker: string): ReplyPayload {
  if (!payload.components) return payload;
  const field = `|u=${isSnowflake(asker) ? asker : '0'}`;
  let changed = false;
  const components = payload.components.map((row) => ({
    ...row,
    components: row.components.map((component) => {
      if (!('custom_id' in component) || !component.custom_id.includes(PLACEHOLDER_FIELD)) return component;
      changed = true;
      return { ...component, custom_id: component.custom_id.replace(PLACEHOLDER_FIELD, field) };
    }),
  }));
  return changed ? { ...payload, components } : payload;
}
