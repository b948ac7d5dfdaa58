// The search over every profile listed in one server: the owner's and each
// member's, in one index that is updated in place when a member submits,
// replaces or removes a profile (no rebuild of the others). It scores as the
// profile search does (src/search/index.ts: weighted keys, idf, prefix and typo
// candidates, coverage, the name-phrase boosts), with document frequencies over
// the whole server, and each hit says whose entry it is.
//
// Layout, for a server of tens of thousands of entries: every entry has a slot
// number, and a word's postings are slot × 16 + the weight's code, in one segment
// of the vocabulary's arena (./vocabulary.ts: words by id in typed arrays), so
// that a search walks flat arrays and the GC has next to nothing per word to
// trace. A member is tokenized (prepareProfile) before the index is touched;
// the update itself only appends postings and marks the old slots dead. Dead postings are skipped
// by searches and dropped when a list grows or holds more dead than live ones;
// a slot is used again only once no list names it any more. An update can be made
// in steps (beginPut), searches running between them: its slots are PENDING (skipped,
// and kept by compaction) and its postings not counted live until its last step,
// which makes the new entries live and takes the old ones out at once.
import type { Profile, Section } from '../profile/schema.js';
import { editDistance } from '../edit-distance.js';
import { buildDocuments, documentAt, type SearchDoc } from './documents.js';
import { KEY_WEIGHTS, RELEVANCE_CUTOFF, type Suggestion } from './index.js';
import { queryTokens, tokenize } from './normalise.js';
import { allowedEdits, deletions } from './typos.js';
import { CAPACITY, CHUNK_BITS, CHUNK_MASK, DEAD, hashOf, LENGTH, LIVE, ROW, START, Vocabulary } from './vocabulary.js';

/** Whose entries they are. */
export interface Owner {
  /** The member's Discord id; the bot's owner is OWNER_ID. */
  id: string;
  /** The display name shown beside their entries. */
  name: string;
}

/** The bot owner's profile in a server's index. */
export const OWNER_ID = 'owner';

export interface CommunityEntry {
  owner: Owner;
  doc: SearchDoc;
}

export interface CommunityHit {
  entry: CommunityEntry;
  /** Relevance in (0, 1], as the profile search scores it. */
  score: number;
}

export interface CommunitySearchOptions {
  section?: Section | undefined;
  /** Only this member's entries. */
  member?: string | undefined;
  limit?: number | undefined;
}

/** One entry of a profile, tokenized: what the index stores of it. */
export interface PreparedEntry {
  /** Its document's section and notable flag (the document itself is made when a search returns it). */
  section: Section;
  notable: boolean;
  /**
   * Its names and keywords of two words or more, as tokens joined by spaces, for the phrase boosts of a query
   * of two words or more (such a phrase has a space, which no name or keyword of one word has; a one-word
   * query's boosts are marks on the postings).
   */
  namePhrases: readonly string[];
  keywordPhrases: readonly string[];
  /** How many distinct words it has. */
  terms: number;
}

/**
 * A profile tokenized, its postings grouped by word, so that an update looks each
 * word up once and appends its postings together.
 */
export interface PreparedProfile {
  entries: PreparedEntry[];
  /** The profile's distinct words. */
  words: string[];
  /**
   * The postings of words[w] are postings[starts[w]] up to postings[starts[w + 1]]:
   * entry index × SLOT_SHIFT + the code of the heaviest key the word is in (WEIGHTS) + its WHOLE_ marks.
   */
  postings: Int32Array;
  starts: Int32Array;
  /** hashOf(words[w]), worked out once here so that the index's vocabulary need not hash the word again. */
  hashes: Int32Array;
}

/**
 * A member's documents as JSON in UTF-8 (what the prepare worker sends), entry i's being bytes from ends[i - 1]
 * (0 for the first) up to ends[i]: bytes in an ArrayBuffer, off the JavaScript heap, so that the young generation's
 * collections neither copy them nor trace thousands of objects for them (docs/performance.md).
 */
