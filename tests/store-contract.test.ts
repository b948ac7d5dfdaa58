// The store's contract, run against both engines: SQLite in a temporary file and a
// real PostgreSQL server started for this file (tests/helpers/postgres-server.ts).
// No mocks: each case opens a fresh database of its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, type Migration } from '../src/store/migrations.js';
import { migrationsProblem } from '../src/store/migrations.js';
import { openPostgresStore, toPostgresPlaceholders } from '../src/store/postgres.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { MemberChange, MemberRecord, Store } from '../src/store/types.js';
import { countInsights, deleteInsightsBefore, listInsightEvents, saveInsightEvents, type InsightEvent } from '../src/insights/store.js';
import { startPostgres, type PostgresServer } from './helpers/postgres-server.js';

interface Engine {
  name: string;
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
  /** A store on a database of its own, with these migrations. */
  open(migrations?: readonly Migration[]): Promise<Store>;
  /** The same database again (a restart). */
  reopen(store: Store, migrations?: readonly Migration[]): Promise<Store>;
  /** A second connection to the same database, beside the first (another process's). */
  also(store: Store): Promise<Store>;
}

let scratch = '';
let server: PostgresServer | undefined;
let databases = 0;
const where = new WeakMap<Store, string>();

const sqlite: Engine = {
  name: 'sqlite',
  setUp: async () => void (scratch = mkdtempSync(join(tmpdir(), 'portfolio-store-'))),
  tearDown: async () => rmSync(scratch, { recursive: true, force: true }),
  async open(migrations) {
    const file = join(scratch, `db-${++databases}`, 'portfolio.db');
    const store = await openSqliteStore(file, migrations);
    where.set(store, file);
    return store;
  },
  async reopen(store, migrations) {
    const file = where.get(store)!;
    await store.close();
    const again = await openSqliteStore(file, migrations);
    where.set(again, file);
    return again;
  },
  async also(store) {
    const file = where.get(store)!;
    const second = await openSqliteStore(file);
    where.set(second, file);
    return second;
  },
};

const postgres: Engine = {
  name: 'postgres',
  setUp: async () => void (server = await startPostgres()),
  tearDown: async () => server?.stop(),
  async open(migrations) {
    const admin = await openPostgresStore(server!.url, [], { max: 1 });
    const name = `contract_${++databases}`;
    await admin.sql.run(`CREATE DATABASE ${name}`);
    await admin.close();
    const url = server!.url.replace(/\/postgres$/, `/${name}`);
    const store = await openPostgresStore(url, migrations);
    where.set(store, url);
    return store;
  },
  async reopen(store, migrations) {
    const url = where.get(store)!;
    await store.close();
    const again = await openPostgresStore(url, migrations);
    where.set(again, url);
    return again;
  },
  async also(store) {
    const url = where.get(store)!;
    const second = await openPostgresStore(url);
    where.set(second, url);
    return second;
  },
};

function member(overrides: Partial<MemberRecord> = {}): MemberRecord {
  return {
    guildId: '100000000000000001',
    memberId: '200000000000000001',
    memberName: 'Priya',
    format: 'yaml',
    source: 'identity:\n  name: Priya\n',
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...overrides,
  };
}

