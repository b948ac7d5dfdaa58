// The community index (src/search/community.ts) is updated in place: a member
// added, replaced or removed changes only their postings, dead postings are
// skipped and compacted later, and slots are used again. Whatever the history,
// it must answer exactly as an index built from scratch over the same profiles
// does: same entries, same order, same scores. Checked on a seeded synthetic
// server with random updates.
import { setFlagsFromString } from 'node:v8';
import { beforeAll, describe, expect, it } from 'vitest';
import { rankMembers } from '../commands/who.js';
import type { Portfolio } from '../src/bot/types.js';
import type { Profile } from '../src/profile/schema.js';
import { buildDocuments, documentAt } from '../src/search/documents.js';
import {
  createCommunitySearch,
  documentsBytes,
  OWNER_ID,
  prepareProfile,
  type CommunitySearch,
  type Owner,
} from '../src/search/community.js';
import { tokenize } from '../src/search/normalise.js';
import { hashOf } from '../src/search/vocabulary.js';
import { shippedPortfolio } from './helpers/profile.js';
import { syntheticServer, type SyntheticServer } from './helpers/synthetic-server.js';

let base: Profile;
beforeAll(async () => {
  base = (await shippedPortfolio()).profile;
});

const owner = (m: number): Owner => ({ id: `4000000000000${String(m).padStart(5, '0')}`, name: `Member ${m}` });

/** What a search, autocomplete and /who answer, as text: whose entry, which, with what score, in order. */
function answers(index: CommunitySearch, queries: readonly string[], server: SyntheticServer, ids: readonly string[]): string[] {
  const sections = [undefined, 'projects', 'skills', 'experience'] as const;
  return queries.flatMap((query, i) => {
    const options = {
      limit: [1, 5, 10, 25, 100][i % 5],
      section: sections[i % sections.length],
      member: i % 11 === 0 ? ids[i % ids.length] : undefined,
    };
    const hits = index.search(query, options).map((hit) => `${hit.entry.owner.id}/${hit.entry.doc.id}@${hit.score}`);
    const suggested = index.suggest(query, options).map((choice) => choice.name);
    // What /who answers: the members ranked from the same index.
    const portfolio = { community: { guildId: 'g', search: index, members: new Map() } } as unknown as Portfolio;
    const who = rankMembers(portfolio, query).map((row) => `${row.owner.id}/${row.best.entry.doc.id}@${row.best.score}×${row.matches}`);
    return [`${query} ${JSON.stringify(options)} → ${hits.join(' ')}`, `suggest → ${suggested.join(' | ')}`, `who → ${who.join(' ')}`];
  });
}

/** The same profiles put into a new index, in the order the owners first came. */
function rebuilt(index: CommunitySearch, current: Map<string, Profile>): CommunitySearch {
  const fresh = createCommunitySearch();
  for (const each of index.owners()) fresh.put(each, current.get(each.id)!);
  return fresh;
}