export interface DocumentsBytes {
  bytes: Uint8Array;
  ends: Int32Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The documents of a profile, in entry order, as JSON in UTF-8 (see DocumentsBytes). */
export function documentsBytes(docs: readonly SearchDoc[]): DocumentsBytes {
  const ends = new Int32Array(docs.length);
  let length = 0;
  const encoded = docs.map((doc, i) => {
    const bytes = encoder.encode(JSON.stringify(doc));
    ends[i] = length += bytes.length;
    return bytes;
  });
  const bytes = new Uint8Array(length);
  encoded.forEach((each, i) => bytes.set(each, ends[i]! - each.length));
  return { bytes, ends };
}

/** Where an entry's document comes from when it is first needed: the profile itself, or its documents as bytes. */
export type DocumentSource = Profile | DocumentsBytes;

export interface CommunitySearch {
  /** Adds the owner's or a member's profile, replacing what they had. */
  put(owner: Owner, profile: Profile): void;
  /**
   * The same, from a profile prepared beforehand (prepareProfile) and where its documents are to be made from (the
   * profile itself, or documentsBytes of them). The index keeps that, not one object per entry.
   */
  putPrepared(owner: Owner, prepared: PreparedProfile, documents: DocumentSource): void;
  /**
   * putPrepared in steps (PendingPut.step), so that a caller can let searches run between them: until the last step,
   * searches find the owner's entries as they were (or none), and from it on the new ones; never some of each.
   * A remove of the owner, or another put of theirs, before the last step cancels it.
   */
  beginPut(owner: Owner, prepared: PreparedProfile, documents: DocumentSource): PendingPut;
  /** The owner's entries shown under another name (their entries are the same; nothing is tokenized again). */
  rename(owner: Owner): boolean;
  /** True when they had entries, or a put of theirs was under way (it is cancelled). */
  remove(ownerId: string): boolean;
  has(ownerId: string): boolean;
  owners(): Owner[];
  /** Entries in the index. */
  readonly size: number;
  search(query: string, options?: CommunitySearchOptions): CommunityHit[];
  /** Autocomplete over every entry (or one section, one member): "title — name". */
  suggest(input: string, options?: CommunitySearchOptions): Suggestion[];
  /** The entries of one owner, in profile order (their documents made anew). */
  entriesOf(ownerId: string): CommunityEntry[];
  /** How many entries one owner has, without making their documents. */
  countOf(ownerId: string): number;
}

/** A put under way (CommunitySearch.beginPut). */
export interface PendingPut {
  /**
   * Appends the postings of up to `words` more of the profile's words; once all are in, makes the new entries the
   * ones searched (the old ones gone) in the same step. True when nothing is left to do (put, or cancelled).
   */
  step(words?: number): boolean;
  readonly state: 'pending' | 'put' | 'cancelled';
}

const SECTION_RANK = new Map<Section, number>(
  (['projects', 'experience', 'research', 'blogs', 'skills', 'learning', 'education', 'about', 'contact'] as const).map((s, i) => [s, i]),
);
const MAX_QUERY_TOKENS = 12;
const MAX_QUERY_LENGTH = 200;
/** The index keeps single deletions of words this long (the profile typo layer's range). */
const TYPO_MIN = 3;
const TYPO_MAX = 42;
/** Remembered typo lookups; cleared whenever the vocabulary changes. */
const TYPO_CACHE = 2000;
/** The keys' weights by code, heaviest first: a posting stores the code in its two low bits. */
const WEIGHTS = Float64Array.of(KEY_WEIGHTS.names, KEY_WEIGHTS.keywords, KEY_WEIGHTS.summary, KEY_WEIGHTS.body);
/** The code of the lightest weight that can make a phrase boost (a keyword's). */
const PHRASE_CODE = 1;
/** Marks on a posting: the word is a whole name, a whole keyword of the entry (a one-word phrase boost). */
const WHOLE_NAME = 4;
const WHOLE_KEYWORD = 8;
/** A posting is slot × SLOT_SHIFT + code + marks. */
const SLOT_SHIFT = 16;
/** A slot's state (alive): 0 dead or free, 1 live, PENDING when it belongs to a put under way (skipped by searches). */
const PENDING = 2;
/** A list is compacted when it holds at least this many dead postings and more dead than live. */
const COMPACT_MIN = 8;

/**
 * Scratch for prepareProfile, kept between calls: a profile is prepared on every
 * submit, and what it allocates is what the young generation's collections then
 * copy or scan. Indexed by the word's number in the profile being prepared.
 */
const scratch = {
  words: [] as string[],
  /** Open addressing, word number + 1 (0: empty); at most half full. */
  table: new Int32Array(4096),
  /** The last entry that had the word, and where in that entry's list it is. */
  lastEntry: new Int32Array(2048),
  at: new Int32Array(2048),
  /** The entry being prepared: its distinct words and their codes, in order. */
  entryWords: new Int32Array(256),
  entryCodes: new Int32Array(256),
  /** Every posting as (word, entry × SLOT_SHIFT + code), in entry order. */
  pairWords: new Int32Array(4096),
  pairPostings: new Int32Array(4096),
  /** The profile's words by number (its first wordCount), and the hash of each word. */
  hashes: new Int32Array(2048),
};

// The records an update makes are class instances, not object literals. V8 allocates the objects of a
// literal whose objects mostly live long (as every entry does while a server's index is built) in the old
// generation from then on; a record that dies (a member replaced or removed) then keeps what it points to
// in the young generation alive through every scavenge until the next full collection, and each scavenge
// copies it (docs/performance.md). Objects made by `new` are never placed so.
class Entry implements CommunityEntry {
  constructor(
    readonly owner: Owner,
    readonly doc: SearchDoc,
  ) {}
}

class Prepared implements PreparedEntry {
  constructor(
    readonly section: Section,
    readonly notable: boolean,
    readonly namePhrases: readonly string[],
    readonly keywordPhrases: readonly string[],
    readonly terms: number,
  ) {}
}

/**
 * An owner's slots, and the word ids of their profile with how many of its entries have each (to take them out);
 * where their entries' documents are made from, and their entries' phrases (Phrases).
 */
class Member {
  constructor(
    public owner: Owner,
    readonly rank: number,
    readonly slots: Int32Array,
    readonly ids: Int32Array,
    readonly counts: Int32Array,
    readonly documents: DocumentSource,
    readonly phrases: string,
  ) {}
}

/** What separates the words of a phrase. */
const SPACE = 32;

const NO_PHRASES: readonly string[] = Object.freeze([]);

function grown(array: Int32Array<ArrayBuffer>, needed: number): Int32Array<ArrayBuffer> {
  if (needed <= array.length) return array;
  const bigger = new Int32Array(Math.max(needed, array.length * 2));
  bigger.set(array);
  return bigger;
}

/** A profile's entries with their words: the slow half of an update, done before the index is touched. */
export function prepareProfile(profile: Profile): PreparedProfile {
  // The profile's words go into a scratch array kept between calls (grown once, not on every profile), then copied out.
  const words = scratch.words;
  let wordCount = 0;
  let entry = 0;
  let entryCount = 0;
  let pairCount = 0;
  /** The word's number in this profile, given one if new. */
  const numberOf = (token: string): number => {
    let mask = scratch.table.length - 1;
    const hash = hashOf(token);
    for (let probe = hash & mask; ; probe = (probe + 1) & mask) {
      const known = scratch.table[probe]!;
      if (known === 0) break;
      if (words[known - 1] === token) return known - 1;
    }
    const number = wordCount++;
    words[number] = token;
    scratch.lastEntry = grown(scratch.lastEntry, wordCount);
    scratch.at = grown(scratch.at, wordCount);
    scratch.hashes = grown(scratch.hashes, wordCount);
    scratch.lastEntry[number] = -1;
    scratch.hashes[number] = hash;
    if (2 * wordCount > scratch.table.length) {
      scratch.table = new Int32Array(scratch.table.length * 2);
      mask = scratch.table.length - 1;
      for (let each = 0; each < number; each++) place(each, mask);
    }
    place(number, mask);
    return number;
  };
  const place = (number: number, mask: number) => {
    let probe = scratch.hashes[number]! & mask;
    while (scratch.table[probe] !== 0) probe = (probe + 1) & mask;
    scratch.table[probe] = number + 1;
  };
  /** The tokens into the entry under `code`; the number of the last one. */
  const add = (code: number, tokens: readonly string[]): number => {
    let number = -1;
    for (const token of tokens) {
      number = numberOf(token);
      // Heaviest key first: a word keeps the first (heaviest) code it is given.
      if (scratch.lastEntry[number] === entry) continue;
      scratch.lastEntry[number] = entry;
      scratch.at[number] = entryCount;
      scratch.entryWords = grown(scratch.entryWords, entryCount + 1);
      scratch.entryCodes = grown(scratch.entryCodes, entryCount + 1);
      scratch.entryWords[entryCount] = number;
      scratch.entryCodes[entryCount++] = code;
    }
    return number;
  };
  /**
   * The words of names (code 0) or keywords (code 1) into the entry: a name or keyword of one word marks
   * that word's posting `whole`, and those of several are returned as phrases (none: a shared empty list,
   * as most keywords are one word).
   */
  const phrases = (texts: readonly string[], code: number, whole: number): readonly string[] => {
    let found: string[] | undefined;
    for (const text of texts) {
      const tokens = tokenize(text);
      const last = add(code, tokens);
      // The word is in this entry by now, so its place in the entry (at) is known, and stays.
      if (tokens.length === 1) scratch.entryCodes[scratch.at[last]!]! |= whole;
      // Array.of, not a literal: see Entry.
      else if (tokens.length > 1) {
        if (found) found.push(tokens.join(' '));
        else found = Array.of(tokens.join(' '));
      }
    }
    return found ?? NO_PHRASES;
  };
  const entries = buildDocuments(profile).map((doc, index): PreparedEntry => {
    entry = index;
    entryCount = 0;
    const namePhrases = phrases(doc.names, 0, WHOLE_NAME);
    const keywordPhrases = phrases(doc.keywords, 1, WHOLE_KEYWORD);
    add(2, tokenize(doc.summary));
    for (const text of doc.body) add(3, tokenize(text));
    scratch.pairWords = grown(scratch.pairWords, pairCount + entryCount);
    scratch.pairPostings = grown(scratch.pairPostings, pairCount + entryCount);
    for (let i = 0; i < entryCount; i++) {
      scratch.pairWords[pairCount] = scratch.entryWords[i]!;
      scratch.pairPostings[pairCount++] = entry * SLOT_SHIFT + scratch.entryCodes[i]!;
    }
    return new Prepared(doc.section, doc.notable, namePhrases, keywordPhrases, entryCount);
  });
  scratch.table.fill(0);
  // Grouped by word, each word's in entry order (a counting sort, stable).
  const starts = new Int32Array(wordCount + 1);
  for (let i = 0; i < pairCount; i++) starts[scratch.pairWords[i]! + 1]!++;
  for (let number = 0; number < wordCount; number++) starts[number + 1]! += starts[number]!;
  const next = scratch.at;
  next.set(starts.subarray(0, wordCount));
  const postings = new Int32Array(pairCount);
  for (let i = 0; i < pairCount; i++) postings[next[scratch.pairWords[i]!]!++] = scratch.pairPostings[i]!;
  return { entries, words: words.slice(0, wordCount), postings, starts, hashes: scratch.hashes.slice(0, wordCount) };
}

export interface CommunitySearchSettings {
  /** Read every posting of every candidate word, skipping none: what tests check the skipping against. */
  exhaustive?: boolean;
}

export function createCommunitySearch(settings: CommunitySearchSettings = {}): CommunitySearch {
  const skipLight = !settings.exhaustive;
  /** Each owner's slots, and the word ids of their profile with how many of its entries have each (to take them out). */
  const byOwner = new Map<string, Member>();

  /** The words and their postings (slot × SLOT_SHIFT + code + marks); rows[id × ROW + LENGTH] are in use, DEAD of them dead. */
  const vocabulary = new Vocabulary();
  /** The word's id when some live entry has it (a word only a put under way has is not searched yet), else -1. */
  const liveTerm = (word: string) => {
    const id = vocabulary.find(word, hashOf(word));
    return id >= 0 && vocabulary.rows[id * ROW + LIVE]! > 0 ? id : -1;
  };

  // Slots, by number.
  const ranks: number[] = [];
  const sections: number[] = [];
  const orders: number[] = [];
  /** The slot's owner (what its document is made from). */
  const members: (Member | undefined)[] = [];
  let notable = new Uint8Array(1024);
  /**
   * Each slot's phrases in its member's text: names from phraseFrom up to keywordsFrom, keywords from there up to
   * phraseTo, each as "\n" + phrase, the last followed by "\n" (none: an empty range).
   */
  let phraseFrom = new Int32Array(1024);
  let keywordsFrom = new Int32Array(1024);
  let phraseTo = new Int32Array(1024);
  /** Lists that still hold a posting of the slot, live or dead: it is free again at zero. */
  const refs: number[] = [];
  let alive = new Uint8Array(1024);
  const freeSlots: number[] = [];
  let slotCount = 0;
  let liveSlots = 0;
  let nextRank = 0;

  /** Vocabulary by its first three letters: prefix candidates without a sorted array to keep in order. */
  const byPrefix = new Map<string, Set<string>>();
  /** Single-deletion forms of each word, for typos. */
  const typoForms = new ShardedMap<string | string[]>();
  const typoCache = new Map<string, { term: string; edits: number }[]>();

  // Per-search scratch, indexed by slot number: no Map per query on the hot path.
  let scores = new Float64Array(1024);
  let tokenBest = new Float64Array(1024);
  let matchedCount = new Uint8Array(1024);
  /** Query words the slot has as themselves, in a name or keyword (a phrase boost needs all of them). */
  let strongCount = new Uint8Array(1024);
  /** For the word being scored: 1 when the slot has it as itself in a name or keyword, and its WHOLE_ marks. */
  let tokenStrong = new Uint8Array(1024);
  /** The WHOLE_ marks of a one-word query. */
  let wholeMarks = new Uint8Array(1024);
  /** Slots a query word finds, and slots any word found (their first `count`). */
  let seen = new Int32Array(1024);
  let touched = new Int32Array(1024);

  function newSlot(): number {
    const reused = freeSlots.pop();
    if (reused !== undefined) return reused;
    const number = slotCount++;
    if (number >= alive.length) {
      const size = alive.length * 2;
      const grown = new Uint8Array(size);
      grown.set(alive);
      alive = grown;
      notable = larger(notable, size);
      phraseFrom = larger(phraseFrom, size);
      keywordsFrom = larger(keywordsFrom, size);
      phraseTo = larger(phraseTo, size);
      scores = new Float64Array(size);
      tokenBest = new Float64Array(size);
      matchedCount = new Uint8Array(size);
      strongCount = new Uint8Array(size);
      tokenStrong = new Uint8Array(size);
      wholeMarks = new Uint8Array(size);
      seen = new Int32Array(size);
      touched = new Int32Array(size);
    }
    refs[number] = 0;
    return number;
  }

  /** One list of a slot's let go of it. */
  function release(slot: number) {
    if (--refs[slot]! === 0) freeSlots.push(slot);
  }

  function addWord(term: string) {
    const key = term.slice(0, 3);
    let set = byPrefix.get(key);
    if (!set) byPrefix.set(key, (set = new Set()));
    set.add(term);
    if (term.length >= TYPO_MIN && term.length <= TYPO_MAX && !/\d/.test(term)) {
      // Most forms belong to one word: a string, not a list, for those.
      for (const form of [term, ...deletions(term)]) {
        const known = typoForms.get(form);
        if (known === undefined) typoForms.set(form, term);
        else if (typeof known === 'string') {
          if (known !== term) typoForms.set(form, [known, term]);
        } else if (!known.includes(term)) known.push(term);
      }
    }
    typoCache.clear();
  }

  function dropWord(term: string) {
    const key = term.slice(0, 3);
    const set = byPrefix.get(key);
    set?.delete(term);
    if (set?.size === 0) byPrefix.delete(key);
    if (term.length >= TYPO_MIN && term.length <= TYPO_MAX && !/\d/.test(term)) {
      for (const form of [term, ...deletions(term)]) {
        const known = typoForms.get(form);
        if (known === term) typoForms.delete(form);
        else if (Array.isArray(known)) {
          const left = known.filter((each) => each !== term);
          typoForms.set(form, left.length === 1 ? left[0]! : left);
        }
      }
    }
    typoCache.clear();
  }

  function termFor(word: string, hash: number): number {
    let id = vocabulary.find(word, hash);
    if (id < 0) {
      id = vocabulary.add(word, hash);
      addWord(word);
    }
    return id;
  }

  /** Moves the live postings of a word's segment to `into` (its own start, or a bigger segment's). */
  function compact(id: number, into: number) {
    const { rows, chunks } = vocabulary;
    const row = id * ROW;
    const start = rows[row + START]!;
    const source = chunks[start >>> CHUNK_BITS]!;
    const target = chunks[into >>> CHUNK_BITS]!;
    const from = start & CHUNK_MASK;
    const length = rows[row + LENGTH]!;
    const first = into & CHUNK_MASK;
    let kept = first;
    for (let i = from; i < from + length; i++) {
      const posting = source[i]!;
      if (alive[posting >> 4]) target[kept++] = posting;
      else release(posting >> 4);
    }
    rows[row + START] = into;
    rows[row + LENGTH] = kept - first;
    rows[row + DEAD] = 0;
  }

  /** Room for `count` more postings at the end of a word's segment. */
  function reserve(id: number, count: number) {
    const rows = vocabulary.rows;
    const row = id * ROW;
    const length = rows[row + LENGTH]!;
    const capacity = rows[row + CAPACITY]!;
    if (length + count <= capacity) return;
    // Full: drop the dead in place when they are a quarter of it and that makes
    // room, else move to a segment half as long again as the kept ones need (dropping
    // the dead on the way). Compacting for less would scan a long list again after
    // every few updates. Kept: the live postings and those of a put under way.
    const kept = length - rows[row + DEAD]!;
    if (rows[row + DEAD]! * 4 >= length && kept + count <= capacity) return compact(id, rows[row + START]!);
    const start = rows[row + START]!;
    compact(id, vocabulary.allocate(kept + count));
    rows[row + CAPACITY] = vocabulary.allocated;
    vocabulary.giveUp(start, capacity);
  }

  /**
   * `count` postings of a word became dead (their member removed, or a put of theirs cancelled): the word leaves the
   * vocabulary when none is left live or pending, else the list is compacted once it holds more dead than live.
   */
  function deadened(id: number, count: number) {
    const row = id * ROW;
    const { rows } = vocabulary;
    const live = rows[row + LIVE]!;
    const dead = (rows[row + DEAD]! += count);
    if (live === 0 && dead === rows[row + LENGTH]!) {
      // The word leaves the vocabulary: every posting left is dead.
      const start = rows[row + START]!;
      const chunk = vocabulary.chunks[start >>> CHUNK_BITS]!;
      const from = start & CHUNK_MASK;
      for (let i = from; i < from + rows[row + LENGTH]!; i++) release(chunk[i]! >> 4);
      const word = vocabulary.words[id]!;
      vocabulary.delete(id);
      dropWord(word);
    } else if (dead >= COMPACT_MIN && dead > live) compact(id, rows[row + START]!);
  }

  /** Takes a member's entries out of the index (their slots dead, their postings counted dead). */
  function removeMember(known: Member) {
    for (const slot of known.slots) {
      alive[slot] = 0;
      liveSlots--;
      members[slot] = undefined;
      if (refs[slot] === 0) freeSlots.push(slot);
    }
    const { ids, counts } = known;
    const { rows } = vocabulary;
    for (let index = 0; index < ids.length; index++) rows[ids[index]! * ROW + LIVE]! -= counts[index]!;
    for (let index = 0; index < ids.length; index++) deadened(ids[index]!, counts[index]!);
    byOwner.delete(known.owner.id);
  }

  function remove(ownerId: string): boolean {
    const pending = pendingOf.get(ownerId);
    if (pending) cancel(pending);
    const known = byOwner.get(ownerId);
    if (known) removeMember(known);
    return known !== undefined || pending !== undefined;
  }

  /** A put under way: its member (slots PENDING, not in byOwner), and how many of its words are in. */
  class Pending implements PendingPut {
    state: PendingPut['state'] = 'pending';
    next = 0;
    constructor(
      readonly member: Member,
      readonly prepared: PreparedProfile,
    ) {}

    step(words = Infinity): boolean {
      if (this.state !== 'pending') return true;
      const { words: all, hashes, starts, postings } = this.prepared;
      const { slots, ids, counts } = this.member;
      const end = Math.min(all.length, this.next + words);
      // One look-up per word of the profile, and its postings appended together (not yet counted live).
      for (let index = this.next; index < end; index++) {
        const id = termFor(all[index]!, hashes[index]!);
        const from = starts[index]!;
        const count = starts[index + 1]! - from;
        reserve(id, count);
        // Read after reserve: a segment moved may be in a new chunk.
        const { rows, chunks } = vocabulary;
        const row = id * ROW;
        const start = rows[row + START]!;
        const chunk = chunks[start >>> CHUNK_BITS]!;
        let at = (start & CHUNK_MASK) + rows[row + LENGTH]!;
        for (let i = from; i < from + count; i++) {
          const posting = postings[i]!;
          const slot = slots[posting >> 4]!;
          chunk[at++] = slot * SLOT_SHIFT + (posting & (SLOT_SHIFT - 1));
          refs[slot]!++;
        }
        rows[row + LENGTH]! += count;
        ids[index] = id;
        counts[index] = count;
      }
      this.next = end;
      if (end < all.length) return false;
      commit(this);
      return true;
    }
  }
  /** Puts under way, by owner. */
  const pendingOf = new Map<string, Pending>();

  function beginPut(owner: Owner, prepared: PreparedProfile, documents: DocumentSource): PendingPut {
    const earlier = pendingOf.get(owner.id);
    const rank = byOwner.get(owner.id)?.rank ?? earlier?.member.rank ?? nextRank++;
    if (earlier) cancel(earlier);
    const { entries, words } = prepared;
    const slots = new Int32Array(entries.length);
    // The member's phrases, all in one string (see phraseFrom): one object kept per member, not two arrays and
    // their strings per entry, for the young generation's collections to copy.
    const parts: string[] = [];
    let length = 0;
    const region = (phrases: readonly string[]) => {
      if (phrases.length === 0) return;
      for (const phrase of phrases) {
        parts.push('\n', phrase);
        length += 1 + phrase.length;
      }
      parts.push('\n');
      length++;
    };
    for (let at = 0; at < entries.length; at++) {
      const { section, notable: isNotable, namePhrases, keywordPhrases } = entries[at]!;
      const slot = newSlot();
      // Pending, not dead, before its postings go in: a list compacted meanwhile keeps them, and searches skip them.
      alive[slot] = PENDING;
      refs[slot] = 0;
      ranks[slot] = rank;
      sections[slot] = SECTION_RANK.get(section) ?? 9;
      orders[slot] = at;
      notable[slot] = isNotable ? 1 : 0;
      phraseFrom[slot] = length;
      region(namePhrases);
      keywordsFrom[slot] = length;
      region(keywordPhrases);
      phraseTo[slot] = length;
      slots[at] = slot;
    }
    const member = new Member(owner, rank, slots, new Int32Array(words.length), new Int32Array(words.length), documents, parts.join(''));
    for (const slot of slots) members[slot] = member;
    const pending = new Pending(member, prepared);
    pendingOf.set(owner.id, pending);
    return pending;
  }

  /** The last step of a put: its entries live and counted, the owner's old ones gone, all at once. */
  function commit(pending: Pending) {
    const { member } = pending;
    const { ids, counts, slots } = member;
    const { rows } = vocabulary;
    // Counted live before the old entries go: a word both have never drops to none (and out of the vocabulary) on the way.
    for (let index = 0; index < ids.length; index++) rows[ids[index]! * ROW + LIVE]! += counts[index]!;
    for (const slot of slots) alive[slot] = 1;
    liveSlots += slots.length;
    const old = byOwner.get(member.owner.id);
    if (old) removeMember(old);
    byOwner.set(member.owner.id, member);
    pendingOf.delete(member.owner.id);
    pending.state = 'put';
  }

  /** A put given up before its last step: its slots and the postings it had appended are dead. */
  function cancel(pending: Pending) {
    pending.state = 'cancelled';
    const { member } = pending;
    pendingOf.delete(member.owner.id);
    for (const slot of member.slots) {
      alive[slot] = 0;
      members[slot] = undefined;
      if (refs[slot] === 0) freeSlots.push(slot);
    }
    for (let index = 0; index < pending.next; index++) deadened(member.ids[index]!, member.counts[index]!);
  }

  function putPrepared(owner: Owner, prepared: PreparedProfile, documents: DocumentSource) {
    beginPut(owner, prepared, documents).step();
  }

  function rename(owner: Owner): boolean {
    const pending = pendingOf.get(owner.id);
    if (pending) pending.member.owner = owner;
    const known = byOwner.get(owner.id);
    if (known) known.owner = owner;
    return known !== undefined;
  }

  /**
   * The slot's entry, its document made from its member's profile or documents' bytes. Made each time it is asked
   * for, not kept: a search's hits are garbage once answered, while documents kept here would be what the young
   * generation's collections copy, and the index's memory would grow back to every document a search ever returned.
   */
  function entryAt(slot: number): CommunityEntry {
    const member = members[slot]!;
    const order = orders[slot]!;
    const { documents } = member;
    const doc =
      'ends' in documents
        ? (JSON.parse(decoder.decode(documents.bytes.subarray(documents.ends[order - 1] ?? 0, documents.ends[order]))) as SearchDoc)
        : documentAt(documents, order)!;
    return new Entry(member.owner, doc);
  }

  /** Whether one of the slot's phrases from `from` up to `to` (see phraseFrom) is `phrase`, or holds it as whole words. */
  function phraseIn(slot: number, from: number, to: number, phrase: string, within: boolean): boolean {
    if (from === to) return false;
    const text = members[slot]!.phrases;
    // Each phrase starts after a line feed and ends before the next one.
    for (let start = from + 1; start < to;) {
      let end = text.indexOf('\n', start);
      if (end < 0 || end > to) end = to;
      if (end - start === phrase.length) {
        if (text.startsWith(phrase, start)) return true;
      } else if (within && end - start > phrase.length) {
        for (let at = start; at + phrase.length <= end; at++) {
          if (at > start && text.charCodeAt(at - 1) !== SPACE) continue;
          const after = at + phrase.length;
          if ((after === end || text.charCodeAt(after) === SPACE) && text.startsWith(phrase, at)) return true;
        }
      }
      start = end + 1;
    }
    return false;
  }

  const idf = (id: number) => Math.log(1 + liveSlots / vocabulary.rows[id * ROW + LIVE]!);

  function typos(word: string): { term: string; edits: number }[] {
    const cached = typoCache.get(word);
    if (cached) return cached;
    const allowed = allowedEdits(word.length);
    const found = new Map<string, number>();
    if (allowed > 0 && !/\d/.test(word)) {
      for (const form of [word, ...deletions(word)]) {
        const known = typoForms.get(form);
        for (const term of known === undefined ? [] : typeof known === 'string' ? [known] : known) {
          if (found.has(term)) continue;
          const edits = editDistance(word, term);
          if (edits <= allowed) found.set(term, edits);
        }
      }
    }
    const list = [...found].map(([term, edits]) => ({ term, edits }));
    if (typoCache.size >= TYPO_CACHE) typoCache.delete(typoCache.keys().next().value!);
    typoCache.set(word, list);
    return list;
  }

  /** The terms a query word finds, with how close each is; the word itself is `exact`. */
  function candidatesFor(token: string): { exact: number; found: Map<number, number> } {
    const exact = liveTerm(token);
    const found = new Map<number, number>();
    if (exact >= 0) found.set(exact, 1);
    if (token.length >= 3) {
      for (const word of byPrefix.get(token.slice(0, 3)) ?? []) {
        if (word === token || !word.startsWith(token)) continue;
        const similarity = (exact >= 0 ? 0.6 : 0.8) * Math.sqrt(token.length / word.length);
        if (similarity < 0.45) continue;
        const term = liveTerm(word);
        if (term < 0) continue;
        found.set(term, Math.max(similarity, found.get(term) ?? 0));
      }
    }
    if (exact < 0) {
      for (const { term: word, edits } of typos(token)) {
        const term = liveTerm(word);
        if (term < 0) continue;
        found.set(term, Math.max(0.85 - 0.1 * edits, found.get(term) ?? 0));
      }
    }
    return { exact, found };
  }

  /** Does slot `a` with `scoreA` rank before slot `b` with `scoreB`? A total order: ties break by section, owner, position. */
  function before(a: number, scoreA: number, b: number, scoreB: number): boolean {
    if (scoreA !== scoreB) return scoreA > scoreB;
    if (sections[a] !== sections[b]) return sections[a]! < sections[b]!;
    if (ranks[a] !== ranks[b]) return ranks[a]! < ranks[b]!;
    return orders[a]! < orders[b]!;
  }

  function search(query: string, options: CommunitySearchOptions = {}): CommunityHit[] {
    const limit = Math.max(0, Math.min(options.limit ?? 10, 100));
    if (limit === 0 || liveSlots === 0) return [];
    const section = sectionRank(options.section);
    const tokens = [...new Set(queryTokens(query.slice(0, MAX_QUERY_LENGTH)))].slice(0, MAX_QUERY_TOKENS);
    if (tokens.length === 0) return [];
    const phrase = tokens.join(' ');
    const maxIdf = Math.max(1, Math.log(1 + liveSlots));
    let touchedCount = 0;
    let possible = 0;
    for (const token of tokens) {
      const { exact, found } = candidatesFor(token);
      let best = -Infinity;
      for (const term of found.keys()) best = Math.max(best, idf(term));
      possible += found.size > 0 ? best : maxIdf;
      let seenCount = 0;
      for (const [term, similarity] of found) {
        const factor = similarity * idf(term);
        const { rows } = vocabulary;
        const start = rows[term * ROW + START]!;
        const arena = vocabulary.chunks[start >>> CHUNK_BITS]!;
        const from = start & CHUNK_MASK;
        const to = from + rows[term * ROW + LENGTH]!;
        const isExact = term === exact;
        // One query word, and a term that is not the word itself (a prefix, a typo): an entry's score is then its
        // best posting's value over `possible`, with no phrase boost, so a posting whose value cannot reach the
        // cutoff changes nothing kept. The keys too light for it are skipped (most postings are body words).
        let lightest = 3;
        if (skipLight && tokens.length === 1 && !isExact) {
          while (lightest >= 0 && finalScore(factor * WEIGHTS[lightest]!, possible) < RELEVANCE_CUTOFF) lightest--;
          if (lightest < 0) continue;
        }
        for (let i = from; i < to; i++) {
          const posting = arena[i]!;
          const code = posting & 3;
          if (code > lightest) continue;
          const slot = posting >> 4;
          if (alive[slot] !== 1) continue;
          const value = factor * WEIGHTS[code]!;
          const previous = tokenBest[slot]!;
          if (previous === 0) seen[seenCount++] = slot;
          if (value > previous) tokenBest[slot] = value;
          if (isExact && code <= PHRASE_CODE) tokenStrong[slot] = 1 | (posting & (WHOLE_NAME | WHOLE_KEYWORD));
        }
      }
      for (let i = 0; i < seenCount; i++) {
        const slot = seen[i]!;
        if (matchedCount[slot] === 0) touched[touchedCount++] = slot;
        scores[slot]! += tokenBest[slot]!;
        matchedCount[slot]! += 1;
        strongCount[slot]! += tokenStrong[slot]! & 1;
        wholeMarks[slot] = tokenStrong[slot]!;
        tokenBest[slot] = 0;
        tokenStrong[slot] = 0;
      }
    }
    // The best `limit` hits in a heap whose root is the worst of them: a common
    // word matches thousands of entries, and only a few are kept.
    const heapSlots: number[] = [];
    const heapScores: number[] = [];
    const worse = (i: number, j: number) => before(heapSlots[j]!, heapScores[j]!, heapSlots[i]!, heapScores[i]!);
    const swap = (i: number, j: number) => {
      [heapSlots[i], heapSlots[j]] = [heapSlots[j]!, heapSlots[i]!];
      [heapScores[i], heapScores[j]] = [heapScores[j]!, heapScores[i]!];
    };
    for (let i = 0; i < touchedCount; i++) {
      const slot = touched[i]!;
      const raw = scores[slot]!;
      const matched = matchedCount[slot]!;
      const strong = strongCount[slot]!;
      const whole = wholeMarks[slot]!;
      scores[slot] = 0;
      matchedCount[slot] = 0;
      strongCount[slot] = 0;
      wholeMarks[slot] = 0;
      if (section !== undefined && sections[slot] !== section) continue;
      if (options.member !== undefined && members[slot]!.owner.id !== options.member) continue;
      const coverage = matched / tokens.length;
      if (tokens.length > 1 && coverage < 0.5) continue;
      let score = unrounded(raw, possible, coverage);
      // A name or keyword that holds the phrase holds each query word as itself: only those entries are looked at.
      if (strong === tokens.length && tokens.length === 1) {
        // One word: a name or keyword that is the phrase is one that is the word, marked on its posting.
        if (whole & WHOLE_NAME) score = 1;
        else if (whole & WHOLE_KEYWORD) score = Math.max(score, 0.85);
      } else if (strong === tokens.length) {
        // Two words or more: only names and keywords of two words or more can hold the phrase (its space).
        if (phraseIn(slot, phraseFrom[slot]!, keywordsFrom[slot]!, phrase, false)) score = 1;
        else if (tokens.length > 1 && phraseIn(slot, phraseFrom[slot]!, keywordsFrom[slot]!, phrase, true)) score = Math.max(score, 0.9);
        else if (phraseIn(slot, keywordsFrom[slot]!, phraseTo[slot]!, phrase, false)) score = Math.max(score, 0.85);
      }
      score = rounded(score);
      if (score < RELEVANCE_CUTOFF) continue;
      if (heapSlots.length < limit) {
        heapSlots.push(slot);
        heapScores.push(score);
        for (let i = heapSlots.length - 1; i > 0 && worse(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
      } else if (before(slot, score, heapSlots[0]!, heapScores[0]!)) {
        heapSlots[0] = slot;
        heapScores[0] = score;
        for (let i = 0; ;) {
          const left = 2 * i + 1;
          const right = left + 1;
          let worst = i;
          if (left < heapSlots.length && worse(left, worst)) worst = left;
          if (right < heapSlots.length && worse(right, worst)) worst = right;
          if (worst === i) break;
          swap(i, worst);
          i = worst;
        }
      }
    }
    return heapSlots
      .map((slot, i) => ({ slot, score: heapScores[i]! }))
      .sort((a, b) => (before(a.slot, a.score, b.slot, b.score) ? -1 : 1))
      .map(({ slot, score }) => ({ entry: entryAt(slot), score }));
  }

  function entriesOf(ownerId: string): CommunityEntry[] {
    return Array.from(byOwner.get(ownerId)?.slots ?? [], entryAt);
  }

  function suggest(input: string, options: CommunitySearchOptions = {}): Suggestion[] {
    const limit = Math.max(0, Math.min(options.limit ?? 25, 25));
    const label = (entry: CommunityEntry) => clip(`${entry.doc.title} — ${entry.owner.name}`, 100);
    if (!input.trim()) {
      const owners = options.member !== undefined ? [options.member] : [...byOwner.keys()];
      // The first `limit` of the entries asked for, in owner and profile order; only their documents are made.
      const section = sectionRank(options.section);
      const chosen: Suggestion[] = [];
      for (const id of owners) {
        for (const slot of byOwner.get(id)?.slots ?? []) {
          if (chosen.length >= limit) return chosen;
          if (section !== undefined && sections[slot] !== section) continue;
          if (notable[slot] === 0 && options.member === undefined) continue;
          const entry = entryAt(slot);
          chosen.push({ name: label(entry), value: clip(entry.doc.title, 100) });
        }
      }
      return chosen;
    }
    return search(input, { ...options, limit }).map(({ entry }) => ({ name: label(entry), value: clip(entry.doc.title, 100) }));
  }

  return {
    put: (owner, profile) => putPrepared(owner, prepareProfile(profile), profile),
    putPrepared,
    beginPut,
    rename,
    remove,
    has: (ownerId) => byOwner.has(ownerId),
    owners: () => [...byOwner.values()].sort((a, b) => a.rank - b.rank).map((known) => known.owner),
    get size() {
      return liveSlots;
    },
    search,
    suggest,
    entriesOf,
    countOf: (ownerId) => byOwner.get(ownerId)?.slots.length ?? 0,
  };
}

/** An entry's score before the phrase boosts: its words' best values over the best possible, by how many words it has. */
function unrounded(raw: number, possible: number, coverage: number): number {
  return (raw / possible) * (0.4 + 0.6 * coverage);
}

/** The score of a one-word query's entry whose best value is `raw` and which no phrase boost lifts. */
function finalScore(raw: number, possible: number): number {
  return rounded(unrounded(raw, possible, 1));
}

function rounded(score: number): number {
  return Math.round(Math.min(1, score) * 1000) / 1000;
}

const SHARDS = 64;

/**
 * A Map split by a cheap hash of the key. V8 rehashes a Map whole when it grows,
 * and also when deletions and insertions have filled its table (the churn of
 * words an update brings): split, each rehash moves a sixty-fourth of the
 * vocabulary, and no single update pays for all of it.
 */
class ShardedMap<V> {
  private readonly shards = Array.from({ length: SHARDS }, () => new Map<string, V>());

  private shard(key: string): Map<string, V> {
    let hash = key.length;
    for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
    return this.shards[hash & (SHARDS - 1)]!;
  }

  get(key: string): V | undefined {
    return this.shard(key).get(key);
  }

  set(key: string, value: V): void {
    this.shard(key).set(key, value);
  }

  delete(key: string): void {
    this.shard(key).delete(key);
  }
}

/** The rank the index keeps for a section asked for (none: every section; a name no entry has: -1, matching none). */
function sectionRank(section: Section | undefined): number | undefined {
  return section ? (SECTION_RANK.get(section) ?? -1) : undefined;
}

/** `array` copied into one of `size` elements (the rest zero). */
function larger<T extends Uint8Array<ArrayBuffer> | Int32Array<ArrayBuffer>>(array: T, size: number): T {
  const bigger = new (array.constructor as new (size: number) => T)(size);
  bigger.set(array);
  return bigger;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1).trimEnd() + '…';
}
