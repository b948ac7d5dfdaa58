// /projects [query]: every project by category (paged), or the best match of a
// query as a full card with the other matches listed under it. Its components
// (custom_id command "projects") also serve /project's "did you mean" menu:
//   page  — a page of the list (of the matches, when the state has a key);
//   open  — a select: the chosen project's card, in place for the asker and
//           privately for anyone else.
import { ApplicationCommandOptionType, ButtonStyle, ComponentType, MessageFlags } from 'discord-api-types/v10';
import { MEMBER_OPTION, PRIVATE_OPTION, stringOption } from '../src/bot/options.js';
import { buildCommunityProjectsCard } from '../src/replies/cards/community.js';
import type { Portfolio, CommandModule, ComponentInput, ComponentResult } from '../src/bot/types.js';
import { UserError } from '../src/bot/types.js';
import { NOT_IN_CUSTOM_ID } from '../src/characters.js';
import type { Project } from '../src/profile/schema.js';
import type { CommunityHit, CommunitySearch } from '../src/search/community.js';
import {
  buildAlsoMatchingEmbed,
  buildMatchListEmbed,
  buildProjectCard,
  buildProjectListEmbed,
  CARD_BUDGET,
  PROJECT_PAGE_SIZE,
  projectSelectRow,
  type RankedProject,
} from '../src/replies/cards/project.js';
import { cleanUserText, encodeCustomId, isSnowflake, paginate, pagerRow, type ReplyPayload, type ReplyRow } from '../src/replies/index.js';

/** Characters of a query echoed back in a reply. */
const ECHO_MAX = 80;

/** The user part of a custom_id: only a snowflake can be encoded. */
function owner(userId: string): { user: string } | Record<string, never> {
  return isSnowflake(userId) ? { user: userId } : {};
}

/**
 * A query as it is searched and carried in custom_ids: control, format and
 * zero-width characters become spaces (a custom_id holding one is refused).
 */
export function normaliseQuery(query: string): string {
  return query.replace(NOT_IN_CUSTOM_ID, ' ').replace(/\s+/g, ' ').trim();
}

export function findProject(portfolio: Portfolio, id: string): Project | undefined {
  return portfolio.profile.projects.find((project) => project.id === id);
}

/** Projects matching `query`, best first, at most 25. */
export function matchProjects(portfolio: Portfolio, query: string): RankedProject[] {
  return portfolio.search
    .search(query, { section: 'projects', limit: 25 })
    .map((hit) => ({ project: findProject(portfolio, hit.id), score: hit.score }))
    .filter((match): match is RankedProject => match.project !== undefined);
}

/** Projects in category order (the profile's order within a category). */
function projectsByCategory(portfolio: Portfolio): Project[] {
  const rank = new Map(portfolio.profile.categories.map((category, index) => [category.id, index]));
  return portfolio.profile.projects
    .map((project, index) => ({ project, index }))
    .sort((a, b) => (rank.get(a.project.category) ?? 99) - (rank.get(b.project.category) ?? 99) || a.index - b.index)
    .map(({ project }) => project);
}

/** How many projects are suggested when a name matches none. */
const SUGGESTIONS = 3;

/** Up to three names worth suggesting for `input`: its closest projects, then the notable ones. */
export function closestProjects(portfolio: Portfolio, input: string): Project[] {
  const ids = [...portfolio.search.suggestProjects(normaliseQuery(input).slice(0, 200)), ...portfolio.search.suggestProjects('')].map(
    (s) => s.value,
  );
  return [...new Set(ids)]
    .map((id) => findProject(portfolio, id))
    .filter((project): project is Project => project !== undefined)
    .slice(0, SUGGESTIONS);
}

function openSelect(projects: readonly Project[], userId: string, key: string, placeholder?: string): ReplyRow | undefined {
  return projectSelectRow(projects, encodeCustomId({ command: 'projects', action: 'open', ...owner(userId), key }), placeholder);
}

const rows = (...list: (ReplyRow | undefined)[]): ReplyRow[] => list.filter((row): row is ReplyRow => row !== undefined);

/**
 * The friendly answer when nothing matches: the query echoed safely, the
 * closest names, what to try, and a menu to open one of the suggestions.
 * Private, like every expected "no" (DESIGN.md).
 */
export function noMatchPayload(portfolio: Portfolio, query: string, userId: string, what: 'match' | 'name'): ReplyPayload {
  const echo = cleanUserText(query, ECHO_MAX) || 'that';
  const suggestions = closestProjects(portfolio, query);
  const names = suggestions.map((project) => `**${project.name}**`);
  const closest = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : (names[0] ?? '');
  const opening = what === 'name' ? `I couldn't find a project called “${echo}”.` : `No project matches “${echo}”.`;
  const lines = [
    opening,
    ...(closest ? [`Did you mean ${closest}?`] : []),
    `Try /projects to browse all ${portfolio.profile.projects.length}, /projects <words> to search${example(portfolio)}, or /skills.`,
  ];
  return {
    content: lines.join('\n'),
    components: rows(openSelect(suggestions, userId, '', 'Open one of these…')),
    flags: MessageFlags.Ephemeral,
  };
}

