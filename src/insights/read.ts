// The report of a window, read from the database: the counts since the window's
// first day, then the report built from them and the current profile.
import type { Portfolio } from '../bot/types.js';
import type { Sql } from '../store/index.js';
import { DAY_MS } from './recorder.js';
import { buildInsightsReport, type ReportOptions } from './report.js';
import { countInsights } from './store.js';
import type { InsightsReport } from '../replies/insights-report.js';

export async function readInsightsReport(sql: Sql, portfolio: Portfolio, options: ReportOptions): Promise<InsightsReport> {
  // Whole days: the window starts at midnight (UTC) of its first day.
  const since = (Math.floor(options.now / DAY_MS) - options.days + 1) * DAY_MS;
  return buildInsightsReport(await countInsights(sql, since), portfolio, options);
}
