// What an update of the community index (src/search/community.ts) leaves in V8's young generation.
// Each young-generation collection (scavenge) copies what is still reachable there, and its pause
// lands inside whatever update is running; what an update keeps there is what makes that pause long
// (docs/performance.md, "Updates, fourth pass"). Two ways it kept more than it needed: copies with
// spare room (a filtered array keeps room for 17), and records V8 had placed in the old generation
// because their kind mostly lives long, which, once dead (a member replaced or removed), kept the
// young arrays and strings they pointed to alive until the next full collection.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString, getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { openCommunity } from '../src/community/community.js';
import { parseMemberDocument } from '../src/community/parse.js';
import { silentLogger } from '../src/log.js';
import type { Profile } from '../src/profile/schema.js';
import { createCommunitySearch, prepareProfile } from '../src/search/community.js';
import { buildDocuments } from '../src/search/documents.js';
import { openSqliteStore } from '../src/store/sqlite.js';
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

describe("a member's profile kept by the community", () => {
  it('is kept as bytes off the heap, not as objects, and made into the same profile and documents when read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portfolio-young-'));
    const store = await openSqliteStore(join(dir, 'portfolio.db'));
    const owner = await shippedPortfolio();
    // As the long-running bots prepare them: in the built worker (npm test builds first), the member crossing to this thread.
    const worker = new URL('../dist/src/community/prepare-worker.js', import.meta.url);
    const community = await openCommunity({ store, owner: () => owner, logger: silentLogger, offThread: { worker } });
    try {
      const server = syntheticServer(base, 41, 300);
      const documents = Array.from({ length: 40 }, (_, m) => {
        const profile = server.memberProfile(m, 50);
        return stringify({ ...profile, identity: { ...profile.identity, links: base.identity.links }, about: base.about });
      });
      const guild = '300000000000000041';
      const id = (m: number) => `50000000000000${String(m).padStart(4, '0')}`;
      const submit = async (m: number) => {
        const saved = await community.submitText(guild, { id: id(m), name: `Member ${m}` }, documents[m]!, `${m}.yaml`);
        expect(saved.ok).toBe(true);
      };
      for (let m = 0; m < 10; m++) await submit(m);
      const heap = () => {
        collect();
        collect();
        return getHeapStatistics().used_heap_size;
      };
      const before = heap();
      for (let m = 10; m < 40; m++) await submit(m);
      const perMember = (heap() - before) / 30;
      // What the index keeps of a member's words and entries; the profile and its 50 documents, kept as objects, were
      // more than twice this (docs/performance.md, "Updates, sixth pass").
      expect(perMember).toBeLessThan(80 * 1024);
      // Read back as it was submitted: the profile, and the documents a search returns.
      const parsed = parseMemberDocument(documents[7]!, '7.yaml');
      if (!parsed.loaded) throw new Error('a synthetic document did not load');
      expect(community.member(guild, id(7))?.portfolio.profile).toEqual(parsed.loaded.profile);
      const search = community.portfolioFor(guild).community!.search;
      expect(search.entriesOf(id(7)).map((entry) => entry.doc)).toEqual(buildDocuments(parsed.loaded.profile));
      const hit = search.search(parsed.loaded.profile.projects[3]!.name, { limit: 1 })[0]!;
      expect([hit.entry.owner.id, hit.entry.doc]).toEqual([id(7), buildDocuments(parsed.loaded.profile)[3]]);
    } finally {
      await community.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
