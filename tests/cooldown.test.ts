import { describe, expect, it } from 'vitest';
import { createCooldown } from '../src/bot/cooldown.js';

describe('createCooldown', () => {
  it('allows a burst, then asks to wait, then allows again', () => {
    let now = 0;
    const cooldown = createCooldown({ limit: 3, windowSeconds: 10, now: () => now });
    expect([1, 2, 3].map(() => cooldown.take('a').ok)).toEqual([true, true, true]);
    expect(cooldown.take('a')).toEqual({ ok: false, retryAfterSeconds: 10 });
    now = 4_000;
    expect(cooldown.take('a')).toEqual({ ok: false, retryAfterSeconds: 6 });
    now = 10_001;
    expect(cooldown.take('a')).toEqual({ ok: true });
  });

  it('keeps users apart', () => {
    const cooldown = createCooldown({ limit: 1, windowSeconds: 10, now: () => 0 });
    expect(cooldown.take('a').ok).toBe(true);
    expect(cooldown.take('a').ok).toBe(false);
    expect(cooldown.take('b').ok).toBe(true);
  });

  it('stays bounded in memory', () => {
    let now = 0;
    const cooldown = createCooldown({ limit: 5, windowSeconds: 1, maxUsers: 100, now: () => now });
    for (let i = 0; i < 10_000; i++) {
      now += 1;
      cooldown.take(`user-${i}`);
    }
    expect(cooldown.size()).toBeLessThanOrEqual(100);
  });

  it('is off with a zero window', () => {
    const cooldown = createCooldown({ limit: 1, windowSeconds: 0 });
    expect([1, 2, 3].map(() => cooldown.take('a').ok)).toEqual([true, true, true]);
  });
});
