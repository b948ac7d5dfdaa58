// Insights (issue #18) through the real dispatcher and every command: 200
// questions, some unanswerable, recorded by the recorder into a real SQLite
// store, read back as the report whose counts and suggestions are checked
// exactly. Then what is (never) recorded, the retention window, INSIGHTS=off,
// and that a slow or failing database never touches an answer.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.js';
import { createDispatcher, type Dispatcher } from '../src/bot/dispatch.js';
import type { Portfolio } from '../src/bot/types.js';
import { normaliseQuery } from '../src/insights/normalise.js';
import { readInsightsReport } from '../src/insights/read.js';
import { createInsightsRecorder, DAY_MS, type InsightsRecorder } from '../src/insights/recorder.js';
import { startInsights } from '../src/insights/start.js';
import { listInsightEvents } from '../src/insights/store.js';
import { formatInsights } from '../src/insights/text.js';
import type { InsightsReport } from '../src/replies/insights-report.js';
import { createLogger, silentLogger } from '../src/log.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { Sql, Store } from '../src/store/types.js';
import { shippedPortfolio } from './helpers/bot.js';

/** Noon, 30 November 2026 (UTC): the report's "now". */
const NOW = Date.UTC(2026, 10, 30, 12);
const GUILD = '300000000000000001';
const ASKER = { id: '912345678901234567', name: 'visitor-with-a-name' };

/** The 200 questions: [text, times]; the first five kinds answer, then five that cannot, then greetings. */
const QUESTIONS: [string, number][] = [
  ['what optimizers has he worked on?', 50],
  ['how can I get in touch?', 35],
  ['has he done any kaggle competitions?', 25],
  ['does java-ml support gpus', 15],
  // The same question typed two ways: one group.
  ['Does he know Rust??', 12],
  ['does he know rust', 8],
  ['Which ResNet paper got accepted at NeurIPS?', 15],
  ['did multichannel resnets win a prize', 12],
  ['does he speak french?', 8],
  ['what is his salary', 5],
  ['hi', 15],
];

let scratch = '';
let store: Store;
let portfolio: Portfolio;
let report: InsightsReport;
let clock = NOW;

/** Each question asked, in turn, on one of the last seven days; every third through a DM or mention (dispatcher.message). */
function driveQuestions(dispatcher: Dispatcher): void {
  let i = 0;
  for (const [text, times] of QUESTIONS) {
    for (let n = 0; n < times; n++, i++) {
      clock = NOW - (i % 7) * DAY_MS;
      if (i % 3 === 0) dispatcher.message(text, ASKER, i % 2 === 0 ? GUILD : undefined);
      else dispatcher.command('ask', { options: { question: text }, user: ASKER, guildId: GUILD });
    }
  }
  expect(i).toBe(200);
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'portfolio-insights-'));
  store = await openSqliteStore(join(scratch, 'portfolio.db'));
  portfolio = await shippedPortfolio();
  // Rows from before the window: the recorder's start deletes them.
  await store.sql.run(
    'INSERT INTO insight_events (asked_at, transport, command, query, entry, answered, confidence, guild_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [NOW - 91 * DAY_MS, 'gateway', 'ask', 'old question', null, 0, 0, null],
  );
  const recorder = createInsightsRecorder({ sql: store.sql, transport: 'gateway', logger: silentLogger, days: 90, now: () => clock });
  const dispatcher = createDispatcher({ commands: COMMANDS, portfolio: () => portfolio, logger: silentLogger, onOutcome: recorder.record });
  driveQuestions(dispatcher);
  // Commands without a question, and autocomplete keystrokes (not recorded).
  clock = NOW;
  for (let n = 0; n < 7; n++) dispatcher.command('about', { options: {}, user: ASKER, guildId: GUILD });
  for (let n = 0; n < 3; n++) dispatcher.command('projects', { options: { query: 'optimizers' }, user: ASKER });
  dispatcher.autocomplete('project', { name: 'name', value: 'look' }, { options: {}, user: ASKER });
  await recorder.close();
  report = await readInsightsReport(store.sql, portfolio, { days: 7, now: NOW });
}, 60_000);

