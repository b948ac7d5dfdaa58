// Every slash command, in the order /help lists them. The definitions are plain
// data: `deploy` imports this file without starting anything.
import type { CommandModule } from '../src/bot/types.js';
import { about } from './about.js';
import { ask } from './ask.js';
import { blogs } from './blogs.js';
import { contact } from './contact.js';
import { experience } from './experience.js';
import { createHelpCommand } from './help.js';
import { insights } from './insights.js';
import { learning } from './learning.js';
import { portfolio } from './portfolio.js';
import { portfolioMod } from './portfolio-mod.js';
import { project } from './project.js';
import { projects } from './projects.js';
import { research } from './research.js';
import { resume } from './resume.js';
import { search } from './search.js';
import { skills } from './skills.js';
import { who } from './who.js';

export const COMMANDS: readonly CommandModule[] = [
  about,
  projects,
  project,
  experience,
  research,
  learning,
  blogs,
  skills,
  contact,
  resume,
  search,
  ask,
  who,
  portfolio,
  portfolioMod,
  createHelpCommand(() => COMMANDS),
  insights,
];
