// answerQuestion: a plain question → a reply built from the profile, through
// interpretQuestion. Every answer opens with a sentence that answers (content),
// and shows the cards the section commands show, narrowed to what was asked.
// When the profile has no answer, it says so and suggests commands: it never
// answers with whatever happens to be nearest.
import type { APIEmbed } from 'discord-api-types/v10';
import type { Portfolio, Surface } from '../bot/types.js';
import type { ContactKind, Profile, Project, ProjectStatus, Section } from '../profile/schema.js';
import { cleanUserText, measureEmbeds, type ReplyPayload, type ReplyRow } from '../replies/index.js';
import { buildAboutCard } from '../replies/cards/about.js';
import { buildAskIntroCard, buildMetricsCard, buildProjectLinesCard, buildTopicCard } from '../replies/cards/ask.js';
import { buildBlogsCard } from '../replies/cards/blogs.js';
import { formatMonthRange } from '../replies/cards/common.js';
import { buildContactCard, buildResumeCard } from '../replies/cards/contact.js';
import { buildExperienceCard } from '../replies/cards/experience.js';
import { buildLearningCard } from '../replies/cards/learning.js';
import { buildAlsoMatchingEmbed, buildProjectCard, CARD_BUDGET, type RankedProject } from '../replies/cards/project.js';
import { buildResearchCard } from '../replies/cards/research.js';
import { buildSearchCard } from '../replies/cards/search.js';
import { mdLink, SECTION_LABELS } from '../replies/cards/sections.js';
import { buildSkillsCard } from '../replies/cards/skills.js';
import type { SearchHit } from '../search/index.js';
import { slugify } from '../search/documents.js';
import { tokenize } from '../search/normalise.js';
import { stemOf } from '../search/stem.js';
import {
  asksForDatasets,
  bestFact,
  bestFactScore,
  DATASET_NAMES,
  factKindOf,
  factsOf,
  hasNumber,
  isFactWord,
  type Fact,
} from './entry-facts.js';
import {
  entryHas,
  interpretQuestion,
  namesIn,
  nameStemsOf,
  stemsOf,
  type Intent,
  type IntentBase,
  type IntentOf,
  type Ordinal,
  type SkillQuery,
} from './interpret.js';
import { capitalise, pronounsOf, verb, type Pronouns } from './language.js';
import { isGeneralWord } from './words.js';
import type { SkillMatch } from './skills.js';

/** The longest echo of typed text in an answer. */
const ECHO_MAX = 80;
/** Room a reply keeps for the "Share in channel" row a private answer gets. */
const MAX_ROWS = 4;
/** Project cards shown in full for one answer; the rest are listed. */
const MAX_CARDS = 3;
/** Runners-up within this share of the best score get a full card too. */
const STRONG_SHARE = 0.8;
/** A search score this high is a close match even without every word (a typo): below it, every word must appear. */
const CLOSE_MATCH = 0.6;
/** Embed text one answer may use (of Discord's 6000). */
const ANSWER_BUDGET = 5600;

interface Ctx {
  portfolio: Portfolio;
  profile: Profile;
  p: Pronouns;
  name: string;
  surface: Surface;
}

/** Answers a plain question about the profile's person. Pure; never throws on any text. */
export function answerQuestion(text: string, portfolio: Portfolio, surface: Surface = 'discord'): ReplyPayload {
  const intent = interpretQuestion(text, portfolio);
  const profile = portfolio.profile;
  const ctx: Ctx = { portfolio, profile, p: pronounsOf(profile), name: profile.identity.name, surface };
  return { ...notePlaceless(noteCount(composeAnswer(intent, ctx), intent, ctx), intent, ctx), allowed_mentions: { parse: [] } };
}

/** Kinds whose answer is a card or a link, not a count: "how many" there gets no number from it. */
const COUNTLESS = new Set<Intent['kind']>(['contact', 'topic', 'about', 'location', 'education', 'resume', 'skill', 'skills']);

/**
 * "How many followers does he have on twitter?" answered with a link or a card
 * that holds no number: the profile doesn't say how many, and that comes first.
 */
function noteCount(payload: ReplyPayload, intent: Intent, ctx: Ctx): ReplyPayload {
  if (!intent.quantity || !COUNTLESS.has(intent.kind)) return payload;
  const content = payload.content ?? '';
  const text = content.replace(/<?https?:\/\/\S+|\S+@\S+/g, '');
  if (/\d/.test(text) || /\bprofile (?:doesn't|has no|has nothing|lists no)\b|isn't in/.test(text)) return payload;
  const lead = `${capitalise(ctx.p.possessive)} profile doesn't say how many.`;
  return { ...payload, content: content ? `${lead}\n${content}` : lead };
}

/** Kinds whose answer does not read the question's topic: a word it cannot place changes nothing there. */
const TOPICLESS = new Set<Intent['kind']>(['greeting', 'help', 'thanks', 'phone', 'resume', 'contact', 'location', 'offtopic', 'unknown']);

/**
 * Words the profile cannot place weaken an answer but never sink it: the answer
 * says first that the profile doesn't mention them ("medal", "ensembling"), then
 * gives what it does say.
 */
function notePlaceless(payload: ReplyPayload, intent: Intent, ctx: Ctx): ReplyPayload {
  if (TOPICLESS.has(intent.kind)) return payload;
  // "Does he speak hindi?" with no languages in the profile: its "doesn't say" says it all.
  if (intent.kind === 'topic' && !intent.aboutTopic) return payload;
  const notes: string[] = [];
  const content = payload.content ?? '';
  // A word the answer already echoes ("No project about “blockchain”") needs no second mention.
  const unplaced = intent.unplaced.filter((word) => !content.includes(`“${echo(word)}”`)).slice(0, 3);
  if (unplaced.length > 0) {
    const words = listing(unplaced.map((word) => `“${echo(word)}”`));
    notes.push(`${capitalise(ctx.p.possessive)} profile doesn't mention ${words}; here is what it says.`);
  }
  if (intent.corrected.length > 0) {
    notes.push(`(Reading ${listing(intent.corrected.slice(0, 3).map(([typed, read]) => `“${echo(typed)}” as “${echo(read)}”`))}.)`);
  }
  if (notes.length === 0) return payload;
  return { ...payload, content: content ? `${notes.join('\n')}\n${content}` : notes.join('\n') };
}

function composeAnswer(intent: Intent, ctx: Ctx): ReplyPayload {
  const { p } = ctx;
  switch (intent.kind) {
    case 'greeting':
      return intro(ctx, `Hi! I answer questions about **${ctx.name}**'s work, from ${p.possessive} profile.`);
    case 'help':
      return intro(ctx, `I answer questions about **${ctx.name}**'s work, from ${p.possessive} profile. Some you can ask:`);
    case 'thanks':
      return { content: `You're welcome! Ask me anything else about ${ctx.name}'s work, or try /help for examples.` };
    case 'phone':
      return withContent(
        `${capitalise(p.possessive)} phone number isn't shared publicly. You can reach ${p.object} through ${p.possessive} public links:`,
        buildContactCard(ctx.profile),
      );
    case 'resume': {
      const card = buildResumeCard(ctx.profile);
      return card.embeds ? withContent(`Here's ${p.possessive} résumé.`, card) : card;
    }
    case 'contact':
      return contactAnswer(intent.contact, ctx);
    case 'location':
      return locationAnswer(ctx);
    case 'skill':
      return skillReply(intent.skills, ctx);
    case 'skills':
      return skillsAnswer(ctx);
    case 'topic':
      // "What's the name of his band?": the topic's fact, or that it gives no name.
      if (intent.nameOf && intent.aboutTopic) return entryAnswer({ section: 'about', id: intent.aboutTopic }, intent, ctx);
      return topicAnswer(intent.aboutTopic, ctx);
    case 'now':
      return nowAnswer(intent, ctx);
    case 'research':
      return researchAnswer(intent, ctx);
    case 'learning':
      return learningAnswer(intent, ctx);
    case 'blogs':
      return blogsAnswer(intent, ctx);
    case 'metrics':
      return metricsAnswer(intent, ctx);
    case 'projects':
      return projectsAnswer(intent, ctx);
    case 'experience':
      return experienceAnswer(intent, ctx);
    case 'education':
      return educationAnswer(ctx, intent);
    case 'about':
      return withContent(`**${ctx.name}** — ${ctx.profile.identity.headline}.`, buildAboutCard(ctx.profile));
    case 'search':
      return searchAnswer(intent, ctx);
    case 'entry':
      return entryAnswer(intent.entry, intent, ctx, intent.named);
    case 'offtopic':
      return {
        content:
          `That isn't something ${ctx.name}'s profile covers: I answer questions about ${p.possessive} work. ` +
          'Try /help for example questions.',
      };
    case 'unknown':
      return noAnswer(said(intent), ctx, intent);
    default:
      return intent satisfies never;
  }
}

// ── small helpers ────────────────────────────────────────────────────────────

function withContent(content: string, card: ReplyPayload): ReplyPayload {
  return { ...card, content: card.content ? `${content}\n${card.content}` : content };
}

function echo(text: string): string {
  return cleanUserText(text, ECHO_MAX);
}

/** What the question's topic was, as typed: for echoing (escaped by `echo`). */
function said(intent: IntentBase): string {
  return intent.shown || intent.topic;
}

/** "A, B and C"; "A; B and C" when an item has a comma of its own ("NumPy, Pandas"). */
function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  const separator = items.some((item) => item.includes(',')) ? '; ' : ', ';
  return `${items.slice(0, -1).join(separator)} and ${items[items.length - 1] ?? ''}`;
}

