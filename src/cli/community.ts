// `portfolio-bot community add|list|remove|export`: the member portfolios of a
// server from the command line, e.g. seeding a server from a folder of profiles.
// It writes to the same database as the bot (DATABASE_URL, else SQLITE_PATH);
// a bot on PostgreSQL sees each change at once (LISTEN/NOTIFY), a bot on SQLite
// on its next start.
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadPortfolio } from '../bot/load.js';
import { openCommunity, type Community } from '../community/community.js';
import { parseConfig } from '../config.js';
import { createLogger } from '../log.js';
import { readProfileText } from '../profile/read.js';
import { isSnowflake } from '../replies/index.js';
import { openStore } from '../store/index.js';
import { UsageError, type CliCommand, type CliIO } from './types.js';

const ACTIONS = ['add', 'list', 'remove', 'export'] as const;

function snowflake(value: string | boolean | undefined, option: string): string {
  if (typeof value !== 'string' || !isSnowflake(value) || value.length < 17) {
    throw new UsageError(`--${option} expects a Discord id (17 to 20 digits)`);
  }
  return value;
}

export const run: CliCommand = async ({ values, positionals }, io) => {
  const [action, ...files] = positionals;
  if (!ACTIONS.includes(action as (typeof ACTIONS)[number])) {
    throw new UsageError(`expected one of ${ACTIONS.join(', ')}, not ${JSON.stringify(action ?? '')}`);
  }
  const guildId = snowflake(values['guild'], 'guild');
  const config = parseConfig();
  const { portfolio, problems } = await loadPortfolio(config.PROFILE_PATH);
  if (!portfolio) {
    for (const line of problems) io.err(line);
    return 1;
  }
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const community = await openCommunity({ store: await openStore(config), owner: () => portfolio, logger, offThread: true });
  try {
    switch (action) {
      case 'add':
        return await add(community, guildId, files, values, io);
      case 'list': {
        const view = community.portfolioFor(guildId);
        const members = [...(view.community?.members.values() ?? [])];
        for (const member of members) {
          const entries = view.community!.search.countOf(member.owner.id);
          io.out(`${member.owner.id}  ${member.owner.name}  ${entries} entries  updated ${new Date(member.updatedAt).toISOString()}`);
        }
        io.out(`${members.length} member portfolio${members.length === 1 ? '' : 's'} in server ${guildId}`);
        return 0;
      }
      case 'remove': {
        const memberId = snowflake(values['member'], 'member');
        const removed = await community.remove(guildId, memberId);
        io.out(removed ? `removed ${memberId} from server ${guildId}` : `${memberId} has no portfolio in server ${guildId}`);
        return removed ? 0 : 1;
      }
      default: {
        const memberId = snowflake(values['member'], 'member');
        const stored = await community.exportOf(guildId, memberId);
        if (!stored) {
          io.err(`${memberId} has no portfolio in server ${guildId}`);
          return 1;
        }
        io.out(stored.source.replace(/\n$/, ''));
        return 0;
      }
    }
  } finally {
    await community.close();
  }
};

/** One file for --member, or a folder of <member id>.yaml files. */
async function add(community: Community, guildId: string, paths: string[], values: Record<string, unknown>, io: CliIO): Promise<number> {
  if (paths.length !== 1) throw new UsageError('add expects one FILE, or one folder of <member id>.yaml files');
  const path = paths[0]!;
  let jobs: { memberId: string; file: string }[];
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    if (values['member'] !== undefined) throw new UsageError('--member goes with one FILE; a folder names each member by its file name');
    jobs = readdirSync(path)
      .filter((name) => /^\d{17,20}\.ya?ml$/.test(name))
      .sort()
      .map((name) => ({ memberId: name.replace(/\.ya?ml$/, ''), file: join(path, name) }));
    if (jobs.length === 0) throw new UsageError(`${path} has no <member id>.yaml files`);
  } else {
    jobs = [{ memberId: snowflake(values['member'] as string | undefined, 'member'), file: path }];
  }
  let failed = 0;
  for (const { memberId, file } of jobs) {
    let text: string;
    try {
      text = await readProfileText(file);
    } catch (error) {
      io.err(`${file}: ${(error as Error).message}`);
      failed++;
      continue;
    }
    const name = typeof values['name'] === 'string' && jobs.length === 1 ? values['name'] : undefined;
    const outcome = await community.submitText(guildId, { id: memberId, name }, text, basename(file));
    if (outcome.ok) io.out(`${outcome.replaced ? 'replaced' : 'added'} ${memberId}: ${outcome.entries} entries (${file})`);
    else {
      io.err(outcome.message.replace(/^Your profile/, file));
      failed++;
    }
  }
  return failed > 0 ? 1 : 0;
}
