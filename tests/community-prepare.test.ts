// Members' documents prepared in the worker thread (src/community/prepare.ts), as the
// long-running bots and the command line prepare them: the same index and answers
// as preparing on this thread, and no prepared document put in over a later removal.
// Runs the built worker (npm test builds first).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { openCommunity, type Community } from '../src/community/community.js';
import { createPreparer, indexMember, type Preparer } from '../src/community/prepare.js';
import { prepareMember } from '../src/community/prepare-member.js';
import { silentLogger } from '../src/log.js';
import type { Profile } from '../src/profile/schema.js';
import { createCommunitySearch } from '../src/search/community.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { Store } from '../src/store/types.js';
import { memberYaml } from './helpers/community.js';
import { loadedPortfolio, shippedPortfolio, SHIPPED_PROFILE } from './helpers/profile.js';
import { syntheticServer } from './helpers/synthetic-server.js';

const WORKER = new URL('../dist/src/community/prepare-worker.js', import.meta.url);

describe('the prepare worker', () => {
  let preparer: Preparer;
  beforeAll(() => {
    preparer = createPreparer(WORKER);
  });
  afterAll(() => preparer.close());

  it('prepares a document exactly as this thread does, and the index answers the same', async () => {
    expect(preparer.offThread).toBe(true);
    const base = (await loadedPortfolio(SHIPPED_PROFILE)).profile;
    const server = syntheticServer(base, 5);
    const profiles = Array.from({ length: 12 }, (_, m) => server.memberProfile(m, 8));
    const documents = profiles.map((profile) =>
      stringify({ ...profile, identity: { ...profile.identity, links: base.identity.links }, about: base.about }),
    );
    const here = createCommunitySearch();
    const there = createCommunitySearch();
    // Asked for all at once: the answers come back in order, each to its own document.
    const opens = documents.map((text, m) => preparer.prepare(text, `${m}.yaml`));
    for (const [m, text] of documents.entries()) {
      const owner = { id: String(m), name: `Member ${m}` };
      const inThread = prepareMember(text, `${m}.yaml`);
      const inWorker = (await opens[m]!)();
      expect(inWorker).toEqual(inThread);
      if (!inThread.loaded || !inWorker.loaded) throw new Error('a synthetic document did not load');
      here.put(owner, JSON.parse(new TextDecoder().decode(inThread.loaded.json)) as Profile);
      await indexMember(there, owner, inWorker.tokens, inWorker.documents);
    }
    for (const query of [...server.queries(profiles, 150), 'optimizers', 'graph kernels']) {
      const answer = (index: typeof here) =>
        index.search(query, { limit: 25 }).map((hit) => [hit.entry.owner.id, hit.entry.doc.id, hit.entry.doc.title, hit.score]);
      expect(answer(there)).toEqual(answer(here));
      expect(there.suggest(query.slice(0, 4))).toEqual(here.suggest(query.slice(0, 4)));
    }
  });

  it('answers a document that does not load with its problems, as this thread does', async () => {
    const text = 'version: 1\nsite: https://example.org\n';
    const inWorker = (await preparer.prepare(text, 'broken.yaml'))();
    expect(inWorker.loaded).toBeUndefined();
    expect(inWorker).toEqual(prepareMember(text, 'broken.yaml'));
  });
});

describe('a community preparing in the worker', () => {
  const GUILD = '300000000000000017';
  const MAYA = '400000000000000017';
  let community: Community;
  let store: Store;
  let dir = '';
  const maya = (summary: string) =>
    memberYaml({ name: 'Maya', projects: [{ id: 'kernels', name: 'Graph kernels', summary, tags: ['graphs'] }] });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portfolio-prepare-'));
    store = await openSqliteStore(join(dir, 'portfolio.db'));
    const owner = await shippedPortfolio();
    community = await openCommunity({ store, owner: () => owner, logger: silentLogger, offThread: { worker: WORKER } });
  });
  afterAll(async () => {
    await community?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const summaryOf = () => community.portfolioFor(GUILD).community?.search.entriesOf(MAYA)[0]?.doc.summary;

  it('saves and indexes a submitted document', async () => {
    const saved = await community.submitText(GUILD, { id: MAYA, name: 'Maya' }, maya('Kernels on graphs.'), 'maya.yaml');
    expect(saved).toMatchObject({ ok: true, replaced: false });
    expect(summaryOf()).toBe('Kernels on graphs.');
    expect(community.member(GUILD, MAYA)?.portfolio.search.search('kernels')[0]?.title).toBe('Graph kernels');
  });

  it('a removal made while the member is read again stays made', async () => {
    // Another process saved a new version: the change feed reads it again, and the member removes it meanwhile.
    const record = (await store.getMember(GUILD, MAYA))!;
    await store.putMember({ ...record, source: maya('Kernels, second version.'), updatedAt: record.updatedAt + 1 });
    const reading = community.refresh(GUILD, MAYA);
    expect(await community.remove(GUILD, MAYA)).toBe(true);
    await reading;
    expect(community.member(GUILD, MAYA)).toBeUndefined();
    expect(community.portfolioFor(GUILD).community?.search.has(MAYA) ?? false).toBe(false);
  });
});