function bold(text: string): string {
  return `**${text.replace(/\*/g, '\\*')}**`;
}

/** Entries of a section in the order the search ranks them for `topic`; all entries when the topic is empty or matches none. */
function narrow<T extends { id: string }>(
  entries: readonly T[],
  topic: string,
  section: Section,
  ctx: Ctx,
): { entries: T[]; narrowed: boolean; missed: boolean } {
  if (!topic) return { entries: [...entries], narrowed: false, missed: false };
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const found = ctx.portfolio.search
    .search(topic, { section, limit: 25 })
    .map((hit) => byId.get(hit.id))
    .filter((entry): entry is T => entry !== undefined);
  return found.length > 0 ? { entries: found, narrowed: true, missed: false } : { entries: [...entries], narrowed: false, missed: true };
}

function missedNote(intent: IntentBase, section: Section, ctx: Ctx): string {
  const label = SECTION_LABELS[section].label.toLowerCase();
  return `${capitalise(ctx.p.possessive)} profile doesn't mention “${echo(said(intent))}” in ${ctx.p.possessive} ${label}, so here is all of it.`;
}

function mergeRows(...groups: (ReplyRow[] | undefined)[]): ReplyRow[] {
  return groups.flatMap((rows) => rows ?? []).slice(0, MAX_ROWS);
}

// ── intro and no answer ─────────────────────────────────────────────────────

function intro(ctx: Ctx, greeting: string): ReplyPayload {
  return buildAskIntroCard(ctx.profile, greeting, exampleQuestions(ctx), ctx.surface);
}

/** Example questions drawn from the profile, so that each of them has an answer. */
function exampleQuestions(ctx: Ctx): string[] {
  const { p, profile } = ctx;
  const is = verb(p, 'is', 'are');
  const does = capitalise(verb(p, 'does', 'do'));
  const skill = profile.skills.expert[0] ?? profile.skills.intermediate[0];
  const skillName = skill?.name.split(/\s*[,+/]\s*/)[0];
  const org = profile.experience[0]?.organisation;
  const project = profile.projects.find((each) => each.notable) ?? profile.projects[0];
  return [
    `What ${is} ${p.subject} working on?`,
    ...(skillName ? [`${does} ${p.subject} know ${skillName}?`] : []),
    ...(org ? [`What did ${p.subject} do at ${org}?`] : []),
    `What's ${p.possessive} best result?`,
    ...(project ? [`Tell me about ${project.aliases?.[0] ?? project.name}`] : []),
    `How can I contact ${p.object}?`,
  ];
}

/** Suggestions an honest "the profile doesn't say" offers: the nearest entries, at most this many. */
const NEAREST = 3;

/**
 * The profile has nothing on this: say so, and offer the two or three nearest
 * things it does say (each word of the question searched on its own), when the
 * question is about the person; otherwise point at the commands that browse it.
 */
function noAnswer(topic: string, ctx: Ctx, intent?: IntentBase): ReplyPayload {
  const { p } = ctx;
  const what = topic ? `“${echo(topic)}” isn't in ${p.possessive} profile, so I can't answer that` : "I'm not sure what you're asking";
  const nearest = intent?.aboutPerson && topic ? nearestHits(intent.words, ctx) : [];
  if (nearest.length > 0) {
    const names = nearest.map((hit) => `${bold(hit.title)} (${SECTION_LABELS[hit.section].label.toLowerCase()})`);
    return {
      content: `Sorry — ${p.possessive} profile has nothing on “${echo(topic)}” as a whole. The nearest things it does say: ${listing(names)}.`,
    };
  }
  return {
    content: `Sorry — ${what}. Try /help for example questions, /projects to browse ${p.possessive} work, or /search with other words.`,
  };
}

function nearestHits(words: readonly string[], ctx: Ctx): SearchHit[] {
  const seen = new Set<string>();
  const out: SearchHit[] = [];
  for (const word of words) {
    // "favourite" is near nothing in particular, and a word the profile lacks near nothing at all.
    if (word.length < 3 || isGeneralWord(word) || isFactWord(word) || !ctx.portfolio.search.knows(word)) continue;
    for (const hit of ctx.portfolio.search.search(word, { limit: 2 })) {
      const key = `${hit.section}/${hit.id}`;
      if (hit.section === 'contact' || seen.has(key)) continue;
      seen.add(key);
      out.push(hit);
    }
  }
  return out.sort((a, b) => b.score - a.score).slice(0, NEAREST);
}

// ── contact ─────────────────────────────────────────────────────────────────

const CONTACT_LABEL = {
  github: 'GitHub',
  email: 'e-mail',
  twitter: 'Twitter',
  linkedin: 'LinkedIn',
  resume: 'résumé',
  website: 'website',
} as const;

function contactAnswer(contact: ContactKind | null, ctx: Ctx): ReplyPayload {
  const { p, profile } = ctx;
  const card = buildContactCard(profile);
  const His = capitalise(p.possessive);
  if (!contact) return withContent(`Here's how to reach ${p.object}:`, card);
  const label = CONTACT_LABEL[contact];
  const link = profile.identity.links.find((each) => each.kind === contact);
  if (!link) return withContent(`${His} profile has no ${label} link. Here are the public ones:`, card);
  const shown = link.url.startsWith('mailto:') ? link.url.slice('mailto:'.length) : `<${link.url}>`;
  return withContent(`${His} ${label}: ${shown}`, card);
}

function locationAnswer(ctx: Ctx): ReplyPayload {
  const { p, profile } = ctx;
  const where = profile.identity.location;
  if (!where) return { content: `${capitalise(p.possessive)} profile doesn't say where ${p.subjectIs} based. Try /about or /contact.` };
  return withContent(`${capitalise(p.possessive)} profile gives ${p.possessive} location as **${where}**.`, buildAboutCard(profile));
}

// ── skills ──────────────────────────────────────────────────────────────────

/** A skill answer, with the card of the level of the first skill found beside it. */
function skillReply(queries: readonly SkillQuery[], ctx: Ctx): ReplyPayload {
  const content = skillAnswer(queries, ctx);
  const level = queries.find((query) => query.matches.length > 0)?.matches[0]?.level;
  if (level) return withContent(content, buildSkillsCard(ctx.profile, level));
  // Not a listed skill, but in the profile ("has he tried to improve batchnorm?"): the card of where it comes up.
  const unlisted = queries.find((query) => query.matches.length === 0);
  const top = unlisted ? relatedHits(unlisted.tokens, ctx)[0] : undefined;
  const card = top ? entryCard(top, ctx) : undefined;
  return card ? withContent(content, card) : { content };
}

function skillAnswer(queries: readonly SkillQuery[], ctx: Ctx): string {
  const { p, profile } = ctx;
  const lines = queries.map((query) => (query.matches.length > 0 ? knownSkill(query, ctx) : unknownSkill(query, ctx)));
  const experts = profile.skills.expert.map((skill) => skill.name);
  const missing = queries.some((query) => query.matches.length === 0);
  if (missing && experts.length > 0) {
    lines.push(
      `${capitalise(p.subject)} ${verb(p, 'lists', 'list')} ${listing(experts)} as expert skills — see /skills for all of them, or /search.`,
    );
  } else {
    lines.push('Every skill and level: /skills.');
  }
  return lines.join('\n');
}

