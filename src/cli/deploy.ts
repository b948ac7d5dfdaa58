import { REST, Routes } from 'discord.js';
import { COMMANDS } from '../../commands/index.js';
import type { CliCommand } from '../cli.js';
import { parseConfig } from '../config.js';
import { buildDefinitions, checkDefinitions, sameCommands, type Scope } from '../deploy/definitions.js';

export const run: CliCommand = async ({ values }, io) => {
  const config = parseConfig();
  const scope: Scope = config.DISCORD_GUILD_ID ? { kind: 'guild', guildId: config.DISCORD_GUILD_ID } : { kind: 'global' };
  const definitions = buildDefinitions(COMMANDS, scope);
  const problems = checkDefinitions(definitions);
  if (problems.length > 0) {
    for (const problem of problems) io.err(problem);
    io.err(`${problems.length} problem(s): nothing was sent`);
    return 1;
  }
  const where = scope.kind === 'guild' ? `guild ${scope.guildId}` : 'global (servers, DMs and user installs)';
  if (values['dry-run'] === true) {
    io.out(JSON.stringify(definitions, null, 2));
    io.err(`dry run: ${definitions.length} commands for ${where}; nothing sent`);
    return 0;
  }
  if (!config.DISCORD_TOKEN) {
    io.err('portfolio-bot deploy: DISCORD_TOKEN is not set (see .env.example); use --dry-run to only print the commands');
    return 1;
  }
  const rest = new REST({ api: config.DISCORD_API_URL, retries: 2, timeout: 15_000 }).setToken(config.DISCORD_TOKEN);
  try {
    const clientId = config.DISCORD_CLIENT_ID ?? ((await rest.get(Routes.currentApplication())) as { id: string }).id;
    const route =
      scope.kind === 'guild' ? Routes.applicationGuildCommands(clientId, scope.guildId) : Routes.applicationCommands(clientId);
    const registered = (await rest.get(route)) as Record<string, unknown>[];
    if (sameCommands(registered, definitions as unknown as Record<string, unknown>[])) {
      io.out(`up to date: ${definitions.length} commands already registered (${where})`);
      return 0;
    }
    const saved = (await rest.put(route, { body: definitions })) as unknown[];
    io.out(`registered ${saved.length} commands (${where})`);
    return 0;
  } catch (error) {
    const err = error as { status?: number; message?: string };
    if (err.status === 401) io.err('portfolio-bot deploy: Discord rejected DISCORD_TOKEN (401 Unauthorized)');
    else io.err(`portfolio-bot deploy: ${err.message ?? String(error)}`);
    return 1;
  }
};
