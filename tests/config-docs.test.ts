// Every key the config parses (src/config.ts) is documented in .env.example and in the README's table.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../src/config.js';
import { REPO_ROOT } from '../src/paths.js';

const keys = Object.keys(configSchema.shape).sort();

describe('the configuration keys', () => {
  it('are each in .env.example, with a comment above', () => {
    const lines = readFileSync(join(REPO_ROOT, '.env.example'), 'utf8').split('\n');
    const documented = lines.flatMap((line, index) => {
      const key = /^([A-Z_]+)=/.exec(line)?.[1];
      return key && lines[index - 1]?.startsWith('#') ? [key] : [];
    });
    expect(documented.sort()).toEqual(keys);
  });

  it("are each in the README's table", () => {
    const rows = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')
      .split('\n')
      .filter((line) => /^\s*\| `[A-Z_]+`/.test(line));
    const documented = rows.flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([A-Z_]+)`/g)].map((match) => match[1]!));
    expect(documented.sort()).toEqual(keys);
  });
});
