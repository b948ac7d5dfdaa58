// `portfolio-bot insights` end to end: a database with a week of recorded calls,
// the real entry point printing the report (text, --json) and writing --html,
// and the page opened in headless Chromium (playwright-core over the system's
// /usr/bin/chromium), where its charts must show, with nothing loaded from
// anywhere. Run `npm run build` first (npm test does).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../src/insights/recorder.js';
import { saveInsightEvents, type InsightEvent } from '../src/insights/store.js';
import type { InsightsReport } from '../src/replies/insights-report.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { runCli } from './helpers/cli.js';

/** The system's Chromium (.ci/run installs it where it is missing). */
const CHROMIUM = '/usr/bin/chromium';

let scratch = '';
let env: NodeJS.ProcessEnv;

function event(askedAt: number, command: string, query: string, entry: string | null, answered: boolean | null): InsightEvent {
  return { askedAt, transport: 'gateway', command, query, entry, answered, confidence: answered ? 90 : 0, guildId: null };
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'portfolio-insights-cli-'));
  const file = join(scratch, 'portfolio.db');
  const store = await openSqliteStore(file);
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS + 1000;
  const events: InsightEvent[] = [];
  // A week: day d (0 = today) has d + 1 questions about optimizers, two /about and, on even days, an unanswered one.
  for (let d = 0; d < 7; d++) {
    const at = today - d * DAY_MS;
    for (let n = 0; n <= d; n++)
      events.push(event(at, 'ask', 'what optimizers has he worked on', 'projects:lookahead-optimizer-analysis', true));
    events.push(event(at, 'about', '', null, null), event(at, 'about', '', null, null));
    if (d % 2 === 0) events.push(event(at, 'ask', 'did multichannel resnets win a prize', null, false));
  }
  // Outside a 7-day window.
  events.push(event(today - 30 * DAY_MS, 'skills', '', null, null));
  await saveInsightEvents(store.sql, events);
  await store.close();
  env = { ...process.env, DISCORD_TOKEN: '', PROFILE_PATH: '', DATABASE_URL: '', SQLITE_PATH: file, INSIGHTS: '', INSIGHTS_DAYS: '' };
}, 30_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('portfolio-bot insights', () => {
  it('prints the report of the last N days', async () => {
    const result = await runCli(['insights', '--days', '7'], '', { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Questions: 32 asked, 28 answered, 4 unanswered (88 % answered)');
    expect(result.stdout).toContain(
      '      4  "did multichannel resnets win a prize"\n         → add `prize` to the aliases of multichannel-resnets?',
    );
    expect(result.stdout).toContain('Commands by use:\n     32  /ask\n     14  /about\n');
    expect(result.stdout).not.toContain('/skills');
  });

  it('prints it as JSON with --json; the default window (90 days) takes the older call too', async () => {
    const result = await runCli(['insights', '--json'], '', { env });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as InsightsReport;
    expect(report.days).toBe(90);
    expect(report.questions).toEqual({ asked: 32, answered: 28, unanswered: 4 });
    expect(report.commands).toEqual([
      { command: 'ask', count: 32 },
      { command: 'about', count: 14 },
      { command: 'skills', count: 1 },
    ]);
    expect(report.perDay).toHaveLength(90);
  });

  it('refuses a bad --days with the usage, exit code 2', async () => {
    const result = await runCli(['insights', '--days', '0'], '', { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--days must be a whole number from 1 to 3650');
  });

  it('writes one self-contained page whose charts show in headless Chromium', async () => {
    const page = join(scratch, 'insights.html');
    const result = await runCli(['insights', '--days', '7', '--html', page], '', { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`wrote ${page}\n`);
    const html = readFileSync(page, 'utf8');
    // Nothing to fetch: no script, no stylesheet or image link, no URL but the SVG namespace.
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect(html.match(/https?:\/\/[^"\s]+/g)).toEqual(['http://www.w3.org/2000/svg', 'http://www.w3.org/2000/svg']);

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const tab = await browser.newPage();
      const requests: string[] = [];
      const errors: string[] = [];
      tab.on('request', (request) => requests.push(request.url()));
      tab.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      await tab.goto(pathToFileURL(page).href);
      expect(requests).toEqual([pathToFileURL(page).href]);
      expect(errors).toEqual([]);
      expect(await tab.textContent('#totals')).toBe('32 questions asked: 28 answered, 4 unanswered.');

      // Use over time: a column per day, drawn, the tallest for the busiest day
      // (today: 2 /about, 1 question, 1 unanswered → 4; six days ago: 7 + 2 + 1 = 10).
      const days = await tab.$$eval('#use-over-time rect.day', (rects) =>
        rects.map((rect) => {
          const box = rect.getBoundingClientRect();
          return { width: Math.round(box.width), height: Math.round(box.height), label: rect.textContent };
        }),
      );
      expect(days.map((day) => day.label?.replace(/^\d{4}-\d\d-\d\d: /, ''))).toEqual(['10', '8', '8', '6', '6', '4', '4']);
      expect(days.every((day) => day.width > 50 && day.height > 0)).toBe(true);
      expect(days[0]!.height).toBeGreaterThan(days[6]!.height);

      // Per command: a bar per command, labelled, longest for /ask.
      const commands = await tab.$$eval('#per-command rect.command', (rects) =>
        rects.map((rect) => ({ width: Math.round(rect.getBoundingClientRect().width), label: rect.textContent })),
      );
      expect(commands.map((bar) => bar.label)).toEqual(['/ask: 32', '/about: 14']);
      expect(commands[0]!.width).toBeGreaterThan(commands[1]!.width);
      expect(commands[1]!.width).toBeGreaterThan(0);

      // The charts are on screen, not just in the document.
      for (const chart of ['#use-over-time', '#per-command']) expect(await tab.isVisible(chart)).toBe(true);
      const shot = await tab.locator('#use-over-time').screenshot();
      expect(shot.length).toBeGreaterThan(1000);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
