import { PRIVATE_OPTION } from '../src/bot/options.js';
import type { CommandModule } from '../src/bot/types.js';
import { buildResearchCard } from '../src/replies/cards/research.js';

export const research = {
  definition: {
    name: 'research',
    description: 'Research in progress: what each is about, its status and links',
    options: [PRIVATE_OPTION],
  },
  execute: (_input, portfolio) => buildResearchCard(portfolio.profile),
} as const satisfies CommandModule;
