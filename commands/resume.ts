import { PRIVATE_OPTION } from '../src/bot/options.js';
import type { CommandModule } from '../src/bot/types.js';
import { buildResumeCard } from '../src/replies/cards/contact.js';

export const resume = {
  definition: {
    name: 'resume',
    description: 'A link to the résumé (PDF)',
    options: [PRIVATE_OPTION],
  },
  execute: (_input, portfolio) => buildResumeCard(portfolio.profile),
} as const satisfies CommandModule;
