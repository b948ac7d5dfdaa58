// The one way a profile file becomes a Portfolio: loadPortfolio. Every command, the
// holder's hot reloads and the tests' helpers load through it, so that the bounds
// on what a file may hold (src/profile/read.ts, src/profile/yaml.ts) and the
// answer (a Portfolio, or the problems as printable lines) are the same everywhere.
import { Worker } from 'node:worker_threads';
import type { LoadedProfile } from '../profile/load.js';
import { describeLoadFailure, type Problems } from '../profile/problems.js';
import { createPortfolio, type Portfolio } from './types.js';

export type LoadResult = { portfolio: Portfolio; problems?: undefined } | ({ portfolio?: undefined } & Problems);

/** What reading and validating a file comes to, as plain data (a worker thread posts it). */
export type LoadAnswer = LoadedProfile | Problems;

export interface LoadOptions {
  /**
   * For the long-running bots (gateway and HTTP): the reading, YAML parsing and
   * validation run in a worker thread, and only the search index is built here.
   * The parse's garbage then stays out of the main thread's heap (which V8 would
   * otherwise grow for good), a reload never blocks the event loop, and the worker
   * is bounded in time and heap (WORKER_LIMITS). A profile whose text was validated
   * before comes from its snapshot instead (src/profile/snapshot.ts): the gateway's
   * cold start needs that (docs/performance.md). Runs the built worker (dist/), so
   * not under vitest.
   */
  offThread?: boolean;
}

/** Loads a profile file into a Portfolio, or says what is wrong with it. Never throws. */
export async function loadPortfolio(file: string, options: LoadOptions = {}): Promise<LoadResult> {
  try {
    const answer = options.offThread ? ((await readSnapshotOf(file)) ?? (await loadInWorker(file))) : await loadHere(file);
    return 'problems' in answer ? answer : { portfolio: createPortfolio(answer) };
  } catch (error) {
    return describeLoadFailure(file, error);
  }
}

async function loadHere(file: string): Promise<LoadedProfile> {
  // Imported here, not above: off the main thread, the YAML parser and the schema never load in it.
  const [{ readProfileText }, { parseProfile }] = await Promise.all([import('../profile/read.js'), import('../profile/load.js')]);
  return parseProfile(await readProfileText(file), file);
}

/** The validated profile for the file's text, if that text was validated before. */
async function readSnapshotOf(file: string): Promise<LoadedProfile | undefined> {
  // The bounded reader (no FIFO, no huge file), without the YAML parser: a file
  // it refuses goes to the worker, which reports why.
  const [{ readSnapshot }, { readProfileText }] = await Promise.all([import('../profile/snapshot.js'), import('../profile/read.js')]);
  const text = await readProfileText(file).catch(() => undefined);
  return text === undefined ? undefined : readSnapshot(file, text);
}

/**
 * How long a worker may take over one profile, and how much heap it may use. The
 * loader's own bounds (src/profile/read.ts, src/profile/yaml.ts) keep any file far
 * below both; these are the backstop should one of them miss a case.
 */
export const WORKER_LIMITS = { timeoutMs: 15_000, maxOldGenerationSizeMb: 256 } as const;

/**
 * The file read, parsed and validated by src/bot/profile-worker.ts; a worker that fails, runs out of heap or of
 * time is a problem like any other.
 */
function loadInWorker(file: string): Promise<LoadAnswer> {
  return new Promise<LoadAnswer>((resolve) => {
    const worker = new Worker(new URL('./profile-worker.js', import.meta.url), {
      workerData: { file },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_LIMITS.maxOldGenerationSizeMb },
    });
    let settled = false;
    const settle = (answer: LoadAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(answer);
    };
    const fail = (message: string) => settle({ problems: [`${file}: ${message}`], total: 1 });
    const timer = setTimeout(
      () => fail(`took longer than ${WORKER_LIMITS.timeoutMs / 1000} s to load, so it was refused`),
      WORKER_LIMITS.timeoutMs,
    );
    timer.unref();
    worker.once('message', settle);
    worker.once('error', (error) => {
      const outOfMemory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      settle(
        outOfMemory
          ? { problems: [`${file}: needed more than ${WORKER_LIMITS.maxOldGenerationSizeMb} MB to load, so it was refused`], total: 1 }
          : describeLoadFailure(file, error),
      );
    });
    worker.once('exit', (code) => fail(`could not be loaded: the loader stopped (exit code ${code}) before answering`));
  });
}
