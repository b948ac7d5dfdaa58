// The cards of the community showcase (issue #17): member profiles are hostile
// input and go through every rule the owner's do (fitReply's inert and redact
// passes), and the names beside entries are written as text, never as mentions.
import { ButtonStyle, ComponentType, MessageFlags, TextInputStyle, type APIEmbed, type APIEmbedField } from 'discord-api-types/v10';
import type { CommunityHit, Owner } from '../../search/community.js';
import type { Profile, Section } from '../../profile/schema.js';
import { queryTokens } from '../../search/normalise.js';
import { encodeCustomId, isSnowflake } from '../custom-id.js';
import { LIMITS } from '../fit.js';
import { cleanUserText, escapeMarkdown, truncate } from '../text.js';
import type { ActionButton, ModalForm, ReplyPayload, ReplyRow } from '../types.js';
import { buildAboutCard } from './about.js';
import { COLOURS, field, footer } from './common.js';
import { snippet } from './search.js';
import { joinWithin, mdLink, SECTION_LABELS } from './sections.js';

/** Members /who lists (each with an Open button, five to a row). */
export const WHO_SHOWN = 10;

/** What is stored, where, for how long, and how to delete it: in /portfolio help and the README. */
export const PRIVACY_NOTICE =
  'What is stored: the profile document you submit (as you sent it), your Discord user id, your display name ' +
  'here (updated when you next use the bot after changing it) and when you submitted, plus any reports about your ' +
  'profile. Where: in this bot’s database (SQLite on its host, ' +
  'or the PostgreSQL its owner configured), for this server only; no other server sees it. How long: until you ' +
  'remove it (/portfolio remove) or a moderator does (/portfolio-mod remove); removing deletes the document and its ' +
  'reports at once. /portfolio export gives you back exactly what is stored. Fields under identity.private are never shown.';

export interface WhoRow {
  owner: Owner;
  best: CommunityHit;
  /** Their entries that matched. */
  matches: number;
}

/** The owner's name in a reply: plain text, escaped. */
function whose(owner: Owner): string {
  return escapeMarkdown(truncate(owner.name, 40));
}

function hitLine(hit: CommunityHit, tokens: readonly string[]): string {
  const { doc, owner } = hit.entry;
  const detail = cleanUserText(snippet([doc.summary, ...doc.body], tokens), 160);
  return `• **${mdLink(doc.title, doc.url)}** · ${whose(owner)}${detail ? ` — ${detail}` : ''}`;
}

/** /search across a server's profiles: grouped by section, each line naming whose entry it is. */
export function buildCommunitySearchCard(query: string, hits: readonly CommunityHit[], scope: string): ReplyPayload {
  const echo = cleanUserText(query, 80);
  if (hits.length === 0) {
    return {
      embeds: [
        {
          title: echo ? `No matches for “${echo}”` : 'No matches',
          description: `Nothing in ${scope} matches that. Try other words, or /who to find people by topic.`,
          color: COLOURS.notice,
        },
      ],
    };
  }
  const tokens = queryTokens(query.slice(0, 200)).filter((token) => token.length >= 3);
  const groups = new Map<Section, CommunityHit[]>();
  for (const hit of hits) groups.set(hit.entry.doc.section, [...(groups.get(hit.entry.doc.section) ?? []), hit]);
  const fields: APIEmbedField[] = [...groups].map(([section, group]) =>
    field(
      SECTION_LABELS[section].label,
      joinWithin(
        group.map((hit) => hitLine(hit, tokens)),
        LIMITS.fieldValue,
      ),
    ),
  );
  return {
    embeds: [
      {
        title: `🔎 Search: “${echo}”`,
        description: `${hits.length === 1 ? '1 match' : `${hits.length} matches`} in ${scope}, best first.`,
        color: COLOURS.brand,
        fields,
        footer: footer('One person only: add member:… · who knows a topic: /who'),
      },
    ],
  };
}

/** /projects across a server: the matching (or notable) projects, each with whose it is. */
export function buildCommunityProjectsCard(query: string | undefined, hits: readonly CommunityHit[], scope: string): ReplyPayload {
  const echo = query ? cleanUserText(query, 80) : '';
  if (hits.length === 0) {
    return {
      embeds: [
        {
          title: echo ? `No projects match “${echo}”` : 'No projects yet',
          description: `Nothing in ${scope} matches that. Try other words, or /who to find people by topic.`,
          color: COLOURS.notice,
        },
      ],
    };
  }
  const tokens = queryTokens((query ?? '').slice(0, 200)).filter((token) => token.length >= 3);
  const embed: APIEmbed = {
    title: echo ? `🗂️ Projects matching “${echo}”` : '🗂️ Projects in this server',
    description: joinWithin(
      hits.map((hit) => hitLine(hit, tokens)),
      LIMITS.description,
    ),
    color: COLOURS.brand,
    footer: footer('One person only: add member:… · a card: /portfolio show member:…'),
  };
  return { embeds: [embed] };
}

