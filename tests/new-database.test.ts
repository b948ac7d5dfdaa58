// A bot whose SQLite file is not there yet (a first start) holds no member portfolios: it answers
// without opening the database first, and creates it a moment after it is ready (cold start,
// docs/performance.md). Answers must not change: a server has the owner's portfolio alone until the
// database is up, what needs the database opens it and waits, a database that cannot be created is
// "unavailable" as before, and a database that exists is read before the first answer, so a server
// with members gets them from its first interaction.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MEMBERS_UNAVAILABLE } from '../src/bot/types.js';
import type { Config } from '../src/config.js';
import { openConfiguredCommunity } from '../src/community/open.js';
import { isNewSqliteFile } from '../src/discord/run.js';
import { silentLogger } from '../src/log.js';
import { openStoreRetrying } from '../src/store/retry.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { Store } from '../src/store/types.js';
import { startFakeDiscord, type FakeDiscord, type FakeInteraction, type JsonObject } from './fake-discord/index.js';
import { spawnBot, type BotProcess } from './helpers/bot-process.js';
import { fakeDiscordEnv } from './helpers/bot-process.js';
import { memberYaml, registerCommands, submitYaml } from './helpers/community.js';
import { shippedPortfolio } from './helpers/profile.js';

const WAIT = { timeoutMs: 15_000 };
const YAML = memberYaml({
  name: 'Ada',
  projects: [{ id: 'opt', name: 'Optimizer zoo', summary: 'Adam, Lion and friends compared.', tags: ['optimizers'] }],
});
const CONFIG = { FETCH_ALLOW_LOOPBACK: false } as Config;

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portfolio-new-db-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A database file that already holds ada's portfolio in one server, as a bot restarted over it finds. */
async function seedAda(file: string, guildId: string, memberId: string): Promise<void> {
  const seed = await openSqliteStore(file);
  await seed.putMember({
    guildId,
    memberId,
    memberName: 'ada',
    format: 'yaml',
    source: YAML,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
  });
  await seed.close();
}

describe('which database is new', () => {
  it('is a SQLite file that is not there, never a PostgreSQL database', () => {
    const dir = scratch();
    const file = join(dir, 'portfolio.db');
    expect(isNewSqliteFile({ DATABASE_URL: undefined, SQLITE_PATH: file })).toBe(true);
    expect(isNewSqliteFile({ DATABASE_URL: undefined, SQLITE_PATH: join(dir, 'not', 'yet', 'portfolio.db') })).toBe(true);
    expect(isNewSqliteFile({ DATABASE_URL: undefined, SQLITE_PATH: ':memory:' })).toBe(true);
    writeFileSync(file, '');
    expect(isNewSqliteFile({ DATABASE_URL: undefined, SQLITE_PATH: file })).toBe(false);
    expect(isNewSqliteFile({ DATABASE_URL: 'postgres://bot@db.internal/app', SQLITE_PATH: join(dir, 'other.db') })).toBe(false);
    expect(isNewSqliteFile({ DATABASE_URL: undefined, SQLITE_PATH: `file:${join(dir, 'uri.db')}` })).toBe(false);
  });
});

