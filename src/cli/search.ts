import { loadPortfolio } from '../bot/load.js';
import { parseConfig } from '../config.js';
import { SECTIONS } from '../profile/constants.js';
import { isSection } from '../search/index.js';
import { UsageError, type CliCommand } from './types.js';

export const run: CliCommand = async ({ values, positionals }, io) => {
  const query = positionals.join(' ');
  if (!query.trim()) throw new UsageError('expected a query: search "optimizers"');
  const section = typeof values['section'] === 'string' ? values['section'] : undefined;
  if (section !== undefined && !isSection(section)) {
    throw new UsageError(`unknown section "${section}": expected one of ${SECTIONS.join(', ')}`);
  }
  const limit = typeof values['limit'] === 'string' ? Number(values['limit']) : 10;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UsageError('--limit must be a whole number from 1 to 100');

  const { portfolio, problems } = await loadPortfolio(parseConfig().PROFILE_PATH);
  if (!portfolio) {
    for (const line of problems) io.err(line);
    return 1;
  }
  const hits = portfolio.search.search(query, { section, limit });

  if (values['json'] === true) {
    io.out(JSON.stringify(hits.map(({ section, id, title, url, score }) => ({ section, id, title, url, score }))));
    return 0;
  }
  if (hits.length === 0) {
    io.out(`Nothing in the profile matches "${query}".`);
    return 0;
  }
  const rows = hits.map((hit, index) => [String(index + 1), hit.score.toFixed(3), hit.section, hit.title, hit.url ?? '']);
  io.out(formatTable(['#', 'score', 'section', 'title', 'url'], rows));
  return 0;
};

export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((row) => (row[col] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, col) => cell.padEnd(widths[col] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
