// `portfolio-bot init` through the real entry point: the answers (piped, one a
// line) become a valid, commented starter; what is left out is marked FILL IN;
// --from is import; an existing file is kept without --force.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/paths.js';
import { runCli } from './helpers/cli.js';
import { loadedPortfolio } from './helpers/profile.js';

const ANSWERS = [
  'Ada Lovelace',
  'she',
  'Analyst of engines',
  'ada-l',
  'ada@example.org',
  'Note G',
  'The first published program, for the Analytical Engine.',
  'https://example.org/note-g',
].join('\n');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pb-init-'));
});

describe('portfolio-bot init', () => {
  it('writes a valid starter from the answers, commented, and the bot answers from it', async () => {
    const out = join(dir, 'data', 'profile.yaml');
    const { code, stdout } = await runCli(['init', '-o', out], ANSWERS + '\n');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(
      `wrote ${out}: valid (1 about, 0 education, 0 experience, 0 research, 0 learning, 0 blogs, 1 projects, 0 skills, 2 contact)`,
    );
    const { profile } = await loadedPortfolio(out);
    expect(profile.identity).toMatchObject({ name: 'Ada Lovelace', pronoun: 'she', headline: 'Analyst of engines' });
    expect(profile.identity.links.map((link) => link.url)).toEqual(['mailto:ada@example.org', 'https://github.com/ada-l']);
    expect(profile.projects[0]).toMatchObject({
      name: 'Note G',
      summary: 'The first published program, for the Analytical Engine.',
      links: [{ kind: 'demo', label: 'Website', url: 'https://example.org/note-g' }],
    });
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe('# A portfolio-bot profile, started by `portfolio-bot init`.');
    expect(text).toContain('# Tags and aliases are how people find a project: add the words they would type.');
    expect(text).toContain("  summary: Ada Lovelace's portfolio. # FILL IN: two or three sentences about you and your work");
    const asked = await runCli(['ask', '/project name:"Note G"'], '', {
      env: { ...process.env, DISCORD_TOKEN: '', PROFILE_PATH: out, LOG_LEVEL: 'error' },
    });
    expect(asked.stdout).toContain('The first published program, for the Analytical Engine.');
  });

  it('with no answers at all, still writes a valid profile, every placeholder marked', async () => {
    const out = join(dir, 'profile.yaml');
    const { code, stdout } = await runCli(['init', '-o', out]);
    expect(code).toBe(0);
    expect(stdout.split('\n')[1]).toBe('7 values to fill in: look for FILL IN');
    expect(readFileSync(out, 'utf8').match(/# FILL IN/g)).toHaveLength(7);
    await loadedPortfolio(out);
  });

  it('refuses an answer that is not a link, writing nothing', async () => {
    const out = join(dir, 'profile.yaml');
    const answers = ANSWERS.replace('https://example.org/note-g', 'javascript:alert(1)');
    const { code, stderr } = await runCli(['init', '-o', out], answers + '\n');
    expect(code).toBe(0);
    expect(stderr).toContain('not used: javascript:alert(1) (not a link the bot may show');
    expect((await loadedPortfolio(out)).profile.projects[0]!.links).toEqual([]);
  });

  it('keeps an existing file without --force, and --from is import', async () => {
    const out = join(dir, 'profile.yaml');
    writeFileSync(out, 'mine\n');
    const kept = await runCli(['init', '-o', out], ANSWERS + '\n');
    expect(kept.code).toBe(1);
    expect(kept.stderr.trim()).toBe(`${out} already exists: pass --force to replace it, or -o another path`);
    expect(readFileSync(out, 'utf8')).toBe('mine\n');
    const stranger = join(REPO_ROOT, 'tests', 'fixtures', 'resume', 'stranger.json');
    const imported = await runCli(['init', '--from', stranger, '-o', out, '--force']);
    expect(imported.code).toBe(0);
    expect((await loadedPortfolio(out)).profile.identity.name).toBe('Mireille Okonkwo-Lindqvist');
  });
});
