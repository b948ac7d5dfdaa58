// The community showcase's surface (issue #17), replayed in this process on
// loopback only: a community on a temporary SQLite file, the dispatcher over
// every command, and a loopback HTTP server standing in for the outside world.
//
// - SSRF: `url:` submits aimed at loopback, private and link-local addresses (in
//   several spellings), over http, with credentials, under the production fetch
//   policy; a redirect from an allowed host to private addresses (the test-only
//   loopback setting lets the first hop through, as tests/community-fetch does).
//   Blocked means refused with a message and no connection reached the server.
// - Bodies too large (declared and undeclared) and too slow (a drip that never
//   ends): refused by the byte cap and the time cap.
// - Documents that expand or nest: YAML alias bombs, deep YAML and JSON nesting.
// - Mentions, masked links and bidi characters in a submitted profile, read back
//   through /who, /search, /projects, /ask and /portfolio show.
// - A member removing another's profile; a profile read from another server.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { COMMANDS } from '../../commands/index.js';
import { createDispatcher, type Dispatcher } from '../../src/bot/dispatch.js';
import { loadPortfolio } from '../../src/bot/load.js';
import type { CommandInput, Portfolio } from '../../src/bot/types.js';
import { openCommunity, type Community } from '../../src/community/community.js';
import { DEFAULT_FETCH_POLICY, type FetchPolicy } from '../../src/community/fetch.js';
import { silentLogger } from '../../src/log.js';
import { DEFAULT_PROFILE_PATH } from '../../src/paths.js';
import { encodeCustomId, type ReplyPayload } from '../../src/replies/index.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Attack, AttackResult } from './types.js';

const GUILD = '500000000000000001';
const OTHER_GUILD = '500000000000000002';
const VICTIM = { id: '600000000000000001', name: 'victim' };
const ATTACKER = { id: '600000000000000002', name: 'attacker' };
/** Enough submits for every row: the limit is not what these attacks test (a row below does). */
const NO_LIMIT = { count: 1_000_000, windowMs: 1 };

interface Rig {
  dispatcher: Dispatcher;
  community: Community;
  close(): Promise<void>;
}

const rssMb = () => Math.round(process.memoryUsage().rss / (1024 * 1024));
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? null : Math.round(sorted[Math.floor(sorted.length / 2)]!);
};

