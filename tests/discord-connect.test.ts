// Issue #12.2 and #15.5 through the real entry point (`node bin/portfolio-bot.js start|deploy`, the
// compiled dist/; run `npm run build` first), against servers on loopback:
//   - Discord unreachable or misbehaving: a REST address that accepts and never answers, one that
//     refuses connections, and (the REST answering) a gateway that refuses connections, one that
//     never completes the WebSocket handshake, one that never sends HELLO. `start` and `deploy`
//     say at once where they connect, give up within DISCORD_CONNECT_TIMEOUT with a message that
//     names the likely causes, and exit 1.
//   - An error message that echoes the token (a proxy answering "Invalid Authorization header:
//     Bot <token>"): neither `start` nor `deploy` prints it, whole or in part.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import {
  refusedAddress,
  startFakeDiscord,
  startMuteGateway,
  startSilentServer,
  type DeadEnd,
  type FakeDiscord,
} from './fake-discord/index.js';
import { runBot, startBotProcess, type BotProcess } from './helpers/bot-process.js';

const CAUSES = 'Check the network connection, any proxy or firewall between here and Discord, and DISCORD_API_URL.';
/** Seconds: short, so the suite stays fast; the bot must wait at least this long, and then give up. */
const TIMEOUT_S = 1;
/** How long a run may take at most: the deadline plus a start-up on a busy machine. Today's code takes 45 s and more. */
const RUN_LIMIT_MS = 15_000;

