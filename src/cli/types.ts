// What a command of `portfolio-bot` is: a function of its parsed arguments and
// the two output streams, answering an exit code. Apart from src/cli.ts, which
// runs the commands, so that no command imports the module that loads it.

export interface ParsedArgs {
  values: Readonly<Record<string, string | boolean | undefined>>;
  positionals: readonly string[];
}

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
}

export type CliCommand = (args: ParsedArgs, io: CliIO) => Promise<number>;

/** A mistake in how a command was called: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
