import { PRIVATE_OPTION } from '../src/bot/options.js';
import type { CommandModule } from '../src/bot/types.js';
import { buildAboutCard } from '../src/replies/cards/about.js';

export const about = {
  definition: {
    name: 'about',
    description: 'Background, research interests, philosophy, free time, current work and public links',
    options: [PRIVATE_OPTION],
  },
  execute: (_input, portfolio) => buildAboutCard(portfolio.profile),
} as const satisfies CommandModule;
