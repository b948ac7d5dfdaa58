// Broken profiles on purpose: every message must name the file, line, column and field.
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadProfile, ProfileError } from '../src/profile/load.js';
import { main } from '../src/cli.js';

const BASE = readFileSync(new URL('./fixtures/minimal.yaml', import.meta.url), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'profile-errors-'));

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function edit(find: string, replace: string): string {
  expect(BASE.includes(find), `fixture contains ${JSON.stringify(find)}`).toBe(true);
  return BASE.replace(find, replace);
}

async function problemsOf(file: string): Promise<string[]> {
  try {
    await loadProfile(file);
  } catch (error) {
    if (error instanceof ProfileError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error(`${file} loaded without problems`);
}

describe('loadProfile on broken profiles', () => {
  it('accepts the minimal fixture and resolves nothing it need not', async () => {
    const loaded = await loadProfile(write('ok.yaml', BASE));
    expect(loaded.profile.projects.map((p) => p.id)).toEqual(['alpha', 'beta']);
    expect(loaded.revision).toMatch(/^[0-9a-f]{12}$/);
  });

  it('reports YAML syntax errors with their position', async () => {
    const file = write('syntax.yaml', edit('    tags: [compilers]\n', '    tags: [compilers\n'));
    const problems = await problemsOf(file);
    expect(problems[0]).toMatch(new RegExp(`^${file}:37:\\d+: YAML syntax: `));
  });

  it('reports duplicate keys as a syntax error', async () => {
    const file = write('dupkey.yaml', edit('    name: Alpha\n', '    name: Alpha\n    name: Alpha again\n'));
    expect(await problemsOf(file)).toEqual([`${file}:29:5: YAML syntax: Map keys must be unique`]);
  });

  it('reports a wrong type at the value', async () => {
    const file = write('type.yaml', edit('version: 1', 'version: one'));
    expect(await problemsOf(file)).toEqual([`${file}:2:10: version: Invalid input: expected number, received string`]);
  });

  it('reports an unknown key at the key, suggesting the right one', async () => {
    const file = write('unknown.yaml', edit('    summary: The second tool.', '    sumary: The second tool.'));
    expect(await problemsOf(file)).toEqual([
      `${file}:39:5: projects[1].summary: Missing required field (expected string)`,
      `${file}:42:5: projects[1].sumary: Unknown key "sumary" (did you mean "summary"?)`,
    ]);
  });

  it('reports a duplicate id at the second one', async () => {
    const file = write('dupid.yaml', edit('  - id: beta', '  - id: alpha'));
    expect(await problemsOf(file)).toEqual([`${file}:39:9: projects[1].id: Duplicate id "alpha" (already used by projects[0])`]);
  });

  it('reports a duplicate alias across projects, case-insensitively', async () => {
    const file = write('dupalias.yaml', edit('    tags: [parsers]\n', '    tags: [parsers]\n    aliases: [First Tool]\n'));
    expect(await problemsOf(file)).toEqual([
      `${file}:46:15: projects[1].aliases[0]: Duplicate alias "First Tool" (already used by projects[0].aliases[0])`,
    ]);
  });

  it('reports an alias that is another project’s name', async () => {
    const file = write('aliasname.yaml', edit('    tags: [parsers]\n', '    tags: [parsers]\n    aliases: [alpha]\n'));
    expect(await problemsOf(file)).toEqual([
      `${file}:46:15: projects[1].aliases[0]: Duplicate alias "alpha" (already used by projects[0].name)`,
    ]);
  });

  it('reports a bad url at the value', async () => {
    const file = write('url.yaml', edit('url: https://github.com/ada/alpha', 'url: not a url'));
    expect(await problemsOf(file)).toEqual([
      `${file}:35:14: projects[0].links[0].url: Invalid URL: use http(s)://…, mailto:… or a /path under site`,
    ]);
  });

  it('reports a missing required field at its parent', async () => {
    const file = write('missing.yaml', edit('    name: Alpha\n', ''));
    expect(await problemsOf(file)).toEqual([`${file}:27:5: projects[0].name: Missing required field (expected string)`]);
  });

  it('reports oversize text with the bound', async () => {
    const file = write('long.yaml', edit('summary: The first tool.', `summary: ${'word '.repeat(140)}end`));
    expect(await problemsOf(file)).toEqual([
      `${file}:30:14: projects[0].summary: Too big: expected string to have <=600 characters`,
    ]);
  });

  it('reports a value outside an enum', async () => {
    const file = write('enum.yaml', edit('    status: active\n  - id: beta', '    status: archived\n  - id: beta'));
    expect(await problemsOf(file)).toEqual([
      `${file}:38:13: projects[0].status: Invalid option: expected one of "active"|"unmaintained"|"dropped"`,
    ]);
  });

  it('reports a malformed id and an unknown category', async () => {
    const file = write('idcat.yaml', edit('  - id: alpha\n    name: Alpha\n    category: tools', '  - id: Alpha One\n    name: Alpha\n    category: toolz'));
    expect(await problemsOf(file)).toEqual([
      `${file}:27:9: projects[0].id: Invalid id: use lowercase letters, digits and single hyphens (e.g. "lookahead-optimizer")`,
      `${file}:29:15: projects[0].category: Unknown category "toolz": expected one of tools`,
    ]);
  });

  it('reports every problem at once, in file order', async () => {
    const text = edit('version: 1', 'version: one').replace('url: https://github.com/ada/alpha', 'url: ftp://x').replace('    status: active\n  - id: beta', '    statuz: active\n  - id: beta');
    const file = write('many.yaml', text);
    const problems = await problemsOf(file);
    expect(problems.map((p) => p.replace(`${file}:`, '').split(': ')[0])).toEqual(['2:10', '27:5', '35:14', '38:5']);
  });

  it('reports an empty file', async () => {
    const file = write('empty.yaml', '');
    expect(await problemsOf(file)).toEqual([`${file}:1:1: file is empty: expected a profile mapping`]);
  });

  it('reports a file that is not a mapping', async () => {
    const file = write('list.yaml', '- a\n- b\n');
    expect(await problemsOf(file)).toEqual([`${file}:1:1: Invalid input: expected object, received array`]);
  });

  it('reports a directory and a missing file in one line each', async () => {
    const folder = join(dir, 'folder.yaml');
    mkdirSync(folder, { recursive: true });
    expect(await problemsOf(folder)).toEqual([`${folder}: is a directory, expected a YAML profile file`]);
    const missing = join(dir, 'nope.yaml');
    expect(await problemsOf(missing)).toEqual([`${missing}: file not found`]);
  });
});

describe('portfolio-bot validate', () => {
  async function runValidate(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['validate', ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out, err };
  }

  it('exits 0 with counts per section for a valid file', async () => {
    const file = write('valid.yaml', BASE);
    const result = await runValidate(file);
    expect(result).toEqual({
      code: 0,
      out: [`${file}: valid (1 about, 0 education, 0 experience, 0 research, 0 learning, 0 blogs, 2 projects, 0 skills, 1 contact)`],
      err: [],
    });
  });

  it('exits 1 with one line per problem, the path as given', async () => {
    write('cli-bad.yaml', edit('version: 1', 'version: one').replace('    statuz', '    statuz'));
    const relative = join(dir, '.', 'cli-bad.yaml');
    const result = await runValidate(relative);
    expect(result.code).toBe(1);
    expect(result.err).toEqual([`${relative}:2:10: version: Invalid input: expected number, received string`, `1 problem in ${relative}`]);
  });

  it('never prints a stack trace for a missing file', async () => {
    const result = await runValidate(join(dir, 'absent.yaml'));
    expect(result.code).toBe(1);
    expect(result.err.join('\n')).not.toMatch(/\n\s+at /);
  });
});