describe('a store opened deferred', () => {
  it('makes its first try only once started', async () => {
    let calls = 0;
    const store = { engine: 'sqlite' } as Store;
    const retrying = openStoreRetrying({ SQLITE_PATH: ':memory:' }, silentLogger, {
      deferred: true,
      open: () => (calls++, Promise.resolve(store)),
    });
    let triedFirst = false;
    void retrying.firstTry.then(() => (triedFirst = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([calls, triedFirst, retrying.current()]).toEqual([0, false, undefined]);
    retrying.start();
    expect(await retrying.opened).toBe(store);
    await retrying.firstTry;
    retrying.start();
    expect(calls).toBe(1);
  });

  it('stopped before it started: never opens, its first try is over and `opened` rejects', async () => {
    let calls = 0;
    const retrying = openStoreRetrying({ SQLITE_PATH: ':memory:' }, silentLogger, {
      deferred: true,
      open: () => (calls++, Promise.resolve({ engine: 'sqlite' } as Store)),
    });
    retrying.stop();
    await retrying.firstTry;
    await expect(retrying.opened).rejects.toThrow('the database was not opened before the bot stopped');
    expect(calls).toBe(0);
  });
});

describe('the community over a database still to be created', () => {
  it('gives a server the owner’s portfolio alone without opening it, and a submit opens it and is saved', async () => {
    const file = join(scratch(), 'portfolio.db');
    const owner = await shippedPortfolio();
    let opens = 0;
    const store = openStoreRetrying({ SQLITE_PATH: file }, silentLogger, {
      deferred: true,
      open: () => (opens++, openSqliteStore(file)),
    });
    const community = await openConfiguredCommunity(CONFIG, () => owner, silentLogger, store, { noMembersYet: true });
    cleanup.push(async () => {
      await community.close();
      await store.current()?.close();
    });
    expect(opens).toBe(0);
    expect(existsSync(file)).toBe(false);
    // What /who and the search commands see: the owner's own portfolio, not "unavailable".
    expect(community.portfolioFor('g1')).toBe(owner);
    expect(community.portfolioFor(undefined)).toBe(owner);
    expect(community.member('g1', 'ada')).toBeUndefined();

    const outcome = await community.submitText('g1', { id: 'ada', name: 'ada' }, YAML, 'ada.yaml');
    expect(outcome).toEqual({ ok: true, entries: expect.any(Number), replaced: false });
    expect(opens).toBe(1);
    expect(existsSync(file)).toBe(true);
    const view = community.portfolioFor('g1');
    expect(view.community?.members.get('ada')?.owner).toEqual({ id: 'ada', name: 'ada' });
    expect(view.membersUnavailable).toBeUndefined();
  });

  it('says member portfolios are unavailable once a first try has failed, as a database that exists does', async () => {
    const owner = await shippedPortfolio();
    const store = openStoreRetrying({ SQLITE_PATH: ':memory:' }, silentLogger, {
      deferred: true,
      firstDelayMs: 60_000,
      open: () => Promise.reject(new Error('could not open the SQLite database')),
    });
    const community = await openConfiguredCommunity(CONFIG, () => owner, silentLogger, store, { noMembersYet: true });
    cleanup.push(() => community.close());
    expect(community.portfolioFor('g1')).toBe(owner);
    await expect(community.submitText('g1', { id: 'ada' }, YAML, 'ada.yaml')).rejects.toThrow(MEMBERS_UNAVAILABLE);
    expect(community.portfolioFor('g1').membersUnavailable).toBe(true);
    // Once the try is over, at once (thrown, as before: the dispatcher awaits either way).
    expect(() => community.reports('g1')).toThrow(MEMBERS_UNAVAILABLE);
  });

  it('over a database that exists, reads its members before it resolves', async () => {
    const file = join(scratch(), 'portfolio.db');
    await seedAda(file, 'g1', 'ada');
    const owner = await shippedPortfolio();
    const store = openStoreRetrying({ SQLITE_PATH: file }, silentLogger);
    const community = await openConfiguredCommunity(CONFIG, () => owner, silentLogger, store);
    cleanup.push(async () => {
      await community.close();
      await store.current()?.close();
    });
    expect(community.portfolioFor('g1').community?.members.has('ada')).toBe(true);
  });
});

/** The gateway bot (the built dist/, as `npm test` builds it), its first interaction sent before it connects. */
describe('the first interaction of a bot just started', () => {
  let discord: FakeDiscord | undefined;
  let bot: BotProcess | undefined;
  afterEach(async () => {
    await bot?.stop();
    await discord?.close();
    bot = undefined;
    discord = undefined;
  });

  // The answer the member sees (on a busy machine the bot may defer and edit it in): the fake's finalMessage.
  async function answerOf(interaction: FakeInteraction): Promise<JsonObject> {
    const answer = await interaction.finalMessage(WAIT);
    expect(interaction.rejections).toEqual([]);
    return answer;
  }

  const whoTop = (answer: JsonObject) => (answer['embeds'] as { description?: string }[] | undefined)?.[0]?.description;

  it('in a server with members (the database exists): finds them', async () => {
    const file = join(scratch(), 'portfolio.db');
    discord = await startFakeDiscord({ defaultTimeoutMs: 15_000, requireRegisteredCommands: true });
    await registerCommands(discord);
    const member = discord.user(undefined, 'ada');
    await seedAda(file, discord.guildId, member.id);
    bot = spawnBot(['start'], fakeDiscordEnv(discord, { SQLITE_PATH: file }));
    // Queued by the fake until the bot identifies, and delivered with its READY: the bench's first answer.
    const who = await answerOf(discord.sendCommand({ name: 'who', options: { query: 'optimizers' }, user: member }));
    expect(whoTop(who)).toMatch(/^\*\*1\. ada\*\* — Optimizer zoo/);
  }, 60_000);

  it('with no database yet: a server with no one in it, then a submit at once; the database is created when ready', async () => {
    const file = join(scratch(), 'data', 'portfolio.db');
    discord = await startFakeDiscord({ defaultTimeoutMs: 15_000, requireRegisteredCommands: true });
    await registerCommands(discord);
    const member = discord.user(undefined, 'ada');
    bot = spawnBot(['start'], fakeDiscordEnv(discord, { SQLITE_PATH: file, FETCH_ALLOW_LOOPBACK: '1' }));
    const who = await answerOf(discord.sendCommand({ name: 'who', options: { query: 'optimizers' }, user: member }));
    expect(who['content']).toBe('No one in this server has shared a portfolio yet: /portfolio submit adds yours.');
    const submit = submitYaml(discord, member, YAML);
    expect((await answerOf(submit))['content']).toMatch(/^Your portfolio is saved: \d+ entries/);
    const found = await answerOf(discord.sendCommand({ name: 'who', options: { query: 'optimizers' }, user: member }));
    expect(whoTop(found)).toMatch(/^\*\*1\. ada\*\* — Optimizer zoo/);
    expect(existsSync(file)).toBe(true);
    expect(bot.logsMatching('member portfolios ready')).toEqual([expect.objectContaining({ engine: 'sqlite' })]);
  }, 60_000);

  it('with no database yet and no command: creates it a moment after it is ready', async () => {
    const file = join(scratch(), 'portfolio.db');
    discord = await startFakeDiscord({ defaultTimeoutMs: 15_000 });
    bot = spawnBot(['start'], fakeDiscordEnv(discord, { SQLITE_PATH: file }));
    const ready = await bot.waitForLog('ready', WAIT);
    const up = await bot.waitForLog('member portfolios ready', WAIT);
    expect(bot.logs.indexOf(up)).toBeGreaterThan(bot.logs.indexOf(ready));
    expect(existsSync(file)).toBe(true);
  }, 60_000);
});
