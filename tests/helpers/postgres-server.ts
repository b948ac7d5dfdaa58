// A real PostgreSQL server for the tests: a fresh cluster in a temporary
// directory (initdb), started with pg_ctl on a free port with its own socket
// directory and fsync off, and removed when the test is done. initdb refuses to
// run as root, so as root the cluster belongs to the `postgres` user (Debian's
// package creates it). .ci/run installs the package when it is missing.
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PostgresServer {
  /** postgres://… of a database of its own. */
  url: string;
  stop(): Promise<void>;
}

/** The directory of initdb and pg_ctl: on PATH, or Debian's versioned one. */
export function findPostgresBin(): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(':')) if (dir && existsSync(join(dir, 'pg_ctl'))) return dir;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((version) => join(root, version, 'bin')).find((dir) => existsSync(join(dir, 'pg_ctl')));
}

/** A TCP port on loopback that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** `port`: listen there (a test that starts the server after the bot that uses it); default a free one. */
export async function startPostgres(settings: { port?: number } = {}): Promise<PostgresServer> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (initdb and pg_ctl not found); .ci/run installs it with apt-get');
  const asRoot = userInfo().uid === 0;
  const owner = asRoot ? pgUser() : undefined;
  const home = mkdtempSync(join(tmpdir(), 'portfolio-pg-'));
  const data = join(home, 'data');
  const socket = join(home, 'socket');
  if (owner) {
    chownSync(home, owner.uid, owner.gid);
    chmodSync(home, 0o700);
  }
  const as = (command: string, args: string[]) =>
    owner ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args]) : run(join(bin, command), args);
  await as('initdb', ['-D', data, '-U', 'portfolio', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  // mkdir as the owner: the socket directory must be theirs.
  await run(owner ? 'runuser' : 'mkdir', owner ? ['-u', 'postgres', '--', 'mkdir', socket] : [socket]);
  const port = settings.port ?? (await freePort());
  const options = `-p ${port} -k ${socket} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  await as('pg_ctl', ['start', '-D', data, '-w', '-t', '30', '-s', '-l', join(home, 'log'), '-o', options]);
  return {
    url: `postgres://portfolio@127.0.0.1:${port}/postgres`,
    async stop() {
      await as('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-s']).catch(() => undefined);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

function pgUser(): { uid: number; gid: number } {
  // Read from /etc/passwd: the account Debian's package made, which initdb will run as.
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (!uid || !gid) throw new Error('running as root, and there is no postgres user to run initdb as');
  return { uid: Number(uid), gid: Number(gid) };
}
