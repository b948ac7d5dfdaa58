// /project name: one project's full card. The name may be the id autocomplete
// sends, a name or alias in any case, or anything the search finds in the
// projects (so "lookahed" still opens Lookahead).
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { MEMBER_OPTION, PRIVATE_OPTION, stringOption } from '../src/bot/options.js';
import { OWNER_ID } from '../src/search/community.js';
import type { Portfolio, CommandModule } from '../src/bot/types.js';
import { nameKey } from '../src/profile/name-key.js';
import type { Project } from '../src/profile/schema.js';
import { buildProjectCard } from '../src/replies/cards/project.js';
import { findProject, matchProjects, noMatchPayload, normaliseQuery } from './projects.js';

export function resolveProject(portfolio: Portfolio, name: string): Project | undefined {
  const byId = findProject(portfolio, name.trim());
  if (byId) return byId;
  const wanted = nameKey(name);
  if (wanted === '') return undefined;
  const byName = portfolio.profile.projects.find((project) =>
    [project.name, ...(project.aliases ?? [])].some((known) => nameKey(known) === wanted),
  );
  return byName ?? matchProjects(portfolio, normaliseQuery(name))[0]?.project;
}

/** The owner's project by id, name or alias exactly (what outranks a member's best match). */
function resolveOwnProject(portfolio: Portfolio, name: string): Project | undefined {
  const wanted = nameKey(name);
  return (
    findProject(portfolio, name.trim()) ??
    portfolio.profile.projects.find((project) => [project.name, ...(project.aliases ?? [])].some((known) => nameKey(known) === wanted))
  );
}

export const project = {
  definition: {
    name: 'project',
    description: "One project's full card: results, highlights, links (e.g. /project name:<a project's name>)",
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'name',
        description: 'The project: start typing and pick one, or type a name or alias',
        required: true,
        autocomplete: true,
        max_length: 100,
      },
      MEMBER_OPTION,
      PRIVATE_OPTION,
    ],
  },
  execute(input, portfolio) {
    const name = stringOption(input, 'name') ?? '';
    // In a server with member portfolios, the best-matching project of anyone's; a member's card says whose.
    const best = portfolio.community?.search.search(name, { section: 'projects', limit: 1 })[0];
    const member = best && best.entry.owner.id !== OWNER_ID ? portfolio.community?.members.get(best.entry.owner.id) : undefined;
    if (best && member && !resolveOwnProject(portfolio, name)) {
      const found = findProject(member.portfolio, best.entry.doc.id);
      if (found) {
        const card = buildProjectCard(found, member.portfolio.profile);
        return { embeds: [{ ...card.embed, author: { name: `${member.owner.name}'s portfolio` } }], components: card.rows };
      }
    }
    const found = resolveProject(portfolio, name);
    if (!found) return noMatchPayload(portfolio, name, input.user.id, 'name');
    const card = buildProjectCard(found, portfolio.profile);
    return { embeds: [card.embed], components: card.rows };
  },
  autocomplete: (focused, input, portfolio) => {
    if (focused.name !== 'name') return [];
    if (!portfolio.community) return portfolio.search.suggestProjects(focused.value);
    return portfolio.community.search.suggest(focused.value, { section: 'projects', member: stringOption(input, 'member') });
  },
} as const satisfies CommandModule;
