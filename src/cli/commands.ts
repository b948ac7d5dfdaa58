// The commands of `portfolio-bot`: how each is called (parsed and explained by
// ./args.ts) and where its code is, loaded only when it runs.
import { SECTIONS } from '../profile/constants.js';
import type { CommandSpec } from './args.js';
import type { CliCommand } from './types.js';

export interface CliEntry extends CommandSpec {
  load: () => Promise<CliCommand>;
}

const PROFILE_NOTE = 'The profile is PROFILE_PATH, else data/profile.yaml; .env is read from here and from the repository.';

export const CLI_COMMANDS: Readonly<Record<string, CliEntry>> = {
  start: {
    summary: 'run the bot: on Discord with DISCORD_TOKEN, else a terminal chat',
    synopsis: 'start',
    description: [
      'With DISCORD_TOKEN set, connects to Discord and answers there until SIGINT or SIGTERM.',
      'Without it, opens a chat with the profile in this terminal: type /help, a slash command or a question; ' +
        'exit quits. With input piped in, it answers each line and exits.',
      PROFILE_NOTE,
    ],
    options: {},
    positionals: 0,
    load: async () => (await import('./start.js')).run,
  },
  ask: {
    summary: 'answer one slash command or question, as the terminal chat would',
    synopsis: 'ask "<input>" [--guild G] [--json]',
    description: [
      'Answers a slash command (ask "/projects optimizers") or a question (ask "what do they know about docker?").',
      "With --guild, answers as in that server: its members' portfolios are searched too.",
      PROFILE_NOTE,
    ],
    options: {
      json: { type: 'boolean', description: 'print the reply as the JSON payload sent to Discord' },
      guild: { type: 'string', value: 'G', description: "answer as in server G (a Discord id), with its members' portfolios" },
    },
    positionals: Infinity,
    load: async () => (await import('./ask.js')).run,
  },
  search: {
    summary: 'search the profile and print the hits, best first',
    synopsis: 'search "<query>" [--section S] [--limit N] [--json]',
    description: ['Searches every section of the profile (or one) and prints a table of the hits, best first.', PROFILE_NOTE],
    options: {
      section: { type: 'string', short: 's', value: 'S', description: `only hits in section S: ${SECTIONS.join(', ')}` },
      limit: { type: 'string', short: 'n', value: 'N', description: 'at most N hits, 1 to 100 (default 10)' },
      json: { type: 'boolean', description: 'print the hits as JSON: [{section, id, title, url, score}]' },
    },
    positionals: Infinity,
    load: async () => (await import('./search.js')).run,
  },
  community: {
    summary: "manage a server's member portfolios: add (a file or a folder), list, remove, export",
    synopsis:
      'community add --guild G (--member M FILE | FOLDER) | list --guild G | remove --guild G --member M | export --guild G --member M',
    description: [
      "add: checks FILE like validate and stores it as member M's portfolio in server G; a FOLDER adds each " +
        "<member id>.yaml in it. list: every member portfolio of server G. remove: deletes member M's. export: prints it.",
      "Uses the bot's database: DATABASE_URL (PostgreSQL), else SQLITE_PATH. " +
        'A bot on PostgreSQL sees changes at once; on SQLite, at its next start.',
    ],
    options: {
      guild: { type: 'string', value: 'G', description: 'the server (a Discord id)' },
      member: { type: 'string', value: 'M', description: 'the member (a Discord id)' },
      name: { type: 'string', value: 'NAME', description: "the name shown beside the member's entries (default: the profile's name)" },
    },
    positionals: Infinity,
    load: async () => (await import('./community.js')).run,
  },
  validate: {
    summary: 'check a profile file and report every problem',
    synopsis: 'validate [PATH]',
    description: [
      'Checks PATH (default: PROFILE_PATH, else data/profile.yaml) and prints every problem as file:line:col: ' +
        'path: message. Exits 0 when it is valid, 1 when it is not.',
    ],
    options: {},
    positionals: 1,
    load: async () => (await import('./validate.js')).run,
  },
  init: {
    summary: 'start a new profile: a few questions, or --from resume.json',
    synopsis: 'init [-o PATH] [--force] [--from resume.json]',
    description: [
      'Asks for your name, pronoun, headline, GitHub user, e-mail and a first project (on a terminal; with input piped in, ' +
        'one answer a line), and writes a valid, commented starter profile to PATH (default PROFILE_PATH, else ' +
        'data/profile.yaml). What you leave out is a placeholder marked FILL IN. init --from resume.json is import.',
      'An existing file is never replaced without --force.',
    ],
    options: {
      output: { type: 'string', short: 'o', value: 'PATH', description: 'where to write the profile' },
      force: { type: 'boolean', description: 'replace PATH if it exists' },
      from: { type: 'string', value: 'FILE', description: 'import this JSON Resume instead of asking' },
    },
    positionals: 0,
    load: async () => (await import('./init.js')).run,
  },
  import: {
    summary: 'make a profile from a JSON Resume (resume.json)',
    synopsis: 'import <resume.json> [-o PATH] [--force]',
    description: [
      'Checks the JSON Resume (jsonresume.org, schema v1.0.0) with the official validator and our own date checks, ' +
        'then writes it as a commented profile that passes validate: every section where the profile keeps it. ' +
        'What the résumé lacks is a placeholder marked FILL IN; what has no field in the profile is listed on stderr ' +
        'and kept at the end of the file, under NOT PLACED.',
      'An existing file is never replaced without --force.',
    ],
    options: {
      output: {
        type: 'string',
        short: 'o',
        value: 'PATH',
        description: 'where to write the profile (default PROFILE_PATH, else data/profile.yaml; - for stdout)',
      },
      force: { type: 'boolean', description: 'replace PATH if it exists' },
    },
    positionals: 1,
    load: async () => (await import('./import.js')).run,
  },
  export: {
    summary: 'write the profile as a JSON Resume',
    synopsis: 'export [PROFILE] --format json-resume [-o PATH] [--force] [--private]',
    description: [
      'Writes the profile (PROFILE, else PROFILE_PATH, else data/profile.yaml) as a JSON Resume (schema v1.0.0) ' +
        'that the official validator accepts. Facts JSON Resume has no field for (ids, tags, metrics, categories, ' +
        'statuses, aliases) go under x-portfolio-bot keys, so that import gives the same profile back.',
      'The private phone number is left out unless --private is given.',
    ],
    options: {
      format: { type: 'string', short: 'f', value: 'FORMAT', description: 'json-resume (the default and only format)' },
      output: { type: 'string', short: 'o', value: 'PATH', description: 'where to write it (default: stdout)' },
      force: { type: 'boolean', description: 'replace PATH if it exists' },
      private: { type: 'boolean', description: 'include identity.private (the phone number) as basics.phone' },
    },
    positionals: 1,
    load: async () => (await import('./export.js')).run,
  },
  preview: {
    summary: 'show every reply as Discord shows it, on a local web page that reloads on save',
    synopsis: 'preview [PROFILE] [--port N]',
    description: [
      'Serves a page at http://127.0.0.1:5173 (loopback only) showing every command answered for the profile ' +
        '(PROFILE, else PROFILE_PATH, else data/profile.yaml) as Discord renders it, with a command line and an /ask box; ' +
        "buttons and menus work. When the file is saved the page reloads; when it doesn't validate, the page shows " +
        'its problems as file:line:col instead of the cards. Runs until Ctrl-C.',
    ],
    options: { port: { type: 'string', short: 'p', value: 'N', description: 'the port (default 5173; 0 for any free port)' } },
    positionals: 1,
    load: async () => (await import('./preview.js')).run,
  },
  deploy: {
    summary: 'register the slash commands with Discord',
    synopsis: 'deploy [--dry-run]',
    description: [
      'Registers the slash commands: in the server DISCORD_GUILD_ID when set, else globally. Checks every ' +
        "definition against Discord's rules first, and sends only when something changed. Needs DISCORD_TOKEN " +
        '(and reads DISCORD_CLIENT_ID when set).',
    ],
    options: { 'dry-run': { type: 'boolean', description: 'print the commands as JSON and send nothing' } },
    positionals: 0,
    load: async () => (await import('./deploy.js')).run,
  },
  insights: {
    summary: 'what people asked, what went unanswered, and what to add to the profile',
    synopsis: 'insights [--days N] [--json] [--html FILE]',
    description: [
      'Reads the insights the bot recorded (INSIGHTS, on by default) from its database (DATABASE_URL, else SQLITE_PATH) and ' +
        'prints questions answered and unanswered, the top unanswered questions with the nearest entries and the word to add ' +
        'to each, the most asked entries and the commands by use.',
      PROFILE_NOTE,
    ],
    options: {
      days: { type: 'string', short: 'd', value: 'N', description: 'the last N days, 1 to 3650 (default INSIGHTS_DAYS, 90)' },
      json: { type: 'boolean', description: 'print the report as JSON' },
      html: { type: 'string', value: 'FILE', description: 'also write the report as one self-contained HTML page with charts' },
    },
    positionals: 0,
    load: async () => (await import('./insights.js')).run,
  },
  serve: {
    summary: 'answer Discord interactions over HTTP (POST /interactions, GET /healthz)',
    synopsis: 'serve',
    description: [
      'Listens on PORT (default 8080) for Discord interactions, checking their signatures with DISCORD_PUBLIC_KEY, until SIGINT or SIGTERM.',
      PROFILE_NOTE,
    ],
    options: {},
    positionals: 0,
    load: async () => (await import('./serve.js')).run,
  },
};
