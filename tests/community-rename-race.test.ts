// A member's new name is shown at once and stored in the background. A read of the
// store that lands before that write (a late change-feed notification of their
// submit, the background resync) must not put the old name back: under load the
// end-to-end test on Postgres saw /portfolio show under the old name right after
// /who had shown the new one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCommunity, type Community } from '../src/community/community.js';
import { silentLogger } from '../src/log.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { Store } from '../src/store/types.js';
import { memberYaml } from './helpers/community.js';
import { shippedPortfolio } from './helpers/profile.js';

const GUILD = '300000000000000009';
const RENA = '400000000000000009';
let community: Community;
let store: Store;
let dir = '';
/** Holds the store's renameMember until released: the write still in flight. */
let release: () => void = () => undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'portfolio-rename-race-'));
  store = await openSqliteStore(join(dir, 'portfolio.db'));
  const renameMember = store.renameMember.bind(store);
  const slow: Store = Object.assign(Object.create(store) as Store, {
    renameMember: async (guildId: string, memberId: string, name: string) => {
      await new Promise<void>((resolve) => (release = resolve));
      return renameMember(guildId, memberId, name);
    },
  });
  const owner = await shippedPortfolio();
  community = await openCommunity({ store: slow, owner: () => owner, logger: silentLogger });
});
afterAll(async () => {
  await community?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('a store read before the new name is written keeps the new name; once written, it is the stored one', async () => {
  const yaml = memberYaml({
    name: 'Profile Rena',
    projects: [{ id: 'graphs', name: 'Graph kernels', summary: 'Kernels.', tags: ['graphs'] }],
  });
  const saved = await community.submitText(GUILD, { id: RENA, name: 'Rena Before' }, yaml, 'rena.yaml');
  expect(saved.ok).toBe(true);
  community.noticeName(GUILD, { id: RENA, name: 'Rena After' });
  expect(community.member(GUILD, RENA)?.owner.name).toBe('Rena After');
  // The change feed reads the member while the rename is still in flight.
  await community.refresh(GUILD, RENA);
  expect(community.member(GUILD, RENA)?.owner.name).toBe('Rena After');
  release();
  const until = Date.now() + 5000;
  while ((await store.getMember(GUILD, RENA))?.memberName !== 'Rena After' && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect((await store.getMember(GUILD, RENA))?.memberName).toBe('Rena After');
  await community.refresh(GUILD, RENA);
  expect(community.member(GUILD, RENA)?.owner.name).toBe('Rena After');
});
