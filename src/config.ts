// Environment, parsed once with zod. Every key is documented in .env.example.
// Errors name the key and the problem, never the value (it may be a secret).
import * as z from 'zod';
import { LOG_LEVELS } from './log.js';

const snowflake = z.string().regex(/^\d{17,20}$/, 'expected a Discord id (17–20 digits)');
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const configSchema = z.object({
  DISCORD_TOKEN: optional(z.string().min(10, 'looks too short to be a bot token')),
  DISCORD_CLIENT_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_PUBLIC_KEY: optional(z.string().regex(/^[0-9a-fA-F]{64}$/, 'expected 64 hex characters')),
  DISCORD_API_URL: optional(z.url({ protocol: /^https?$/ })).transform((v) => (v ?? 'https://discord.com/api').replace(/\/+$/, '')),
  PORT: optional(z.coerce.number().int().min(0).max(65535)).transform((v) => v ?? 8080),
  PROFILE_PATH: optional(z.string().min(1)),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS)).transform((v) => v ?? 'info'),
  COOLDOWN_COMMANDS: optional(z.coerce.number().int().min(1).max(1000)).transform((v) => v ?? 5),
  COOLDOWN_SECONDS: optional(z.coerce.number().min(0).max(3600)).transform((v) => v ?? 10),
});

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError naming every bad key (never its value). */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`invalid environment: ${problems.join('; ')}`);
}
