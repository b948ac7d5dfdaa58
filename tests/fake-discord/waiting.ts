// Waiting for something the bot does. Every state change in the fake calls `notify()`; a waiter
// re-checks its condition on each change, so a condition that already holds resolves at once
// (no race between "the bot answered" and "the test started waiting").

/** Options shared by every `waitFor…` helper. */
export interface WaitOptions {
  /** How long to wait before rejecting; defaults to the fake's `defaultTimeoutMs` (5000 ms). */
  timeoutMs?: number;
}

/** A check returns the awaited value, `undefined` while it is not there yet, or an Error to fail early. */
export type Check<T> = () => T | undefined | Error;

export class ChangeFeed {
  readonly #listeners = new Set<() => void>();
  #closed = false;

  constructor(readonly defaultTimeoutMs: number) {}

  /** Tells every waiter that something changed. */
  notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  /** Rejects every pending waiter (used when the fake shuts down). */
  close(): void {
    this.#closed = true;
    this.notify();
  }

  /** Resolves with the first defined value `check` returns; rejects with a message naming `what` on timeout. */
  waitFor<T>(check: Check<T>, what: string, options: WaitOptions = {}): Promise<T> {
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    return new Promise<T>((resolve, reject) => {
      const finish = (): void => {
        this.#listeners.delete(evaluate);
        clearTimeout(timer);
      };
      const evaluate = (): void => {
        let result: T | undefined | Error;
        try {
          result = check();
        } catch (error) {
          result = error instanceof Error ? error : new Error(String(error));
        }
        if (result instanceof Error) {
          finish();
          reject(result);
        } else if (result !== undefined) {
          finish();
          resolve(result);
        } else if (this.#closed) {
          finish();
          reject(new Error(`fake Discord closed while waiting for ${what}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.#listeners.add(evaluate);
      evaluate();
    });
  }

  /** Resolves after `ms` unless `check` yields something first, in which case it rejects with that. */
  expectNothing(check: () => string | undefined, ms: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const finish = (): void => {
        this.#listeners.delete(evaluate);
        clearTimeout(timer);
      };
      const evaluate = (): void => {
        const found = check();
        if (found !== undefined) {
          finish();
          reject(new Error(found));
        }
      };
      const timer = setTimeout(() => {
        finish();
        resolve();
      }, ms);
      this.#listeners.add(evaluate);
      evaluate();
    });
  }
}

/**
 * A promise-like that starts (and starts its timeout) only when someone awaits it, so a test may
 * ignore the result of a fault-injection call without leaving a timer or an unhandled rejection.
 */
export function lazy<T>(start: () => Promise<T>): PromiseLike<T> {
  let promise: Promise<T> | undefined;
  return {
    then<R1 = T, R2 = never>(
      onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
      onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
    ): PromiseLike<R1 | R2> {
      promise ??= start();
      return promise.then(onFulfilled, onRejected);
    },
  };
}
