// The terminal chat and `ask`, through the real entry point (bin/portfolio-bot.js → dist).
import { PassThrough } from 'node:stream';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ButtonStyle, ComponentType, MessageFlags } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.js';
import { createDispatcher } from '../src/bot/dispatch.js';
import { silentLogger } from '../src/log.js';
import { REPO_ROOT } from '../src/paths.js';
import { encodeCustomId, type ReplyPayload, type ReplyRow } from '../src/replies/index.js';
import { runTerminalChat } from '../src/terminal/chat.js';
import { readControls, renderMarkdown, renderPayload, terminalWidth } from '../src/terminal/render.js';
import { displayWidth, wrapText } from '../src/terminal/wrap.js';
import { shippedPortfolio } from './helpers/bot.js';
import { runCli } from './helpers/cli.js';

const NO_LIST = 'No list is open: next, prev and numbers work after a list, e.g. /projects.';

/** Fails unless `lines` holds `expected` as consecutive lines; returns where they start. */
function expectLines(lines: readonly string[], expected: readonly string[]): number {
  const start = lines.indexOf(expected[0] ?? '');
  expect(start, `no line ${JSON.stringify(expected[0])} in:\n${lines.join('\n')}`).toBeGreaterThanOrEqual(0);
  expect(lines.slice(start, start + expected.length)).toEqual(expected);
  return start;
}

/** The URLs an answer prints, in order. */
function urlsOf(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s)]+/g)].map((match) => match[0]);
}

const PROJECT_MENU = [
  '   1  Lookahead Optimizer Analysis',
  '   2  Drought Detection Challenge',
  '   3  Toxic Comments Classification using ULMFiT',
  '   4  Human Protein Atlas Classification',
  '   5  Java-ML',
  '   6  Image Augmentation Package',
  '   7  Efficiently Oversampling Image Classification Datasets',
  '   8  Fast Callbacks',
  '   9  Multichannel Resnets',
  '  10  Book Review Website',
];

