// The insights report as data: what `portfolio-bot insights --json` prints, and
// what the text, the HTML page and the /insights card are written from. A leaf
// (no imports), so that src/replies can build the card from it.

export interface InsightsReport {
  /** The window, in days, and its first and last day (UTC, YYYY-MM-DD). */
  days: number;
  from: string;
  to: string;
  /** Questions: calls whose answer says whether the profile had one (/ask, DMs, mentions, names and queries). */
  questions: { asked: number; answered: number; unanswered: number };
  /** The most asked unanswered questions (normalised text), most asked first. */
  unanswered: UnansweredQuestion[];
  /** The entries that answered most, most first. */
  entries: { entry: string; title: string; count: number }[];
  /** Every command by use, most first. */
  commands: { command: string; count: number }[];
  /** Every day of the window, oldest first, with its calls per command. */
  perDay: { day: string; total: number; byCommand: Record<string, number> }[];
}

export interface UnansweredQuestion {
  query: string;
  count: number;
  /** The nearest entries, nearest first, each with the word to add to it. */
  suggestions: InsightSuggestion[];
  /** Words of the question no entry of the profile has. */
  missing: string[];
}

export interface InsightSuggestion {
  /** "projects:drought-watch". */
  entry: string;
  /** The entry's id in its section ("drought-watch") and its title. */
  id: string;
  title: string;
  /** Where the word goes: a project's aliases, any other entry's tags. */
  field: 'aliases' | 'tags';
  word: string;
}
