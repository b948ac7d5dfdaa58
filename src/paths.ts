// Where the repository is, whether we run from src/ (vitest) or dist/src/ (built).
import { existsSync, readFileSync } from 'node:fs';
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
