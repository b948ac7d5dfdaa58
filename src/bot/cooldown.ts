// Per-user cooldown: a burst of `limit` actions per `windowSeconds`, then a
// short wait. Sliding window of timestamps per user; memory stays bounded
// (expired users are swept, and the map never holds more than `maxUsers`).

export interface Cooldown {
  take(userId: string): { ok: true } | { ok: false; retryAfterSeconds: number };
  size(): number;
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
