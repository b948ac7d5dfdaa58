// Project cards: the full card of one project, the paged list of projects (by
// category, or the matches of a query in rank order), the compact "also
// matching" embed and the select menu that opens any of them.
//
// Profile text is trusted and shown as written; anything a user typed arrives
// here already escaped (cleanUserText) by the caller.
import { ComponentType, type APIEmbed, type APIEmbedField } from 'discord-api-types/v10';
import { ZWSP } from '../../characters.js';
import type { Profile, Project, ProjectLinkKind, ProjectStatus } from '../../profile/schema.js';
import { LIMITS, measureEmbeds, truncate } from '../index.js';
import type { LinkButton, MenuOption, ReplyRow } from '../types.js';
import { author, bullets, categoryColour, COLOURS, field, footer, linkButton, linkRows } from './common.js';

/** What a card's embed text may use of the 6000 a message allows (room left for a second embed). */
export const CARD_BUDGET = 5000;
/** Projects per page of /projects: two categories' worth, and a page far below the limits. */
export const PROJECT_PAGE_SIZE = 5;
const SHORT_SUMMARY = 90;

const LINK_LABEL: Record<ProjectLinkKind, string> = {
  repo: 'Repo',
  report: 'Report',
  paper: 'Paper',
  demo: 'Demo',
  gist: 'Gist',
  competition: 'Competition',
  post: 'Post',
};
const LINK_EMOJI: Record<ProjectLinkKind, string> = {
  repo: '💻',
  report: '📊',
  paper: '📄',
  demo: '🚀',
  gist: '📝',
  competition: '🏆',
  post: '📰',
};
const STATUS: Record<Exclude<ProjectStatus, 'active'>, { label: string; emoji: string }> = {
  unmaintained: { label: 'Unmaintained', emoji: '💤' },
  dropped: { label: 'Dropped', emoji: '🛑' },
};

export const CARD_FOOTER = '/projects <query> to search · /projects to browse · /skills · /contact';

export interface ProjectCard {
  embed: APIEmbed;
  /** Link buttons, one per link, five to a row. */
  rows: ReplyRow[];
}

/** The page a project's title links to: its repo, else its first link. */
export function projectUrl(project: Project): string | undefined {
  return (project.links.find((link) => link.kind === 'repo') ?? project.links[0])?.url;
}

export function categoryName(profile: Profile, categoryId: string): string {
  return profile.categories.find((category) => category.id === categoryId)?.name ?? categoryId;
}

/** "Accuracy: **99.26 %** — on 10% of the training data …" */
export function formatMetric(metric: NonNullable<Project['metrics']>[number]): string {
  return `${metric.name}: **${metric.value}**${metric.context ? ` — ${metric.context}` : ''}`;
}

/** "💤 Unmaintained" / "🛑 Dropped"; undefined for an active project. */
export function statusBadge(project: Project): string | undefined {
  if (project.status === 'active') return undefined;
  const { emoji, label } = STATUS[project.status];
  return `${emoji} ${label}`;
}

/** The summary's first sentence, cut to `max`. */
export function shortSummary(project: Project, max = SHORT_SUMMARY): string {
  const first = /^.+?[.!?](?=\s|$)/s.exec(project.summary)?.[0] ?? project.summary;
  return truncate(first.replace(/\s+/g, ' '), max);
}

/**
 * Lines joined by `separator`, as many whole lines as fit in `max`; a first line
 * too long on its own is cut. What is left out is counted in a last line.
 */
function fitLines(lines: readonly string[], max: number, separator = '\n'): string {
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const next = out === '' ? line : out + separator + line;
    const rest = lines.length - i - 1;
    // Keep room for the "…and N more" line unless this is the last line.
    const reserve = rest > 0 ? separator.length + 16 : 0;
    if (next.length + reserve <= max) {
      out = next;
      continue;
    }
    if (out === '') return truncate(line, max);
    const more = `${separator}…and ${lines.length - i} more`;
    return out.length + more.length <= max ? out + more : out;
  }
  return out;
}

const STOP_WORDS = new Set(['the', 'and', 'for', 'with', 'that', 'this', 'was', 'are', 'you', 'have', 'from', 'not', 'any', 'but']);
const wordsOf = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}%#.]+/u)
    .map((word) => word.replace(/\.+$/, ''))
    .filter((word) => word.length >= 3 && !STOP_WORDS.has(word));

