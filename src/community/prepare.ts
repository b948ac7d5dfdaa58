// A member's document made ready for the index: parsed, validated and tokenized
// (prepareMember), which is nearly all of an update's work, and then put into a
// server's index (indexMember), which is all the serving thread has to do.
//
// The long-running bots and the command line prepare in one worker thread
// (./prepare-worker.ts, started on the first document): the YAML parse, the
// schema check and the tokenizer then neither hold the main thread's event loop
// (which answers every other command) nor leave their garbage in its heap, where
// each young-generation collection would land inside some command. What crosses
// is plain data: the profile and its tokens; the documents are built again here
// from the profile (sharing its strings) rather than sent as copies.
//
// The worker posts each answer on a port of its own and only its number on the
// usual channel: the answer is then taken off that port (and deserialized) when the
// caller opens it, so that the main thread's share of an update is one call that
// can be timed (scripts/bench-community.ts).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Portfolio } from '../bot/types.js';
import type { Profile } from '../profile/schema.js';
import type { CommunitySearch, DocumentsBytes, Owner, PendingPut } from '../search/community.js';
import { createSearch, type ProfileSearch } from '../search/index.js';
import type { PreparedMember, PreparedTokens, SharedProfile } from './prepare-member.js';

export type { PreparedMember, PreparedTokens, SharedProfile } from './prepare-member.js';

/** How many of a profile's words one slice of an update puts in (docs/performance.md, "Updates, seventh pass"). */
export const SLICE_WORDS = 512;

export interface IndexMemberOptions {
  /** Words a slice puts in (SLICE_WORDS). */
  words?: number;
  /** Runs each slice (the bench times them); the default runs it. */
  each?: (slice: () => boolean) => boolean;
  /** Called in the slice that makes the new entries the ones searched, so that nothing runs between the two. */
  onPut?: () => void;
}

/**
 * Puts a prepared member into a server's index (replacing what they had): the main thread's share of an update. In
 * slices, the event loop turning between them, so that a command arriving meanwhile waits for one slice, not for the
 * whole update; searches meanwhile find the member's old entries, and the new ones from the last slice on. False when
 * it was cancelled before its last slice (the member removed, or put in again, meanwhile).
 */
export async function indexMember(
  search: CommunitySearch,
  owner: Owner,
  tokens: PreparedTokens,
  documents: DocumentsBytes,
  options: IndexMemberOptions = {},
): Promise<boolean> {
  if (documents.ends.length !== tokens.entries.length) throw new Error('a prepared profile does not match its documents');
  const words = options.words ?? SLICE_WORDS;
  const each = options.each ?? ((slice) => slice());
  let pending: PendingPut | undefined;
  const slice = () => {
    pending ??= search.beginPut(owner, tokens, documents);
    const done = pending.step(words);
    if (done && pending.state === 'put') options.onPut?.();
    return done;
  };
  while (!each(slice)) await new Promise((resolve) => setImmediate(resolve));
  return pending!.state === 'put';
}

/**
 * A member's Portfolio. Its profile is made from its JSON when a command first reads it (a card, /ask over
 * their profile alone, /project member:…), and its own profile search after that: an update of the server's index
 * keeps the profile as bytes off the JavaScript heap, not as the thousands of objects a profile is, which the young
 * generation's collections would copy (docs/performance.md).
 */
export function memberPortfolio(shared: SharedProfile): Portfolio {
  const { json, revision, secrets } = shared;
  let profile: Profile | undefined;
  let search: ProfileSearch | undefined;
  const read = () => (profile ??= JSON.parse(new TextDecoder().decode(json)) as Profile);
  return {
    get profile() {
      return read();
    },
    revision,
    secrets,
    get search() {
      return (search ??= createSearch(read()));
    },
  };
}

export interface Preparer {
  /**
   * Prepares a document; resolves once it is ready, to a function that hands it over
   * (deserialized then, on the caller's thread). Answers come in the order asked.
   */
  prepare(text: string, filename: string): Promise<() => PreparedMember>;
  /** Whether documents are prepared in a worker thread. */
  readonly offThread: boolean;
  close(): Promise<void>;
}

/**
 * How long the worker may take over one document, and how much heap it may use (src/bot/load.ts has the
 * same); and how long it is kept once it has nothing to do.
 */
export const PREPARE_LIMITS = { timeoutMs: 15_000, maxOldGenerationSizeMb: 256, idleMs: 60_000 } as const;

export const PREPARE_WORKER = new URL('./prepare-worker.js', import.meta.url);

/**
 * `worker`: the worker's module, or undefined to prepare on this thread. A module that
 * is not there (the TypeScript sources under vitest) means this thread too.
 */
