// A database that is not there when the bot starts (issue #17): the bot starts all the
// same and answers from the owner's profile; member commands say that member portfolios
// are unavailable right now; the store is tried again with backoff, each try logged
// without DATABASE_URL's password, and member portfolios come up once the database does.
// The real entry point (`portfolio-bot start`, the compiled dist/) against the fake
// Discord; SQLite behind a path that cannot be created yet, then PostgreSQL on a port
// where no server listens yet. Run `npm run build` first (npm test does).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageFlags } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/log.js';
import { MEMBERS_UNAVAILABLE } from '../src/bot/types.js';
import { openStoreRetrying, withoutPassword } from '../src/store/retry.js';
import { openPostgresStore } from '../src/store/postgres.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { Store } from '../src/store/types.js';
import { startFakeDiscord, type FakeDiscord, type FakeInteraction, type JsonObject } from './fake-discord/index.js';
import { spawnBot, startBotProcess, type BotProcess } from './helpers/bot-process.js';
import { generateSigningKeys } from './helpers/signing.js';
import { memberYaml, registerCommands, submitYaml } from './helpers/community.js';
import { findPostgresBin, freePort, startPostgres, type PostgresServer } from './helpers/postgres-server.js';

const WAIT = { timeoutMs: 15_000 };
const YAML = memberYaml({
  name: 'Ada',
  projects: [{ id: 'opt', name: 'Optimizer zoo', summary: 'Adam, Lion and friends compared.', tags: ['optimizers'] }],
});

async function answerOf(interaction: FakeInteraction): Promise<JsonObject> {
  const response = await interaction.response(WAIT);
  expect(interaction.rejections).toEqual([]);
  return response.data ?? {};
}

const unavailable = { content: MEMBERS_UNAVAILABLE, flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } };

/** What a bot without its database answers: the owner's profile, and "unavailable" for member commands. */
async function expectServingWithoutMembers(discord: FakeDiscord, member: ReturnType<FakeDiscord['user']>) {
  const projects = await answerOf(discord.sendCommand({ name: 'projects', options: { query: 'optimizers' }, user: member }));
  expect((projects['embeds'] as { title?: string }[])[0]?.title).toBe('Lookahead Optimizer Analysis');
  const submit = submitYaml(discord, member, YAML);
  expect(await answerOf(submit)).toEqual(unavailable);
  expect(await answerOf(discord.sendCommand({ name: 'who', options: { query: 'optimizers' }, user: member }))).toEqual(unavailable);
  const show = discord.sendCommand({ name: 'portfolio', subcommand: 'show', user: member });
  expect(await answerOf(show)).toEqual(unavailable);
}

/** Once the database is up: a submit is saved and /who finds it. */
async function expectMembersWork(discord: FakeDiscord, member: ReturnType<FakeDiscord['user']>) {
  const submit = submitYaml(discord, member, YAML);
  expect((await answerOf(submit))['content']).toMatch(/^Your portfolio is saved: \d+ entries/);
  const who = await answerOf(discord.sendCommand({ name: 'who', options: { query: 'optimizers' }, user: member }));
  expect((who['embeds'] as { description?: string }[])[0]?.description).toMatch(/^\*\*1\. ada\*\* — Optimizer zoo/);
}

/** The bot, the fake Discord and what a test set up, stopped and removed after each test of the two bot-process suites. */
let discord: FakeDiscord | undefined;
let bot: BotProcess | undefined;
let cleanup: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  await bot?.stop();
  await discord?.close();
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
  bot = undefined;
  discord = undefined;
});

