// `npm run eval:ask [-- --set <set>] [--json] [--verbose]`, <set> one of dev, dev2…dev21, heldout,
// heldout2…heldout21 or all (dev by default):
// how well plain questions are answered (issue #13). Runs each question of tests/fixtures/questions/
// through the real dispatcher as a plain message (as a DM, a mention or /ask is
// answered), on the shipped profile, and judges the reply payload against what a
// person who read the About page would answer. Prints scores per persona and per
// kind of expectation, the phone leaks and the nonsense answered with an entry.
// A measurement, not a test: it exits 0 whatever the score (2 on a bad argument).
//
// The judge reads only the payload, never the engine's internals, so that any
// engine can be measured by it:
//
// 1. What a reply is about. Each embed is matched against the profile by the way
//    the cards of src/replies/cards title it:
//    - a card of one entry: a project card (title = the project's name), an about
//      topic card (title = the topic's title, text quoted with "> "), a role
//      (title "<title> — <organisation>"), the education embed ("🎓 Education"
//      with one field per entry), a blog post (title = the post's title), the
//      contact or résumé card ("Contact <name>", "<name> — résumé": `contact`),
//      the skills card ("<name> — skills…": `skills`), and the about card (title
//      = the person's name): `about/background`, since what it leads with, the
//      headline and summary, is the background;
//    - otherwise a list: the entries whose names the embed shows (projects,
//      roles, research, learning, posts), in the order they first appear, and
//      a section for a field headed by its name with no entry named in it (as
//      /search groups hits: "Skills", "Contact"…);
//    - or neither (the ask intro, a "no matches" notice): no entry.
//    The reply's LEAD is its first embed. A reply with no embed is about the
//    first thing its content names (readContent): an entry by name, a public
//    contact, or a skill beside its level. Such passes are counted apart
//    ("without a card"), since the issue asks for the card beside the fact.
// 2. `entry` (a ref, a list of refs, or a bare section): passes when the lead is
//    a card of an expected entry (or of the expected section), or a list whose
//    every item is expected (a list that also shows other entries has not
//    picked the answer). With `fact`, the fact must also be in the reply's text:
//    every string of the payload (content, embeds, button labels and urls),
//    markdown emphasis removed, and without the text between “curly quotes”,
//    which is how cards echo the question (an echo is not an answer).
// 3. `unknown`: the reply's leading text (its content, or else its first embed's
//    title and description) has a sentence that names the profile and negates
//    ("isn't in his profile", "the profile doesn't say", "nothing in … profile"),
//    so the reply says plainly that the profile does not say before any card.
// 4. `private`: no phone leak (6) and at least one public contact (a link or the
//    e-mail address from the profile's identity) in the payload.
// 5. `nothing`: no embed about an entry or listing entries, no menu of
//    projects, and (without embeds) no entry named by the content. A plain
//    "that isn't in his profile" or the intro card is fine.
// 6. Phone leak, checked on every reply: all the payload's strings and numbers,
//    with Unicode digits made ASCII, digit words ("nine") made digits and
//    invisible characters removed, contain the private number's last ten digits
//    with at most three other characters between consecutive digits.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIEmbed } from 'discord-api-types/v10';
import { parse } from 'yaml';
import { z } from 'zod';
import { COMMANDS } from '../commands/index.js';
import { createDispatcher, type Dispatcher } from '../src/bot/dispatch.js';
import { createPortfolio } from '../src/bot/types.js';
import { silentLogger } from '../src/log.js';
import { SKILL_LEVELS } from '../src/profile/constants.js';
import type { Profile } from '../src/profile/schema.js';
import { DEFAULT_PROFILE_PATH, REPO_ROOT } from '../src/paths.js';
import type { ReplyPayload } from '../src/replies/index.js';
import { loadedPortfolio } from '../tests/helpers/profile.js';

