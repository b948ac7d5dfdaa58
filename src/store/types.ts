// The one storage interface of the community showcase (issue #17), over SQLite
// (embedded, the default) or PostgreSQL (DATABASE_URL=postgres://…). Both
// engines run the same migrations (./migrations.ts) and pass the same contract
// suite (tests/store-contract.test.ts).
//
// Two layers: typed methods for what the bot stores (member profiles, reports),
// and `sql`, the engine-neutral query runner the typed methods are written
// with. A feature that needs a table of its own adds a migration and writes its
// functions over `sql` (see src/store/README.md).

/** What a column can hold on both engines: text, a number (BIGINT read back as a number), or NULL. */
export type SqlValue = string | number | null;
export type SqlRow = Record<string, SqlValue>;

/**
 * Queries written once for both engines: `?` placeholders (rewritten to $1, $2… for
 * PostgreSQL; never put a literal `?` in the text, pass it as a parameter), lower-case
 * snake_case names, and types both engines share (TEXT, BIGINT, INTEGER).
 */
export interface Sql {
  /** A statement without rows; resolves to the number of rows it changed. */
  run(text: string, params?: readonly SqlValue[]): Promise<number>;
  all<T extends SqlRow = SqlRow>(text: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T extends SqlRow = SqlRow>(text: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
}

export type MemberFormat = 'yaml' | 'json-resume';

/** One member's profile in one server, as submitted. */
export interface MemberRecord {
  guildId: string;
  memberId: string;
  /**
   * The member's display name (shown beside their entries): as it was when they submitted, then
   * their current one each time they use the bot in that server (renameMember).
   */
  memberName: string;
  format: MemberFormat;
  /** The document exactly as submitted: what `/portfolio export` gives back. */
  source: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  updatedAt: number;
}

export interface ReportRecord {
  id: string;
  guildId: string;
  /** Whose profile was reported. */
  memberId: string;
  reporterId: string;
  reason: string;
  createdAt: number;
}

/** A member's profile changed (saved or removed) in some process using the same database. */
export interface MemberChange {
  guildId: string;
  memberId: string;
}

/** At most `count` submits per member and server in any `windowMs`. */
export interface SubmitLimit {
  count: number;
  windowMs: number;
}

export interface Store {
  readonly engine: 'sqlite' | 'postgres';
  readonly sql: Sql;

  /** Saves (or replaces) a member's profile; resolves once it is durable. */
  putMember(record: MemberRecord): Promise<void>;
  getMember(guildId: string, memberId: string): Promise<MemberRecord | undefined>;
  /** Every member profile of a server, oldest submission first. */
  listMembers(guildId: string): Promise<MemberRecord[]>;
  /** Servers with at least one member profile. */
  listGuilds(): Promise<string[]>;
  /**
   * Stores the name a member is now shown under (their profile and when they submitted unchanged):
   * true when it changed, and then every process on the database is told, as after putMember.
   * Writes nothing, and tells no one, when the name is already that one.
   */
  renameMember(guildId: string, memberId: string, memberName: string): Promise<boolean>;
  /** True when there was a profile to remove. Removes the member's reports too. */
  removeMember(guildId: string, memberId: string): Promise<boolean>;

  addReport(report: Omit<ReportRecord, 'id'>): Promise<ReportRecord>;
  /** A server's reports, newest first. */
  listReports(guildId: string, limit?: number): Promise<ReportRecord[]>;

  /**
   * Counts a submit by this member in this server at `at` (milliseconds) if the limit allows one,
   * and says whether it did. Atomic across every process on the database: the count survives a
   * restart, and two processes taking at once never let one more through.
   */
  takeSubmit(guildId: string, memberId: string, at: number, limit: SubmitLimit): Promise<boolean>;

  /**
   * Calls `listener` after each putMember/removeMember, in this process and in every other
   * process on the same database (PostgreSQL: LISTEN/NOTIFY; SQLite: the numbered changes,
   * read when the file's data_version moves).
   * `onMissed` is called when the feed was cut and changes made meanwhile never
   * reached `listener` (PostgreSQL: the LISTEN connection dropped and is back):
   * the store must be read again. Returns the function that stops both.
   */
  onMemberChange(listener: (change: MemberChange) => void, onMissed?: () => void): Promise<() => Promise<void>>;

  close(): Promise<void>;
}