describe('the bot starts without its database, and takes it up once it is there', () => {
  it('SQLite: a path that cannot be created yet, then can', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portfolio-unavailable-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    // A file where the database's folder should be: no folder can be made there, whoever runs the test (root too).
    const blocker = join(dir, 'db');
    writeFileSync(blocker, 'not a folder');
    discord = await startFakeDiscord({ defaultTimeoutMs: 15_000, requireRegisteredCommands: true });
    await registerCommands(discord);
    bot = await startBotProcess(discord, { SQLITE_PATH: join(blocker, 'portfolio.db'), FETCH_ALLOW_LOOPBACK: '1' });
    const first = await bot.waitForLog('member portfolio database unavailable; trying again', WAIT);
    expect(first).toMatchObject({ level: 'warn', engine: 'sqlite', attempt: 1, retryInMs: 1000 });
    expect(String(first['error'])).toContain('could not open the SQLite database');

    const member = discord.user(undefined, 'ada');
    await expectServingWithoutMembers(discord, member);
    // Tried again, each time waiting twice as long.
    const second = await bot.waitForLog(
      (line) => line.msg === 'member portfolio database unavailable; trying again' && line['attempt'] === 2,
      WAIT,
    );
    expect(second['retryInMs']).toBe(2000);

    rmSync(blocker);
    const ready = await bot.waitForLog('member portfolios ready', WAIT);
    expect(ready['engine']).toBe('sqlite');
    expect(bot.logsMatching('member portfolio database open')[0]?.['attempt']).toBeGreaterThan(1);
    await expectMembersWork(discord, member);
    expect(bot.logsMatching((line) => line.level === 'error')).toEqual([]);
  }, 60_000);

  it.skipIf(findPostgresBin() === undefined)(
    'PostgreSQL: no server yet, then one; the password is never logged',
    async () => {
      const port = await freePort();
      // The test cluster trusts every connection: the password is only there to be kept out of the log.
      const password = 'pw9Xq';
      discord = await startFakeDiscord({ defaultTimeoutMs: 15_000, requireRegisteredCommands: true });
      await registerCommands(discord);
      bot = await startBotProcess(discord, {
        DATABASE_URL: `postgres://portfolio:${password}@127.0.0.1:${port}/postgres`,
        FETCH_ALLOW_LOOPBACK: '1',
      });
      const first = await bot.waitForLog('member portfolio database unavailable; trying again', WAIT);
      expect(first).toMatchObject({ engine: 'postgres', host: `127.0.0.1:${port}`, attempt: 1 });

      const member = discord.user(undefined, 'ada');
      await expectServingWithoutMembers(discord, member);

      const server: PostgresServer = await startPostgres({ port });
      cleanup.push(() => server.stop());
      await bot.waitForLog('member portfolios ready', { timeoutMs: 40_000 });
      await expectMembersWork(discord, member);
      expect(bot.output).not.toContain(password);
      expect(bot.output).not.toContain('postgres://');
    },
    90_000,
  );
});

/**
 * A database that opens but whose member profiles cannot be read at first: the table is renamed
 * away (a real failure of the engine's own, "no such table" / "relation does not exist") with one
 * member's profile stored in it, the bot starts, and the table comes back while it runs.
 */
describe('the bot opens its database but cannot read the member profiles yet, and reads them once it can', () => {
  const engines: { name: string; available: boolean; open(): Promise<{ env: Record<string, string>; connect(): Promise<Store> }> }[] = [
    {
      name: 'SQLite',
      available: true,
      open: async () => {
        const dir = mkdtempSync(join(tmpdir(), 'portfolio-unreadable-'));
        cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
        const file = join(dir, 'portfolio.db');
        return { env: { SQLITE_PATH: file }, connect: () => openSqliteStore(file) };
      },
    },
    {
      name: 'PostgreSQL',
      available: findPostgresBin() !== undefined,
      open: async () => {
        const server = await startPostgres();
        cleanup.push(() => server.stop());
        return { env: { DATABASE_URL: server.url }, connect: () => openPostgresStore(server.url) };
      },
    },
  ];

  it.each(engines)(
    '$name: the profiles are read again with backoff, and the stored member is found without a resubmit',
    async (engine) => {
      if (!engine.available) return;
      const database = await engine.open();
      discord = await startFakeDiscord({ defaultTimeoutMs: 15_000, requireRegisteredCommands: true });
      await registerCommands(discord);
      const member = discord.user(undefined, 'ada');
      const admin = await database.connect();
      await admin.putMember({
        guildId: discord.guildId,
        memberId: member.id,
        memberName: 'ada',
        format: 'yaml',
        source: YAML,
        createdAt: 1_700_000_000_000,
        updatedAt: 1_700_000_000_000,
      });
      await admin.sql.run('ALTER TABLE member_profiles RENAME TO member_profiles_away');
      await admin.close();

      bot = await startBotProcess(discord, { ...database.env, FETCH_ALLOW_LOOPBACK: '1' });
      const failed = await bot.waitForLog('member portfolios could not be read from the database; trying again', WAIT);
      expect(failed).toMatchObject({ level: 'warn', attempt: 1, retryInMs: 1000 });
      expect(String(failed['error'])).toContain('member_profiles');
      expect(bot.logsMatching('member portfolio database unavailable; trying again')).toEqual([]);
      await expectServingWithoutMembers(discord, member);
      const second = await bot.waitForLog(
        (line) => line.msg === 'member portfolios could not be read from the database; trying again' && line['attempt'] === 2,
        WAIT,
      );
      expect(second['retryInMs']).toBe(2000);

      const restore = await database.connect();
      await restore.sql.run('ALTER TABLE member_profiles_away RENAME TO member_profiles');
      await restore.close();
      await bot.waitForLog('member portfolios ready', { timeoutMs: 20_000 });
      // The member stored before the failure is there, without submitting again.
      const who = await answerOf(discord.sendCommand({ name: 'who', options: { query: 'optimizers' }, user: member }));
      expect((who['embeds'] as { description?: string }[])[0]?.description).toMatch(/^\*\*1\. ada\*\* — Optimizer zoo/);
      // And a submit goes through: it replaces the stored profile.
      const submit = submitYaml(discord, member, YAML);
      expect((await answerOf(submit))['content']).toMatch(/^Your portfolio is replaced: \d+ entries/);
      expect(bot.logsMatching((line) => line.level === 'error')).toEqual([]);
      expect(bot.output).not.toContain('postgres://');
    },
    90_000,
  );
});

