// The search over every profile listed in one server: the owner's and each
// member's, in one index that is updated in place when a member submits,
// replaces or removes a profile (no rebuild of the others). It scores as the
// profile search does (src/search/index.ts: weighted keys, idf, prefix and typo
// candidates, coverage, the name-phrase boosts), with document frequencies over
// the whole server, and each hit says whose entry it is.
import type { Profile, Section } from '../profile/schema.js';
import { editDistance } from '../edit-distance.js';
import { buildDocuments, type SearchDoc } from './documents.js';
import { KEY_WEIGHTS, RELEVANCE_CUTOFF, type Suggestion } from './index.js';
import { queryTokens, tokenize } from './normalise.js';
import { allowedEdits, deletions } from './typos.js';

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

export interface CommunitySearch {
  /** Adds the owner's or a member's profile, replacing what they had. */
  put(owner: Owner, profile: Profile): void;
  /** True when they had entries. */
  remove(ownerId: string): boolean;
  has(ownerId: string): boolean;
  owners(): Owner[];
  /** Entries in the index. */
  readonly size: number;
  search(query: string, options?: CommunitySearchOptions): CommunityHit[];
  /** Autocomplete over every entry (or one section, one member): "title — name". */
  suggest(input: string, options?: CommunitySearchOptions): Suggestion[];
  /** The entries of one owner, in profile order. */
  entriesOf(ownerId: string): CommunityEntry[];
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

interface Slot {
  entry: CommunityEntry;
  /** Order of the owner in the server (first submission first), then of the doc. */
  ownerRank: number;
  names: string[];
  keywords: string[];
  /** Its words, for taking its postings out again. */
  terms: string[];
}

export function createCommunitySearch(): CommunitySearch {
  const slots = new Map<number, Slot>();
  const byOwner = new Map<string, { owner: Owner; rank: number; docs: number[] }>();
  const postings = new Map<string, Map<number, number>>();
  /** Vocabulary by its first three letters: prefix candidates without a sorted array to keep in order. */
  const byPrefix = new Map<string, Set<string>>();
  /** Single-deletion forms of each word, for typos. */
  const typoForms = new Map<string, string | string[]>();
  const typoCache = new Map<string, { term: string; edits: number }[]>();
  /** Slot numbers freed by removals, used again: the scratch arrays stay as long as the index is big. */
  const free: number[] = [];
  let nextSlot = 0;
  let nextRank = 0;
  // Per-search scratch, indexed by slot number: no Map per query on the hot path.
  let scores = new Float64Array(1024);
  let matchedCount = new Uint8Array(1024);
  let tokenBest = new Float64Array(1024);

  function newSlot(): number {
    const number = free.pop() ?? nextSlot++;
    if (number >= scores.length) {
      const size = scores.length * 2;
      scores = new Float64Array(size);
      matchedCount = new Uint8Array(size);
      tokenBest = new Float64Array(size);
    }
    return number;
  }

  function addTerm(term: string) {
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

  function dropTerm(term: string) {
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

  function remove(ownerId: string): boolean {
    const known = byOwner.get(ownerId);
    if (!known) return false;
    for (const number of known.docs) {
      const slot = slots.get(number)!;
      for (const term of slot.terms) {
        const list = postings.get(term)!;
        list.delete(number);
        if (list.size === 0) {
          postings.delete(term);
          dropTerm(term);
        }
      }
      slots.delete(number);
      free.push(number);
    }
    byOwner.delete(ownerId);
    return true;
  }

  function put(owner: Owner, profile: Profile) {
    const rank = byOwner.get(owner.id)?.rank ?? nextRank++;
    remove(owner.id);
    const docs: number[] = [];
    for (const doc of buildDocuments(profile)) {
      const number = newSlot();
      const terms = new Map<string, number>();
      const add = (weight: number, texts: readonly string[]) => {
        for (const text of texts) for (const term of tokenize(text)) if ((terms.get(term) ?? 0) < weight) terms.set(term, weight);
      };
      add(KEY_WEIGHTS.names, doc.names);
      add(KEY_WEIGHTS.keywords, doc.keywords);
      add(KEY_WEIGHTS.summary, [doc.summary]);
      add(KEY_WEIGHTS.body, doc.body);
      for (const [term, weight] of terms) {
        let list = postings.get(term);
        if (!list) {
          postings.set(term, (list = new Map()));
          addTerm(term);
        }
        list.set(number, weight);
      }
      slots.set(number, {
        entry: { owner, doc },
        ownerRank: rank,
        names: doc.names.map((name) => tokenize(name).join(' ')),
        keywords: doc.keywords.map((keyword) => tokenize(keyword).join(' ')),
        terms: [...terms.keys()],
      });
      docs.push(number);
    }
    byOwner.set(owner.id, { owner, rank, docs });
  }

  const idf = (term: string) => Math.log(1 + slots.size / (postings.get(term)?.size ?? 1));

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

  function candidatesFor(token: string): { term: string; similarity: number }[] {
    const exact = postings.has(token);
    const out = new Map<string, number>();
    if (exact) out.set(token, 1);
    if (token.length >= 3) {
      for (const term of byPrefix.get(token.slice(0, 3)) ?? []) {
        if (term === token || !term.startsWith(token)) continue;
        const similarity = (exact ? 0.6 : 0.8) * Math.sqrt(token.length / term.length);
        if (similarity >= 0.45) out.set(term, Math.max(similarity, out.get(term) ?? 0));
      }
    }
    if (!exact) for (const { term, edits } of typos(token)) out.set(term, Math.max(0.85 - 0.1 * edits, out.get(term) ?? 0));
    return [...out].map(([term, similarity]) => ({ term, similarity }));
  }

  function search(query: string, options: CommunitySearchOptions = {}): CommunityHit[] {
    const limit = Math.max(0, Math.min(options.limit ?? 10, 100));
    if (limit === 0 || slots.size === 0) return [];
    const tokens = [...new Set(queryTokens(query.slice(0, MAX_QUERY_LENGTH)))].slice(0, MAX_QUERY_TOKENS);
    if (tokens.length === 0) return [];
    const phrase = tokens.join(' ');
    const maxIdf = Math.max(1, Math.log(1 + slots.size));
    const touched: number[] = [];
    let possible = 0;
    for (const token of tokens) {
      const candidates = candidatesFor(token);
      possible += candidates.length > 0 ? Math.max(...candidates.map((candidate) => idf(candidate.term))) : maxIdf;
      const seen: number[] = [];
      for (const { term, similarity } of candidates) {
        const factor = similarity * idf(term);
        for (const [number, weight] of postings.get(term) ?? []) {
          const value = factor * weight;
          const before = tokenBest[number]!;
          if (before === 0) seen.push(number);
          if (value > before) tokenBest[number] = value;
        }
      }
      for (const number of seen) {
        if (matchedCount[number] === 0) touched.push(number);
        scores[number]! += tokenBest[number]!;
        matchedCount[number]! += 1;
        tokenBest[number] = 0;
      }
    }
    const hits: { number: number; score: number }[] = [];
    for (const number of touched) {
      const raw = scores[number]!;
      const matched = matchedCount[number]!;
      scores[number] = 0;
      matchedCount[number] = 0;
      const slot = slots.get(number)!;
      const { doc, owner } = slot.entry;
      if (options.section && doc.section !== options.section) continue;
      if (options.member !== undefined && owner.id !== options.member) continue;
      const coverage = matched / tokens.length;
      if (tokens.length > 1 && coverage < 0.5) continue;
      let score = (raw / possible) * (0.4 + 0.6 * coverage);
      if (slot.names.includes(phrase)) score = 1;
      else if (tokens.length > 1 && slot.names.some((name) => ` ${name} `.includes(` ${phrase} `))) score = Math.max(score, 0.9);
      else if (slot.keywords.includes(phrase)) score = Math.max(score, 0.85);
      score = Math.round(Math.min(1, score) * 1000) / 1000;
      if (score >= RELEVANCE_CUTOFF) hits.push({ number, score });
    }
    // Only the best `limit` are sorted in full: a common word matches thousands of entries.
    let kept = hits;
    if (hits.length > limit) {
      const sorted = Float64Array.from(hits, (hit) => hit.score).sort();
      const threshold = sorted[sorted.length - limit]!;
      kept = hits.filter((hit) => hit.score >= threshold);
    }
    const ranked = kept.map(({ number, score }) => {
      const slot = slots.get(number)!;
      return { entry: slot.entry, score, rank: slot.ownerRank };
    });
    ranked.sort(
      (a, b) =>
        b.score - a.score ||
        (SECTION_RANK.get(a.entry.doc.section) ?? 9) - (SECTION_RANK.get(b.entry.doc.section) ?? 9) ||
        a.rank - b.rank ||
        a.entry.doc.order - b.entry.doc.order,
    );
    return ranked.slice(0, limit).map(({ entry, score }) => ({ entry, score }));
  }

  function entriesOf(ownerId: string): CommunityEntry[] {
    return (byOwner.get(ownerId)?.docs ?? []).map((number) => slots.get(number)!.entry);
  }

  function suggest(input: string, options: CommunitySearchOptions = {}): Suggestion[] {
    const limit = Math.max(0, Math.min(options.limit ?? 25, 25));
    const label = (entry: CommunityEntry) => clip(`${entry.doc.title} — ${entry.owner.name}`, 100);
    if (!input.trim()) {
      const owners = options.member !== undefined ? [options.member] : [...byOwner.keys()];
      return owners
        .flatMap((id) => entriesOf(id).filter((entry) => !options.section || entry.doc.section === options.section))
        .filter((entry) => entry.doc.notable || options.member !== undefined)
        .slice(0, limit)
        .map((entry) => ({ name: label(entry), value: clip(entry.doc.title, 100) }));
    }
    return search(input, { ...options, limit }).map(({ entry }) => ({ name: label(entry), value: clip(entry.doc.title, 100) }));
  }

  return {
    put,
    remove,
    has: (ownerId) => byOwner.has(ownerId),
    owners: () => [...byOwner.values()].sort((a, b) => a.rank - b.rank).map((known) => known.owner),
    get size() {
      return slots.size;
    },
    search,
    suggest,
    entriesOf,
  };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1).trimEnd() + '…';
}
