// A member's update goes into the index in slices (src/community/prepare.ts, indexMember), the event loop
// turning between them so that a command arriving meanwhile waits for one slice, not the whole update.
// Whatever runs between two slices must find the member as they were or as they are now, never some of each;
// and a removal made meanwhile is made at once, and stays made once the update's last slice would have come.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCommunity, type Community } from '../src/community/community.js';
import { silentLogger } from '../src/log.js';
import type { CommunitySearch, PendingPut } from '../src/search/community.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { memberYaml } from './helpers/community.js';
import { shippedPortfolio } from './helpers/profile.js';

const GUILD = '300000000000000021';
const MAYA = '400000000000000021';
let community: Community;
let dir = '';
let search: CommunitySearch | undefined;
/** Each slice of the member's updates: how many reads had been made when it ran. */
const slices: number[] = [];
let reads = 0;

/** Sixty projects, each with thirty words of its own, all marked with the version ("alphaw3n7"): about 1 800 words. */
const maya = (version: string) =>
  memberYaml({
    name: 'Maya',
    projects: Array.from({ length: 60 }, (_, i) => ({
      id: `p${i}`,
      name: `Kernel ${i}`,
      summary: `${version} ${Array.from({ length: 30 }, (_, j) => `${version}w${i}n${j}`).join(' ')}`,
      tags: ['graphs'],
    })),
  });

/** What a command running now finds of the member: their entries' versions, a search's, and each version's own word. */
function seen(): string {
  reads++;
  // The server's index (what portfolioFor gives while the server has members).
  const index = search ?? community.portfolioFor(GUILD).community!.search;
  const version = (summary: string) => summary.split(' ')[0];
  return JSON.stringify({
    has: index.has(MAYA),
    entries: [
      ...new Set(
        index
          .entriesOf(MAYA)
          .filter((entry) => entry.doc.section === 'projects')
          .map((entry) => version(entry.doc.summary)),
      ),
    ],
    count: index.countOf(MAYA),
    hits: [...new Set(index.search('graphs', { member: MAYA, limit: 100 }).map((hit) => version(hit.entry.doc.summary)))],
    words: ['alpha', 'beta', 'gamma'].map((each) => index.search(`${each}w7n3`).length),
    member: community.member(GUILD, MAYA)?.portfolio.profile.projects[0]?.summary.split(' ')[0] ?? null,
  });
}
const found = (version: 'alpha' | 'beta') =>
  JSON.stringify({
    has: true,
    entries: [version],
    // The sixty projects, and two entries of what every profile has.
    count: 62,
    hits: [version],
    words: [version === 'alpha' ? 1 : 0, version === 'beta' ? 1 : 0, 0],
    member: version,
  });
const gone = JSON.stringify({ has: false, entries: [], count: 0, hits: [], words: [0, 0, 0], member: null });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'portfolio-sliced-'));
  const store = await openSqliteStore(join(dir, 'portfolio.db'));
  const owner = await shippedPortfolio();
  community = await openCommunity({ store, owner: () => owner, logger: silentLogger });
  expect((await community.submitText(GUILD, { id: MAYA, name: 'Maya' }, maya('alpha'), 'maya.yaml')).ok).toBe(true);
  // The server's index, its puts counted slice by slice.
  const index = community.portfolioFor(GUILD).community!.search;
  search = index;
  const begin = index.beginPut.bind(index);
  index.beginPut = (...args) => {
    const pending = begin(...args);
    return {
      get state() {
        return pending.state;
      },
      step(words?: number) {
        slices.push(reads);
        return pending.step(words);
      },
    } satisfies PendingPut;
  };
});
afterAll(async () => {
  await community?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('a member replaced in slices is found as before until the last slice, and as now from it on', async () => {
  expect(seen()).toBe(found('alpha'));
  slices.length = 0;
  let saved = false;
  const saving = community.submitText(GUILD, { id: MAYA, name: 'Maya' }, maya('beta'), 'maya.yaml').then((outcome) => {
    saved = true;
    return outcome;
  });
  const observed: string[] = [];
  while (!saved) {
    observed.push(seen());
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(await saving).toMatchObject({ ok: true, entries: 62, replaced: true });
  observed.push(seen());
  // Several slices, and reads between every two of them.
  expect(slices.length).toBeGreaterThanOrEqual(3);
  for (let i = 1; i < slices.length; i++) expect(slices[i]!).toBeGreaterThan(slices[i - 1]!);
  // Every read found the member whole, as before, then (from the last slice on) as now.
  const kinds = observed.map((each) => (each === found('alpha') ? 'before' : each === found('beta') ? 'now' : each));
  expect(kinds.join(' ')).toMatch(/^(before )+(now )*now$/);
  expect(kinds.slice(0, slices.length).every((kind) => kind === 'before')).toBe(true);
});

it('a removal made while an update is under way is made at once, and the update does not bring the member back', async () => {
  slices.length = 0;
  const saving = community.submitText(GUILD, { id: MAYA, name: 'Maya' }, maya('gamma'), 'maya.yaml');
  // Once the update has put some of its words in (and not all).
  while (slices.length < 2) {
    expect(seen()).toBe(found('beta'));
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(await community.remove(GUILD, MAYA)).toBe(true);
  expect(seen()).toBe(gone);
  expect(await saving).toMatchObject({ ok: true });
  for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
  expect(seen()).toBe(gone);
});
