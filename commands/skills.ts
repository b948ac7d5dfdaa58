import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { PRIVATE_OPTION, stringOption } from '../src/bot/options.js';
import type { CommandModule } from '../src/bot/types.js';
import { UserError } from '../src/bot/types.js';
import { SKILL_LEVELS } from '../src/profile/constants.js';
import { buildSkillsCard, parseSkillLevel, SKILL_LEVEL_LABELS } from '../src/replies/cards/skills.js';
import { cleanUserText } from '../src/replies/index.js';

export const skills = {
  definition: {
    name: 'skills',
    description: 'Skills by level: expert, intermediate, basic, learning',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'level',
        description: 'Only this level, with notes',
        required: false,
        choices: SKILL_LEVELS.map((level) => ({ name: SKILL_LEVEL_LABELS[level], value: level })),
      },
      PRIVATE_OPTION,
    ],
  },
  execute(input, portfolio) {
    const typed = stringOption(input, 'level');
    if (typed === undefined) return buildSkillsCard(portfolio.profile);
    const level = parseSkillLevel(typed);
    if (!level) {
      throw new UserError(
        `There is no skill level “${cleanUserText(typed, 40)}”. Pick one of ${SKILL_LEVELS.join(', ')}, or leave it out for all of them.`,
      );
    }
    return buildSkillsCard(portfolio.profile, level);
  },
} as const satisfies CommandModule;
