// /portfolio-mod remove|reports: for the server's moderators. Discord hides it
// from members without Manage Server (default_member_permissions), and the
// permissions the interaction carries are checked again here: a client or a
// server's own overrides may still let someone run it.
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { stringOption } from '../src/bot/options.js';
import type { CommandInput, CommandModule } from '../src/bot/types.js';
import { UserError } from '../src/bot/types.js';
import { buildReportsCard, privateNotice } from '../src/replies/cards/community.js';
import { cleanUserText, isSnowflake } from '../src/replies/index.js';
import { inServer } from './portfolio.js';

/** Manage Server, and Administrator (which implies every permission). */
const MANAGE_GUILD = 1n << 5n;
const ADMINISTRATOR = 1n << 3n;

export function canModerate(input: Pick<CommandInput, 'memberPermissions'>): boolean {
  const text = input.memberPermissions;
  if (text === undefined || !/^\d{1,40}$/.test(text)) return false;
  const bits = BigInt(text);
  return (bits & MANAGE_GUILD) !== 0n || (bits & ADMINISTRATOR) !== 0n;
}

export const portfolioMod = {
  definition: {
    name: 'portfolio-mod',
    description: 'Moderate member portfolios: remove one, list reports (Manage Server)',
    dm_permission: false,
    default_member_permissions: String(MANAGE_GUILD),
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'remove',
        description: "Remove a member's portfolio from this server",
        options: [
          { type: ApplicationCommandOptionType.User, name: 'member', description: 'Whose portfolio', required: true },
          {
            type: ApplicationCommandOptionType.String,
            name: 'reason',
            description: 'Why (kept in the log)',
            required: true,
            max_length: 200,
          },
        ],
      },
      { type: ApplicationCommandOptionType.Subcommand, name: 'reports', description: 'Reports on member portfolios, newest first' },
    ],
  },
  execute() {
    throw new UserError('/portfolio-mod works in a Discord server.');
  },
  async run(input, portfolio, context) {
    const { guildId, community } = inServer(input, context);
    if (!canModerate(input)) throw new UserError('Only members with the Manage Server permission can moderate portfolios.');
    if (input.subcommand === 'reports') {
      const reports = await community.reports(guildId, 25);
      const nameOf = (id: string) => portfolio.community?.members.get(id)?.owner.name ?? `user ${id}`;
      return buildReportsCard(reports.map((report) => ({ ...report, memberName: nameOf(report.memberId) })));
    }
    if (input.subcommand === 'remove') {
      const member = stringOption(input, 'member') ?? '';
      const reason = stringOption(input, 'reason') ?? '';
      if (!isSnowflake(member)) throw new UserError('Pick the member whose portfolio to remove.');
      const name = portfolio.community?.members.get(member)?.owner.name;
      const removed = await community.remove(guildId, member);
      return privateNotice(
        removed
          ? `Removed ${cleanUserText(name ?? `user ${member}`, 40)}'s portfolio from this server (reason: ${cleanUserText(reason, 200)}).`
          : 'That member has no portfolio in this server.',
      );
    }
    throw new UserError('Use /portfolio-mod remove or /portfolio-mod reports.');
  },
} as const satisfies CommandModule;