function knownSkill(query: SkillQuery, ctx: Ctx): string {
  const [primary, ...others] = query.matches as [SkillMatch, ...SkillMatch[]];
  let line = levelSentence(primary, ctx);
  const notes: string[] = [];
  if (primary.skill.note) notes.push(primary.skill.note);
  if (primary.shown !== primary.skill.name) notes.push(`listed as “${primary.skill.name}”`);
  const asked = query.tokens.join(' ');
  const inName = tokenize(primary.skill.name).join(' ').includes(asked);
  if (primary.via === 'tag' && !inName) notes.push(`“${echo(query.asked)}” is listed under it`);
  if (primary.via === 'typo') notes.push(`reading “${echo(query.asked)}” as ${primary.shown}`);
  if (notes.length > 0) line += ` (${notes.join('; ')})`;
  line += '.';
  if (others.length > 0) line += ` Also listed: ${others.map((other) => `${other.skill.name} (**${other.level}**)`).join(', ')}.`;
  return line;
}

function levelSentence(match: SkillMatch, ctx: Ctx): string {
  const { p } = ctx;
  const shown = match.shown;
  switch (match.level) {
    case 'expert':
      return `Yes — ${shown} is one of ${p.possessive} **expert** skills`;
    case 'intermediate':
      return `Yes — ${p.subject} ${verb(p, 'knows', 'know')} ${shown} at an **intermediate** level`;
    case 'basic':
      return `Somewhat — ${shown} is one of ${p.possessive} **basic** skills`;
    case 'learning':
      return `Yes — ${shown} is something ${p.subjectIs} **learning**`;
  }
}

function unknownSkill(query: SkillQuery, ctx: Ctx): string {
  const { p } = ctx;
  const asked = echo(capitalise(query.asked));
  const related = relatedHits(query.tokens, ctx);
  if (related.length === 0) return `No, ${asked} isn't in ${p.possessive} profile.`;
  const mentions = related
    .slice(0, 4)
    .map((hit) => `${bold(mdLink(hit.title, hit.url))} (${SECTION_LABELS[hit.section].label.toLowerCase()})`);
  return `${asked} isn't one of ${p.possessive} listed skills, but it comes up in ${p.possessive} profile: ${mentions.join(', ')}.`;
}

/** Entries outside the skills that mention every word of a thing (or match it closely): "java" → Java-ML. */
function relatedHits(typed: readonly string[], ctx: Ctx): SearchHit[] {
  // Everyday words ("improve batchnorm", "stratified splits anywhere") and words the profile lacks find nothing.
  const specific = typed.filter((token) => !isGeneralWord(token) && ctx.portfolio.search.knows(token));
  const tokens = specific.length > 0 ? specific : typed;
  const hits = ctx.portfolio.search
    .search(tokens.join(' '), { limit: 10 })
    .filter((hit) => hit.section !== 'contact' && hit.section !== 'skills');
  return hits.filter((hit) => hit.score >= CLOSE_MATCH || mentionsAll(hit, tokens));
}

function mentionsAll(hit: SearchHit, tokens: readonly string[]): boolean {
  const words = documentWords(hit.doc);
  return tokens.every((token) => words.has(token));
}

// Every word of an entry, folded like the query. Documents belong to one loaded
// profile and never change, so each is tokenized once, not once per question
// (it was most of the time of the slowest questions; docs/performance.md).
const wordsOfDocument = new WeakMap<SearchHit['doc'], ReadonlySet<string>>();

function documentWords(doc: SearchHit['doc']): ReadonlySet<string> {
  let words = wordsOfDocument.get(doc);
  if (!words) {
    words = new Set(tokenize([...doc.names, ...doc.keywords, doc.summary, ...doc.body].join(' ')));
    wordsOfDocument.set(doc, words);
  }
  return words;
}

function skillsAnswer(ctx: Ctx): ReplyPayload {
  const { p, profile } = ctx;
  const experts = profile.skills.expert.map((skill) => skill.name);
  const lead =
    experts.length > 0
      ? `${capitalise(p.possessive)} expert skills: ${listing(experts)}. Every level:`
      : `${capitalise(p.possessive)} skills, by level:`;
  return withContent(lead, buildSkillsCard(profile));
}

// ── about topics ────────────────────────────────────────────────────────────

function topicAnswer(topicId: string | null, ctx: Ctx): ReplyPayload {
  const topic = topicId ? ctx.profile.about.find((each) => each.id === topicId) : undefined;
  if (!topic) {
    return {
      content: `${capitalise(ctx.p.possessive)} profile doesn't say. Try /about for what it does say, or /help for example questions.`,
    };
  }
  return withContent(`From ${ctx.p.possessive} profile — **${topic.title}**:`, buildTopicCard(ctx.profile, topic));
}

// ── research, learning, blogs, education ────────────────────────────────────

function researchLine(research: Profile['research']): string {
  return listing(research.map((item) => `${bold(item.title)} (${item.status})`));
}

function learningLine(learning: Profile['learning']): string {
  return listing(
    learning.map(
      (item) =>
        `${bold(item.title)}${item.progress || item.provider ? ` (${[item.provider, item.progress].filter(Boolean).join(', ')})` : ''}`,
    ),
  );
}

function nowAnswer(intent: IntentBase, ctx: Ctx): ReplyPayload {
  const { p, profile } = ctx;
  const research = narrow(profile.research, intent.topic, 'research', ctx);
  const learning = byHead(narrow(profile.learning, intent.topic, 'learning', ctx), 'learning', intent, ctx);
  const parts: string[] = [];
  if (research.entries.length > 0) parts.push(`Research: ${researchLine(research.entries)}.`);
  if (learning.entries.length > 0) parts.push(`Learning: ${learningLine(learning.entries)}.`);
  if (parts.length === 0)
    return { content: `${capitalise(p.possessive)} profile lists no research or learning in progress. Try /projects for finished work.` };
  const lead = `What ${p.subjectIs} working on right now —\n${parts.join('\n')}`;
  const researchCard = research.entries.length > 0 ? buildResearchCard({ ...profile, research: research.entries }) : undefined;
  const learningCard = learning.entries.length > 0 ? buildLearningCard({ ...profile, learning: learning.entries }) : undefined;
  return {
    content: lead,
    embeds: [...(researchCard?.embeds ?? []), ...(learningCard?.embeds ?? [])],
    components: mergeRows(researchCard?.components, learningCard?.components),
  };
}

function researchAnswer(intent: IntentBase, ctx: Ctx): ReplyPayload {
  const { p, profile } = ctx;
  if (profile.research.length === 0)
    return { content: `${capitalise(p.possessive)} profile lists no research yet. Try /projects or /learning.` };
  const research = narrow(profile.research, intent.topic, 'research', ctx);
  const lead = `${capitalise(p.possessive)} research: ${researchLine(research.entries)}.`;
  return withContent(
    research.missed ? `${missedNote(intent, 'research', ctx)}\n${lead}` : lead,
    buildResearchCard({ ...profile, research: research.entries }),
  );
}

function learningAnswer(intent: IntentBase, ctx: Ctx): ReplyPayload {
  const { p, profile } = ctx;
  const learning = byHead(narrow(profile.learning, intent.topic, 'learning', ctx), 'learning', intent, ctx);
  // Narrowed, the skills being learnt that the topic names come too ("another fast.ai course": the linear algebra one).
  const topicWords = intent.topic.split(' ').filter(Boolean);
  // A dotted name typed with its dot ("fast.ai") is two words here, one in a skill's name ("FastAI").
  const skillAsked = [...topicWords, ...topicWords.slice(1).map((word, at) => `${topicWords[at]}${word}`)];
  const skillWords = (skill: { name: string; tags?: readonly string[] | undefined }) =>
    new Set(tokenize([skill.name, ...(skill.tags ?? [])].join(' ')));
  const skills = learning.narrowed
    ? profile.skills.learning.filter((skill) => skillAsked.some((word) => !isGeneralWord(word) && skillWords(skill).has(word)))
    : profile.skills.learning;
  // A specific word none of them has ("the fast.ai NLP course"): the profile doesn't list that.
  const docs = ctx.portfolio.search.documents.filter(
    (doc) => doc.section === 'learning' && learning.entries.some((entry) => entry.id === doc.id),
  );
  const unmatched = learning.narrowed
    ? topicWords.filter(
        (word) =>
          !isGeneralWord(word) &&
          !docs.some((doc) => stemsOf(doc).has(stemOf(word))) &&
          !skills.some((skill) => skillWords(skill).has(word)),
      )
    : [];
  if (learning.entries.length === 0 && skills.length === 0) {
    return { content: `${capitalise(p.possessive)} profile lists nothing being learnt right now. Try /research or /skills.` };
  }
  const skillNames = listing(skills.map((skill) => skill.name));
  const lists = verb(p, 'lists', 'list');
  let lead: string;
  if (learning.entries.length === 0) lead = `${capitalise(p.subject)} ${lists} ${skillNames} as skills ${p.subjectIs} **learning**.`;
  else {
    lead = `${capitalise(p.subjectIs)} learning ${learningLine(learning.entries)}.`;
    if (skills.length > 0) lead += ` Among ${p.possessive} skills, ${p.subject} ${lists} ${skillNames} as **learning**.`;
  }
  const card = buildLearningCard({ ...profile, learning: learning.entries, skills: { ...profile.skills, learning: skills } });
  const shownWords = unmatched.map((word) => typedWord(intent, word));
  const gap =
    unmatched.length > 0
      ? `${capitalise(p.possessive)} profile doesn't mention ${listing(shownWords.map((word) => `“${echo(word)}”`))} in ${p.possessive} learning. `
      : '';
  return withContent(learning.missed ? `${missedNote(intent, 'learning', ctx)}\n${lead}` : `${gap}${lead}`, card);
}

