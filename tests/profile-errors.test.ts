// Broken profiles on purpose: every message must name the file, line, column and field.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPortfolio } from '../src/bot/load.js';
import { main } from '../src/cli.js';
import { loadedPortfolio } from './helpers/profile.js';

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
  const { portfolio, problems } = await loadPortfolio(file);
  if (portfolio) throw new Error(`${file} loaded without problems`);
  return problems;
}

async function runValidate(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['validate', ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err };
}

describe('loadPortfolio on broken profiles', () => {
  it('accepts the minimal fixture and resolves nothing it need not', async () => {
    const loaded = await loadedPortfolio(write('ok.yaml', BASE));
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

  it('reports a second highlighted project at its highlight: "best project" names one', async () => {
    const file = write(
      'highlights.yaml',
      edit('    tags: [compilers]\n', '    tags: [compilers]\n    highlight: the first\n').replace(
        '    tags: [parsers]\n',
        '    tags: [parsers]\n    highlight: the second\n',
      ),
    );
    expect(await problemsOf(file)).toEqual([
      `${file}:47:16: projects[1].highlight: Only one project may have a highlight (projects[0] has one already)`,
    ]);
  });

  it('reports a second highlighted metric at its highlight: "best result" names one', async () => {
    const file = write(
      'metric-highlights.yaml',
      edit('    tags: [compilers]\n', '    tags: [compilers]\n    metrics: [{ name: Speed, value: fast, highlight: the first }]\n').replace(
        '    tags: [parsers]\n',
        '    tags: [parsers]\n    metrics: [{ name: Size, value: small }, { name: Speed, value: faster, highlight: the second }]\n',
      ),
    );
    expect(await problemsOf(file)).toEqual([
      `${file}:47:86: projects[1].metrics[1].highlight: Only one metric may have a highlight (projects[0].metrics[0] has one already)`,
    ]);
  });

  it('reports a bad url at the value', async () => {
    const file = write('url.yaml', edit('url: https://github.com/ada/alpha', 'url: not-a-url'));
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
      `${file}:30:14: projects[0].summary: Too big: expected string to have <=600 characters, got 703: "${'word '.repeat(11)}word…"`,
    ]);
  });

  it('reports a value outside an enum', async () => {
    const file = write('enum.yaml', edit('    status: active\n  - id: beta', '    status: archived\n  - id: beta'));
    expect(await problemsOf(file)).toEqual([
      `${file}:38:13: projects[0].status: Invalid option: expected one of "active"|"unmaintained"|"dropped"`,
    ]);
  });

  it('reports a malformed id and an unknown category', async () => {
    const file = write(
      'idcat.yaml',
      edit('  - id: alpha\n    name: Alpha\n    category: tools', '  - id: Alpha One\n    name: Alpha\n    category: toolz'),
    );
    expect(await problemsOf(file)).toEqual([
      `${file}:27:9: projects[0].id: Invalid id: use lowercase letters, digits and single hyphens (e.g. "lookahead-optimizer")`,
      `${file}:29:15: projects[0].category: Unknown category "toolz": expected one of tools`,
    ]);
  });

  it('reports every problem at once, in file order', async () => {
    const text = edit('version: 1', 'version: one')
      .replace('url: https://github.com/ada/alpha', 'url: ftp://x')
      .replace('    status: active\n  - id: beta', '    statuz: active\n  - id: beta');
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

// Issue #12, point 5: the slips people make writing YAML by hand get a message that
// says what happened and how to fix it, and one slip is reported once.
describe('validate teaches YAML', () => {
  it('shows a value that list items merged into, and says why', async () => {
    const file = write(
      'merged.yaml',
      edit('    tags: [compilers]\n', '    tags:\n      - compilers\n        - code generation and register allocation\n'),
    );
    expect(await problemsOf(file)).toEqual([
      `${file}:37:9: projects[0].tags[0]: Too big: expected string to have <=40 characters, got 51: "compilers ` +
        `- code generation and register allocation" ` +
        '(this looks like list items merged by indentation: the "- " on line 38 is indented deeper than the item ' +
        'above, so YAML read it as more of this text; line the dashes up)',
    ]);
  });

  it('reports an unknown key and a bad category at once', async () => {
    const file = write(
      'unknown-and-category.yaml',
      edit('    category: tools\n    summary: The second tool.', '    category: toolz\n    sumary: The second tool.'),
    );
    expect(await problemsOf(file)).toEqual([
      `${file}:39:5: projects[1].summary: Missing required field (expected string)`,
      `${file}:41:15: projects[1].category: Unknown category "toolz": expected one of tools`,
      `${file}:42:5: projects[1].sumary: Unknown key "sumary" (did you mean "summary"?)`,
    ]);
  });

  it('reports duplicate ids next to a wrong type elsewhere', async () => {
    const file = write('dupid-and-type.yaml', edit('  - id: beta', '  - id: alpha').replace('version: 1', 'version: one'));
    expect(await problemsOf(file)).toEqual([
      `${file}:2:10: version: Invalid input: expected number, received string`,
      `${file}:39:9: projects[1].id: Duplicate id "alpha" (already used by projects[0])`,
    ]);
  });

  it('says to put a space after a key’s colon', async () => {
    const file = write('nospace.yaml', edit('        url: https://github.com/ada/alpha', '        url:https://github.com/ada/alpha'));
    expect(await problemsOf(file)).toEqual([
      `${file}:35:9: YAML syntax: Implicit map keys need to be followed by map values (a key needs a space ` +
        `after its colon: write url: https://github.com/ada/alpha)`,
    ]);
  });

  it('says to quote a value with ": " in it', async () => {
    const file = write('colon.yaml', edit('    summary: The first tool.', '    summary: Note: the first "tool".'));
    expect(await problemsOf(file)).toEqual([
      `${file}:30:14: YAML syntax: Nested mappings are not allowed in compact mappings (a value with ": " in it ` +
        `must be quoted: write summary: "Note: the first \\"tool\\".")`,
    ]);
  });

  it('reports a tab in the indentation once, not the errors it sets off', async () => {
    const file = write('tab.yaml', edit('    summary: The first tool.', '\tsummary: The first tool.'));
    expect(await problemsOf(file)).toEqual([
      `${file}:30:1: YAML syntax: Tabs are not allowed as indentation (indent with spaces; the 9 errors the ` +
        `parser reports after it follow from it and are not listed)`,
    ]);
  });

  it('reports each tab-indented line, and an error before the first tab', async () => {
    const text = edit('version: 1', 'version: [1')
      .replace('    summary: The first tool.', '\tsummary: The first tool.')
      .replace('    summary: The second tool.', '\tsummary: The second tool.');
    const problems = await problemsOf(write('tabs.yaml', text));
    expect(
      problems.map((problem) =>
        problem
          .split(': ')
          .slice(0, 3)
          .join(': ')
          .replace(/^.*tabs\.yaml:/, ''),
      ),
    ).toEqual([
      '3:1: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]',
      '30:1: YAML syntax: Tabs are not allowed as indentation (indent with spaces; the 9 errors the parser ' +
        'reports after it follow from it and are not listed)',
      '42:1: YAML syntax: Tabs are not allowed as indentation (indent with spaces)',
    ]);
  });
});

// Issue #15: hostile profile files are refused quickly, with a located message,
// whatever they hold; nothing in them can throw anything but a ProfileError.
describe('loadPortfolio on hostile files', () => {
  const aliases = (count: number) => `x: &x 1\ny: [${Array.from({ length: count }, () => '*x').join(',')}]\n`;
  const baseLines = BASE.split('\n').length;

  it('refuses more than 100 aliases at the one too many', async () => {
    const file = write('alias-bomb.yaml', BASE + aliases(101));
    expect(await problemsOf(file)).toEqual([
      `${file}:${baseLines + 1}:305: too many aliases: more than 100 references to anchors (*x here is one too ` +
        `many); a profile may have at most 100`,
    ]);
  });

  it('refuses aliases that expand exponentially, at the first alias', async () => {
    const levels = ['a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]'];
    for (const [name, inner] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
    ])
      levels.push(`${name}: &${name} [${Array(10).fill(`*${inner}`).join(', ')}]`);
    const file = write('laughs.yaml', BASE + levels.join('\n') + '\n');
    expect(await problemsOf(file)).toEqual([
      `${file}:${baseLines + 1}:8: aliases expand too much: the anchors they name contain aliases themselves ` +
        `(ReferenceError: Excessive alias count indicates a resource exhaustion attack)`,
    ]);
  });

  it('refuses an alias to no anchor', async () => {
    const file = write('unresolved.yaml', BASE + 'x: *nowhere\n');
    expect(await problemsOf(file)).toEqual([`${file}:${baseLines}:4: alias *nowhere refers to no anchor: define &nowhere before it`]);
  });

  it('refuses a file over the size cap before reading it', async () => {
    const file = write('huge.yaml', 'x:\n' + '- []\n'.repeat(600_000));
    const started = performance.now();
    expect(await problemsOf(file)).toEqual([
      `${file}: is too large: 2.9 MiB (3000003 bytes); a profile may be at most 1 MiB (1048576 bytes)`,
    ]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses a FIFO, a device and a directory without reading them', async () => {
    const fifo = join(dir, 'fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(await problemsOf(fifo)).toEqual([`${fifo}: is a named pipe (FIFO), expected a regular YAML profile file`]);
    expect(await problemsOf('/dev/zero')).toEqual(['/dev/zero: is a device, expected a regular YAML profile file']);
  });

  it('refuses deep nesting at the level past the bound', async () => {
    const file = write('deep.yaml', `x: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`);
    expect(await problemsOf(file)).toEqual([
      `${file}:1:36: too deeply nested: more than 32 lists or mappings inside each other; a profile may nest at most 32`,
    ]);
    const block = write('deep-block.yaml', `x:\n${'- '.repeat(20_000)}a\n`);
    expect(await problemsOf(block)).toEqual([
      `${block}:2:63: too deeply nested: more than 32 lists or mappings inside each other; a profile may nest at most 32`,
    ]);
  });

  it('refuses a mapping with too many keys, where it starts', async () => {
    // Each key is checked against all the others: the work grows with the square of their number.
    const keys = Array.from({ length: 10_000 }, (_, i) => `  k${i}: 1\n`).join('');
    const file = write('keys.yaml', `${BASE}notes:\n${keys}`);
    expect(await problemsOf(file)).toEqual([
      `${file}:${baseLines + 1}:3: too many entries: this mapping has more than 500; a profile may have at most 500 in one`,
    ]);
  });

  it('refuses a flood of tokens where the bound is passed', async () => {
    const lists = Array.from({ length: 400 }, () => `  - [${Array(100).fill('[]').join(', ')}]\n`).join('');
    const file = write('tokens.yaml', `${BASE}extra:\n${lists}`);
    const [problem, ...rest] = await problemsOf(file);
    expect(rest).toEqual([]);
    expect(problem).toMatch(
      new RegExp(
        `^${file}:\\d+:\\d+: too complex: more than 100000 YAML tokens \\(keys, values, indicators, line ` +
          `breaks\\) by here; a profile may have at most 100000$`,
      ),
    );
  });

  it('lists the first 100 of many problems and counts them all', async () => {
    const file = write('many-keys.yaml', BASE + Array.from({ length: 150 }, (_, i) => `extra${i}: 1\n`).join(''));
    const problems = await problemsOf(file);
    expect(problems).toHaveLength(101);
    expect(problems[100]).toBe(`${file}: 50 more problems not listed: fix the ones above first`);
    const result = await runValidate(file);
    expect(result.err.at(-1)).toBe(`150 problems in ${file}`);
  });

  it('refuses text that is not UTF-8, at the first bad byte', async () => {
    const file = join(dir, 'latin1.yaml');
    writeFileSync(file, Buffer.from(edit('name: Ada Example', 'name: Ad\u00e9 Example'), 'latin1'));
    expect(await problemsOf(file)).toEqual([`${file}:6:11: not UTF-8 text: save the file as UTF-8`]);
  });

  it('refuses a URL with a user name before the host, and one with a space', async () => {
    const file = write(
      'urls.yaml',
      edit('url: https://github.com/ada/alpha', 'url: https://github.com@evil.example/ada/alpha').replace(
        'url: https://github.com/ada\n',
        'url: https://github.com/ada lovelace\n',
      ),
    );
    expect(await problemsOf(file)).toEqual([
      `${file}:13:12: identity.links[0].url: Invalid URL: it contains a space or line break; write a space as %20`,
      `${file}:35:14: projects[0].links[0].url: Invalid URL: it has a user name or password before "@", so it ` +
        `leads to evil.example, not github.com; remove the part before "@"`,
    ]);
  });

  it('refuses user:password@ in site', async () => {
    const file = write('site.yaml', edit('site: https://example.org', 'site: https://user:pass@example.org'));
    expect(await problemsOf(file)).toEqual([
      `${file}:3:7: site: Invalid URL: it has a user name or password before "@", so it leads to example.org, not user; remove the part before "@"`,
    ]);
  });
});
