// Nothing acknowledged is lost: a process saving member profiles as fast as it
// can is killed with SIGKILL mid-burst, and every save it reported done is in the
// database afterwards, on both engines. The writer is the built store (dist/, as
// npm test builds first) in a child process.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/paths.js';
import { openStore } from '../src/store/index.js';
import { startPostgres, type PostgresServer } from './helpers/postgres-server.js';

const STORE_MODULE = pathToFileURL(join(REPO_ROOT, 'dist', 'src', 'store', 'index.js')).href;

// Saves member after member, printing each id once its save resolved.
const WRITER = `
const { openStore } = await import(${JSON.stringify(STORE_MODULE)});
const store = await openStore({ DATABASE_URL: process.env.DATABASE_URL || undefined, SQLITE_PATH: process.env.SQLITE_PATH });
for (let i = 0; ; i++) {
  const memberId = 'm' + i;
  await store.putMember({ guildId: 'burst', memberId, memberName: 'n' + i, format: 'yaml', source: 'x'.repeat(2000),
    createdAt: i, updatedAt: i });
  process.stdout.write('saved ' + memberId + '\\n');
}
`;

/** Starts the writer, kills it with SIGKILL once it has reported `after` saves, and returns every id it reported. */
function burstThenKill(env: NodeJS.ProcessEnv, after: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', WRITER], { env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.split('\n').length > after) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`the writer stopped by itself: ${err}`));
      resolve([...out.matchAll(/^saved (m\d+)$/gm)].map((match) => match[1]!));
    });
  });
}

describe('a process killed mid-burst', () => {
  let scratch = '';
  let server: PostgresServer | undefined;
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'portfolio-durable-'));
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }, 30_000);

  it('keeps every save it answered on SQLite', async () => {
    const SQLITE_PATH = join(scratch, 'portfolio.db');
    const acknowledged = await burstThenKill({ SQLITE_PATH, DATABASE_URL: '' }, 150);
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);
    const store = await openStore({ SQLITE_PATH });
    const kept = new Set((await store.listMembers('burst')).map((record) => record.memberId));
    await store.close();
    expect(acknowledged.filter((id) => !kept.has(id))).toEqual([]);
  });

  it('keeps every save it answered on PostgreSQL', async () => {
    const acknowledged = await burstThenKill({ DATABASE_URL: server!.url }, 150);
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);
    const store = await openStore({ DATABASE_URL: server!.url, SQLITE_PATH: '' });
    const kept = new Set((await store.listMembers('burst')).map((record) => record.memberId));
    await store.close();
    expect(acknowledged.filter((id) => !kept.has(id))).toEqual([]);
  });
});
