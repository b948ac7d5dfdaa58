// A database path the system will not create anything under is an error that
// names the file, at once: Node 20's recursive mkdir retries such a path for ever
// (under /proc, for one), and the bot, the HTTP endpoint and the CLI hung at start.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDirectory } from '../src/paths.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { BIN } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'portfolio-store-paths-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('where the SQLite file goes', () => {
  // In a child process with a deadline: the hang was a busy loop inside mkdir, which no test timeout can interrupt.
  it.skipIf(!existsSync('/proc/self'))('refuses a folder under /proc with the path and the reason, not a hang', () => {
    const result = spawnSync(process.execPath, [BIN, 'community', 'list', '--guild', '300000000000000001'], {
      cwd: dir,
      env: { ...process.env, DISCORD_TOKEN: '', PROFILE_PATH: '', DATABASE_URL: '', SQLITE_PATH: '/proc/portfolio-bot-nowhere/x.db' },
      timeout: 20_000,
      encoding: 'utf8',
    });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "could not open the SQLite database /proc/portfolio-bot-nowhere/x.db: ENOENT: no such file or directory, mkdir '/proc/portfolio-bot-nowhere'",
    );
  });

  it('names the file when a folder on its path is a file', async () => {
    writeFileSync(join(dir, 'plain'), 'not a folder');
    const file = join(dir, 'plain', 'x.db');
    await expect(openSqliteStore(file)).rejects.toThrow(`could not open the SQLite database ${file}: ENOTDIR`);
  });

  it('makes the missing folders, and accepts ones that exist', async () => {
    const deep = join(dir, 'a', 'b', 'c');
    makeDirectory(deep);
    makeDirectory(deep);
    expect(existsSync(deep)).toBe(true);
    const store = await openSqliteStore(join(dir, 'd', 'e', 'portfolio.db'));
    expect(store.engine).toBe('sqlite');
    await store.close();
  });
});