/** Waits until `check` passes or a second has gone. */
async function eventually(check: () => void): Promise<void> {
  const until = Date.now() + 1000;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

it('the migrations are numbered 1, 2, 3… in order', () => {
  expect(migrationsProblem()).toBeUndefined();
  expect(
    migrationsProblem([
      { id: 1, name: 'a', sql: '' },
      { id: 3, name: 'b', sql: '' },
    ]),
  ).toBe('migration 2 has id 3: ids must be 1, 2, 3… in order');
});

it('PostgreSQL placeholders are numbered in order', () => {
  expect(toPostgresPlaceholders('SELECT ? , ?, ?')).toBe('SELECT $1 , $2, $3');
});

describe.each([sqlite, postgres])('the store on $name', (engine) => {
  beforeAll(() => engine.setUp(), 60_000);
  afterAll(() => engine.tearDown(), 30_000);

  it('runs every migration once, and not again on a restart', async () => {
    let store = await engine.open();
    const first = await store.sql.all<{ id: number; name: string }>('SELECT id, name FROM schema_migrations ORDER BY id');
    expect(first.map((row) => row.id)).toEqual(MIGRATIONS.map((migration) => migration.id));
    await store.putMember(member());
    store = await engine.reopen(store);
    expect(await store.sql.all('SELECT id FROM schema_migrations ORDER BY id')).toHaveLength(MIGRATIONS.length);
    expect((await store.getMember(member().guildId, member().memberId))?.memberName).toBe('Priya');
    await store.close();
  });

  it('takes a new migration (a table of its own) on the next start, and its rows through sql', async () => {
    let store = await engine.open();
    const next: Migration = {
      id: MIGRATIONS.length + 1,
      name: 'a feature table',
      sql: 'CREATE TABLE feature_rows (guild_id TEXT NOT NULL, asked_at BIGINT NOT NULL, text TEXT NOT NULL)',
    };
    store = await engine.reopen(store, [...MIGRATIONS, next]);
    await store.sql.run('INSERT INTO feature_rows (guild_id, asked_at, text) VALUES (?, ?, ?)', ['g', 1_800_000_000_000, 'who? here']);
    expect(await store.sql.all('SELECT guild_id, asked_at, text FROM feature_rows')).toEqual([
      { guild_id: 'g', asked_at: 1_800_000_000_000, text: 'who? here' },
    ]);
    const ids = await store.sql.all<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
    expect(ids.map((row) => row.id)).toEqual([...MIGRATIONS.map((migration) => migration.id), next.id]);
    await store.close();
  });

  it('saves, reads back exactly, and replaces a member profile, keeping when it was first submitted', async () => {
    const store = await engine.open();
    const source = `identity:\n  name: "Zoë ‮ 🦀 \\u0000"\n${'x'.repeat(200_000)}\n`;
    await store.putMember(member({ source }));
    expect(await store.getMember(member().guildId, member().memberId)).toEqual(member({ source }));
    await store.putMember(
      member({ memberName: 'Priya R', format: 'json-resume', source: '{}', createdAt: 5, updatedAt: 1_700_000_000_999 }),
    );
    expect(await store.getMember(member().guildId, member().memberId)).toEqual(
      member({ memberName: 'Priya R', format: 'json-resume', source: '{}', updatedAt: 1_700_000_000_999 }),
    );
    expect(await store.listMembers(member().guildId)).toHaveLength(1);
    await store.close();
  });

  it("keeps each server's profiles to itself", async () => {
    const store = await engine.open();
    await store.putMember(member({ guildId: 'g1', memberId: 'm1', createdAt: 2 }));
    await store.putMember(member({ guildId: 'g1', memberId: 'm2', createdAt: 1 }));
    await store.putMember(member({ guildId: 'g2', memberId: 'm1', memberName: 'Other', createdAt: 3 }));
    expect((await store.listMembers('g1')).map((record) => record.memberId)).toEqual(['m2', 'm1']);
    expect((await store.listMembers('g2')).map((record) => record.memberName)).toEqual(['Other']);
    expect(await store.getMember('g3', 'm1')).toBeUndefined();
    expect(await store.listGuilds()).toEqual(['g1', 'g2']);
    expect(await store.removeMember('g2', 'm1')).toBe(true);
    expect(await store.getMember('g1', 'm1')).toBeDefined();
    expect(await store.listGuilds()).toEqual(['g1']);
    await store.close();
  });

  it("stores a member's new name alone, only when it changed, and tells the listeners once", async () => {
    const store = await engine.open();
    await store.putMember(member());
    const seen: MemberChange[] = [];
    const stop = await store.onMemberChange((change) => seen.push(change));
    const { guildId, memberId } = member();
    expect(await store.renameMember(guildId, memberId, 'Priya ‮ 🦀')).toBe(true);
    // The profile, its format and when it was submitted are as they were.
    expect(await store.getMember(guildId, memberId)).toEqual(member({ memberName: 'Priya ‮ 🦀' }));
    expect(await store.renameMember(guildId, memberId, 'Priya ‮ 🦀')).toBe(false);
    expect(await store.renameMember(guildId, 'nobody', 'Someone')).toBe(false);
    expect(await store.renameMember('elsewhere', memberId, 'Someone')).toBe(false);
    expect(await store.listGuilds()).toEqual([guildId]);
    await eventually(() => expect(seen).toEqual([{ guildId, memberId }]));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toHaveLength(1);
    await stop();
    await store.close();
  });

  it('removes a member and their reports, and says when there was nothing to remove', async () => {
    const store = await engine.open();
    await store.putMember(member());
    await store.addReport({ guildId: member().guildId, memberId: member().memberId, reporterId: 'r1', reason: 'spam', createdAt: 1 });
    await store.addReport({ guildId: member().guildId, memberId: 'someone-else', reporterId: 'r1', reason: 'other', createdAt: 2 });
    expect(await store.removeMember(member().guildId, member().memberId)).toBe(true);
    expect(await store.getMember(member().guildId, member().memberId)).toBeUndefined();
    expect((await store.listReports(member().guildId)).map((report) => report.reason)).toEqual(['other']);
    expect(await store.removeMember(member().guildId, member().memberId)).toBe(false);
    await store.close();
  });

  it('lists reports newest first, up to the limit', async () => {
    const store = await engine.open();
    for (let i = 1; i <= 5; i++) {
      const saved = await store.addReport({ guildId: 'g', memberId: `m${i}`, reporterId: 'r', reason: `reason ${i}`, createdAt: i * 1000 });
      expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    await store.addReport({ guildId: 'elsewhere', memberId: 'm', reporterId: 'r', reason: 'not here', createdAt: 9000 });
    expect((await store.listReports('g', 3)).map((report) => report.reason)).toEqual(['reason 5', 'reason 4', 'reason 3']);
    await store.close();
  });

  it('tells its listeners of each save and removal after the commit, and stops when asked', async () => {
    const store = await engine.open();
    const seen: MemberChange[] = [];
    const stop = await store.onMemberChange((change) => seen.push(change));
    await store.putMember(member({ guildId: 'g', memberId: 'a' }));
    await store.removeMember('g', 'a');
    await store.removeMember('g', 'nobody');
    await eventually(() =>
      expect(seen).toEqual([
        { guildId: 'g', memberId: 'a' },
        { guildId: 'g', memberId: 'a' },
      ]),
    );
    await stop();
    await store.putMember(member({ guildId: 'g', memberId: 'b' }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toHaveLength(2);
    await store.close();
  });

  it('rolls a failed transaction back whole, and announces nothing from it', async () => {
    const store = await engine.open();
    const seen: MemberChange[] = [];
    const stop = await store.onMemberChange((change) => seen.push(change));
    await expect(
      store.sql.transaction(async (tx) => {
        await tx.run('INSERT INTO member_reports (id, guild_id, member_id, reporter_id, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
          'x',
          'g',
          'm',
          'r',
          'half done',
          1,
        ]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.listReports('g')).toEqual([]);
    await store.putMember(member({ guildId: 'g', memberId: 'after' }));
    await eventually(() => expect(seen).toEqual([{ guildId: 'g', memberId: 'after' }]));
    await stop();
    await store.close();
  });

  it('limits submits per member and server, remembers them across a restart, and lets one through once the window has passed', async () => {
    const limit = { count: 3, windowMs: 60_000 };
    let store = await engine.open();
    const take = (at: number, memberId = 'm1', guildId = 'g1') => store.takeSubmit(guildId, memberId, at, limit);
    expect([await take(1_000), await take(2_000), await take(3_000)]).toEqual([true, true, true]);
    expect(await take(4_000)).toBe(false);
    expect(await take(4_000, 'm2')).toBe(true);
    expect(await take(4_000, 'm1', 'g2')).toBe(true);
    store = await engine.reopen(store);
    expect(await take(5_000)).toBe(false);
    // The first submit (at 1 000) has left the window; the refused ones never counted.
    expect(await take(61_000)).toBe(true);
    expect(await take(61_500)).toBe(false);
    await store.close();
  });

  it('shares the submit limit between two connections to one database, and lets exactly the limit through', async () => {
    const limit = { count: 3, windowMs: 60_000 };
    const first = await engine.open();
    const second = await engine.also(first);
    const stores = [first, second];
    let results: boolean[];
    if (engine.name === 'postgres') {
      // At once, from two pools: the row lock makes them wait for each other.
      results = await Promise.all(Array.from({ length: 10 }, (_, i) => stores[i % 2]!.takeSubmit('g', 'm', 1_000 + i, limit)));
    } else {
      // One SQLite connection per process: taken in turn (a transaction holds the file's write lock).
      results = [];
      for (let i = 0; i < 10; i++) results.push(await stores[i % 2]!.takeSubmit('g', 'm', 1_000 + i, limit));
    }
    expect(results.filter(Boolean)).toHaveLength(3);
    await second.close();
    await first.close();
  });

  it('tells the listeners of another connection to the same database of each save and removal', async () => {
    const writer = await engine.open();
    const reader = await engine.also(writer);
    const seen: MemberChange[] = [];
    const stop = await reader.onMemberChange((change) => seen.push(change));
    await writer.putMember(member({ guildId: 'g', memberId: 'a' }));
    await writer.putMember(member({ guildId: 'g', memberId: 'b' }));
    await writer.removeMember('g', 'a');
    await eventually(() =>
      expect(seen).toEqual([
        { guildId: 'g', memberId: 'a' },
        { guildId: 'g', memberId: 'b' },
        { guildId: 'g', memberId: 'a' },
      ]),
    );
    // Its own changes once each, the other's as they come.
    await reader.putMember(member({ guildId: 'g', memberId: 'c' }));
    await writer.putMember(member({ guildId: 'g', memberId: 'd' }));
    await eventually(() =>
      expect(seen.slice(3)).toEqual([
        { guildId: 'g', memberId: 'c' },
        { guildId: 'g', memberId: 'd' },
      ]),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toHaveLength(5);
    await stop();
    await reader.close();
    await writer.close();
  });

  it('keeps every one of many saves made at once', async () => {
    const store = await engine.open();
    const ids = Array.from({ length: 40 }, (_, i) => `member-${String(i).padStart(2, '0')}`);
    await Promise.all(ids.map((memberId, i) => store.putMember(member({ guildId: 'busy', memberId, createdAt: i }))));
    expect((await store.listMembers('busy')).map((record) => record.memberId)).toEqual(ids);
    await store.close();
  });

  it('saves insight events exactly, counts them by answer, question, entry, command and day, and deletes the old ones', async () => {
    const store = await engine.open();
    const day = 86_400_000;
    const base = 20_000 * day;
    const event = (overrides: Partial<InsightEvent>): InsightEvent => ({
      askedAt: base,
      transport: 'gateway',
      command: 'ask',
      query: 'what has he won',
      entry: null,
      answered: false,
      confidence: 0,
      guildId: '100000000000000001',
      ...overrides,
    });
    const events = [
      event({ askedAt: base - 5 * day }),
      event({ askedAt: base + 1 }),
      event({ askedAt: base + 2, guildId: null, transport: 'http' }),
      event({ askedAt: base + day, query: 'does he like cats ?', confidence: null }),
      event({ askedAt: base + day + 1, query: 'rust', entry: 'projects:drought-watch', answered: true, confidence: 87 }),
      event({ askedAt: base + 2 * day, command: 'about', query: '', entry: null, answered: null, confidence: null }),
      ...Array.from({ length: 250 }, (_, i) =>
        event({ askedAt: base + 2 * day + i, command: 'projects', query: `q${i % 3}`, answered: null }),
      ),
    ];
    await saveInsightEvents(store.sql, events);
    expect(await listInsightEvents(store.sql, 0)).toEqual(events);
    const counts = await countInsights(store.sql, base);
    const byText = <T extends Record<string, unknown>>(rows: T[], key: keyof T) =>
      [...rows].sort((a, b) => String(a[key]).localeCompare(String(b[key])));
    expect(counts.answered).toBe(1);
    expect(counts.unanswered).toBe(3);
    expect(byText(counts.unansweredQuestions, 'query')).toEqual([
      { query: 'does he like cats ?', count: 1 },
      { query: 'what has he won', count: 2 },
    ]);
    expect(counts.entries).toEqual([{ entry: 'projects:drought-watch', count: 1 }]);
    expect(byText(counts.commands, 'command')).toEqual([
      { command: 'about', count: 1 },
      { command: 'ask', count: 4 },
      { command: 'projects', count: 250 },
    ]);
    expect(byText(counts.perDay, 'command').sort((a, b) => a.day - b.day)).toEqual([
      { day: 20_000, command: 'ask', count: 2 },
      { day: 20_001, command: 'ask', count: 2 },
      { day: 20_002, command: 'about', count: 1 },
      { day: 20_002, command: 'projects', count: 250 },
    ]);
    expect(await deleteInsightsBefore(store.sql, base + day)).toBe(3);
    expect((await listInsightEvents(store.sql, 0)).map((row) => row.askedAt)).toEqual(events.slice(3).map((row) => row.askedAt));
    await store.close();
  });

  it('passes values as parameters, never as SQL', async () => {
    const store = await engine.open();
    const hostile = "x'); DROP TABLE member_profiles; -- ?";
    await store.putMember(member({ guildId: hostile, memberId: hostile, memberName: hostile }));
    expect((await store.getMember(hostile, hostile))?.memberName).toBe(hostile);
    expect(await store.listGuilds()).toEqual([hostile]);
    await store.close();
  });
});
