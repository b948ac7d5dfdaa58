// The repository must stand alone: a clone on a stranger's machine has nothing beside it.
// No tracked file may read or name a path outside the checkout (the brief's shared folder,
// this machine's work directory, or a relative path that climbs above the repository root).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/paths.js';

/** Tracked files plus new ones not yet committed, as git sees them (ignored files left out). */
function projectFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: REPO_ROOT });
  return out
    .toString('utf8')
    .split('\0')
    .filter((file) => file !== '' && file !== 'package-lock.json' && !file.startsWith('tests/fixtures/source/'));
}

// Built from pieces so that this file does not match its own patterns.
const SHARED = new RegExp(['\\.\\.', 'shared'].join('/'));
const WORKDIR = new RegExp(['', 'work', ''].join('/'));
/** A relative path in a string or comment: ../ one or more times followed by a name. */
const CLIMB = /(?:^|[\s'"`(])((?:\.\.\/)+)[\w.-]/g;

/** Hostile inputs that try a path traversal on purpose (a menu value, an option) are not references. */
const TRAVERSAL_PROBE = 'etc/passwd';

function readText(file: string): string | undefined {
  const buffer = readFileSync(join(REPO_ROOT, file));
  return buffer.includes(0) ? undefined : buffer.toString('utf8');
}

describe('the repository stands alone', () => {
  const files = projectFiles();

  it('finds the project files through git', () => {
    expect(files).toContain('package.json');
    expect(files).toContain('tests/repository-alone.test.ts');
  });

  it('no file names the shared folder or this machine work directory', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const text = readText(file);
      if (text === undefined) continue;
      text.split('\n').forEach((line, index) => {
        if (SHARED.test(line) || WORKDIR.test(line)) offenders.push(`${file}:${index + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('no relative path climbs out of the repository', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const text = readText(file);
      if (text === undefined) continue;
      text.split('\n').forEach((line, index) => {
        if (line.includes(TRAVERSAL_PROBE)) return;
        for (const match of line.matchAll(CLIMB)) {
          const target = normalize(join(dirname(file), match[1]!));
          if (relative('.', target).startsWith('..')) offenders.push(`${file}:${index + 1}: ${line.trim()}`);
        }
      });
    }
    expect(offenders).toEqual([]);
  });

  it('keeps the source page the seed check reads', () => {
    const page = readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'source', 'about-page.md'), 'utf8');
    expect(page).toMatch(/^title: About$/m);
  });
});