describe('the community index, updated in place', () => {
  it('answers exactly as a full rebuild after every kind of update, on a random server', () => {
    const server = syntheticServer(base, 1717, 2000);
    const index = createCommunitySearch();
    const current = new Map<string, Profile>();
    const put = (who: Owner, profile: Profile) => {
      index.put(who, profile);
      current.set(who.id, profile);
    };
    put({ id: OWNER_ID, name: 'Owner' }, base);
    const members = 40;
    for (let m = 0; m < members; m++) put(owner(m), server.memberProfile(m, 3 + Math.floor(server.rand() * 20)));
    const ids = [OWNER_ID, ...Array.from({ length: members + 5 }, (_, m) => owner(m).id)];
    const kinds = { add: 0, replace: 0, remove: 0 };
    for (let step = 1; step <= 120; step++) {
      const m = Math.floor(server.rand() * (members + 5));
      const who = owner(m);
      if (server.rand() < 0.3) {
        if (index.remove(who.id)) kinds.remove++;
        current.delete(who.id);
      } else {
        kinds[index.has(who.id) ? 'replace' : 'add']++;
        put(who, server.memberProfile(m, 1 + Math.floor(server.rand() * 25), step));
      }
      if (step % 20 !== 0) continue;
      const fresh = rebuilt(index, current);
      const queries = [...server.queries([...current.values()], 120), 'python', 'deep learning', 'optimizers', 'kaggle'];
      expect(index.size).toBe(fresh.size);
      const answered = answers(index, queries, server, ids);
      expect(answered).toEqual(answers(fresh, queries, server, ids));
      // /who ranked members for most queries (what it answers was compared, not only that it was empty on both).
      expect(answered.filter((line) => line.startsWith('who → ') && line.length > 'who → '.length).length).toBeGreaterThan(60);
      for (const id of ids) expect(index.entriesOf(id)).toEqual(fresh.entriesOf(id));
      expect(index.suggest('')).toEqual(fresh.suggest(''));
    }
    // The history had all three kinds of update, many times.
    expect(Math.min(kinds.add, kinds.replace, kinds.remove)).toBeGreaterThan(10);
  });

  it('forgets a word when the last entry that had it goes, and learns it again', () => {
    const server = syntheticServer(base, 7, 500);
    const index = createCommunitySearch();
    const profile = server.memberProfile(1, 3);
    const name = profile.projects[0]!.name;
    index.put(owner(1), profile);
    expect(index.search(name, { limit: 1 })[0]?.entry.doc.id).toBe('p-0');
    expect(index.remove(owner(1).id)).toBe(true);
    expect(index.size).toBe(0);
    expect(index.search(name)).toEqual([]);
    expect(index.remove(owner(1).id)).toBe(false);
    index.putPrepared(owner(2), prepareProfile(profile), profile);
    expect(index.search(name, { limit: 1 }).map((hit) => [hit.entry.owner.id, hit.entry.doc.id, hit.score])).toEqual([
      [owner(2).id, 'p-0', 1],
    ]);
  });

  it('answers as a fresh index after one member is replaced two hundred times (dead postings compacted, slots used again)', () => {
    const server = syntheticServer(base, 3, 500);
    const index = createCommunitySearch();
    const profiles = Array.from({ length: 4 }, (_, version) => server.memberProfile(5, 30, version));
    for (let round = 0; round < 200; round++) index.put(owner(5), profiles[round % profiles.length]!);
    expect(index.size).toBe(30);
    const fresh = createCommunitySearch();
    fresh.put(owner(5), profiles[199 % profiles.length]!);
    const queries = server.queries(profiles, 60);
    expect(answers(index, queries, server, [owner(5).id])).toEqual(answers(fresh, queries, server, [owner(5).id]));
  });
});