afterAll(async () => {
  await store?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the insights report of 200 questions through the dispatcher', () => {
  it('counts questions answered and unanswered exactly (greetings are neither)', () => {
    // "does java-ml support gpus" and "… win a prize" show an entry but are unanswered: the reply says the
    // profile doesn't mention "gpus" / "prize" (#13).
    expect(report.questions).toEqual({ asked: 185, answered: 110, unanswered: 75 });
    expect(report.days).toBe(7);
    expect([report.from, report.to]).toEqual(['2026-11-24', '2026-11-30']);
  });

  it('groups the unanswered questions by their normalised text, most asked first, each with what to add where', () => {
    expect(report.unanswered).toEqual([
      { query: 'does he know rust', count: 20, suggestions: [], missing: ['rust'] },
      {
        query: 'does java ml support gpus',
        count: 15,
        suggestions: [
          suggestion('projects', 'java-ml', 'Java-ML', 'gpus'),
          { entry: 'skills:sklearn', id: 'sklearn', title: 'Sklearn', field: 'tags', word: 'gpus' },
          { entry: 'about:day-in-my-life', id: 'day-in-my-life', title: 'A day in my life', field: 'tags', word: 'gpus' },
        ],
        missing: ['gpus'],
      },
      {
        query: 'which resnet paper got accepted at neurips',
        count: 15,
        suggestions: [
          suggestion('projects', 'lookahead-optimizer-analysis', 'Lookahead Optimizer Analysis', 'neurips'),
          suggestion('projects', 'multichannel-resnets', 'Multichannel Resnets', 'neurips'),
          suggestion('projects', 'human-protein-atlas-classification', 'Human Protein Atlas Classification', 'neurips'),
        ],
        missing: ['accepted', 'neurips'],
      },
      {
        query: 'did multichannel resnets win a prize',
        count: 12,
        suggestions: [
          suggestion('projects', 'multichannel-resnets', 'Multichannel Resnets', 'prize'),
          suggestion('projects', 'human-protein-atlas-classification', 'Human Protein Atlas Classification', 'prize'),
          suggestion('projects', 'lookahead-optimizer-analysis', 'Lookahead Optimizer Analysis', 'prize'),
        ],
        missing: ['prize'], // "win" is the profile's now: the Drought project's `answers` (#13)
      },
      { query: 'does he speak french', count: 8, suggestions: [], missing: ['speak', 'french'] },
      { query: 'what is his salary', count: 5, suggestions: [], missing: ['salary'] },
    ]);
  });

  it('lists the most asked entries and the commands by use; autocomplete is not recorded', () => {
    expect(report.entries).toEqual([
      { entry: 'projects:lookahead-optimizer-analysis', title: 'Lookahead Optimizer Analysis', count: 50 },
      { entry: 'contact', title: 'Contact', count: 35 },
      { entry: 'projects:toxic-comments-classification', title: 'Toxic Comments Classification using ULMFiT', count: 25 },
      { entry: 'projects:java-ml', title: 'Java-ML', count: 15 },
      { entry: 'projects:multichannel-resnets', title: 'Multichannel Resnets', count: 12 },
    ]);
    expect(report.commands).toEqual([
      { command: 'ask', count: 200 },
      { command: 'about', count: 7 },
      { command: 'projects', count: 3 },
    ]);
  });

  it('counts use per day over the whole window, oldest first', () => {
    expect(report.perDay.map((day) => day.day)).toEqual([
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
    ]);
    // 200 questions over 7 days in turn: 29 on the newest (i % 7 === 0) and on the next three, 28 on the others.
    expect(report.perDay.map((day) => day.byCommand['ask'] ?? 0)).toEqual([28, 28, 28, 29, 29, 29, 29]);
    expect(report.perDay[6]).toEqual({ day: '2026-11-30', total: 39, byCommand: { ask: 29, about: 7, projects: 3 } });
  });

  it('prints the advice as the owner reads it', () => {
    const text = formatInsights(report);
    expect(text).toContain('Questions: 185 asked, 110 answered, 75 unanswered (59 % answered)');
    expect(text).toContain(
      '     20  "does he know rust"\n         → no entry mentions `rust`: add it to the tags of the entry it belongs to, or a new entry',
    );
    expect(text).toContain(
      '     12  "did multichannel resnets win a prize"\n         → add `prize` to the aliases of multichannel-resnets?',
    );
  });
});

