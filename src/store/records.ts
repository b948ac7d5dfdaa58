// The typed half of the store, written once over the engine-neutral Sql: both
// engines share these queries, so they cannot drift apart.
import { randomUUID } from 'node:crypto';
import type { MemberChange, MemberFormat, MemberRecord, ReportRecord, Sql, SqlRow, Store } from './types.js';

const MEMBER_COLUMNS = 'guild_id, member_id, member_name, format, source, created_at, updated_at';
const REPORT_COLUMNS = 'id, guild_id, member_id, reporter_id, reason, created_at';

export interface EngineParts {
  engine: Store['engine'];
  sql: Sql;
  /** Tells every process on the database (this one included) that a member changed. */
  announce(change: MemberChange, sql: Sql): Promise<void>;
  onMemberChange: Store['onMemberChange'];
  close(): Promise<void>;
}

/** A Store from an engine's runner and its change feed. */
export function createRecordStore(parts: EngineParts): Store {
  const { sql } = parts;
  return {
    engine: parts.engine,
    sql,
    async putMember(record) {
      await sql.transaction(async (tx) => {
        // The first submission's time survives a replacement.
        await tx.run(
          `INSERT INTO member_profiles (${MEMBER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (guild_id, member_id) DO UPDATE SET
             member_name = excluded.member_name, format = excluded.format,
             source = excluded.source, updated_at = excluded.updated_at`,
          [record.guildId, record.memberId, record.memberName, record.format, record.source, record.createdAt, record.updatedAt],
        );
        await parts.announce({ guildId: record.guildId, memberId: record.memberId }, tx);
      });
    },
    async getMember(guildId, memberId) {
      const row = await sql.get(`SELECT ${MEMBER_COLUMNS} FROM member_profiles WHERE guild_id = ? AND member_id = ?`, [guildId, memberId]);
      return row && toMember(row);
    },
    async listMembers(guildId) {
      const rows = await sql.all(`SELECT ${MEMBER_COLUMNS} FROM member_profiles WHERE guild_id = ? ORDER BY created_at, member_id`, [
        guildId,
      ]);
      return rows.map(toMember);
    },
    async listGuilds() {
      const rows = await sql.all<{ guild_id: string }>('SELECT DISTINCT guild_id FROM member_profiles ORDER BY guild_id');
      return rows.map((row) => row.guild_id);
    },
    async renameMember(guildId, memberId, memberName) {
      return sql.transaction(async (tx) => {
        const renamed = await tx.run(
          'UPDATE member_profiles SET member_name = ? WHERE guild_id = ? AND member_id = ? AND member_name <> ?',
          [memberName, guildId, memberId, memberName],
        );
        if (renamed > 0) await parts.announce({ guildId, memberId }, tx);
        return renamed > 0;
      });
    },
    async removeMember(guildId, memberId) {
      return sql.transaction(async (tx) => {
        const removed = await tx.run('DELETE FROM member_profiles WHERE guild_id = ? AND member_id = ?', [guildId, memberId]);
        await tx.run('DELETE FROM member_reports WHERE guild_id = ? AND member_id = ?', [guildId, memberId]);
        if (removed > 0) await parts.announce({ guildId, memberId }, tx);
        return removed > 0;
      });
    },
    async addReport(report) {
      const saved: ReportRecord = { id: randomUUID(), ...report };
      await sql.run(`INSERT INTO member_reports (${REPORT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`, [
        saved.id,
        saved.guildId,
        saved.memberId,
        saved.reporterId,
        saved.reason,
        saved.createdAt,
      ]);
      return saved;
    },
    async listReports(guildId, limit = 25) {
      const rows = await sql.all(`SELECT ${REPORT_COLUMNS} FROM member_reports WHERE guild_id = ? ORDER BY created_at DESC, id LIMIT ?`, [
        guildId,
        Math.max(0, Math.floor(limit)),
      ]);
      return rows.map(toReport);
    },
    async takeSubmit(guildId, memberId, at, limit) {
      return sql.transaction(async (tx) => {
        // The upsert locks the member's row (PostgreSQL) inside the write lock SQLite's transactions
        // take: a second process counting the same member waits, then reads what this one wrote.
        const row = await tx.get<{ times: string }>(
          `INSERT INTO submit_limits (guild_id, member_id, times, last_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (guild_id, member_id) DO UPDATE SET last_at = submit_limits.last_at
           RETURNING times`,
          [guildId, memberId, '', at],
        );
        const recent = parseTimes(row?.times ?? '').filter((time) => at - time < limit.windowMs);
        const allowed = recent.length < limit.count;
        if (allowed) recent.push(at);
        const kept = recent.slice(-Math.max(1, limit.count));
        await tx.run('UPDATE submit_limits SET times = ?, last_at = ? WHERE guild_id = ? AND member_id = ?', [
          kept.join(','),
          Math.max(...kept, 0),
          guildId,
          memberId,
        ]);
        // Members whose every submit has left the window need no row.
        await tx.run('DELETE FROM submit_limits WHERE last_at <= ?', [at - limit.windowMs]);
        return allowed;
      });
    },
    onMemberChange: parts.onMemberChange,
    close: parts.close,
  };
}

function parseTimes(text: string): number[] {
  return text
    .split(',')
    .filter((part) => /^\d{1,16}$/.test(part))
    .map(Number);
}

function toMember(row: SqlRow): MemberRecord {
  return {
    guildId: String(row['guild_id']),
    memberId: String(row['member_id']),
    memberName: String(row['member_name']),
    format: row['format'] as MemberFormat,
    source: String(row['source']),
    createdAt: Number(row['created_at']),
    updatedAt: Number(row['updated_at']),
  };
}

function toReport(row: SqlRow): ReportRecord {
  return {
    id: String(row['id']),
    guildId: String(row['guild_id']),
    memberId: String(row['member_id']),
    reporterId: String(row['reporter_id']),
    reason: String(row['reason']),
    createdAt: Number(row['created_at']),
  };
}