/**
 * "Which fast.ai course is he doing?": of the entries, those that hold the word asked for ("course"), when some
 * do and some don't (FastAI V2 is a library, the Deep Learning Course a course).
 */
function byHead<T extends { id: string }>(
  found: { entries: T[]; narrowed: boolean; missed: boolean },
  section: Section,
  intent: IntentBase,
  ctx: Ctx,
): { entries: T[]; narrowed: boolean; missed: boolean } {
  if (!intent.head || found.entries.length < 2) return found;
  const stem = stemOf(intent.head);
  const holds = (entry: T) =>
    ctx.portfolio.search.documents.some((doc) => doc.section === section && doc.id === entry.id && stemsOf(doc).has(stem));
  const entries = found.entries.filter(holds);
  return entries.length > 0 && entries.length < found.entries.length ? { ...found, entries } : found;
}

function blogsAnswer(intent: IntentBase, ctx: Ctx): ReplyPayload {
  const { p, profile } = ctx;
  if (profile.blogs.length === 0) {
    const note = profile.notes?.blogs ? ` ${profile.notes.blogs}` : '';
    return { content: `No — ${p.possessive} profile lists no blog posts yet.${note} Try /projects.` };
  }
  const blogs = narrow(profile.blogs, intent.topic, 'blogs', ctx);
  const pieces = blogs.entries.map((post) => `${bold(post.title)} (${post.kind === 'tutorial' ? `tutorial, ${post.venue}` : post.venue})`);
  const count = blogs.entries.length === 1 ? 'one piece' : `${blogs.entries.length} pieces`;
  const lead = `Yes — ${p.subject} ${verb(p, 'has', 'have')} written ${count}: ${listing(pieces)}.`;
  return withContent(
    blogs.missed ? `${missedNote(intent, 'blogs', ctx)}\n${lead}` : lead,
    buildBlogsCard({ ...profile, blogs: blogs.entries }),
  );
}

function educationAnswer(ctx: Ctx, intent?: IntentBase): ReplyPayload {
  const { p, profile } = ctx;
  if (profile.education.length === 0)
    return { content: `${capitalise(p.possessive)} profile lists no education. Try /about or /experience.` };
  const entries = profile.education.map(
    (entry) => `${bold(entry.degree)}, ${entry.institution}${entry.status ? ` — ${entry.status}` : ''}`,
  );
  let lead = `${capitalise(p.possessive)} education: ${entries.join('; ')}.`;
  // "When will he graduate?": a status without its dates ("pre-final year, as of 2020") doesn't say when.
  // "What year of his programme is he in?" asks for the year the status names ("pre-final year"), not when.
  const statusWords = new Set(tokenize(profile.education.map((entry) => entry.status ?? '').join(' ')));
  const asksWhen = intent?.words.some((word) => (factKindOf(word) === 'dates' || /^graduat/.test(word)) && !statusWords.has(word));
  if (asksWhen && !profile.education.some((entry) => DATE_SPAN.test(entry.status ?? '')))
    lead = `${capitalise(p.possessive)} profile doesn't say when. ${lead}`;
  return withContent(lead, buildExperienceCard({ ...profile, experience: [] }));
}

/** Dates that say when studies end: a span of years ("2012-09 – 2016-06"), or a year named as the end. */
const DATE_SPAN = /\b(?:19|20)\d\d\b.*\b(?:19|20)\d\d\b|\b(?:graduat\w*|expected|class of|until|ends?)\b.*\b(?:19|20)\d\d\b/i;

// ── experience ──────────────────────────────────────────────────────────────

function experienceAnswer(intent: IntentOf<'experience'>, ctx: Ctx): ReplyPayload {
  const { p, profile } = ctx;
  const His = capitalise(p.possessive);
  if (profile.experience.length === 0) return { content: `${His} profile lists no roles. Try /about or /projects.` };
  const all = profile.experience;
  const among = intent.organisation && intent.organisationKnown ? all.filter((role) => role.organisation === intent.organisation) : all;
  // "Before joining Pixxel": the role before the first one there, counted among all of them; or none.
  if ((intent.ordinal === 'before' || intent.ordinal === 'after') && intent.anchor) {
    const next = byDate(all, intent.ordinal, intent.anchor);
    if (next) return entryAnswer({ section: 'experience', id: next.id }, intent, ctx);
    const from = all.find((role) => role.id === intent.anchor);
    if (from) {
      const edge = intent.ordinal === 'before' ? 'before' : 'after';
      const which = intent.ordinal === 'before' ? 'first' : 'latest';
      const lead =
        `${His} profile lists no role ${edge} ${bold(from.title)} at ${from.organisation} (${formatMonthRange(from.start, from.end)}), ` +
        `${p.possessive} ${which} one.`;
      return withContent(lead, buildExperienceCard({ ...profile, experience: all, education: [] }));
    }
  }
  // "His first role at Pixxel", "his latest job", "when did he join Pixxel": the role picked by its dates, its fact and card.
  const ordinal = intent.ordinal ?? (intent.organisation && intent.organisationKnown ? joiningOrLeaving(intent.words) : null);
  const picked = ordinal && !(intent.organisation && !intent.organisationKnown) ? byDate(among, ordinal, intent.anchor) : undefined;
  if (picked) return entryAnswer({ section: 'experience', id: picked.id }, intent, ctx);
  // "Which dataset did he create at Pixxel?": of the roles there, the one whose facts answer.
  const answering = intent.topic && !intent.quantity ? roleAnswering(among, intent, ctx) : undefined;
  if (answering) return entryAnswer({ section: 'experience', id: answering.id }, intent, ctx);
  let roles: Profile['experience'];
  let lead: string;
  if (intent.organisation && intent.organisationKnown) {
    roles = all.filter((role) => role.organisation === intent.organisation);
    lead = `At ${intent.organisation}: ${roles.map((role) => `${bold(role.title)} (${formatMonthRange(role.start, role.end)})`).join(' · ')}.`;
    // "How big was the team at Pixxel?": the roles say no number of that.
    if (intent.quantity && intent.topic) lead = `${His} profile doesn't say how many. ${lead}`;
  } else {
    const narrowed = narrow(all, intent.topic, 'experience', ctx);
    roles = narrowed.entries;
    const list = roles.map((role) => `${bold(role.title)} at ${role.organisation} (${formatMonthRange(role.start, role.end)})`).join(' · ');
    lead = intent.organisation
      ? `${capitalise(p.subject)} ${verb(p, 'has', 'have')} no role at ${echo(intent.organisation)} in ${p.possessive} profile. ` +
        `${His} roles: ${list}.`
      : `${His} roles: ${list}.`;
    // "How many years of experience?": the roles give dates, not that number.
    if (intent.quantity && intent.topic && !intent.organisation) lead = `${His} profile doesn't say how many. ${lead}`;
  }
  return withContent(lead, buildExperienceCard({ ...profile, experience: roles, education: [] }));
}

/** Joining a place asks for the first role there, leaving it for the last: "when did he start at Pixxel?". */
function joiningOrLeaving(words: readonly string[]): Ordinal | null {
  const stems = new Set(words.map(stemOf));
  if (JOINING.some((word) => stems.has(stemOf(word)))) return 'first';
  if (LEAVING.some((word) => stems.has(stemOf(word)))) return 'latest';
  return null;
}

const JOINING = ['join', 'start', 'began', 'begin', 'hired', 'onboarded'];
const LEAVING = ['leave', 'left', 'quit', 'resign', 'resigned'];

