import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { answerQuestion } from '../src/ask/index.js';
import { describeQuestion } from '../src/ask/facts.js';
import { MEMBER_OPTION, PRIVATE_OPTION, stringOption } from '../src/bot/options.js';
import type { CommandModule } from '../src/bot/types.js';

export const ask = {
  definition: {
    name: 'ask',
    description: 'Ask a question in plain words: skills, projects, experience, how to get in touch…',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'question',
        description: 'Your question, e.g. "which projects use PyTorch?" or "how can I get in touch?"',
        required: true,
        max_length: 500,
      },
      MEMBER_OPTION,
      PRIVATE_OPTION,
    ],
  },
  // DM text and mentions arrive here too (dispatcher.message), of any length.
  execute: (input, portfolio) => answerQuestion(stringOption(input, 'question') ?? '', portfolio, input.surface),
  describe: (input, portfolio) => describeQuestion(stringOption(input, 'question') ?? '', portfolio),
} as const satisfies CommandModule;
