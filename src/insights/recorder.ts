// The insights recorder: the dispatcher's onOutcome listener. On the reply path
// it only appends the outcome to a buffer; a timer later works out each call's
// facts (what answered it), normalises the text and writes the batch in one
// transaction. A database that is slow, absent or failing never delays or fails
// an answer: at worst the batch is dropped, and a log line says how many.
import type { DispatchOutcome } from '../bot/dispatch.js';
import type { Logger } from '../log.js';
import type { Sql } from '../store/index.js';
import { normaliseQuery } from './normalise.js';
import { deleteInsightsBefore, saveInsightEvents, type InsightEvent } from './store.js';

/** The longest the recorder works on the main thread before letting waiting interactions through. */
const SLICE_MS = 2;

export interface RecorderOptions {
  /** The store's runner, or its promise: calls made while the database opens wait in the buffer. */
  sql: Sql | Promise<Sql>;
  /** gateway, http or terminal. */
  transport: string;
  logger: Logger;
  /** INSIGHTS_DAYS: rows older than this are deleted on start and every day. */
  days: number;
  /**
   * How long outcomes wait before they are written together (ms, default 5000). On
   * SQLite each batch's commit is a synchronous fsync on this thread, whatever its
   * size: fewer, larger batches keep that pause rare (docs/performance.md, Insights).
   */
  batchMs?: number;
  /** Outcomes kept waiting at most; beyond, the oldest are dropped (a database that is down must not fill the memory). */
  maxPending?: number;
  now?: () => number;
}

export interface InsightsRecorder {
  /** The dispatcher's onOutcome: O(1), never throws. */
  record(outcome: DispatchOutcome): void;
  /** Writes what waits; resolves when it is written (or dropped, logged). */
  flush(): Promise<void>;
  /** Deletes the rows past the retention window; resolves to how many went. */
  prune(): Promise<number>;
  /** Stops the timers and writes what waits. */
  close(): Promise<void>;
}

interface Pending {
  at: number;
  outcome: DispatchOutcome;
}

export const DAY_MS = 86_400_000;

export function createInsightsRecorder(options: RecorderOptions): InsightsRecorder {
  const { logger, transport } = options;
  const now = options.now ?? Date.now;
  const batchMs = options.batchMs ?? 5000;
  const maxPending = options.maxPending ?? 10_000;
  const sql = Promise.resolve(options.sql);
  // Until the database has opened (or failed to), calls wait in `pending` (at most maxPending), not in batches
  // queued behind it: a database that is not there yet, and tried again, holds no more than that.
  let settled = false;
  void sql.then(
    () => (settled = true),
    (error: unknown) => {
      settled = true;
      // A failed open is logged once here; each flush then drops its batch.
      logger.error('insights: the database did not open; nothing is recorded', { error: String(error) });
    },
  );
  let pending: Pending[] = [];
  let dropped = 0;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  function toEvent({ at, outcome }: Pending): InsightEvent {
    const facts = outcome.facts?.() ?? { query: '', entry: null, answered: null, confidence: null };
    return {
      askedAt: at,
      transport,
      command: outcome.name,
      query: normaliseQuery(facts.query),
      entry: facts.entry,
      answered: facts.answered,
      confidence: facts.confidence === null ? null : Math.round(Math.min(1, Math.max(0, facts.confidence)) * 100),
      guildId: outcome.guildId ?? null,
    };
  }

  async function write(batch: Pending[]): Promise<void> {
    const events: InsightEvent[] = [];
    let slice = performance.now();
    for (const item of batch) {
      // Working out what answered a call can mean reading the question again: a batch of a busy
      // bot, described in one go, held up the answers waiting behind it. In slices, with the
      // interactions that wait let through between them.
      if (performance.now() - slice > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        slice = performance.now();
      }
      try {
        events.push(toEvent(item));
      } catch (error) {
        logger.warn('insights: a call could not be described', { command: item.outcome.name, error: String(error) });
      }
    }
    try {
      await saveInsightEvents(await sql, events);
    } catch (error) {
      logger.warn('insights: a batch was not saved', { rows: events.length, error: String(error) });
    }
  }

  function arm(): void {
    if (timer) return;
    timer = setTimeout(() => void flush(false), batchMs);
    timer.unref();
  }

  /** `all`: write what waits even if the database is not open yet (close, /insights); else wait for it. */
  function flush(all = true): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!settled && !all) {
      if (pending.length > 0) arm();
      return writing;
    }
    const batch = pending;
    pending = [];
    if (dropped > 0) {
      logger.warn('insights: calls dropped while the database was behind', { dropped });
      dropped = 0;
    }
    // One write at a time, in order.
    writing = writing.then(() => (batch.length > 0 ? write(batch) : undefined));
    return writing;
  }

  async function prune(): Promise<number> {
    try {
      return await deleteInsightsBefore(await sql, now() - options.days * DAY_MS);
    } catch (error) {
      logger.warn('insights: old rows were not deleted', { error: String(error) });
      return 0;
    }
  }

  void prune();
  const daily = setInterval(() => void prune(), DAY_MS);
  daily.unref();

  return {
    record(outcome) {
      // Commands (slash commands, DMs and mentions); not autocomplete keystrokes or button presses.
      if (outcome.kind !== 'command') return;
      pending.push({ at: now(), outcome });
      if (pending.length > maxPending) {
        pending.shift();
        dropped++;
      }
      arm();
    },
    flush: () => flush(),
    prune,
    async close() {
      clearInterval(daily);
      await flush();
    },
  };
}
