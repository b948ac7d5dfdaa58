// The terminal chat and `ask`, through the real entry point (bin/portfolio-bot.js → dist).
import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/paths.js';
import { runTerminalChat } from '../src/terminal/chat.js';
import { renderMarkdown, renderPayload } from '../src/terminal/render.js';
import { testDispatcher } from './helpers/bot.js';

const BIN = join(REPO_ROOT, 'bin', 'portfolio-bot.js');

function runCli(
  args: string[],
  stdin = '',
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // Run from elsewhere, with no token: the profile is found next to the code.
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? tmpdir(),
      env: options.env ?? { ...process.env, DISCORD_TOKEN: '', PROFILE_PATH: '', LOG_LEVEL: 'error' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('npm start without a token', () => {
  it('answers /projects optimizers with the Lookahead card, welcome on stderr', async () => {
    const { code, stdout, stderr } = await runCli(['start'], '/projects optimizers\n');
    expect(code).toBe(0);
    expect(stderr).toContain('No DISCORD_TOKEN found');
    expect(stderr).toContain('.env.example');
    expect(stdout.split('\n')[0]).toContain('Akash Palrecha');
    expect(stdout).toContain('Lookahead Optimizer Analysis  https://github.com/akashpalrecha/Lookahead');
    expect(stdout).toMatch(/\[Repo\] https:\/\/github\.com\/akashpalrecha\/Lookahead/);
  });

  it('gives one answer per piped line', async () => {
    const { stdout } = await runCli(['start'], '/resume\n\n/contact\ndoes he know docker?\n');
    const answers = stdout.trim().split(/\n\n(?=\S)/);
    expect(stdout).toContain('Open the résumé (PDF)');
    expect(stdout).toContain('Contact Akash Palrecha');
    expect(stdout.toLowerCase()).toContain('docker');
    expect(answers.length).toBeGreaterThanOrEqual(3);
    expect(stdout).not.toMatch(/9879990466/);
  });
});

describe('portfolio-bot ask', () => {
  it('prints the exact Discord payload with --json', async () => {
    const { code, stdout } = await runCli(['ask', '/contact', '--json']);
    expect(code).toBe(0);
    const payload = JSON.parse(stdout) as { embeds: { title: string }[]; allowed_mentions: unknown };
    expect(payload.embeds[0]?.title).toBe('Contact Akash Palrecha');
    expect(payload.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers an unknown command helpfully, exit 0', async () => {
    const { code, stdout } = await runCli(['ask', '/nope']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^I don't know \/nope\. Try \/\w+/);
  });

  it('answers a missing required option helpfully', async () => {
    const { code, stdout } = await runCli(['ask', '/project']);
    expect(code).toBe(0);
    expect(stdout).toContain('/project needs its name option');
  });

  it('explains usage without an input', async () => {
    const { code, stderr } = await runCli(['ask']);
    expect(code).toBe(2);
    expect(stderr).toContain('expected an input');
  });
});

describe('the environment', () => {
  /** process.env without the keys of .env.example, so that a .env can set them. */
  function bareEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env = { ...process.env };
    for (const key of ['DISCORD_TOKEN', 'DISCORD_CLIENT_ID', 'DISCORD_GUILD_ID', 'DISCORD_PUBLIC_KEY', 'DISCORD_API_URL', 'PORT', 'PROFILE_PATH', 'LOG_LEVEL', 'COOLDOWN_COMMANDS', 'COOLDOWN_SECONDS']) delete env[key];
    return { ...env, ...extra };
  }

  it('reads .env from the current directory; a variable already set wins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portfolio-bot-env-'));
    try {
      writeFileSync(join(dir, 'broken.yaml'), 'identity: [\n');
      writeFileSync(join(dir, '.env'), `PROFILE_PATH=${join(dir, 'broken.yaml')}\n`);
      const fromFile = await runCli(['validate'], '', { cwd: dir, env: bareEnv() });
      expect(fromFile.code).toBe(1);
      expect(fromFile.stderr).toContain(`${join(dir, 'broken.yaml')}:`);
      const overridden = await runCli(['validate'], '', { cwd: dir, env: bareEnv({ PROFILE_PATH: join(REPO_ROOT, 'data', 'profile.yaml') }) });
      expect(overridden.code).toBe(0);
      expect(overridden.stdout).toContain('profile.yaml: valid');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('start with a token and a bad environment exits 2 naming each bad key, never a value', async () => {
    const token = 'MTIz.short';
    const result = await runCli(['start'], '', { env: bareEnv({ DISCORD_TOKEN: token, LOG_LEVEL: 'loud', PORT: 'eighty' }) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^portfolio-bot start: invalid environment: /);
    expect(result.stderr).toContain('LOG_LEVEL:');
    expect(result.stderr).toContain('PORT:');
    expect(result.stderr).not.toContain(token);
    expect(result.stderr).not.toContain('loud');
    expect(result.stdout).toBe('');
  });

  it('start with a token too short to be one exits 2 before any login', async () => {
    const result = await runCli(['start'], '', { env: bareEnv({ DISCORD_TOKEN: 'abc', DISCORD_API_URL: 'http://127.0.0.1:9/api' }) });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('portfolio-bot start: invalid environment: DISCORD_TOKEN: looks too short to be a bot token');
  });
});

describe('the terminal chat', () => {
  it('pages with next and prev, and opens a menu choice by number', async () => {
    const dispatcher = await testDispatcher();
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const done = runTerminalChat({ dispatcher, name: 'A', input, output, notices: new PassThrough(), interactive: false, colour: false });
    input.end('/projects\nnext\n1\nexit\n');
    expect(await done).toBe(0);
    const answers = text.trim().split(/\n\n(?=\S)/);
    expect(text).toMatch(/Page 1 of \d/);
    expect(text).toMatch(/Page 2 of \d/);
    expect(answers.length).toBeGreaterThanOrEqual(3);
  });
});

describe('renderPayload', () => {
  it('shows link buttons as labelled links and menus as numbered choices', () => {
    const text = renderPayload({
      embeds: [{ title: 'T', url: 'https://x.org', description: '**bold** and [a link](https://y.org)', fields: [{ name: 'F', value: 'v' }], footer: { text: 'foot' } }],
      components: [
        { type: 1, components: [{ type: 2, style: 5, label: 'Repo', url: 'https://github.com/x' }] },
        { type: 1, components: [{ type: 3, custom_id: 'pb1|projects|open', options: [{ label: 'One', value: 'one' }] }] },
      ],
      flags: 64,
    });
    expect(text).toBe(
      ['T  https://x.org\nbold and a link (https://y.org)\nF\n  v\n— foot', '[Repo] https://github.com/x', '  1    open One', '(only you can see this)'].join('\n\n'),
    );
  });

  it('removes markdown escapes', () => {
    expect(renderMarkdown('\\*not bold\\* `code` \\@everyone', false)).toBe('*not bold* code \\@everyone');
  });
});
