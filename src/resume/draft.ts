// What the importer builds as it maps a résumé: the profile as plain data, the
// notes to write beside its values ("FILL IN: …"), and the facts that found no
// field. Text is fitted to the schema's bounds here; what does not fit is never
// cut silently: the part that fits is placed, the whole is listed as unplaced.
import { stripInvisible } from '../replies/inert.js';
import { CONTROL } from '../characters.js';
import { describeLinkUrl, LIMITS } from '../profile/schema.js';

export type YamlPath = readonly (string | number)[];

/** A fact of the résumé with no field in the profile: listed on stderr and at the end of the YAML. */
export interface UnplacedFact {
  /** Where it was in the résumé: `work[2].location`. */
  path: string;
  value: string;
  /** Why it has no home, when that is not just "no such field". */
  why?: string;
}

/** A comment written beside a value of the YAML. */
export interface YamlNote {
  path: YamlPath;
  text: string;
}

export class Draft {
  readonly notes: YamlNote[] = [];
  readonly unplaced: UnplacedFact[] = [];
  private readonly ids = new Map<string, Set<string>>();

  /** A comment beside the value at `path`. */
  note(path: YamlPath, text: string): void {
    this.notes.push({ path, text });
  }

  /** A value the profile needs and the résumé lacks: a placeholder, and a comment saying what to fill in. */
  fill<T>(path: YamlPath, placeholder: T, what: string): T {
    this.note(path, `FILL IN: ${what}`);
    return placeholder;
  }

  leave(path: string, value: unknown, why?: string): void {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (text === undefined || text === '' || text === '[]' || text === '{}') return;
    this.unplaced.push({ path, value: text, ...(why ? { why } : {}) });
  }

  /**
   * `value` cleaned and fitted to `max` characters. A longer text is cut at a
   * sentence or word boundary (with "…"), and the whole of it listed as unplaced.
   */
  text(value: unknown, max: number, from: string): string | undefined {
    const text = clean(value);
    if (text === undefined) return undefined;
    if (text.length <= max) return text;
    this.leave(from, text, `longer than the ${max} characters the profile holds here: the start was placed`);
    return cutText(text, max);
  }

  /** A short list (tags, highlights): each item fitted, at most `LIMITS.listItems` of them; the rest unplaced. */
  list(values: unknown, max: number, from: string): string[] {
    if (!Array.isArray(values)) return [];
    const out: string[] = [];
    values.forEach((value, index) => {
      if (out.length >= LIMITS.listItems) {
        this.leave(`${from}[${index}]`, value, `past the ${LIMITS.listItems} items the profile holds in a list`);
        return;
      }
      const text = this.text(value, max, `${from}[${index}]`);
      if (text !== undefined && !out.includes(text)) out.push(text);
    });
    return out;
  }

  /** Tags: short words to find an entry by; a longer one is not a tag, so it is unplaced whole. */
  tags(values: readonly unknown[], from: string): string[] {
    const out: string[] = [];
    values.forEach((value, index) => {
      const text = clean(value);
      if (text === undefined) return;
      if (text.length > LIMITS.tag || out.length >= LIMITS.listItems) {
        this.leave(`${from}[${index}]`, text, text.length > LIMITS.tag ? `too long for a tag (${LIMITS.tag} characters)` : 'too many tags');
        return;
      }
      if (!out.some((tag) => tag.toLowerCase() === text.toLowerCase())) out.push(text);
    });
    return out;
  }

  /** A link the bot may show (the profile's own rules), or undefined with the reason listed. */
  link(value: unknown, from: string): string | undefined {
    const url = clean(value);
    if (url === undefined) return undefined;
    const problem = url.length > LIMITS.url ? `longer than ${LIMITS.url} characters` : describeLinkUrl(url);
    if (problem || url.startsWith('/')) {
      this.leave(from, url, `not a link the bot may show: ${problem ?? 'a relative path'}`);
      return undefined;
    }
    return url;
  }

  /** An id for an entry of `section`, unique there: from its words, else `<fallback>-<n>`. */
  id(section: string, words: string, fallback: string): string {
    const taken = this.ids.get(section) ?? new Set<string>();
    this.ids.set(section, taken);
    const base = slug(words) || fallback;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base.slice(0, LIMITS.id - String(n).length - 1)}-${n}`;
    taken.add(id);
    return id;
  }

  /** Reserves an id read from an extension, so generated ones avoid it. */
  reserve(section: string, id: string): void {
    const taken = this.ids.get(section) ?? new Set<string>();
    taken.add(id);
    this.ids.set(section, taken);
  }
}

/** A résumé string as the profile keeps it: no invisible or control characters, trimmed; undefined when empty. */
export function clean(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = stripInvisible(value).replace(CONTROL, ' ').trim();
  return text === '' ? undefined : text;
}

/** The start of `text` within `max` characters, cut after a sentence if one ends late enough, else at a word. */
export function cutText(text: string, max: number): string {
  const room = text.slice(0, max - 1);
  const sentence = room.search(/[.!?](?=\s[^.!?]*$)/);
  if (sentence >= max / 2) return room.slice(0, sentence + 1);
  const space = room.lastIndexOf(' ');
  return `${(space >= max / 2 ? room.slice(0, space) : room).trimEnd()}…`;
}

/** "Lookahead Optimizer (2019)" → "lookahead-optimizer-2019": an id the schema takes, or '' when no letter or digit is left. */
export function slug(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (words.length <= LIMITS.id) return words;
  const cut = words.slice(0, LIMITS.id);
  return cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut;
}

/** A JSON Resume date (YYYY, YYYY-MM, YYYY-MM-DD) as the profile's month, and whether the month was made up. */
export function toMonth(date: string | undefined): { month: string; guessed: boolean } | undefined {
  const match = date === undefined ? null : /^(\d{4})(?:-(\d{2}))?/.exec(date);
  if (!match) return undefined;
  return { month: `${match[1]}-${match[2] ?? '01'}`, guessed: match[2] === undefined };
}

/** "2019-03 – 2021-11", "since 2019-03", "until 2021": a span as written in the résumé. */
export function describeSpan(start: string | undefined, end: string | undefined): string | undefined {
  if (start && end) return `${start} – ${end}`;
  if (start) return `since ${start}`;
  if (end) return `until ${end}`;
  return undefined;
}
