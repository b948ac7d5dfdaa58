import { PRIVATE_OPTION } from '../src/bot/options.js';
import type { CommandModule } from '../src/bot/types.js';
import { buildContactCard } from '../src/replies/cards/contact.js';

export const contact = {
  definition: {
    name: 'contact',
    description: 'Public contact links: e-mail, GitHub, Twitter, LinkedIn and the résumé',
    options: [PRIVATE_OPTION],
  },
  execute: (_input, portfolio) => buildContactCard(portfolio.profile),
} as const satisfies CommandModule;
