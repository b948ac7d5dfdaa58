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
  const seen = new Map<string, number>();
  // Arrival order in a ring: the oldest id is found in constant time. (Deleting
  // a Map's first entries and iterating it again from the start is not: the
  // deleted slots stay until the table is rebuilt, and each walk skips them.)
  const ringIds: string[] = new Array<string>(maxIds);
  const ringUntil = new Float64Array(maxIds);
  let head = 0;
  let count = 0;

  const dropOldest = (): void => {
    const id = ringIds[head]!;
    // The id may have come again since (after it went stale): only its own entry goes.
    if (seen.get(id) === ringUntil[head]) seen.delete(id);
    head = (head + 1) % maxIds;
    count--;
  };

  return {
    firstTime(id, until, now) {
      const known = seen.get(id);
      if (known !== undefined && known >= now) return false;
      while (count > 0 && (count >= maxIds || ringUntil[head]! < now)) dropOldest();
      const tail = (head + count) % maxIds;
      ringIds[tail] = id;
      ringUntil[tail] = until;
      count++;
      seen.set(id, until);
      return true;
    },
    get size() {
      return seen.size;
    },
  };
}
