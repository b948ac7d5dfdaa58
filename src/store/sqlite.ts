// SQLite through better-sqlite3: one file, WAL mode, synchronous=FULL so that a
// submit the bot has answered "saved" survives the process being killed (and the
// machine losing power). better-sqlite3 is synchronous; the Sql runner wraps it
// in promises and runs one transaction at a time (a statement outside a
// transaction waits for the open one, so it never lands inside it).
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { makeDirectory } from '../paths.js';
import { MIGRATIONS, migrationText, type Migration } from './migrations.js';
import { createRecordStore } from './records.js';
import type { MemberChange, Sql, SqlRow, SqlValue, Store } from './types.js';

/** How often a store with listeners looks for other processes' changes (docs: src/store/README.md). */
export const SQLITE_POLL_MS = 200;
/** How long numbered changes are kept. */
const CHANGES_KEPT_MS = 10 * 60 * 1000;

export interface SqliteOptions {
  pollMs?: number;
}

export async function openSqliteStore(
  file: string,
  migrations: readonly Migration[] = MIGRATIONS,
  options: SqliteOptions = {},
): Promise<Store> {
  const pollMs = options.pollMs ?? SQLITE_POLL_MS;
  const { default: Database } = await import('better-sqlite3');
  let db: BetterSqlite3.Database;
  try {
    if (file !== ':memory:') makeDirectory(dirname(file));
    db = new Database(file);
  } catch (error) {
    // SQLite's own words ("unable to open database file") do not say which file.
    throw new Error(`could not open the SQLite database ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // Another process (a CLI `community add` beside the running bot) may hold the write lock for a moment.
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    migrateSqlite(db, migrations);
  } catch (error) {
    db.close();
    throw error;
  }

  const listeners = new Set<(change: MemberChange) => void>();
  const onMissed = new Set<() => void>();
  /** This transaction's changes, with their numbers in member_changes; told once it commits. */
  let pending: { change: MemberChange; seq: number }[] = [];
  // Other processes on the file (a CLI `community add` beside the running bot): their commits move
  // PRAGMA data_version, which is cheap to read; the new rows of member_changes then say what changed.
  let lastSeq = Number((db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM member_changes').get() as { seq: number }).seq);
  let dataVersion = readDataVersion();
  /** Numbers of this process's own changes read ahead of another's not yet read: skipped when the poll reaches them. */
  const own = new Set<number>();
  let poller: NodeJS.Timeout | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  const direct = (): Sql => ({
    run: async (text, params = []) => {
      check();
      return db.prepare(text).run(...params).changes;
    },
    all: async <T extends SqlRow = SqlRow>(text: string, params: readonly SqlValue[] = []) => {
      check();
      return db.prepare(text).all(...params) as T[];
    },
    get: async <T extends SqlRow = SqlRow>(text: string, params: readonly SqlValue[] = []) => {
      check();
      return db.prepare(text).get(...params) as T | undefined;
    },
    transaction: () => Promise.reject(new Error('nested transactions are not supported')),
  });
  const inside = direct();

  function check() {
    if (closed) throw new Error('the store is closed');
  }

  function readDataVersion(): number {
    return Number(db.pragma('data_version', { simple: true }));
  }

  function tell(change: MemberChange) {
    for (const listener of listeners) listener(change);
  }

  /** Tells the listeners of every change another process committed since the last look. */
  function pollOthers(): Promise<void> {
    return serially(async () => {
      if (closed) return;
      const version = readDataVersion();
      if (version === dataVersion) return;
      dataVersion = version;
      const rows = db.prepare('SELECT seq, guild_id, member_id FROM member_changes WHERE seq > ? ORDER BY seq').all(lastSeq) as {
        seq: number;
        guild_id: string;
        member_id: string;
      }[];
      // Numbers are consecutive; a gap means rows were cleared before this process read them.
      if (rows.length > 0 && Number(rows[0]!.seq) > lastSeq + 1) for (const missed of onMissed) missed();
      for (const row of rows) {
        lastSeq = Number(row.seq);
        if (own.delete(lastSeq)) continue;
        tell({ guildId: row.guild_id, memberId: row.member_id });
      }
    });
  }

  /** Runs `task` after every transaction queued before it. */
  function serially<T>(task: () => Promise<T>): Promise<T> {
    const result = queue.then(task, task);
    queue = result.catch(() => undefined);
    return result;
  }

  const sql: Sql = {
    run: (text, params) => serially(() => inside.run(text, params)),
    all: <T extends SqlRow = SqlRow>(text: string, params?: readonly SqlValue[]) => serially(() => inside.all<T>(text, params)),
    get: <T extends SqlRow = SqlRow>(text: string, params?: readonly SqlValue[]) => serially(() => inside.get<T>(text, params)),
    transaction: (work) =>
      serially(async () => {
        check();
        db.exec('BEGIN IMMEDIATE');
        pending = [];
        try {
          const result = await work(inside);
          db.exec('COMMIT');
          const changes = pending;
          pending = [];
          for (const { change, seq } of changes) {
            // Next in line: nothing of another process's is left to read before it.
            if (seq === lastSeq + 1) lastSeq = seq;
            else own.add(seq);
            tell(change);
          }
          return result;
        } catch (error) {
          pending = [];
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      }),
  };

  return createRecordStore({
    engine: 'sqlite',
    sql,
    // Numbered in the transaction; this process's listeners are told after the commit, the others' by their poll.
    announce: async (change, tx) => {
      const row = await tx.get<{ seq: number }>('INSERT INTO member_changes (guild_id, member_id, at) VALUES (?, ?, ?) RETURNING seq', [
        change.guildId,
        change.memberId,
        Date.now(),
      ]);
      // Kept long enough for any process that polls to read them.
      await tx.run('DELETE FROM member_changes WHERE at < ?', [Date.now() - CHANGES_KEPT_MS]);
      pending.push({ change, seq: Number(row?.seq) });
    },
    onMemberChange: async (listener, missed) => {
      listeners.add(listener);
      if (missed) onMissed.add(missed);
      // The timer never keeps the process alive: a CLI command that opens the store still exits.
      poller ??= setInterval(() => void pollOthers().catch(() => undefined), pollMs).unref();
      return async () => {
        listeners.delete(listener);
        if (missed) onMissed.delete(missed);
        if (listeners.size === 0 && poller) {
          clearInterval(poller);
          poller = undefined;
        }
      };
    },
    close: async () => {
      if (closed) return;
      if (poller) clearInterval(poller);
      poller = undefined;
      await queue;
      closed = true;
      listeners.clear();
      onMissed.clear();
      db.close();
    },
  });
}

function migrateSqlite(db: BetterSqlite3.Database, migrations: readonly Migration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
  const applied = db.prepare('SELECT 1 FROM schema_migrations WHERE id = ?');
  const record = db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations) {
    // IMMEDIATE: two processes opening a new file at once apply each migration once.
    db.transaction(() => {
      if (applied.get(migration.id)) return;
      db.exec(migrationText(migration, 'sqlite'));
      record.run(migration.id, migration.name, Date.now());
    }).immediate();
  }
}
