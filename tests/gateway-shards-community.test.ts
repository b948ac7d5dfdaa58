// Issue 19, "Must hold 3": member profiles on PostgreSQL are searchable from every
// shard. The real entry point (`portfolio-bot start`, the compiled dist/: run
// `npm run build` first) over 4 shards against the fake Discord, with
// DATABASE_URL on a real PostgreSQL (tests/helpers/postgres-server.ts). Members
// are added with `portfolio-bot community add` in other processes, before the
// start and while the bot runs (reaching it through LISTEN/NOTIFY), in guilds of
// every shard; /who and /projects in each guild answer with that guild's member
// only, labelled with their name, exactly once, on the guild's own shard.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manyGuilds, shardOf, startFakeDiscord, type FakeDiscord, type FakeInteraction, type JsonObject } from './fake-discord/index.js';
import { startBotProcess, type BotProcess } from './helpers/bot-process.js';
import { runCli } from './helpers/cli.js';
import { memberYaml } from './helpers/community.js';
import { findPostgresBin, startPostgres, type PostgresServer } from './helpers/postgres-server.js';

const COUNT = 4;
const WAIT = { timeoutMs: 10_000 };
const OWNER = 'Akash Palrecha';
const NOBODY = 'No one in this server has shared a portfolio yet: /portfolio submit adds yours.';

/** Guild i of manyGuilds is on shard i % 4: guilds 0–3 get a member each, guilds 4–7 (same shards) none. */
const guilds = manyGuilds(2 * COUNT);
const withMember = guilds.slice(0, COUNT).map((guild) => guild.id);
const withoutMember = guilds.slice(COUNT).map((guild) => guild.id);

/** One member per shard's guild, each with a project on the same topic, so that any leak between guilds shows. */
const MEMBERS = [
  { id: '400000000000000001', name: 'Priya', project: 'AdamW from scratch' },
  { id: '400000000000000002', name: 'Sam', project: 'Lion optimizer replication' },
  { id: '400000000000000003', name: 'Lee', project: 'Sophia optimizer notes' },
  { id: '400000000000000004', name: 'Noor', project: 'Shampoo optimizer benchmark' },
];
/** Seeded before the bot starts (shards 0 and 2), and added while it runs (shards 1 and 3). */
const BEFORE = [0, 2];
const WHILE_RUNNING = [1, 3];

const postgresBin = findPostgresBin();
const SKIP_REASON = postgresBin
  ? ''
  : ' (SKIPPED: PostgreSQL binaries initdb and pg_ctl not found; .ci/run installs the postgresql package when missing)';

interface Embed {
  title?: string;
  description?: string;
}
const embedsOf = (message: JsonObject): Embed[] => (message['embeds'] as Embed[] | undefined) ?? [];
const descriptionOf = (message: JsonObject): string => embedsOf(message)[0]?.description ?? '';