/**
 * The details worth showing besides the summary, highlights and status note: a
 * paragraph most of whose words those already say is left out.
 */
const detailsCache = new WeakMap<Project, string[]>();

export function importantDetails(project: Project): string[] {
  // Projects are immutable values of one loaded profile: compute once per project.
  let cached = detailsCache.get(project);
  if (!cached) detailsCache.set(project, (cached = computeImportantDetails(project)));
  return cached;
}

function computeImportantDetails(project: Project): string[] {
  const known = new Set(wordsOf([project.summary, ...(project.highlights ?? []), project.statusNote ?? ''].join(' ')));
  return project.details.filter((paragraph) => {
    const words = wordsOf(paragraph);
    if (words.length === 0) return false;
    const fresh = words.filter((word) => !known.has(word)).length;
    return fresh / words.length > 0.25;
  });
}

function linkButtons(project: Project): LinkButton[] {
  return project.links
    .filter((link) => /^https?:\/\//.test(link.url))
    .map((link) => linkButton(LINK_LABEL[link.kind], link.url, LINK_EMOJI[link.kind]));
}

function codeBlock(language: string, code: string, max: number): string {
  const open = '```' + language + '\n';
  const close = '\n```';
  // A fence inside the code would end the block early.
  const lines = code.replaceAll('```', `\`${ZWSP}\`\``).split('\n');
  return open + fitLines(lines, max - open.length - close.length) + close;
}

/**
 * The full card of one project. Fields, in order: Status (only when not
 * active), Results, Highlights, Details, Usage, Built with (inline), Category
 * (inline). Details take what is left of `budget` (embed text characters), so
 * the whole card fits without losing its last fields.
 */
export function buildProjectCard(project: Project, profile: Profile, options: { budget?: number } = {}): ProjectCard {
  const budget = options.budget ?? CARD_BUDGET;
  const before: APIEmbedField[] = [];
  const after: APIEmbedField[] = [];

  const badge = statusBadge(project);
  if (badge) before.push(field('Status', truncate(`${badge}${project.statusNote ? ` — ${project.statusNote}` : ''}`, LIMITS.fieldValue)));
  if (project.metrics?.length) {
    const lines = project.metrics.map(formatMetric);
    before.push(field('Results', fitLines(lines, LIMITS.fieldValue)));
  }
  if (project.highlights?.length) before.push(field('Highlights', fitLines(bullets(project.highlights).split('\n'), LIMITS.fieldValue)));

  if (project.usage) after.push(field('Usage', codeBlock(project.usage.language, project.usage.code, LIMITS.fieldValue)));
  if (project.tools?.length) after.push(field('Built with', fitLines(project.tools, LIMITS.fieldValue, ', '), true));
  after.push(field('Category', categoryName(profile, project.category), true));

  const url = projectUrl(project);
  const embed: APIEmbed = {
    title: truncate(project.name, LIMITS.title),
    ...(url ? { url } : {}),
    description: project.summary,
    color: categoryColour(profile, project.category),
    author: author(profile),
    fields: [...before, ...after],
    footer: footer(CARD_FOOTER),
    ...(project.image ? { image: { url: project.image.url } } : {}),
  };

  const room = Math.min(LIMITS.fieldValue, budget - measureEmbeds([embed]) - 'Details'.length);
  const details = importantDetails(project);
  if (details.length > 0 && room >= 120) {
    // Short notes read best as a list, whole paragraphs as paragraphs.
    const short = details.every((paragraph) => paragraph.length <= 160);
    const value = short
      ? fitLines(
          details.map((paragraph) => `• ${paragraph}`),
          room,
        )
      : fitLines(details, room, '\n\n');
    embed.fields = [...before, field('Details', value), ...after];
  }
  return { embed, rows: linkRows(linkButtons(project), 2) };
}

/** One line of a list: linked name, a short summary, and the status when not active. */
export function projectLine(project: Project, extra?: string): string {
  const url = projectUrl(project);
  const name = project.name.replace(/[[\]]/g, '\\$&');
  const badge = statusBadge(project);
  const parts = [url ? `**[${name}](${url})**` : `**${name}**`, shortSummary(project)];
  const tail = [extra, badge].filter((part): part is string => part !== undefined).join(' · ');
  return `• ${parts.join(' — ')}${tail ? ` · ${tail}` : ''}`;
}

/** Lines as fields under one name: continued in another field ("(cont.)") when a value is full. */
function fieldsOf(name: string, lines: readonly string[]): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  let value = '';
  for (const line of lines) {
    const piece = truncate(line, LIMITS.fieldValue);
    if (value && value.length + 1 + piece.length > LIMITS.fieldValue) {
      fields.push(field(fields.length === 0 ? name : `${name} (cont.)`, value));
      value = '';
    }
    value = value ? `${value}\n${piece}` : piece;
  }
  if (value) fields.push(field(fields.length === 0 ? name : `${name} (cont.)`, value));
  return fields.map((f) => ({ ...f, name: truncate(f.name, LIMITS.fieldName) }));
}