describe('what insights record', () => {
  it('keeps time, transport, command, normalised text, entry, answered, confidence and server: never who asked', async () => {
    const rows = await listInsightEvents(store.sql, 0);
    expect(rows).toHaveLength(210);
    expect(rows.filter((row) => row.query === 'old question')).toEqual([]);
    expect(rows.find((row) => row.query === 'what optimizers has he worked on' && row.askedAt === NOW)).toEqual({
      askedAt: NOW,
      transport: 'gateway',
      command: 'ask',
      query: 'what optimizers has he worked on',
      entry: 'projects:lookahead-optimizer-analysis',
      answered: true,
      confidence: 100,
      guildId: GUILD,
    });
    const everything = JSON.stringify(await store.sql.all('SELECT * FROM insight_events'));
    expect(everything).not.toContain(ASKER.id);
    expect(everything).not.toContain(ASKER.name);
    // DMs have no server.
    expect(rows.filter((row) => row.guildId === null).length).toBeGreaterThan(0);
  });

  it('normalises the text and leaves out mentions, ids, e-mail addresses, phone numbers and links', () => {
    expect(normaliseQuery('  What has he WON?!  ')).toBe('what has he won');
    expect(normaliseQuery('Ça va, Zoë? version 2.5 of C++ and C#')).toBe('ca va zoe version 2.5 of c++ and c#');
    expect(
      normaliseQuery(
        '<@912345678901234567> mail me at a.b@example.com or +44 7700 900123, see https://x.example/p?q=1 id 912345678901234567',
      ),
    ).toBe('mail me at or see id');
    expect(normaliseQuery('x'.repeat(5000))).toHaveLength(200);
  });

  it('deletes what is older than the window on start, and again when pruned', async () => {
    clock = NOW + 10 * DAY_MS;
    const recorder = createInsightsRecorder({ sql: store.sql, transport: 'gateway', logger: silentLogger, days: 5, now: () => clock });
    // The start's pruning has run (and this one finds nothing left to delete).
    await recorder.flush();
    expect(await recorder.prune()).toBe(0);
    expect(await listInsightEvents(store.sql, 0)).toEqual([]);
    await recorder.close();
  });

  it('INSIGHTS=off opens no database and records nothing', () => {
    const file = join(scratch, 'off', 'portfolio.db');
    const config = { INSIGHTS: 'off', INSIGHTS_DAYS: 90, DATABASE_URL: undefined, SQLITE_PATH: file } as const;
    expect(startInsights(config, 'gateway', silentLogger)).toBeUndefined();
    expect(existsSync(file)).toBe(false);
  });
});

