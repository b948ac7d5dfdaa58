// `npm run bench:search`: index build time and per-query latency (p50/p99) for
// search and autocomplete, on the shipped profile and on synthetic profiles of
// 1 000 and 10 000 entries, beside a naive baseline measured in the same run:
// fuse.js over all fields with default options. Also scores both on the
// relevance specification, and compares the typo layer (deletion
// neighbourhoods over the profile's words) with fuse.js doing the same job, on
// the same words (alone; and in the whole search with --typo-ab). A script, not
// a test: the figures are for reading.
import Fuse from 'fuse.js';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Profile } from '../src/profile/schema.js';
import { REPO_ROOT } from '../src/paths.js';
import { buildDocuments, type SearchDoc } from '../src/search/documents.js';
import { createSearch } from '../src/search/index.js';
import { tokenize } from '../src/search/normalise.js';
import { allowedEdits, createTypoLayer, type TypoLayer, type TypoMatch } from '../src/search/typos.js';
import { editDistance } from '../src/edit-distance.js';
import { NONSENSE, SPEC } from '../tests/fixtures/relevance.js';
import { loadedPortfolio } from '../tests/helpers/profile.js';
import { mulberry32 } from '../tests/helpers/random.js';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 300 : 2000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function latencies(queries: string[], run: (query: string) => void): { p50: number; p99: number } {
  for (const query of queries.slice(0, Math.min(200, Math.ceil(queries.length / 4)))) run(query); // warm-up: JIT, caches
  const samples = queries.map((query) => time(() => run(query))).sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** A synthetic profile: `count` projects with names, tags and details drawn from a word list. */
function syntheticProfile(base: Profile, count: number): Profile {
  const rand = mulberry32(count);
  const words = [
    ...new Set(
      JSON.stringify(base)
        .toLowerCase()
        .match(/[a-z]{4,}/g) ?? [],
    ),
  ];
  const pick = () => words[Math.floor(rand() * words.length)] ?? 'word';
  const phrase = (n: number) => Array.from({ length: n }, pick).join(' ');
  const projects = Array.from({ length: count }, (_, i) => ({
    id: `synthetic-${i}`,
    name: `${phrase(2)} ${i}`,
    category: base.categories[i % base.categories.length]!.id,
    summary: phrase(14),
    details: [phrase(40), phrase(30)],
    highlights: [phrase(6), phrase(6)],
    metrics: [{ name: 'accuracy', value: `${(rand() * 100).toFixed(2)} %` }],
    tools: [pick(), pick()],
    links: [{ kind: 'repo' as const, label: 'Repo', url: `https://example.org/${i}` }],
    tags: [pick(), pick(), pick()],
    aliases: [`${phrase(1)} ${i}`],
    status: 'active' as const,
  }));
  return { ...base, projects };
}

function queriesFor(profile: Profile, rand: () => number): string[] {
  const docs = buildDocuments(profile);
  const typo = (word: string) => {
    const at = Math.floor(rand() * word.length);
    return word.slice(0, at) + 'qwertyuiop'[Math.floor(rand() * 10)] + word.slice(at + 1);
  };
  const out: string[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const doc = docs[Math.floor(rand() * docs.length)]!;
    const words = doc.title.split(/\s+/).filter((w) => w.length > 3);
    const word = words[Math.floor(rand() * words.length)] ?? doc.title;
    const kind = i % 4;
    out.push(
      kind === 0
        ? doc.title
        : kind === 1
          ? typo(word.toLowerCase())
          : kind === 2
            ? `${word} ${doc.keywords[0] ?? ''}`
            : SPEC[i % SPEC.length]![0],
    );
  }
  return out;
}

function naiveFuse(docs: SearchDoc[]): Fuse<SearchDoc> {
  return new Fuse(docs, { keys: ['title', 'names', 'keywords', 'summary', 'body'] });
}

interface Row {
  profile: string;
  entries: number;
  engine: string;
  buildMs: number;
  searchP50: number;
  searchP99: number;
  autocompleteP50: number;
  autocompleteP99: number;
}

function measure(label: string, profile: Profile): Row[] {
  const rand = mulberry32(42);
  const queries = queriesFor(profile, rand);
  const prefixes = queries.map((q) => q.slice(0, 1 + Math.floor(rand() * 6)));
  const docs = buildDocuments(profile);
  const builds = quick || docs.length > 5000 ? 3 : 7;

  const ours = createSearch(profile);
  const oursBuild = median(Array.from({ length: builds }, () => time(() => createSearch(profile))));
  const oursSearch = latencies(queries, (q) => ours.search(q));
  const oursComplete = latencies(prefixes, (q) => ours.suggestProjects(q));

  // The naive baseline is slow on big profiles: it gets fewer queries there (p99 of fewer samples).
  const baselineSamples = docs.length > 5000 ? 20 : docs.length > 500 ? 100 : queries.length;
  const fuse = naiveFuse(docs);
  const fuseBuild = median(Array.from({ length: builds }, () => time(() => naiveFuse(buildDocuments(profile)))));
  const fuseSearch = latencies(queries.slice(0, baselineSamples), (q) => fuse.search(q, { limit: 10 }));
  const fuseComplete = latencies(prefixes.slice(0, baselineSamples), (q) => fuse.search(q, { limit: 25 }));

  return [
    {
      profile: label,
      entries: docs.length,
      engine: 'portfolio-bot',
      buildMs: oursBuild,
      searchP50: oursSearch.p50,
      searchP99: oursSearch.p99,
      autocompleteP50: oursComplete.p50,
      autocompleteP99: oursComplete.p99,
    },
    {
      profile: label,
      entries: docs.length,
      engine: 'naive fuse',
      buildMs: fuseBuild,
      searchP50: fuseSearch.p50,
      searchP99: fuseSearch.p99,
      autocompleteP50: fuseComplete.p50,
      autocompleteP99: fuseComplete.p99,
    },
  ];
}

function relevance(profile: Profile) {
  const ours = createSearch(profile);
  const fuse = naiveFuse(buildDocuments(profile));
  const score = (search: (q: string) => string[]) => {
    let top1 = 0;
    let mrr = 0;
    for (const [query, expected] of SPEC) {
      const rank = search(query).indexOf(expected) + 1;
      if (rank === 1) top1++;
      if (rank > 0) mrr += 1 / rank;
    }
    const answeredNonsense = NONSENSE.filter((q) => search(q).length > 0).length;
    return { top1: top1 / SPEC.length, mrr: mrr / SPEC.length, answeredNonsense };
  };
  return {
    ours: score((q) => ours.search(q, { limit: 10 }).map((h) => `${h.section}/${h.id}`)),
    fuse: score((q) => fuse.search(q, { limit: 10 }).map((r) => `${r.item.section}/${r.item.id}`)),
  };
}

/** The profile's distinct words, as the search index sees them. */
function vocabularyOf(profile: Profile): string[] {
  const words = new Set<string>();
  for (const doc of buildDocuments(profile)) {
    for (const text of [...doc.names, ...doc.keywords, doc.summary, ...doc.body]) for (const word of tokenize(text)) words.add(word);
  }
  return [...words].sort();
}

/** `count` made-up words of two to four syllables: a vocabulary bigger than the synthetic profiles' (theirs come from the shipped one). */
function madeUpWords(count: number): string[] {
  const rand = mulberry32(7);
  const syllables = [
    'ka',
    'ro',
    'mi',
    'tel',
    'san',
    'vor',
    'qui',
    'lex',
    'dra',
    'po',
    'nu',
    'bet',
    'fi',
    'gon',
    'ser',
    'ula',
    'che',
    'wy',
    'zan',
    'hos',
  ];
  const words = new Set<string>();
  while (words.size < count) {
    const n = 2 + Math.floor(rand() * 3);
    words.add(Array.from({ length: n }, () => syllables[Math.floor(rand() * syllables.length)]).join(''));
  }
  return [...words].sort();
}

/**
 * fuse.js as the typo layer, as it was tried (commit 0546570): the words of a
 * reachable length whose letters could match (as sets of letters, then
 * counted: both exact lower bounds of the edit distance) are scored with
 * Fuse.match, both sides padded with two spaces so that its error count is the
 * edit distance between whole words. The alternative of the typo rows only.
 */
function fuseTypoLayer(vocabulary: readonly string[]): TypoLayer {
  const pad = '  ';
  const letterSet = (word: string) => {
    let bits = 0;
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      bits |= 1 << (code >= 97 && code <= 122 ? code - 97 : 26 + (code % 6));
    }
    return bits;
  };
  const countBits = (value: number) => {
    let x = value - ((value >>> 1) & 0x55555555);
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  };
  const counts = new Int32Array(32);
  const letterCountDistance = (a: string, b: string) => {
    counts.fill(0);
    for (let i = 0; i < a.length; i++) counts[a.charCodeAt(i) & 31]!++;
    for (let i = 0; i < b.length; i++) counts[b.charCodeAt(i) & 31]!--;
    let more = 0;
    let fewer = 0;
    for (const count of counts) {
      if (count > 0) more += count;
      else fewer -= count;
    }
    return Math.max(more, fewer);
  };
  const byLength = new Map<number, { term: string; letters: number }[]>();
  for (const term of new Set(vocabulary)) {
    if (term.length < 3 || /\d/.test(term)) continue;
    let list = byLength.get(term.length);
    if (!list) byLength.set(term.length, (list = []));
    list.push({ term, letters: letterSet(term) });
  }
  const cache = new Map<string, TypoMatch[]>();
  return {
    lookup(word: string): TypoMatch[] {
      const cached = cache.get(word);
      if (cached) return cached;
      const allowed = word.length > 28 ? 0 : allowedEdits(word.length);
      const found: { term: string; edits: number; score: number }[] = [];
      if (allowed > 0 && !/\d/.test(word)) {
        const letters = letterSet(word);
        const pattern = pad + word + pad;
        const options = { ignoreLocation: true, isCaseSensitive: true, threshold: allowed / pattern.length };
        for (let length = word.length - allowed; length <= word.length + allowed; length++) {
          for (const candidate of byLength.get(length) ?? []) {
            if (countBits(letters ^ candidate.letters) > 2 * allowed || letterCountDistance(word, candidate.term) > allowed) continue;
            const { isMatch, score } = Fuse.match(pattern, pad + candidate.term + pad, options);
            const edits = Math.round(score * pattern.length);
            if (isMatch && edits <= allowed) found.push({ term: candidate.term, edits, score });
          }
        }
      }
      found.sort((a, b) => a.edits - b.edits || a.score - b.score || (a.term < b.term ? -1 : 1));
      const matches = found.slice(0, 8).map(({ term, edits }) => ({ term, edits }));
      if (cache.size >= 2000) cache.delete(cache.keys().next().value!);
      cache.set(word, matches);
      return matches;
    },
  };
}