describe('npm start without a token (input piped)', () => {
  it('answers /projects optimizers with the Lookahead card, each URL once, the menu as numbers to type', async () => {
    const { code, stdout, stderr } = await runCli(['start'], '/projects optimizers\n');
    expect(code).toBe(0);
    expect(stderr).toContain('No DISCORD_TOKEN found');
    expect(stderr).toContain('.env.example');
    const lines = stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'Akash Palrecha',
      'Lookahead Optimizer Analysis  https://github.com/akashpalrecha/Lookahead',
      'A close simulation of the experiments in the paper "Lookahead Optimizer: k steps',
      'forward, 1 step back". The results very closely agree with the paper\'s:',
    ]);
    // The repo is the title's link: no [Repo] line repeats it.
    expect(lines.slice(-9)).toEqual([
      '',
      '[Paper] https://arxiv.org/abs/1907.08610',
      '[Report] https://www.notion.so/Lookahead-Optimizer-Project-913e45b63e9a4528bee56a588e477f9f',
      '',
      'Type a number to open a project:',
      '  1  Lookahead Optimizer Analysis',
      '  2  Java-ML',
      '',
      '',
    ]);
    expect(urlsOf(stdout)).toEqual([...new Set(urlsOf(stdout))]);

    // The README shows this output: each of its stretches between "…" lines is in it as it is.
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const block = /\$ echo "\/projects optimizers" \| npm start --silent\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const stretches = (block ?? '').split(/\n…\n/);
    expect(stretches.length).toBeGreaterThan(1);
    for (const stretch of stretches) expectLines(lines, stretch.split('\n'));
  });

  it('answers next, prev, back and numbers outside a list with "no list is open", not as questions', async () => {
    const { code, stdout } = await runCli(['start'], 'next\nprev\nback\n3\n');
    expect(code).toBe(0);
    expect(stdout).toBe(`${NO_LIST}\n\n`.repeat(4));
  });

  it('pages a list, opens a card by number without printing the menu again, and says which words apply', async () => {
    const { stdout } = await runCli(['start'], '/projects\nprev\n3\n11\nnext\nback\n');
    const lines = stdout.split('\n');
    // The name once: the title already says whose projects these are.
    expect(lines[0]).toBe('Akash Palrecha — projects');
    const menu = expectLines(lines, ['Type next for page 2, or a number to open a project:', ...PROJECT_MENU, '']);
    expectLines(lines.slice(menu), ['There is no previous page. Type next for page 2, or 1–10 to open a project.', '']);
    const card = expectLines(lines, [
      'Akash Palrecha',
      'Toxic Comments Classification using ULMFiT',
      'https://github.com/akashpalrecha/Kaggle-Toxic-Comments-Classification',
      'A very quick multi-label text classification model for the Kaggle Toxic Comments',
    ]);
    expectLines(lines.slice(card), [
      '[Gist] https://gist.github.com/akashpalrecha/1f636e3a82f6e7f9802656d31c96f477',
      '',
      'Type back for the list, or 1–10 to open another project.',
      '',
      'There is no 11 in the menu. Type back for the list, or 1–10 to open another',
      'project.',
      '',
      'There is no next page. Type back for the list, or 1–10 to open another project.',
      '',
      'Akash Palrecha — projects',
    ]);
    // The menu under the list, and under the list again after back: never under the card.
    expect(lines.filter((line) => line === PROJECT_MENU[0])).toHaveLength(2);
    expect(lines.filter((line) => line === 'Akash Palrecha — projects')).toHaveLength(2);
  });

  it('says only what works in a terminal: /help, an unknown command, a private answer', async () => {
    const { stdout } = await runCli(['start'], '/help\n/unknown\n/project Lookahead private:true\n');
    const lines = stdout.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'What I can do',
      "I answer questions about Akash Palrecha's work: projects, experience, research,",
      'skills and more.',
      '💬 Type a question in plain words — no slash needed.',
      '/about',
    ]);
    expectLines(lines, [
      '',
      "I don't know /unknown. Try /about, /projects, /project, /experience, /research,",
      '/learning, /blogs, /skills, /contact, /resume, /search, /ask, or /help for',
      'examples.',
      '',
      'Akash Palrecha',
      'Lookahead Optimizer Analysis  https://github.com/akashpalrecha/Lookahead',
    ]);
    expect(stdout).not.toMatch(/\bDMs?\b|mention|private|Share|only you/i);
    expect(lines.slice(-4)).toEqual([
      '[Paper] https://arxiv.org/abs/1907.08610',
      '[Report] https://www.notion.so/Lookahead-Optimizer-Project-913e45b63e9a4528bee56a588e477f9f',
      '',
      '',
    ]);
  });

  it('prints each contact link once, an address as the address', async () => {
    const { stdout } = await runCli(['start'], '/contact\n');
    expect(stdout).toBe(
      [
        'Contact Akash Palrecha',
        '🐙 GitHub: https://github.com/akashpalrecha',
        '✉️ E-mail: akash@pixxel.co.in',
        '🐦 Twitter: https://twitter.com/akashpalrecha98',
        '💼 LinkedIn: https://www.linkedin.com/in/akashpalrecha/',
        '📄 Résumé: https://akashpalrecha.github.io/files/About/Updated_TA_Resume.pdf',
        '— See also /resume and /about',
        '',
        '',
      ].join('\n'),
    );
  });

  it('folds every line at word boundaries within 80 columns when piped; only an overlong URL runs past', async () => {
    const { stdout } = await runCli(
      ['start'],
      '/projects\nnext\n/project Lookahead\n/about\n/experience\n/search fastai\ndoes he know docker?\n',
    );
    const lines = stdout.split('\n');
    expect(lines.length).toBeGreaterThan(150);
    // Past 80 columns only a link line, or a word too long for any line alone on its line.
    const long = lines.filter((candidate) => displayWidth(candidate) > 80);
    expect(long).toEqual(['[Report] https://www.notion.so/Lookahead-Optimizer-Project-913e45b63e9a4528bee56a588e477f9f']);
    // A wrapped list entry continues under its text, not under its bullet.
    expectLines(lines, [
      '  • Toxic Comments Classification using ULMFiT',
      '    (https://github.com/akashpalrecha/Kaggle-Toxic-Comments-Classification) — A',
      '    very quick multi-label text classification model for the Kaggle Toxic',
    ]);
    const welcome = (await runCli(['start'], '')).stderr.split('\n');
    expect(welcome.every((line) => displayWidth(line) <= 80)).toBe(true);
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

  it("renders for a terminal: /help without Discord's ways to ask (which --json, the Discord payload, keeps)", async () => {
    const text = await runCli(['ask', '/help']);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n').slice(0, 4)).toEqual([
      'What I can do',
      "I answer questions about Akash Palrecha's work: projects, experience, research,",
      'skills and more.',
      '💬 Type a question in plain words — no slash needed.',
    ]);
    const json = await runCli(['ask', '/help', '--json']);
    expect(json.stdout).toContain('DM me or mention me with a question');
    expect(json.stdout).toContain('Every command takes a `private` option');
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
    expect(stderr.split('\n').slice(0, 3)).toEqual([
      'portfolio-bot ask: expected an input: ask "/projects optimizers" or ask "what do they know about docker?"',
      '',
      'usage: portfolio-bot ask "<input>" [--guild G] [--json]',
    ]);
  });
});

