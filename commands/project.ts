// /project name: one project's full card. The name may be the id autocomplete
// sends, a name or alias in any case, or anything the search finds in the
// projects (so "lookahed" still opens Lookahead).
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { PRIVATE_OPTION, stringOption } from '../src/bot/options.js';
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

export const project = {
  definition: {
    name: 'project',
    description: "One project's full card: results, highlights, links (e.g. /project name:Lookahead)",
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'name',
        description: 'The project: start typing and pick one, or type a name or alias',
        required: true,
        autocomplete: true,
        max_length: 100,
      },
      PRIVATE_OPTION,
    ],
  },
  execute(input, portfolio) {
    const name = stringOption(input, 'name') ?? '';
    const found = resolveProject(portfolio, name);
    if (!found) return noMatchPayload(portfolio, name, input.user.id, 'name');
    const card = buildProjectCard(found, portfolio.profile);
    return { embeds: [card.embed], components: card.rows };
  },
  autocomplete: (focused, _input, portfolio) => (focused.name === 'name' ? portfolio.search.suggestProjects(focused.value) : []),
} as const satisfies CommandModule;
