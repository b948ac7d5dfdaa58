// What the loader reports: one problem per line, as `file:line:col: path: message`.
// Kept apart from the YAML parser and the schema so that code which only reads
// a profile file (src/profile/read.ts, the gateway's snapshot path) can report
// without loading either.

export interface ProfileProblem {
  file: string;
  /** 1-based; 0 for a problem with the file as a whole (not found, too large). */
  line: number;
  col: number;
  /** The field, as `projects[3].links[0].url`; empty for file-level and syntax problems. */
  path: string;
  message: string;
}

export class ProfileError extends Error {
  override name = 'ProfileError';
  /** `problems` may list only the first ones (and say so in its last line); `total` counts them all. */
  constructor(
    readonly problems: ProfileProblem[],
    readonly total: number = problems.length,
  ) {
    super(problems.map(formatProblem).join('\n'));
  }
}

export function formatProblem(problem: ProfileProblem): string {
  const where = problem.line > 0 ? `${problem.file}:${problem.line}:${problem.col}` : problem.file;
  return problem.path ? `${where}: ${problem.path}: ${problem.message}` : `${where}: ${problem.message}`;
}

/** A problem with the file as a whole, without a position. */
export function fileProblem(file: string, message: string): ProfileProblem {
  return { file, line: 0, col: 0, path: '', message };
}

/** A profile's problems as printable lines: at most the first ones, `total` counting them all. */
export interface Problems {
  problems: string[];
  total: number;
}

/** Whatever stopped `file` from loading, as lines: a ProfileError's problems, anything else as one line (never a stack). */
export function describeLoadFailure(file: string, error: unknown): Problems {
  if (error instanceof ProfileError) return { problems: error.problems.map(formatProblem), total: error.total };
  return { problems: [formatProblem(fileProblem(file, `could not be loaded: ${describeUnexpected(error)}`))], total: 1 };
}

/** The first line of an unexpected error's message: never its stack. */
export function describeUnexpected(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return message.split('\n')[0]?.trim() ?? message;
}
