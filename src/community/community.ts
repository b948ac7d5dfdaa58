// The community showcase (issue #17): members' portfolios, per server, kept in
// the store (src/store/) and searched with the owner's through one index per
// server (./search.ts). It is what the /portfolio, /portfolio-mod and /who
// handlers reach the store through, and what gives every other command the
// Portfolio of the server it runs in.
//
// The store is the truth; the indexes follow it. A submit is saved first (it is
// answered "saved" only once durable), then put into this process's index at
// once; every other process on the same PostgreSQL learns of it through the
// store's change feed and reads the member back.
import type { Logger } from '../log.js';
import { type Attachment, type Invoker, type MemberPortfolio, type Portfolio, type SubmitInput, type SubmitOutcome } from '../bot/types.js';
import type { CommunityService, GuildCommunity } from '../bot/types.js';
import type { MemberRecord, Store } from '../store/types.js';
import { DEFAULT_FETCH_POLICY, fetchDocument, FetchError, type FetchPolicy } from './fetch.js';
import { createCommunitySearch, OWNER_ID, type CommunitySearch } from '../search/community.js';
import {
  createPreparer,
  indexMember,
  memberPortfolio,
  PREPARE_WORKER,
  type PreparedMember,
  type Preparer,
  type SharedProfile,
} from './prepare.js';

export interface CommunityOptions {
  store: Store;
  /** The owner's current Portfolio (it may be swapped by a reload). */
  owner: () => Portfolio;
  logger: Logger;
  fetchPolicy?: FetchPolicy;
  /**
   * Whether close() closes the store too (the default). False when the store is shared
   * (the bots give one store to the community and to insights, and close it last).
   */
  closeStore?: boolean;
  /** Submits a member may make per window, per server. */
  submitLimit?: { count: number; windowMs: number };
  now?: () => number;
  /**
   * Members' documents are parsed, validated and tokenized in a worker thread (./prepare.ts), and
   * only put into the index on this one: the long-running bots and the command line. Runs the
   * built worker (dist/), so not under vitest; `worker` names another module (the tests' build).
   */
  offThread?: boolean | { worker: URL };
}

/** How many problems a reply lists (the rest are counted). */
export const PROBLEMS_SHOWN = 10;

