// Issue #17 end to end: the real entry point (`node bin/portfolio-bot.js start`, the compiled dist/)
// logs its discord.js Client into the fake Discord, with its member profiles in a database of its
// own (SQLite in a temporary directory, then a real PostgreSQL server), and fake members drive it:
// three submit (a YAML file attachment, a JSON Resume attachment, a `url:` on a loopback server, as
// FETCH_ALLOW_LOOPBACK allows in tests), /who and /projects search them, a Report is stored and
// listed, a moderator removes one and a member without Manage Server cannot, and a member exports
// (a real file attachment) and removes their own. Run `npm run build` first (npm test does).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ButtonStyle, InteractionResponseType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.js';
import { startFakeDiscord, type FakeDiscord, type FakeInteraction, type JsonObject } from './fake-discord/index.js';
import { startBotProcess, type BotProcess } from './helpers/bot-process.js';
import { memberYaml, registerCommands, startFileServer, type FileServer } from './helpers/community.js';
import { findPostgresBin, startPostgres, type PostgresServer } from './helpers/postgres-server.js';
import { shippedPortfolio } from './helpers/profile.js';

/** Generous: a busy 2-core machine runs other test files at the same time. */
const WAIT = { timeoutMs: 15_000 };
const REFUSED = 'Only members with the Manage Server permission can moderate portfolios.';

const PRIYA_YAML = memberYaml({
  name: 'Priya',
  phone: '+44 7700 900123',
  projects: [
    { id: 'adamw', name: 'AdamW from scratch', summary: 'Optimizers compared on CIFAR: Adam, AdamW, Lion.', tags: ['optimizers'] },
    { id: 'notes', name: 'Course notes', summary: 'Notes for lesson 3.', tags: ['notes'] },
  ],
});
// A JSON Resume, made into a profile by the same importer as `portfolio-bot import`.
const LEE_RESUME = JSON.stringify(
  {
    basics: {
      name: 'Lee',
      label: 'Learner',
      summary: 'Learning deep learning.',
      profiles: [{ network: 'GitHub', url: 'https://github.com/lee', username: 'lee' }],
    },
    projects: [
      {
        name: 'Learning rate finder',
        description: 'A learning rate schedule study; one optimizer only.',
        keywords: ['training'],
        url: 'https://github.com/lee/lr',
      },
    ],
  },
  null,
  2,
);
const SAM_YAML = memberYaml({
  name: 'Sam',
  projects: [{ id: 'sat', name: 'Satellite imagery segmentation', summary: 'U-Net on Sentinel-2 tiles.', tags: ['satellite imagery'] }],
});

interface Embed {
  title?: string;
  description?: string;
  footer?: { text: string };
}
interface Button {
  type: number;
  style?: number;
  label?: string;
  custom_id?: string;
}

const embedsOf = (data: JsonObject): Embed[] => (data['embeds'] as Embed[] | undefined) ?? [];
const buttonsOf = (data: JsonObject): Button[] =>
  ((data['components'] as { components: Button[] }[] | undefined) ?? []).flatMap((row) => row.components);
const linesOf = (data: JsonObject): string[] => embedsOf(data)[0]?.description?.split('\n') ?? [];

/** The one accepted callback's data, after checking that the fake refused nothing about it. */
async function answerOf(interaction: FakeInteraction): Promise<JsonObject> {
  const response = await interaction.response(WAIT);
  expect(interaction.rejections).toEqual([]);
  expect(interaction.responses).toHaveLength(1);
  return response.data ?? {};
}

interface Engine {
  name: string;
  available: boolean;
  /** The bot's database settings; called once, before the bot starts. */
  env(): Promise<Record<string, string>>;
  close(): Promise<void>;
}

