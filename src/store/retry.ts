// The bot's database, opened again until it opens. A database that is not there
// when the bot starts (PostgreSQL still starting, a volume not mounted yet, a
// SQLite folder not writable yet) does not stop the bot: the owner's profile
// needs none, member portfolios say they are unavailable meanwhile, and the
// store is tried again after 1 s, 2 s, 4 s … at most a minute apart, each try
// logged, until it opens. The log names the engine and the host, never the URL:
// DATABASE_URL holds the password.
// Only types at load time: the engines load when the first try starts (cold start, npm run bench).
import type { Logger } from '../log.js';
import type { StoreConfig } from './index.js';
import type { Store } from './types.js';

export interface RetryOptions {
  /** The wait after the first failed try (ms); it doubles after each, up to maxDelayMs. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** The opener (tests); default openStore(config). */
  open?: () => Promise<Store>;
}

export interface RetryingStore {
  /** Resolves with the store once it opens, after however many tries; rejects only when stopped first. */
  readonly opened: Promise<Store>;
  /** Resolves once the first try is over, whichever way it went. */
  readonly firstTry: Promise<void>;
  /** The store, once open. */
  current(): Store | undefined;
  /** No more tries: `opened` rejects if the store is not open yet. A store that is open stays open (closing it is the caller's). */
  stop(): void;
}

export const FIRST_RETRY_MS = 1000;
const NOT_OPENED = 'the database was not opened before the bot stopped';
export const MAX_RETRY_MS = 60_000;

export function openStoreRetrying(config: StoreConfig, logger: Logger, options: RetryOptions = {}): RetryingStore {
  const open = options.open ?? (() => import('./index.js').then(({ openStore }) => openStore(config)));
  const firstDelay = options.firstDelayMs ?? FIRST_RETRY_MS;
  const maxDelay = options.maxDelayMs ?? MAX_RETRY_MS;
  const where = describeDatabase(config);
  let store: Store | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  let firstTryDone: () => void = () => undefined;
  const firstTry = new Promise<void>((resolve) => (firstTryDone = resolve));

  async function attempts(): Promise<Store> {
    let delay = firstDelay;
    for (let attempt = 1; ; attempt++) {
      try {
        const opened = await open();
        if (stopped) {
          await opened.close().catch(() => undefined);
          throw new Error('stopped');
        }
        store = opened;
        if (attempt > 1) logger.info('member portfolio database open', { ...where, attempt });
        return opened;
      } catch (error) {
        if (stopped) throw new Error(NOT_OPENED, { cause: error });
        logger.warn('member portfolio database unavailable; trying again', {
          ...where,
          attempt,
          retryInMs: delay,
          error: withoutPassword((error as Error).message, config.DATABASE_URL),
        });
      } finally {
        firstTryDone();
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, delay);
        // Trying again keeps no process alive on its own: one that is done (serve refused its port) still exits.
        timer.unref();
      });
      if (stopped) throw new Error(NOT_OPENED);
      delay = Math.min(maxDelay, delay * 2);
    }
  }

  const opened = attempts();
  void opened.catch(() => undefined);
  return {
    opened,
    firstTry,
    current: () => store,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      wake?.();
    },
  };
}

/** What the log says of the database: the engine, and for PostgreSQL its host and port (never the user or password). */
export function describeDatabase(config: StoreConfig): Record<string, string> {
  if (!config.DATABASE_URL) return { engine: 'sqlite', file: config.SQLITE_PATH };
  try {
    const url = new URL(config.DATABASE_URL);
    return { engine: 'postgres', host: url.port ? `${url.hostname}:${url.port}` : url.hostname };
  } catch {
    return { engine: 'postgres' };
  }
}

/** An error message with DATABASE_URL's password (as written, and decoded) cut out, however short it is. */
export function withoutPassword(message: string, databaseUrl: string | undefined): string {
  if (!databaseUrl) return message;
  let out = message.replaceAll(databaseUrl, '[DATABASE_URL]');
  const password = passwordOf(databaseUrl);
  for (const form of new Set([password, safeDecode(password)])) if (form) out = out.replaceAll(form, '[redacted]');
  return out;
}

function passwordOf(databaseUrl: string): string {
  try {
    return new URL(databaseUrl).password;
  } catch {
    return /^[a-z]+:\/\/[^:/@]*:([^@/]*)@/i.exec(databaseUrl)?.[1] ?? '';
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