export function createPreparer(worker: URL | undefined): Preparer {
  if (!worker || !existsSync(fileURLToPath(worker))) {
    return {
      offThread: false,
      async prepare(text, filename) {
        // Imported here: the YAML parser and the schema load on the first document, not with the community.
        const { prepareMember } = await import('./prepare-member.js');
        const prepared = prepareMember(text, filename);
        return () => prepared;
      },
      close: () => Promise.resolve(),
    };
  }
  const workerUrl = worker;

  interface Pending {
    resolve: (open: () => PreparedMember) => void;
    text: string;
    filename: string;
  }
  let running: { worker: Worker; answers: MessagePort } | undefined;
  /** Documents sent and not answered yet, oldest first: the first is the one the worker is on. */
  const pending = new Map<number, Pending>();
  /** The time limit of the document the worker is on (a document waiting its turn is not timed). */
  let limit: NodeJS.Timeout | undefined;
  /** Answers taken off the port before their turn. */
  const early = new Map<number, PreparedMember>();
  let nextId = 0;

  function timeFirst() {
    clearTimeout(limit);
    limit = undefined;
    if (pending.size === 0) {
      // Idle: the worker's heap is given back after a while, and a new worker starts on the next document.
      const idle = running;
      limit = setTimeout(() => {
        if (running !== idle || pending.size > 0 || !idle) return;
        running = undefined;
        idle.answers.close();
        void idle.worker.terminate();
      }, PREPARE_LIMITS.idleMs);
      limit.unref();
      return;
    }
    limit = setTimeout(
      () => fail(`took longer than ${PREPARE_LIMITS.timeoutMs / 1000} s to read, so it was refused`),
      PREPARE_LIMITS.timeoutMs,
    );
    limit.unref();
  }

  function refuse(id: number, why: string) {
    const each = pending.get(id)!;
    pending.delete(id);
    const answer: PreparedMember = { problems: [`${each.filename}: ${why}`], total: 1 };
    each.resolve(() => answer);
  }

  /**
   * The document the worker is on is refused with `why` and the worker replaced: the documents after
   * it go to the new one, in order.
   */
  function fail(why: string) {
    const first = pending.keys().next();
    if (!first.done) refuse(first.value, why);
    if (running) {
      running.answers.close();
      void running.worker.terminate();
      running = undefined;
    }
    early.clear();
    if (pending.size > 0) {
      running = start();
      for (const [id, { text, filename }] of pending) running.worker.postMessage({ id, text, filename });
    }
    timeFirst();
  }

  function start() {
    const { port1, port2 } = new MessageChannel();
    const started = new Worker(workerUrl, {
      workerData: { answers: port2 },
      transferList: [port2],
      resourceLimits: { maxOldGenerationSizeMb: PREPARE_LIMITS.maxOldGenerationSizeMb },
    });
    started.unref();
    const current = { worker: started, answers: port1 };
    started.on('message', (id: number) => {
      const waiting = pending.get(id);
      if (!waiting || running !== current) return;
      pending.delete(id);
      timeFirst();
      waiting.resolve(() => take(current.answers, id));
    });
    started.on('error', (error) => {
      if (running !== current) return;
      const outOfMemory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      fail(
        outOfMemory
          ? `needed more than ${PREPARE_LIMITS.maxOldGenerationSizeMb} MB to read, so it was refused`
          : `could not be read: ${error.message}`,
      );
    });
    started.on('exit', (code) => {
      if (running === current) fail(`could not be read: the reader stopped (exit code ${code}) before answering`);
    });
    return current;
  }

  /** The answer numbered `id`, off the port (answers before it that nobody opened are kept for their turn). */
  function take(answers: MessagePort, id: number): PreparedMember {
    for (;;) {
      const kept = early.get(id);
      if (kept) {
        early.delete(id);
        return kept;
      }
      const received = receiveMessageOnPort(answers) as { message: { id: number; answer: PreparedMember } } | undefined;
      if (!received) return { problems: ['the prepared profile was lost'], total: 1 };
      early.set(received.message.id, received.message.answer);
    }
  }

  return {
    offThread: true,
    prepare(text, filename) {
      running ??= start();
      const id = nextId++;
      const { worker } = running;
      return new Promise((resolve) => {
        pending.set(id, { resolve, text, filename });
        if (pending.size === 1) timeFirst();
        worker.postMessage({ id, text, filename });
      });
    },
    async close() {
      const stopped = running;
      running = undefined;
      for (const id of [...pending.keys()]) refuse(id, 'could not be read: the bot is stopping');
      timeFirst();
      stopped?.answers.close();
      await stopped?.worker.terminate();
    },
  };
}
