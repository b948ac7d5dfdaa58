// Per-user cooldown: a burst of `limit` actions per `windowSeconds`, then a
// short wait. Sliding window of timestamps per user; memory stays bounded
// (expired users are swept, and the map never holds more than `maxUsers`).

export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number };
/** What the transports ask before a command, a press or a message (not autocomplete). */
export type Throttle = (userId: string) => Verdict;

export interface Cooldown {
  take: Throttle;
  size(): number;
}

/** What a user is told when the throttle stops them; undefined when it lets them through. */
export function slowDownMessage(throttle: Throttle | undefined, userId: string): string | undefined {
  const verdict = throttle?.(userId);
  return verdict && !verdict.ok ? `Slow down a little: try again in ${verdict.retryAfterSeconds} s.` : undefined;
}

export function createCooldown(options: { limit: number; windowSeconds: number; maxUsers?: number; now?: () => number }): Cooldown {
  const { limit } = options;
  const windowMs = options.windowSeconds * 1000;
  const maxUsers = options.maxUsers ?? 10_000;
  const now = options.now ?? Date.now;
  const stamps = new Map<string, number[]>();
  let calls = 0;

  function sweep(at: number): void {
    for (const [user, list] of stamps) if ((list[list.length - 1] ?? 0) <= at - windowMs) stamps.delete(user);
  }

  return {
    take(userId) {
      if (windowMs <= 0) return { ok: true };
      const at = now();
      if (++calls % 256 === 0 || stamps.size >= maxUsers) sweep(at);
      const list = (stamps.get(userId) ?? []).filter((stamp) => stamp > at - windowMs);
      if (list.length >= limit) {
        stamps.set(userId, list);
        const retry = Math.max(1, Math.ceil(((list[0] ?? at) + windowMs - at) / 1000));
        return { ok: false, retryAfterSeconds: retry };
      }
      list.push(at);
      stamps.delete(userId); // re-insert: the map's order is then least recently active first
      if (stamps.size >= maxUsers) {
        const oldest = stamps.keys().next().value;
        if (oldest !== undefined) stamps.delete(oldest);
      }
      stamps.set(userId, list);
      return { ok: true };
    },
    size: () => stamps.size,
  };
}
