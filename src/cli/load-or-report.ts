import type { CliIO } from '../cli.js';
import { formatProblem, loadProfile, ProfileError, type LoadedProfile } from '../profile/load.js';
import { resolveProfilePath } from './profile-path.js';

/** Loads the configured profile, or prints its problems and returns null. */
export async function loadProfileOrReport(io: CliIO, path?: string): Promise<LoadedProfile | null> {
  try {
    return await loadProfile(resolveProfilePath(path));
  } catch (error) {
    if (!(error instanceof ProfileError)) throw error;
    for (const problem of error.problems) io.err(formatProblem(problem));
    return null;
  }
}
