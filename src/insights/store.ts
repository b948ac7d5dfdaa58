// The insights table (migration 2) through the store's engine-neutral `sql`:
// saving a batch of events, deleting those past the retention window, and the
// counts a report is built from. Grouping is done in SQL; ordering of ties is
// left to the report (JavaScript), since the two engines sort text differently.
import type { Sql } from '../store/index.js';

/** One command or question, as stored: no user id, user name or message id. */
export interface InsightEvent {
  /** Milliseconds since the epoch. */
  askedAt: number;
  /** gateway, http or terminal. */
  transport: string;
  command: string;
  /** The normalised text asked ("" for a command without one). */
  query: string;
  /** The entry that answered ("projects:drought-watch", "contact"), or null. */
  entry: string | null;
  /** Whether the profile had an answer; null for a command that always answers. */
  answered: boolean | null;
  /** How sure the answer was, 0 to 100; null when the command does not say. */
  confidence: number | null;
  /** The server it was asked in; null in a DM or outside Discord. */
  guildId: string | null;
}

/** Rows per INSERT: far under either engine's limit on parameters, and a short stretch of SQLite's synchronous work. */
const ROWS_PER_STATEMENT = 50;
const COLUMNS = 'asked_at, transport, command, query, entry, answered, confidence, guild_id';

/** Saves the events in one transaction (all or none). */
export async function saveInsightEvents(sql: Sql, events: readonly InsightEvent[]): Promise<void> {
  if (events.length === 0) return;
  await sql.transaction(async (tx) => {
    for (let start = 0; start < events.length; start += ROWS_PER_STATEMENT) {
      const chunk = events.slice(start, start + ROWS_PER_STATEMENT);
      const values = chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
      const params = chunk.flatMap((event) => [
        event.askedAt,
        event.transport,
        event.command,
        event.query,
        event.entry,
        event.answered === null ? null : event.answered ? 1 : 0,
        event.confidence,
        event.guildId,
      ]);
      // Between statements, whatever else waits on this thread (an interaction) goes first.
      if (start > 0) await new Promise((resolve) => setImmediate(resolve));
      await tx.run(`INSERT INTO insight_events (${COLUMNS}) VALUES ${values}`, params);
    }
  });
}

/** Deletes the events asked before `cutoff` (ms); resolves to how many went. */
export function deleteInsightsBefore(sql: Sql, cutoff: number): Promise<number> {
  return sql.run('DELETE FROM insight_events WHERE asked_at < ?', [cutoff]);
}

/** Every event since `since`, oldest first (for tests and exports; reports use the counts below). */
export async function listInsightEvents(sql: Sql, since: number): Promise<InsightEvent[]> {
  const rows = await sql.all<{
    asked_at: number;
    transport: string;
    command: string;
    query: string;
    entry: string | null;
    answered: number | null;
    confidence: number | null;
    guild_id: string | null;
  }>(`SELECT ${COLUMNS} FROM insight_events WHERE asked_at >= ? ORDER BY asked_at`, [since]);
  return rows.map((row) => ({
    askedAt: Number(row.asked_at),
    transport: row.transport,
    command: row.command,
    query: row.query,
    entry: row.entry,
    answered: row.answered === null ? null : Number(row.answered) === 1,
    confidence: row.confidence === null ? null : Number(row.confidence),
    guildId: row.guild_id,
  }));
}

/** What a report is built from: counts since a time, grouped. */
export interface InsightCounts {
  since: number;
  answered: number;
  unanswered: number;
  /** Unanswered questions by their normalised text. */
  unansweredQuestions: { query: string; count: number }[];
  entries: { entry: string; count: number }[];
  commands: { command: string; count: number }[];
  /** Day number (days since the epoch, UTC) and command. */
  perDay: { day: number; command: string; count: number }[];
}

const DAY_MS = 86_400_000;

export async function countInsights(sql: Sql, since: number): Promise<InsightCounts> {
  const [answers, unanswered, entries, commands, perDay] = await Promise.all([
    sql.all<{ answered: number; n: number }>(
      'SELECT answered, COUNT(*) AS n FROM insight_events WHERE asked_at >= ? AND answered IS NOT NULL GROUP BY answered',
      [since],
    ),
    sql.all<{ query: string; n: number }>(
      'SELECT query, COUNT(*) AS n FROM insight_events WHERE asked_at >= ? AND answered = 0 GROUP BY query',
      [since],
    ),
    sql.all<{ entry: string; n: number }>(
      'SELECT entry, COUNT(*) AS n FROM insight_events WHERE asked_at >= ? AND entry IS NOT NULL GROUP BY entry',
      [since],
    ),
    sql.all<{ command: string; n: number }>('SELECT command, COUNT(*) AS n FROM insight_events WHERE asked_at >= ? GROUP BY command', [
      since,
    ]),
    sql.all<{ day: number; command: string; n: number }>(
      // The day's length is written in: SQLite binds a parameter as a real, and would not divide whole.
      `SELECT asked_at / ${DAY_MS} AS day, command, COUNT(*) AS n FROM insight_events WHERE asked_at >= ? GROUP BY 1, 2`,
      [since],
    ),
  ]);
  const countOf = (flag: number) => Number(answers.find((row) => Number(row.answered) === flag)?.n ?? 0);
  return {
    since,
    answered: countOf(1),
    unanswered: countOf(0),
    unansweredQuestions: unanswered.map((row) => ({ query: row.query, count: Number(row.n) })),
    entries: entries.map((row) => ({ entry: row.entry, count: Number(row.n) })),
    commands: commands.map((row) => ({ command: row.command, count: Number(row.n) })),
    perDay: perDay.map((row) => ({ day: Math.floor(Number(row.day)), command: row.command, count: Number(row.n) })),
  };
}