async function openRig(policy: FetchPolicy, owner: Portfolio): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'portfolio-attack-community-'));
  const community = await openCommunity({
    store: await openSqliteStore(join(dir, 'portfolio.db')),
    owner: () => owner,
    logger: silentLogger,
    fetchPolicy: policy,
    submitLimit: NO_LIMIT,
  });
  const dispatcher = createDispatcher({
    commands: COMMANDS,
    portfolio: () => owner,
    portfolioFor: community.portfolioFor,
    context: { community },
    logger: silentLogger,
  });
  return {
    dispatcher,
    community,
    async close() {
      await community.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The loopback server: what each path does, and how many requests reached it. */
async function startServer(handle: (req: IncomingMessage, res: ServerResponse) => void) {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    hits: () => hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function memberYaml(name: string, projectName: string, summary: string): string {
  return [
    'version: 1',
    'site: https://example.org',
    'updated: 2025-01-31',
    'identity:',
    `  name: ${JSON.stringify(name)}`,
    '  pronoun: they',
    '  headline: Learner',
    `  summary: ${JSON.stringify(summary)}`,
    '  links:',
    '    - kind: github',
    '      label: GitHub',
    '      url: https://github.com/example',
    'about:',
    '  - id: background',
    '    title: Background',
    `    text: ${JSON.stringify(summary)}`,
    'education: []',
    'experience: []',
    'research: []',
    'learning: []',
    'blogs: []',
    'categories:',
    '  - id: work',
    '    name: Work',
    'projects:',
    '  - id: p1',
    `    name: ${JSON.stringify(projectName)}`,
    '    category: work',
    `    summary: ${JSON.stringify(summary)}`,
    '    details: []',
    '    links: []',
    '    tags: ["optimizers"]',
    '    status: active',
    'skills:',
    '  expert: []',
    '  intermediate: []',
    '  basic: []',
    '  learning: []',
    '',
  ].join('\n');
}

const submitUrl = (rig: Rig, url: string, user = ATTACKER, guildId = GUILD) =>
  rig.dispatcher.commandAsync('portfolio', { options: { url }, user, guildId, subcommand: 'submit' });

/** Counts the first line of each reply: what the bot said. */
function tally(outcomes: Record<string, number>, reply: ReplyPayload) {
  const said = (reply.content ?? reply.embeds?.[0]?.title ?? '')
    .split('\n')[0]!
    .replace(/\d{4,}/g, 'N')
    .slice(0, 90);
  outcomes[said] = (outcomes[said] ?? 0) + 1;
}

const STACK = /\n\s+at .+\(.+:\d+:\d+\)/;

async function ssrf(owner: Portfolio): Promise<AttackResult> {
  const server = await startServer((_req, res) => res.end(memberYaml('Reached', 'Reached', 'The fetch reached loopback.')));
  const rig = await openRig(DEFAULT_FETCH_POLICY, owner);
  const p = server.port;
  const urls = [
    `https://127.0.0.1:${p}/profile.yaml`,
    `https://localhost:${p}/profile.yaml`,
    `https://0x7f.1:${p}/profile.yaml`,
    `https://2130706433:${p}/profile.yaml`,
    `https://127.1:${p}/profile.yaml`,
    `https://[::1]:${p}/profile.yaml`,
    `https://[::ffff:127.0.0.1]:${p}/profile.yaml`,
    'https://10.0.0.1/profile.yaml',
    'https://192.168.1.1/profile.yaml',
    'https://172.16.0.1/profile.yaml',
    'https://169.254.169.254/latest/meta-data/',
    'https://[fe80::1]/profile.yaml',
    'https://[fd00::1]/profile.yaml',
    'https://100.64.0.1/profile.yaml',
    `http://127.0.0.1:${p}/profile.yaml`,
    'http://example.org/profile.yaml',
    'https://user:secret@example.org/profile.yaml',
    'file:///etc/passwd',
    'gopher://127.0.0.1:70/',
  ];
  const outcomes: Record<string, number> = {};
  const times: number[] = [];
  let crashes = 0;
  let leaks = 0;
  const start = rssMb();
  let peak = start;
  for (const url of urls) {
    const began = performance.now();
    try {
      const reply = await submitUrl(rig, url);
      times.push(performance.now() - began);
      tally(outcomes, reply);
      if (STACK.test(JSON.stringify(reply))) leaks++;
    } catch {
      crashes++;
    }
    peak = Math.max(peak, rssMb());
  }
  const reached = server.hits();
  const saved = (await rig.community.exportOf(GUILD, ATTACKER.id)) !== undefined;
  await rig.close();
  await server.close();
  return {
    attack: `url: to loopback (5 spellings), private, link-local, CGNAT, http, credentials, file:, gopher: (${urls.length} urls)`,
    hole: '#17 SSRF',
    sent: urls.length,
    outcomes: { ...outcomes, 'requests that reached the loopback server': reached, 'profile saved': saved ? 1 : 0 },
    crashes,
    leaks: leaks + reached + (saved ? 1 : 0),
    rssStartMb: start,
    rssPeakMb: peak,
    rssEndMb: rssMb(),
    rejectMs: median(times),
    note: 'production fetch policy (no loopback); a request that reaches the server counts as a leak',
  };
}

async function redirects(owner: Portfolio): Promise<AttackResult> {
  const targets = [
    'http://10.0.0.1/x',
    'https://169.254.169.254/latest/meta-data/',
    'https://192.168.0.1/x',
    'https://[fd00::1]/x',
    'file:///etc/passwd',
  ];
  let followed = 0;
  const server = await startServer((req, res) => {
    const index = Number(req.url?.slice(1));
    if (Number.isInteger(index) && targets[index]) {
      res.writeHead(302, { location: targets[index] }).end();
      return;
    }
    followed++;
    res.end('unexpected');
  });
  // The test-only setting lets the first hop (loopback, http) through; every redirect is checked afresh.
  const rig = await openRig({ ...DEFAULT_FETCH_POLICY, allowLoopback: true }, owner);
  const outcomes: Record<string, number> = {};
  const times: number[] = [];
  let crashes = 0;
  const start = rssMb();
  for (let index = 0; index < targets.length; index++) {
    const began = performance.now();
    try {
      tally(outcomes, await submitUrl(rig, `http://127.0.0.1:${server.port}/${index}`));
      times.push(performance.now() - began);
    } catch {
      crashes++;
    }
  }
  const saved = (await rig.community.exportOf(GUILD, ATTACKER.id)) !== undefined;
  await rig.close();
  await server.close();
  return {
    attack: 'redirect from an allowed host to private, link-local, ULA and file: targets',
    hole: '#17 SSRF',
    sent: targets.length,
    outcomes: { ...outcomes, 'profile saved': saved ? 1 : 0 },
    crashes,
    leaks: followed + (saved ? 1 : 0),
    rssStartMb: start,
    rssPeakMb: rssMb(),
    rssEndMb: rssMb(),
    rejectMs: median(times),
    note: 'FETCH_ALLOW_LOOPBACK lets the first hop through, as in the tests; private ranges stay refused',
  };
}

async function bodies(owner: Portfolio): Promise<AttackResult> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const server = await startServer((req, res) => {
    if (req.url === '/declared') {
      res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
      res.end(chunk);
    } else if (req.url === '/undeclared') {
      // 5 MB, chunked: no length to refuse it by.
      res.writeHead(200);
      let sent = 0;
      const more = () => {
        while (sent < 80) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      res.on('error', () => undefined);
      more();
    } else {
      // A drip: one byte a second, never done.
      res.writeHead(200);
      const timer = setInterval(() => res.write('a'), 1000);
      res.on('close', () => clearInterval(timer));
    }
  });
  const rig = await openRig({ ...DEFAULT_FETCH_POLICY, allowLoopback: true }, owner);
  const cases = ['/declared', '/undeclared', '/slow', '/slow', '/slow'];
  const outcomes: Record<string, number> = {};
  let crashes = 0;
  const start = rssMb();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, rssMb())), 50);
  const times = await Promise.all(
    cases.map(async (path, index) => {
      const began = performance.now();
      try {
        tally(outcomes, await submitUrl(rig, `http://127.0.0.1:${server.port}${path}`, { id: `60000000000000010${index}`, name: 'x' }));
      } catch {
        crashes++;
      }
      return performance.now() - began;
    }),
  );
  clearInterval(timer);
  await rig.close();
  await server.close();
  return {
    attack: 'bodies: 50 MB declared, 5 MB chunked, 3 drips of a byte a second (at once)',
    hole: '#17 caps',
    sent: cases.length,
    outcomes,
    crashes,
    leaks: 0,
    hangs: times.filter((ms) => ms > DEFAULT_FETCH_POLICY.timeoutMs + 2000).length,
    rssStartMb: start,
    rssPeakMb: peak,
    rssEndMb: rssMb(),
    rejectMs: median(times),
    note: `caps: ${DEFAULT_FETCH_POLICY.maxBytes / 1024} KB and ${DEFAULT_FETCH_POLICY.timeoutMs} ms; slowest ${Math.round(Math.max(...times))} ms`,
  };
}

