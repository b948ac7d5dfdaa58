// /portfolio submit|show|export|remove|help: a member's own portfolio in the
// server they run it in (issue #17). The store is reached through the context's
// community service; everything a member sees is built in src/replies.
import { ApplicationCommandOptionType, MessageFlags } from 'discord-api-types/v10';
import type { CommandContext, CommandInput, CommandModule, Portfolio, PressResult } from '../src/bot/types.js';
import { MEMBERS_UNAVAILABLE, UserError } from '../src/bot/types.js';
import { stringOption } from '../src/bot/options.js';
import {
  buildMemberCard,
  buildPortfolioHelp,
  buildReportForm,
  cleanReason,
  privateNotice,
  REASON_FIELD,
} from '../src/replies/cards/community.js';
import { isSnowflake, LIMITS, type ReplyPayload } from '../src/replies/index.js';

const ONLY_IN_SERVERS = '/portfolio works in a Discord server, where members share their portfolios with each other.';

/** The community service and the server, or a clear message why there are none. */
export function inServer(input: { guildId?: string | undefined }, context: CommandContext) {
  if (input.guildId === undefined) throw new UserError(ONLY_IN_SERVERS);
  if (!context.community) throw new UserError('Member portfolios are not enabled on this bot (it runs without its database).');
  return { guildId: input.guildId, community: context.community };
}

/** Whether `memberId` shares a portfolio here; throws while member portfolios are unavailable. */
function shares(portfolio: Portfolio, memberId: string): boolean {
  if (portfolio.membersUnavailable) throw new UserError(MEMBERS_UNAVAILABLE);
  return portfolio.community?.members.has(memberId) ?? false;
}

/** The card of `memberId` in this server, or a message saying they have none. */
export function memberCardOf(portfolio: Portfolio, memberId: string, you: boolean) {
  if (portfolio.membersUnavailable) throw new UserError(MEMBERS_UNAVAILABLE);
  const member = portfolio.community?.members.get(memberId);
  if (!member) {
    throw new UserError(
      you
        ? "You haven't shared a portfolio in this server yet: /portfolio submit adds yours."
        : "That member hasn't shared a portfolio in this server.",
    );
  }
  return buildMemberCard(member.owner, member.portfolio.profile);
}

async function run(input: CommandInput, portfolio: Portfolio, context: CommandContext) {
  if (input.subcommand === 'help') return buildPortfolioHelp();
  const { guildId, community } = inServer(input, context);
  switch (input.subcommand) {
    case 'submit': {
      const attachment = input.attachments?.['file'];
      const url = stringOption(input, 'url');
      if (attachment && url) throw new UserError('Give either a file or a url, not both.');
      const outcome = await community.submit({ guildId, member: input.user, attachment, url });
      if (!outcome.ok) return privateNotice(outcome.message);
      const what = outcome.replaced ? 'replaced' : 'saved';
      return privateNotice(
        `Your portfolio is ${what}: ${outcome.entries} entries, searchable in this server now (/who, /search, /projects). ` +
          '/portfolio show to see your card, /portfolio remove to take it down.',
      );
    }
    case 'show': {
      const member = stringOption(input, 'member') ?? input.user.id;
      return memberCardOf(portfolio, member, member === input.user.id);
    }
    case 'export': {
      const stored = await community.exportOf(guildId, input.user.id);
      if (!stored) throw new UserError("You haven't shared a portfolio in this server, so there is nothing to export.");
      return exportReply(stored.source, stored.format);
    }
    case 'remove': {
      const removed = await community.remove(guildId, input.user.id);
      return privateNotice(
        removed
          ? 'Your portfolio is removed from this server: deleted from the database and from search, now.'
          : 'You had no portfolio in this server, so there was nothing to remove.',
      );
    }
    default:
      throw new UserError('Use /portfolio submit, show, export, remove or help.');
  }
}