describe('an update in slices (beginPut), searched between its slices', () => {
  /** What every kind of read answers, as text: searches, autocomplete, /who, each owner's entries, the counts. */
  function state(index: CommunitySearch, queries: readonly string[], server: SyntheticServer, ids: readonly string[]): string[] {
    return [
      ...answers(index, queries, server, ids),
      JSON.stringify(index.owners()),
      String(index.size),
      JSON.stringify(index.suggest('')),
      ...ids.map((id) => `${id} ${index.has(id)} ${index.countOf(id)} ${JSON.stringify(index.entriesOf(id))}`),
    ];
  }

  it('answers as before the update until its last slice, and as after it from then on; a removal meanwhile is immediate', () => {
    const server = syntheticServer(base, 4242, 3000);
    const members = 12;
    const profiles = new Map<string, Profile>();
    const index = createCommunitySearch();
    const put = (who: Owner, profile: Profile) => {
      index.put(who, profile);
      profiles.set(who.id, profile);
    };
    for (let m = 0; m < members; m++) put(owner(m), server.memberProfile(m, 10 + m));
    const ids = Array.from({ length: members + 2 }, (_, m) => owner(m).id);
    /** What an index built afresh answers: the owners in the order they first came (a new one last), with these profiles. */
    const snapshot = (current: Map<string, Profile>, queries: readonly string[], added?: Owner) => {
      const fresh = createCommunitySearch();
      const owners = [...index.owners(), ...(added && !index.has(added.id) ? [added] : [])];
      for (const each of owners) if (current.has(each.id)) fresh.put(each, current.get(each.id)!);
      return state(fresh, queries, server, ids);
    };
    let checked = 0;
    // A replacement, an addition, and each cancelled by a removal or by another put halfway.
    const cases = [
      { m: 3, end: 'put' },
      { m: members, end: 'put' },
      { m: 5, end: 'remove' },
      { m: members + 1, end: 'remove' },
      { m: 7, end: 'put again' },
    ] as const;
    for (const [step, { m, end }] of cases.entries()) {
      const who = owner(m);
      const next = server.memberProfile(m, 25, 100 + step);
      const prepared = prepareProfile(next);
      // Queries on the member's old and new words (new words only the update has: exact, prefixes, typos).
      const words = prepared.words.filter((word) => word.length > 5).slice(0, 40);
      const queries = [
        ...server.queries([...profiles.values(), next], 40),
        ...words.slice(0, 20),
        ...words.slice(20).map((word) => word.slice(0, 4)),
        ...words.slice(0, 10).map((word) => word.slice(0, 2) + word.slice(3)),
      ];
      const before = snapshot(profiles, queries);
      const after = snapshot(new Map([...profiles, [who.id, next]]), queries, who);
      expect(after).not.toEqual(before);
      const pending = index.beginPut(who, prepared, next);
      const slices = end === 'put' ? Infinity : 3;
      let done = false;
      for (let slice = 0; !done && slice < slices; slice++) {
        expect(state(index, queries, server, ids)).toEqual(before);
        checked++;
        done = pending.step(97);
      }
      if (end === 'put') {
        expect(pending.state).toBe('put');
        expect(state(index, queries, server, ids)).toEqual(after);
        profiles.set(who.id, next);
      } else if (end === 'remove') {
        expect(index.remove(who.id)).toBe(true);
        expect(pending.state).toBe('cancelled');
        expect(pending.step()).toBe(true);
        profiles.delete(who.id);
        expect(state(index, queries, server, ids)).toEqual(snapshot(profiles, queries));
      } else {
        const other = server.memberProfile(m, 8, 200 + step);
        index.put(who, other);
        expect(pending.state).toBe('cancelled');
        expect(pending.step()).toBe(true);
        profiles.set(who.id, other);
        expect(state(index, queries, server, ids)).toEqual(snapshot(profiles, queries));
      }
    }
    // Sliced at 97 words, every update was searched in between several times.
    expect(checked).toBeGreaterThan(20);
    // And what the cancelled updates left behind (their postings dead, their new words gone) answers as a fresh index.
    for (let m = 0; m < members; m++) if (m % 3 === 0) put(owner(m), server.memberProfile(m, 12, 300));
    const queries = [...server.queries([...profiles.values()], 120), 'python', 'optimizers'];
    expect(state(index, queries, server, ids)).toEqual(snapshot(profiles, queries));
  });

  it('shows a member under a new name without putting them in again, as a put under that name would', () => {
    const server = syntheticServer(base, 77, 500);
    const index = createCommunitySearch();
    const fresh = createCommunitySearch();
    const profiles = Array.from({ length: 4 }, (_, m) => server.memberProfile(m, 6));
    profiles.forEach((profile, m) => index.put(owner(m), profile));
    profiles.forEach((profile, m) => fresh.put(m === 2 ? { ...owner(m), name: 'Renamed' } : owner(m), profile));
    expect(index.rename({ ...owner(2), name: 'Renamed' })).toBe(true);
    expect(index.rename({ ...owner(9), name: 'Nobody' })).toBe(false);
    const ids = profiles.map((_, m) => owner(m).id);
    const queries = server.queries(profiles, 40);
    expect(answers(index, queries, server, ids)).toEqual(answers(fresh, queries, server, ids));
    expect(index.owners()).toEqual(fresh.owners());
    expect(index.entriesOf(owner(2).id)[0]?.owner.name).toBe('Renamed');
  });
});

