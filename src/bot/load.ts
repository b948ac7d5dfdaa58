import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
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
    throw error;
  }
}

/**
 * The gateway's loader: a profile validated before (same text, same validating
 * code: see src/profile/snapshot.ts) comes straight from its snapshot; any other
 * is read, parsed and validated in a worker thread (loadBotOffThread), which
 * leaves a snapshot for the next start.
 */
export async function loadBotCached(file: string): Promise<LoadResult> {
  const [{ readSnapshot }, text] = await Promise.all([import('../profile/snapshot.js'), readFile(file, 'utf8').catch(() => undefined)]);
  const snapshot = text === undefined ? undefined : readSnapshot(file, text);
  return snapshot ? { bot: createBot(snapshot) } : loadBotOffThread(file);
}

/**
 * As loadBot, with the reading, YAML parsing and validation in a worker thread
 * (only the search index is built here). For the long-running gateway bot: the
 * parse's garbage stays out of the main thread's heap (which V8 would otherwise
 * grow for good), and a reload does not block the event loop while interactions
 * come in. Runs the built worker (dist/), so not under vitest.
 */
export function loadBotOffThread(file: string): Promise<LoadResult> {
  return new Promise<LoadResult>((resolve, reject) => {
    const worker = new Worker(new URL('./profile-worker.js', import.meta.url), { workerData: { file } });
    let settled = false;
    worker.once('message', (answer: WorkerAnswer) => {
      settled = true;
      void worker.terminate();
      try {
        if (answer.ok) resolve({ bot: createBot({ profile: answer.profile, revision: answer.revision }) });
        else if ('problems' in answer) resolve({ problems: answer.problems });
        else reject(new Error(answer.error));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    worker.once('error', (error) => {
      if (!settled) reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`profile worker exited with code ${code} before answering`));
    });
  });
}
