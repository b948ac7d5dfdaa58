// Hostile profile text against the replies (issue #15, points 4 and 6; issue #12, point 4).
// For each case, the shipped profile gets the hostile text in its summary and
// background topic (or in its first project's name), is written to a temporary
// file, and `node bin/portfolio-bot.js ask --json` answers one command on it
// (PROFILE_PATH). The printed payload is then searched by checks written apart
// from src/replies: the private number in any spelling that normalises to it,
// a live mention, a bidi or stray zero-width character, a masked link that
// Discord would not render or whose text names another site.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { DEFAULT_PROFILE_PATH, REPO_ROOT } from '../../src/paths.js';
import type { Attack, AttackResult } from './types.js';

const BIN = join(REPO_ROOT, 'bin', 'portfolio-bot.js');
const ASK_TIMEOUT_MS = 15_000;
// Reports the ask process's own peak memory as it exits (KiB on Linux).
const PEAK_HOOK = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\nattack-maxrss-kib '+process.resourceUsage().maxRSS+'\\n'))`;

interface Case {
  hole: string;
  attack: string;
  /** Where the text goes: the summary and background topic (shown by /about), or the first project's name (/project's title). */
  place: 'about' | 'project name';
  text: string;
  /** The input to ask; defaults to /about or /project for the first project. */
  ask?: string;
}

const digitsIn = (zero: number, digits: string): string => digits.replace(/\d/g, (d) => String.fromCodePoint(zero + Number(d)));

const SPELLINGS: [string, string][] = [
  ['slashes', '98799/90466'],
  ['underscores', '98_799_904_66'],
  ['stars', '9*8*7*9*9*9*0*4*6*6'],
  ['commas', '98,799,904,66'],
  ['colons', '+91:98799:90466'],
  ['fullwidth digits', `＋${digitsIn(0xff10, '91 98799 90466')}`],
  ['Arabic-Indic digits', digitsIn(0x660, '98799 90466')],
  ['ZWNJ inside', '98799\u200C90466'],
  ['word joiner inside', '+91\u206098799\u206090466'],
  ['Devanagari digits', digitsIn(0x966, '98799 90466')],
  ['mathematical digits', digitsIn(0x1d7ce, '9879990466')],
  ['circled digits', '⑨⑧⑦⑨⑨⑨⓪④⑥⑥'],
  ['+91 (0) …', '+91 (0) 98799-90466'],
  ['spaces (hidden before)', '+91 98799 90466'],
  ['non-breaking space (hidden before)', '98799\u00A090466'],
  ['0091 (hidden before)', '0091 98799 90466'],
];

const CASES: Case[] = [
  ...SPELLINGS.map(([name, spelling]): Case => ({
    hole: '#15.4',
    attack: `phone with ${name}`,
    place: 'about',
    text: `Call me on ${spelling} any day.`,
  })),
  {
    hole: '#15.4',
    attack: 'phone in a project title',
    place: 'project name',
    text: `Alpha ${digitsIn(0xff10, '98799')}/${digitsIn(0x660, '90466')}`,
  },
  { hole: '#15.6', attack: '@everyone and @here', place: 'about', text: 'Hi @everyone and @here!' },
  {
    hole: '#15.6',
    attack: 'role, user and channel mentions',
    place: 'about',
    text: 'Ask <@&123456789012345678>, <@123456789012345678> in <#123456789012345678>.',
  },
  { hole: '#15.6', attack: '@everyone rejoined by a removed ZWSP', place: 'about', text: 'Hi @every\u200Bone and @\u2060here' },
  {
    hole: '#15.6',
    attack: 'masked link: url text, other target',
    place: 'about',
    text: 'Code: [https://github.com/ada](https://evil.example/phish)',
  },
  {
    hole: '#15.6',
    attack: 'masked link: domain text, look-alike target',
    place: 'about',
    text: 'Code: [github.com](https://gіthub.com/ada)',
  },
  {
    hole: '#15.6',
    attack: 'masked link: target with user info',
    place: 'about',
    text: 'Code: [github.com](https://github.com@evil.example/x)',
  },
  {
    hole: '#15.6',
    attack: 'masked link: target not plain',
    place: 'about',
    text: 'Code: [github.com](https://github.com(x)@evil.example/)',
  },
  { hole: '#15.6', attack: 'RLO in a project title', place: 'project name', text: '\u202Eexe.txt\u202C Alpha' },
  {
    hole: '#15.6',
    attack: 'isolates and zero-width in a title',
    place: 'project name',
    text: '\u2066Alpha\u2069\u200B\u2060\uFEFF\u200E tool 👩\u200D💻',
  },
  {
    hole: '#15.6',
    attack: 'bidi and zero-width in prose',
    place: 'about',
    text: 'Builds \u202Etxt.exe\u202C\u200B things\u2067\u061C\u200F.',
  },
  { hole: '#12.4', attack: '/contact e-mail link', place: 'about', text: 'Builds things.', ask: '/contact' },
  { hole: '#12.4', attack: 'mailto: masked link in prose', place: 'about', text: 'Write [to me](mailto:akash@pixxel.co.in).' },
  { hole: '#12.4', attack: 'tel: masked link to the phone', place: 'about', text: 'Or [call](tel:+919879990466).' },
];

