// Two processes on one PostgreSQL: this test process holds a community (as a
// serve replica or a gateway shard would), and `portfolio-bot community add`
// saves a member through another process. The submit must be searchable here
// within a second, by LISTEN/NOTIFY, with no restart and no polling; a removal
// the same.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCommunity, type Community } from '../src/community/community.js';
import { silentLogger } from '../src/log.js';
import { openPostgresStore } from '../src/store/postgres.js';
import { runCli } from './helpers/cli.js';
import { memberYaml } from './helpers/community.js';
import { startPostgres, type PostgresServer } from './helpers/postgres-server.js';
import { shippedPortfolio } from './helpers/profile.js';

const GUILD = '300000000000000001';
const PRIYA = '400000000000000001';
let server: PostgresServer;
let community: Community;
let dir = '';

beforeAll(async () => {
  server = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'portfolio-notify-'));
  const owner = await shippedPortfolio();
  community = await openCommunity({ store: await openPostgresStore(server.url), owner: () => owner, logger: silentLogger });
}, 60_000);
afterAll(async () => {
  await community?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 30_000);

/** Milliseconds until `check` is true, or a failure after `limit` ms. */
async function within(limit: number, check: () => boolean): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > limit) throw new Error(`not within ${limit} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Date.now() - started;
}

const whoFindsPriya = () =>
  (community.portfolioFor(GUILD).community?.search.search('optimizers', { limit: 10 }) ?? []).some((hit) => hit.entry.owner.id === PRIYA);

it('a submit through another process is searchable here within a second, and so is a removal', async () => {
  const file = join(dir, 'priya.yaml');
  writeFileSync(
    file,
    memberYaml({
      name: 'Priya',
      projects: [{ id: 'adamw', name: 'AdamW from scratch', summary: 'Optimizers compared.', tags: ['optimizers'] }],
    }),
  );
  const env = { ...process.env, DATABASE_URL: server.url, LOG_LEVEL: 'error', PROFILE_PATH: '', DISCORD_TOKEN: '' };
  expect(whoFindsPriya()).toBe(false);
  const added = await runCli(['community', 'add', '--guild', GUILD, '--member', PRIYA, file], '', { env });
  expect(added.stdout.trim()).toBe(`added ${PRIYA}: 3 entries (${file})`);
  // The CLI process has exited once it printed "added": the save was committed and announced.
  await within(1000, whoFindsPriya);
  const removed = await runCli(['community', 'remove', '--guild', GUILD, '--member', PRIYA], '', { env });
  expect(removed.stdout.trim()).toBe(`removed ${PRIYA} from server ${GUILD}`);
  await within(1000, () => !whoFindsPriya());
});

it('reads the store again when its LISTEN connection comes back after a cut: nothing committed meanwhile is missed', async () => {
  // A database of its own, so that connections to it can be refused while the one to `postgres` stays.
  const admin = await openPostgresStore(server.url, [], { max: 1 });
  await admin.sql.run('CREATE DATABASE cut');
  const url = server.url.replace(/\/postgres$/, '/cut');
  const owner = await shippedPortfolio();
  const logs: string[] = [];
  const logger = { ...silentLogger, info: (msg: string) => void logs.push(msg) };
  const here = await openCommunity({ store: await openPostgresStore(url), owner: () => owner, logger });
  const writer = await openPostgresStore(url, [], { max: 1 });
  const record = (memberId: string, name: string) => ({
    guildId: GUILD,
    memberId,
    memberName: name,
    format: 'yaml' as const,
    source: memberYaml({ name, projects: [{ id: 'p', name: `${name}'s optimizer study`, summary: 'Optimizers.', tags: ['optimizers'] }] }),
    createdAt: Date.now(),
    updatedAt: Date.now(),
  });
  const members = () => [...(here.portfolioFor(GUILD).community?.members.keys() ?? [])].sort();
  const SAM = '400000000000000002';
  try {
    await writer.putMember(record(PRIYA, 'Priya'));
    await within(1000, () => members().join() === PRIYA);

    // The cut: no new connection to the database, and this process's LISTEN backend ended.
    await admin.sql.run('ALTER DATABASE cut WITH ALLOW_CONNECTIONS false');
    const listening = "SELECT pid FROM pg_stat_activity WHERE datname = 'cut' AND query ILIKE 'listen%'";
    const [listener] = await admin.sql.all<{ pid: number }>(listening);
    expect(listener).toBeDefined();
    await admin.sql.run('SELECT pg_terminate_backend(?)', [listener!.pid]);
    while ((await admin.sql.all(listening)).length > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    // Committed (and announced to nobody) while it is away: Priya removed, Sam added.
    await writer.removeMember(GUILD, PRIYA);
    await writer.putMember(record(SAM, 'Sam'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(members()).toEqual([PRIYA]);

    await admin.sql.run('ALTER DATABASE cut WITH ALLOW_CONNECTIONS true');
    // postgres.js listens again by itself (its retries back off, hence the wide limit); then the store is read again.
    await within(5000, () => members().join() === SAM);
    expect(logs).toContain('member change feed back after a cut: member profiles read again');
    // And the feed works as before.
    await writer.putMember(record(PRIYA, 'Priya'));
    await within(1000, () => members().join() === [PRIYA, SAM].sort().join());
  } finally {
    await here.close();
    await writer.close();
    await admin.sql.run('ALTER DATABASE cut WITH ALLOW_CONNECTIONS true');
    await admin.close();
  }
}, 30_000);

it('a member saved by another process while this one starts (after its first read, before it listens) is not missed', async () => {
  const admin = await openPostgresStore(server.url, [], { max: 1 });
  await admin.sql.run('CREATE DATABASE gap');
  const url = server.url.replace(/\/postgres$/, '/gap');
  const owner = await shippedPortfolio();
  const writer = await openPostgresStore(url, [], { max: 1 });
  const store = await openPostgresStore(url);
  const SAM = '400000000000000003';
  // The other process's save lands in the gap: committed (and announced to nobody) just before this one listens.
  const inGap: typeof store = {
    ...store,
    onMemberChange: async (listener, missed) => {
      await writer.putMember({
        guildId: GUILD,
        memberId: SAM,
        memberName: 'Sam',
        format: 'yaml',
        source: memberYaml({
          name: 'Sam',
          projects: [{ id: 'p', name: "Sam's optimizer study", summary: 'Optimizers.', tags: ['optimizers'] }],
        }),
        createdAt: Date.now(),
        updatedAt: Date.now(),
      });
      return store.onMemberChange(listener, missed);
    },
  };
  const here = await openCommunity({ store: inGap, owner: () => owner, logger: silentLogger });
  try {
    await within(2000, () => here.portfolioFor(GUILD).community?.members.has(SAM) === true);
  } finally {
    await here.close();
    await writer.close();
    await admin.close();
  }
}, 30_000);
