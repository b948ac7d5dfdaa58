// `portfolio-bot <command>`: the command line of DESIGN.md. Each command lives
// in src/cli/<name>.ts and returns an exit code; its options and usage are in
// src/cli/commands.ts. Exit codes: 0 done, 1 failed (a broken profile, Discord
// said no), 2 called wrongly (unknown command or option, bad value, invalid
// environment). Nothing here prints a secret.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatCommandUsage, parseCommandArgs, quoteArg } from './cli/args.js';
import { CLI_COMMANDS, type CliEntry } from './cli/commands.js';
import { UsageError, type CliIO, type ParsedArgs } from './cli/types.js';
import { REPO_ROOT } from './paths.js';
import { redact } from './secrets.js';

/** `portfolio-bot --help`: every command with what it does. */
export function usage(): string {
  const width = Math.max(...Object.keys(CLI_COMMANDS).map((name) => name.length));
  const lines = Object.entries(CLI_COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`);
  return [
    'usage: portfolio-bot <command> [options]',
    '',
    'commands:',
    ...lines,
    '',
    "portfolio-bot <command> --help (or portfolio-bot help <command>) shows a command's usage.",
  ].join('\n');
}

const defaultIO: CliIO = {
  out: (text) => process.stdout.write(text + '\n'),
  err: (text) => process.stderr.write(text + '\n'),
};

function findCommand(name: string): CliEntry | undefined {
  return Object.hasOwn(CLI_COMMANDS, name) ? CLI_COMMANDS[name] : undefined;
}

function unknownCommand(name: string, io: CliIO): number {
  const what = name.startsWith('-') ? `unknown option ${quoteArg(name)}` : `unknown command ${quoteArg(name)}`;
  io.err(`portfolio-bot: ${what}\n\n${usage()}`);
  return 2;
}

export async function main(argv: string[], rawIO: CliIO = defaultIO): Promise<number> {
  // Whatever a command prints passes through redact() (src/secrets.ts): no token, even one an error message echoes.
  const io: CliIO = { out: (text) => rawIO.out(redact(text)), err: (text) => rawIO.err(redact(text)) };
  const [name, ...args] = argv;
  if (name === undefined) {
    io.err(usage());
    return 2;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    const topic = args[0];
    if (topic === undefined) {
      io.out(usage());
      return 0;
    }
    const entry = findCommand(topic);
    if (!entry) return unknownCommand(topic, io);
    io.out(formatCommandUsage(entry));
    return 0;
  }
  const entry = findCommand(name);
  if (!entry) return unknownCommand(name, io);
  let parsed: ParsedArgs | null;
  try {
    parsed = parseCommandArgs(entry, args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`portfolio-bot ${name}: ${error.message}\n\n${formatCommandUsage(entry, { brief: true })}`);
    return 2;
  }
  if (parsed === null) {
    io.out(formatCommandUsage(entry));
    return 0;
  }
  await loadEnvFiles();
  try {
    return await (
      await entry.load()
    )(parsed, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`portfolio-bot ${name}: ${error.message}\n\n${formatCommandUsage(entry, { brief: true })}`);
      return 2;
    }
    const { ConfigError } = await import('./config.js');
    if (error instanceof ConfigError) {
      io.err(`portfolio-bot ${name}: ${error.message}`);
      return 2;
    }
    // A bug: one line for the person, the stack only when asked for.
    const err = error instanceof Error ? error : new Error(String(error));
    io.err(
      `portfolio-bot ${name}: ${err.message}${process.env['LOG_LEVEL'] === 'debug' ? `\n${err.stack ?? ''}` : ' (LOG_LEVEL=debug shows where)'}`,
    );
    return 1;
  }
}

/**
 * .env from the current directory, then the repository's; existing variables
 * win. dotenv is loaded only when there is a file for it to read (loading it
 * would cost a deployment that sets the environment itself on every cold start).
 */
async function loadEnvFiles(): Promise<void> {
  const envFiles = [...new Set([resolve('.env'), join(REPO_ROOT, '.env')])].filter((file) => existsSync(file));
  if (envFiles.length === 0) return;
  const { config: loadDotenv } = await import('dotenv');
  for (const path of envFiles) loadDotenv({ path, quiet: true });
}