export const QUESTIONS_DIR = join(REPO_ROOT, 'tests', 'fixtures', 'questions');
export const SETS = [
  'dev',
  'dev2',
  'dev3',
  'dev4',
  'dev5',
  'dev6',
  'dev7',
  'dev8',
  'dev9',
  'dev10',
  'dev11',
  'dev12',
  'dev13',
  'dev14',
  'dev15',
  'dev16',
  'dev17',
  'dev18',
  'dev19',
  'dev20',
  'dev21',
  'heldout',
  'heldout2',
  'heldout3',
  'heldout4',
  'heldout5',
  'heldout6',
  'heldout7',
  'heldout8',
  'heldout9',
  'heldout10',
  'heldout11',
  'heldout12',
  'heldout13',
  'heldout14',
  'heldout15',
  'heldout16',
  'heldout17',
  'heldout18',
  'heldout19',
  'heldout20',
  'heldout21',
] as const;
export type SetName = (typeof SETS)[number];
/**
 * What `--set all` runs; heldout2, heldout3 and the fourth to twenty-first sets (dev4, heldout4,
 * dev5, heldout5, dev6, heldout6, dev7, heldout7, dev8, heldout8, dev9, heldout9, dev10, heldout10, dev11, heldout11, dev12,
 * heldout12, dev13, heldout13, dev14, heldout14, dev15, heldout15, dev16, heldout16, dev17, heldout17, dev18,
 * heldout18, dev19, heldout19, dev20, heldout20, dev21, heldout21) are separate measurements.
 */
const ALL_SETS: readonly SetName[] = ['dev', 'dev2', 'dev3', 'heldout'];
/**
 * Each set's file: dev2 is the second development set (issue #13's second pass); dev3 and heldout3
 * the third set's halves; dev4 and heldout4 the fourth set's; dev5 and heldout5 the fifth set's; dev6 and heldout6 the sixth
 * set's; dev7 and heldout7 the seventh set's; dev8 and heldout8 the eighth set's; dev9 and heldout9 the ninth set's;
 * dev10 and heldout10 the tenth set's; dev11 and heldout11 the eleventh set's; dev12 and heldout12 the twelfth set's;
 * dev13 and heldout13 the thirteenth set's; dev14 and heldout14 the fourteenth set's; dev15 and heldout15 the fifteenth
 * set's; dev16 and heldout16 the sixteenth set's; dev17 and heldout17 the seventeenth set's; dev18 and heldout18 the
 * eighteenth set's; dev19 and heldout19 the nineteenth set's; dev20 and heldout20 the twentieth set's; dev21 and
 * heldout21 the twenty-first set's.
 */
const SET_FILES: Record<SetName, string> = {
  dev: 'dev.yaml',
  dev2: 'dev-2.yaml',
  dev3: 'dev-3.yaml',
  dev4: 'dev-4.yaml',
  dev5: 'dev-5.yaml',
  dev6: 'dev-6.yaml',
  dev7: 'dev-7.yaml',
  dev8: 'dev-8.yaml',
  dev9: 'dev-9.yaml',
  dev10: 'dev-10.yaml',
  dev11: 'dev-11.yaml',
  dev12: 'dev-12.yaml',
  dev13: 'dev-13.yaml',
  dev14: 'dev-14.yaml',
  dev15: 'dev-15.yaml',
  dev16: 'dev-16.yaml',
  dev17: 'dev-17.yaml',
  dev18: 'dev-18.yaml',
  dev19: 'dev-19.yaml',
  dev20: 'dev-20.yaml',
  dev21: 'dev-21.yaml',
  heldout: 'heldout.yaml',
  heldout2: 'heldout-2.yaml',
  heldout3: 'heldout-3.yaml',
  heldout4: 'heldout-4.yaml',
  heldout5: 'heldout-5.yaml',
  heldout6: 'heldout-6.yaml',
  heldout7: 'heldout-7.yaml',
  heldout8: 'heldout-8.yaml',
  heldout9: 'heldout-9.yaml',
  heldout10: 'heldout-10.yaml',
  heldout11: 'heldout-11.yaml',
  heldout12: 'heldout-12.yaml',
  heldout13: 'heldout-13.yaml',
  heldout14: 'heldout-14.yaml',
  heldout15: 'heldout-15.yaml',
  heldout16: 'heldout-16.yaml',
  heldout17: 'heldout-17.yaml',
  heldout18: 'heldout-18.yaml',
  heldout19: 'heldout-19.yaml',
  heldout20: 'heldout-20.yaml',
  heldout21: 'heldout-21.yaml',
};
export const PERSONAS = ['recruiter', 'fastai-learner', 'kaggler', 'discord-casual', 'non-native'] as const;
export const KINDS = ['entry', 'detail', 'unknown', 'private', 'nothing'] as const;
export type Kind = (typeof KINDS)[number];

const questionSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9]*(-[a-z]+)?-\d+$/),
  persona: z.enum(PERSONAS),
  q: z.string().min(1),
  expect: z.union([
    z.enum(['unknown', 'private', 'nothing']),
    z.strictObject({
      entry: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
      fact: z.string().min(1).optional(),
    }),
  ]),
});
export type Question = z.infer<typeof questionSchema>;

/** The kind an item is scored under: `detail` is an entry question that asks for a fact. */
export function kindOf(question: Question): Kind {
  if (typeof question.expect === 'string') return question.expect;
  return question.expect.fact ? 'detail' : 'entry';
}

/** The sections an `entry` may name bare; skills and contact have no ids. */
const SECTIONS = ['about', 'education', 'experience', 'research', 'learning', 'blogs', 'projects', 'skills', 'contact'] as const;
type IdSection = 'about' | 'education' | 'experience' | 'research' | 'learning' | 'blogs' | 'projects';
const ID_SECTIONS: readonly IdSection[] = ['about', 'education', 'experience', 'research', 'learning', 'blogs', 'projects'];

/** Every ref a question may expect: `section/id` for each entry, and each bare section. */
export function validRefs(profile: Profile): Set<string> {
  const refs = new Set<string>(SECTIONS);
  for (const section of ID_SECTIONS) for (const entry of profile[section]) refs.add(`${section}/${entry.id}`);
  return refs;
}

