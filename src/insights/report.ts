// From the stored counts to the report: totals, the top unanswered questions
// with what to add to the profile for each, the most asked entries, commands by
// use and use per day. Pure: the same counts and profile give the same report.
import { GLOBAL_FILLER, subjectWords } from '../ask/language.js';
import type { Portfolio } from '../bot/types.js';
import { SECTION_LABELS } from '../replies/cards/sections.js';
import { isSection } from '../search/index.js';
import { queryTokens, tokenize } from '../search/normalise.js';
import type { SearchDoc } from '../search/documents.js';
import { DAY_MS } from './recorder.js';
import type { InsightCounts } from './store.js';
import type { InsightSuggestion, InsightsReport, UnansweredQuestion } from '../replies/insights-report.js';

export interface ReportOptions {
  days: number;
  /** The end of the window (ms). */
  now: number;
  /** How many unanswered questions and entries to list (default 10). */
  top?: number;
}

/** Nearest entries suggested per unanswered question. */
const SUGGESTIONS_PER_QUESTION = 3;

export function buildInsightsReport(counts: InsightCounts, portfolio: Portfolio, options: ReportOptions): InsightsReport {
  const top = options.top ?? 10;
  const docs = new Map(portfolio.search.documents.map((doc) => [`${doc.section}:${doc.id}`, doc]));
  const firstDay = Math.floor(options.now / DAY_MS) - options.days + 1;
  const lastDay = Math.floor(options.now / DAY_MS);
  return {
    days: options.days,
    from: dayText(firstDay),
    to: dayText(lastDay),
    questions: { asked: counts.answered + counts.unanswered, answered: counts.answered, unanswered: counts.unanswered },
    unanswered: mostFirst(counts.unansweredQuestions, (row) => row.query)
      .slice(0, top)
      .map((row) => adviseOn(row.query, row.count, portfolio)),
    entries: mostFirst(counts.entries, (row) => row.entry)
      .slice(0, top)
      .map((row) => ({ ...row, title: titleOf(row.entry, docs) })),
    commands: mostFirst(counts.commands, (row) => row.command),
    perDay: Array.from({ length: Math.max(0, lastDay - firstDay + 1) }, (_, i) => {
      const rows = counts.perDay.filter((row) => row.day === firstDay + i);
      const byCommand = Object.fromEntries(mostFirst(rows, (row) => row.command).map((row) => [row.command, row.count]));
      return { day: dayText(firstDay + i), total: rows.reduce((sum, row) => sum + row.count, 0), byCommand };
    }),
  };
}

/** Most counted first; ties by their text, compared by code point (the same on every engine and locale). */
function mostFirst<T extends { count: number }>(rows: readonly T[], text: (row: T) => string): T[] {
  return [...rows].sort((a, b) => b.count - a.count || (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
}

function dayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** An entry's title; a whole section's label ("Contact"). */
function titleOf(entry: string, docs: ReadonlyMap<string, SearchDoc>): string {
  return docs.get(entry)?.title ?? (isSection(entry) ? SECTION_LABELS[entry].label : entry);
}

/**
 * The nearest entries to an unanswered question and the word to add to each:
 * each meaningful word of the question is searched alone (typos forgiven, so a
 * near spelling finds its entry too); an entry found that lacks some of the
 * words but has at least one is near (one found only through a typo of a word
 * is not), and a word it lacks is what to add to its aliases (a project) or tags
 * (any other entry), so that the question finds it next time. The word is one
 * no entry has, when there is one, else one it lacks; of several, the last in
 * the question, since a question tends to end on the thing it asks about ("did
 * he publish the lookahead results at neurips": `neurips`, not `publish`).
 * Entries that have more of the words come first, then by their summed
 * relevance, then in profile order.
 */
export function adviseOn(query: string, count: number, portfolio: Portfolio): UnansweredQuestion {
  const words = meaningfulWords(query, portfolio);
  const found = new Map<string, { doc: SearchDoc; has: Set<string>; score: number }>();
  for (const word of words) {
    for (const hit of portfolio.search.search(word, { limit: 10 })) {
      const key = `${hit.section}:${hit.id}`;
      let near = found.get(key);
      if (!near) {
        const tokens = tokensOf(hit.doc);
        near = { doc: hit.doc, has: new Set(words.filter((each) => tokens.has(each))), score: 0 };
        found.set(key, near);
      }
      near.score += hit.score;
    }
  }
  const inSome = new Set([...found.values()].flatMap((near) => [...near.has]));
  const missing = words.filter((word) => !inSome.has(word));
  const suggestions: InsightSuggestion[] = [...found.entries()]
    .filter(([, near]) => near.has.size > 0 && near.has.size < words.length)
    .sort(([, a], [, b]) => b.has.size - a.has.size || b.score - a.score || a.doc.order - b.doc.order)
    .slice(0, SUGGESTIONS_PER_QUESTION)
    .map(([entry, near]) => {
      const lacks = words.filter((word) => !near.has.has(word));
      const word = lacks.findLast((each) => missing.includes(each)) ?? lacks[lacks.length - 1]!;
      return {
        entry,
        id: near.doc.id,
        title: near.doc.title,
        field: near.doc.section === 'projects' ? 'aliases' : 'tags',
        word: typed(word, query),
      };
    });
  return { query, count, suggestions, missing: missing.map((word) => typed(word, query)) };
}

/** Every word of an entry, as the search folds them. */
function tokensOf(doc: SearchDoc): Set<string> {
  return new Set(tokenize([...doc.names, ...doc.keywords, doc.summary, ...doc.body].join(' ')));
}

/** The word as it was asked ("neurips"), not as the search folds it ("neurip"). */
function typed(token: string, query: string): string {
  return query.split(' ').find((word) => tokenize(word).includes(token)) ?? token;
}

/**
 * The words of a question worth adding to a profile: no stop words, no words
 * naming the person, and no question filler ("really", "kind") unless filler is
 * all there is ("what has he won?": `won` is filler only as in "won't").
 */
function meaningfulWords(query: string, portfolio: Portfolio): string[] {
  const person = new Set(subjectWords(portfolio.profile).flatMap((word) => tokenize(word)));
  const words = [...new Set(queryTokens(query))].filter((word) => !person.has(word));
  const content = words.filter((word) => !GLOBAL_FILLER.has(word));
  return content.length > 0 ? content : words;
}
