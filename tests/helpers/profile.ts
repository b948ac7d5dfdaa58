import { join } from 'node:path';
import { loadProfile, type LoadedProfile } from '../../src/profile/load.js';
import { REPO_ROOT } from '../../src/paths.js';

export const SHIPPED_PROFILE = join(REPO_ROOT, 'data', 'profile.yaml');

let cached: Promise<LoadedProfile> | undefined;
/** The shipped profile, loaded once per test file. */
export function shippedProfile(): Promise<LoadedProfile> {
  cached ??= loadProfile(SHIPPED_PROFILE);
  return cached;
}
