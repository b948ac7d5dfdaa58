import { DiscordAPIError, HTTPError, RateLimitError, REST, Routes } from 'discord.js';
import { COMMANDS } from '../../commands/index.js';
import { parseConfig, type Config } from '../config.js';
import { buildDefinitions, checkDefinitions, diffCommands, type Scope } from '../deploy/definitions.js';
import { describeNetworkError, LIKELY_CAUSES, noAnswerMessage, unreachableMessage } from '../discord/unreachable.js';
import type { CliCommand } from './types.js';

/** Discord's JSON error code for "Missing Access". */
const MISSING_ACCESS = 50001;

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

  // Said at once; every request below shares one deadline, so a Discord that
  // never answers ends in a message, not a silent wait.
  io.err(`connecting to Discord at ${config.DISCORD_API_URL} (giving up after ${config.DISCORD_CONNECT_TIMEOUT} s)…`);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), config.DISCORD_CONNECT_TIMEOUT * 1000);
  const signal = deadline.signal;
  // One attempt may take the whole deadline; a rate limit is reported, not waited out (Discord may ask for minutes).
  const rest = new REST({
    api: config.DISCORD_API_URL,
    retries: 2,
    timeout: config.DISCORD_CONNECT_TIMEOUT * 1000,
    rejectOnRateLimit: () => true,
  }).setToken(config.DISCORD_TOKEN);
  const tokenApplication = async () => ((await rest.get(Routes.currentApplication(), { signal })) as { id: string }).id;
  let clientId: string | undefined;
  try {
    // Without DISCORD_CLIENT_ID, the token's own application.
    clientId = config.DISCORD_CLIENT_ID ?? (await tokenApplication());
    const route = scope.kind === 'guild' ? Routes.applicationGuildCommands(clientId, scope.guildId) : Routes.applicationCommands(clientId);
    // Localizations come back only when asked for; they are compared like the rest.
    const query = new URLSearchParams({ with_localizations: 'true' });
    const registered = (await rest.get(route, { query, signal })) as Record<string, unknown>[];
    const differences = diffCommands(registered, definitions as unknown as Record<string, unknown>[]);
    if (differences.length === 0) {
      io.out(`up to date: ${definitions.length} commands already registered (${where})`);
      return 0;
    }
    const saved = (await rest.put(route, { body: definitions, signal })) as unknown[];
    io.out(`registered ${saved.length} commands (${where}): ${differences.join(', ')}`);
    return 0;
  } catch (error) {
    const missingAccess =
      error instanceof DiscordAPIError && error.status === 403 && error.code === MISSING_ACCESS && clientId !== undefined;
    const message = missingAccess
      ? await describeMissingAccess(clientId!, scope, () => (signal.aborted ? Promise.reject(error) : tokenApplication()))
      : describeDeployError(error, signal.aborted || (error as Error).name === 'AbortError', config);
    io.err(`portfolio-bot deploy: ${message}`);
    return 1;
  } finally {
    clearTimeout(timer);
  }
};

/** One line for a failed deploy: what went wrong and where to look; redact() keeps any echoed token out. */
export function describeDeployError(
  error: unknown,
  timedOut: boolean,
  config: Pick<Config, 'DISCORD_API_URL' | 'DISCORD_CONNECT_TIMEOUT'>,
): string {
  const api = config.DISCORD_API_URL;
  if (timedOut) return noAnswerMessage(api, config.DISCORD_CONNECT_TIMEOUT);
  if (error instanceof RateLimitError) {
    return (
      `Discord is rate limiting ${error.method.toUpperCase()} ${error.route}: try again in ` +
      `${Math.max(1, Math.round(error.retryAfter / 1000))} s`
    );
  }
  if (error instanceof DiscordAPIError) {
    if (error.status === 401)
      return 'Discord rejected DISCORD_TOKEN (401 Unauthorized): reset it in the Developer Portal (Bot → Reset Token) and update .env';
    return (
      `Discord answered ${error.status} to ${error.method.toUpperCase()} ${new URL(error.url).pathname}: ` +
      `${error.message} (code ${String(error.code)})`
    );
  }
  if (error instanceof HTTPError) {
    return (
      `Discord answered ${error.status} ${error.message} to ${error.method.toUpperCase()} ` +
      `${new URL(error.url).pathname}: try again later. ${LIKELY_CAUSES}`
    );
  }
  const network = describeNetworkError(error);
  if (network) return unreachableMessage(api, network);
  return `${(error as Error).message ?? String(error)}. ${LIKELY_CAUSES}`;
}

/**
 * "Missing Access" on the commands route: the id is not the token's application
 * (the usual mistake: DISCORD_CLIENT_ID copied from another application), or,
 * for guild commands, the application is not in that guild.
 */
async function describeMissingAccess(clientId: string, scope: Scope, tokenApplication: () => Promise<string>): Promise<string> {
  const owner = await tokenApplication().catch(() => undefined);
  if (owner === clientId && scope.kind === 'guild') {
    return (
      `Discord answered 403 Missing Access: application ${clientId} is not in guild ${scope.guildId} (DISCORD_GUILD_ID). ` +
      'Invite it there with the applications.commands scope, or leave DISCORD_GUILD_ID empty for global commands'
    );
  }
  if (owner === clientId) return `Discord answered 403 Missing Access for application ${clientId}'s commands`;
  const whose = owner ? `DISCORD_TOKEN belongs to application ${owner}` : 'copy both from the same application';
  return (
    `Discord answered 403 Missing Access: DISCORD_CLIENT_ID ${clientId} is not the application of DISCORD_TOKEN (${whose}). ` +
    'Fix DISCORD_CLIENT_ID, or leave it empty: deploy reads the id from the token'
  );
}
