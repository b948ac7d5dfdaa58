// PostgreSQL through the `postgres` package: a pool of connections, the same
// migrations as SQLite (serialised across processes by an advisory lock), and
// LISTEN/NOTIFY as the change feed, so that several processes on one database
// (serve replicas, gateway shards) each learn of a submit made through another.
import type { Sql as PgSql, TransactionSql } from 'postgres';
import { MIGRATIONS, migrationText, type Migration } from './migrations.js';
import { createRecordStore } from './records.js';
import type { MemberChange, Sql, SqlRow, SqlValue, Store } from './types.js';

/** The channel member changes are announced on; the payload is JSON {guildId, memberId}. */
export const CHANGE_CHANNEL = 'portfolio_member_changes';
/** The advisory lock that lets one process at a time migrate. */
const MIGRATION_LOCK = 1_717_017;

export interface PostgresOptions {
  /** Connections in the pool (the LISTEN connection is apart). */
  max?: number;
}

export async function openPostgresStore(
  url: string,
  migrations: readonly Migration[] = MIGRATIONS,
  options: PostgresOptions = {},
): Promise<Store> {
  const { default: postgres } = await import('postgres');
  const pg = postgres(url, {
    max: options.max ?? 5,
    onnotice: () => undefined,
    // BIGINT (milliseconds, counts) as numbers: every value the store keeps fits in 2^53.
    types: {
      bigint: { to: 20, from: [20], serialize: (value: number) => String(value), parse: (value: string) => Number(value) },
    },
    connection: { application_name: 'portfolio-bot' },
  });
  try {
    await migratePostgres(pg, migrations);
  } catch (error) {
    await pg.end({ timeout: 1 });
    throw error;
  }

  const sql = wrap(pg);
  return createRecordStore({
    engine: 'postgres',
    sql,
    // Sent with the transaction's commit, and only if it commits.
    announce: async (change, tx) => {
      await tx.run('SELECT pg_notify(?, ?)', [CHANGE_CHANNEL, JSON.stringify(change)]);
    },
    onMemberChange: async (listener, onMissed) => {
      let listened = false;
      const { unlisten } = await pg.listen(
        CHANGE_CHANNEL,
        (payload) => {
          const change = parseChange(payload);
          if (change) listener(change);
        },
        // Called on each LISTEN: the first, and each time postgres.js listens again on a new
        // connection after its own dropped (a restart, a failover, a killed backend). NOTIFYs
        // are delivered to live listeners only: what was committed in between is gone.
        () => {
          if (listened) onMissed?.();
          listened = true;
        },
      );
      return unlisten;
    },
    close: () => pg.end({ timeout: 5 }),
  });
}

/** `?` placeholders to $1, $2…; a `?` is never meaningful elsewhere in the store's SQL. */
export function toPostgresPlaceholders(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

function wrap(pg: PgSql | TransactionSql): Sql {
  const query = (text: string, params: readonly SqlValue[]) =>
    pg.unsafe(toPostgresPlaceholders(text), params as (string | number | null)[], { prepare: true });
  return {
    run: async (text, params = []) => (await query(text, params)).count,
    all: async <T extends SqlRow = SqlRow>(text: string, params: readonly SqlValue[] = []) =>
      [...(await query(text, params))] as unknown as T[],
    get: async <T extends SqlRow = SqlRow>(text: string, params: readonly SqlValue[] = []) =>
      (await query(text, params))[0] as unknown as T | undefined,
    transaction: async (work) => {
      if (!('begin' in pg)) throw new Error('nested transactions are not supported');
      return (await (pg as PgSql).begin((tx) => work(wrap(tx)))) as Awaited<ReturnType<typeof work>>;
    },
  };
}

async function migratePostgres(pg: PgSql, migrations: readonly Migration[]): Promise<void> {
  for (const migration of migrations) {
    await pg.begin(async (tx) => {
      // Two processes starting on a new database: the second waits, then finds the migration applied.
      await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`;
      await tx`CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`;
      const [applied] = await tx`SELECT 1 FROM schema_migrations WHERE id = ${migration.id}`;
      if (applied) return;
      await tx.unsafe(migrationText(migration, 'postgres'));
      await tx`INSERT INTO schema_migrations (id, name, applied_at) VALUES (${migration.id}, ${migration.name}, ${Date.now()})`;
    });
  }
}

function parseChange(payload: string): MemberChange | undefined {
  try {
    const value = JSON.parse(payload) as Partial<MemberChange>;
    return typeof value.guildId === 'string' && typeof value.memberId === 'string'
      ? { guildId: value.guildId, memberId: value.memberId }
      : undefined;
  } catch {
    return undefined;
  }
}
