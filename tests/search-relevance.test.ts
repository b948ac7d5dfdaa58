// The relevance specification: what people type, and what must come first.
// Every query is its own test and every one must rank its entry first; every
// nonsense query must find nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearch, type ProfileSearch } from '../src/search/index.js';
import { shippedPortfolio } from './helpers/profile.js';
import { NONSENSE, SPEC } from './fixtures/relevance.js';

let search: ProfileSearch;
const ranks: (number | null)[] = [];

beforeAll(async () => {
  search = createSearch((await shippedPortfolio()).profile);
});

afterAll(() => {
  const top1 = ranks.filter((r) => r === 1).length / ranks.length;
  const mrr = ranks.reduce<number>((sum, r) => sum + (r ? 1 / r : 0), 0) / ranks.length;
  console.log(
    `relevance: ${SPEC.length} queries, top-1 accuracy ${(top1 * 100).toFixed(1)} %, MRR ${mrr.toFixed(3)}; ${NONSENSE.length} nonsense queries`,
  );
});

describe('relevance specification', () => {
  it('has at least 60 queries with an expected first result and 10 nonsense queries', () => {
    expect(SPEC.length).toBeGreaterThanOrEqual(60);
    expect(NONSENSE.length).toBeGreaterThanOrEqual(10);
  });

  it.each(SPEC)('%j ranks %s first (%s)', (query, expected) => {
    const hits = search.search(query, { limit: 10 }).map((hit) => `${hit.section}/${hit.id}`);
    const rank = hits.indexOf(expected) + 1;
    ranks.push(rank || null);
    expect(hits[0], `rank ${rank || 'none'}; top three: ${hits.slice(0, 3).join(', ')}`).toBe(expected);
  });

  it.each(NONSENSE)('returns nothing for %j', (query) => {
    expect(search.search(query)).toEqual([]);
  });
});
