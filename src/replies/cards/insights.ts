// /insights for the bot's owner: the report (src/replies/insights-report.ts) as one
// private card. The questions are visitors' text: escaped, and cut short.
import { MessageFlags, type APIEmbed } from 'discord-api-types/v10';
import type { InsightsReport } from '../insights-report.js';
import { cleanUserText } from '../text.js';
import type { ReplyPayload } from '../types.js';
import { COLOURS, field, footer } from './common.js';

/** How many rows each field lists (Discord's field value holds 1 024 characters). */
const ROWS = 5;

export function buildInsightsCard(report: InsightsReport): ReplyPayload {
  const { questions } = report;
  const share = questions.asked > 0 ? ` (${Math.round((questions.answered / questions.asked) * 100)} %)` : '';
  const unanswered = report.unanswered.slice(0, ROWS).map((question) => {
    const advice = question.suggestions
      .slice(0, 2)
      .map((s) => `↳ add \`${cleanUserText(s.word, 40).replace(/`/g, '')}\` to the ${s.field} of ${s.id}?`);
    return [`**${question.count}×** “${cleanUserText(question.query, 80)}”`, ...advice].join('\n');
  });
  const embed: APIEmbed = {
    title: `Insights — the last ${report.days} days`,
    description: `**${questions.asked}** questions: **${questions.answered}** answered${share}, **${questions.unanswered}** unanswered.`,
    color: COLOURS.brand,
    fields: [
      field('Top unanswered questions', unanswered.join('\n') || 'None: every question found an answer.'),
      field(
        'Most asked entries',
        report.entries
          .slice(0, ROWS)
          .map((row) => `**${row.count}×** ${row.title}`)
          .join('\n') || 'None yet.',
      ),
      field(
        'Commands by use',
        report.commands
          .slice(0, 8)
          .map((row) => `/${row.command} ${row.count}`)
          .join(' · ') || 'None yet.',
      ),
    ],
    footer: footer(`${report.from} to ${report.to} · the whole report: portfolio-bot insights --html FILE`),
  };
  return { embeds: [embed], flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } };
}
