// `portfolio-bot <command>`: the command line of DESIGN.md. Each command lives
// in src/cli/<name>.ts and returns an exit code; nothing here prints a secret.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './paths.js';

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
}

export type CliCommand = (args: string[], io: CliIO) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
  start: { summary: 'run the bot (gateway with DISCORD_TOKEN, else a terminal chat)', load: async () => (await import('./cli/start.js')).run },
  ask: { summary: 'ask "<input>" [--json]: answer a slash line or a question', load: async () => (await import('./cli/ask.js')).run },
  search: { summary: 'search "<query>" [--section S] [--limit N] [--json]', load: async () => (await import('./cli/search.js')).run },
  deploy: { summary: 'deploy [--dry-run]: register the slash commands', load: async () => (await import('./cli/deploy.js')).run },
  serve: { summary: 'serve: HTTP interactions endpoint (POST /interactions, GET /healthz)', load: async () => (await import('./cli/serve.js')).run },
  validate: { summary: 'validate [PATH]: check profile data', load: async () => (await import('./cli/validate.js')).run },
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`);
  return ['usage: portfolio-bot <command> [options]', '', ...lines].join('\n');
}

const defaultIO: CliIO = {
  out: (text) => process.stdout.write(text + '\n'),
  err: (text) => process.stderr.write(text + '\n'),
};

export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
  // .env from the current directory, then the repository's; existing variables
  // win. dotenv is loaded only when there is a file for it to read (~9 ms of a
  // cold start otherwise: a deployment that sets the environment itself).
  const envFiles = [...new Set([resolve('.env'), join(REPO_ROOT, '.env')])].filter((file) => existsSync(file));
  if (envFiles.length > 0) {
    const { config: loadDotenv } = await import('dotenv');
    for (const path of envFiles) loadDotenv({ path, quiet: true });
  }
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`portfolio-bot: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await (await command.load())(args, io);
  } catch (error) {
    const { ConfigError } = await import('./config.js');
    if (error instanceof ConfigError || error instanceof UsageError) {
      io.err(`portfolio-bot ${name}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

export class UsageError extends Error {
  override name = 'UsageError';
}