describe('insights never touch an answer', () => {
  it('describes a big batch in slices, letting waiting work through between them', async () => {
    const recorder = createInsightsRecorder({ sql: store.sql, transport: 'gateway', logger: silentLogger, days: 90, batchMs: 60_000 });
    // 200 calls whose facts take a millisecond each to work out: 200 ms of work in one go without slices.
    const slow = () => {
      const until = performance.now() + 1;
      while (performance.now() < until);
      return { query: 'slow question', entry: null, answered: false, confidence: null };
    };
    for (let n = 0; n < 200; n++) recorder.record({ kind: 'command', name: 'ask', outcome: 'ok', facts: slow });
    const started = performance.now();
    let waited = Number.NaN;
    setImmediate(() => (waited = performance.now() - started));
    await recorder.flush();
    expect(waited).toBeLessThan(50);
    await recorder.close();
    expect((await listInsightEvents(store.sql, 0)).filter((row) => row.query === 'slow question')).toHaveLength(200);
    await store.sql.run("DELETE FROM insight_events WHERE query = 'slow question'");
  });

  it('answers at once while the database has not opened, and records once it has', async () => {
    let open: (sql: Sql) => void = () => undefined;
    const recorder = createInsightsRecorder({
      sql: new Promise<Sql>((resolve) => (open = resolve)),
      transport: 'http',
      logger: silentLogger,
      days: 90,
      batchMs: 5,
    });
    const dispatcher = createDispatcher({
      commands: COMMANDS,
      portfolio: () => portfolio,
      logger: silentLogger,
      onOutcome: recorder.record,
    });
    const answer = dispatcher.command('ask', { options: { question: 'how can I get in touch?' }, user: ASKER });
    expect(JSON.stringify(answer)).toContain('reach');
    open(store.sql);
    await recorder.close();
    expect((await listInsightEvents(store.sql, 0)).map((row) => [row.transport, row.entry])).toEqual([['http', 'contact']]);
  });

  it('while the database is not open yet (it is tried again), keeps at most maxPending calls waiting, not a queue of batches', async () => {
    let open: (sql: Sql) => void = () => undefined;
    const lines: string[] = [];
    const recorder = createInsightsRecorder({
      sql: new Promise<Sql>((resolve) => (open = resolve)),
      transport: 'waiting',
      logger: createLogger('warn', (line) => lines.push(line)),
      days: 90,
      batchMs: 5,
      maxPending: 3,
    });
    const dispatcher = createDispatcher({
      commands: COMMANDS,
      portfolio: () => portfolio,
      logger: silentLogger,
      onOutcome: recorder.record,
    });
    // Five calls, several batch periods apart: each period passes while the database is still not there.
    for (const question of ['one', 'two', 'three', 'four', 'five']) {
      dispatcher.command('ask', { options: { question: `what about ${question}?` }, user: ASKER });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    open(store.sql);
    await recorder.close();
    const rows = (await listInsightEvents(store.sql, 0)).filter((row) => row.transport === 'waiting');
    expect(rows.map((row) => /one|two|three|four|five/.exec(row.query)?.[0])).toEqual(['three', 'four', 'five']);
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toContainEqual(
      expect.objectContaining({ msg: 'insights: calls dropped while the database was behind', dropped: 2 }),
    );
    await store.sql.run("DELETE FROM insight_events WHERE transport = 'waiting'");
  });

  it('answers as usual when the database fails, and says in the log how many calls were not saved', async () => {
    const lines: string[] = [];
    const failing: Sql = {
      run: () => Promise.reject(new Error('disk I/O error')),
      all: () => Promise.reject(new Error('disk I/O error')),
      get: () => Promise.reject(new Error('disk I/O error')),
      transaction: () => Promise.reject(new Error('disk I/O error')),
    };
    const recorder: InsightsRecorder = createInsightsRecorder({
      sql: failing,
      transport: 'gateway',
      logger: createLogger('warn', (line) => lines.push(line)),
      days: 90,
    });
    const dispatcher = createDispatcher({
      commands: COMMANDS,
      portfolio: () => portfolio,
      logger: silentLogger,
      onOutcome: recorder.record,
    });
    const plain = createDispatcher({ commands: COMMANDS, portfolio: () => portfolio, logger: silentLogger });
    const asked = { options: { question: 'what optimizers has he worked on?' }, user: ASKER };
    expect(dispatcher.command('ask', asked)).toEqual(plain.command('ask', asked));
    await recorder.close();
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: 'insights: a batch was not saved', rows: 1, error: 'Error: disk I/O error' }),
    );
  });
});

function suggestion(section: string, id: string, title: string, word: string) {
  return { entry: `${section}:${id}`, id, title, field: section === 'projects' ? 'aliases' : 'tags', word };
}