describe.skipIf(!postgresBin)(`member profiles on PostgreSQL, searched from every one of 4 shards${SKIP_REASON}`, () => {
  let server: PostgresServer;
  let discord: FakeDiscord;
  let bot: BotProcess;
  let dir = '';
  let env: NodeJS.ProcessEnv;
  /** Every interaction sent, with the shard it had to reach: each must be answered exactly once. */
  const sent: { interaction: FakeInteraction; shard: number }[] = [];

  const add = async (index: number) => {
    const member = MEMBERS[index]!;
    const result = await runCli(
      ['community', 'add', '--guild', withMember[index]!, '--member', member.id, join(dir, `${index}.yaml`)],
      '',
      {
        env,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe(`added ${member.id}: 3 entries (${join(dir, `${index}.yaml`)})`);
  };

  /** A slash command in `guild`, by a user of that guild, recorded for the exactly-once check. */
  const send = (name: string, query: string, guild: string): FakeInteraction => {
    const interaction = discord.sendCommand({ name, options: { query }, guild, user: discord.user('500000000000000001') });
    sent.push({ interaction, shard: shardOf(guild, COUNT) });
    return interaction;
  };
  const who = async (guild: string) => (await send('who', 'optimizers', guild).finalMessage(WAIT)) as JsonObject;
  const projects = async (guild: string) => (await send('projects', 'optimizers', guild).finalMessage(WAIT)) as JsonObject;

  /** Milliseconds until `/who` in `guild` satisfies `check`, asking again after each answer; fails after `limit` ms. */
  async function whoWithin(limit: number, guild: string, check: (message: JsonObject) => boolean): Promise<number> {
    const started = Date.now();
    for (;;) {
      if (check(await who(guild))) return Date.now() - started;
      if (Date.now() - started > limit) throw new Error(`/who in ${guild} not as expected within ${limit} ms`);
      await sleep(20);
    }
  }

  beforeAll(async () => {
    expect(withMember.map((guild) => shardOf(guild, COUNT))).toEqual([0, 1, 2, 3]);
    expect(withoutMember.map((guild) => shardOf(guild, COUNT))).toEqual([0, 1, 2, 3]);
    dir = mkdtempSync(join(tmpdir(), 'portfolio-shards-community-'));
    MEMBERS.forEach((member, index) =>
      writeFileSync(
        join(dir, `${index}.yaml`),
        memberYaml({
          name: member.name,
          projects: [{ id: 'study', name: member.project, summary: 'Optimizers compared on CIFAR.', tags: ['optimizers'] }],
        }),
      ),
    );
    server = await startPostgres();
    env = { ...process.env, DATABASE_URL: server.url, LOG_LEVEL: 'error', PROFILE_PATH: '', DISCORD_TOKEN: '', SQLITE_PATH: '' };
    // Two processes at once on a fresh database: the first to take the migration lock migrates, the other finds it done.
    await Promise.all(BEFORE.map(add));
    discord = await startFakeDiscord({ guilds, shards: COUNT, defaultTimeoutMs: 10_000 });
    bot = await startBotProcess(discord, { LOG_LEVEL: 'info', SHARD_COUNT: 'auto', DATABASE_URL: server.url });
  }, 60_000);

  afterAll(async () => {
    await bot?.stop();
    await discord?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('starts its 4 shards with the member portfolios on PostgreSQL', () => {
    expect([...discord.identifiedShards].sort((a, b) => a[0] - b[0])).toEqual([0, 1, 2, 3].map((id) => [id, COUNT]));
    expect(bot.logsMatching('member portfolios ready')).toEqual([expect.objectContaining({ engine: 'postgres' })]);
  });

  it('finds a member seeded before the start in their guild, on its shard, and nowhere else', async () => {
    for (const index of BEFORE) {
      expect(descriptionOf(await who(withMember[index]!))).toMatch(new RegExp(`^\\*\\*1\\. ${MEMBERS[index]!.name}\\*\\* — `));
    }
    // The guilds still without a member (on shards 1 and 3, and the member-less guilds of every shard) see none.
    for (const guild of [...WHILE_RUNNING.map((index) => withMember[index]!), ...withoutMember]) {
      expect((await who(guild))['content']).toBe(NOBODY);
    }
  });

  it('finds a member added while it runs, through another process, within a second, on each shard', async () => {
    for (const index of WHILE_RUNNING) {
      const guild = withMember[index]!;
      await add(index); // the CLI has exited: the save is committed and announced
      const name = MEMBERS[index]!.name;
      const took = await whoWithin(1000, guild, (message) => descriptionOf(message).startsWith(`**1. ${name}** — `));
      expect(took).toBeLessThanOrEqual(1000);
    }
  });

  it('answers /who and /projects in the guild of every shard with that guild’s member only, labelled with their name', async () => {
    for (const [index, guild] of withMember.entries()) {
      const member = MEMBERS[index]!;
      const whoLines = descriptionOf(await who(guild)).split('\n');
      expect(whoLines).toHaveLength(1);
      expect(whoLines[0]).toMatch(new RegExp(`^\\*\\*1\\. ${member.name}\\*\\* — ${member.project} · Projects`));

      const lines = descriptionOf(await projects(guild)).split('\n');
      expect(lines).toContain(`• **${member.project}** · ${member.name} — Optimizers compared on CIFAR.`);
      // The owner's projects are searched too, and named as theirs; no other guild's member is.
      expect(lines.some((line) => line.includes(`** · ${OWNER}`))).toBe(true);
      for (const other of MEMBERS.filter((_, at) => at !== index)) {
        expect(lines.join('\n')).not.toContain(other.project);
        expect(lines.join('\n')).not.toContain(` · ${other.name}`);
      }
    }
    // A guild without members, on each shard, answers /projects with the owner's alone.
    for (const guild of withoutMember) {
      const text = JSON.stringify(await projects(guild));
      for (const member of MEMBERS) expect(text).not.toContain(member.project);
    }
  });

  it('forgets a member removed through another process within a second, in their guild only', async () => {
    const result = await runCli(['community', 'remove', '--guild', withMember[0]!, '--member', MEMBERS[0]!.id], '', { env });
    expect(result.stdout.trim()).toBe(`removed ${MEMBERS[0]!.id} from server ${withMember[0]}`);
    await whoWithin(1000, withMember[0]!, (message) => message['content'] === NOBODY);
    expect(descriptionOf(await who(withMember[1]!))).toMatch(/^\*\*1\. Sam\*\* — /);
  });

  it('answered every interaction exactly once, each delivered to its guild’s shard only', async () => {
    await sleep(300); // a duplicate answer would arrive (and be refused with 40060) by now
    expect(new Set(sent.map((entry) => entry.shard))).toEqual(new Set([0, 1, 2, 3]));
    for (const { interaction, shard } of sent) {
      expect(interaction.rejections).toEqual([]);
      expect(interaction.responses).toHaveLength(1);
      expect(interaction.callbackAttempts).toBe(1);
      expect(interaction.deliveries).toEqual([shard]);
    }
    expect(discord.rejections).toEqual([]);
    expect(discord.unhandled).toEqual([]);
    expect(bot.logs.filter((line) => line.level === 'error')).toEqual([]);
  });
});
