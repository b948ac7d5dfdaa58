// Issue #15: hostile profile files through the real entry point (`node bin/portfolio-bot.js`,
// the compiled dist/: run `npm run build` first). `validate` refuses them with located lines and
// no stack trace; a running `serve` or gateway bot that sees one saved keeps serving the last
// good profile. Hostile files are generated here, in a temporary directory.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApplicationCommandType, InteractionContextType, InteractionType } from 'discord-api-types/v10';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from './fake-discord/index.js';
import { runBot, spawnBot, startBotProcess, type BotProcess } from './helpers/bot-process.js';
import { SHIPPED_PROFILE } from './helpers/profile.js';
import { generateSigningKeys, signedRequest } from './helpers/signing.js';

const dir = mkdtempSync(join(tmpdir(), 'profile-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SHIPPED = readFileSync(SHIPPED_PROFILE, 'utf8');
/** The recipe: 101 plain references to one anchor, appended to a good profile. */
const BOMB = `x: &x 1\ny: [${Array(101).fill('*x').join(',')}]\n`;
const BOMB_LINE = SHIPPED.split('\n').length + 1;
const bombProblem = (file: string) =>
  `${file}:${BOMB_LINE}:305: too many aliases: more than 100 references to anchors (*x here is one too many); a profile may have at most 100`;
const STACK_FRAME = /^\s+at /m;

function copyShipped(name: string): string {
  const file = join(dir, name);
  copyFileSync(SHIPPED_PROFILE, file);
  return file;
}

describe('portfolio-bot validate on hostile files', () => {
  it('refuses an alias bomb with one located line, no stack trace', async () => {
    const file = join(dir, 'bomb.yaml');
    writeFileSync(file, SHIPPED + BOMB);
    const bot = await runBot(['validate', file]);
    expect(bot.exitStatus.code).toBe(1);
    expect(bot.stderr.trim().split('\n')).toEqual([bombProblem(file), `1 problem in ${file}`]);
    expect(bot.output).not.toMatch(STACK_FRAME);
  });

  it('refuses a file over the size cap at once', async () => {
    const file = join(dir, 'large.yaml');
    writeFileSync(file, `x:\n${'- []\n'.repeat(420_000)}`);
    const bot = await runBot(['validate', file]);
    expect(bot.stderr.trim().split('\n')).toEqual([
      `${file}: is too large: 2.0 MiB (2100003 bytes); a profile may be at most 1 MiB (1048576 bytes)`,
      `1 problem in ${file}`,
    ]);
    expect(bot.exitStatus.code).toBe(1);
  });

  it('refuses a FIFO instead of waiting on it forever', async () => {
    const fifo = join(dir, 'fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    const bot = await runBot(['validate', fifo], {}, 10_000);
    expect(bot.stderr.trim().split('\n')).toEqual([
      `${fifo}: is a named pipe (FIFO), expected a regular YAML profile file`,
      `1 problem in ${fifo}`,
    ]);
    expect(bot.exitStatus.code).toBe(1);
  });
});

describe('a running bot that sees a hostile profile saved', () => {
  let bot: BotProcess | undefined;
  let discord: FakeDiscord | undefined;
  afterEach(async () => {
    await bot?.stop();
    await discord?.close();
    bot = undefined;
    discord = undefined;
  });

  it('serve: keeps answering with the last good profile after an alias bomb, and takes the next good save', async () => {
    const keys = generateSigningKeys();
    const file = copyShipped('serve.yaml');
    bot = spawnBot(['serve'], { DISCORD_PUBLIC_KEY: keys.publicKeyHex, PROFILE_PATH: file, PORT: '0' });
    const serving = await bot.waitForLog('serving interactions');
    const base = String(serving['url'])
      .replace('0.0.0.0', '127.0.0.1')
      .replace(/\/interactions$/, '');
    // /healthz is public and says only ok: the revision serving is the last one serve logged.
    const revision = async () =>
      [...bot!.logs].reverse().find((line) => line.msg === 'profile loaded' || line.msg === 'profile reloaded')?.['revision'];
    let nextId = 300000000000000001n;
    const about = async () => {
      // serve answers each interaction id once: every call is a new interaction.
      const body = {
        type: InteractionType.ApplicationCommand,
        id: String(nextId++),
        application_id: '400000000000000001',
        token: 't',
        version: 1,
        data: { id: '700000000000000001', name: 'about', type: ApplicationCommandType.ChatInput },
        user: { id: '200000000000000001', username: 'asker' },
        context: InteractionContextType.BotDM,
      };
      const response = await signedRequest(base, keys.privateKey, body);
      const json = (await response.json()) as { type: number; data?: { embeds?: { title?: string }[] } };
      return { status: response.status, title: json.data?.embeds?.[0]?.title };
    };
    const good = await revision();
    const before = await about();
    expect(before.status).toBe(200);
    expect(before.title).toMatch(/Akash Palrecha/);

    let from = bot.logs.length;
    writeFileSync(file, SHIPPED + BOMB);
    const rejected = await bot.waitForLog('profile reload rejected; still serving the last good profile', { from });
    expect(rejected['problem']).toBe(bombProblem(file));
    // The old code exited about a quarter of a second after the save.
    await sleep(1000);
    expect(bot.exitStatus).toBeNull();
    expect(await revision()).toBe(good);
    expect(await about()).toEqual(before);

    from = bot.logs.length;
    writeFileSync(file, SHIPPED.replace('name: Akash Palrecha', 'name: Akash P. Palrecha'));
    await bot.waitForLog('profile reloaded', { from });
    expect((await about()).title).toMatch(/Akash P\. Palrecha/);
    expect(bot.output).not.toMatch(STACK_FRAME);
  });

  it('serve: refuses to start on a FIFO with one clear line', async () => {
    const fifo = join(dir, 'serve-fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    bot = spawnBot(['serve'], { DISCORD_PUBLIC_KEY: generateSigningKeys().publicKeyHex, PROFILE_PATH: fifo, PORT: '0' });
    expect(await bot.waitForExit(10_000)).toEqual({ code: 1, signal: null });
    expect(bot.logsMatching('invalid profile').map((line) => line['problem'])).toEqual([
      `${fifo}: is a named pipe (FIFO), expected a regular YAML profile file`,
    ]);
  });

  it('start (gateway): stays up after an alias bomb is saved, still answering', async () => {
    const file = copyShipped('gateway.yaml');
    discord = await startFakeDiscord({ defaultTimeoutMs: 15_000 });
    bot = await startBotProcess(discord, { PROFILE_PATH: file });
    const ask = async () => {
      const response = await discord!
        .sendCommand({ name: 'about', user: discord!.user('1500000000000000001') })
        .response({ timeoutMs: 15_000 });
      return (response.data?.['embeds'] as { title?: string }[] | undefined)?.[0]?.title;
    };
    const title = await ask(); // the watcher is armed once the bot answers
    expect(title).toMatch(/Akash Palrecha/);
    const from = bot.logs.length;
    writeFileSync(file, SHIPPED + BOMB);
    const rejected = await bot.waitForLog('profile reload rejected; still serving the last good profile', { from });
    expect(rejected['problem']).toBe(bombProblem(file));
    await sleep(1000);
    expect(bot.exitStatus).toBeNull();
    expect(await ask()).toBe(title);
  });
});
