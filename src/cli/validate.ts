import type { CliCommand } from './types.js';
import { fileProblem, formatProblem, loadProfile, ProfileError } from '../profile/load.js';
import { describeUnexpected } from '../profile/problems.js';
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
    // loadProfile throws nothing else; should it ever, it is still a line, not a stack trace.
    const problems = error instanceof ProfileError ? error.problems : [fileProblem(file, `could not be loaded: ${describeUnexpected(error)}`)];
    for (const problem of problems) io.err(formatProblem(problem));
    const count = error instanceof ProfileError ? error.total : problems.length;
    io.err(`${count} problem${count === 1 ? '' : 's'} in ${file}`);
    return 1;
  }
};