function nestedDocuments(): [string, string, string][] {
  const anchors = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let level = 1; level < 9; level++) {
    const previous = String.fromCharCode(96 + level);
    const name = String.fromCharCode(97 + level);
    anchors.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
  }
  return [
    ['YAML billion laughs (9 levels of 9 aliases)', 'profile.yaml', `version: 1\n${anchors.join('\n')}\n`],
    ['YAML 100 000 nested flow lists', 'profile.yaml', `version: 1\nx: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`],
    // Indentation grows with depth: 700 levels is as deep as 256 KB allows.
    ['YAML 700 nested block mappings', 'profile.yaml', Array.from({ length: 700 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')],
    ['JSON Resume 100 000 nested arrays', 'resume.json', `{"basics":${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
    ['JSON Resume 100 000 nested objects', 'resume.json', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`],
  ];
}

async function documents(owner: Portfolio): Promise<AttackResult> {
  const rig = await openRig(DEFAULT_FETCH_POLICY, owner);
  const outcomes: Record<string, number> = {};
  const times: number[] = [];
  let crashes = 0;
  let saved = 0;
  const start = rssMb();
  let peak = start;
  const cases = nestedDocuments();
  for (const [, filename, text] of cases) {
    const began = performance.now();
    try {
      const outcome = await rig.community.submitText(GUILD, ATTACKER, text, filename);
      times.push(performance.now() - began);
      // The first problem, without its line and column.
      const said = outcome.ok ? 'saved' : (outcome.message.split('\n')[1] ?? outcome.message).replace(/^[^:]*:\d+:\d+: /, '').slice(0, 80);
      outcomes[said] = (outcomes[said] ?? 0) + 1;
      if (outcome.ok) saved++;
    } catch {
      crashes++;
    }
    peak = Math.max(peak, rssMb());
  }
  await rig.close();
  return {
    attack: `documents that expand or nest (${cases.map(([name]) => name).join('; ')})`,
    hole: '#17 parsing',
    sent: cases.length,
    outcomes,
    crashes,
    leaks: saved,
    rssStartMb: start,
    rssPeakMb: peak,
    rssEndMb: rssMb(),
    rejectMs: median(times),
    note: 'through submitText, the path url: and file: submits take after the fetch; a crash is an exception out of it',
  };
}

/** Live mention syntax, bidi or zero-width characters, or a masked link whose text is another address. */
function unsafe(payload: ReplyPayload): string[] {
  const text = JSON.stringify(payload);
  const found: string[] = [];
  if (/(?<!\\u200b)@(everyone|here)/i.test(text.replace(/@\u200B/g, '@\\u200b'))) found.push('@everyone');
  if (/<@[!&]?\d+>/.test(text)) found.push('user mention');
  if (/[\u202A-\u202E\u2066-\u2069\u200E\u200F]/.test(text)) found.push('bidi');
  // A link Discord would render: brackets not escaped (in JSON text, an escaping backslash is written "\\").
  if (/(?<!\\)\[https?:\/\/(?!evil)[^\]]*(?<!\\)\]\(https?:\/\/evil/.test(text)) found.push('masked link');
  return found;
}

async function hostileText(owner: Portfolio): Promise<AttackResult> {
  const rig = await openRig(DEFAULT_FETCH_POLICY, owner);
  const name = 'Mallory @everyone <@600000000000000001> \u202Eevil\u202C';
  const project = '[https://github.com/good](https://evil.example/x) @here <@&123456789012345678>';
  const summary = 'Optimizers \u2066reversed\u2069 \u200Bhidden <@600000000000000001> [https://good.example](https://evil.example).';
  const saved = await rig.community.submitText(GUILD, { id: ATTACKER.id, name: '@everyone' }, memberYaml(name, project, summary), 'p.yaml');
  const reads: [string, CommandInput['options'], string?][] = [
    ['who', { query: 'optimizers' }],
    ['search', { query: 'optimizers' }],
    ['projects', { query: 'optimizers' }],
    ['projects', {}],
    ['ask', { question: 'who knows optimizers?' }],
    ['portfolio', { member: ATTACKER.id }, 'show'],
  ];
  const outcomes: Record<string, number> = { [saved.ok ? 'profile saved' : 'profile refused']: 1 };
  const found: Record<string, number> = {};
  let crashes = 0;
  const start = rssMb();
  const times: number[] = [];
  for (const [command, options, subcommand] of reads) {
    const began = performance.now();
    try {
      const reply = await rig.dispatcher.commandAsync(command, { options, user: VICTIM, guildId: GUILD, subcommand });
      times.push(performance.now() - began);
      outcomes[`/${command}${subcommand ? ` ${subcommand}` : ''} answered`] = 1;
      for (const what of unsafe(reply)) found[what] = (found[what] ?? 0) + 1;
      if (reply.allowed_mentions?.parse?.length !== 0) found['allowed_mentions not empty'] = (found['allowed_mentions not empty'] ?? 0) + 1;
    } catch {
      crashes++;
    }
  }
  await rig.close();
  const leaks = Object.values(found).reduce((sum, n) => sum + n, 0);
  return {
    attack: 'mentions, masked links that lie, bidi and zero-width characters in a member profile, read by 6 commands',
    hole: '#17 hostile text',
    sent: reads.length + 1,
    outcomes: { ...outcomes, ...Object.fromEntries(Object.entries(found).map(([what, n]) => [`unsafe: ${what}`, n])) },
    crashes,
    leaks,
    rssStartMb: start,
    rssPeakMb: rssMb(),
    rssEndMb: rssMb(),
    rejectMs: median(times),
    note: 'checked in the payloads with patterns written apart from src/replies',
  };
}

async function othersProfiles(owner: Portfolio): Promise<AttackResult> {
  const rig = await openRig(DEFAULT_FETCH_POLICY, owner);
  const victim = await rig.community.submitText(GUILD, VICTIM, memberYaml('Victim', 'Victim project', 'Optimizers, studied.'), 'p.yaml');
  if (!victim.ok) throw new Error(`the victim's profile did not save: ${victim.message}`);
  const run = (name: string, input: Partial<CommandInput>) =>
    rig.dispatcher.commandAsync(name, { options: {}, user: ATTACKER, guildId: GUILD, ...input });
  const outcomes: Record<string, number> = {};
  const tries: (() => Promise<ReplyPayload>)[] = [
    () => run('portfolio', { subcommand: 'remove', options: { member: VICTIM.id } }),
    () => run('portfolio-mod', { subcommand: 'remove', options: { member: VICTIM.id, reason: 'x' } }),
    () => run('portfolio-mod', { subcommand: 'remove', options: { member: VICTIM.id, reason: 'x' }, memberPermissions: '0' }),
    () => run('portfolio-mod', { subcommand: 'remove', options: { member: VICTIM.id, reason: 'x' }, memberPermissions: 'ff' }),
    () => run('portfolio-mod', { subcommand: 'remove', options: { member: VICTIM.id, reason: 'x' }, memberPermissions: '-32' }),
    () => run('portfolio', { subcommand: 'export', options: { member: VICTIM.id } }),
    () => run('portfolio', { subcommand: 'submit', options: { member: VICTIM.id } }),
  ];
  let crashes = 0;
  const times: number[] = [];
  for (const attempt of tries) {
    const began = performance.now();
    try {
      tally(outcomes, await attempt());
      times.push(performance.now() - began);
    } catch {
      crashes++;
    }
  }
  const still = (await rig.community.exportOf(GUILD, VICTIM.id)) !== undefined;
  await rig.close();
  return {
    attack: "another member removes, exports or overwrites someone's profile (7 ways, forged permissions included)",
    hole: '#17 ownership',
    sent: tries.length,
    outcomes: { ...outcomes, "victim's profile still there": still ? 1 : 0 },
    crashes,
    leaks: still ? 0 : 1,
    rssStartMb: rssMb(),
    rssPeakMb: rssMb(),
    rssEndMb: rssMb(),
    rejectMs: median(times),
  };
}

async function otherGuild(owner: Portfolio): Promise<AttackResult> {
  const rig = await openRig(DEFAULT_FETCH_POLICY, owner);
  await rig.community.submitText(GUILD, VICTIM, memberYaml('Victim', 'Zanzibar telescope', 'Zanzibar optimizers.'), 'p.yaml');
  const elsewhere = { user: ATTACKER, guildId: OTHER_GUILD };
  const replies: ReplyPayload[] = [];
  let crashes = 0;
  const times: number[] = [];
  const attempts: (() => Promise<ReplyPayload>)[] = [
    () => rig.dispatcher.commandAsync('who', { options: { query: 'zanzibar' }, ...elsewhere }),
    () => rig.dispatcher.commandAsync('search', { options: { query: 'zanzibar' }, ...elsewhere }),
    () => rig.dispatcher.commandAsync('projects', { options: { query: 'zanzibar telescope' }, ...elsewhere }),
    () => rig.dispatcher.commandAsync('ask', { options: { question: 'zanzibar telescope?' }, ...elsewhere }),
    () => rig.dispatcher.commandAsync('search', { options: { query: 'zanzibar', member: VICTIM.id }, ...elsewhere }),
    () => rig.dispatcher.commandAsync('portfolio', { options: { member: VICTIM.id }, subcommand: 'show', ...elsewhere }),
    () => rig.dispatcher.commandAsync('ask', { options: { question: 'zanzibar telescope?' }, user: ATTACKER }),
    async () => {
      const open = encodeCustomId({ command: 'portfolio', action: 'open', key: VICTIM.id });
      const result = await rig.dispatcher.componentAsync(open, [], ATTACKER, { guildId: OTHER_GUILD });
      return result.type === 'modal' ? { content: result.modal.title } : result.payload;
    },
  ];
  for (const attempt of attempts) {
    const began = performance.now();
    try {
      replies.push(await attempt());
      times.push(performance.now() - began);
    } catch {
      crashes++;
    }
  }
  const shown = replies.filter((reply) => /zanzibar telescope|victim/i.test(JSON.stringify(reply).replace(/“[^”]*”/g, ''))).length;
  await rig.close();
  return {
    attack: 'a profile read from another server (or a DM): /who, /search, /projects, /ask, member:, show, the Open button',
    hole: '#17 visibility',
    sent: attempts.length,
    outcomes: { 'replies naming the profile': shown, 'replies that did not': replies.length - shown },
    crashes,
    leaks: shown,
    rssStartMb: rssMb(),
    rssPeakMb: rssMb(),
    rssEndMb: rssMb(),
    rejectMs: median(times),
  };
}

export const communityAttack: Attack = {
  name: 'community',
  async run() {
    const { portfolio: owner } = await loadPortfolio(DEFAULT_PROFILE_PATH);
    if (!owner) throw new Error('the shipped profile does not load');
    const rows: AttackResult[] = [];
    const attacks = [ssrf, redirects, bodies, documents, hostileText, othersProfiles, otherGuild];
    for (const attack of attacks) rows.push(await attack(owner));
    return rows;
  },
};