function sqlite(): Engine {
  const dir = mkdtempSync(join(tmpdir(), 'portfolio-community-e2e-'));
  return {
    name: 'SQLite',
    available: true,
    env: () => Promise.resolve({ SQLITE_PATH: join(dir, 'portfolio.db') }),
    close: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

function postgres(): Engine {
  let server: PostgresServer | undefined;
  return {
    name: 'PostgreSQL',
    available: findPostgresBin() !== undefined,
    env: async () => ({ DATABASE_URL: (server = await startPostgres()).url }),
    close: async () => server?.stop(),
  };
}

describe.each([sqlite(), postgres()])('member portfolios end to end on $name', (engine) => {
  let discord: FakeDiscord;
  let bot: BotProcess;
  let files: FileServer;
  let ownerName: string;
  let priya: ReturnType<FakeDiscord['user']>;
  let lee: ReturnType<FakeDiscord['user']>;
  let sam: ReturnType<FakeDiscord['user']>;
  let moderator: ReturnType<FakeDiscord['user']>;
  /** The bot's database settings. */
  let databaseEnv: Record<string, string>;

  beforeAll(async () => {
    if (!engine.available) return;
    ownerName = (await shippedPortfolio()).profile.identity.name;
    files = await startFileServer();
    files.files.set('/sam.yaml', { body: SAM_YAML });
    discord = await startFakeDiscord({ defaultTimeoutMs: 15_000, requireRegisteredCommands: true });
    priya = discord.user(undefined, 'priya');
    lee = discord.user(undefined, 'lee');
    sam = discord.user(undefined, 'sam');
    moderator = discord.user(undefined, 'moderator');
    discord.setMemberPermissions(moderator, PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages);
    await registerCommands(discord);
    databaseEnv = await engine.env();
    bot = await startBotProcess(discord, { ...databaseEnv, FETCH_ALLOW_LOOPBACK: '1', COOLDOWN_COMMANDS: '1000' });
  }, 60_000);

  afterAll(async () => {
    await bot?.stop();
    await discord?.close();
    await files?.close();
    await engine.close();
  });

  it.skipIf(!engine.available)('three members submit: a YAML attachment, a JSON Resume attachment and a url', async () => {
    const saved = (entries: number) =>
      `Your portfolio is saved: ${entries} entries, searchable in this server now (/who, /search, /projects). ` +
      '/portfolio show to see your card, /portfolio remove to take it down.';
    const yaml = discord.sendCommand({
      name: 'portfolio',
      subcommand: 'submit',
      user: priya,
      attachments: { file: { filename: 'priya.yaml', content: PRIYA_YAML, contentType: 'application/x-yaml; charset=utf-8' } },
    });
    expect(await answerOf(yaml)).toEqual({ content: saved(4), flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } });
    // The bot fetched the upload from the (fake) CDN url the interaction gave it.
    const upload = (yaml.payload['data'] as { options: { options: { value: string }[] }[] }).options[0]!.options[0]!.value;
    expect(discord.attachments.fetches).toEqual([{ path: expect.stringContaining(`/${upload}/priya.yaml`), status: 200 }]);

    const resume = discord.sendCommand({
      name: 'portfolio',
      subcommand: 'submit',
      user: lee,
      attachments: { file: { filename: 'resume.json', content: LEE_RESUME, contentType: 'application/json; charset=utf-8' } },
    });
    expect((await answerOf(resume))['content']).toMatch(/^Your portfolio is saved: \d+ entries, searchable in this server now/);

    const url = discord.sendCommand({ name: 'portfolio', subcommand: 'submit', user: sam, options: { url: `${files.base}/sam.yaml` } });
    expect((await answerOf(url))['content']).toMatch(/^Your portfolio is saved: \d+ entries/);
  });

  // Discord takes the first response within 3 seconds only; a url may take longer to fetch (up to the fetch policy's cap).
  it.skipIf(!engine.available || engine.name !== 'SQLite')('a slow url is answered after a private deferral, not too late', async () => {
    const slowMember = discord.user(undefined, 'slow');
    files.files.set('/slow.yaml', { body: SAM_YAML.replace('Sam', 'Slow'), delayMs: 3200 });
    const slow = discord.sendCommand({
      name: 'portfolio',
      subcommand: 'submit',
      user: slowMember,
      options: { url: `${files.base}/slow.yaml` },
    });
    const reply = await slow.finalMessage(WAIT);
    expect(slow.rejections).toEqual([]);
    expect(slow.responses).toEqual([
      { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } },
    ]);
    expect(reply['content']).toMatch(/^Your portfolio is saved: \d+ entries/);
    expect(slow.original?.flags).toBe(MessageFlags.Ephemeral);
    const removed = await answerOf(discord.sendCommand({ name: 'portfolio', subcommand: 'remove', user: slowMember }));
    expect(removed['content']).toMatch(/^Your portfolio is removed/);
  });

  it.skipIf(!engine.available)('/who optimizers ranks the members who match, best first, each with a button to their card', async () => {
    const who = await answerOf(discord.sendCommand({ name: 'who', options: { query: 'optimizers' }, user: sam }));
    const [embed] = embedsOf(who);
    expect(embed?.title).toBe('🙋 Who here knows “optimizers”');
    const lines = linesOf(who);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\*\*1\. priya\*\* — AdamW from scratch · /);
    expect(lines[1]).toMatch(/^\*\*2\. lee\*\* — \[Learning rate finder\]\(https:\/\/github\.com\/lee\/lr\) · /);
    expect(embed?.footer?.text).toBe('2 people, best match first · a card: press a name');
    const buttons = buttonsOf(who);
    expect(buttons.map((button) => [button.style, button.label])).toEqual([
      [ButtonStyle.Secondary, 'priya'],
      [ButtonStyle.Secondary, 'lee'],
    ]);

    // The first button opens Priya's card, privately, with her private phone nowhere.
    const card = await answerOf(discord.pressButton({ customId: buttons[0]!.custom_id!, user: sam }));
    expect(card['flags']).toBe(MessageFlags.Ephemeral);
    expect(embedsOf(card)[0]?.title).toBe('Priya');
    expect(JSON.stringify(card)).not.toContain('7700 900123');
  });

  it.skipIf(!engine.available)("/projects in the server searches every profile there, the owner's included, and names whose", async () => {
    const projects = await answerOf(discord.sendCommand({ name: 'projects', options: { query: 'optimizers' }, user: lee }));
    const lines = linesOf(projects);
    expect(lines.filter((line) => line.startsWith('• **AdamW from scratch** · priya'))).toHaveLength(1);
    expect(lines.some((line) => line.endsWith(` · ${ownerName}`) || line.includes(` · ${ownerName} `))).toBe(true);
    const all = JSON.stringify(embedsOf(await answerOf(discord.sendCommand({ name: 'projects', user: lee }))));
    for (const label of ['· priya', '· lee', '· sam', `· ${ownerName}`]) expect(all).toContain(label);
  });

  it.skipIf(!engine.available)("a card's Report button asks why, and stores a report that /portfolio-mod reports lists", async () => {
    const card = await answerOf(discord.sendCommand({ name: 'portfolio', subcommand: 'show', options: { member: lee.id }, user: sam }));
    expect(embedsOf(card)[0]?.footer?.text).toBe('Shared by lee in this server · /portfolio help: privacy');
    const report = buttonsOf(card).find((button) => button.label === 'Report');
    expect(report?.custom_id).toBeDefined();
    // The button asks why: a form (response type 9), whose submit stores the report.
    const form = await answerOf(discord.pressButton({ customId: report!.custom_id!, user: sam }));
    expect(form['title']).toBe('Report this portfolio');
    const submitted = discord.submitModal({ customId: String(form['custom_id']), fields: { reason: 'Not their own work' }, user: sam });
    expect(await answerOf(submitted)).toEqual({
      content: "Thanks: the server's moderators will see your report (/portfolio-mod reports).",
      flags: MessageFlags.Ephemeral,
      allowed_mentions: { parse: [] },
    });
    const reports = await answerOf(discord.sendCommand({ name: 'portfolio-mod', subcommand: 'reports', user: moderator }));
    expect(linesOf(reports)).toHaveLength(1);
    expect(linesOf(reports)[0]).toMatch(new RegExp(`^• \\*\\*lee\\*\\* — Not their own work \\(by user ${sam.id}, `));
  });

  it.skipIf(!engine.available)(
    'a member without Manage Server cannot moderate: hidden by Discord, and refused when a server override lets them run it',
    async () => {
      const definition = discord.commands.global.find((command) => command.name === 'portfolio-mod');
      expect(definition?.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
      const remove = { name: 'portfolio-mod', subcommand: 'remove', options: { member: priya.id, reason: 'mine now' }, user: sam };
      expect(() => discord.sendCommand(remove)).toThrow(/^Discord does not show \/portfolio-mod to sam/);

      discord.allowCommand('portfolio-mod', sam);
      const refused = await answerOf(discord.sendCommand(remove));
      expect(refused).toEqual({ content: REFUSED, flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } });
      const reports = await answerOf(discord.sendCommand({ name: 'portfolio-mod', subcommand: 'reports', user: sam }));
      expect(reports['content']).toBe(REFUSED);
      // Priya's portfolio is still there.
      const who = await answerOf(discord.sendCommand({ name: 'who', options: { query: 'optimizers' }, user: sam }));
      expect(linesOf(who)[0]).toMatch(/^\*\*1\. priya\*\*/);
    },
  );

  it.skipIf(!engine.available)('a moderator removes a member: gone from /who at once', async () => {
    const options = { member: lee.id, reason: 'spam' };
    const removed = await answerOf(discord.sendCommand({ name: 'portfolio-mod', subcommand: 'remove', options, user: moderator }));
    expect(removed).toEqual({
      content: "Removed lee's portfolio from this server (reason: spam).",
      flags: MessageFlags.Ephemeral,
      allowed_mentions: { parse: [] },
    });
    // The user option came with Discord's resolved user, as real interactions carry it.
    const data = discord.interactions.at(-1)!.payload['data'] as { resolved?: { users?: Record<string, unknown> } };
    expect(Object.keys(data.resolved?.users ?? {})).toEqual([lee.id]);
    const who = await answerOf(discord.sendCommand({ name: 'who', options: { query: 'optimizers' }, user: sam }));
    expect(linesOf(who)).toEqual([expect.stringMatching(/^\*\*1\. priya\*\* — AdamW from scratch/)]);
    const card = await answerOf(discord.sendCommand({ name: 'portfolio', subcommand: 'show', options: { member: lee.id }, user: sam }));
    expect(card['content']).toBe("That member hasn't shared a portfolio in this server.");
  });

  it.skipIf(!engine.available)('a member exports their own portfolio: a private file, the bytes they submitted', async () => {
    const exported = discord.sendCommand({ name: 'portfolio', subcommand: 'export', user: priya });
    const data = await answerOf(exported);
    const bytes = Buffer.from(PRIYA_YAML, 'utf8');
    expect(data).toEqual({
      content: `Your portfolio as stored in this server: profile.yaml (${bytes.length} bytes), as you submitted it.`,
      flags: MessageFlags.Ephemeral,
      allowed_mentions: { parse: [] },
      attachments: [{ id: 0, filename: 'profile.yaml' }],
    });
    expect(exported.files).toHaveLength(1);
    const [file] = exported.files;
    expect(file?.filename).toBe('profile.yaml');
    expect(file?.contentType).toBe('application/yaml; charset=utf-8');
    expect(file?.bytes.equals(bytes)).toBe(true);
    // The message Discord made holds it as an attachment.
    expect(exported.original?.attachments.map((attachment) => [attachment.filename, attachment.size])).toEqual([
      ['profile.yaml', bytes.length],
    ]);
    expect(exported.original?.flags).toBe(MessageFlags.Ephemeral);

    // Sam's came from a url: the file is the document the url served.
    const fromUrl = discord.sendCommand({ name: 'portfolio', subcommand: 'export', user: sam });
    await answerOf(fromUrl);
    expect(fromUrl.files.map((each) => [each.filename, each.bytes.toString('utf8')])).toEqual([['profile.yaml', SAM_YAML]]);
  });

  it.skipIf(!engine.available)('a member removes their own portfolio: gone from /who and from export', async () => {
    const removed = await answerOf(discord.sendCommand({ name: 'portfolio', subcommand: 'remove', user: priya }));
    expect(removed['content']).toBe('Your portfolio is removed from this server: deleted from the database and from search, now.');
    const who = await answerOf(discord.sendCommand({ name: 'who', options: { query: 'optimizers' }, user: sam }));
    expect(embedsOf(who)[0]?.title).toBe('No one here matches “optimizers”');
    const again = await answerOf(discord.sendCommand({ name: 'portfolio', subcommand: 'export', user: priya }));
    expect(again['content']).toBe("You haven't shared a portfolio in this server, so there is nothing to export.");
    // Sam's portfolio is untouched.
    expect(
      JSON.stringify(await answerOf(discord.sendCommand({ name: 'search', options: { query: 'satellite imagery' }, user: lee }))),
    ).toContain('Satellite imagery segmentation');
  });

  it.skipIf(!engine.available)(
    'a member is named as their server shows them: nickname, else global name, else username, cleaned',
    async () => {
      const nicked = discord.user(undefined, 'user_nicked');
      discord.setGlobalName(nicked, 'Global Ada');
      discord.setNickname(nicked, 'Ada in fastai');
      const global = discord.user(undefined, 'user_global');
      discord.setGlobalName(global, 'Grace Global');
      const plain = discord.user(undefined, 'user_plain');
      discord.setGlobalName(plain, null);
      // Nothing visible in the nickname: the global name shows instead.
      const blank = discord.user(undefined, 'user_blank');
      discord.setGlobalName(blank, 'Blank Nick');
      discord.setNickname(blank, '\u200B\u2066 \u200E');
      const hostile = discord.user(undefined, 'user_hostile');
      discord.setNickname(hostile, '\u202E@everyone <@&1> Eve\u200B\u2066');
      const members = [nicked, global, plain, blank, hostile];
      for (const [i, member] of members.entries()) {
        const yaml = memberYaml({
          name: `Profile ${i}`,
          projects: [{ id: 'compiler', name: `Compiler ${i}`, summary: 'A toy compiler for a tiny language.', tags: ['compilers'] }],
        });
        const submit = discord.sendCommand({
          name: 'portfolio',
          subcommand: 'submit',
          user: member,
          attachments: { file: { filename: 'me.yaml', content: yaml } },
        });
        expect((await answerOf(submit))['content']).toMatch(/^Your portfolio is saved/);
      }
      const who = await answerOf(discord.sendCommand({ name: 'who', options: { query: 'compilers' }, user: sam }));
      const shown = ['Ada in fastai', 'Grace Global', 'user\\_plain', 'Blank Nick', '@\u200Beveryone <\u200B@&1\\> Eve'];
      const names = linesOf(who).map((line) => /^\*\*\d+\. (.*?)\*\* — /.exec(line)?.[1]);
      expect(names.sort()).toEqual([...shown].sort());
      const labels = buttonsOf(who).map((button) => button.label);
      expect(labels.sort()).toEqual(
        ['Ada in fastai', 'Grace Global', 'user_plain', 'Blank Nick', '@\u200Beveryone <\u200B@&1> Eve'].sort(),
      );
      expect(JSON.stringify(who)).not.toMatch(/[\u202E\u2066\u200E]/);

      const card = await answerOf(
        discord.sendCommand({ name: 'portfolio', subcommand: 'show', options: { member: nicked.id }, user: sam }),
      );
      expect(embedsOf(card)[0]?.footer?.text).toBe('Shared by Ada in fastai in this server · /portfolio help: privacy');
      for (const member of members) await answerOf(discord.sendCommand({ name: 'portfolio', subcommand: 'remove', user: member }));
    },
  );

  it.skipIf(!engine.available)(
    'a member who changes their name is shown under the new one from their next interaction, without submitting again, and it is stored',
    async () => {
      const rena = discord.user(undefined, 'user_rena');
      discord.setNickname(rena, 'Rena Before');
      const yaml = memberYaml({
        name: 'Profile Rena',
        projects: [{ id: 'graphs', name: 'Graph kernels', summary: 'Kernels on molecule graphs.', tags: ['graph kernels'] }],
      });
      const submit = discord.sendCommand({
        name: 'portfolio',
        subcommand: 'submit',
        user: rena,
        attachments: { file: { filename: 'me.yaml', content: yaml } },
      });
      expect((await answerOf(submit))['content']).toMatch(/^Your portfolio is saved/);
      const whoNames = async () => {
        const who = await answerOf(discord.sendCommand({ name: 'who', options: { query: 'graph kernels' }, user: sam }));
        return { lines: linesOf(who).map((line) => /^\*\*\d+\. (.*?)\*\* — /.exec(line)?.[1]), labels: buttonsOf(who).map((b) => b.label) };
      };
      expect(await whoNames()).toEqual({ lines: ['Rena Before'], labels: ['Rena Before'] });
      const renamedBefore = bot.logsMatching('member name changed; stored').length;

      // A new nickname, with invisible and bidi characters in it: cleaned as at submit.
      discord.setNickname(rena, '\u202ERena\u200B After\u2066');
      // Someone else's interaction changes nothing: only the member's own carries their name.
      expect(await whoNames()).toEqual({ lines: ['Rena Before'], labels: ['Rena Before'] });
      // Rena uses the bot for anything in the server.
      await answerOf(discord.sendCommand({ name: 'about', user: rena }));
      expect(await whoNames()).toEqual({ lines: ['Rena After'], labels: ['Rena After'] });
      const card = await answerOf(discord.sendCommand({ name: 'portfolio', subcommand: 'show', options: { member: rena.id }, user: sam }));
      expect(embedsOf(card)[0]?.footer?.text).toBe('Shared by Rena After in this server · /portfolio help: privacy');
      // More interactions under the same name write nothing more.
      await answerOf(discord.sendCommand({ name: 'projects', options: { query: 'graph kernels' }, user: rena }));
      await answerOf(discord.sendCommand({ name: 'about', user: rena }));
      // Stored: the database holds the new name (what another process, or the bot after a restart, shows).
      const store = await openStore({ DATABASE_URL: databaseEnv['DATABASE_URL'], SQLITE_PATH: databaseEnv['SQLITE_PATH'] ?? '' });
      try {
        const until = Date.now() + WAIT.timeoutMs;
        while ((await store.getMember(discord.guildId, rena.id))?.memberName !== 'Rena After' && Date.now() < until) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(await store.getMember(discord.guildId, rena.id)).toMatchObject({ memberName: 'Rena After', source: yaml });
      } finally {
        await store.close();
      }
      expect(bot.logsMatching('member name changed; stored').length).toBe(renamedBefore + 1);

      // No nickname any more: the global name, from an autocomplete as much as from a command.
      discord.setNickname(rena, null);
      discord.setGlobalName(rena, 'Rena Global');
      const choices = discord.sendAutocomplete({ name: 'project', options: { name: 'graph' }, user: rena });
      await choices.response(WAIT);
      expect(await whoNames()).toEqual({ lines: ['Rena Global'], labels: ['Rena Global'] });
      await answerOf(discord.sendCommand({ name: 'portfolio', subcommand: 'remove', user: rena }));
    },
  );

  it.skipIf(!engine.available)(
    'a submit refused before anything is fetched (no file or url, an address that is not one, too large a file) leaves every submit',
    async () => {
      const hasty = discord.user(undefined, 'user_hasty');
      const refusals: [input: Partial<Parameters<FakeDiscord['sendCommand']>[0]>, content: string][] = [
        [{}, 'Attach your profile file (file:) or give its https address (url:).'],
        [{ options: { url: 'my website' } }, 'That is not a valid address: give a full https:// URL.'],
        [
          { attachments: { file: { filename: 'big.yaml', content: `# ${'x'.repeat(300 * 1024)}\n` } } },
          'Your profile could not be fetched: it is larger than 256 KB.',
        ],
      ];
      // Twice each: more than the 3 submits a member has per 10 minutes.
      for (const [input, content] of [...refusals, ...refusals]) {
        const refused = await answerOf(discord.sendCommand({ name: 'portfolio', subcommand: 'submit', user: hasty, ...input }));
        expect(refused).toEqual({ content, flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } });
      }
      const submit = discord.sendCommand({
        name: 'portfolio',
        subcommand: 'submit',
        user: hasty,
        attachments: { file: { filename: 'me.yaml', content: SAM_YAML.replace('Sam', 'Hasty') } },
      });
      expect((await answerOf(submit))['content']).toMatch(/^Your portfolio is saved/);
      await answerOf(discord.sendCommand({ name: 'portfolio', subcommand: 'remove', user: hasty }));
    },
  );

  it.skipIf(!engine.available)('nothing was refused, nothing went unanswered, and nothing failed in the bot', () => {
    expect(discord.rejections).toEqual([]);
    expect(discord.unhandled).toEqual([]);
    expect(bot.logsMatching((line) => line.level === 'error')).toEqual([]);
    expect(bot.logsMatching('interaction').map((line) => line['outcome'])).not.toContain('error');
    expect(bot.output).not.toContain(discord.token);
  });
});