describe('the environment', () => {
  /** process.env without the keys of .env.example, so that a .env can set them. */
  function bareEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env = { ...process.env };
    for (const key of [
      'DISCORD_TOKEN',
      'DISCORD_CLIENT_ID',
      'DISCORD_GUILD_ID',
      'DISCORD_PUBLIC_KEY',
      'DISCORD_API_URL',
      'PORT',
      'PROFILE_PATH',
      'LOG_LEVEL',
      'COOLDOWN_COMMANDS',
      'COOLDOWN_SECONDS',
    ])
      delete env[key];
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
      const overridden = await runCli(['validate'], '', {
        cwd: dir,
        env: bareEnv({ PROFILE_PATH: join(REPO_ROOT, 'data', 'profile.yaml') }),
      });
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
    const portfolio = await shippedPortfolio();
    const dispatcher = createDispatcher({ commands: COMMANDS, portfolio: () => portfolio, logger: silentLogger, surface: 'terminal' });
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const done = runTerminalChat({ dispatcher, name: 'A', input, output, notices: new PassThrough(), interactive: false, colour: false });
    input.end('/projects\nnext\nprevious\n1\nexit\n/about\n');
    expect(await done).toBe(0);
    const lines = text.split('\n');
    expect(lines.filter((line) => /^— Page \d of 2 /.test(line)).map((line) => line.slice(0, 13))).toEqual([
      '— Page 1 of 2',
      '— Page 2 of 2',
      '— Page 1 of 2',
    ]);
    expectLines(lines, ['Lookahead Optimizer Analysis  https://github.com/akashpalrecha/Lookahead']);
    // exit ends the chat: nothing after it is answered.
    expect(text).not.toContain('Background');
  });
});

describe('renderPayload', () => {
  const LIST_STATE = { command: 'projects', action: 'page', user: '0', key: '' };
  const pager = (page: number, pages: number): ReplyPayload['components'] => [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: 'Previous',
          custom_id: encodeCustomId({ ...LIST_STATE, page: Math.max(0, page - 1) }),
          disabled: page === 0,
        },
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: `Page ${page + 1} of ${pages}`,
          custom_id: encodeCustomId({ ...LIST_STATE, action: 'noop', page }),
          disabled: true,
        },
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: 'Next',
          custom_id: encodeCustomId({ ...LIST_STATE, page: page + 1 }),
          disabled: page === pages - 1,
        },
      ],
    },
  ];
  const MENU_ID = 'pb1|projects|open|u=0|k=';
  const menu: ReplyRow = {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.StringSelect,
        custom_id: MENU_ID,
        placeholder: 'Open a project…',
        options: [
          { label: 'One', value: 'one' },
          { label: 'Two', value: 'two' },
        ],
      },
    ],
  };

  it('shows link buttons as labelled links, and leaves out what only Discord has', () => {
    const text = renderPayload({
      embeds: [
        {
          title: 'T',
          url: 'https://x.org',
          description: '**bold** and [a link](https://y.org)',
          fields: [{ name: 'F', value: 'v' }],
          footer: { text: 'foot' },
        },
      ],
      components: [
        {
          type: ComponentType.ActionRow,
          components: [{ type: ComponentType.Button, style: ButtonStyle.Link, label: 'Repo', url: 'https://github.com/x' }],
        },
        {
          type: ComponentType.ActionRow,
          components: [
            { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Share in channel', custom_id: 'pb1|share|projects|u=0' },
          ],
        },
        menu,
      ],
      flags: MessageFlags.Ephemeral,
    });
    expect(text).toBe(['T  https://x.org\nbold and a link (https://y.org)\nF\n  v\n— foot', '[Repo] https://github.com/x'].join('\n\n'));
  });

  it('prints each URL once: a button or a later link to a URL already shown is left out or named only', () => {
    const text = renderPayload({
      embeds: [
        {
          title: 'Lookahead',
          url: 'https://github.com/a/lookahead',
          description: 'See [the repo](https://github.com/a/lookahead) and [the paper](https://arxiv.org/1)',
        },
        { description: 'Again: [the paper](https://arxiv.org/1), [github.com/a](https://github.com/a), [a@b.org](mailto:a@b.org)' },
      ],
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            { type: ComponentType.Button, style: ButtonStyle.Link, label: 'Repo', url: 'https://github.com/a/lookahead' },
            { type: ComponentType.Button, style: ButtonStyle.Link, label: 'GitHub', url: 'https://github.com/a' },
            { type: ComponentType.Button, style: ButtonStyle.Link, label: 'Demo', url: 'https://demo.org' },
          ],
        },
      ],
    });
    expect(text).toBe(
      [
        'Lookahead  https://github.com/a/lookahead\nSee the repo and the paper (https://arxiv.org/1)',
        'Again: the paper, https://github.com/a, a@b.org',
        '[Demo] https://demo.org',
      ].join('\n\n'),
    );
  });

  it("names the card's person unless the title already does", () => {
    const author = { name: 'Ada Lovelace' };
    expect(renderPayload({ embeds: [{ author, title: 'Ada Lovelace — projects' }] })).toBe('Ada Lovelace — projects');
    expect(renderPayload({ embeds: [{ author, title: 'Analytical Engine' }] })).toBe('Ada Lovelace\nAnalytical Engine');
  });

  it('says how to use the pager and the menu, and only names a menu chosen from just now', () => {
    const first: ReplyPayload = { content: 'list', components: [...(pager(0, 3) ?? []), menu] };
    expect(renderPayload(first, { controls: true })).toBe(
      'list\n\nType next for page 2, or a number to open a project:\n  1  One\n  2  Two',
    );
    const middle: ReplyPayload = { content: 'list', components: [...(pager(1, 3) ?? []), menu] };
    expect(renderPayload(middle, { controls: true, chosenFrom: MENU_ID })).toBe(
      'list\n\nType next for page 3, prev for page 1, or 1–2 to open a project.',
    );
    const back: ReplyPayload = {
      content: 'card',
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.Button,
              style: ButtonStyle.Secondary,
              label: 'All matches',
              custom_id: encodeCustomId({ ...LIST_STATE, page: 0, key: 'kaggle' }),
            },
          ],
        },
      ],
    };
    expect(renderPayload(back, { controls: true })).toBe('card\n\nType back for all the matches.');
    // `ask` answers once: nothing to type.
    expect(renderPayload(first)).toBe('list');
    expect(readControls(first).actions.map((action) => action.trigger)).toEqual(['next', '1', '2']);
  });

  it('removes markdown escapes', () => {
    expect(renderMarkdown('\\*not bold\\* `code` \\@everyone', false, new Set())).toBe('*not bold* code \\@everyone');
  });
});

