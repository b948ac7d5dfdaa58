// The community as the long-running bots open it: over the bot's store (its
// migrations run), every stored member indexed. A database that cannot be
// opened at start does not stop the bot (the owner's profile needs none): the
// community answers that member portfolios are unavailable right now while the
// store is tried again with backoff (src/store/retry.ts), and comes up once it
// opens and its member profiles have been read (a read that fails is tried again
// on the same schedule). The store is the bot's, shared with insights: the bot closes it, after
// the community and insights.
import { MEMBERS_UNAVAILABLE, UserError, type Portfolio } from '../bot/types.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { RetryingStore } from '../store/retry.js';
import type { Store } from '../store/index.js';
import type { Community } from './community.js';

/**
 * The bot's community: once the first try to open the store is over, it resolves
 * to a Community that is either open (the store opened) or, until the store opens,
 * unavailable: member commands then answer MEMBERS_UNAVAILABLE, and every other
 * command answers from the owner's profile alone.
 */
export async function openConfiguredCommunity(
  config: Config,
  owner: () => Portfolio,
  logger: Logger,
  store: RetryingStore,
  options: { noMembersYet?: boolean } = {},
): Promise<Community> {
  let open: Community | undefined;
  let closed = false;

  /** Reads every member profile into the community; throws when the database fails meanwhile (tried again then). */
  async function load(opened: Store): Promise<void> {
    // Loaded with the store, not before: a bot whose database is still to be created answers without them.
    const [{ openCommunity }, { DEFAULT_FETCH_POLICY }] = await Promise.all([import('./community.js'), import('./fetch.js')]);
    const community = await openCommunity({
      store: opened,
      owner,
      logger,
      closeStore: false,
      offThread: true,
      fetchPolicy: { ...DEFAULT_FETCH_POLICY, allowLoopback: config.FETCH_ALLOW_LOOPBACK },
    });
    if (closed) return void (await community.close());
    open = community;
    logger.info('member portfolios ready', { engine: opened.engine });
  }

  // Reading the profiles is part of the same retry as opening the store: a read that fails after
  // the database opened (a table locked or missing for a moment, a connection dropped) is tried
  // again with the same backoff, and member portfolios come up once it succeeds.
  const loading = store.keepTrying('member portfolios could not be read from the database; trying again', load);
  /** Over once the store's first try is over and, if it opened, its profiles are read (or have failed once). Never rejects. */
  const settling = (async () => {
    await store.firstTry;
    if (store.current()) await loading.firstTry;
  })();
  let settled = false;
  if (options.noMembersYet) {
    // A database that holds nothing yet (a SQLite file not created; the caller defers the store's first
    // try): there are no member profiles to read, so every server has the owner's portfolio alone until
    // the try is over, and what needs the database starts the try and waits for it.
    void settling.then(() => (settled = true));
  } else {
    // A database that opened at once: its profiles are read (or have failed once) before the bot answers.
    await settling;
    settled = true;
  }
  /** Runs `work` once the store's first try is over (starting it if it waits). */
  const afterFirstTry = <T>(work: () => Promise<T>): Promise<T> => {
    if (settled) return work();
    store.start();
    return settling.then(work);
  };

  // The owner's portfolio, marked: in a server, member commands say why there are no members.
  const unavailableViews = new WeakMap<Portfolio, Portfolio>();
  const unavailableView = (portfolio: Portfolio): Portfolio => {
    let view = unavailableViews.get(portfolio);
    if (!view) unavailableViews.set(portfolio, (view = { ...portfolio, membersUnavailable: true }));
    return view;
  };
  const ready = (): Community => {
    if (!open) throw new UserError(MEMBERS_UNAVAILABLE);
    return open;
  };

  return {
    portfolioFor(guildId) {
      if (open) return open.portfolioFor(guildId);
      return guildId === undefined || !settled ? owner() : unavailableView(owner());
    },
    member: (guildId, memberId) => open?.member(guildId, memberId),
    submit: (input) => afterFirstTry(() => ready().submit(input)),
    submitText: (guildId, member, text, filename) => afterFirstTry(() => ready().submitText(guildId, member, text, filename)),
    remove: (guildId, memberId) => afterFirstTry(() => ready().remove(guildId, memberId)),
    exportOf: (guildId, memberId) => afterFirstTry(() => ready().exportOf(guildId, memberId)),
    report: (report) => afterFirstTry(() => ready().report(report)),
    reports: (guildId, limit) => afterFirstTry(() => ready().reports(guildId, limit)),
    noticeName: (guildId, member) => open?.noticeName(guildId, member),
    refresh: async (guildId, memberId) => open?.refresh(guildId, memberId),
    async close() {
      closed = true;
      store.stop();
      await open?.close();
    },
  };
}