/** The earliest, the latest, the one before the latest, or the one before or after a named role, by start date; none among fewer than two. */
function byDate(roles: Profile['experience'], ordinal: Ordinal, anchor: string | null): Profile['experience'][number] | undefined {
  if (roles.length < 2) return undefined;
  const sorted = [...roles].sort((a, b) => a.start.localeCompare(b.start) || (a.end ?? '9999').localeCompare(b.end ?? '9999'));
  if (ordinal === 'before' || ordinal === 'after') {
    // The role just before (or after) the one named, by start date.
    const at = sorted.findIndex((role) => role.id === anchor);
    return at < 0 ? undefined : sorted[ordinal === 'before' ? at - 1 : at + 1];
  }
  if (ordinal === 'first') return sorted[0];
  if (ordinal === 'latest') return sorted[sorted.length - 1];
  return sorted[sorted.length - 2];
}

/** The one role whose facts answer the question's words better than every other's; none on a tie. */
function roleAnswering(roles: Profile['experience'], intent: IntentBase, ctx: Ctx): Profile['experience'][number] | undefined {
  if (roles.length < 2) return undefined;
  const topic = intent.topic.split(' ').filter(Boolean);
  const specific = topic.filter((word) => !isGeneralWord(word) || isFactWord(word));
  // Only everyday words ("run a team"): those the roles have still tell them apart.
  const words = specific.length > 0 ? specific : topic.filter((word) => ctx.portfolio.search.knows(word));
  if (words.length === 0) return undefined;
  const scored = roles
    .map((role) => ({ role, score: bestFactScore(factsOf('experience', role.id, ctx.profile), words, new Set()) }))
    .sort((a, b) => b.score - a.score);
  const [first, second] = scored;
  return first && first.score > 0 && (!second || first.score > second.score) ? first.role : undefined;
}

// ── projects ────────────────────────────────────────────────────────────────

/** The one hit the question names by its name or an alias, when exactly one is named. */
function onlyNamed(hits: readonly SearchHit[], intent: IntentBase): SearchHit | undefined {
  const topic = intent.topic.split(' ').filter(Boolean);
  if (topic.length < 2) return undefined;
  const named = hits.filter((hit) => namesIn(hit.doc, topic));
  return named.length === 1 ? named[0] : undefined;
}

function projectsById(profile: Profile): Map<string, Project> {
  return new Map(profile.projects.map((project) => [project.id, project]));
}

function projectsAnswer(intent: IntentBase, ctx: Ctx): ReplyPayload {
  const { p, profile } = ctx;
  if (!intent.topic) {
    const notable = profile.projects.filter((project) => project.notable);
    const shown = notable.length > 0 ? notable : profile.projects.slice(0, 5);
    const embed = buildProjectLinesCard(
      profile,
      `${ctx.name} — notable projects`,
      shown,
      `All ${profile.projects.length} projects: /projects · one in full: /project name:…`,
    );
    return { content: `${capitalise(p.possessive)} notable projects (/projects lists all ${profile.projects.length}):`, embeds: [embed] };
  }
  const byStatus = statusAnswer(intent, ctx);
  if (byStatus) return byStatus;
  let hits = ctx.portfolio.search.search(intent.topic, { section: 'projects', limit: 25 });
  // A particle the projects lack ("out" in "grew out of Pixxel") doesn't empty the answer (a verb, "teamed", does).
  const specific = intent.topic.split(' ').filter((word) => word && !PARTICLES.has(word));
  if (hits.length === 0 && specific.length > 0 && specific.join(' ') !== intent.topic) {
    const found = ctx.portfolio.search.search(specific.join(' '), { section: 'projects', limit: 25 });
    if (found.length > 0) hits = found;
  }
  // "His own autograd, like in the lectures": a word only another section has ("lecture", his course) is
  // the question's context; the projects the others find answer, and the answer says which word no project has.
  if (hits.length === 0) {
    const words = intent.topic.split(' ').filter(Boolean);
    const projectWords = words.filter((word) => ctx.portfolio.search.search(word, { section: 'projects', limit: 1 }).length > 0);
    // Only a specific word of another section is context ("lecture"); an everyday one ("teamed up") is the question.
    const context = words.filter((word) => !projectWords.includes(word));
    const narrowed =
      projectWords.some((word) => !isGeneralWord(word)) && context.length > 0 && context.every((word) => !isGeneralWord(word))
        ? ctx.portfolio.search.search(projectWords.join(' '), { section: 'projects', limit: 25 })
        : [];
    if (narrowed.length > 0) {
      const typed = context.map((word) => typedWord(intent, word));
      const note = `No project of ${p.possessive} mentions ${listing(typed.map((word) => `“${echo(word)}”`))}; by the rest of the question:`;
      const narrowedIntent = { ...intent, topic: projectWords.join(' '), words: intent.words.filter((word) => !context.includes(word)) };
      return withContent(note, projectHitsAnswer(narrowed, narrowedIntent, ctx));
    }
  }
  return projectHitsAnswer(hits, intent, ctx);
}

/** A folded word of the topic as the question typed it ("lecture" → "lectures"), to echo. */
function typedWord(intent: IntentBase, word: string): string {
  return intent.shown.split(' ').find((each) => tokenize(each).includes(word)) ?? word;
}

/** Words that only join a verb to its object ("grew out of", "came up with"): never what a project is about. */
const PARTICLES = new Set(['out', 'up', 'off', 'over', 'through', 'via', 'during', 'within', 'onto', 'upon']);

/** The projects answer for its search hits: the one clearly ahead, the one named, or cards of the best. */
function projectHitsAnswer(hits: readonly SearchHit[], intent: IntentBase, ctx: Ctx): ReplyPayload {
  const { p } = ctx;
  if (hits.length === 0) {
    // "any cool space stuff he's worked on?": no project, but his work elsewhere (a role, his background) is about it.
    // A question not about the person ("is kaggle free to use?") is only answered elsewhere by an entry with all its words.
    const asked = intent.topic.split(' ').filter((word) => word && !isGeneralWord(word));
    const elsewhere = ctx.portfolio.search
      .search(intent.topic, { limit: 10 })
      .filter((hit) => hit.section !== 'contact' && hit.section !== 'skills')
      .filter((hit) => intent.aboutPerson || asked.every((word) => stemsOf(hit.doc).has(stemOf(word))));
    const lead = `No project about “${echo(said(intent))}” is in ${p.possessive} profile`;
    if (elsewhere.length > 0)
      return withContent(`${lead}; it comes up here:`, searchAnswer({ ...intent, kind: 'search', hits: elsewhere }, ctx));
    return { content: `${lead}. Try /projects to browse them all, or /search for other words.` };
  }
  const [top, second] = hits;
  // One project clearly ahead is the answer: its fact and its card.
  if (top && (!second || second.score < top.score * STRONG_SHARE)) return entryAnswer(top, intent, ctx);
  // One project named by its name among others that share a word ("epochs" in "the lookahead models' epochs").
  const named = onlyNamed(hits, intent);
  if (named) return entryAnswer(named, intent, ctx);
  return projectCards(hits, said(intent), ctx);
}

/** Words that ask for projects by status rather than by subject. */
const STATUS_WORDS: Record<string, ProjectStatus> = {
  unmaintained: 'unmaintained',
  abandoned: 'dropped',
  dropped: 'dropped',
  incomplete: 'dropped',
  unfinished: 'dropped',
  discontinued: 'dropped',
  quit: 'dropped',
  active: 'active',
  maintained: 'active',
  ongoing: 'active',
};

/** The same words by stem: "abandon" and "abandoned", "unfinished" and "unfinish". */
let statusStems: Map<string, ProjectStatus> | undefined;

/** The status a question's words ask for ("which of his comps did he leave unfinished"), by stem. */
function statusOf(words: readonly string[]): { status: ProjectStatus; word: string } | undefined {
  statusStems ??= new Map(Object.entries(STATUS_WORDS).map(([word, status]) => [stemOf(word), status]));
  for (const word of words) {
    const status = STATUS_WORDS[word] ?? statusStems.get(stemOf(word));
    if (status) return { status, word };
  }
  return undefined;
}

/**
 * Projects asked for by status: every one with it, or those of them the question's
 * other words find ("which of his competitions did he leave unfinished"). Not when
 * those words name one project ("is java-ml still maintained?" asks of Java-ML),
 * nor when no project with the status matches them.
 */
function statusAnswer(intent: IntentBase, ctx: Ctx): ReplyPayload | undefined {
  const asked = statusOf(intent.words);
  if (!asked) return undefined;
  const statusStem = stemOf(asked.word);
  const rest = intent.topic.split(' ').filter((word) => word && stemOf(word) !== statusStem);
  if (rest.length === 0) return projectsByStatus(asked.status, ctx);
  const hits = ctx.portfolio.search.search(rest.join(' '), { section: 'projects', limit: 25 });
  if (hits.some((hit) => namesIn(hit.doc, rest))) return undefined;
  const matching = new Set(hits.map((hit) => hit.id));
  const projects = ctx.profile.projects.filter((project) => project.status === asked.status && matching.has(project.id));
  return projects.length > 0 ? projectsByStatus(asked.status, ctx, projects) : undefined;
}

