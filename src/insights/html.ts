// The report as one self-contained HTML page (`insights --html FILE`): its
// charts are inline SVG drawn here, its style inline, and its Content Security
// Policy forbids loading anything (no CDN, no script, no font, no image), so it
// opens the same offline, from a mail attachment or a file share.
import { adviceLines } from './text.js';
import type { InsightsReport } from '../replies/insights-report.js';

const CHART_WIDTH = 720;
const BAR_HEIGHT = 22;

export function renderInsightsHtml(report: InsightsReport): string {
  const { questions } = report;
  const title = `Insights: ${report.from} to ${report.to}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 780px; padding: 0 1rem; color: #1f2328; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #d0d7de; }
td.n { text-align: right; font-variant-numeric: tabular-nums; width: 4rem; }
.advice { color: #57606a; font-size: .9em; } svg text { font: 12px system-ui, sans-serif; fill: #1f2328; }
</style>
</head>
<body>
<h1>${escape(title)}</h1>
<p id="totals">${questions.asked} questions asked: ${questions.answered} answered, ${questions.unanswered} unanswered.</p>
<h2>Use over time</h2>
${dayChart(report)}
<h2>Use per command</h2>
${commandChart(report)}
<h2>Top unanswered questions</h2>
${unansweredTable(report)}
<h2>Most asked entries</h2>
${table(
  report.entries.map((row) => [String(row.count), `${row.title} (${row.entry})`]),
  'No entry answered yet.',
)}
</body>
</html>
`;
}

/** Calls per day: a column per day of the window. */
function dayChart(report: InsightsReport): string {
  const height = 160;
  const top = Math.max(1, ...report.perDay.map((day) => day.total));
  const slot = CHART_WIDTH / Math.max(1, report.perDay.length);
  const bars = report.perDay
    .map((day, i) => {
      const h = Math.round((day.total / top) * (height - 20));
      const label = `${day.day}: ${day.total}`;
      const box = { x: (i * slot + slot * 0.1).toFixed(1), y: height - 20 - h, width: (slot * 0.8).toFixed(1), height: h };
      return element('rect', { class: 'day', ...box, fill: '#0969da' }, element('title', {}, escape(label)));
    })
    .join('');
  const axis =
    element('text', { x: 0, y: height - 4 }, escape(report.from)) +
    element('text', { x: CHART_WIDTH, y: height - 4, 'text-anchor': 'end' }, escape(report.to));
  return svg('use-over-time', `Calls per day, ${report.from} to ${report.to}; most in a day: ${top}`, height, bars + axis);
}

/** Calls per command: a horizontal bar per command, most used first. */
function commandChart(report: InsightsReport): string {
  if (report.commands.length === 0) return '<p>No command was used in this window.</p>';
  const top = Math.max(1, ...report.commands.map((row) => row.count));
  const labelWidth = 140;
  const height = report.commands.length * BAR_HEIGHT + 4;
  const bars = report.commands
    .map((row, i) => {
      const w = Math.max(1, Math.round((row.count / top) * (CHART_WIDTH - labelWidth - 50)));
      const y = i * BAR_HEIGHT + 2;
      return (
        `<text x="0" y="${y + 15}">/${escape(row.command)}</text>` +
        element(
          'rect',
          { class: 'command', x: labelWidth, y, width: w, height: BAR_HEIGHT - 6, fill: '#1a7f37' },
          element('title', {}, escape(`/${row.command}: ${row.count}`)),
        ) +
        `<text x="${labelWidth + w + 6}" y="${y + 13}">${row.count}</text>`
      );
    })
    .join('');
  return svg('per-command', 'Calls per command, most used first', height, bars);
}

function svg(id: string, label: string, height: number, body: string): string {
  const size = { viewBox: `0 0 ${CHART_WIDTH} ${height}`, width: CHART_WIDTH, height };
  return element('svg', { id, role: 'img', 'aria-label': escape(label), ...size, xmlns: 'http://www.w3.org/2000/svg' }, body);
}

/** An element with its attributes (values escaped by the caller where they come from data) and content. */
function element(tag: string, attributes: Record<string, string | number>, content: string): string {
  const attrs = Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${value}"`)
    .join('');
  return `<${tag}${attrs}>${content}</${tag}>`;
}

function unansweredTable(report: InsightsReport): string {
  if (report.unanswered.length === 0) return '<p>Every question was answered.</p>';
  const rows = report.unanswered.map((question) => {
    const advice = adviceLines(question)
      .map((line) => `<div class="advice">${escape(line)}</div>`)
      .join('');
    return `<tr><td class="n">${question.count}</td><td>“${escape(question.query)}”${advice}</td></tr>`;
  });
  return `<table>${rows.join('\n')}</table>`;
}

function table(rows: string[][], empty: string): string {
  if (rows.length === 0) return `<p>${escape(empty)}</p>`;
  const lines = rows.map(([count, text]) => `<tr><td class="n">${escape(count ?? '')}</td><td>${escape(text ?? '')}</td></tr>`);
  return `<table>${lines.join('\n')}</table>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
