// `npm run attack`: replays the attacks of issue #15 against the real entry point, on loopback only,
// with bounded sizes and times, and prints one row per attack: what was sent, what came back,
// crashes, leaks, memory before/peak/after and time to reject. Exit 1 when any row failed
// (a crash, a leak, a hang, or memory not back within RSS_SLACK_MB of its start).
// `--only NAME` runs the attacks whose name contains NAME; `--json FILE` also writes the rows.
import { writeFileSync } from 'node:fs';
import { ATTACKS } from './attacks/index.js';
import { RSS_SLACK_MB, verdict, type AttackResult } from './attacks/types.js';

function argument(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function formatOutcomes(outcomes: Record<string, number>): string {
  return Object.entries(outcomes)
    .map(([key, count]) => `${key}×${count}`)
    .join(' ');
}

function table(rows: AttackResult[]): string {
  const header = ['hole', 'attack', 'sent', 'outcomes', 'crashes', 'leaks', 'hangs', 'RSS start→peak→end MB', 'reject ms', 'verdict'];
  const body = rows.map((row) => [
    row.hole,
    row.attack,
    String(row.sent),
    formatOutcomes(row.outcomes),
    String(row.crashes),
    String(row.leaks),
    String(row.hangs ?? 0),
    `${row.rssStartMb.toFixed(0)}→${row.rssPeakMb.toFixed(0)}→${row.rssEndMb.toFixed(0)}`,
    row.rejectMs === null ? '–' : row.rejectMs.toFixed(1),
    verdict(row),
  ]);
  const lines = [header, header.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const only = argument('--only');
  const attacks = ATTACKS.filter((attack) => only === undefined || attack.name.includes(only));
  if (attacks.length === 0) {
    console.error(only === undefined ? 'No attacks are registered.' : `No attack's name contains "${only}".`);
    process.exit(1);
  }
  const rows: AttackResult[] = [];
  for (const attack of attacks) {
    process.stderr.write(`attack: ${attack.name}…\n`);
    rows.push(...(await attack.run()));
  }
  console.log(table(rows));
  const failed = rows.filter((row) => verdict(row) === 'FAILED').length;
  const crashes = rows.reduce((sum, row) => sum + row.crashes, 0);
  const leaks = rows.reduce((sum, row) => sum + row.leaks, 0);
  const hangs = rows.reduce((sum, row) => sum + (row.hangs ?? 0), 0);
  console.log(
    `\n${rows.length} attacks: ${crashes} crashes, ${leaks} leaks, ${hangs} hangs, ${failed} failed (memory slack ${RSS_SLACK_MB} MB)`,
  );
  const json = argument('--json');
  if (json) writeFileSync(json, `${JSON.stringify(rows, null, 2)}\n`);
  process.exit(failed === 0 ? 0 : 1);
}

await main();