function projectsByStatus(
  status: ProjectStatus,
  ctx: Ctx,
  projects = ctx.profile.projects.filter((project) => project.status === status),
): ReplyPayload {
  const { p, profile } = ctx;
  if (projects.length === 0) return { content: `None of ${p.possessive} projects is ${status}. Try /projects to browse them all.` };
  const embed = buildProjectLinesCard(
    profile,
    `${ctx.name} — ${status} projects`,
    projects,
    'One in full: /project name:… · all: /projects',
  );
  const names = projects.map((project) => bold(project.name));
  const count = projects.length === 1 ? `One project is ${status}` : `${projects.length} projects are ${status}`;
  return { content: `${count}: ${listing(names)}.`, embeds: [embed] };
}

/** Full cards for the best matches (those close to the best score), the rest listed; content names the cards. */
function projectCards(hits: readonly SearchHit[], topic: string, ctx: Ctx, extra: APIEmbed[] = []): ReplyPayload {
  const byId = projectsById(ctx.profile);
  const ranked: RankedProject[] = hits
    .map((hit) => ({ project: byId.get(hit.id), score: hit.score }))
    .filter((entry): entry is RankedProject => entry.project !== undefined);
  const top = ranked[0]?.score ?? 0;
  const strong = ranked.filter((entry) => entry.score >= top * STRONG_SHARE).slice(0, MAX_CARDS);
  const others = ranked.slice(strong.length);
  const budget = Math.min(CARD_BUDGET, Math.floor((ANSWER_BUDGET - (others.length > 0 ? 800 : 0)) / Math.max(1, strong.length)));
  const cards = strong.map((entry) => buildProjectCard(entry.project, ctx.profile, { budget }));
  const embeds: APIEmbed[] = cards.map((card) => card.embed);
  if (others.length > 0) embeds.push(buildAlsoMatchingEmbed(others, echo(topic), 5));
  for (const embed of extra) if (embeds.length < 10 && measureEmbeds([...embeds, embed]) <= ANSWER_BUDGET) embeds.push(embed);
  const names = strong.map((entry) => bold(entry.project.name));
  const count = ranked.length === 1 ? '1 project matches' : `${ranked.length} projects match`;
  const more = others.length > 0 ? ` (and ${others.length} more below)` : '';
  return {
    content: `${count} “${echo(topic)}”: ${listing(names)}${more}.`,
    embeds,
    components: mergeRows(...cards.map((card) => card.rows)),
  };
}

function metricsAnswer(intent: IntentBase, ctx: Ctx): ReplyPayload {
  const { p, profile } = ctx;
  const measured = profile.projects.filter((project) => (project.metrics ?? []).length > 0);
  // Awards have no section: an imported résumé keeps them as an about topic tagged "awards" (src/resume/map.ts).
  const awards = profile.about.find((topic) => topic.tags?.some((tag) => tag.toLowerCase() === 'awards'));
  if (awards && measured.length === 0) return topicAnswer(awards.id, ctx);
  // "His most impressive result?", "the piece of work he is most proud of": no topic the profile has
  // (a word it can't place narrows nothing), so the one the data highlights, and why.
  const unplaced = new Set(intent.unplaced.map((word) => word.toLowerCase()));
  if (intent.superlative && intent.topic.split(' ').every((word) => !word || unplaced.has(word))) {
    const picked = highlighted(intent.words.some(isFactWord), ctx);
    if (picked) return picked;
  }
  if (intent.topic && measured.length > 0) {
    const byId = new Map(measured.map((project) => [project.id, project]));
    const hits = ctx.portfolio.search.search(intent.topic, { section: 'projects', limit: 25 }).filter((hit) => byId.has(hit.id));
    const [top, second] = hits;
    const topProject = top ? byId.get(top.id) : undefined;
    // The question names one project ("the protein competition"): its results, not everyone's.
    if (top && topProject && (!second || second.score < top.score * STRONG_SHARE)) {
      // "His public leaderboard score on toxic comments": a result this project doesn't have.
      const lacking = lackingWords(top.doc, intent.words, intent.topic, new Set(), ctx);
      const answer = measuredAnswer(topProject, undefined, ctx);
      // "Its actual score, not the rank": a place in a ranking is no score.
      if (asksValue(intent.words) && (topProject.metrics ?? []).every(isRank))
        return withContent(
          `${capitalise(p.possessive)} profile doesn't give a score for ${bold(topProject.name)}, only its place in a ranking. What it does say:`,
          answer,
        );
      if (lacking.length === 0) return answer;
      const missing = listing(lacking.slice(0, 3).map((word) => `“${echo(word)}”`));
      return withContent(
        `${capitalise(p.possessive)} profile doesn't say anything on ${missing} about ${bold(topProject.name)}. What it does say:`,
        answer,
      );
    }
    if (top && intent.superlative) {
      const among = hits.map((hit) => byId.get(hit.id)).filter((project): project is Project => project !== undefined);
      // "His strongest competition result": the result the data highlights, when it is one of those asked about.
      const picked = highlightedAmong(among, intent.words, ctx);
      if (picked) return picked;
      // "His strongest competition finish": the one project whose metric the question names (a rank).
      const named = byMetricName(
        hits.map((hit) => byId.get(hit.id)).filter((project): project is Project => project !== undefined),
        intent.words,
      );
      if (named) return measuredAnswer(named, undefined, ctx);
      const pick = byMetric(hits.map((hit) => byId.get(hit.id)).filter((project): project is Project => project !== undefined));
      if (pick) return measuredAnswer(pick.project, pick.why, ctx);
    }
  }
  if (measured.length === 0) {
    return { content: `${capitalise(p.possessive)} profile has no measured results. Try /projects to see the work itself.` };
  }
  // "Which of his projects report an accuracy number?": those with a result of that name.
  const naming = measured.filter((project) => (project.metrics ?? []).some((metric) => metricNamed(metric.name, intent.words)));
  if (naming.length > 0 && naming.length < measured.length) {
    const names = naming.map((project) => bold(project.name));
    const kinds = listing([
      ...new Set(
        naming.flatMap((project) => (project.metrics ?? []).filter((metric) => metricNamed(metric.name, intent.words)).map((m) => m.name)),
      ),
    ]);
    const count = naming.length === 1 ? 'One project reports' : `${naming.length} projects report`;
    return { content: `${count} ${kinds}: ${listing(names)}.`, embeds: [buildMetricsCard(profile, naming)] };
  }
  const narrowed = narrow(measured, intent.topic, 'projects', ctx);
  const names = narrowed.entries.map((project) => bold(project.name));
  const count = narrowed.entries.length === 1 ? 'One project has' : `${narrowed.entries.length} projects have`;
  const lead = `${count} measured results: ${listing(names)}.`;
  return {
    content: narrowed.missed
      ? `${capitalise(p.possessive)} profile has no measured result on “${echo(said(intent))}”; here are all of them.\n${lead}`
      : lead,
    embeds: [buildMetricsCard(profile, narrowed.entries)],
  };
}

/**
 * The entry the data names as the best, and why: for a result ("his best score?") the metric with a
 * `highlight`; for his work ("his best project?") the project with one, else the highlighted result's
 * project. None when the data highlights nothing that fits (the results are then listed).
 */
function highlighted(asksResult: boolean, ctx: Ctx): ReplyPayload | undefined {
  const { profile } = ctx;
  const project = profile.projects.find((each) => each.highlight);
  if (project && !asksResult) {
    const card = buildProjectCard(project, profile);
    return { content: `${bold(project.name)} — ${project.highlight ?? ''}`, embeds: [card.embed], components: card.rows };
  }
  return highlightedAmong(profile.projects, [], ctx);
}

/** Does the question name this metric ("accuracy", "fbeta"), not just ask for results? */
function metricNamed(name: string, words: readonly string[]): boolean {
  const asked = new Set(words.filter((word) => !GENERIC_RESULT_WORDS.has(stemOf(word))).map(stemOf));
  return tokenize(name).some((token) => asked.has(stemOf(token)));
}

/** Words every result is: they name no metric. */
const GENERIC_RESULT_WORDS = new Set(['result', 'metric', 'score', 'number', 'value', 'performance'].map(stemOf));

