import { PRIVATE_OPTION } from '../src/bot/options.js';
import type { CommandModule } from '../src/bot/types.js';
import { buildBlogsCard } from '../src/replies/cards/blogs.js';

export const blogs = {
  definition: {
    name: 'blogs',
    description: 'Blog posts and tutorials, with links',
    options: [PRIVATE_OPTION],
  },
  execute: (_input, portfolio) => buildBlogsCard(portfolio.profile),
} as const satisfies CommandModule;
