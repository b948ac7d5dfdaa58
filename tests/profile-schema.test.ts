import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProfileJsonSchema } from '../src/profile/json-schema.js';
import { REPO_ROOT } from '../src/paths.js';
import { parseConfig, ConfigError } from '../src/config.js';

describe('the JSON Schema for editors', () => {
  it('is committed and up to date with the zod schema (run `npm run schema` when this fails)', () => {
    const committed = readFileSync(join(REPO_ROOT, 'data', 'profile.schema.json'), 'utf8');
    expect(committed).toBe(buildProfileJsonSchema());
  });

  it('is referenced from the first line of the profile', () => {
    const first = readFileSync(join(REPO_ROOT, 'data', 'profile.yaml'), 'utf8').split('\n')[0];
    expect(first).toBe('# yaml-language-server: $schema=./profile.schema.json');
  });

  it('rejects unknown keys, like the zod schema', () => {
    const schema = JSON.parse(buildProfileJsonSchema()) as {
      additionalProperties?: boolean;
      properties: Record<string, { additionalProperties?: boolean }>;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties['identity']?.additionalProperties).toBe(false);
  });
});

describe('parseConfig', () => {
  it('applies the documented defaults', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      DISCORD_API_URL: 'https://discord.com/api',
      PORT: 8080,
      LOG_LEVEL: 'info',
      COOLDOWN_COMMANDS: 5,
      COOLDOWN_SECONDS: 10,
    });
    expect(config.DISCORD_TOKEN).toBeUndefined();
  });

  it('treats empty values as unset, as in a copied .env.example', () => {
    expect(parseConfig({ DISCORD_TOKEN: '', DISCORD_GUILD_ID: '', PORT: '' }).PORT).toBe(8080);
  });

  it('says what each bad key should be, every one at once', () => {
    expect(() =>
      parseConfig({
        DISCORD_TOKEN: 'abc',
        DISCORD_GUILD_ID: '12',
        DISCORD_API_URL: 'ftp://example.com',
        PORT: '99999',
        LOG_LEVEL: 'loud',
        COOLDOWN_COMMANDS: '2.5',
        COOLDOWN_SECONDS: '-1',
      }),
    ).toThrow(
      'invalid environment: DISCORD_TOKEN: looks too short to be a bot token; DISCORD_GUILD_ID: expected a Discord id (17–20 digits); ' +
        'DISCORD_API_URL: expected an http(s) URL; PORT: expected a whole number from 0 to 65535; LOG_LEVEL: ' +
        'expected one of debug, info, warn, error, silent; ' +
        'COOLDOWN_COMMANDS: expected a whole number from 1 to 1000; COOLDOWN_SECONDS: expected a number from 0 to 3600',
    );
  });

  it('trims trailing slashes from the API url and takes fractional cooldown seconds', () => {
    expect(parseConfig({ DISCORD_API_URL: 'http://127.0.0.1:9/api//', COOLDOWN_SECONDS: '0.5' })).toMatchObject({
      DISCORD_API_URL: 'http://127.0.0.1:9/api',
      COOLDOWN_SECONDS: 0.5,
    });
  });

  it('names the bad key but never prints its value', () => {
    const secret = 'not-hex-but-secret-value-000000000000000000000000000000000000000';
    let message = '';
    try {
      parseConfig({ DISCORD_PUBLIC_KEY: secret, PORT: 'eighty' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/DISCORD_PUBLIC_KEY: expected 64 hex characters/);
    expect(message).toMatch(/PORT/);
    expect(message).not.toContain(secret);
  });
});
