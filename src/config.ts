// Environment, parsed once with zod. Every key is documented in .env.example.
// Errors name the key and the problem, never the value (it may be a secret).
//
// zod/mini, zod's tree-shakeable build: the bot's main thread needs zod for
// nothing but this (a profile comes from its snapshot or is validated in a
// worker), and the full build keeps about three times the live heap for the
// life of the process (V8 then sizes the heap under load at a few times the
// live data; figures in docs/performance.md). Each check carries its own message, so no locale
// is loaded.
import * as z from 'zod/mini';
import { LOG_LEVELS } from './log.js';
import { DEFAULT_DATABASE_PATH, DEFAULT_PROFILE_PATH } from './paths.js';
import { keepSecret } from './secrets.js';

/** A key that may be unset: empty counts as unset (as in a copied .env.example). */
const optional = <T extends z.ZodMiniType>(schema: T) =>
  z.pipe(
    z.transform((value: unknown) => (value === '' ? undefined : value)),
    z.optional(schema),
  );

/** The same, with the value to use when it is unset. */
const withDefault = <T extends z.ZodMiniType>(schema: T, fallback: NonNullable<z.output<T>>) =>
  z.pipe(
    optional(schema),
    z.transform((value: z.output<T> | undefined) => value ?? fallback),
  );

/** Shards one process runs at most: beyond, a bot splits its shards over processes (not supported here). */
const MAX_SHARDS = 1024;

const shardsExpected = `expected auto or a whole number from 1 to ${MAX_SHARDS}`;
const shardCount = z.pipe(
  z
    .string()
    .check(z.refine((text) => text === 'auto' || (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= MAX_SHARDS), shardsExpected)),
  z.transform((text): 'auto' | number => (text === 'auto' ? 'auto' : Number(text))),
);

const snowflake = z.string().check(z.regex(/^\d{17,20}$/, 'expected a Discord id (17–20 digits)'));

/** A number from the environment's text, within [min, max] (whole when `whole`). */
const numberIn = (min: number, max: number, whole: boolean) => {
  const expected = `expected ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}`;
  return z.coerce.number(expected).check(
    z.refine((value: number) => !whole || Number.isInteger(value), expected),
    z.minimum(min, expected),
    z.maximum(max, expected),
  );
};

export const configSchema = z.object({
  DISCORD_TOKEN: optional(z.string().check(z.minLength(10, 'looks too short to be a bot token'))),
  DISCORD_CLIENT_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_PUBLIC_KEY: optional(z.string().check(z.regex(/^[0-9a-fA-F]{64}$/, 'expected 64 hex characters'))),
  DISCORD_API_URL: z.pipe(
    withDefault(z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }), 'https://discord.com/api'),
    z.transform((url: string) => url.replace(/\/+$/, '')),
  ),
  /** Seconds that `start` and `deploy` wait for Discord before giving up with a message and exit code 1. */
  DISCORD_CONNECT_TIMEOUT: withDefault(numberIn(1, 600, false), 30),
  PORT: withDefault(numberIn(0, 65535, true), 8080),
  // Loopback unless told: the README's setup puts a TLS proxy in front on the same machine.
  HOST: withDefault(z.string().check(z.regex(/^[^\s/]+$/, 'expected a host name or an IP address')), '127.0.0.1'),
  PROFILE_PATH: withDefault(z.string().check(z.minLength(1, 'expected a path')), DEFAULT_PROFILE_PATH),
  LOG_LEVEL: withDefault(z.enum(LOG_LEVELS, `expected one of ${LOG_LEVELS.join(', ')}`), 'info'),
  COOLDOWN_COMMANDS: withDefault(numberIn(1, 1000, true), 5),
  COOLDOWN_SECONDS: withDefault(numberIn(0, 3600, false), 10),
  /** PostgreSQL for the member profiles (several processes may share it); unset means SQLite in SQLITE_PATH. */
  DATABASE_URL: optional(z.string().check(z.regex(/^postgres(ql)?:\/\/\S+$/, 'expected a postgres:// or postgresql:// URL'))),
  SQLITE_PATH: withDefault(z.string().check(z.minLength(1, 'expected a path')), DEFAULT_DATABASE_PATH),
  /** How many gateway shards `start` runs (all in its one discord.js client): `auto` takes Discord's recommendation. */
  SHARD_COUNT: withDefault(shardCount, 'auto'),
  /** Insights (issue #18): what is asked and how it was answered, recorded in the database; off records nothing. */
  INSIGHTS: withDefault(z.enum(['on', 'off'], 'expected on or off'), 'on'),
  /** Days insights are kept: older rows are deleted on start and daily. */
  INSIGHTS_DAYS: withDefault(numberIn(1, 3650, true), 90),
  /** Test-only: member profile fetches may reach loopback addresses (over http too). See DESIGN.md. */
  FETCH_ALLOW_LOOPBACK: z.pipe(
    withDefault(z.enum(['0', '1'], 'expected 0 or 1'), '0'),
    z.transform((value: '0' | '1') => value === '1'),
  ),
});

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment; throws a ConfigError naming every bad key (never its value).
 * The token is registered as a secret here, so that no log line or CLI output can show it.
 */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (result.success) {
    keepSecret(result.data.DISCORD_TOKEN);
    keepSecret(databasePassword(result.data.DATABASE_URL));
    return result.data;
  }
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`invalid environment: ${problems.join('; ')}`);
}

/** The password in a database URL, if it has one: a secret like the token. */
function databasePassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}
