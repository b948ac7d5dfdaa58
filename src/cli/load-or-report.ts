import type { CliIO } from './types.js';
import { fileProblem, formatProblem, loadProfile, ProfileError, type LoadedProfile } from '../profile/load.js';
import { describeUnexpected } from '../profile/problems.js';
import { resolveProfilePath } from './profile-path.js';

/** Loads the configured profile, or prints its problems and returns null. */
export async function loadProfileOrReport(io: CliIO, path?: string): Promise<LoadedProfile | null> {
  const file = resolveProfilePath(path);
  try {
    return await loadProfile(file);
  } catch (error) {
    const problems = error instanceof ProfileError ? error.problems : [fileProblem(file, `could not be loaded: ${describeUnexpected(error)}`)];
    for (const problem of problems) io.err(formatProblem(problem));
    return null;
  }
}
