import { PRIVATE_OPTION } from '../src/bot/options.js';
import type { CommandModule } from '../src/bot/types.js';
import { buildExperienceCard } from '../src/replies/cards/experience.js';

export const experience = {
  definition: {
    name: 'experience',
    description: 'Roles with dates and highlights, and education',
    options: [PRIVATE_OPTION],
  },
  execute: (_input, portfolio) => buildExperienceCard(portfolio.profile),
} as const satisfies CommandModule;
