// The schema, as an ordered list of migrations. Each store runs the ones its
// database has not yet recorded (in schema_migrations) when it opens, each in
// its own transaction, so a process that starts on an older database brings it
// up to date. To add a table: append a migration with the next id; never edit
// or reorder one that has shipped.
//
// A migration's SQL is one text for both engines when they agree (TEXT, BIGINT,
// INTEGER, PRIMARY KEY, CREATE INDEX), or one text for each.

export interface Migration {
  readonly id: number;
  readonly name: string;
  readonly sql: string | { readonly sqlite: string; readonly postgres: string };
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'member profiles and reports',
    sql: `
      CREATE TABLE member_profiles (
        guild_id TEXT NOT NULL,
        member_id TEXT NOT NULL,
        member_name TEXT NOT NULL,
        format TEXT NOT NULL,
        source TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (guild_id, member_id)
      );
      CREATE TABLE member_reports (
        id TEXT PRIMARY KEY,
        guild_id TEXT NOT NULL,
        member_id TEXT NOT NULL,
        reporter_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX member_reports_by_guild ON member_reports (guild_id, created_at);
    `,
  },
  {
    id: 2,
    name: 'insights: what was asked and what answered',
    // No user id, user name or message id, by design (issue #18): only what was
    // asked, where (transport, server) and how it was answered.
    sql: `
      CREATE TABLE insight_events (
        asked_at BIGINT NOT NULL,
        transport TEXT NOT NULL,
        command TEXT NOT NULL,
        query TEXT NOT NULL,
        entry TEXT,
        answered INTEGER,
        confidence INTEGER,
        guild_id TEXT
      );
      CREATE INDEX insight_events_by_time ON insight_events (asked_at);
    `,
  },
  {
    id: 3,
    name: 'the submit rate limit, shared by every process on the database',
    // One row per member and server: the times of their recent submits (comma-separated, at most the
    // limit's count) and the latest of them, by which rows whose window has passed are cleared.
    sql: `
      CREATE TABLE submit_limits (
        guild_id TEXT NOT NULL,
        member_id TEXT NOT NULL,
        times TEXT NOT NULL,
        last_at BIGINT NOT NULL,
        PRIMARY KEY (guild_id, member_id)
      );
      CREATE INDEX submit_limits_by_time ON submit_limits (last_at);
    `,
  },
  {
    id: 4,
    name: 'member changes, numbered: how other processes on one SQLite file learn of them',
    // PostgreSQL tells every process by LISTEN/NOTIFY and needs no table; SQLite processes read the new rows
    // of this one when the file's data_version says another connection wrote.
    sql: {
      sqlite: `
        CREATE TABLE member_changes (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          guild_id TEXT NOT NULL,
          member_id TEXT NOT NULL,
          at BIGINT NOT NULL
        );
      `,
      postgres: 'SELECT 1',
    },
  },
];

/** The migration's SQL for one engine. */
export function migrationText(migration: Migration, engine: 'sqlite' | 'postgres'): string {
  return typeof migration.sql === 'string' ? migration.sql : migration.sql[engine];
}

/** Checks the list itself: ids 1, 2, 3… in order (a test runs it; a mistake here would corrupt a database). */
export function migrationsProblem(migrations: readonly Migration[] = MIGRATIONS): string | undefined {
  const wrong = migrations.findIndex((migration, index) => migration.id !== index + 1);
  return wrong < 0 ? undefined : `migration ${wrong + 1} has id ${migrations[wrong]!.id}: ids must be 1, 2, 3… in order`;
}