describe("an entry's document, made when asked for", () => {
  it('is the document buildDocuments makes, from the profile or from its bytes, in every section', async () => {
    const server = syntheticServer(base, 19, 500);
    const profiles = [base, (await shippedPortfolio()).profile, server.memberProfile(3, 12)];
    for (const profile of profiles) {
      const docs = buildDocuments(profile);
      expect(docs.map((_, order) => documentAt(profile, order))).toEqual(docs);
      expect(documentAt(profile, docs.length)).toBeUndefined();
      const fromProfile = createCommunitySearch();
      const fromBytes = createCommunitySearch();
      fromProfile.put(owner(1), profile);
      fromBytes.putPrepared(owner(1), prepareProfile(profile), documentsBytes(docs));
      // Asked for out of order (a search's hits), then all.
      const hits = fromBytes.search(docs[docs.length - 1]!.title, { limit: 3 }).map((hit) => hit.entry.doc);
      expect(hits).toEqual(fromProfile.search(docs[docs.length - 1]!.title, { limit: 3 }).map((hit) => hit.entry.doc));
      expect(fromBytes.entriesOf(owner(1).id).map((entry) => entry.doc)).toEqual(docs);
      expect(fromProfile.entriesOf(owner(1).id).map((entry) => entry.doc)).toEqual(docs);
      expect(fromBytes.countOf(owner(1).id)).toBe(docs.length);
    }
    // Every section was among them (the shipped profile has each).
    expect(new Set(buildDocuments(base).map((doc) => doc.section)).size).toBe(9);
  });

  it('lifts a phrase held by a name (1), within a name as whole words (0.9) or by a keyword (0.85), and no other', () => {
    const server = syntheticServer(base, 9, 100);
    const template = server.memberProfile(1, 1).projects[0]!;
    const project = (id: string, name: string, tags: string[]) => ({ ...template, id, name, tags, tools: [], summary: '', details: [] });
    const index = createCommunitySearch();
    index.put(owner(1), {
      ...server.memberProfile(1, 1),
      projects: [
        project('within', 'Big graph tool kit', ['other']),
        project('exact', 'Graph tool', ['other']),
        project('keyword', 'Something else', ['graph tool', 'other']),
        project('glued', 'Graph toolbox', ['graph', 'toolbox']),
        project('apart', 'Tool for graph', ['other']),
      ],
    });
    const scores = Object.fromEntries(index.search('graph tool', { limit: 10 }).map((hit) => [hit.entry.doc.id, hit.score]));
    expect([scores['exact'], scores['within'], scores['keyword']]).toEqual([1, 0.9, 0.85]);
    expect(scores['glued'] ?? 0).toBeLessThan(0.85);
    expect(scores['apart'] ?? 0).toBeLessThan(0.85);
  });
});

describe('searching without reading every posting', () => {
  it('answers one-word queries and prefixes exactly as reading every posting does, on a random server', () => {
    const server = syntheticServer(base, 2024, 3000);
    const skipping = createCommunitySearch();
    const exhaustive = createCommunitySearch({ exhaustive: true });
    const profiles = Array.from({ length: 60 }, (_, m) => server.memberProfile(m, 20));
    for (const index of [skipping, exhaustive]) {
      index.put({ id: OWNER_ID, name: 'Owner' }, base);
      profiles.forEach((profile, m) => index.put(owner(m), profile));
    }
    const queries = server.queries(profiles, 400);
    // What autocomplete sends while a word is typed: every prefix of a query from its third letter.
    const prefixes = queries.flatMap((query) => Array.from({ length: Math.max(0, query.length - 2) }, (_, i) => query.slice(0, i + 3)));
    const ids = [OWNER_ID, ...profiles.map((_, m) => owner(m).id)];
    const all = [...queries, ...prefixes, 'pyth', 'optim', 'deep learn', 'vers', 'ser', 'ula'];
    const skipped = answers(skipping, all, server, ids);
    expect(skipped).toEqual(answers(exhaustive, all, server, ids));
    // Prefixes that find many words, some too weakly to be kept, were among them.
    expect(skipped.filter((line) => line.startsWith('suggest → ') && line.length > 200).length).toBeGreaterThan(100);
  });
});

