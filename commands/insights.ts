import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { CommandModule } from '../src/bot/types.js';
import { UserError } from '../src/bot/types.js';

/** What everyone but the owner gets: said kindly, privately (a UserError is an ephemeral reply). */
export const INSIGHTS_REFUSAL =
  "Sorry — /insights is only for this bot's owner (and their team): it shows what people ask the bot, " +
  'so that they can fill the gaps in the profile. Try /help for what I can tell you.';

/**
 * /insights: the owner's report is built by the gateway transport (it reads the
 * database and the application's owner, which a pure handler cannot); what
 * reaches this handler is anyone else's call, or a transport without insights.
 */
export const insights = {
  definition: {
    name: 'insights',
    description: "For the bot's owner: what people asked, what went unanswered, what to add to the profile",
    options: [
      {
        type: ApplicationCommandOptionType.Integer,
        name: 'days',
        description: 'The last N days (default: all that is kept)',
        required: false,
        min_value: 1,
        max_value: 3650,
      },
    ],
  },
  execute: () => {
    throw new UserError(INSIGHTS_REFUSAL);
  },
} as const satisfies CommandModule;
