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

export async function openSqliteStore(file: string, migrations: readonly Migration[] = MIGRATIONS): Promise<Store> {
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
  let pending: MemberChange[] = [];
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
          for (const change of changes) for (const listener of listeners) listener(change);
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
    // One process per SQLite file: the listeners are this process's own, told after the commit.
    announce: async (change) => {
      pending.push(change);
    },
    onMemberChange: async (listener) => {
      listeners.add(listener);
      return async () => void listeners.delete(listener);
    },
    close: async () => {
      if (closed) return;
      await queue;
      closed = true;
      listeners.clear();
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
