// Worker thread entry for parseConfigOffThread (src/config-off-thread.ts): the
// environment checked by src/config.ts, posted back as plain data.
import { parentPort } from 'node:worker_threads';
import { ConfigError, parseConfig, type Config } from './config.js';

export type ConfigAnswer = { ok: true; config: Config } | { ok: false; problem: string } | { ok: false; error: string };

let answer: ConfigAnswer;
try {
  answer = { ok: true, config: parseConfig(process.env) };
} catch (error) {
  answer = error instanceof ConfigError ? { ok: false, problem: error.message } : { ok: false, error: String(error) };
}
parentPort?.postMessage(answer);
