// The gateway bot's start-up checks its environment with the same zod schema
// (src/config.ts) in a worker thread, while its main thread loads discord.js:
// zod's modules take ~50 ms to load, a seventh of a cold start that nothing on
// the main thread needs them for (npm run bench, cold start). A bad environment
// still fails before the login, with the same ConfigError. Runs the compiled
// worker (dist/), so not under vitest, like loadBotOffThread.
import { Worker } from 'node:worker_threads';
import { ConfigError } from './config-error.js';
import type { Config } from './config.js';
import type { ConfigAnswer } from './config-worker.js';

export function parseConfigOffThread(): Promise<Config> {
  return new Promise<Config>((resolve, reject) => {
    // The worker gets a copy of process.env as it is now (.env already applied).
    const worker = new Worker(new URL('./config-worker.js', import.meta.url));
    let settled = false;
    worker.once('message', (answer: ConfigAnswer) => {
      settled = true;
      void worker.terminate();
      if (answer.ok) resolve(answer.config);
      else if ('problem' in answer) reject(new ConfigError(answer.problem));
      else reject(new Error(`checking the environment failed: ${answer.error}`));
    });
    worker.once('error', (error) => {
      if (!settled) reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`config worker exited with code ${code} before answering`));
    });
  });
}