interface TypoRow {
  words: string;
  size: number;
  engine: string;
  buildMs: number;
  p50: number;
  p99: number;
  recall: number;
  nonsense: number;
}

/**
 * Typo correction alone, on one vocabulary: build time, uncached lookups of
 * distinct typo'd words (one or two edits within each word's allowance: a
 * deletion, an insertion, a substitution, two of them in long words), how many
 * find their word, and how many random letter strings find anything.
 */
function measureTypos(label: string, vocabulary: string[]): TypoRow[] {
  const rand = mulberry32(11);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const letter = () => letters[Math.floor(rand() * 26)]!;
  const edit = (word: string) => {
    const at = Math.floor(rand() * word.length);
    const kind = Math.floor(rand() * 3);
    return kind === 0
      ? word.slice(0, at) + word.slice(at + 1)
      : kind === 1
        ? word.slice(0, at) + letter() + word.slice(at)
        : word.slice(0, at) + letter() + word.slice(at + 1);
  };
  const words = vocabulary.filter((w) => w.length >= 5 && !/\d/.test(w));
  const known = new Set(vocabulary);
  const typos = new Map<string, string>();
  for (let tries = 0; typos.size < (quick ? 300 : 2000) && tries < 100_000; tries++) {
    const word = words[Math.floor(rand() * words.length)]!;
    let typo = edit(word);
    if (typo.length >= 8 && rand() < 0.5) typo = edit(typo);
    if (allowedEdits(typo.length) > 0 && !known.has(typo) && editDistance(typo, word) <= allowedEdits(typo.length)) typos.set(typo, word);
  }
  const nonsense = Array.from({ length: 500 }, () => Array.from({ length: 5 + Math.floor(rand() * 8) }, letter).join('')).filter(
    (w) => !known.has(w),
  );
  const warmUp = [...typos.keys()].map((t) => t.split('').reverse().join(''));
  const builds = vocabulary.length > 3000 ? 3 : 7;

  const rows: TypoRow[] = [];
  const engines: [string, () => (word: string) => string[]][] = [
    [
      'deletion index (typo layer)',
      () => {
        const layer = createTypoLayer(vocabulary);
        return (word) => layer.lookup(word).map((m) => m.term);
      },
    ],
    [
      'fuse.js (tried)',
      () => {
        const layer = fuseTypoLayer(vocabulary);
        return (word) => layer.lookup(word).map((m) => m.term);
      },
    ],
  ];
  for (const [engine, build] of engines) {
    const buildMs = median(Array.from({ length: builds }, () => time(() => build())));
    const lookup = build();
    for (const word of warmUp) lookup(word);
    const samples = [...typos.keys()].map((typo) => time(() => lookup(typo))).sort((a, b) => a - b);
    const recall = [...typos].filter(([typo, word]) => lookup(typo).includes(word)).length / typos.size;
    const answered = nonsense.filter((word) => lookup(word).length > 0).length / nonsense.length;
    rows.push({
      words: label,
      size: vocabulary.length,
      engine,
      buildMs,
      p50: percentile(samples, 50),
      p99: percentile(samples, 99),
      recall,
      nonsense: answered,
    });
  }
  return rows;
}

