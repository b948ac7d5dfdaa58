// Worker thread entry for loadBotOffThread: reads, parses and validates one
// profile file and posts back plain data (the Profile, or its problems as lines).
// The YAML parse and the schema check then neither block the main thread's event
// loop nor leave their garbage in its heap.
import { parentPort, workerData } from 'node:worker_threads';
import { formatProblem, parseProfile, ProfileError, readProfileText } from '../profile/load.js';
import { describeUnexpected } from '../profile/problems.js';
import { writeSnapshot } from '../profile/snapshot.js';
import type { Profile } from '../profile/schema.js';

export type WorkerAnswer = { ok: true; profile: Profile; revision: string } | { ok: false; problems: string[] };

const { file } = workerData as { file: string };
let answer: WorkerAnswer;
try {
  const text = await readProfileText(file);
  const loaded = parseProfile(text, file);
  writeSnapshot(file, text, loaded.profile);
  answer = { ok: true, profile: loaded.profile, revision: loaded.revision };
} catch (error) {
  answer = {
    ok: false,
    problems: error instanceof ProfileError ? error.problems.map(formatProblem) : [`${file}: could not be loaded: ${describeUnexpected(error)}`],
  };
}
parentPort?.postMessage(answer);
