// `portfolio-bot import` and `export` through the real entry point: files
// written only when they may be, problems on stderr with the right exit codes.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsonResume from '@jsonresume/schema';
import { beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/paths.js';
import { runCli } from './helpers/cli.js';
import { SHIPPED_PROFILE } from './helpers/profile.js';

const STRANGER = join(REPO_ROOT, 'tests', 'fixtures', 'resume', 'stranger.json');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pb-resume-'));
});

describe('portfolio-bot import', () => {
  it('writes a valid profile, lists the unplaced facts on stderr, and validate agrees', async () => {
    const out = join(dir, 'data', 'me.yaml');
    const { code, stdout, stderr } = await runCli(['import', STRANGER, '-o', out]);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(
      `wrote ${out}: valid (4 about, 2 education, 4 experience, 2 research, 1 learning, 0 blogs, 6 projects, 6 skills, 5 contact)`,
    );
    expect(stderr.split('\n').slice(0, 3)).toEqual([
      `4 facts of ${STRANGER} have no field in the profile;`,
      'they are listed at the end of the file, under NOT PLACED:',
      '  basics.location.address: Storgatan 12 (a street address is not shown by the bot)',
    ]);
    const validate = await runCli(['validate', out]);
    expect(validate.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('name: Mireille Okonkwo-Lindqvist');
  });

  it('never replaces an existing file without --force', async () => {
    const out = join(dir, 'profile.yaml');
    writeFileSync(out, 'mine\n');
    const refused = await runCli(['import', STRANGER, '-o', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trimEnd().split('\n').at(-1)).toBe(`${out} already exists: pass --force to replace it, or -o another path`);
    expect(readFileSync(out, 'utf8')).toBe('mine\n');
    const forced = await runCli(['import', STRANGER, '-o', out, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Mireille');
  });

  it('refuses a résumé with problems, writing nothing', async () => {
    const source = join(dir, 'resume.json');
    writeFileSync(source, JSON.stringify({ work: [{ name: 'A', startDate: '2023-13' }] }));
    const out = join(dir, 'out.yaml');
    const { code, stdout, stderr } = await runCli(['import', source, '-o', out]);
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr.trimEnd().split('\n')).toEqual([
      `${source}: work[0].startDate: "2023-13" has no month 13: months are 01 to 12`,
      `${source}: not imported`,
    ]);
    expect(() => readFileSync(out)).toThrow(/ENOENT/);
  });

  it('prints the YAML with -o -, and says when the file is missing or no file', async () => {
    const printed = await runCli(['import', STRANGER, '-o', '-']);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^# A portfolio-bot profile, imported from /);
    const missing = await runCli(['import', join(dir, 'nope.json')]);
    expect({ code: missing.code, stderr: missing.stderr.trim() }).toEqual({ code: 1, stderr: `${join(dir, 'nope.json')}: no such file` });
    const folder = await runCli(['import', dir]);
    expect(folder.stderr.trim()).toBe(`${dir}: is not a regular file; expected a JSON Resume (resume.json)`);
    const none = await runCli(['import']);
    expect(none.code).toBe(2);
    expect(none.stderr.split('\n')[0]).toBe('portfolio-bot import: expected a JSON Resume file: import resume.json');
  });
});

describe('portfolio-bot export', () => {
  it('prints a JSON Resume that the official validator accepts, without the private phone', async () => {
    const { code, stdout } = await runCli(['export', SHIPPED_PROFILE, '--format', 'json-resume']);
    expect(code).toBe(0);
    const resume = JSON.parse(stdout) as { basics: { name: string; phone?: string } };
    let errors: unknown = 'not called';
    jsonResume.validate(resume, (found) => (errors = found));
    expect(errors).toBeNull();
    expect(resume.basics.name).toBe('Akash Palrecha');
    expect(resume.basics.phone).toBeUndefined();
  });

  it('writes -o PATH, which import turns back into a valid profile', async () => {
    const out = join(dir, 'resume.json');
    const exported = await runCli(['export', SHIPPED_PROFILE, '-o', out]);
    expect(exported).toMatchObject({ code: 0, stdout: `wrote ${out}: a JSON Resume of ${SHIPPED_PROFILE}\n` });
    const again = await runCli(['export', SHIPPED_PROFILE, '-o', out]);
    expect(again.code).toBe(1);
    const back = await runCli(['import', out, '-o', join(dir, 'back.yaml')]);
    expect(back.code).toBe(0);
    expect(back.stderr).toBe('');
  });

  it('knows one format', async () => {
    const { code, stderr } = await runCli(['export', '--format', 'pdf']);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('portfolio-bot export: unknown format "pdf": the one format is json-resume');
  });
});
