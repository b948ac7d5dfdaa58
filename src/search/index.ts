// The search index: one per loaded profile, over every section.
//
// Scoring is a weighted, idf-scaled term match over four keys, in order of
// weight: names (title, aliases) > keywords (tags, tools) > summary > body
// (details, highlights, metrics). A query word that is not in the profile's
// vocabulary is looked up by prefix and in the typo layer over the vocabulary
// (./typos.ts: "lookahed" → "lookahead"), and every word also finds the other
// inflections of itself the profile uses (./stem.ts: "led" finds "leading"); a
// word that matches nothing at all
// counts against the entry, so "quantum computing" finds nothing rather than
// the entry that happens to share a stop word. Ties break by section, then by
// position in the profile, so the order is deterministic.
import type { Profile, Section } from '../profile/schema.js';
import { SECTIONS } from '../profile/constants.js';
import { buildDocuments, type SearchDoc } from './documents.js';
import { queryTokens, tokenize } from './normalise.js';
import { inflectionsOf } from './stem.js';
import { createTypoLayer, type TypoLayer } from './typos.js';

export interface SearchHit {
  section: Section;
  id: string;
  title: string;
  url: string | null;
  /** Relevance in (0, 1]; 1 is an exact name match. */
  score: number;
  doc: SearchDoc;
}

export interface SearchOptions {
  section?: Section | undefined;
  limit?: number | undefined;
}

export interface Suggestion {
  name: string;
  value: string;
}

export interface ProfileSearch {
  readonly documents: readonly SearchDoc[];
  /** The profile's words, folded as the search folds them, sorted. */
  readonly vocabulary: readonly string[];
  /** Is this folded word in the profile, as itself or another inflection ("led" when the profile says "leading")? */
  knows(word: string): boolean;
  search(query: string, options?: SearchOptions): SearchHit[];
  /** Autocomplete for a project name: ≤ 25, best first; notable projects on an empty input. */
  suggestProjects(input: string, limit?: number): Suggestion[];
  /** Autocomplete for a free query across sections. */
  suggest(input: string, limit?: number): Suggestion[];
}

/** Weights of the keys. */
export const KEY_WEIGHTS = { names: 1, keywords: 0.8, summary: 0.6, body: 0.45 } as const;
type Key = keyof typeof KEY_WEIGHTS;

/** An entry is relevant at or above this score. */
export const RELEVANCE_CUTOFF = 0.3;
const SECTION_RANK = new Map<Section, number>(
  (['projects', 'experience', 'research', 'blogs', 'skills', 'learning', 'education', 'about', 'contact'] as const).map((s, i) => [s, i]),
);

interface Posting {
  doc: number;
  weight: number;
}

interface Candidate {
  term: string;
  similarity: number;
}

/** How close another inflection of a word is to the word itself ("led" for "leading"). */
const INFLECTION_SIMILARITY = 0.9;
const MAX_QUERY_TOKENS = 12;
const MAX_QUERY_LENGTH = 200;

/**
 * `typoLayer` builds the typo layer over the vocabulary; a parameter so that
 * `npm run bench:search -- --typo-ab` can run the same search with fuse.js in
 * its place.
 */
