// Every slash command, in the order /help lists them. The definitions are plain
// data: `deploy` imports this file without starting anything.
import type { CommandModule } from '../src/bot/types.js';
import { contact } from './contact.js';
import { resume } from './resume.js';

export const COMMANDS: readonly CommandModule[] = [
  contact,
  resume,
];