describe('serve without its database', () => {
  it('still stops with exit code 1 when its port is taken: trying the database again keeps no process alive', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portfolio-unavailable-serve-'));
    const blocker = join(dir, 'db');
    writeFileSync(blocker, 'not a folder');
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const serve = spawnBot(['serve'], {
      DISCORD_PUBLIC_KEY: generateSigningKeys().publicKeyHex,
      HOST: '127.0.0.1',
      PORT: String(port),
      SQLITE_PATH: join(blocker, 'portfolio.db'),
    });
    try {
      expect((await serve.waitForExit(15_000)).code).toBe(1);
      expect(serve.stderr).toContain(`port ${port} is in use`);
    } finally {
      await serve.stop();
      taken.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('trying again', () => {
  it('waits twice as long after each failure, up to the cap, and stops when told', async () => {
    const tries: number[] = [];
    const started = Date.now();
    const retrying = openStoreRetrying({ SQLITE_PATH: ':memory:' }, silentLogger, {
      firstDelayMs: 20,
      maxDelayMs: 80,
      open: () => {
        tries.push(Date.now() - started);
        return Promise.reject(new Error('not yet'));
      },
    });
    await retrying.firstTry;
    expect(retrying.current()).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 400));
    retrying.stop();
    await expect(retrying.opened).rejects.toThrow('the database was not opened before the bot stopped');
    const gaps = tries.slice(1).map((at, i) => at - tries[i]!);
    // 20, 40, 80, 80, …: each at least its delay.
    expect(gaps.slice(0, 4).map((gap, i) => gap >= [20, 40, 80, 80][i]! - 2)).toEqual([true, true, true, true]);
    const count = tries.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(tries.length).toBe(count);
  });

  it('resolves with the store once a try opens it', async () => {
    let calls = 0;
    const store = { engine: 'sqlite' } as Store;
    const retrying = openStoreRetrying({ SQLITE_PATH: ':memory:' }, silentLogger, {
      firstDelayMs: 5,
      open: () => (++calls < 3 ? Promise.reject(new Error('not yet')) : Promise.resolve(store)),
    });
    expect(await retrying.opened).toBe(store);
    expect(calls).toBe(3);
    expect(retrying.current()).toBe(store);
  });

  it("cuts DATABASE_URL's password out of an error, however short, as written and decoded", () => {
    const url = 'postgres://bot:p%40ss@db.internal:5432/app';
    expect(withoutPassword(`could not connect to ${url}: p@ss refused, p%40ss too`, url)).toBe(
      'could not connect to [DATABASE_URL]: [redacted] refused, [redacted] too',
    );
    expect(withoutPassword('nothing secret', undefined)).toBe('nothing secret');
  });
});
