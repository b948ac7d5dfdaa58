// What an update of the community index (src/search/community.ts) leaves in V8's young generation.
// Each young-generation collection (scavenge) copies what is still reachable there, and its pause
// lands inside whatever update is running; what an update keeps there is what makes that pause long
// (docs/performance.md, "Updates, fourth pass"). Two ways it kept more than it needed: copies with
// spare room (a filtered array keeps room for 17), and records V8 had placed in the old generation
// because their kind mostly lives long, which, once dead (a member replaced or removed), kept the
// young arrays and strings they pointed to alive until the next full collection.
import { setFlagsFromString, getHeapSpaceStatistics } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../src/profile/schema.js';
import { createCommunitySearch, prepareProfile } from '../src/search/community.js';
import { shippedPortfolio } from './helpers/profile.js';
import { syntheticServer } from './helpers/synthetic-server.js';

type Collect = (options?: { type?: 'major' | 'minor' }) => void;
let collect: Collect;
let base: Profile;

beforeAll(async () => {
  setFlagsFromString('--expose-gc');
  collect = runInNewContext('gc') as Collect;
  base = (await shippedPortfolio()).profile;
});

/** Bytes in the young generation after a scavenge: what survived it. */
function youngAfterScavenge(): number {
  collect({ type: 'minor' });
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')!.space_used_size;
}

describe('an update of the community index', () => {
  it('leaves little in the young generation once the index has settled, even for profiles replaced or removed', () => {
    const members = 400;
    const server = syntheticServer(base, 31, 5000);
    const profiles = Array.from({ length: members }, (_, m) => server.memberProfile(m, 50));
    const owner = (m: number) => ({ id: `5000000000000${String(m).padStart(5, '0')}`, name: `Member ${m}` });
    const index = createCommunitySearch();
    profiles.forEach((profile, m) => index.put(owner(m), profile));
    for (let round = 0; round < 100; round++) index.put(owner(round % members), profiles[(round * 7 + 1) % members]!);
    collect();
    youngAfterScavenge();
    const before = youngAfterScavenge();
    // Prepared and thrown away, and a member added and removed: nothing of these needs to stay.
    const rounds = 6;
    for (let round = 0; round < rounds; round++) {
      prepareProfile(profiles[(round * 13) % members]!);
      const added = owner(members + round);
      index.put(added, profiles[(round * 17) % members]!);
      index.remove(added.id);
    }
    const kept = (youngAfterScavenge() - before) / rounds;
    // 10 KB a round when this was written; 48 KB before.
    expect(kept).toBeLessThan(24 * 1024);
  });
});
