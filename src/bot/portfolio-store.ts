// The current Portfolio, swapped atomically when the profile file changes. An invalid
// file keeps the last good profile serving and logs every problem (file:line).
// Nothing a profile file holds may stop the bot: a load that fails in any way is
// logged as a problem, and no reload's promise is ever left to reject unheard.
import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from '../log.js';
import { describeLoadFailure, describeUnexpected } from '../profile/problems.js';
import { countSections } from '../profile/summary.js';
import { loadPortfolio, type LoadResult } from './load.js';
import type { Portfolio } from './types.js';

export interface PortfolioStore {
  /** The Portfolio to use for one call; read it per call, never keep it. */
  current: () => Portfolio;
  /** Loads the file again; true when the new profile was swapped in. */
  reload(): Promise<boolean>;
  watch(debounceMs?: number): void;
  stopWatching(): void;
}

/** `load` reads the file into a Portfolio (the long-running bots load it off their main thread). */
export async function createPortfolioStore(
  file: string,
  logger: Logger,
  load: (file: string) => Promise<LoadResult> = loadPortfolio,
): Promise<PortfolioStore | null> {
  const first = await loadSafely(load, file);
  if (!first.portfolio) {
    for (const problem of first.problems) logger.error('invalid profile', { problem });
    return null;
  }
  let portfolio: Portfolio = first.portfolio;
  logger.info('profile loaded', { file, revision: portfolio.revision, ...countSections(portfolio.profile) });
  let watcher: FSWatcher | undefined;
  let watching = false;
  let timer: NodeJS.Timeout | undefined;
  let reloading: Promise<boolean> | undefined;

  async function reload(): Promise<boolean> {
    const next = await loadSafely(load, file);
    if (!next.portfolio) {
      for (const problem of next.problems) logger.error('profile reload rejected; still serving the last good profile', { problem });
      return false;
    }
    if (next.portfolio.revision === portfolio.revision) return false;
    portfolio = next.portfolio;
    logger.info('profile reloaded', { file, revision: portfolio.revision, ...countSections(portfolio.profile) });
    return true;
  }

  // One reload at a time; a request that arrives during one runs once more
  // after it, so a save landing mid-reload is never missed.
  let again = false;
  const reloadOnce = (): Promise<boolean> => {
    if (reloading) {
      again = true;
      return reloading;
    }
    reloading = reload().finally(() => {
      reloading = undefined;
      if (again) {
        again = false;
        reloadInBackground();
      }
    });
    return reloading;
  };
  const reloadInBackground = () => {
    reloadOnce().catch((error: unknown) =>
      logger.error('profile reload failed; still serving the last good profile', { error: describeUnexpected(error) }),
    );
  };

  return {
    current: () => portfolio,
    reload: reloadOnce,
    watch(debounceMs = 150) {
      if (watching) return;
      watching = true;
      const schedule = () => {
        clearTimeout(timer);
        timer = setTimeout(reloadInBackground, debounceMs);
        timer.unref();
      };
      // Editors save by rename as often as by write: a rename ends the watch on
      // the old file, so watch the new one at once and reload to catch any
      // change made in between.
      const arm = (rearm: boolean) => {
        if (!watching) return;
        try {
          watcher = watch(file, { persistent: false }, (event) => {
            schedule();
            if (event === 'rename') {
              watcher?.close();
              watcher = undefined;
              setTimeout(() => arm(true), 20).unref();
            }
          });
          if (rearm) schedule();
        } catch (error) {
          // The file is briefly missing mid-save, or gone: try again shortly.
          if (!rearm) logger.warn('cannot watch the profile for changes yet', { file, error: (error as Error).message });
          setTimeout(() => arm(true), 200).unref();
        }
      };
      arm(false);
    },
    stopWatching() {
      watching = false;
      clearTimeout(timer);
      watcher?.close();
      watcher = undefined;
    },
  };
}

/** `load`, with any failure (a bug, a worker that died) turned into one printable problem. */
async function loadSafely(load: (file: string) => Promise<LoadResult>, file: string): Promise<LoadResult> {
  try {
    return await load(file);
  } catch (error) {
    return describeLoadFailure(file, error);
  }
}
