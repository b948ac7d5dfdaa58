// The command line as people expect it, through the real entry point
// (bin/portfolio-bot.js → dist): --help and unknown options for every command.
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { runCli } from './helpers/cli.js';

/** Each command's usage line, as --help must print it first. */
const USAGE: Record<string, string> = {
  start: 'usage: portfolio-bot start',
  ask: 'usage: portfolio-bot ask "<input>" [--guild G] [--json]',
  search: 'usage: portfolio-bot search "<query>" [--section S] [--limit N] [--json]',
  validate: 'usage: portfolio-bot validate [PATH]',
  init: 'usage: portfolio-bot init [-o PATH] [--force] [--from resume.json]',
  import: 'usage: portfolio-bot import <resume.json> [-o PATH] [--force]',
  export: 'usage: portfolio-bot export [PROFILE] --format json-resume [-o PATH] [--force] [--private]',
  preview: 'usage: portfolio-bot preview [PROFILE] [--port N]',
  deploy: 'usage: portfolio-bot deploy [--dry-run]',
  serve: 'usage: portfolio-bot serve',
};

const STACK_LINE = /^\s+at /m;

const COMMAND_LIST = [
  'usage: portfolio-bot <command> [options]',
  '',
  'commands:',
  '  start      run the bot: on Discord with DISCORD_TOKEN, else a terminal chat',
  '  ask        answer one slash command or question, as the terminal chat would',
  '  search     search the profile and print the hits, best first',
  "  community  manage a server's member portfolios: add (a file or a folder), list, remove, export",
  '  validate   check a profile file and report every problem',
  '  init       start a new profile: a few questions, or --from resume.json',
  '  import     make a profile from a JSON Resume (resume.json)',
  '  export     write the profile as a JSON Resume',
  '  preview    show every reply as Discord shows it, on a local web page that reloads on save',
  '  deploy     register the slash commands with Discord',
  '  insights   what people asked, what went unanswered, and what to add to the profile',
  '  serve      answer Discord interactions over HTTP (POST /interactions, GET /healthz)',
  '',
  "portfolio-bot <command> --help (or portfolio-bot help <command>) shows a command's usage.",
  '',
].join('\n');

/** main() in this process, its output collected. */
async function runMain(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('portfolio-bot <command> --help', () => {
  for (const [command, usage] of Object.entries(USAGE)) {
    it(`${command} --help prints its usage on stdout and exits 0`, async () => {
      const { code, stdout, stderr } = await runCli([command, '--help']);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const lines = stdout.split('\n');
      expect(lines[0]).toBe(usage);
      expect(lines).toContain('options:');
      expect(lines.at(-2)).toMatch(/^ {2}-h, --help +print this help$/);
    });
  }

  it('search --help lists every option, folded within 80 columns', async () => {
    const { stdout } = await runCli(['search', '-h']);
    expect(stdout.split('\n').slice(-7)).toEqual([
      'options:',
      '  -s, --section S  only hits in section S: about, education, experience,',
      '                   research, learning, blogs, projects, skills, contact',
      '  -n, --limit N    at most N hits, 1 to 100 (default 10)',
      '      --json       print the hits as JSON: [{section, id, title, url, score}]',
      '  -h, --help       print this help',
      '',
    ]);
  });

  it('start --help does not open the chat, even with input waiting', async () => {
    const { code, stdout, stderr } = await runCli(['start', '--help'], '/projects\n');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).not.toContain('No DISCORD_TOKEN');
    expect(stdout).not.toContain('Lookahead');
  });
});

describe('portfolio-bot <command> with an unknown option', () => {
  for (const [command, usage] of Object.entries(USAGE)) {
    it(`${command} --bogus names the option and shows the usage on stderr, exit 2`, async () => {
      const { code, stdout, stderr } = await runCli([command, '--bogus']);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      const lines = stderr.split('\n');
      expect(lines.slice(0, 3)).toEqual([`portfolio-bot ${command}: unknown option "--bogus"`, '', usage]);
      expect(lines.filter((line) => /^ {2}-h, --help +print this help$/.test(line))).toHaveLength(1);
      expect(stderr).not.toMatch(STACK_LINE);
    });
  }
});

