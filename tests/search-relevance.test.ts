// The relevance specification: what people type, and what must come first.
// Fails below 95 % top-1 accuracy, or on any answer to a nonsense query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearch, type ProfileSearch } from '../src/search/index.js';
import { shippedBot } from './helpers/profile.js';
import { NONSENSE, SPEC } from './fixtures/relevance.js';

let search: ProfileSearch;
const ranks: (number | null)[] = [];

beforeAll(async () => {
  search = createSearch((await shippedBot()).profile);
});

afterAll(() => {
  const top1 = ranks.filter((r) => r === 1).length / ranks.length;
  const mrr = ranks.reduce<number>((sum, r) => sum + (r ? 1 / r : 0), 0) / ranks.length;
  console.log(`relevance: ${SPEC.length} queries, top-1 accuracy ${(top1 * 100).toFixed(1)} %, MRR ${mrr.toFixed(3)}; ${NONSENSE.length} nonsense queries`);
});

describe('relevance specification', () => {
  it('has at least 60 queries with an expected first result and 10 nonsense queries', () => {
    expect(SPEC.length).toBeGreaterThanOrEqual(60);
    expect(NONSENSE.length).toBeGreaterThanOrEqual(10);
  });

  it('ranks the expected entry first for at least 95 % of the queries', () => {
    const misses: string[] = [];
    for (const [query, expected] of SPEC) {
      const hits = search.search(query, { limit: 10 }).map((hit) => `${hit.section}/${hit.id}`);
      const rank = hits.indexOf(expected) + 1;
      ranks.push(rank || null);
      if (rank !== 1) misses.push(`${query} → expected ${expected}, got [${hits.slice(0, 3).join(', ')}]`);
    }
    const accuracy = (SPEC.length - misses.length) / SPEC.length;
    if (misses.length > 0) console.log(`misses:\n${misses.join('\n')}`);
    expect(accuracy, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it.each(NONSENSE)('returns nothing for %j', (query) => {
    expect(search.search(query)).toEqual([]);
  });
});
