import { PRIVATE_OPTION } from '../src/bot/options.js';
import type { CommandModule } from '../src/bot/types.js';
import { buildLearningCard } from '../src/replies/cards/learning.js';

export const learning = {
  definition: {
    name: 'learning',
    description: 'Learning now: courses with progress and links, and skills being picked up',
    options: [PRIVATE_OPTION],
  },
  execute: (_input, portfolio) => buildLearningCard(portfolio.profile),
} as const satisfies CommandModule;
