// Each interaction is answered once. A signed request stays valid for the whole
// timestamp window, so without this anyone who sees one (a proxy log, a
// captured request) could send it again and again inside the window: each copy
// would run the command again and spend the asker's cooldown.
//
// Only requests with a valid signature reach this, so only Discord can add ids:
// the bound is a safety net, not something an attacker can fill. An id is
// remembered until its timestamp can no longer pass the freshness check, after
// which a copy is refused for being stale anyway.

export const DEFAULT_MAX_REMEMBERED_IDS = 50_000;

export interface ReplayGuard {
  /**
   * True the first time `id` is seen (and remembers it until `until`, epoch
   * ms), false for a repeat. Forgets the oldest ids beyond the bound.
   */
  firstTime(id: string, until: number, now: number): boolean;
  /** How many ids are remembered now. */
  readonly size: number;
}

export function createReplayGuard(maxIds: number = DEFAULT_MAX_REMEMBERED_IDS): ReplayGuard {
  // Insertion order is arrival order: the front holds the oldest ids.
  const seen = new Map<string, number>();
  return {
    firstTime(id, until, now) {
      const known = seen.get(id);
      if (known !== undefined) {
        if (known >= now) return false;
        seen.delete(id);
      }
      for (const [oldest, expires] of seen) {
        if (expires >= now && seen.size < maxIds) break;
        seen.delete(oldest);
      }
      seen.set(id, until);
      return true;
    },
    get size() {
      return seen.size;
    },
  };
}