/** A token shaped like a real one (base64 of the bot's id, a timestamp, an HMAC), random each run. */
function realisticToken(applicationId = '1100000000000000001'): string {
  return `${Buffer.from(applicationId).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
}

/** Whether `text` holds any 12-character stretch of `secret` (what a leak is, here and in `npm run attack`). */
function leaks(text: string, secret: string): boolean {
  for (let start = 0; start + 12 <= secret.length; start++) if (text.includes(secret.slice(start, start + 12))) return true;
  return false;
}

describe('DISCORD_CONNECT_TIMEOUT', () => {
  it('is 30 s unless set, takes seconds from 1 to 600 (fractions too), and names the key when wrong', () => {
    expect(parseConfig({}).DISCORD_CONNECT_TIMEOUT).toBe(30);
    expect(parseConfig({ DISCORD_CONNECT_TIMEOUT: '' }).DISCORD_CONNECT_TIMEOUT).toBe(30);
    expect(parseConfig({ DISCORD_CONNECT_TIMEOUT: '2.5' }).DISCORD_CONNECT_TIMEOUT).toBe(2.5);
    for (const bad of ['0', '601', 'ten']) {
      expect(() => parseConfig({ DISCORD_CONNECT_TIMEOUT: bad })).toThrow(
        'invalid environment: DISCORD_CONNECT_TIMEOUT: expected a number from 1 to 600',
      );
    }
  });
});

describe('`start` and `deploy` against an unreachable or misbehaving Discord (DISCORD_CONNECT_TIMEOUT=1)', () => {
  const token = realisticToken();
  let deadEnd: DeadEnd | undefined;
  let discord: FakeDiscord | undefined;
  afterEach(async () => {
    await deadEnd?.close();
    await discord?.close();
    deadEnd = undefined;
    discord = undefined;
  });

  /** Runs `start` and checks it said where it connects, then gave up with `message` after the deadline, exit 1. */
  async function expectStartGivesUp(apiUrl: string, message: string, waitsForDeadline: boolean): Promise<BotProcess> {
    const run = await runBot(
      ['start'],
      { DISCORD_TOKEN: token, DISCORD_API_URL: apiUrl, DISCORD_CONNECT_TIMEOUT: String(TIMEOUT_S) },
      RUN_LIMIT_MS,
    );
    const ended = Date.now();
    expect(run.exitStatus, run.stderr).toEqual({ code: 1, signal: null });
    const [first] = run.logs;
    expect(first).toMatchObject({ level: 'info', msg: 'connecting to Discord', api: apiUrl, timeoutSeconds: TIMEOUT_S });
    const errors = run.logsMatching((line) => line.level === 'error');
    expect(errors.map((line) => line.msg)).toEqual([message]);
    if (waitsForDeadline) {
      const waited = Date.parse(errors[0]!.time) - Date.parse(first!.time);
      expect(waited).toBeGreaterThanOrEqual(TIMEOUT_S * 1000 - 50);
      expect(ended - Date.parse(errors[0]!.time)).toBeLessThan(5000); // and then exits, not retries
    }
    expect(run.stderrLines.length).toBe(run.logs.length); // nothing but log lines: no stack trace
    expect(leaks(run.output, token)).toBe(false);
    return run;
  }

  /** Runs `deploy` and checks its two stderr lines: where it connects, then `message`; exit 1 and nothing on stdout. */
  async function expectDeployGivesUp(apiUrl: string, message: string): Promise<void> {
    const run = await runBot(
      ['deploy'],
      { DISCORD_TOKEN: token, DISCORD_API_URL: apiUrl, DISCORD_CONNECT_TIMEOUT: String(TIMEOUT_S) },
      RUN_LIMIT_MS,
    );
    expect(run.exitStatus, run.stderr).toEqual({ code: 1, signal: null });
    expect(run.stderrLines).toEqual([
      `connecting to Discord at ${apiUrl} (giving up after ${TIMEOUT_S} s)…`,
      `portfolio-bot deploy: ${message}`,
    ]);
    expect(run.stdout).toBe('');
    expect(leaks(run.output, token)).toBe(false);
  }

  it('start: a REST address that accepts and never answers', async () => {
    deadEnd = await startSilentServer();
    await expectStartGivesUp(
      deadEnd.url,
      `no answer from Discord at ${deadEnd.url} within ${TIMEOUT_S} s (DISCORD_CONNECT_TIMEOUT). ${CAUSES}`,
      true,
    );
    expect(deadEnd.connections).toBeGreaterThanOrEqual(1);
  });

  it('deploy: a REST address that accepts and never answers', async () => {
    deadEnd = await startSilentServer();
    await expectDeployGivesUp(
      deadEnd.url,
      `no answer from Discord at ${deadEnd.url} within ${TIMEOUT_S} s (DISCORD_CONNECT_TIMEOUT). ${CAUSES}`,
    );
    expect(deadEnd.connections).toBeGreaterThanOrEqual(1);
  });

  it('start: a REST address that refuses connections', async () => {
    const { url } = await refusedAddress();
    await expectStartGivesUp(url, `could not reach Discord at ${url}: the connection was refused (ECONNREFUSED). ${CAUSES}`, false);
  });

  it('deploy: a REST address that refuses connections', async () => {
    const { url } = await refusedAddress();
    await expectDeployGivesUp(url, `could not reach Discord at ${url}: the connection was refused (ECONNREFUSED). ${CAUSES}`);
  });

  const gateways: [string, () => Promise<{ wsUrl: string; close?: () => Promise<void> }>][] = [
    ['refuses connections', refusedAddress],
    ['accepts and never completes the WebSocket handshake', startSilentServer],
    ['completes the handshake and never sends HELLO', startMuteGateway],
  ];

  it.each(gateways)('start: the REST API answers, the gateway %s', async (_what, open) => {
    discord = await startFakeDiscord({ token });
    const gateway = await open();
    if (gateway.close) deadEnd = gateway as DeadEnd;
    discord.gatewayUrl = gateway.wsUrl; // what GET /gateway/bot answers
    await expectStartGivesUp(
      discord.apiUrl,
      `could not connect to Discord: its API at ${discord.apiUrl} answered, but its gateway at ${gateway.wsUrl} did not complete the connection ` +
        `within ${TIMEOUT_S} s (DISCORD_CONNECT_TIMEOUT). ${CAUSES} A proxy must let WebSocket connections through.`,
      true,
    );
    expect(discord.requests.filter((request) => request.route === 'GET /gateway/bot')).toHaveLength(1);
    expect(discord.identifyCount).toBe(0);
  });

  it('start: a working Discord is not cut short by the deadline, which ends with the login', async () => {
    discord = await startFakeDiscord({ token });
    const bot = await startBotProcess(discord, { DISCORD_CONNECT_TIMEOUT: '2' });
    try {
      expect(bot.logs[0]).toMatchObject({ msg: 'connecting to Discord', api: discord.apiUrl, timeoutSeconds: 2 });
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(bot.exitStatus).toBeNull();
      expect(bot.logsMatching((line) => line.level === 'error')).toEqual([]);
    } finally {
      await bot.stop();
    }
  });
});

describe('an error message that echoes the token is never printed (#15.5)', () => {
  const token = realisticToken();
  const [, , hmac] = token.split('.') as [string, string, string];
  let discord: FakeDiscord | undefined;
  let bot: BotProcess | undefined;
  afterEach(async () => {
    await bot?.stop();
    await discord?.close();
    bot = undefined;
    discord = undefined;
  });

  it('start: the login refused with "Invalid Authorization header: Bot <token>"', async () => {
    discord = await startFakeDiscord({ token });
    discord.failNextRequests('GET /gateway/bot', [{ status: 403, message: `Invalid Authorization header: Bot ${token}` }]);
    const run = await runBot(['start'], { DISCORD_TOKEN: token, DISCORD_API_URL: discord.apiUrl }, RUN_LIMIT_MS);
    expect(run.exitStatus, run.stderr).toEqual({ code: 1, signal: null });
    expect(run.logsMatching((line) => line.level === 'error').map((line) => line.msg)).toEqual([
      `could not connect to Discord: Discord at ${discord.apiUrl} answered 403: Invalid Authorization header: Bot [redacted]. ${CAUSES}`,
    ]);
    expect(leaks(run.output, token)).toBe(false);
  });

  it('start: a failed reply whose error echoes the token, or only its last segment', async () => {
    discord = await startFakeDiscord({ token, defaultTimeoutMs: 15_000 });
    bot = await startBotProcess(discord);
    const echoes = [`Invalid Authorization header: Bot ${token}`, `signature ${hmac} does not match`];
    for (const [index, message] of echoes.entries()) {
      discord.failNextCallbacks([{ status: 400, message }]);
      // The reply fails; the user is told privately (a second callback, which succeeds).
      const notice = await discord.sendCommand({ name: 'contact' }).response({ timeoutMs: 15_000 });
      expect(String(notice.data?.['content'])).toMatch(/^Something went wrong on my side \(ref \w+\)\.$/);
      await bot.waitForLog(() => bot!.logsMatching('reply failed').length > index, { timeoutMs: 15_000 });
    }
    expect(bot.logsMatching('reply failed').map((line) => line['error'])).toEqual([
      'Invalid Authorization header: Bot [redacted]',
      'signature [redacted] does not match',
    ]);
    expect(leaks(bot.output, token)).toBe(false);
  });

  it('deploy: the commands GET refused with "Invalid Authorization header: Bot <token>"', async () => {
    discord = await startFakeDiscord({ token });
    discord.failNextRequests('GET /applications/:app/commands', [{ status: 403, message: `Invalid Authorization header: Bot ${token}` }]);
    const run = await runBot(['deploy'], { DISCORD_TOKEN: token, DISCORD_API_URL: discord.apiUrl }, RUN_LIMIT_MS);
    expect(run.exitStatus, run.stderr).toEqual({ code: 1, signal: null });
    expect(run.stderrLines.at(-1)).toBe(
      `portfolio-bot deploy: Discord answered 403 to GET ` +
        `/api/v10/applications/${discord.applicationId}/commands: Invalid Authorization header: Bot [redacted] (code 0)`,
    );
    expect(leaks(run.output, token)).toBe(false);
    expect(discord.commands.putCount).toBe(0);
  });
});