export interface Community extends CommunityService {
  /** The Portfolio for a command run in `guildId`: the owner's alone where no member has shared one. */
  portfolioFor(guildId: string | undefined): Portfolio;
  /** A member's own Portfolio in a server. */
  member(guildId: string, memberId: string): MemberPortfolio | undefined;
  /** Saves a document that is already text (the command line's `community add`). */
  submitText(guildId: string, member: { id: string; name?: string | undefined }, text: string, filename: string): Promise<SubmitOutcome>;
  /**
   * The name a member goes by now, from an interaction's member data in `guildId` (./display-name.ts,
   * cleaned): a member whose profile is shown under another name is shown under this one at once,
   * and it is stored in the background (other processes follow through the change feed). Nothing is
   * written when the name is unchanged, or the member has no profile here.
   */
  noticeName(guildId: string, member: Invoker): void;
  /** Reads a member again from the store (what the change feed calls). */
  refresh(guildId: string, memberId: string): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_SUBMIT_LIMIT = { count: 3, windowMs: 10 * 60 * 1000 };

interface Guild {
  search: CommunitySearch;
  members: Map<string, MemberPortfolio>;
  /** The Portfolio handed out, rebuilt after any change. */
  view?: Portfolio | undefined;
  /** The owner's Portfolio the index holds. */
  ownerIn?: Portfolio | undefined;
  version: number;
}

export async function openCommunity(options: CommunityOptions): Promise<Community> {
  const { store, logger } = options;
  const policy = options.fetchPolicy ?? DEFAULT_FETCH_POLICY;
  const limit = options.submitLimit ?? DEFAULT_SUBMIT_LIMIT;
  const now = options.now ?? Date.now;
  const offThread = options.offThread;
  const preparer: Preparer = createPreparer(offThread ? (offThread === true ? PREPARE_WORKER : offThread.worker) : undefined);
  const guilds = new Map<string, Guild>();
  /**
   * Names noticed and not yet stored, by guild and member: a change-feed read that lands before the
   * write (a submit's late notification, the background resync) must not put the old name back.
   */
  const pendingNames = new Map<string, string>();
  const memberKey = (guildId: string, memberId: string) => `${guildId}/${memberId}`;
  /**
   * Stored versions being put into the index (in slices), by guild and member: the change feed's notification of a
   * submit made here, or a resync, finds the member's old version in `members` meanwhile and must not put the same
   * version in again (which would cancel the put under way and make the submit wait for nothing).
   */
  const underway = new Map<string, { updatedAt: number; name: string }>();
  /**
   * Each member's changes, numbered in the order they were asked for: a document being prepared is
   * put in only if no change asked for after it (a removal, a save) was made meanwhile.
   */
  const tickets = new Map<string, { issued: number; made: number }>();
  const ticket = (guildId: string, memberId: string): number => {
    const key = memberKey(guildId, memberId);
    let known = tickets.get(key);
    if (!known) tickets.set(key, (known = { issued: 0, made: 0 }));
    return ++known.issued;
  };
  /** Whether the change numbered `number` is still the latest; it is made if so. */
  const makes = (guildId: string, memberId: string, number: number): boolean => {
    const known = tickets.get(memberKey(guildId, memberId))!;
    if (number < known.made) return false;
    known.made = number;
    return true;
  };

  function guild(guildId: string): Guild {
    let known = guilds.get(guildId);
    if (!known) guilds.set(guildId, (known = { search: createCommunitySearch(), members: new Map(), version: 0 }));
    return known;
  }

  function changed(known: Guild) {
    known.version++;
    known.view = undefined;
  }

  /** Prepares a stored record's document (off this thread when offThread). */
  function prepareRecord(record: MemberRecord): Promise<() => PreparedMember> {
    return preparer.prepare(record.source, `${record.memberId}.${record.format === 'json-resume' ? 'json' : 'yaml'}`);
  }

  /**
   * Puts a stored record into the index once its document is prepared; false (and a log line) when it
   * no longer loads, or when the member changed while it was prepared (a removal, a later record).
   */
  async function apply(record: MemberRecord, prepared = prepareRecord(record)): Promise<boolean> {
    const number = ticket(record.guildId, record.memberId);
    const member = (await prepared)();
    if (!member.loaded) {
      logger.warn('a stored member profile does not load; it is left out', { guild: record.guildId, member: record.memberId });
      return false;
    }
    if (!makes(record.guildId, record.memberId, number)) return false;
    return put(record, member);
  }

  /**
   * The main thread's share of an update: a prepared document into the index (in slices: indexMember) and the
   * members, the two in the same slice. False when a removal or a later update of the member came meanwhile.
   */
  async function put(record: MemberRecord, member: PreparedMember & { loaded: SharedProfile }): Promise<boolean> {
    const known = guild(record.guildId);
    const key = memberKey(record.guildId, record.memberId);
    const owner = { id: record.memberId, name: pendingNames.get(key) ?? record.memberName };
    const putting = { updatedAt: record.updatedAt, name: owner.name };
    underway.set(key, putting);
    try {
      return await indexMember(known.search, owner, member.tokens, member.documents, {
        onPut: () => {
          // A name noticed while the update was under way is the one shown.
          const name = pendingNames.get(key) ?? owner.name;
          const shown = name === owner.name ? owner : { id: record.memberId, name };
          if (shown !== owner) known.search.rename(shown);
          known.members.set(record.memberId, {
            owner: shown,
            portfolio: memberPortfolio(member.loaded),
            format: record.format,
            updatedAt: record.updatedAt,
          });
          changed(known);
        },
      });
    } finally {
      if (underway.get(key) === putting) underway.delete(key);
    }
  }

  function drop(guildId: string, memberId: string) {
    makes(guildId, memberId, ticket(guildId, memberId));
    const known = guilds.get(guildId);
    if (!known) return;
    known.search.remove(memberId);
    known.members.delete(memberId);
    changed(known);
  }

  for (const guildId of await store.listGuilds()) {
    // Every document of the server asked for at once: the worker prepares the next while this thread puts one in.
    const records = await store.listMembers(guildId);
    const prepared = records.map(prepareRecord);
    for (const [index, record] of records.entries()) await apply(record, prepared[index]);
  }

  /**
   * After the change feed missed changes: every member whose stored version differs
   * from the index's (saved, replaced or removed meanwhile) is read again, one by one
   * through refresh, so that a save made here while the listing ran is not undone.
   */
  async function resync(): Promise<number> {
    const stale = new Set<string>();
    const stored = new Set<string>();
    for (const guildId of await store.listGuilds()) {
      for (const record of await store.listMembers(guildId)) {
        const key = JSON.stringify([guildId, record.memberId]);
        stored.add(key);
        const current = guilds.get(guildId)?.members.get(record.memberId);
        if (current?.updatedAt !== record.updatedAt || current.owner.name !== record.memberName) stale.add(key);
      }
    }
    for (const [guildId, known] of guilds) {
      for (const memberId of known.members.keys()) {
        const key = JSON.stringify([guildId, memberId]);
        if (!stored.has(key)) stale.add(key);
      }
    }
    for (const key of stale) {
      const [guildId, memberId] = JSON.parse(key) as [string, string];
      await community.refresh(guildId, memberId);
    }
    return stale.size;
  }

  const stopListening = await store.onMemberChange(
    (change) => {
      community.refresh(change.guildId, change.memberId).catch((error: unknown) => {
        logger.error('could not read a changed member profile', { error: (error as Error).message });
      });
    },
    () => {
      resync().then(
        (changed) => logger.info('member change feed back after a cut: member profiles read again', { changed }),
        (error: unknown) => logger.error('could not read the member profiles again', { error: (error as Error).message }),
      );
    },
  );

  async function save(guildId: string, member: { id: string; name?: string | undefined }, text: string, filename: string) {
    // Prepared once: checked here, and what is put into the index once stored.
    const parsed = (await preparer.prepare(text, filename))();
    if (!parsed.loaded) {
      const shown = parsed.problems.slice(0, PROBLEMS_SHOWN);
      const more = parsed.total > shown.length ? `\n…and ${parsed.total - shown.length} more` : '';
      return {
        ok: false as const,
        message: `Your profile has ${count(parsed.total, 'problem')}, so it was not saved:\n${shown.join('\n')}${more}`,
      };
    }
    const before = await store.getMember(guildId, member.id);
    const at = now();
    const record: MemberRecord = {
      guildId,
      memberId: member.id,
      memberName: member.name?.trim() || parsed.loaded.name,
      format: parsed.format,
      source: text,
      createdAt: before?.createdAt ?? at,
      updatedAt: at,
    };
    await store.putMember(record);
    makes(guildId, member.id, ticket(guildId, member.id));
    // Searchable once this resolves (unless the member removed it, or saved again, meanwhile).
    await put(record, parsed);
    return { ok: true as const, entries: parsed.tokens.entries.length, replaced: before !== undefined };
  }

  const community: Community = {
    portfolioFor(guildId) {
      const owner = options.owner();
      const known = guildId === undefined ? undefined : guilds.get(guildId);
      if (!known || known.members.size === 0) return owner;
      if (known.ownerIn !== owner) {
        // The owner's profile was reloaded (or never indexed here): its entries are replaced like a member's.
        known.search.put({ id: OWNER_ID, name: owner.profile.identity.name }, owner.profile);
        known.ownerIn = owner;
        changed(known);
      }
      if (!known.view) {
        const secrets = [...owner.secrets, ...[...known.members.values()].flatMap((member) => member.portfolio.secrets)];
        const view: GuildCommunity = { guildId: guildId!, search: known.search, members: known.members };
        known.view = { ...owner, revision: `${owner.revision}+${known.version}`, secrets, community: view };
      }
      return known.view;
    },
    member: (guildId, memberId) => guilds.get(guildId)?.members.get(memberId),
    async submit(input: SubmitInput): Promise<SubmitOutcome> {
      // What is refused without fetching anything does not count against the limit: a member who forgot the
      // file, mistyped the address or attached too large a file has all their submits left.
      const refused = refusedAtOnce(input, policy);
      if (refused) return { ok: false, message: refused };
      // Counted in the store: the limit holds across restarts and across processes on one database.
      if (!(await store.takeSubmit(input.guildId, input.member.id, now(), limit))) {
        const minutes = Math.round(limit.windowMs / 60_000);
        return { ok: false, message: `You can submit ${count(limit.count, 'time')} every ${minutes} minutes; try again later.` };
      }
      let text: string;
      let filename: string;
      try {
        if (input.attachment) {
          filename = input.attachment.filename;
          text = await fetchAttachment(input.attachment, policy);
        } else if (input.url) {
          filename = new URL(input.url).pathname.split('/').pop() || 'profile';
          text = await fetchDocument(input.url, 'url', policy);
        } else {
          return { ok: false, message: 'Attach your profile file (file:) or give its https address (url:).' };
        }
      } catch (error) {
        if (error instanceof FetchError) return { ok: false, message: `Your profile could not be fetched: ${error.message}.` };
        if (error instanceof TypeError) return { ok: false, message: 'That is not a valid address: give a full https:// URL.' };
        throw error;
      }
      return save(input.guildId, input.member, text, filename);
    },
    submitText: (guildId, member, text, filename) => save(guildId, member, text, filename),
    async remove(guildId, memberId) {
      const removed = await store.removeMember(guildId, memberId);
      drop(guildId, memberId);
      return removed;
    },
    async exportOf(guildId, memberId) {
      const record = await store.getMember(guildId, memberId);
      return record && { source: record.source, format: record.format };
    },
    async report(report) {
      await store.addReport({ ...report, createdAt: now() });
    },
    reports: (guildId, max) => store.listReports(guildId, max),
    noticeName(guildId, member) {
      const name = member.name;
      const known = guilds.get(guildId);
      const current = known?.members.get(member.id);
      if (!name || !known || !current || current.owner.name === name) return;
      // Shown under the new name from this interaction on (the same entries: nothing is tokenized again).
      const owner = { id: member.id, name };
      known.search.rename(owner);
      known.members.set(member.id, { ...current, owner });
      changed(known);
      const key = memberKey(guildId, member.id);
      pendingNames.set(key, name);
      const settled = () => {
        if (pendingNames.get(key) === name) pendingNames.delete(key);
      };
      store.renameMember(guildId, member.id, name).then(
        (renamed) => {
          settled();
          if (renamed) logger.info('member name changed; stored', { guild: guildId, member: member.id });
        },
        (error: unknown) => {
          settled();
          logger.warn('could not store a member name; it is tried again when they next use the bot', {
            guild: guildId,
            member: member.id,
            error: (error as Error).message,
          });
          // Back to the stored name, so that their next interaction writes it again.
          community.refresh(guildId, member.id).catch(() => undefined);
        },
      );
    },
    async refresh(guildId, memberId) {
      const record = await store.getMember(guildId, memberId);
      const current = guilds.get(guildId)?.members.get(memberId);
      if (!record) drop(guildId, memberId);
      else {
        const name = pendingNames.get(memberKey(guildId, memberId)) ?? record.memberName;
        const putting = underway.get(memberKey(guildId, memberId));
        if (putting?.updatedAt === record.updatedAt && putting.name === name) return;
        if (current?.updatedAt !== record.updatedAt || current.owner.name !== name) await apply(record);
      }
    },
    async close() {
      await stopListening();
      await preparer.close();
      if (options.closeStore !== false) await store.close();
    },
  };
  // A change another process committed after the members were read above but before the feed
  // listened is in neither (PostgreSQL tells only live listeners): read once more now that it listens.
  resync().then(
    (stale) => {
      if (stale > 0) logger.info('member profiles changed while this process started: read again', { changed: stale });
    },
    (error: unknown) => logger.warn('could not read the member profiles again after start', { error: (error as Error).message }),
  );
  return community;
}

/** Why a submit is refused before anything is fetched, or undefined when it goes on. */
function refusedAtOnce(input: SubmitInput, policy: FetchPolicy): string | undefined {
  if (input.attachment) {
    if (input.attachment.size > policy.maxBytes) return `Your profile could not be fetched: ${tooLarge(policy)}.`;
    return undefined;
  }
  if (!input.url) return 'Attach your profile file (file:) or give its https address (url:).';
  if (!URL.canParse(input.url)) return 'That is not a valid address: give a full https:// URL.';
  return undefined;
}

function tooLarge(policy: FetchPolicy): string {
  return `it is larger than ${Math.round(policy.maxBytes / 1024)} KB`;
}

async function fetchAttachment(attachment: Attachment, policy: FetchPolicy): Promise<string> {
  if (attachment.size > policy.maxBytes) throw new FetchError(tooLarge(policy));
  return fetchDocument(attachment.url, 'attachment', policy);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
