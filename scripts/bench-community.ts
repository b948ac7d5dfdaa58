// npm run bench:community: the search over every profile of one server
// (src/search/community.ts) at the scale of issue #17 — 1 000 members × 50
// entries — against its targets: search and autocomplete p99 < 5 ms, adding,
// replacing or removing one member < 10 ms without a rebuild. Prints those beside
// a full rebuild of the index and the heap it holds per 10 000 entries.
//
// The members are synthetic: 50 projects each, with names, tags and text drawn
// from the shipped profile's words plus 20 000 made-up ones, skewed so that some
// words are common across the server and most are rare (as in a real community's
// portfolios). Run with --expose-gc for the memory figure (the npm script does).
import type { Profile } from '../src/profile/schema.js';
import { createCommunitySearch, type CommunitySearch } from '../src/search/community.js';
import { loadedPortfolio, SHIPPED_PROFILE } from '../tests/helpers/profile.js';
import { mulberry32 } from '../tests/helpers/random.js';

const quick = process.argv.includes('--quick');
const MEMBERS = quick ? 200 : 1000;
const ENTRIES = 50;
const ROUNDS = quick ? 500 : 2000;

const base = (await loadedPortfolio(SHIPPED_PROFILE)).profile;
const rand = mulberry32(17);
const shipped = [
  ...new Set(
    JSON.stringify(base)
      .toLowerCase()
      .match(/[a-z]{4,}/g) ?? [],
  ),
];
const syllables = ['ka', 'ro', 'mi', 'tel', 'san', 'vor', 'qui', 'lex', 'dra', 'po', 'nu', 'bet', 'fi', 'gon', 'ser', 'ula', 'che', 'wy'];
const madeUp = new Set<string>();
while (madeUp.size < 20_000) {
  madeUp.add(Array.from({ length: 2 + Math.floor(rand() * 3) }, () => syllables[Math.floor(rand() * syllables.length)]).join(''));
}
const words = [...shipped, ...madeUp];
// rand()^3 favours the start of the list: the shipped words are the common ones.
const pick = () => words[Math.floor(rand() ** 3 * words.length)]!;
const phrase = (n: number) => Array.from({ length: n }, pick).join(' ');

function memberProfile(m: number): Profile {
  const projects = Array.from({ length: ENTRIES }, (_, i) => ({
    id: `p-${i}`,
    name: `${phrase(2)} ${m}-${i}`,
    category: base.categories[i % base.categories.length]!.id,
    summary: phrase(12),
    details: [phrase(25)],
    highlights: [phrase(6)],
    tools: [pick(), pick()],
    links: [{ kind: 'repo' as const, label: 'Repo', url: `https://example.org/${m}/${i}` }],
    tags: [pick(), pick(), pick()],
    status: 'active' as const,
  }));
  return {
    ...base,
    identity: { ...base.identity, name: `Member ${m}`, links: [] },
    about: [],
    education: [],
    experience: [],
    research: [],
    learning: [],
    blogs: [],
    skills: { expert: [], intermediate: [], basic: [], learning: [] },
    projects,
  } as Profile;
}

