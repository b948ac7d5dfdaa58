import { DEFAULT_PROFILE_PATH } from '../paths.js';

/** PATH argument, else PROFILE_PATH, else the repository's data/profile.yaml. */
export function resolveProfilePath(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return explicit ?? (env['PROFILE_PATH'] || DEFAULT_PROFILE_PATH);
}
