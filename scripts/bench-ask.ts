// `npm run bench:ask`: what a plain question costs (issue #13), on the shipped
// profile, with the development questions (tests/fixtures/questions/dev.yaml;
// never the held-out ones). Warm: p50/p99 of a whole answer (reading the words,
// the rules, the search, the card), beside the search alone on the same text
// (what /search costs), measured in the same run. Cold: in fresh processes, the
// load of the inflection folding (wink-porter2-stemmer and wink-lexicon's table of
// irregular verbs), and the first answer after the profile is loaded (which builds
// the lazily built parts: the words by stem, the typo layer over the profile's and
// the general words) against the second. A script, not a test: the figures are
// for reading; docs/answers.md records them.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { answerQuestion } from '../src/ask/index.js';
import { DEFAULT_PROFILE_PATH } from '../src/paths.js';
import { loadedPortfolio } from '../tests/helpers/profile.js';
import { loadQuestions } from './eval-ask.js';

const ROUNDS = process.argv.includes('--quick') ? 500 : 5000;
const FRESH_PROCESSES = 5;
const TARGET_P99_MS = 1;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function latencies(texts: readonly string[], run: (text: string) => void): { p50: number; p99: number } {
  for (const text of texts) run(text); // warm-up: JIT, caches
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const text = texts[i % texts.length] ?? '';
    samples.push(time(() => run(text)));
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const f = (ms: number): string => (ms < 0.1 ? ms.toFixed(4) : ms.toFixed(3));

/** In a fresh process: the stem module's load, then the first and second answers on a loaded profile. */
async function child(): Promise<void> {
  const started = performance.now();
  await import('../src/search/stem.js');
  const stemLoad = performance.now() - started;
  const portfolio = await loadedPortfolio(DEFAULT_PROFILE_PATH);
  const first = time(() => answerQuestion('wat projects did he buid with pytorch', portfolio));
  const second = time(() => answerQuestion('has he managed people?', portfolio));
  process.stdout.write(`${JSON.stringify({ stemLoad, first, second })}\n`);
}

async function main(): Promise<void> {
  const portfolio = await loadedPortfolio(DEFAULT_PROFILE_PATH);
  const texts = loadQuestions('dev', portfolio.profile).map((question) => question.q);
  const ask = latencies(texts, (text) => answerQuestion(text, portfolio));
  const search = latencies(texts, (text) => portfolio.search.search(text, { limit: 10 }));

  const fresh: { stemLoad: number; first: number; second: number }[] = [];
  for (let i = 0; i < FRESH_PROCESSES; i++) {
    const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child'], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`bench:ask child failed: ${run.stderr}`);
    fresh.push(JSON.parse(run.stdout.trim()) as { stemLoad: number; first: number; second: number });
  }

  console.log(
    `bench:ask — the shipped profile, ${texts.length} development questions, ${ROUNDS} answers per row; ms; node ${process.version}`,
  );
  console.log('| what | p50 | p99 |');
  console.log('|---|---|---|');
  console.log(`| /ask: a whole answer | ${f(ask.p50)} | ${f(ask.p99)} |`);
  console.log(`| baseline: the search alone on the same text | ${f(search.p50)} | ${f(search.p99)} |`);
  console.log(`ratio /ask ÷ search: p50 ${(ask.p50 / search.p50).toFixed(1)}, p99 ${(ask.p99 / search.p99).toFixed(1)}`);
  console.log(
    `cold, median of ${FRESH_PROCESSES} fresh processes: stem module load ${f(median(fresh.map((r) => r.stemLoad)))} ms; ` +
      `first answer ${f(median(fresh.map((r) => r.first)))} ms (builds the lazy parts), second ${f(median(fresh.map((r) => r.second)))} ms`,
  );
  console.log(`target: /ask p99 < ${TARGET_P99_MS} ms warm → ${f(ask.p99)} ms: ${ask.p99 < TARGET_P99_MS ? 'met' : 'MISSED'}`);
}

if (process.argv.includes('--child')) await child();
else await main();
