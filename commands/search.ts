import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { MEMBER_OPTION, PRIVATE_OPTION, stringOption } from '../src/bot/options.js';
import { buildCommunitySearchCard } from '../src/replies/cards/community.js';
import type { CommandModule } from '../src/bot/types.js';
import { UserError } from '../src/bot/types.js';
import { buildSearchCard } from '../src/replies/cards/search.js';

export const search = {
  definition: {
    name: 'search',
    description: 'Search every section of the profile, results grouped by section',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'query',
        description: 'Words to look for: a topic, a tool, a place, a name',
        required: true,
        max_length: 200,
        autocomplete: true,
      },
      MEMBER_OPTION,
      PRIVATE_OPTION,
    ],
  },
  execute(input, portfolio) {
    const query = stringOption(input, 'query');
    if (query === undefined) throw new UserError('Type something to look for, e.g. /search <a topic or a tool>');
    // In a server with member portfolios: everyone's, each line naming whose (member:… runs on one portfolio instead).
    if (portfolio.community) {
      const hits = portfolio.community.search.search(query, { limit: 25 });
      return buildCommunitySearchCard(query, hits, 'the portfolios shared in this server');
    }
    return buildSearchCard(portfolio.profile, query, portfolio.search.search(query, { limit: 25 }));
  },
  autocomplete: (focused, input, portfolio) => {
    const member = stringOption(input, 'member');
    return portfolio.community ? portfolio.community.search.suggest(focused.value, { member }) : portfolio.search.suggest(focused.value);
  },
} as const satisfies CommandModule;
