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
import { schedulingNote } from './scheduling.js';

const ROUNDS = process.argv.includes('--quick') ? 500 : 5000;
/** Passes over the questions before measuring "warm": enough for the JIT to settle (it takes about 20). */
const WARM_UP_PASSES = process.argv.includes('--quick') ? 5 : 30;
/** Passes measured right after the first, while the JIT is still compiling: reported apart as "warming". */
const WARMING_PASSES = 5;
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

interface Latencies {
  /** Passes 2 to 1 + WARMING_PASSES over the questions: a process's first few hundred answers. */
  warming: { p50: number; p99: number };
  /** ROUNDS answers after WARM_UP_PASSES passes: the steady state the target is about. */
  warm: { p50: number; p99: number };
}

function summary(samples: number[]): { p50: number; p99: number } {
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

function latencies(texts: readonly string[], run: (text: string) => void): Latencies {
  for (const text of texts) run(text); // the first pass builds the lazy parts; bench:ask's cold row times it
  const warming: number[] = [];
  for (let pass = 0; pass < WARMING_PASSES; pass++) for (const text of texts) warming.push(time(() => run(text)));
  for (let pass = WARMING_PASSES; pass < WARM_UP_PASSES; pass++) for (const text of texts) run(text);
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const text = texts[i % texts.length] ?? '';
    samples.push(time(() => run(text)));
  }
  return { warming: summary(warming), warm: summary(samples) };
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
    `bench:ask — the shipped profile, ${texts.length} development questions; warm: ${ROUNDS} answers after ${WARM_UP_PASSES} passes; ` +
      `warming: passes 2–${WARMING_PASSES + 1}; ms; node ${process.version}`,
  );
  console.log(schedulingNote());
  console.log('| what | warm p50 | warm p99 | warming p50 | warming p99 |');
  console.log('|---|---|---|---|---|');
  const row = (what: string, l: Latencies): string =>
    `| ${what} | ${f(l.warm.p50)} | ${f(l.warm.p99)} | ${f(l.warming.p50)} | ${f(l.warming.p99)} |`;
  console.log(row('/ask: a whole answer', ask));
  console.log(row('baseline: the search alone on the same text', search));
  console.log(
    `ratio /ask ÷ search, warm: p50 ${(ask.warm.p50 / search.warm.p50).toFixed(1)}, p99 ${(ask.warm.p99 / search.warm.p99).toFixed(1)}`,
  );
  console.log(
    `cold, median of ${FRESH_PROCESSES} fresh processes: stem module load ${f(median(fresh.map((r) => r.stemLoad)))} ms; ` +
      `first answer ${f(median(fresh.map((r) => r.first)))} ms (builds the lazy parts), second ${f(median(fresh.map((r) => r.second)))} ms`,
  );
  const verdict = ask.warm.p99 < TARGET_P99_MS ? 'met' : 'MISSED';
  console.log(`target: /ask p99 < ${TARGET_P99_MS} ms warm → ${f(ask.warm.p99)} ms: ${verdict}`);
}

if (process.argv.includes('--child')) await child();
else await main();
