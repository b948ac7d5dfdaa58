// DATABASE_URL and SQLITE_PATH: which engine, a clear message for a bad URL, and the password kept secret.
import { afterEach, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { DEFAULT_DATABASE_PATH } from '../src/paths.js';
import { forgetSecrets, redact } from '../src/secrets.js';

afterEach(() => forgetSecrets());

it('uses SQLite in data/portfolio.db when nothing is set', () => {
  const config = parseConfig({});
  expect(config.DATABASE_URL).toBeUndefined();
  expect(config.SQLITE_PATH).toBe(DEFAULT_DATABASE_PATH);
  expect(DEFAULT_DATABASE_PATH.endsWith('data/portfolio.db')).toBe(true);
});

it('takes a postgres URL, and never prints its password', () => {
  const config = parseConfig({ DATABASE_URL: 'postgres://bot:s3cr%40t-Pa55word@db.example:5432/portfolio' });
  expect(config.DATABASE_URL).toBe('postgres://bot:s3cr%40t-Pa55word@db.example:5432/portfolio');
  expect(redact('connecting with s3cr@t-Pa55word failed')).not.toContain('s3cr@t-Pa55word');
});

it('refuses another scheme by name, without echoing the value', () => {
  expect(() => parseConfig({ DATABASE_URL: 'mysql://root:hunter2@db/x' })).toThrow(
    'invalid environment: DATABASE_URL: expected a postgres:// or postgresql:// URL',
  );
  try {
    parseConfig({ DATABASE_URL: 'mysql://root:hunter2@db/x' });
  } catch (error) {
    expect((error as Error).message).not.toContain('hunter2');
  }
});
