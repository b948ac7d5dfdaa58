// Memory back after a flood. Node copies every chunk of a request body it
// reads into a Buffer of its own, also for requests that are then refused
// (too large, never finished, dropped for a newer one), and those copies live
// outside the JS heap, where V8 does not count them soon enough to collect:
// after a burst of refused requests an idle server kept the garbage for as
// long as it stayed idle. So once enough connections have ended without an
// answer worth having, the server asks V8 for one collection, a moment later
// and at most once per interval. Normal traffic never asks.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => void;

let collect: Collect | null | undefined;

/**
 * V8's own `gc`, without starting node with --expose-gc: the flag is set
 * now and a fresh context is given the function. Null if that fails, in
 * which case the server simply relies on V8's own schedule.
 */
function collector(): Collect | null {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const found: unknown = runInNewContext('typeof gc === "function" ? gc : null');
      collect = typeof found === 'function' ? (found as Collect) : null;
    } catch {
      collect = null;
    }
  }
  return collect;
}

export interface ReclaimOptions {
  /** Wasted connections that make a collection worth it. */
  threshold: number;
  /** Time between the threshold being reached and the collection (the flood may go on). */
  delayMs: number;
  /** Shortest time between two collections. */
  minIntervalMs: number;
}

export const DEFAULT_RECLAIM: ReclaimOptions = { threshold: 32, delayMs: 500, minIntervalMs: 2000 };

export interface Reclaimer {
  /** One connection ended without an answer worth having (refused, cut, dropped). */
  wasted(): void;
  /** Collections asked for so far. */
  readonly collections: number;
  stop(): void;
}

export function createReclaimer(options: ReclaimOptions = DEFAULT_RECLAIM): Reclaimer {
  let debt = 0;
  let last = -Infinity;
  let collections = 0;
  let timer: NodeJS.Timeout | undefined;

  const run = (): void => {
    timer = undefined;
    const gc = collector();
    if (gc === null) return;
    debt = 0;
    last = performance.now();
    collections++;
    // One full collection, at once: a short pause, after a flood, never during normal traffic.
    gc({ type: 'major', execution: 'sync' });
  };

  return {
    wasted() {
      debt++;
      if (debt < options.threshold || timer !== undefined) return;
      const wait = Math.max(options.delayMs, last + options.minIntervalMs - performance.now());
      timer = setTimeout(run, wait);
      timer.unref();
    },
    get collections() {
      return collections;
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