const profiles = Array.from({ length: MEMBERS }, (_, m) => memberProfile(m));
const owner = (m: number) => ({ id: String(100_000_000_000_000_000n + BigInt(m)), name: `Member ${m}` });

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
function stats(samples: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1]! };
}
const gc = (globalThis as { gc?: () => void }).gc;
function heap(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

function build(): { index: CommunitySearch; ms: number } {
  const index = createCommunitySearch();
  const start = process.hrtime.bigint();
  profiles.forEach((profile, m) => index.put(owner(m), profile));
  return { index, ms: ms(start) };
}

// Full rebuilds: the first warms the JIT; the median of the others is the figure.
const before = heap();
let { index } = build();
const heapBytes = heap() - before;
const rebuilds = [1, 2, 3].map(() => build().ms);
index = build().index;
const entries = index.size;

const queries: string[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const profile = profiles[Math.floor(rand() * MEMBERS)]!;
  const project = profile.projects[Math.floor(rand() * ENTRIES)]!;
  const word = project.name.split(' ')[0]!;
  const typo = (w: string) => {
    const at = Math.floor(rand() * w.length);
    return w.slice(0, at) + 'qwertyuiop'[Math.floor(rand() * 10)] + w.slice(at + 1);
  };
  const kind = i % 5;
  queries.push(
    kind === 0 ? project.name : kind === 1 ? word : kind === 2 ? typo(word) : kind === 3 ? `${word} ${project.tags[0]}` : pick(),
  );
}
const prefixes = queries.map((query) => query.slice(0, 1 + Math.floor(rand() * Math.max(1, query.length - 1))));

function timeEach(inputs: string[], run: (input: string) => void): number[] {
  for (const input of inputs.slice(0, 200)) run(input);
  return inputs.map((input) => {
    const start = process.hrtime.bigint();
    run(input);
    return ms(start);
  });
}
const searchTimes = stats(timeEach(queries, (query) => index.search(query, { limit: 25 })));
const whoTimes = stats(timeEach(queries, (query) => index.search(query, { limit: 100 })));
const suggestTimes = stats(timeEach(prefixes, (prefix) => index.suggest(prefix)));

// Incremental updates: replace a member's profile, add a new member, remove one.
const replaceTimes: number[] = [];
const addTimes: number[] = [];
const removeTimes: number[] = [];
for (let i = 0; i < 200; i++) {
  const m = Math.floor(rand() * MEMBERS);
  let start = process.hrtime.bigint();
  index.put(owner(m), profiles[(m + 1) % MEMBERS]!);
  replaceTimes.push(ms(start));
  start = process.hrtime.bigint();
  index.remove(owner(MEMBERS + i).id);
  index.put(owner(MEMBERS + i), profiles[m]!);
  addTimes.push(ms(start));
  start = process.hrtime.bigint();
  index.remove(owner(MEMBERS + i).id);
  removeTimes.push(ms(start));
}

const fmt = (value: number) => value.toFixed(value < 10 ? 3 : 1);
const row = (label: string, s: { p50: number; p99: number; max: number }, target?: number) =>
  `${label.padEnd(34)} p50 ${fmt(s.p50).padStart(7)} ms  p99 ${fmt(s.p99).padStart(7)} ms  max ${fmt(s.max).padStart(7)} ms` +
  (target === undefined ? '' : `  target p99 < ${target} ms: ${s.p99 < target ? 'met' : 'MISSED'}`);
const rebuild = [...rebuilds].sort((a, b) => a - b)[1]!;

console.log(`community index: ${MEMBERS} members x ${ENTRIES} projects = ${entries} entries, ${words.length} distinct words to draw from`);
console.log(`full rebuild (median of 3)          ${fmt(rebuild)} ms`);
const megabytes = (bytes: number) => (bytes / 1048576).toFixed(1);
console.log(
  gc
    ? `heap held by the index               ${megabytes(heapBytes)} MB, ${megabytes((heapBytes / entries) * 10_000)} MB per 10 000 entries`
    : 'heap: run with --expose-gc (npm run bench:community does) for the memory figure',
);
console.log(row(`search (${ROUNDS} queries, top 25)`, searchTimes, 5));
console.log(row('search, top 100 (/who)', whoTimes, 5));
console.log(row(`autocomplete (${ROUNDS} prefixes)`, suggestTimes, 5));
console.log(row('replace one member (put)', stats(replaceTimes), 10));
console.log(row('add one member (put)', stats(addTimes), 10));
console.log(row('remove one member', stats(removeTimes), 10));
console.log(`an update against a full rebuild: ${fmt(stats(replaceTimes).p50)} ms vs ${fmt(rebuild)} ms`);