describe('a profile prepared for the index', () => {
  /** Two projects whose words are worked out by hand below. */
  function small(): Profile {
    const project = (id: string, name: string, tags: string[], summary: string, details: string[]) => ({
      id,
      name,
      category: 'c',
      summary,
      details,
      highlights: [],
      tools: [],
      links: [],
      tags,
      status: 'active' as const,
    });
    return {
      ...base,
      categories: [{ ...base.categories[0]!, id: 'c', name: 'Tools' }],
      identity: { ...base.identity, links: [] },
      about: [],
      education: [],
      experience: [],
      research: [],
      learning: [],
      blogs: [],
      skills: { expert: [], intermediate: [], basic: [], learning: [] },
      projects: [
        project('a', 'Graph tools', ['graph'], 'fast graph', ['tools for graph']),
        project('b', 'Fast', ['graph tools'], '', ['fast graph']),
      ],
    } as Profile;
  }

  it("groups each word's postings in entry order, with the heaviest key's code and the whole-name and whole-keyword marks", () => {
    const prepared = prepareProfile(small());
    // Entry 0: graph and tool in its name (code 0), each also a whole keyword (8: the tag, the category); fast in its
    // summary (2), "for" in its body (3). Entry 1: fast is its whole name (0 + 4); graph and tool in a keyword (1),
    // tool also a whole keyword (1 + 8).
    expect(prepared.words).toEqual(['graph', 'tool', 'fast', 'for']);
    expect([...prepared.starts]).toEqual([0, 2, 4, 6, 7]);
    expect([...prepared.postings]).toEqual([8, 16 + 1, 8, 16 + 9, 2, 16 + 4, 3]);
    // Phrases: the names and keywords of two words or more (one-word ones are the marks above).
    expect(prepared.entries.map(({ namePhrases, keywordPhrases, terms }) => ({ namePhrases, keywordPhrases, terms }))).toEqual([
      { namePhrases: ['graph tool'], keywordPhrases: [], terms: 4 },
      { namePhrases: [], keywordPhrases: ['graph tool'], terms: 3 },
    ]);
  });

  /**
   * What prepareProfile gives, worked out plainly with tokenize (whose words the index's scanner must read): each
   * entry's distinct words with the heaviest key's code (name 0, keyword 1, summary 2, body 3) and the marks of a
   * name or keyword that is the word alone, grouped by word in the order the words first come.
   */
  function preparedPlainly(profile: Profile) {
    const words: string[] = [];
    const postingsOf = new Map<string, number[]>();
    const entries = buildDocuments(profile).map((doc, entry) => {
      const codes = new Map<string, number>();
      const keys = [doc.names, doc.keywords, [doc.summary], doc.body].map((texts) => texts.map((text) => tokenize(text)));
      keys.forEach((lists, code) => {
        for (const word of lists.flat()) if (!codes.has(word)) codes.set(word, code);
      });
      for (const tokens of keys[0]!) if (tokens.length === 1) codes.set(tokens[0]!, codes.get(tokens[0]!)! | 4);
      for (const tokens of keys[1]!) if (tokens.length === 1) codes.set(tokens[0]!, codes.get(tokens[0]!)! | 8);
      for (const [word, code] of codes) {
        if (!postingsOf.has(word)) {
          postingsOf.set(word, []);
          words.push(word);
        }
        postingsOf.get(word)!.push(entry * 16 + code);
      }
      const phrases = (lists: string[][]) => lists.filter((tokens) => tokens.length > 1).map((tokens) => tokens.join(' '));
      return { namePhrases: phrases(keys[0]!), keywordPhrases: phrases(keys[1]!), terms: codes.size };
    });
    const starts = [0];
    for (const word of words) starts.push(starts.at(-1)! + postingsOf.get(word)!.length);
    return { words, starts, postings: words.flatMap((word) => postingsOf.get(word)!), hashes: words.map(hashOf), entries };
  }

  it('reads every profile as tokenize does: synthetic members, the shipped profile, and texts in other scripts and spellings', () => {
    const server = syntheticServer(base, 23, 3000);
    const accented = (profile: Profile): Profile => ({
      ...profile,
      projects: profile.projects.map((project, i) => ({
        ...project,
        name: i % 2 ? `Café ${project.name} naïve-Bayes` : `${project.name} — Optimisers`,
        summary: `${project.summary} behaviour, colour; résumé 👩‍💻 Straße Москва 東京 x\u200By 1,000.5 #3 ML apps`,
        tags: [...project.tags, 'Colours', 'ﬁne-tuning', '\u00ADsoft', 'JS'],
      })),
    });
    const profiles = [base, accented(base), ...Array.from({ length: 12 }, (_, m) => server.memberProfile(m, 20 + m))];
    profiles.push(...profiles.slice(2, 6).map(accented));
    for (const profile of profiles) {
      const prepared = prepareProfile(profile);
      const plain = preparedPlainly(profile);
      expect({
        words: prepared.words,
        starts: [...prepared.starts],
        postings: [...prepared.postings],
        hashes: [...prepared.hashes],
        entries: prepared.entries.map(({ namePhrases, keywordPhrases, terms }) => ({ namePhrases, keywordPhrases, terms })),
      }).toEqual(plain);
    }
  });

  it('answers the same for a profile before and after a much bigger one (its scratch space grown and reused)', () => {
    const before = prepareProfile(small());
    const server = syntheticServer(base, 11, 20_000);
    const big = prepareProfile(server.memberProfile(1, 120));
    expect(big.words.length).toBeGreaterThan(4096);
    expect(new Set(big.words).size).toBe(big.words.length);
    expect(prepareProfile(small())).toEqual(before);
  });

  it('gives every entry of every profile the same hidden class (a spread copy gave each its own, kept by the index)', () => {
    setFlagsFromString('--allow-natives-syntax');
    const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;
    const server = syntheticServer(base, 5, 500);
    const first = buildDocuments(server.memberProfile(1, 3));
    const second = buildDocuments(server.memberProfile(2, 3));
    expect([sameMap(first[0]!, first[1]!), sameMap(first[0]!, second[2]!)]).toEqual([true, true]);
  });
});