/** A question set, checked: the format, unique ids, refs that exist, facts that compile. */
export function loadQuestions(set: SetName, profile: Profile): Question[] {
  const file = join(QUESTIONS_DIR, SET_FILES[set]);
  const parsed = z.array(questionSchema).safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(`${file}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  const refs = validRefs(profile);
  const seen = new Set<string>();
  for (const question of parsed.data) {
    if (seen.has(question.id)) throw new Error(`${file}: ${question.id} appears twice`);
    seen.add(question.id);
    if (typeof question.expect === 'string') continue;
    for (const ref of [question.expect.entry].flat()) {
      if (!refs.has(ref)) throw new Error(`${file}: ${question.id} expects ${ref}, which is not in the profile`);
    }
    if (question.expect.fact) factMatcher(question.expect.fact);
  }
  return parsed.data;
}

/** `/…/` is a case-insensitive regular expression; anything else a case-insensitive substring. */
export function factMatcher(fact: string): (text: string) => boolean {
  const regex = /^\/(.+)\/$/s.exec(fact);
  if (regex) {
    const pattern = new RegExp(regex[1] as string, 'i');
    return (text) => pattern.test(text);
  }
  const needle = fact.toLowerCase();
  return (text) => text.toLowerCase().includes(needle);
}

// ── What a reply is about ─────────────────────────────────────────────────

export type Card = { type: 'entry'; ref: string } | { type: 'list'; refs: string[] } | { type: 'none'; title: string };

const sectionOf = (ref: string): string => ref.split('/')[0] as string;

/** The names by which list embeds show entries, longest first so that no name hides a longer one. */
function listedNames(profile: Profile): { name: string; ref: string }[] {
  const names = [
    ...profile.projects.map((entry) => ({ name: entry.name, ref: `projects/${entry.id}` })),
    ...profile.experience.map((entry) => ({ name: `${entry.title} — ${entry.organisation}`, ref: `experience/${entry.id}` })),
    ...profile.research.map((entry) => ({ name: entry.title, ref: `research/${entry.id}` })),
    ...profile.learning.map((entry) => ({ name: entry.title, ref: `learning/${entry.id}` })),
    ...profile.blogs.map((entry) => ({ name: entry.title, ref: `blogs/${entry.id}` })),
  ];
  return names.sort((a, b) => b.name.length - a.name.length);
}

/** Every string (and number) in a value, in document order; custom_ids are state, not text. */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'number') out.push(String(value));
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, out);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) if (key !== 'custom_id') stringsOf(item, out);
  }
  return out;
}

/** Markdown escapes and emphasis removed, so that names and facts read as written. */
const plain = (text: string): string => text.replace(/\\([[\]*_`~|\\])/g, '$1').replace(/[*`]/g, '');

export function readEmbed(embed: APIEmbed, profile: Profile): Card {
  const title = plain(embed.title ?? '');
  const name = profile.identity.name;
  const project = profile.projects.find((entry) => entry.name === title);
  if (project) return { type: 'entry', ref: `projects/${project.id}` };
  const role = profile.experience.find((entry) => `${entry.title} — ${entry.organisation}` === title);
  if (role) return { type: 'entry', ref: `experience/${role.id}` };
  const topic = profile.about.find((entry) => entry.title === title);
  if (topic && (embed.description ?? '').startsWith('>')) return { type: 'entry', ref: `about/${topic.id}` };
  const blog = profile.blogs.find((entry) => entry.title === title);
  if (blog) return { type: 'entry', ref: `blogs/${blog.id}` };
  if (title === name) return { type: 'entry', ref: 'about/background' };
  if (title === `Contact ${name}` || title === `${name} — résumé`) return { type: 'entry', ref: 'contact' };
  if (title.startsWith(`${name} — skills`)) return { type: 'entry', ref: 'skills' };
  if (title === '🎓 Education') {
    const refs = profile.education
      .filter((entry) => (embed.fields ?? []).some((each) => plain(each.name) === `${entry.degree} — ${entry.institution}`))
      .map((entry) => `education/${entry.id}`);
    if (refs.length === 1) return { type: 'entry', ref: refs[0] as string };
    if (refs.length > 1) return { type: 'list', refs };
  }
  // A list: the entries it names, in order of first appearance; a field headed
  // by a section's name (as /search groups its hits) with no entry named in it
  // lists that section (skills, contact, about…).
  const pieces = [
    embed.title ?? '',
    embed.description ?? '',
    ...(embed.fields ?? []).map((each) => ({ heading: plain(each.name), value: each.value })),
  ];
  const refs: string[] = [];
  for (const piece of pieces) {
    const named = namesIn(typeof piece === 'string' ? piece : `${piece.heading}\n${piece.value}`, profile);
    const section = typeof piece === 'string' ? undefined : SECTION_HEADINGS[piece.heading.toLowerCase()];
    if (section && !named.some((ref) => sectionOf(ref) === section)) named.push(section);
    for (const ref of named) if (!refs.includes(ref)) refs.push(ref);
  }
  return refs.length > 0 ? { type: 'list', refs } : { type: 'none', title };
}

/** Section names as cards head their groups. */
const SECTION_HEADINGS: Record<string, string> = {
  projects: 'projects',
  experience: 'experience',
  education: 'education',
  research: 'research',
  learning: 'learning',
  'blogs & tutorials': 'blogs',
  blogs: 'blogs',
  skills: 'skills',
  about: 'about',
  contact: 'contact',
};

/** The entries a piece of text names, in order of first appearance. */
function namesIn(raw: string, profile: Profile): string[] {
  let text = plain(raw);
  const found: { at: number; ref: string }[] = [];
  for (const each of listedNames(profile)) {
    const at = text.indexOf(each.name);
    if (at < 0) continue;
    found.push({ at, ref: each.ref });
    text = text.split(each.name).join(' '.repeat(each.name.length)); // a shorter name inside it is not another entry
  }
  return found.sort((a, b) => a.at - b.at).map((each) => each.ref);
}

/**
 * What a reply without embeds is about: the first thing its content names, by
 * sentence — an entry by its name, a public contact (its url or address), or a
 * skill (its name, or a comma-separated part of it, in the same sentence as a
 * level: expert, intermediate, basic, learning — but not "deep learning").
 * Echoes of the question in “curly quotes” are left out first.
 */
export function readContent(content: string, profile: Profile): Card | undefined {
  const contacts = publicContacts(profile).map((contact) => contact.replace(/^https?:\/\//, ''));
  const skills = SKILL_LEVELS.flatMap((level) => profile.skills[level]).flatMap((skill) => [skill.name, ...skill.name.split(/,\s*/)]);
  const level = /\b(expert|intermediate|basic)\b|(?<!deep |machine )\blearning\b/i;
  const text = plain(content).replace(/“[^”]*”/g, '“”');
  for (const sentence of text.split(/(?<=[.!?])\s+|\n+/)) {
    const hits: { at: number; ref: string }[] = [];
    const named = namesIn(sentence, profile);
    if (named[0]) hits.push({ at: sentence.indexOf(nameOf(named[0], profile)), ref: named[0] });
    for (const contact of contacts) if (sentence.includes(contact)) hits.push({ at: sentence.indexOf(contact), ref: 'contact' });
    if (level.test(sentence)) {
      for (const skill of skills)
        if (new RegExp(`(^|[^\\p{L}])${escapeRegExp(skill)}([^\\p{L}]|$)`, 'u').test(sentence))
          hits.push({ at: sentence.indexOf(skill), ref: 'skills' });
    }
    const first = hits.sort((a, b) => a.at - b.at)[0];
    if (first) return { type: 'entry', ref: first.ref };
  }
  return undefined;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const nameOf = (ref: string, profile: Profile): string => listedNames(profile).find((each) => each.ref === ref)?.name ?? '';

/**
 * The cards of a reply, in order (for a reply without embeds, what its content
 * names, marked `fromContent`), and the projects offered in a select menu.
 */
export function readReply(payload: ReplyPayload, profile: Profile): { cards: Card[]; fromContent: boolean; menuRefs: string[] } {
  const cards = (payload.embeds ?? []).map((embed) => readEmbed(embed, profile));
  const fromContent = cards.length === 0 && payload.content !== undefined ? readContent(payload.content, profile) : undefined;
  const ids = new Set(profile.projects.map((entry) => entry.id));
  const menuRefs = (payload.components ?? [])
    .flatMap((row) => row.components)
    .flatMap((component) => (component.type === 3 ? component.options.map((option) => option.value) : []))
    .filter((value) => ids.has(value))
    .map((value) => `projects/${value}`);
  return { cards: fromContent ? [fromContent] : cards, fromContent: fromContent !== undefined, menuRefs };
}

// ── Text, honesty, phone ──────────────────────────────────────────────────

/** What a user reads, for facts: every string but custom_ids, emphasis removed, echoes in “…” cut out. */
export function replyText(payload: ReplyPayload): string {
  return plain(stringsOf(payload).join('\n')).replace(/“[^”]*”/g, '“”');
}

/** The text a reader sees first: the content, or the first embed's title and description. */
function leadingText(payload: ReplyPayload): string {
  if (payload.content?.trim()) return payload.content;
  const first = payload.embeds?.[0];
  return first ? `${first.title ?? ''}\n${first.description ?? ''}` : '';
}

const NEGATION = /\b(no|not|nothing|none|never|without|cannot)\b|n't\b/i;

/** Does the reply say plainly, first, that the profile doesn't say? (rule 3) */
export function saysProfileDoesNotSay(payload: ReplyPayload): boolean {
  const text = plain(leadingText(payload)).replace(/[’]/g, "'");
  return text.split(/(?<=[.!?])\s+|\n+/).some((sentence) => /\bprofile\b/i.test(sentence) && NEGATION.test(sentence));
}

const DIGIT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** ASCII digits for every Unicode decimal digit (they come in runs of ten from zero). */
function asciiDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (digit) => {
    let start = digit.codePointAt(0) as number;
    while (start > 0 && /\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
    return String(((digit.codePointAt(0) as number) - start) % 10);
  });
}

/** A matcher for a phone number in any spelling: its last ten digits, at most three other characters apart. */
export function phoneMatcher(phone: string): RegExp | undefined {
  const digits = asciiDigits(phone).replace(/\D/g, '').slice(-10);
  if (digits.length < 6) return undefined;
  return new RegExp(digits.split('').join('\\D{0,3}'));
}

/** Does any string of the payload spell one of the secrets as a number? (rule 6) */
export function leaksPhone(payload: unknown, secrets: readonly string[]): boolean {
  const matchers = secrets.map(phoneMatcher).filter((matcher): matcher is RegExp => matcher !== undefined);
  if (matchers.length === 0) return false;
  let text = asciiDigits(stringsOf(payload).join(' ').normalize('NFKC'));
  text = text.replace(/[\p{Cf}\p{Cc}]/gu, '');
  text = text.replace(new RegExp(`\\b(${DIGIT_WORDS.join('|')})\\b`, 'gi'), (word) => String(DIGIT_WORDS.indexOf(word.toLowerCase())));
  return matchers.some((matcher) => matcher.test(text));
}

/** The public ways to reach the person: link urls, and e-mail addresses without "mailto:". */
function publicContacts(profile: Profile): string[] {
  return profile.identity.links.flatMap((link) =>
    link.url.startsWith('mailto:') ? [link.url, link.url.slice('mailto:'.length)] : [link.url],
  );
}

// ── The judge ─────────────────────────────────────────────────────────────

export interface Verdict {
  pass: boolean;
  /** Why it failed; empty when it passed. */
  reason: string;
  /** What the reply was judged to be about: its lead card. */
  lead: string;
  leak: boolean;
  /** The reply showed an entry (a card, a list, a menu of projects, or an entry named by a reply without embeds). */
  showedEntry: boolean;
  /** The lead was read from the content: the reply had no card beside its answer. */
  withoutCard: boolean;
}

function describeCard(card: Card | undefined): string {
  if (!card) return 'no embed';
  if (card.type === 'entry') return card.ref;
  if (card.type === 'list') return `list [${card.refs.join(', ')}]`;
  return card.title ? `no entry (“${card.title}”)` : 'no entry';
}

export function judge(question: Question, payload: ReplyPayload, profile: Profile, secrets: readonly string[]): Verdict {
  const { cards, fromContent, menuRefs } = readReply(payload, profile);
  const lead = cards[0];
  const leak = leaksPhone(payload, secrets);
  const showedEntry = cards.some((card) => card.type !== 'none') || menuRefs.length > 0;
  const verdict = (pass: boolean, reason: string): Verdict => ({
    pass: pass && !leak,
    reason: leak ? 'phone leak' : pass ? '' : reason,
    lead: `${describeCard(lead)}${fromContent ? ' (named in the text, no card)' : ''}`,
    leak,
    showedEntry,
    withoutCard: fromContent,
  });
  const expect = question.expect;
  if (expect === 'nothing') return verdict(!showedEntry, 'showed an entry');
  if (expect === 'private') {
    const text = stringsOf(payload).join('\n');
    return verdict(
      publicContacts(profile).some((contact) => text.includes(contact)),
      'no public contact',
    );
  }
  if (expect === 'unknown')
    return verdict(
      saysProfileDoesNotSay(payload),
      lead && lead.type !== 'none'
        ? 'answered with an entry instead of saying the profile does not say'
        : 'does not say the profile does not say',
    );
  const expected = [expect.entry].flat();
  const fits = (ref: string): boolean => expected.includes(ref) || expected.includes(sectionOf(ref));
  const onTarget = lead?.type === 'entry' ? fits(lead.ref) : lead?.type === 'list' ? lead.refs.every(fits) : false;
  if (!onTarget) return verdict(false, 'wrong entry');
  if (expect.fact) {
    const text = replyText(payload);
    if (!factMatcher(expect.fact)(text)) return verdict(false, `fact ${expect.fact} missing`);
  }
  return verdict(true, '');
}

// ── Running a set ─────────────────────────────────────────────────────────

export interface Result {
  question: Question;
  kind: Kind;
  verdict: Verdict;
  payload: ReplyPayload;
}

export interface Tally {
  passed: number;
  total: number;
}

export interface Report {
  set: string;
  results: Result[];
  total: Tally;
  byPersona: Record<string, Tally>;
  byKind: Record<string, Tally>;
  phoneLeaks: number;
  nonsenseWithEntry: number;
  /** Entry and detail questions passed by a reply that named the answer without its card. */
  passedWithoutCard: number;
}

const ASKER = { id: '100000000000000001', name: 'eval' };

/** A dispatcher over every command on this profile, as the transports build it (no answer cache: each question is fresh). */
export function evalDispatcher(profile: Profile): { dispatcher: Dispatcher; secrets: readonly string[] } {
  const portfolio = createPortfolio({ profile, revision: 'eval' });
  return {
    dispatcher: createDispatcher({ commands: COMMANDS, portfolio: () => portfolio, logger: silentLogger, cacheSize: 0 }),
    secrets: portfolio.secrets,
  };
}

/** Runs every question as a plain message and judges each reply. Prints nothing. */
export function evaluate(set: string, questions: readonly Question[], profile: Profile): Report {
  const { dispatcher, secrets } = evalDispatcher(profile);
  const results = questions.map((question) => {
    const payload = dispatcher.message(question.q, ASKER);
    return { question, kind: kindOf(question), verdict: judge(question, payload, profile, secrets), payload };
  });
  const tally = (key: (result: Result) => string, keys: readonly string[]): Record<string, Tally> => {
    const out: Record<string, Tally> = Object.fromEntries(keys.map((each) => [each, { passed: 0, total: 0 }]));
    for (const result of results) {
      const bucket = (out[key(result)] ??= { passed: 0, total: 0 });
      bucket.total++;
      if (result.verdict.pass) bucket.passed++;
    }
    return out;
  };
  return {
    set,
    results,
    total: { passed: results.filter((result) => result.verdict.pass).length, total: results.length },
    byPersona: tally((result) => result.question.persona, PERSONAS),
    byKind: tally((result) => result.kind, KINDS),
    phoneLeaks: results.filter((result) => result.verdict.leak).length,
    nonsenseWithEntry: results.filter((result) => result.kind === 'nothing' && result.verdict.showedEntry).length,
    passedWithoutCard: results.filter(
      (result) => (result.kind === 'entry' || result.kind === 'detail') && result.verdict.pass && result.verdict.withoutCard,
    ).length,
  };
}

const percent = ({ passed, total }: Tally): string => (total === 0 ? '—' : `${((100 * passed) / total).toFixed(1)} %`);
const row = (label: string, tally: Tally): string =>
  `  ${label.padEnd(16)} ${`${tally.passed}/${tally.total}`.padStart(7)}  ${percent(tally).padStart(7)}`;

/** The first lines a reader sees of a reply. */
function firstLines(payload: ReplyPayload, count = 3): string[] {
  const first = payload.embeds?.[0];
  const lines = [
    ...(payload.content ?? '').split('\n'),
    ...(first ? [`[embed] ${first.title ?? ''}`, ...(first.description ?? '').split('\n')] : []),
  ];
  return lines.filter((line) => line.trim() !== '').slice(0, count);
}

export function formatReport(report: Report, verbose: boolean): string {
  const out = [`eval:ask — set ${report.set}: ${report.total.passed}/${report.total.total} (${percent(report.total)})`, 'by persona:'];
  for (const [persona, tally] of Object.entries(report.byPersona)) out.push(row(persona, tally));
  out.push('by expectation:');
  for (const [kind, tally] of Object.entries(report.byKind)) out.push(row(kind, tally));
  out.push(
    `phone leaks: ${report.phoneLeaks}`,
    `nonsense answered with an entry: ${report.nonsenseWithEntry}`,
    `entry/detail passes without a card beside the answer: ${report.passedWithoutCard}`,
  );
  if (verbose) {
    const failures = report.results.filter((result) => !result.verdict.pass);
    out.push('', `failures (${failures.length}):`);
    for (const { question, kind, verdict, payload } of failures) {
      const expected =
        typeof question.expect === 'string'
          ? question.expect
          : `${[question.expect.entry].flat().join(' | ')}${question.expect.fact ? ` + fact ${question.expect.fact}` : ''}`;
      out.push(`- ${question.id} [${question.persona}, ${kind}] ${JSON.stringify(question.q)}`);
      out.push(`    expected ${expected}; got ${verdict.lead}: ${verdict.reason}`);
      for (const line of firstLines(payload)) out.push(`    | ${line.length > 160 ? `${line.slice(0, 159)}…` : line}`);
    }
  }
  return out.join('\n');
}

function option(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const setName = option('--set') ?? 'dev';
  if (setName !== 'all' && !(SETS as readonly string[]).includes(setName)) {
    process.stderr.write(`eval:ask: --set must be ${SETS.join(', ')} or all (got ${JSON.stringify(setName)})\n`);
    process.exit(2);
  }
  const { profile } = await loadedPortfolio(DEFAULT_PROFILE_PATH);
  const sets: SetName[] = setName === 'all' ? [...ALL_SETS] : [setName as SetName];
  const questions = sets.flatMap((set) => loadQuestions(set, profile));
  const report = evaluate(setName, questions, profile);
  if (process.argv.includes('--json')) {
    const results = report.results.map(({ question, kind, verdict }) => ({
      id: question.id,
      persona: question.persona,
      kind,
      q: question.q,
      ...verdict,
    }));
    process.stdout.write(`${JSON.stringify({ ...report, results }, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatReport(report, process.argv.includes('--verbose'))}\n`);
  }
}

if (process.argv[1]?.endsWith('eval-ask.js')) await main();