describe('portfolio-bot and its commands', () => {
  it('--help and help list the commands on stdout, exit 0', async () => {
    for (const flag of ['--help', 'help', '-h']) {
      const { code, stdout, stderr } = await runCli([flag]);
      expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: COMMAND_LIST, stderr: '' });
    }
  });

  it('no command: the list on stderr, exit 2', async () => {
    expect(await runMain()).toEqual({ code: 2, out: '', err: COMMAND_LIST.trimEnd() });
  });

  it('an unknown command or option is named, then the list, exit 2', async () => {
    const nope = await runMain('nope');
    expect(nope.code).toBe(2);
    expect(nope.err.split('\n').slice(0, 3)).toEqual([
      'portfolio-bot: unknown command "nope"',
      '',
      'usage: portfolio-bot <command> [options]',
    ]);
    expect((await runMain('--version')).err.split('\n')[0]).toBe('portfolio-bot: unknown option "--version"');
    // Names inherited by every object are not commands.
    expect((await runMain('constructor')).err.split('\n')[0]).toBe('portfolio-bot: unknown command "constructor"');
  });

  it("help <command> prints that command's usage", async () => {
    const help = await runMain('help', 'validate');
    const flag = await runMain('validate', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toBe(flag.out);
    expect(help.out.split('\n')[0]).toBe(USAGE['validate']);
    expect((await runMain('help', 'nope')).code).toBe(2);
  });

  it('names a missing value, a value given to a switch, and an argument too many', async () => {
    const first = async (...argv: string[]) => {
      const { code, out, err } = await runMain(...argv);
      return { code, out, first: err.split('\n')[0] };
    };
    expect(await first('search', 'kaggle', '--limit')).toEqual({
      code: 2,
      out: '',
      first: 'portfolio-bot search: --limit needs a value: --limit N',
    });
    expect(await first('search', 'kaggle', '--limit', '--json')).toEqual({
      code: 2,
      out: '',
      first: 'portfolio-bot search: --limit needs a value: --limit N',
    });
    expect(await first('search', 'kaggle', '--json=yes')).toEqual({
      code: 2,
      out: '',
      first: 'portfolio-bot search: --json takes no value',
    });
    expect(await first('deploy', '--dry-run=1')).toEqual({ code: 2, out: '', first: 'portfolio-bot deploy: --dry-run takes no value' });
    expect(await first('validate', 'a.yaml', 'b.yaml')).toEqual({
      code: 2,
      out: '',
      first: 'portfolio-bot validate: unexpected argument "b.yaml"',
    });
    expect(await first('serve', 'now')).toEqual({ code: 2, out: '', first: 'portfolio-bot serve: unexpected argument "now"' });
    expect(await first('start', '-x')).toEqual({ code: 2, out: '', first: 'portfolio-bot start: unknown option "-x"' });
    // --help wins over a mistake next to it.
    expect((await runMain('start', '--bogus', '--help')).code).toBe(0);
  });

  it('an unexpected failure is one line without a stack, exit 1', async () => {
    const err: string[] = [];
    const failingOut = () => {
      throw new Error('stdout is gone');
    };
    const level = process.env['LOG_LEVEL'];
    process.env['LOG_LEVEL'] = 'error';
    const code = await main(['search', 'kaggle'], { out: failingOut, err: (text) => err.push(text) }).finally(() => {
      if (level === undefined) delete process.env['LOG_LEVEL'];
      else process.env['LOG_LEVEL'] = level;
    });
    expect(code).toBe(1);
    expect(err).toEqual(['portfolio-bot search: stdout is gone (LOG_LEVEL=debug shows where)']);
  });

  it('a mistake in a value is explained with the usage, exit 2', async () => {
    const bad = await runMain('search', 'pixxel', '--limit', '0');
    expect(bad.code).toBe(2);
    expect(bad.err.split('\n').slice(0, 3)).toEqual([
      'portfolio-bot search: --limit must be a whole number from 1 to 100',
      '',
      USAGE['search'],
    ]);
  });
});
