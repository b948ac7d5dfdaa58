import { writeFileSync } from 'node:fs';
import { loadPortfolio } from '../bot/load.js';
import { parseConfig } from '../config.js';
import { readInsightsReport } from '../insights/read.js';
import { renderInsightsHtml } from '../insights/html.js';
import { formatInsights } from '../insights/text.js';
import { openStore } from '../store/index.js';
import { UsageError, type CliCommand } from './types.js';

export const run: CliCommand = async ({ values }, io) => {
  const config = parseConfig();
  const days = typeof values['days'] === 'string' ? Number(values['days']) : config.INSIGHTS_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new UsageError('--days must be a whole number from 1 to 3650');
  const html = typeof values['html'] === 'string' ? values['html'] : undefined;
  if (html === '') throw new UsageError('--html needs a file name: --html insights.html');

  const { portfolio, problems } = await loadPortfolio(config.PROFILE_PATH);
  if (!portfolio) {
    for (const line of problems) io.err(line);
    return 1;
  }
  const store = await openStore(config);
  try {
    const report = await readInsightsReport(store.sql, portfolio, { days, now: Date.now() });
    if (config.INSIGHTS === 'off') io.err('INSIGHTS is off: nothing new is recorded; this report is of what was recorded before.');
    if (html !== undefined) {
      writeFileSync(html, renderInsightsHtml(report));
      io.err(`wrote ${html}`);
    }
    io.out(values['json'] === true ? JSON.stringify(report, null, 2) : formatInsights(report));
    return 0;
  } finally {
    await store.close();
  }
};