/** /who: the members whose portfolios match, best first, with their best entry and a button to open their card. */
export function buildWhoCard(query: string, rows: readonly WhoRow[], askerId: string): ReplyPayload {
  const echo = cleanUserText(query, 80);
  if (rows.length === 0) {
    return {
      embeds: [
        {
          title: `No one here matches “${echo}”`,
          description: 'No shared portfolio in this server mentions that. Try other words, or /search.',
          color: COLOURS.notice,
        },
      ],
    };
  }
  const shown = rows.slice(0, WHO_SHOWN);
  const lines = shown.map(({ owner, best, matches }, index) => {
    const entry = best.entry.doc;
    const more = matches > 1 ? ` (+${matches - 1} more)` : '';
    return `**${index + 1}. ${whose(owner)}** — ${mdLink(entry.title, entry.url)} · ${SECTION_LABELS[entry.section].label}${more}`;
  });
  const buttons: ActionButton[] = shown
    .filter(({ owner }) => isSnowflake(owner.id))
    .map(({ owner }) => ({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: truncate(`${owner.name}`, 60),
      custom_id: encodeCustomId({
        command: 'portfolio',
        action: 'open',
        key: owner.id,
        ...(isSnowflake(askerId) ? { user: askerId } : {}),
      }),
    }));
  const components: ReplyRow[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
    components.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return {
    embeds: [
      {
        title: `🙋 Who here knows “${echo}”`,
        description: joinWithin(lines, LIMITS.description),
        color: COLOURS.brand,
        footer: footer(`${rows.length === 1 ? '1 person' : `${rows.length} people`}, best match first · a card: press a name`),
      },
    ],
    components,
  };
}

/** A member's card: their about card, whose it is, and a Report button. */
export function buildMemberCard(owner: Owner, profile: Profile): ReplyPayload {
  const card = buildAboutCard(profile);
  const [embed] = card.embeds ?? [];
  const report: ReplyRow = {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: 'Report',
        emoji: { name: '🚩' },
        custom_id: encodeCustomId({ command: 'portfolio', action: 'report', key: owner.id }),
      },
    ],
  };
  return {
    embeds: embed ? [{ ...embed, footer: footer(`Shared by ${truncate(owner.name, 40)} in this server · /portfolio help: privacy`) }] : [],
    components: [...(card.components ?? []).slice(0, LIMITS.rows - 1), report],
  };
}

/** A private notice. */
export function privateNotice(content: string): ReplyPayload {
  return { content, flags: MessageFlags.Ephemeral };
}

/** /portfolio help: the commands and the privacy notice. */
export function buildPortfolioHelp(): ReplyPayload {
  return {
    embeds: [
      {
        title: 'Your portfolio in this server',
        description:
          '**/portfolio submit** file:… or url:… — a profile in this bot’s YAML schema (checked like `portfolio-bot validate`) ' +
          'or a JSON Resume (resume.json). ' +
          'Submitting again replaces it.\n**/portfolio show** [member:…] — a card. **/portfolio export** — your document back. ' +
          '**/portfolio remove** — deleted here at once.\n**/who** topic — who here has worked on it.',
        color: COLOURS.brand,
        fields: [field('Privacy', PRIVACY_NOTICE)],
      },
    ],
    flags: MessageFlags.Ephemeral,
  };
}

export interface ReportLine {
  memberName: string;
  reporterId: string;
  reason: string;
  createdAt: number;
}

/** /portfolio-mod reports: newest first. */
export function buildReportsCard(reports: readonly ReportLine[]): ReplyPayload {
  const lines = reports.map(
    (report) =>
      `• **${escapeMarkdown(truncate(report.memberName, 40))}** — ${cleanUserText(report.reason, 200)} ` +
      `(by user ${report.reporterId}, ${new Date(report.createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
  );
  return {
    embeds: [
      {
        title: `🚩 Reports (${reports.length})`,
        description: lines.length > 0 ? joinWithin(lines, LIMITS.description) : 'No reports in this server.',
        color: COLOURS.notice,
        footer: footer('Remove a profile: /portfolio-mod remove member:… reason:…'),
      },
    ],
    flags: MessageFlags.Ephemeral,
  };
}

/**
 * Under /ask's answer in a server: the other members whose portfolios answer the
 * question too, each with their best entry, and how to ask them alone.
 */
export function alsoAnsweringLine(others: readonly { owner: Owner; title: string }[]): string {
  if (others.length === 0) return '';
  const names = others.map(({ owner, title }) => `**${whose(owner)}** (${cleanUserText(title, 60)})`);
  return `Also in this server: ${names.join(', ')}. Ask with member:… for one person's answer.`;
}

/** Characters a report's reason may have (the form's max_length; longer text from a hostile client is cut). */
export const REASON_MAX = 300;
/** The text input's custom_id in the report form. */
export const REASON_FIELD = 'reason';

/** The Report button's form: one paragraph input for the reason. */
export function buildReportForm(memberId: string): ModalForm {
  return {
    custom_id: encodeCustomId({ command: 'portfolio', action: 'report', key: memberId }),
    title: 'Report this portfolio',
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: REASON_FIELD,
            style: TextInputStyle.Paragraph,
            label: 'What is wrong with it?',
            min_length: 3,
            max_length: REASON_MAX,
            required: true,
            placeholder: "Spam, someone else's work, offensive content…",
          },
        ],
      },
    ],
  };
}

/**
 * A reporter's reason as it is stored: one line, without invisible, bidi or control
 * characters, without mention syntax ("<@…>", "@everyone"), at most REASON_MAX
 * characters. Moderators read it later, in a reply that passes fitReply as well.
 */
export function cleanReason(text: string): string {
  const line = text
    .normalize('NFC')
    .replace(/\p{Cf}/gu, '')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/[<>]/g, '')
    .replace(/@(?=everyone|here)/gi, '')
    .replace(/\s+/g, ' ')
    .trim();
  return [...line].slice(0, REASON_MAX).join('').trim();
}