/** Of these projects, the one whose metric the data highlights, with its reason; none when no metric of theirs is. */
function highlightedAmong(projects: readonly Project[], words: readonly string[], ctx: Ctx): ReplyPayload | undefined {
  for (const project of projects) {
    const metric = project.metrics?.find((one) => one.highlight);
    // A metric named by the question ("best accuracy") is asked for by name, not by the highlight.
    if (metric && !(project.metrics ?? []).some((other) => other !== metric && metricNamed(other.name, words)))
      return measuredAnswer(project, metric.highlight, ctx);
  }
  return undefined;
}

/** One project's measured results, quoted, with its card; `why` says why it was picked. */
function measuredAnswer(project: Project, why: string | undefined, ctx: Ctx): ReplyPayload {
  const card = buildProjectCard(project, ctx.profile);
  const results = (project.metrics ?? []).map((metric) => `${metric.name}: ${metric.value}${metric.context ? ` (${metric.context})` : ''}`);
  return {
    content: `${bold(project.name)}${why ? ` — ${why}` : ''}:\n> ${results.join('\n> ')}`,
    embeds: [card.embed],
    components: card.rows,
  };
}

/** Words that ask for a measured value, which a place in a ranking is not. */
const VALUE_WORDS = new Set(['score', 'value', 'points'].map(stemOf));

function asksValue(words: readonly string[]): boolean {
  return words.some((word) => VALUE_WORDS.has(stemOf(word)));
}

/** A metric that is a place in a ranking: named so ("Leaderboard rank"), or valued "#1". */
function isRank(metric: NonNullable<Project['metrics']>[number]): boolean {
  return /^#\s*\d/.test(metric.value.trim()) || /\b(?:rank|ranking|place|placing|position|standing)\b/i.test(metric.name);
}

/** Everyday words for a place in a ranking: they ask for a metric named "rank". */
const RANK_WORDS = new Set([
  'finish',
  'finishes',
  'placing',
  'placement',
  'place',
  'position',
  'standing',
  'rank',
  'ranking',
  'leaderboard',
]);

/** The one project with a metric the question's words name ("rank" for "finish"), if only one has such a metric. */
function byMetricName(projects: readonly Project[], words: readonly string[]): Project | undefined {
  const asked = new Set(words.flatMap((word) => (RANK_WORDS.has(word) ? ['rank', stemOf(word)] : [stemOf(word)])));
  const naming = projects.filter((project) =>
    (project.metrics ?? []).some((metric) => tokenize(metric.name).some((token) => asked.has(stemOf(token)))),
  );
  return naming.length === 1 ? naming[0] : undefined;
}

/**
 * "Best score" among projects: the one with the highest value of a metric they
 * share (by name; a loss or an error counts the other way), and why, in words.
 */
function byMetric(projects: readonly Project[]): { project: Project; why: string } | undefined {
  const values = new Map<string, { project: Project; value: number; shown: string }[]>();
  for (const project of projects) {
    for (const metric of project.metrics ?? []) {
      const number = Number(/-?\d+(?:\.\d+)?/.exec(metric.value)?.[0]);
      if (!Number.isFinite(number)) continue;
      const key = tokenize(metric.name).join(' ');
      const list = values.get(key) ?? [];
      if (!list.some((each) => each.project === project)) list.push({ project, value: number, shown: metric.value });
      values.set(key, list);
    }
  }
  for (const [name, list] of values) {
    if (list.length < 2) continue;
    const lowerIsBetter = /\b(?:loss|error|rank)\b/.test(name);
    const sorted = [...list].sort((a, b) => (lowerIsBetter ? a.value - b.value : b.value - a.value));
    const [best, ...rest] = sorted as [(typeof sorted)[number], ...typeof sorted];
    const label =
      list.find((each) => each.project === best.project)?.project.metrics?.find((m) => tokenize(m.name).join(' ') === name)?.name ?? name;
    const against = rest.map((each) => `${each.shown} for ${each.project.name}`).join(', ');
    return { project: best.project, why: `the best ${label} of the ${list.length}: ${best.shown}, against ${against}` };
  }
  return undefined;
}

// ── one entry ───────────────────────────────────────────────────────────────

/** A fact's score when only the kind of fact asked for ("use": its tools) picked it, no word of it. */
const KIND_ONLY = 1;
/** Words that ask for a kind of fact only loosely ("did he use …" asks of anything): a fact they alone pick is a guess. */
const WEAK_KINDS = new Set(['use', 'number'].map(stemOf));

/** Are the question's words that ask for a kind of fact only loose ones ("use"), not "framework" or "when"? */
function onlyWeakKinds(words: readonly string[]): boolean {
  return words.every((word) => !isFactWord(word) || WEAK_KINDS.has(stemOf(word)));
}
/** Sections whose first highlight says what an entry is best known for (a project's "#1 on the leaderboard"). */
const LEAD_FACT = new Set<Section>(['projects', 'experience']);
/** Longest quote of a fact in an answer. */
const QUOTE_MAX = 400;

/**
 * One entry answers: the fact the question asks, quoted from the entry, with its
 * card beside it. A "how many" question whose fact holds no number says the
 * profile doesn't say. With no fact asked, the entry's first highlight leads.
 * `named` are the words of the `answers` phrase that found it, if one did.
 */
function entryAnswer(asked: { section: Section; id: string }, intent: IntentBase, ctx: Ctx, named: readonly string[] = []): ReplyPayload {
  const { p, profile } = ctx;
  // "What did she do after the research assistant job?": the role named is where to count from, not the answer.
  const relative =
    asked.section === 'experience' && asked.id === intent.anchor && intent.ordinal
      ? byDate(profile.experience, intent.ordinal, intent.anchor)
      : undefined;
  const entry = relative ? { section: asked.section, id: relative.id } : asked;
  const doc = ctx.portfolio.search.documents.find((each) => each.section === entry.section && each.id === entry.id);
  if (!doc) return noAnswer(said(intent), ctx, intent);
  if (entry.section === 'skills') {
    const query = skillQueryFor(entry, ctx);
    return query ? skillReply([query], ctx) : noAnswer(said(intent), ctx, intent);
  }
  if (entry.section === 'contact') return contactAnswer(profile.identity.links.find((link) => link.kind === entry.id)?.kind ?? null, ctx);
  const card = entryCard(entry, ctx);
  if (!card) return noAnswer(said(intent), ctx, intent);
  // The words of its names and tags found the entry; the others ask which of its facts. When
  // nothing else is asked ("what does he read", "reading" being a tag), the tags' words do.
  const { nameStems, tagStems } = namingStems(doc);
  const facts = factsOf(entry.section, entry.id, profile);
  // Everyday words ("working") pick no fact, unless they ask for a kind of one ("when", "use") or
  // are the words of the entry's `answers` the question was read by ("managed people").
  const keep = new Set(named.map(stemOf));
  const words = intent.words.filter((word) => !isGeneralWord(word) || isFactWord(word) || keep.has(stemOf(word)));
  // Without the tags' words first; with them when the other words pick a fact only by its kind ("what batch size
  // did he use for callbacks": "batch size" is a tag of the project, and "use" alone would pick its tools).
  const withoutTags = bestFact(facts, words, tagStems, intent.quantity, intent.head);
  const withTags = bestFact(facts, words, nameStems, intent.quantity, intent.head);
  const fact =
    (withoutTags && (!withTags || withoutTags.score > KIND_ONLY || !onlyWeakKinds(words)) ? withoutTags : withTags)?.fact ??
    (LEAD_FACT.has(entry.section) ? facts.find((each) => each.kind === 'detail') : undefined);
  // Words the profile has, but not this entry ("batch size" asked of Toxic Comments): it doesn't say that.
  // Counted from a named role, the words that named it are no gap of the role that answers.
  // "Which datasets?" is answered by a fact that names a public dataset ("CIFAR10"), whatever it calls it.
  const datasets = asksForDatasets(words) && facts.some((each) => DATASET_NAMES.test(each.text)) ? [stemOf('dataset')] : [];
  const lacking = relative ? [] : lackingWords(doc, words, intent.topic, new Set([...keep, ...datasets]), ctx);
  // The fact found by a word of the question ("resnet" in "what resnet depth?") answers: "depth" is no gap.
  if (lacking.length > 0 && fact && answersByWord(fact, words, nameStems)) lacking.length = 0;
  let lead: string;
  const unnamed = intent.nameOf && entry.section === 'about' ? unnamedThing(intent.nameOf, facts) : undefined;
  if (intent.quantity && !(fact && hasNumber(fact))) {
    lead = `${capitalise(p.possessive)} profile doesn't say how many. What it says about ${bold(doc.title)}:`;
  } else if (intent.version && !facts.some((each) => VERSION_SHAPE.test(each.text))) {
    // "Which version of fastai?": no fact of the entry holds a version ("v2", "1.0").
    lead = `${capitalise(p.possessive)} profile doesn't say which version. What it says about ${bold(doc.title)}:`;
    if (fact) lead += `\n${quote(fact)}`;
  } else if (unnamed) {
    const thing = echo(intent.nameOf ?? '');
    lead = `${capitalise(p.possessive)} profile doesn't give the name of ${p.possessive} ${thing}. What it says:\n${quote(unnamed)}`;
  } else if (lacking.length > 0) {
    const missing = listing(lacking.slice(0, 3).map((word) => `“${echo(word)}”`));
    lead = `${capitalise(p.possessive)} profile doesn't say anything on ${missing} about ${bold(doc.title)}. What it does say:`;
    if (fact) lead += `\n${quote(fact)}`;
  } else if (fact) lead = `${bold(doc.title)}:\n${quote(fact)}`;
  else lead = `From ${p.possessive} profile — ${bold(doc.title)}:`;
  return withContent(lead, card);
}

