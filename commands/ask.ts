import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { answerQuestion } from '../src/ask/index.js';
import { describeQuestion } from '../src/ask/facts.js';
import { MEMBER_OPTION, PRIVATE_OPTION, stringOption } from '../src/bot/options.js';
import type { CommandModule } from '../src/bot/types.js';
import { answerInServer, describeInServer } from './ask-server.js';

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
  // In a server with member portfolios, every profile there is asked (member:… has already narrowed it to one).
  execute: (input, portfolio) => {
    const question = stringOption(input, 'question') ?? '';
    if (portfolio.community) return answerInServer(question, portfolio, portfolio.community, input.surface);
    return answerQuestion(question, portfolio, input.surface);
  },
  describe: (input, portfolio) => {
    const question = stringOption(input, 'question') ?? '';
    if (portfolio.community) return describeInServer(question, portfolio, portfolio.community);
    return describeQuestion(question, portfolio);
  },
} as const satisfies CommandModule;