export interface ListPage {
  page: number;
  pages: number;
  total: number;
}

/** A page of every project, grouped by category (the items arrive in category order). */
export function buildProjectListEmbed(profile: Profile, items: readonly Project[], at: ListPage): APIEmbed {
  const fields: APIEmbedField[] = [];
  let group: { category: string; lines: string[] } | undefined;
  const flush = (): void => {
    if (group) fields.push(...fieldsOf(categoryName(profile, group.category), group.lines));
  };
  for (const project of items) {
    if (group?.category !== project.category) {
      flush();
      group = { category: project.category, lines: [] };
    }
    group.lines.push(projectLine(project));
  }
  flush();
  const categories = new Set(profile.projects.map((project) => project.category)).size;
  return {
    title: `${profile.identity.name} — projects`,
    description: `${at.total} projects in ${categories} categories. Pick one from the menu below to open its card.`,
    color: COLOURS.brand,
    author: author(profile),
    fields: fields.slice(0, LIMITS.fields),
    footer: footer(`Page ${at.page + 1} of ${at.pages} · /project <name> opens one · /projects <query> searches`),
  };
}

export interface RankedProject {
  project: Project;
  score: number;
}

const percent = (score: number): string => `${Math.round(score * 100)} %`;

/** A page of the matches of a query, in rank order. `echo` is the query, already escaped. */
export function buildMatchListEmbed(profile: Profile, matches: readonly RankedProject[], echo: string, at: ListPage): APIEmbed {
  const lines = matches.map(({ project, score }) => projectLine(project, `match ${percent(score)}`));
  return {
    title: truncate(`Projects matching “${echo}”`, LIMITS.title),
    description: fitLines(lines, 4000),
    color: COLOURS.brand,
    author: author(profile),
    footer: footer(
      `Page ${at.page + 1} of ${at.pages} · ${at.total} ${at.total === 1 ? 'match' : 'matches'} · pick one from the menu to open it`,
    ),
  };
}

/** The runners-up under the best match's card. `echo` is the query, already escaped. */
export function buildAlsoMatchingEmbed(others: readonly RankedProject[], echo: string, shown = 8): APIEmbed {
  const lines = others
    .slice(0, shown)
    .map(({ project, score }) => `• **${project.name}** (${percent(score)}) — ${shortSummary(project, 80)}`);
  if (others.length > shown) lines.push(`…and ${others.length - shown} more in the menu below`);
  return {
    title: truncate(`Also matching “${echo}”`, LIMITS.title),
    description: fitLines(lines, 1500),
    color: COLOURS.notice,
  };
}

/** A select menu opening any of `projects` (the first 25). */
export function projectSelectRow(projects: readonly Project[], customId: string, placeholder = 'Open a project…'): ReplyRow | undefined {
  const options: MenuOption[] = projects.slice(0, LIMITS.selectOptions).map((project) => ({
    label: truncate(project.name, LIMITS.selectOptionText),
    value: project.id,
    description: shortSummary(project, LIMITS.selectOptionText),
    ...(project.status === 'active' ? {} : { emoji: { name: STATUS[project.status].emoji } }),
  }));
  if (options.length === 0) return undefined;
  return { type: ComponentType.ActionRow, components: [{ type: ComponentType.StringSelect, custom_id: customId, placeholder, options }] };
}
