import { Worker } from 'node:worker_threads';
import { describeUnexpected } from '../profile/problems.js';
import type { WorkerAnswer } from './profile-worker.js';
import { createBot, type Bot } from './types.js';

export type LoadResult = { bot: Bot; problems?: undefined } | { bot?: undefined; problems: string[] };

/** Loads a profile into a Bot, or returns its problems as printable lines. */
export async function loadBot(file: string): Promise<LoadResult> {
  // Imported here, not above: the gateway loads profiles off the main thread and
  // so never needs the YAML parser in it (it is a tenth of the start-up).
  const { formatProblem, loadProfile, ProfileError } = await import('../profile/load.js');
  try {
    return { bot: createBot(await loadProfile(file)) };
  } catch (error) {
    if (error instanceof ProfileError) return { problems: error.problems.map(formatProblem) };
    return { problems: [`${file}: could not be loaded: ${describeUnexpected(error)}`] };
  }
}

/**
 * The gateway's loader: a profile validated before (same text, same validating
 * code: see src/profile/snapshot.ts) comes straight from its snapshot; any other
 * is read, parsed and validated in a worker thread (loadBotOffThread), which
 * leaves a snapshot for the next start.
 */
export async function loadBotCached(file: string): Promise<LoadResult> {
  // The bounded reader (no FIFO, no huge file), without the YAML parser: a file
  // it refuses goes to the worker, which reports why.
  const [{ readSnapshot }, { readProfileText }] = await Promise.all([import('../profile/snapshot.js'), import('../profile/read.js')]);
  const text = await readProfileText(file).catch(() => undefined);
  const snapshot = text === undefined ? undefined : readSnapshot(file, text);
  return snapshot ? { bot: createBot(snapshot) } : loadBotOffThread(file);
}

/**
 * How long a worker may take over one profile, and how much heap it may use. The
 * loader's own bounds (src/profile/read.ts, src/profile/yaml.ts) keep any file far
 * below both; these are the backstop should one of them miss a case.
 */
export const WORKER_LIMITS = { timeoutMs: 15_000, maxOldGenerationSizeMb: 256 } as const;

/**
 * As loadBot, with the reading, YAML parsing and validation in a worker thread
 * (only the search index is built here). For the long-running bots (gateway and
 * HTTP): the parse's garbage stays out of the main thread's heap (which V8 would
 * otherwise grow for good), and a reload does not block the event loop while
 * interactions come in. A worker that fails, runs out of its heap or of time is
 * a problem like any other. Runs the built worker (dist/), so not under vitest.
 */
export function loadBotOffThread(file: string, limits: { timeoutMs: number; maxOldGenerationSizeMb: number } = WORKER_LIMITS): Promise<LoadResult> {
  return new Promise<LoadResult>((resolve) => {
    const worker = new Worker(new URL('./profile-worker.js', import.meta.url), {
      workerData: { file },
      resourceLimits: { maxOldGenerationSizeMb: limits.maxOldGenerationSizeMb },
    });
    let settled = false;
    const settle = (result: LoadResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const fail = (message: string) => settle({ problems: [`${file}: ${message}`] });
    const timer = setTimeout(() => fail(`took longer than ${limits.timeoutMs / 1000} s to load, so it was refused`), limits.timeoutMs);
    timer.unref();
    worker.once('message', (answer: WorkerAnswer) => {
      try {
        settle(answer.ok ? { bot: createBot({ profile: answer.profile, revision: answer.revision }) } : { problems: answer.problems });
      } catch (error) {
        fail(`could not be loaded: ${describeUnexpected(error)}`);
      }
    });
    worker.once('error', (error) => {
      const code = (error as NodeJS.ErrnoException).code;
      fail(code === 'ERR_WORKER_OUT_OF_MEMORY' ? `needed more than ${limits.maxOldGenerationSizeMb} MB to load, so it was refused` : `could not be loaded: ${describeUnexpected(error)}`);
    });
    worker.once('exit', (code) => fail(`could not be loaded: the loader stopped (exit code ${code}) before answering`));
  });
}