// ---------------------------------------------------------------- leak checks (independent of src/replies)

const NATIONAL_DIGITS = '9879990466';

/** Each decimal digit's value, from Unicode's runs of ten: built once. */
let digitValues: Map<number, number> | undefined;
function digitValue(code: number): number | undefined {
  if (!digitValues) {
    digitValues = new Map();
    let run = 0;
    for (let c = 0; c <= 0x1ffff; c++) {
      if (/\p{Nd}/u.test(String.fromCodePoint(c))) digitValues.set(c, run++ % 10);
      else run = 0;
    }
  }
  return digitValues.get(code);
}

/** Letters and digits only (digits as ASCII), after NFKC: a number spelled any way reads as its digits. */
function letterAndDigitSkeleton(text: string): string {
  let out = '';
  for (const char of text.normalize('NFKC')) {
    const value = digitValue(char.codePointAt(0) as number);
    if (value !== undefined) out += String(value);
    else if (/\p{L}/u.test(char)) out += char;
  }
  return out;
}

const MENTION = /@(?:everyone|here)|<(?:@[!&]?\d|#\d|\/\w|a?:\w+:\d|t:-?\d|id:)/gi;
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u2060\uFEFF]/g;
const STRAY_ZERO_WIDTH = new RegExp(
  [
    String.raw`(?<![@<\x60])\u200B`,
    String.raw`(?<![\p{L}\p{M}])\u200C`,
    String.raw`\u200C(?![\p{L}\p{M}])`,
    String.raw`(?<!\p{Extended_Pictographic}(?:\u{FE0F}|[\u{1F3FB}-\u{1F3FF}])?)\u200D`,
    String.raw`\u200D(?!\p{Extended_Pictographic})`,
  ].join('|'),
  'gu',
);
const MASKED_LINK = /\[([^\]]*)\]\(<?([^)\s>]*)>?\)/g;