/** The file an export is attached as: the project's profile name, or JSON Resume's own. */
export function exportFileName(format: 'yaml' | 'json-resume'): string {
  return format === 'json-resume' ? 'resume.json' : 'profile.yaml';
}

/**
 * The stored document, privately, as a file: exactly the text the member
 * submitted (it is theirs, so nothing in it is hidden from them). Discord takes
 * no larger upload than LIMITS.fileBytes; a document stored from the command
 * line could in principle be larger, and the host can export that one.
 */
function exportReply(source: string, format: 'yaml' | 'json-resume'): ReplyPayload {
  const name = exportFileName(format);
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > LIMITS.fileBytes) {
    return privateNotice(
      `Your stored portfolio is ${sizeOf(bytes)}, larger than Discord lets the bot attach. ` +
        'The bot’s host can export it with `portfolio-bot community export --guild … --member …`.',
    );
  }
  return {
    content: `Your portfolio as stored in this server: ${name} (${sizeOf(bytes)}), as you submitted it.`,
    files: [{ name, text: source }],
    flags: MessageFlags.Ephemeral,
  };
}

function sizeOf(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`;
}

export const portfolio = {
  definition: {
    name: 'portfolio',
    description: 'Your own portfolio in this server: submit it, show a member’s, export or remove yours',
    dm_permission: false,
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'submit',
        description: 'Add or replace your portfolio: a profile.yaml or a JSON Resume (resume.json), or its https address',
        options: [
          { type: ApplicationCommandOptionType.Attachment, name: 'file', description: 'Your profile.yaml or resume.json', required: false },
          {
            type: ApplicationCommandOptionType.String,
            name: 'url',
            description: 'An https address of your profile file',
            required: false,
            max_length: 500,
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'show',
        description: 'A member’s portfolio card (yours by default)',
        options: [{ type: ApplicationCommandOptionType.User, name: 'member', description: 'Whose card', required: false }],
      },
      { type: ApplicationCommandOptionType.Subcommand, name: 'export', description: 'Your stored portfolio back, as a file' },
      { type: ApplicationCommandOptionType.Subcommand, name: 'remove', description: 'Delete your portfolio from this server' },
      { type: ApplicationCommandOptionType.Subcommand, name: 'help', description: 'How it works, and what is stored (privacy)' },
    ],
  },
  execute(input) {
    if (input.subcommand === 'help') return buildPortfolioHelp();
    throw new UserError(ONLY_IN_SERVERS);
  },
  run,
  async press(input, portfolio, context): Promise<PressResult> {
    const memberId = input.state.key ?? '';
    if (!isSnowflake(memberId)) throw new UserError("That button doesn't work any more.");
    if (input.state.action === 'open') {
      const card = memberCardOf(portfolio, memberId, memberId === input.user.id);
      return { type: 'reply', payload: { ...card, flags: MessageFlags.Ephemeral } };
    }
    if (input.state.action === 'report') {
      inServer(input, context);
      if (!shares(portfolio, memberId)) throw new UserError('That portfolio is no longer shared here.');
      // The reporter says why in a form; its submit (below) stores the report.
      return { type: 'modal', modal: buildReportForm(memberId) };
    }
    throw new UserError("That button doesn't work any more.");
  },
  async submit(input, portfolio, context) {
    const memberId = input.state.key ?? '';
    if (input.state.action !== 'report' || !isSnowflake(memberId)) throw new UserError("That form doesn't work any more.");
    const { guildId, community } = inServer(input, context);
    if (!shares(portfolio, memberId)) throw new UserError('That portfolio is no longer shared here.');
    // The client's word for the length and the characters is not taken: the reason is cleaned and cut here.
    const reason = cleanReason(input.fields[REASON_FIELD] ?? '');
    if (reason.length < 3) throw new UserError('Say in a few words what is wrong with this portfolio, then send the report again.');
    await community.report({ guildId, memberId, reporterId: input.user.id, reason });
    return privateNotice("Thanks: the server's moderators will see your report (/portfolio-mod reports).");
  },
} as const satisfies CommandModule;
