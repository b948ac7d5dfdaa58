// Graceful shutdown on SIGTERM (containers, systemd) and SIGINT (Ctrl-C), for
// both long-running bots: the gateway (src/discord/run.ts) and `serve`.
import type { LogFields, Logger } from './log.js';

/** The part of `process` the handlers use; tests pass an EventEmitter. */
export interface SignalTarget {
  on(event: string, listener: (signal: string) => void): unknown;
  off(event: string, listener: (signal: string) => void): unknown;
}

export interface SignalHandlerOptions {
  target?: SignalTarget;
  exit?: (code: number) => void;
  signals?: readonly string[];
  /** More for the "shutting down" log line (e.g. the replies in flight). */
  describe?: () => LogFields;
}

/**
 * On the first SIGTERM/SIGINT, calls `close` and exits 0 once it resolves
 * (1 if it rejects). A second signal while closing exits 1 at once.
 * Returns a disposer that removes the handlers.
 */
export function installSignalHandlers(close: () => Promise<void>, logger: Logger, options: SignalHandlerOptions = {}): () => void {
  const target: SignalTarget = options.target ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  let shuttingDown = false;

  const onSignal = (signal: string): void => {
    if (shuttingDown) {
      logger.warn('second signal during shutdown, exiting now', { signal });
      exit(1);
      return;
    }
    shuttingDown = true;
    logger.info('shutting down', { signal, ...options.describe?.() });
    close().then(
      () => exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', { signal, error: error instanceof Error ? error.message : String(error) });
        exit(1);
      },
    );
  };

  for (const signal of signals) target.on(signal, onSignal);
  return () => {
    for (const signal of signals) target.off(signal, onSignal);
  };
}