/** A page of the list: every project by category, or the matches of `key`. */
export function listPayload(portfolio: Portfolio, userId: string, page: number, key = ''): ReplyPayload {
  const query = normaliseQuery(key);
  const state = { command: 'projects', action: 'page', ...owner(userId), key: query };
  if (query === '') {
    const all = projectsByCategory(portfolio);
    const at = paginate(all, PROJECT_PAGE_SIZE, page);
    const embed = buildProjectListEmbed(portfolio.profile, at.items, { page: at.page, pages: at.pages, total: all.length });
    // Every project in the menu when they fit in one; otherwise the page's.
    const choices = all.length <= 25 ? all : at.items;
    return {
      embeds: [embed],
      components: rows(at.pages > 1 ? pagerRow(state, at.page, at.pages) : undefined, openSelect(choices, userId, '')),
    };
  }
  const matches = matchProjects(portfolio, query);
  if (matches.length === 0) return noMatchPayload(portfolio, query, userId, 'match');
  const at = paginate(matches, PROJECT_PAGE_SIZE, page);
  const embed = buildMatchListEmbed(portfolio.profile, at.items, cleanUserText(query, ECHO_MAX), {
    page: at.page,
    pages: at.pages,
    total: matches.length,
  });
  return {
    embeds: [embed],
    components: rows(
      at.pages > 1 ? pagerRow(state, at.page, at.pages) : undefined,
      openSelect(
        matches.map((match) => match.project),
        userId,
        query,
      ),
    ),
  };
}

/** The best match as a full card, the others listed under it, and a menu to open any of them. */
export function searchPayload(portfolio: Portfolio, rawQuery: string, userId: string): ReplyPayload {
  const query = normaliseQuery(rawQuery);
  const matches = matchProjects(portfolio, query);
  const [best, ...others] = matches;
  if (!best) return noMatchPayload(portfolio, rawQuery, userId, 'match');
  const card = buildProjectCard(best.project, portfolio.profile, { budget: CARD_BUDGET - 1500 });
  const embeds = [card.embed];
  if (others.length > 0) embeds.push(buildAlsoMatchingEmbed(others, cleanUserText(query, ECHO_MAX)));
  const select =
    others.length > 0
      ? openSelect(
          matches.map((match) => match.project),
          userId,
          query,
        )
      : undefined;
  return { embeds, components: rows(...card.rows, select) };
}

/** A project's card as the asker's message becomes: its links, a way back to the list, and the menu again. */
function openedPayload(portfolio: Portfolio, project: Project, userId: string, key: string): ReplyPayload {
  const card = buildProjectCard(project, portfolio.profile);
  const query = normaliseQuery(key);
  const listed = query === '' ? projectsByCategory(portfolio) : matchProjects(portfolio, query).map((match) => match.project);
  const choices = listed.length > 0 ? listed : closestProjects(portfolio, query);
  const back: ReplyRow = {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: query === '' ? 'Back to the list' : 'All matches',
        emoji: { name: '📋' },
        custom_id: encodeCustomId({ command: 'projects', action: 'page', page: 0, ...owner(userId), key: query }),
      },
    ],
  };
  return { embeds: [card.embed], components: rows(...card.rows, back, openSelect(choices, userId, query, 'Open another project…')) };
}

function component(input: ComponentInput, portfolio: Portfolio): ComponentResult {
  const { state, values, user } = input;
  switch (state.action) {
    case 'page':
      // The dispatcher has already refused a page press by anyone but the asker.
      return { type: 'update', payload: listPayload(portfolio, user.id, state.page ?? 0, state.key ?? '') };
    case 'open': {
      const id = values[0];
      const project = id === undefined ? undefined : findProject(portfolio, id);
      if (!project) throw new UserError("I don't know that project any more. Run /projects for the current list.");
      if (state.user !== undefined && state.user === user.id) {
        return { type: 'update', payload: openedPayload(portfolio, project, user.id, state.key ?? '') };
      }
      // Someone else's message: show them the card privately, leave the message alone.
      const card = buildProjectCard(project, portfolio.profile);
      return { type: 'reply', payload: { embeds: [card.embed], components: card.rows, flags: MessageFlags.Ephemeral } };
    }
    default:
      throw new UserError('That button only shows where you are in the list.');
  }
}

export const projects = {
  definition: {
    name: 'projects',
    description: 'Browse the projects by category, or search them (e.g. /projects optimizers)',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'query',
        description: 'Words to search the projects for: a name, a tool, a topic',
        required: false,
        max_length: 100,
      },
      MEMBER_OPTION,
      PRIVATE_OPTION,
    ],
  },
  execute(input, portfolio) {
    const query = stringOption(input, 'query');
    // In a server with member portfolios: everyone's projects, each naming whose (member:… narrows to one).
    if (portfolio.community) {
      const { search } = portfolio.community;
      const hits =
        query === undefined || normaliseQuery(query) === ''
          ? firstProjects(search)
          : search.search(query, { section: 'projects', limit: 25 });
      return buildCommunityProjectsCard(query, hits.slice(0, 25), 'the portfolios shared in this server');
    }
    return query === undefined || normaliseQuery(query) === ''
      ? listPayload(portfolio, input.user.id, 0)
      : searchPayload(portfolio, query, input.user.id);
  },
  component,
} as const satisfies CommandModule;

/**
 * The first three projects of each profile, in the order the profiles came, up to 25: the owners after those are
 * not read (the index makes an entry's document each time it is asked for).
 */
function firstProjects(search: CommunitySearch): CommunityHit[] {
  const hits: CommunityHit[] = [];
  for (const owner of search.owners()) {
    if (hits.length >= 25) break;
    const projects = search.entriesOf(owner.id).filter((entry) => entry.doc.section === 'projects');
    for (const entry of projects.slice(0, 3)) hits.push({ entry, score: 1 });
  }
  return hits;
}

/** " (e.g. /projects <a tag of the first project>)": an example that finds something in this profile, whoever it is about. */
function example(portfolio: Portfolio): string {
  const tag = portfolio.profile.projects[0]?.tags.find((each) => !/\s/.test(each));
  return tag ? ` (e.g. /projects ${tag})` : '';
}
