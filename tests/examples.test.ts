// The starter profile the README points newcomers at: valid, and answering through the real entry point.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/paths.js';
import { BIN, botEnv } from './helpers/bot-process.js';

const STARTER = join(REPO_ROOT, 'examples', 'starter.yaml');

function cli(args: string[], env: Record<string, string> = {}, input?: string): string {
  return execFileSync(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: botEnv(env), input, timeout: 20_000 }).toString();
}

describe('examples/starter.yaml', () => {
  it('passes validate', () => {
    expect(cli(['validate', STARTER])).toMatch(
      /^.*starter\.yaml: valid \(1 about, 1 education, 1 experience, .*1 projects, 3 skills, 2 contact\)\n$/,
    );
  });

  it('answers from its own data when PROFILE_PATH points at it', () => {
    const out = cli(['ask', '/projects linter'], { PROFILE_PATH: STARTER });
    expect(out).toContain('Tiny Lint');
    expect(out).toContain('https://github.com/ada-example/tiny-lint');
    expect(cli(['ask', 'does she know rust?'], { PROFILE_PATH: STARTER })).toMatch(/^Yes — Rust is one of her expert skills\./);
  });
});