export function createSearch(profile: Profile, typoLayer: (words: readonly string[]) => TypoLayer = createTypoLayer): ProfileSearch {
  const documents = buildDocuments(profile);
  const postings = new Map<string, Posting[]>();
  const nameKeys: string[][] = documents.map((doc) => doc.names.map((name) => tokenize(name).join(' ')));
  const keywordKeys: string[][] = documents.map((doc) => doc.keywords.map((k) => tokenize(k).join(' ')));

  documents.forEach((doc, index) => {
    const best = new Map<string, number>();
    const add = (key: Key, texts: readonly string[]) => {
      for (const text of texts) {
        for (const term of tokenize(text)) {
          const weight = KEY_WEIGHTS[key];
          if ((best.get(term) ?? 0) < weight) best.set(term, weight);
        }
      }
    };
    add('names', doc.names);
    add('keywords', doc.keywords);
    add('summary', [doc.summary]);
    add('body', doc.body);
    for (const [term, weight] of best) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push({ doc: index, weight });
    }
  });

  const vocabulary = [...postings.keys()].sort();
  const idf = new Map(vocabulary.map((term) => [term, Math.log(1 + documents.length / (postings.get(term)?.length ?? 1))]));
  const maxIdf = Math.max(1, ...idf.values());
  // Built on the first word not in the vocabulary: a start-up (and a profile
  // nobody misspells) skips it.
  let typos: TypoLayer | undefined;
  // Other inflections of a word the profile uses: generated from the word and
  // looked up, so that no table of the vocabulary's stems is built at start.
  const inflectionCache = new Map<string, string[]>();

  function inflections(token: string): string[] {
    let found = inflectionCache.get(token);
    if (!found) {
      found = inflectionsOf(token).filter((form) => postings.has(form));
      if (inflectionCache.size >= 5000) inflectionCache.delete(inflectionCache.keys().next().value!);
      inflectionCache.set(token, found);
    }
    return found;
  }

  function candidatesFor(token: string): Candidate[] {
    const siblings = inflections(token)
      .filter((term) => term !== token)
      .map((term) => ({ term, similarity: INFLECTION_SIMILARITY }));
    if (postings.has(token)) {
      const out: Candidate[] = [{ term: token, similarity: 1 }];
      return dedupe(out.concat(siblings, prefixCandidates(token, true)));
    }
    const out = [...siblings, ...prefixCandidates(token, false)];
    if (siblings.length === 0) {
      typos ??= typoLayer(vocabulary);
      for (const { term, edits } of typos.lookup(token)) out.push({ term, similarity: 0.85 - 0.1 * edits });
    }
    return dedupe(out);
  }

  function knows(word: string): boolean {
    return postings.has(word) || inflections(word).length > 0;
  }

  function prefixCandidates(token: string, exactExists: boolean): Candidate[] {
    if (token.length < 3) return [];
    const out: Candidate[] = [];
    let lo = lowerBound(vocabulary, token);
    while (lo < vocabulary.length) {
      const term = vocabulary[lo++]!;
      if (!term.startsWith(token)) break;
      if (term === token) continue;
      // A prefix is a weaker match the more it leaves out ("net" for "network").
      const similarity = (exactExists ? 0.6 : 0.8) * Math.sqrt(token.length / term.length);
      if (similarity >= 0.45) out.push({ term, similarity });
    }
    return out;
  }

  function search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = Math.max(0, Math.min(options.limit ?? 10, 100));
    if (limit === 0) return [];
    const tokens = [...new Set(queryTokens(query.slice(0, MAX_QUERY_LENGTH)))].slice(0, MAX_QUERY_TOKENS);
    if (tokens.length === 0) return [];
    const phrase = tokens.join(' ');

    const scores = new Float64Array(documents.length);
    const matched = new Uint8Array(documents.length);
    let possible = 0;
    for (const token of tokens) {
      const candidates = candidatesFor(token);
      const tokenIdf = candidates.length > 0 ? Math.max(...candidates.map((c) => idf.get(c.term) ?? 0)) : maxIdf;
      possible += tokenIdf;
      const best = new Map<number, number>();
      for (const { term, similarity } of candidates) {
        const termIdf = idf.get(term) ?? 0;
        for (const posting of postings.get(term) ?? []) {
          const value = similarity * posting.weight * termIdf;
          if (value > (best.get(posting.doc) ?? 0)) best.set(posting.doc, value);
        }
      }
      for (const [doc, value] of best) {
        scores[doc]! += value;
        matched[doc]! += 1;
      }
    }

    const hits: SearchHit[] = [];
    for (let index = 0; index < documents.length; index++) {
      const doc = documents[index]!;
      if (options.section && doc.section !== options.section) continue;
      if (matched[index] === 0) continue;
      const coverage = matched[index]! / tokens.length;
      let score = (scores[index]! / possible) * (0.4 + 0.6 * coverage);
      if (nameKeys[index]!.includes(phrase)) score = 1;
      else if (nameKeys[index]!.some((name) => containsPhrase(name, phrase)) && tokens.length > 1) score = Math.max(score, 0.9);
      else if (keywordKeys[index]!.includes(phrase)) score = Math.max(score, 0.85); // a whole tag beats a word inside one
      score = Math.min(1, score);
      if (score < RELEVANCE_CUTOFF || (tokens.length > 1 && coverage < 0.5)) continue;
      hits.push({ section: doc.section, id: doc.id, title: doc.title, url: doc.url, score: round(score), doc });
    }
    hits.sort(
      (a, b) => b.score - a.score || (SECTION_RANK.get(a.section) ?? 9) - (SECTION_RANK.get(b.section) ?? 9) || a.doc.order - b.doc.order,
    );
    return hits.slice(0, limit);
  }

  const projects = documents.filter((doc) => doc.section === 'projects');
  const notableFirst = [...projects].sort((a, b) => Number(b.notable) - Number(a.notable) || a.order - b.order);

  function suggestProjects(input: string, limit = 25): Suggestion[] {
    const max = Math.max(0, Math.min(limit, 25));
    const toChoice = (doc: SearchDoc): Suggestion => ({ name: clip(doc.title, 100), value: doc.id });
    const text = input.trim();
    if (!text) return notableFirst.slice(0, max).map(toChoice);
    const folded = tokenize(text).join(' ');
    // Names that start with what was typed come first, in profile order, then the search's ranking.
    const starts = projects.filter((doc) => nameKeys[doc.order]!.some((name) => name.startsWith(folded)));
    const ranked = search(text, { section: 'projects', limit: 25 }).map((hit) => hit.doc);
    return dedupeDocs([...starts, ...ranked])
      .slice(0, max)
      .map(toChoice);
  }

  function suggest(input: string, limit = 25): Suggestion[] {
    const max = Math.max(0, Math.min(limit, 25));
    if (!input.trim()) return notableFirst.slice(0, max).map((doc) => ({ name: clip(doc.title, 100), value: clip(doc.title, 100) }));
    return search(input, { limit: max }).map((hit) => {
      const name = clip(`${hit.title} (${hit.section})`, 100);
      return { name, value: clip(hit.title, 100) };
    });
  }

  return { documents, vocabulary, knows, search, suggestProjects, suggest };
}

export function isSection(value: string): value is Section {
  return (SECTIONS as readonly string[]).includes(value);
}

function containsPhrase(haystack: string, phrase: string): boolean {
  return ` ${haystack} `.includes(` ${phrase} `);
}

function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function dedupe(candidates: Candidate[]): Candidate[] {
  const best = new Map<string, number>();
  for (const { term, similarity } of candidates) best.set(term, Math.max(similarity, best.get(term) ?? 0));
  return [...best].map(([term, similarity]) => ({ term, similarity }));
}

function dedupeDocs(docs: SearchDoc[]): SearchDoc[] {
  const seen = new Set<string>();
  return docs.filter((doc) => (seen.has(doc.id) ? false : (seen.add(doc.id), true)));
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1).trimEnd() + '…';
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
