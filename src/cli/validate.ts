import type { CliCommand } from '../cli.js';
import { formatProblem, loadProfile, ProfileError } from '../profile/load.js';
import { countSections } from '../profile/summary.js';
import { resolveProfilePath } from './profile-path.js';

export const run: CliCommand = async ({ positionals }, io) => {
  const file = resolveProfilePath(positionals[0]);
  try {
    const { profile } = await loadProfile(file);
    const counts = Object.entries(countSections(profile))
      .map(([section, count]) => `${count} ${section}`)
      .join(', ');
    io.out(`${file}: valid (${counts})`);
    return 0;
  } catch (error) {
    if (!(error instanceof ProfileError)) throw error;
    for (const problem of error.problems) io.err(formatProblem(problem));
    io.err(`${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} in ${file}`);
    return 1;
  }
};