/**
 * `--typo-ab`: the shipped profile's search and autocomplete p99 with each typo
 * layer, each run in a fresh process (as the first row of the main table is)
 * and the two alternated, eight rounds each. On a shared machine one run's p99
 * is decided by the few queries the scheduler interrupts; alternating fresh
 * processes shows what the layer itself changes.
 */
const TYPO_LAYERS: Record<string, (words: readonly string[]) => TypoLayer> = {
  'deletion index': createTypoLayer,
  'fuse.js': fuseTypoLayer,
};

async function typoChild(name: string): Promise<void> {
  const { profile } = await loadedPortfolio(join(REPO_ROOT, 'data', 'profile.yaml'));
  const layer = TYPO_LAYERS[name];
  if (!layer) throw new Error(`unknown typo layer "${name}"`);
  const rand = mulberry32(42);
  const queries = queriesFor(profile, rand);
  const prefixes = queries.map((q) => q.slice(0, 1 + Math.floor(rand() * 6)));
  const search = createSearch(profile, layer);
  const searched = latencies(queries, (q) => search.search(q));
  const completed = latencies(prefixes, (q) => search.suggestProjects(q));
  console.log(JSON.stringify({ search: searched.p99, autocomplete: completed.p99 }));
}

function typoAb(): void {
  const script = fileURLToPath(import.meta.url);
  const names = Object.keys(TYPO_LAYERS);
  const results = new Map<string, { search: number; autocomplete: number }[]>(names.map((n) => [n, []]));
  console.log(`typo layers A/B on the shipped profile: fresh process per run, alternated (p99 in ms; target < 0.5)`);
  for (let round = 0; round < 8; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    const cells: string[] = [];
    for (const name of order) {
      const child = spawnSync(process.execPath, [script, '--typo-child', name], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(child.stderr);
      const result = JSON.parse(child.stdout.trim().split('\n').pop()!) as { search: number; autocomplete: number };
      results.get(name)!.push(result);
      cells.push(`${name}: search ${result.search.toFixed(3)}, autocomplete ${result.autocomplete.toFixed(3)}`);
    }
    console.log(`  round ${round + 1}: ${cells.join(' | ')}`);
  }
  for (const [name, rows] of results) {
    const met = rows.filter((r) => r.search < 0.5 && r.autocomplete < 0.5).length;
    const lower = rows.filter((r, round) => names.every((other) => other === name || r.search < results.get(other)![round]!.search)).length;
    console.log(
      `  ${name}: median search p99 ${median(rows.map((r) => r.search)).toFixed(3)}, autocomplete p99 ` +
        `${median(rows.map((r) => r.autocomplete)).toFixed(3)}; ` +
        `both under 0.5 ms in ${met} of ${rows.length} rounds; the lowest search p99 in ${lower}`,
    );
  }
}

const child = process.argv.indexOf('--typo-child');
if (child >= 0) {
  await typoChild(process.argv[child + 1] ?? '');
  process.exit(0);
}
if (process.argv.includes('--typo-ab')) {
  typoAb();
  process.exit(0);
}

const f = (n: number) => (n < 0.1 ? n.toFixed(4) : n < 10 ? n.toFixed(3) : n.toFixed(1));
const { profile } = await loadedPortfolio(join(REPO_ROOT, 'data', 'profile.yaml'));
const rows = [
  ...measure('shipped', profile),
  ...measure('synthetic 1k', syntheticProfile(profile, 1000)),
  ...(quick ? [] : measure('synthetic 10k', syntheticProfile(profile, 10_000))),
];

console.log(
  `search benchmark (${ROUNDS} queries per row, the naive baseline 100 on 1k and 20 on 10k entries; times in ms; node ${process.version})\n`,
);
const header = ['profile', 'entries', 'engine', 'build', 'search p50', 'search p99', 'autocomplete p50', 'autocomplete p99'];
const table = rows.map((r) => [
  r.profile,
  String(r.entries),
  r.engine,
  f(r.buildMs),
  f(r.searchP50),
  f(r.searchP99),
  f(r.autocompleteP50),
  f(r.autocompleteP99),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
console.log(line(header));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const row of table) console.log(line(row));

console.log('\nratio portfolio-bot / naive fuse (below 1 is faster):');
for (let i = 0; i < rows.length; i += 2) {
  const a = rows[i]!;
  const b = rows[i + 1]!;
  console.log(
    `  ${a.profile}: build ${(a.buildMs / b.buildMs).toPrecision(2)}, search p50 ` +
      `${(a.searchP50 / b.searchP50).toPrecision(2)}, p99 ${(a.searchP99 / b.searchP99).toPrecision(2)}, ` +
      `autocomplete p99 ${(a.autocompleteP99 / b.autocompleteP99).toPrecision(2)}`,
  );
}
const rel = relevance(profile);
console.log(`\nrelevance specification (${SPEC.length} queries, ${NONSENSE.length} nonsense):`);
console.log(
  `  portfolio-bot: top-1 ${(rel.ours.top1 * 100).toFixed(1)} %, MRR ${rel.ours.mrr.toFixed(3)}, nonsense answered ${rel.ours.answeredNonsense}`,
);
console.log(
  `  naive fuse:    top-1 ${(rel.fuse.top1 * 100).toFixed(1)} %, MRR ${rel.fuse.mrr.toFixed(3)}, nonsense answered ${rel.fuse.answeredNonsense}`,
);
const typoRows = [
  ...measureTypos('shipped', vocabularyOf(profile)),
  ...measureTypos('synthetic 10k', vocabularyOf(syntheticProfile(profile, quick ? 1000 : 10_000))),
  ...measureTypos('made-up words', madeUpWords(5000)),
];
console.log(`\ntypo correction alone (distinct typo'd words, uncached; times in ms):`);
const typoHeader = ['words', 'vocabulary', 'engine', 'build', 'lookup p50', 'lookup p99', 'typos found', 'nonsense answered'];
const typoTable = typoRows.map((r) => [
  r.words,
  String(r.size),
  r.engine,
  f(r.buildMs),
  f(r.p50),
  f(r.p99),
  `${(r.recall * 100).toFixed(1)} %`,
  `${(r.nonsense * 100).toFixed(1)} %`,
]);
const typoWidths = typoHeader.map((h, i) => Math.max(h.length, ...typoTable.map((row) => row[i]!.length)));
const typoLine = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(typoWidths[i]!)).join(' | ') + ' |';
console.log(typoLine(typoHeader));
console.log('|' + typoWidths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const row of typoTable) console.log(typoLine(row));

const shipped = rows[0]!;
console.log(
  `\ntarget on the shipped profile: search and autocomplete p99 < 0.5 ms → search ${f(shipped.searchP99)} ` +
    `ms, autocomplete ${f(shipped.autocompleteP99)} ms: ${shipped.searchP99 < 0.5 && shipped.autocompleteP99 < 0.5 ? 'met' : 'MISSED'}`,
);
const big = rows.find((r) => r.profile === 'synthetic 10k' && r.engine === 'portfolio-bot');
if (big) console.log(`target on 10 000 entries: search p99 < 10 ms → ${f(big.searchP99)} ms: ${big.searchP99 < 10 ? 'met' : 'MISSED'}`);
