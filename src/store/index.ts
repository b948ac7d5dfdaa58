// Which engine: PostgreSQL when DATABASE_URL names one, else SQLite in a file.
import { openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './types.js';

export type { MemberChange, MemberFormat, MemberRecord, ReportRecord, Sql, SqlRow, SqlValue, Store } from './types.js';
export { MIGRATIONS, type Migration } from './migrations.js';

export interface StoreConfig {
  /** postgres:// or postgresql://; unset means SQLite. */
  DATABASE_URL?: string | undefined;
  /** The SQLite file (used when DATABASE_URL is unset). */
  SQLITE_PATH: string;
}

export function openStore(config: StoreConfig): Promise<Store> {
  return config.DATABASE_URL ? openPostgresStore(config.DATABASE_URL) : openSqliteStore(config.SQLITE_PATH);
}
