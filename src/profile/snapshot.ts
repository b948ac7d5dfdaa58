// Validated profiles remembered on disk, so that a start with an unchanged
// profile skips the YAML parse and the schema check (and their modules: about
// a sixth of the gateway bot's cold start in npm run bench).
//
// A snapshot is keyed by the profile's text AND by the source of the code that
// validates and transforms it (the schema and the loader): the same text read
// by the same code gives the same Profile, so a snapshot can never say more
// than validation would. One file per profile path, in node_modules/.cache;
// when that can't be written, everything still works, only slower.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../paths.js';
import type { LoadedProfile } from './load.js';

const CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'portfolio-bot');

const VALIDATING_MODULES = ['constants', 'schema', 'load', 'yaml', 'read'];

let fingerprint: string | null | undefined;
/**
 * A hash of the validating code's own source: the compiled .js next to this
 * module, or the .ts under vitest; from the bundle (dist/bundle, built from
 * dist/src by the same `npm run build`), the dist/src/profile files it was
 * built from. Null when that source can't be found: no snapshots then.
 */
function codeFingerprint(): string | null {
  if (fingerprint === undefined) {
    fingerprint = null;
    const dirs = [new URL('.', import.meta.url), pathToFileURL(join(REPO_ROOT, 'dist', 'src', 'profile') + '/')];
    for (const dir of dirs) {
      const sources = VALIDATING_MODULES.map((name) => readFirst([`${name}.js`, `${name}.ts`].map((file) => new URL(file, dir))));
      if (sources.every((source): source is Buffer => source !== undefined)) {
        const hash = createHash('sha256');
        for (const source of sources) hash.update(source);
        fingerprint = hash.digest('hex');
        break;
      }
    }
  }
  return fingerprint;
}

function readFirst(files: URL[]): Buffer | undefined {
  for (const file of files) {
    try {
      return readFileSync(file);
    } catch {
      // try the next one
    }
  }
  return undefined;
}

function snapshotKey(text: string): string | null {
  const code = codeFingerprint();
  return code === null ? null : createHash('sha256').update(code).update('\0').update(text).digest('hex');
}

function snapshotFile(file: string): string {
  return join(CACHE_DIR, `${createHash('sha256').update(resolve(file)).digest('hex').slice(0, 16)}.json`);
}

/** What validating exactly this text gave (the profile and its revision), if it was validated before. */
export function readSnapshot(file: string, text: string): LoadedProfile | undefined {
  try {
    const key = snapshotKey(text);
    if (key === null) return undefined;
    const stored = JSON.parse(readFileSync(snapshotFile(file), 'utf8')) as { key?: string } & Partial<LoadedProfile>;
    if (stored.key !== key || !stored.profile || typeof stored.revision !== 'string') return undefined;
    return { profile: stored.profile, revision: stored.revision };
  } catch {
    return undefined;
  }
}

/** Remembers what validating this text gave; best effort. */
export function writeSnapshot(file: string, text: string, { profile, revision }: LoadedProfile): void {
  const key = snapshotKey(text);
  if (key === null) return;
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const target = snapshotFile(file);
    const temp = `${target}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ key, profile, revision }));
    renameSync(temp, target); // readers see the old snapshot or the new one, never half of one
  } catch {
    // a read-only install: no snapshot, the next start validates again
  }
}