describe('wrapText', () => {
  it('folds at spaces, keeping the spacing of what stays on a line', () => {
    expect(wrapText('Title  https://x.org/abc and some more words', 24)).toBe('Title  https://x.org/abc\nand some more words');
    expect(wrapText('short', 20)).toBe('short');
  });

  it('continues a bullet, a field and a menu line under its text', () => {
    expect(wrapText('  • alpha beta gamma delta', 15)).toBe('  • alpha beta\n    gamma delta');
    expect(wrapText('  ↳ e.g. /ask does he know docker?', 20)).toBe('  ↳ e.g. /ask does\n    he know docker?');
    expect(wrapText('  10  Efficiently Oversampling', 20)).toBe('  10  Efficiently\n      Oversampling');
  });

  it('counts emoji as two columns and colour codes as none', () => {
    expect(displayWidth('💬 hi')).toBe(5);
    expect(displayWidth('✉️ hi')).toBe(5);
    expect(displayWidth('\x1b[1mhi\x1b[0m')).toBe(2);
    expect(wrapText('💬 aaaa bbbb', 11)).toBe('💬 aaaa\nbbbb');
    expect(wrapText('\x1b[2maaaa bbbb\x1b[0m', 9)).toBe('\x1b[2maaaa bbbb\x1b[0m');
  });

  it('never breaks a word: one longer than a line starts its own line and runs past the edge', () => {
    const url = `https://example.org/${'a'.repeat(30)}`;
    expect(wrapText(`see the report at ${url} today`, 30)).toBe(`see the report at\n${url}\ntoday`);
    expect(wrapText(`  • report: ${url}`, 30)).toBe(`  • report:\n    ${url}`);
    expect(wrapText(`unbreakable ${'x'.repeat(12)}`, 20)).toBe(`unbreakable\n${'x'.repeat(12)}`);
  });

  it('leaves a link line whole: its label stays beside its URL', () => {
    const url = `https://example.org/${'a'.repeat(30)}`;
    const payload: ReplyPayload = {
      content: `read the whole report at ${url}`,
      components: [
        {
          type: ComponentType.ActionRow,
          components: [{ type: ComponentType.Button, style: ButtonStyle.Link, label: 'Paper', url: `${url}/paper` }],
        },
      ],
    };
    expect(renderPayload(payload, { width: 30 })).toBe(`read the whole report at\n${url}\n\n[Paper] ${url}/paper`);
  });

  it("is 80 columns when piped, else the terminal's width", () => {
    expect(terminalWidth({ isTTY: false })).toBe(80);
    expect(terminalWidth({ isTTY: true, columns: 120 })).toBe(120);
    expect(terminalWidth({ isTTY: true, columns: 0 })).toBe(80);
  });
});
