// Issue #15.5: the token never reaches a log line or CLI output, whole or in part, even when an
// error message from Discord or a proxy echoes it. The end-to-end checks (through `start` and
// `deploy`) are in gateway-e2e.test.ts; here the redaction itself and its wiring.
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { forgetSecrets, keepSecret, MIN_SECRET_RUN, redact, REDACTED } from '../src/secrets.js';
import { mulberry32 } from './helpers/random.js';

const TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.GhQx7w.Zq3vN8kLpR2sT5uW9yB1cE4fH6jM0oA7dXgIeKb';
const [, , HMAC] = TOKEN.split('.') as [string, string, string];

afterEach(() => forgetSecrets());

describe('redact', () => {
  it('leaves text alone while no secret is registered, except a `Bot <token>` header', () => {
    expect(redact(`loaded ${TOKEN.slice(0, 30)}`)).toBe(`loaded ${TOKEN.slice(0, 30)}`);
    expect(redact(`Invalid Authorization header: Bot ${TOKEN}`)).toBe(`Invalid Authorization header: Bot ${REDACTED}`);
    expect(redact(`header "Bot ${TOKEN}". Check`)).toBe(`header "Bot ${REDACTED}". Check`);
    expect(redact(`authorization=Bot%20${TOKEN}`)).toBe(`authorization=Bot%20${REDACTED}`);
    expect(redact('Bot replied in 12 ms')).toBe('Bot replied in 12 ms');
  });

  it('cuts out the whole token, the `Bot <token>` form and every occurrence', () => {
    keepSecret(TOKEN);
    expect(redact(`Invalid Authorization header: Bot ${TOKEN}`)).toBe(`Invalid Authorization header: Bot ${REDACTED}`);
    expect(redact(`a ${TOKEN} b ${TOKEN}`)).toBe(`a ${REDACTED} b ${REDACTED}`);
    expect(redact(`{"message":"${TOKEN}"}`)).toBe(`{"message":"${REDACTED}"}`);
  });

  it('cuts out any run of the token at least MIN_SECRET_RUN long: its last segment, a truncated or shifted echo', () => {
    keepSecret(TOKEN);
    expect(redact(`signature ${HMAC} rejected`)).toBe(`signature ${REDACTED} rejected`);
    expect(redact(`header: ${TOKEN.slice(0, 40)}…`)).toBe(`header: ${REDACTED}…`);
    expect(redact(`x${TOKEN.slice(7, 7 + MIN_SECRET_RUN)}y`)).toBe(`x${REDACTED}y`);
    // Shorter runs are ordinary text (they occur by chance).
    const short = TOKEN.slice(3, 3 + MIN_SECRET_RUN - 1);
    expect(redact(`a ${short} b`)).toBe(`a ${short} b`);
  });

  it('finds every run of MIN_SECRET_RUN or more at any offset, among text of the same alphabet (2000 seeded cases)', () => {
    keepSecret(TOKEN);
    const random = mulberry32(15);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    const noise = (length: number) => Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let i = 0; i < 2000; i++) {
      const length = MIN_SECRET_RUN + Math.floor(random() * (TOKEN.length - MIN_SECRET_RUN + 1));
      const start = Math.floor(random() * (TOKEN.length - length + 1));
      const run = TOKEN.slice(start, start + length);
      // Spaces around the run: the noise cannot extend it by chance.
      const text = `${noise(Math.floor(random() * 40))} ${run} ${noise(Math.floor(random() * 40))}`;
      const out = redact(text);
      expect(out, text).toBe(text.replace(run, REDACTED));
    }
  });

  it('keeps the text around a run intact, including a run that ends the text', () => {
    keepSecret(TOKEN);
    expect(redact(`before ${TOKEN}`)).toBe(`before ${REDACTED}`);
    expect(redact(`${TOKEN} after`)).toBe(`${REDACTED} after`);
    expect(redact('nothing secret here, just a long enough line')).toBe('nothing secret here, just a long enough line');
  });

  it('is registered by parseConfig for DISCORD_TOKEN, not for the public key', () => {
    const publicKey = 'ab'.repeat(32);
    parseConfig({ DISCORD_TOKEN: TOKEN, DISCORD_PUBLIC_KEY: publicKey });
    expect(redact(`token ${TOKEN} key ${publicKey}`)).toBe(`token ${REDACTED} key ${publicKey}`);
  });
});

describe('the logger and the CLI output', () => {
  it('redact every log line, whatever field the token is in', () => {
    keepSecret(TOKEN);
    const lines: string[] = [];
    const logger = createLogger('debug', (line) => lines.push(line));
    logger.error('reply failed', { error: `403: Invalid Authorization header: Bot ${TOKEN}` });
    logger.info(`echo ${HMAC}`, { nested: { deep: [TOKEN] } });
    expect(lines.join('\n')).not.toContain(HMAC);
    expect(JSON.parse(lines[0]!)).toMatchObject({ error: `403: Invalid Authorization header: Bot ${REDACTED}` });
    expect(JSON.parse(lines[1]!)).toMatchObject({ msg: `echo ${REDACTED}`, nested: { deep: [REDACTED] } });
  });

  it('redact what a command prints on stdout and stderr', async () => {
    keepSecret(TOKEN);
    const printed: string[] = [];
    const code = await main([`no-such-command-${TOKEN}`], { out: (text) => printed.push(text), err: (text) => printed.push(text) });
    expect(code).toBe(2);
    expect(printed.join('\n')).toContain(`no-such-command-${REDACTED}`);
    expect(printed.join('\n')).not.toContain(HMAC);
  });
});
