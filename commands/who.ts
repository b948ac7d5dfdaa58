// /who query: the members of this server whose portfolios match a topic, best
// first, each with their best-matching entry and a button to open their card.
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { stringOption } from '../src/bot/options.js';
import type { CommandModule, Portfolio } from '../src/bot/types.js';
import { MEMBERS_UNAVAILABLE, UserError } from '../src/bot/types.js';
import { OWNER_ID } from '../src/search/community.js';
import { buildWhoCard, type WhoRow } from '../src/replies/cards/community.js';

/** Entries read to rank the members: the search's own cap. */
const READ = 100;

/** Members ranked by their best entry's score, then by how many entries matched. */
export function rankMembers(portfolio: Portfolio, query: string): WhoRow[] {
  const hits = portfolio.community?.search.search(query, { limit: READ }) ?? [];
  const rows = new Map<string, WhoRow>();
  for (const hit of hits) {
    const { owner } = hit.entry;
    if (owner.id === OWNER_ID) continue;
    const row = rows.get(owner.id);
    if (row) row.matches++;
    else rows.set(owner.id, { owner, best: hit, matches: 1 });
  }
  return [...rows.values()].sort((a, b) => b.best.score - a.best.score || b.matches - a.matches);
}

export const who = {
  definition: {
    name: 'who',
    description: "Who in this server has worked on a topic: members' portfolios, best match first",
    dm_permission: false,
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'query',
        description: 'A topic, e.g. optimizers, satellite imagery',
        required: true,
        max_length: 200,
      },
    ],
  },
  execute(input, portfolio) {
    const query = stringOption(input, 'query');
    if (query === undefined) throw new UserError('Type a topic, e.g. /who optimizers');
    if (!portfolio.community) {
      if (portfolio.membersUnavailable) throw new UserError(MEMBERS_UNAVAILABLE);
      throw new UserError(
        input.guildId === undefined
          ? '/who searches the portfolios members share in a server: run it there.'
          : 'No one in this server has shared a portfolio yet: /portfolio submit adds yours.',
      );
    }
    return buildWhoCard(query, rankMembers(portfolio, query), input.user.id);
  },
} as const satisfies CommandModule;
