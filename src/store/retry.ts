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
  /** The first try waits for start(): for a database that holds nothing yet (src/discord/run.ts). */
  deferred?: boolean;
}

export interface RetryingStore {
  /** Resolves with the store once it opens, after however many tries; rejects only when stopped first. */
  readonly opened: Promise<Store>;
  /** Resolves once the first try is over, whichever way it went. */
  readonly firstTry: Promise<void>;
  /** The store, once open. */
  current(): Store | undefined;
  /**
   * Runs `work` on the open store, and while it fails runs it again on the same schedule as the
   * store's own tries (1 s, 2 s, 4 s … at most a minute apart), each failure logged as a warning
   * under `failure` with the engine and host (never the password). What the bot reads at start
   * (the member profiles) thus recovers from a failure after the database opened (a table
   * locked or missing for a moment, a connection dropped) as it recovers from one before.
   * Stopped with the store's tries.
   */
  keepTrying<T>(failure: string, work: (store: Store) => Promise<T>): Retrying<T>;
  /** Starts the first try of a store opened `deferred` (at once otherwise); no-op once started. */
  start(): void;
  /** No more tries: `opened` rejects if the store is not open yet. A store that is open stays open (closing it is the caller's). */
  stop(): void;
}

/** Something tried again with backoff until it succeeds. */
export interface Retrying<T> {
  /** Its first success, after however many tries; rejects only when stopped first. */
  readonly done: Promise<T>;
  /** Resolves once the first try is over, whichever way it went. */
  readonly firstTry: Promise<void>;
  stop(): void;
}

export interface Backoff {
  /** The wait after the first failed try (ms); it doubles after each, up to maxDelayMs. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const FIRST_RETRY_MS = 1000;
const NOT_OPENED = 'the database was not opened before the bot stopped';
export const MAX_RETRY_MS = 60_000;

/**
 * `attempt` until it resolves: after a failure, `onFailure` (attempt number, the wait before
 * the next, the error) and a wait of firstDelayMs, then twice as long each time, up to maxDelayMs.
 * The waits keep no process alive on their own. After stop(), `done` rejects with `stoppedMessage`.
 */
export function retryWithBackoff<T>(
  attempt: (isStopped: () => boolean) => Promise<T>,
  backoff: Backoff,
  onFailure: (attempt: number, retryInMs: number, error: unknown) => void,
  stoppedMessage: string,
): Retrying<T> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  let firstTryDone: () => void = () => undefined;
  const firstTry = new Promise<void>((resolve) => (firstTryDone = resolve));

  async function attempts(): Promise<T> {
    let delay = backoff.firstDelayMs;
    for (let n = 1; ; n++) {
      try {
        if (stopped) throw new Error(stoppedMessage);
        return await attempt(() => stopped);
      } catch (error) {
        if (stopped) throw new Error(stoppedMessage, { cause: error });
        onFailure(n, delay, error);
      } finally {
        firstTryDone();
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, delay);
        // Trying again keeps no process alive on its own: one that is done (serve refused its port) still exits.
        timer.unref();
      });
      if (stopped) throw new Error(stoppedMessage);
      delay = Math.min(backoff.maxDelayMs, delay * 2);
    }
  }

  const done = attempts();
  void done.catch(() => undefined);
  return {
    done,
    firstTry,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      wake?.();
    },
  };
}

export function openStoreRetrying(config: StoreConfig, logger: Logger, options: RetryOptions = {}): RetryingStore {
  const open = options.open ?? (() => import('./index.js').then(({ openStore }) => openStore(config)));
  const backoff: Backoff = { firstDelayMs: options.firstDelayMs ?? FIRST_RETRY_MS, maxDelayMs: options.maxDelayMs ?? MAX_RETRY_MS };
  const where = describeDatabase(config);
  const others = new Set<Retrying<unknown>>();
  let store: Store | undefined;
  let stopped = false;
  let attempts = 0;
  let start: () => void = () => undefined;
  const started = options.deferred ? new Promise<void>((resolve) => (start = resolve)) : undefined;

  const opening = retryWithBackoff(
    async (isStopped) => {
      if (started) await started;
      if (isStopped()) throw new Error('stopped');
      attempts++;
      const opened = await open();
      if (isStopped()) {
        await opened.close().catch(() => undefined);
        throw new Error('stopped');
      }
      store = opened;
      if (attempts > 1) logger.info('member portfolio database open', { ...where, attempt: attempts });
      return opened;
    },
    backoff,
    (attempt, retryInMs, error) =>
      logger.warn('member portfolio database unavailable; trying again', {
        ...where,
        attempt,
        retryInMs,
        error: withoutPassword((error as Error).message, config.DATABASE_URL),
      }),
    NOT_OPENED,
  );

  return {
    opened: opening.done,
    firstTry: opening.firstTry,
    current: () => store,
    keepTrying<T>(failure: string, work: (store: Store) => Promise<T>): Retrying<T> {
      const retrying = retryWithBackoff(
        async () => work(await opening.done),
        backoff,
        (attempt, retryInMs, error) =>
          logger.warn(failure, { ...where, attempt, retryInMs, error: withoutPassword((error as Error).message, config.DATABASE_URL) }),
        NOT_OPENED,
      );
      if (stopped) retrying.stop();
      others.add(retrying as Retrying<unknown>);
      void retrying.done.then(
        () => others.delete(retrying as Retrying<unknown>),
        () => others.delete(retrying as Retrying<unknown>),
      );
      return retrying;
    },
    start: () => start(),
    stop() {
      stopped = true;
      opening.stop();
      start();
      for (const retrying of others) retrying.stop();
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
