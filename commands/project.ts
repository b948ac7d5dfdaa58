// /project name: one project's full card. The name may be the id autocomplete
// sends, a name or alias in any case, or anything the search finds in the
// projects (so "lookahed" still opens Lookahead).
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { PRIVATE_OPTION, stringOption } from '../src/bot/options.js';
import type { Bot, CommandModule } from '../src/bot/types.js';
import { nameKey } from '../src/profile/name-key.js';
import type { Project } from '../src/profile/schema.js';
import { buildProjectCard } from '../src/replies/cards/project.js';
import { findProject, matchProjects, noMatchPayload, normaliseQuery } from './projects.js';

export function resolveProject(bot: Bot, name: string): Project | undefined {
  const byId = findProject(bot, name.trim());
  if (byId) return byId;
  const wanted = nameKey(name);
  if (wanted === '') return undefined;
  const byName = bot.profile.projects.find((project) => [project.name, ...(project.aliases ?? [])].some((known) => nameKey(known) === wanted));
  return byName ?? matchProjects(bot, normaliseQuery(name))[0]?.project;
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
  execute(input, bot) {
    const name = stringOption(input, 'name') ?? '';
    const found = resolveProject(bot, name);
    if (!found) return noMatchPayload(bot, name, input.user.id, 'name');
    const card = buildProjectCard(found, bot.profile);
    return { embeds: [card.embed], components: card.rows };
  },
  autocomplete: (focused, _input, bot) => (focused.name === 'name' ? bot.search.suggestProjects(focused.value) : []),
} as const satisfies CommandModule;
