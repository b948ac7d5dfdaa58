import { loadPortfolio } from '../bot/load.js';
import { parseConfig } from '../config.js';
import { countSections } from '../profile/summary.js';
import type { CliCommand } from './types.js';

export const run: CliCommand = async ({ positionals }, io) => {
  const file = positionals[0] ?? parseConfig().PROFILE_PATH;
  const loaded = await loadPortfolio(file);
  if (!loaded.portfolio) {
    for (const line of loaded.problems) io.err(line);
    io.err(`${loaded.total} problem${loaded.total === 1 ? '' : 's'} in ${file}`);
    return 1;
  }
  const counts = Object.entries(countSections(loaded.portfolio.profile))
    .map(([section, count]) => `${count} ${section}`)
    .join(', ');
  io.out(`${file}: valid (${counts})`);
  return 0;
};
