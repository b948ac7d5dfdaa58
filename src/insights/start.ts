// Insights in a running bot: the recorder over the store, opened in the
// background (a process answers before its database is open: calls wait in the
// recorder's buffer), and the owner's report read from the same store.
import type { Portfolio } from '../bot/types.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { buildInsightsCard } from '../replies/cards/insights.js';
import type { ReplyPayload } from '../replies/index.js';
import type { Sql, Store } from '../store/index.js';
import { readInsightsReport } from './read.js';
import { createInsightsRecorder, type InsightsRecorder } from './recorder.js';

export interface RunningInsights {
  recorder: InsightsRecorder;
  /** The owner's /insights card, for `days` (default INSIGHTS_DAYS), after writing what waits. */
  card(portfolio: Portfolio, days: number | undefined): Promise<ReplyPayload>;
  /** Writes what waits and closes the database. */
  close(): Promise<void>;
}

type InsightsConfig = Pick<Config, 'INSIGHTS' | 'INSIGHTS_DAYS' | 'DATABASE_URL' | 'SQLITE_PATH'>;

/**
 * Undefined when INSIGHTS is off: then nothing is opened and nothing recorded. `shared` is a store
 * the caller opened (and closes, after close() here); without it insights open their own.
 */
export function startInsights(
  config: InsightsConfig,
  transport: string,
  logger: Logger,
  shared?: Promise<Store>,
): RunningInsights | undefined {
  if (config.INSIGHTS === 'off') return undefined;
  const store: Promise<Store> = shared ?? import('../store/index.js').then(({ openStore }) => openStore(config));
  const sql: Promise<Sql> = store.then((opened) => opened.sql);
  const recorder = createInsightsRecorder({ sql, transport, logger, days: config.INSIGHTS_DAYS });
  return {
    recorder,
    async card(portfolio, days) {
      await recorder.flush();
      const report = await readInsightsReport(await sql, portfolio, { days: days ?? config.INSIGHTS_DAYS, now: Date.now() });
      return buildInsightsCard(report);
    },
    async close() {
      await recorder.close();
      if (!shared) await (await store.catch(() => undefined))?.close();
    },
  };
}

/** The owner's /insights while the bot cannot reach its database (it keeps trying). */
export const INSIGHTS_UNAVAILABLE_NOTICE =
  "Insights are unavailable right now: the bot cannot reach its database (it keeps trying; see the bot's log). Try again in a few minutes.";

/** The owner's /insights when insights are off: said plainly, privately. */
export const INSIGHTS_OFF_NOTICE =
  "Insights are off (INSIGHTS=off in the bot's environment): nothing is recorded, so there is nothing to show.";
