// Where the repository is, whether we run from src/ (vitest) or dist/src/ (built).
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'portfolio-bot') return dir;
      } catch {
        // not ours; keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return resolve(start, '..');
    dir = parent;
  }
}

export const REPO_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const DEFAULT_PROFILE_PATH = join(REPO_ROOT, 'data', 'profile.yaml');
/** The member profiles' SQLite file when DATABASE_URL is unset (git-ignored). */
export const DEFAULT_DATABASE_PATH = join(REPO_ROOT, 'data', 'portfolio.db');

/**
 * Makes `dir` and the folders above it that are missing, one level at a time. Not
 * mkdir's `recursive`: on a path the system refuses to create anything in (under
 * /proc, say) Node 20's recursive mkdir retries for ever, and a bot pointed at
 * such a path would hang at start instead of saying why. Throws the system's
 * error (ENOENT, EACCES, ENOTDIR) for the first folder that cannot be made.
 */
export function makeDirectory(dir: string): void {
  const missing: string[] = [];
  let at = resolve(dir);
  for (; !existsSync(at) && dirname(at) !== at; at = dirname(at)) missing.push(at);
  if (!statSync(at).isDirectory()) {
    throw Object.assign(new Error(`ENOTDIR: ${at} is a file, not a folder`), { code: 'ENOTDIR' });
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
    } catch (error) {
      // Made by someone else in the meantime: what matters is that it is a folder now.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(folder).isDirectory()) throw error;
    }
  }
}