/** Words of the topic the profile has elsewhere but this entry lacks ("batch size" asked of Toxic Comments). */
function lackingWords(doc: SearchHit['doc'], words: readonly string[], topic: string, keep: ReadonlySet<string>, ctx: Ctx): string[] {
  const own = stemsOf(doc);
  const topicWords = new Set(topic.split(' '));
  return words.filter((word) => {
    if (!topicWords.has(word) || isGeneralWord(word) || isFactWord(word)) return false;
    const stem = stemOf(word);
    if (keep.has(stem) || own.has(stem) || !ctx.portfolio.search.knows(word)) return false;
    return !entryHas(doc, word);
  });
}

/**
 * Does a word of the question, other than those that named the entry, start a
 * longer word of the fact, which then says more than the word ("resnet" in
 * "resnet34" answers "what resnet depth")? A word found as itself ("resizing" in
 * "what image size for progressive resizing") only says which fact, not the detail.
 */
function answersByWord(fact: Fact, words: readonly string[], naming: ReadonlySet<string>): boolean {
  const stems = tokenize(fact.text).map(stemOf);
  return words.some((word) => {
    const stem = stemOf(word);
    if (naming.has(stem) || isFactWord(word)) return false;
    return stem.length >= 4 && stems.some((each) => each !== stem && each.startsWith(stem));
  });
}

/** A version as a fact writes it: "v2", "version 3", "release 1.0" (not a score's "99.26"). */
const VERSION_SHAPE = /\bv\d+(?:\.\d+)*\b|\b(?:version|release)\s*v?\d/i;

/**
 * "What's the name of his band?": the fact that mentions the thing, when none of
 * those that do gives it a name ("called", "named", a quoted name); undefined when
 * the entry names it, or never mentions it.
 */
function unnamedThing(thing: string, facts: readonly Fact[]): Fact | undefined {
  const stem = stemOf(thing);
  const mentions = facts.filter((fact) => tokenize(fact.text).some((word) => stemOf(word) === stem));
  if (mentions.length === 0 || mentions.some((fact) => /\b(?:called|named)\b|["\u201C]/.test(fact.text))) return undefined;
  return mentions[0];
}

const docNaming = new WeakMap<SearchHit['doc'], { nameStems: ReadonlySet<string>; tagStems: ReadonlySet<string> }>();

/** The stem keys of an entry's names, and of its names and tags (not its `answers`); once per document. */
function namingStems(doc: SearchHit['doc']): { nameStems: ReadonlySet<string>; tagStems: ReadonlySet<string> } {
  let naming = docNaming.get(doc);
  if (!naming) {
    const nameStems = nameStemsOf(doc);
    const tags = doc.keywords.filter((keyword) => !doc.answers.includes(keyword));
    naming = { nameStems, tagStems: new Set([...nameStems, ...tokenize(tags.join(' ')).map(stemOf)]) };
    docNaming.set(doc, naming);
  }
  return naming;
}

function quote(fact: Fact): string {
  const text = fact.text.replace(/\s+/g, ' ');
  return `> ${text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX - 1)}…` : text}`;
}

/** The card of one entry, as its section's command shows it. */
function entryCard(entry: { section: Section; id: string }, ctx: Ctx): ReplyPayload | undefined {
  const { profile } = ctx;
  switch (entry.section) {
    case 'projects': {
      const project = profile.projects.find((each) => each.id === entry.id);
      if (!project) return undefined;
      const card = buildProjectCard(project, profile);
      return { embeds: [card.embed], components: card.rows };
    }
    case 'experience': {
      const role = profile.experience.find((each) => each.id === entry.id);
      return role ? buildExperienceCard({ ...profile, experience: [role], education: [] }) : undefined;
    }
    case 'education':
      return buildExperienceCard({ ...profile, experience: [] });
    case 'about': {
      const topic = profile.about.find((each) => each.id === entry.id);
      return topic ? buildTopicCard(profile, topic) : undefined;
    }
    case 'research': {
      const item = profile.research.find((each) => each.id === entry.id);
      return item ? buildResearchCard({ ...profile, research: [item] }) : undefined;
    }
    case 'learning': {
      const item = profile.learning.find((each) => each.id === entry.id);
      return item ? buildLearningCard({ ...profile, learning: [item], skills: { ...profile.skills, learning: [] } }) : undefined;
    }
    case 'blogs': {
      const post = profile.blogs.find((each) => each.id === entry.id);
      return post ? buildBlogsCard({ ...profile, blogs: [post] }) : undefined;
    }
    default:
      return undefined;
  }
}

// ── search (no rule matched) ────────────────────────────────────────────────

/** Answers from the best match's section, with the other matches listed after. */
function searchAnswer(intent: IntentOf<'search'>, ctx: Ctx): ReplyPayload {
  const { profile } = ctx;
  const top = intent.hits[0];
  if (!top) return noAnswer(said(intent), ctx, intent);
  const second = intent.hits[1];
  if (top.section !== 'skills' && top.section !== 'contact' && (!second || second.score < top.score * STRONG_SHARE)) {
    // One entry is clearly the answer: its fact and its card.
    return entryAnswer(top, intent, ctx);
  }
  const named = onlyNamed(intent.hits, intent);
  if (named && named.section !== 'skills' && named.section !== 'contact') return entryAnswer(named, intent, ctx);
  const same = intent.hits.filter((hit) => hit.section === top.section);
  const rest = intent.hits.filter((hit) => hit.section !== top.section);
  const restEmbed = rest.length > 0 ? buildSearchCard(profile, intent.topic, rest).embeds?.[0] : undefined;
  const extra = restEmbed ? [{ ...restEmbed, title: `Also in the profile: “${echo(said(intent))}”` }] : [];

  let main: ReplyPayload;
  switch (top.section) {
    case 'projects':
      return projectCards(same, said(intent), ctx, extra);
    case 'skills': {
      const queries = same
        .slice(0, 3)
        .map((hit) => skillQueryFor(hit, ctx))
        .filter((query): query is SkillQuery => query !== undefined);
      main = queries.length > 0 ? skillReply(queries, ctx) : noAnswer(said(intent), ctx, intent);
      break;
    }
    case 'about':
      main = topicAnswer(top.id, ctx);
      break;
    case 'experience': {
      main = experienceAnswer({ ...intent, kind: 'experience', organisation: null, organisationKnown: false }, ctx);
      break;
    }
    case 'education':
      main = educationAnswer(ctx, intent);
      break;
    case 'research':
      main = researchAnswer(intent, ctx);
      break;
    case 'learning':
      main = learningAnswer(intent, ctx);
      break;
    case 'blogs':
      main = blogsAnswer(intent, ctx);
      break;
    case 'contact':
      main = contactAnswer(profile.identity.links.find((link) => link.kind === top.id)?.kind ?? null, ctx);
      break;
  }
  const embeds = [...(main.embeds ?? [])];
  for (const embed of extra) if (embeds.length < 10 && measureEmbeds([...embeds, embed]) <= ANSWER_BUDGET) embeds.push(embed);
  return { ...main, embeds };
}

/** A skills-section hit as a skill question, so that "docker?" reads as "does he know docker?". */
function skillQueryFor(hit: Pick<SearchHit, 'id'>, ctx: Ctx): SkillQuery | undefined {
  for (const level of ['expert', 'intermediate', 'basic', 'learning'] as const) {
    const skill = ctx.profile.skills[level].find((each) => slugify(each.name) === hit.id);
    if (skill) return { asked: skill.name, tokens: tokenize(skill.name), matches: [{ skill, level, shown: skill.name, via: 'name' }] };
  }
  return undefined;
}