describe('the tokenizer', () => {
  it('expands abbreviations wherever they are, also when an expansion is longer than what is left to read', () => {
    expect(tokenize('ml dl js nn x')).toEqual(['machine', 'learning', 'deep', 'learning', 'javascript', 'neural', 'network', 'x']);
    expect(tokenize('Apps for ML-ops')).toEqual(['application', 'for', 'machine', 'learning', 'ops', 'mlop']);
    expect(tokenize('the ml of a ts webapp', new Set(['the', 'of', 'a']))).toEqual([
      'machine',
      'learning',
      'typescript',
      'web',
      'application',
    ]);
    expect(tokenize('x y ml')).toEqual(['x', 'y', 'machine', 'learning']);
  });

  it('reads "constructor" as a word like any other (abbreviations are looked up in a Map, not an object)', () => {
    expect(tokenize('A DAG constructor for toString and valueOf')).toEqual([
      'a',
      'dag',
      'constructor',
      'for',
      'tostring',
      'and',
      'valueof',
    ]);
    const index = createCommunitySearch();
    const server = syntheticServer(base, 9, 100);
    const profile = server.memberProfile(1, 1);
    index.put(owner(1), { ...profile, projects: [{ ...profile.projects[0]!, name: 'Graph constructor' }] });
    expect(index.search('constructor').map((hit) => hit.entry.doc.title)).toEqual(['Graph constructor']);
  });
});