function disguisedLinks(text: string): number {
  let count = 0;
  for (const [, label = '', target = ''] of text.matchAll(MASKED_LINK)) {
    const host = /^https?:\/\/(?:[^@/]*@)?([^/:?#]+)/i.exec(target)?.[1]?.toLowerCase();
    if (!host) {
      count++;
      continue;
    }
    // The domain each word of the text starts with ("github.com" of "https://user@github.com/x.py").
    const named = label
      .toLowerCase()
      .split(/\s+/)
      .map((word) => word.replace(/^[*_~`|]+|^[a-z]+:\/\/|^[^@/]*@/g, '').split(/[/?#*_~`|]/)[0] ?? '')
      .filter((word) => /^(?:[\p{L}\d-]+\.)+\p{L}{2,}$/u.test(word));
    if (named.some((domain) => domain !== host && !host.endsWith(`.${domain}`) && !domain.endsWith(`.${host}`))) count++;
  }
  return count;
}

interface Leaks {
  phone: number;
  mention: number;
  hidden: number;
  link: number;
}

/** Every string of the payload, with whether Discord renders masked links in it. */
function* textsOf(value: unknown, key = ''): Generator<{ text: string; links: boolean }> {
  if (typeof value === 'string') yield { text: value, links: key === 'content' || key === 'description' || key === 'value' };
  else if (Array.isArray(value)) for (const item of value) yield* textsOf(item, key);
  else if (typeof value === 'object' && value !== null) for (const [name, item] of Object.entries(value)) yield* textsOf(item, name);
}

function leaksIn(payload: unknown): Leaks {
  const leaks: Leaks = { phone: 0, mention: 0, hidden: 0, link: 0 };
  for (const { text, links } of textsOf(payload)) {
    if (letterAndDigitSkeleton(text).includes(NATIONAL_DIGITS)) leaks.phone++;
    leaks.mention += text.match(MENTION)?.length ?? 0;
    leaks.hidden += (text.match(BIDI)?.length ?? 0) + (text === '\u200B' ? 0 : (text.match(STRAY_ZERO_WIDTH)?.length ?? 0));
    if (links) leaks.link += disguisedLinks(text);
  }
  return leaks;
}

// ---------------------------------------------------------------- running

interface Profile {
  identity: { summary: string };
  about: { id: string; text: string }[];
  projects: { id: string; name: string }[];
}

function writeProfile(dir: string, index: number, attack: Case): { file: string; ask: string } {
  const profile = parse(readFileSync(DEFAULT_PROFILE_PATH, 'utf8')) as Profile;
  const project = profile.projects[0] as Profile['projects'][number];
  if (attack.place === 'about') {
    profile.identity.summary = attack.text;
    const background = profile.about.find((topic) => topic.id === 'background');
    if (background) background.text = attack.text;
  } else {
    project.name = attack.text;
  }
  const file = join(dir, `profile-${index}.yaml`);
  writeFileSync(file, stringify(profile));
  return { file, ask: attack.ask ?? (attack.place === 'about' ? '/about' : `/project name:${project.id}`) };
}

interface Asked {
  code: number | null;
  /** Killed after ASK_TIMEOUT_MS without an answer. */
  hung: boolean;
  stdout: string;
  peakKib: number;
  ms: number;
}

function ask(profile: string, line: string): Promise<Asked> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', PEAK_HOOK, BIN, 'ask', line, '--json'], {
      cwd: tmpdir(),
      env: { ...process.env, DISCORD_TOKEN: '', PROFILE_PATH: profile, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, ASK_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const peakKib = Number(/attack-maxrss-kib (\d+)/.exec(stderr)?.[1] ?? 0);
      resolve({ code, hung, stdout, peakKib, ms: performance.now() - started });
    });
  });
}

async function runCase(dir: string, index: number, attack: Case): Promise<AttackResult> {
  const { file, ask: line } = writeProfile(dir, index, attack);
  const asked = await ask(file, line);
  let payload: unknown;
  try {
    payload = JSON.parse(asked.stdout);
  } catch {
    payload = undefined;
  }
  const answered = asked.code === 0 && payload !== undefined;
  const leaks = answered ? leaksIn(payload) : { phone: 0, mention: 0, hidden: 0, link: 0 };
  const outcome = answered ? 'answered' : asked.hung ? 'no answer (killed)' : `exit ${String(asked.code)}`;
  const found = Object.entries(leaks)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${kind} ${count}`);
  return {
    hole: attack.hole,
    attack: `${attack.attack} (${line.split(' ')[0]})`,
    sent: 1,
    outcomes: { [outcome]: 1 },
    crashes: answered || asked.hung ? 0 : 1,
    hangs: asked.hung ? 1 : 0,
    leaks: leaks.phone + leaks.mention + leaks.hidden + leaks.link,
    rssStartMb: 0,
    rssPeakMb: asked.peakKib / 1024,
    rssEndMb: 0,
    rejectMs: asked.ms,
    note:
      `RSS: the ask process's own peak (it exits; start and end not meaningful, shown 0); time: the whole ask process, node start-up included` +
      (found.length > 0 ? `; leaks: ${found.join(', ')}` : ''),
  };
}

export const repliesAttack: Attack = {
  name: 'replies',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'attack-replies-'));
    try {
      const rows: AttackResult[] = [];
      // One at a time: the machine is shared, and each ask is a whole node process.
      for (const [index, attack] of CASES.entries()) rows.push(await runCase(dir, index, attack));
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
