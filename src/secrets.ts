// The one place that keeps secrets out of what the bot prints. A secret is
// registered once, when the config is parsed (src/config.ts); every log line
// (src/log.ts) and every line a CLI command prints (src/cli.ts) passes through
// redact(). So a message from Discord, or from a proxy in front of it, that
// echoes the token ("Invalid Authorization header: Bot <token>") is printed
// with the token cut out, whatever path it took to the output.
//
// Not only the whole token: any stretch of it of MIN_SECRET_RUN characters or
// more (a truncated echo, or just its last segment) is cut out too. The
// public key is not a secret and is not registered.

/** The shortest run of a secret's characters that is redacted; shorter runs occur by chance in ordinary text. */
export const MIN_SECRET_RUN = 12;
export const REDACTED = '[redacted]';

// Finding runs fast enough for every log line: the text is sampled at every
// STRIDE-th position, and the WINDOW characters there are looked up (by a
// hash) among every WINDOW-long stretch of every secret. A run of MIN_SECRET_RUN
// characters always holds a sampled window (WINDOW + STRIDE - 1 <= MIN_SECRET_RUN),
// and a hit is then grown character by character both ways against the secret.
const WINDOW = 8;
const STRIDE = MIN_SECRET_RUN - WINDOW + 1;

interface Registry {
  secrets: string[];
  /** Hash of a WINDOW-long stretch -> where it occurs in which secret. */
  stretches: Map<number, { secret: string; offset: number }[]>;
}
// On globalThis, not in a module variable: the build bundles src/config.ts apart
// (scripts/bundle.ts) with its own copy of this module, and the secret it
// registers must be the one the logger's copy redacts.
const KEY = Symbol.for('portfolio-bot.secrets');
const registry = ((globalThis as Record<symbol, unknown>)[KEY] ??= { secrets: [], stretches: new Map() }) as Registry;

function hashAt(text: string, start: number): number {
  let hash = 0;
  for (let index = start; index < start + WINDOW; index++) hash = (Math.imul(hash, 31) + text.charCodeAt(index)) | 0;
  return hash;
}

/**
 * `Bot <something token-shaped>`: an Authorization header echoed back. Covers a
 * token that is not (or not yet) registered, e.g. the one in a request a proxy
 * rewrote.
 */
const BOT_AUTHORIZATION = /\b(Bot|Bearer)(\s+|%20)[\w.%-]{19,}[\w%-]/g;

/** Registers a secret (e.g. DISCORD_TOKEN); empty or short values are ignored. */
export function keepSecret(value: string | undefined): void {
  if (!value || value.length < MIN_SECRET_RUN || registry.secrets.includes(value)) return;
  registry.secrets.push(value);
  for (let offset = 0; offset + WINDOW <= value.length; offset++) {
    const hash = hashAt(value, offset);
    const places = registry.stretches.get(hash);
    if (places) places.push({ secret: value, offset });
    else registry.stretches.set(hash, [{ secret: value, offset }]);
  }
}

/** Forgets every registered secret (for tests). */
export function forgetSecrets(): void {
  registry.secrets.length = 0;
  registry.stretches.clear();
}

/** The text with every registered secret, every long enough run of one, and every `Bot <token>` replaced by [redacted]. */
export function redact(text: string): string {
  let out = text;
  if (registry.secrets.length > 0 && out.length >= MIN_SECRET_RUN) out = redactRuns(out);
  if (out.includes('Bot') || out.includes('Bearer'))
    out = out.replace(BOT_AUTHORIZATION, (_match, scheme: string, space: string) => `${scheme}${space}${REDACTED}`);
  return out;
}

/** Cuts out every stretch of `text` at least MIN_SECRET_RUN long that is also a stretch of a secret. */
function redactRuns(text: string): string {
  const cuts: [number, number][] = [];
  for (let position = 0; position + WINDOW <= text.length; position += STRIDE) {
    const places = registry.stretches.get(hashAt(text, position));
    if (!places) continue;
    for (const { secret, offset } of places) {
      let before = 0;
      while (position - before > 0 && offset - before > 0 && text[position - before - 1] === secret[offset - before - 1]) before++;
      let after = 0;
      while (position + after < text.length && offset + after < secret.length && text[position + after] === secret[offset + after]) after++;
      // `after` short of WINDOW: a hash collision, not the secret.
      if (after >= WINDOW && before + after >= MIN_SECRET_RUN) cuts.push([position - before, position + after]);
    }
  }
  if (cuts.length === 0) return text;
  cuts.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of cuts) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  let out = '';
  let from = 0;
  for (const [start, end] of merged) {
    out += text.slice(from, start) + REDACTED;
    from = end;
  }
  return out + text.slice(from);
}
