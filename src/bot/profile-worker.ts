// Worker thread entry for loadPortfolio(file, { offThread: true }): reads, parses
// and validates one profile file, posts back plain data (the Profile, or its
// problems as lines) and leaves a snapshot of a valid one for the next start.
// The YAML parse and the schema check then neither block the main thread's
// event loop nor leave their garbage in its heap.
import { parentPort, workerData } from 'node:worker_threads';
import { parseProfile } from '../profile/load.js';
import { describeLoadFailure } from '../profile/problems.js';
import { readProfileText } from '../profile/read.js';
import { writeSnapshot } from '../profile/snapshot.js';
import type { LoadAnswer } from './load.js';

const { file } = workerData as { file: string };
let answer: LoadAnswer;
try {
  const text = await readProfileText(file);
  answer = parseProfile(text, file);
  writeSnapshot(file, text, answer);
} catch (error) {
  answer = describeLoadFailure(file, error);
}
parentPort?.postMessage(answer);
