// The report as plain text, for `portfolio-bot insights`: one section per
// question the owner has (what went unanswered, what to add, what is asked).
import type { InsightsReport, UnansweredQuestion } from '../replies/insights-report.js';

export function formatInsights(report: InsightsReport): string {
  const { questions } = report;
  const share = questions.asked > 0 ? ` (${Math.round((questions.answered / questions.asked) * 100)} % answered)` : '';
  const lines = [
    `Insights for the last ${report.days} days (${report.from} to ${report.to})`,
    '',
    `Questions: ${questions.asked} asked, ${questions.answered} answered, ${questions.unanswered} unanswered${share}`,
    '',
    'Top unanswered questions:',
    ...(report.unanswered.length > 0 ? report.unanswered.flatMap(unansweredLines) : ['  none']),
    '',
    'Most asked entries:',
    ...(report.entries.length > 0 ? report.entries.map((row) => `  ${pad(row.count)}  ${row.entry} (${row.title})`) : ['  none']),
    '',
    'Commands by use:',
    ...(report.commands.length > 0 ? report.commands.map((row) => `  ${pad(row.count)}  /${row.command}`) : ['  none']),
  ];
  return lines.join('\n');
}

/** A question, then one line of advice per near entry. */
export function unansweredLines(question: UnansweredQuestion): string[] {
  return [`  ${pad(question.count)}  "${question.query}"`, ...adviceLines(question).map((line) => `         ${line}`)];
}

export function adviceLines(question: UnansweredQuestion): string[] {
  const advice = question.suggestions.map((s) => `→ add \`${s.word}\` to the ${s.field} of ${s.id}?`);
  if (question.missing.length > 0 && question.suggestions.length === 0) {
    const words = question.missing.map((word) => `\`${word}\``).join(', ');
    advice.push(`→ no entry mentions ${words}: add it to the tags of the entry it belongs to, or a new entry`);
  }
  return advice;
}

function pad(count: number): string {
  return String(count).padStart(5);
}
