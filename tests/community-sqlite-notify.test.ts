// Two processes on one SQLite file: this test process holds a community (as the
// running bot does), and `portfolio-bot community add` / `remove` change a member
// through another process. The change must reach the running community within a
// second, with no restart: its store looks at the file's data_version on a timer
// and reads the numbered changes another process committed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCommunity, type Community } from '../src/community/community.js';
import { silentLogger } from '../src/log.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { runCli } from './helpers/cli.js';
import { memberYaml } from './helpers/community.js';
import { shippedPortfolio } from './helpers/profile.js';

const GUILD = '300000000000000001';
const PRIYA = '400000000000000001';
let community: Community;
let dir = '';
let database = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'portfolio-sqlite-notify-'));
  database = join(dir, 'portfolio.db');
  const owner = await shippedPortfolio();
  community = await openCommunity({ store: await openSqliteStore(database), owner: () => owner, logger: silentLogger });
});
afterAll(async () => {
  await community?.close();
  rmSync(dir, { recursive: true, force: true });
});

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

it('a member added or removed by the command line reaches the running bot within a second', async () => {
  const file = join(dir, 'priya.yaml');
  writeFileSync(
    file,
    memberYaml({
      name: 'Priya',
      projects: [{ id: 'adamw', name: 'AdamW from scratch', summary: 'Optimizers compared.', tags: ['optimizers'] }],
    }),
  );
  const { DATABASE_URL: _postgres, ...rest } = process.env;
  const env = { ...rest, SQLITE_PATH: database, LOG_LEVEL: 'error', PROFILE_PATH: '', DISCORD_TOKEN: '' };
  expect(whoFindsPriya()).toBe(false);
  const added = await runCli(['community', 'add', '--guild', GUILD, '--member', PRIYA, file], '', { env });
  expect(added.stdout.trim()).toBe(`added ${PRIYA}: 3 entries (${file})`);
  // The CLI has exited: its save is committed. (Its store's poll timer did not keep it alive.)
  const addMs = await within(1000, whoFindsPriya);
  const removed = await runCli(['community', 'remove', '--guild', GUILD, '--member', PRIYA], '', { env });
  expect(removed.stdout.trim()).toBe(`removed ${PRIYA} from server ${GUILD}`);
  const removeMs = await within(1000, () => !whoFindsPriya());
  console.log(`sqlite change feed: add seen after ${addMs} ms, removal after ${removeMs} ms (from the CLI's exit)`);
});
