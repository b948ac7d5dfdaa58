// npm run bench:community: the search over every profile of one server
// (src/search/community.ts) at the scale of issue #17 — 1 000 members × 50
// entries — against its targets: search and autocomplete p99 < 5 ms, adding,
// replacing or removing one member < 10 ms without a rebuild. Prints those beside
// a full rebuild of the index (and the ratio) and the memory it holds per 10 000
// entries.
//
// The machine it runs on may be shared, so wall-clock percentiles are noisy:
// every operation is also timed in CPU time (process.cpuUsage: this process's
// threads, the GC's included), the load average is printed, and the timed part
// runs several times (--runs N, 3 by default) with the median of each figure
// printed. The members are synthetic (tests/helpers/synthetic-server.ts): 50
// projects each, words drawn from the shipped profile's plus 20 000 made-up
// ones, skewed so that some are common across the server and most are rare.
// Run with --expose-gc for the memory figure (the npm script does).
// --quick: 200 members, fewer queries.
//
// Updates are timed twice. "put" is the index's own update given a parsed profile,
// all on this thread (what the earlier passes measured). "bot" is the bot's own
// path (src/community/prepare.ts, what /portfolio submit, `community add` and the
// change feed go through): the member's YAML document is parsed, validated and
// tokenized in the worker thread, then put into the index here. For that path the
// bench prints this thread's share (taking the prepared member off the port,
// deserializing it, the index update: what holds up every other command) and the
// whole latency from the document to the updated index, worker included (its CPU
// figure is the process's, both threads).
//
// "mixed" rows: searches, /who and autocompletes arriving at a steady rate while members are updated through the
// bot's path, each timed from its arrival to its answer, so that the wait for an update or a collection on this
// thread is in the figure. Twice: with the worker preparing during the stream, and with every document prepared
// before it (this thread's own work alone).
import { loadavg } from 'node:os';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { stringify } from 'yaml';
import type { Profile } from '../src/profile/schema.js';
import type { MemberPortfolio } from '../src/bot/types.js';
import { createPreparer, indexMember, memberPortfolio, PREPARE_WORKER, type PreparedMember } from '../src/community/prepare.js';
import { createCommunitySearch, prepareProfile, type CommunitySearch, type PreparedProfile } from '../src/search/community.js';
import { loadedPortfolio, SHIPPED_PROFILE } from '../tests/helpers/profile.js';
import { syntheticServer } from '../tests/helpers/synthetic-server.js';
import { schedulingNote } from './scheduling.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const runsAt = argv.indexOf('--runs');
const RUNS = runsAt >= 0 ? Math.max(1, Number(argv[runsAt + 1]) || 1) : 3;
const MEMBERS = quick ? 200 : 1000;
const ENTRIES = 50;
const ROUNDS = quick ? 500 : 2000;
const UPDATES = quick ? 100 : 200;

const base = (await loadedPortfolio(SHIPPED_PROFILE)).profile;
const server = syntheticServer(base, 17);
const profiles: Profile[] = Array.from({ length: MEMBERS }, (_, m) => server.memberProfile(m, ENTRIES));
const owner = (m: number) => ({ id: String(100_000_000_000_000_000n + BigInt(m)), name: `Member ${m}` });
// The members' documents, as they would submit them (the synthetic profiles lack the links and about a document needs).
const documents = profiles.map((profile) =>
  stringify({ ...profile, identity: { ...profile.identity, links: base.identity.links }, about: base.about }),
);
const preparer = createPreparer(PREPARE_WORKER);
if (!preparer.offThread) throw new Error('the prepare worker is not built: run npx tsc -p tsconfig.json first');

/** Wall and CPU milliseconds of one call, and when it started (performance.now()). */
interface Sample {
  wall: number;
  cpu: number;
  at: number;
}
function measure(run: () => void): Sample {
  const cpu = process.cpuUsage();
  const at = performance.now();
  const start = process.hrtime.bigint();
  run();
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000, at };
}

// The garbage collector's pauses, to say how many of the slowest calls had one inside (they are part of the figures).
const pauses: { start: number; end: number }[] = [];
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) pauses.push({ start: entry.startTime, end: entry.startTime + entry.duration });
});
observer.observe({ entryTypes: ['gc'] });
/** Milliseconds of GC pause inside a call. */
function pausedIn(sample: Sample): number {
  let paused = 0;
  for (const pause of pauses) {
    const overlap = Math.min(pause.end, sample.at + sample.wall) - Math.max(pause.start, sample.at);
    if (overlap > 0) paused += overlap;
  }
  return paused;
}

interface Stats {
  p50: number;
  p99: number;
  max: number;
}
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1]! };
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const gc = (globalThis as { gc?: () => void }).gc;
/** Heap and array buffers (the postings live in typed arrays, off the JS heap when large). */
function memory(): number {
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

function build(): { index: CommunitySearch; sample: Sample } {
  const index = createCommunitySearch();
  const sample = measure(() => profiles.forEach((profile, m) => index.put(owner(m), profile)));
  return { index, sample };
}

const loadAtStart = loadavg()[0]!;
const before = memory();
let { index } = build();
const heldBytes = memory() - before;
const entries = index.size;
// Full rebuilds: the first (above) warmed the JIT; the median of three is the figure.
const rebuilds = [1, 2, 3].map(() => build().sample);
index = build().index;

const queries = server.queries(profiles, ROUNDS);
const prefixes = queries.map((query) => query.slice(0, 1 + Math.floor(server.rand() * Math.max(1, query.length - 1))));

/** The members' portfolios, as the community keeps them beside the index. */
const members = new Map<string, MemberPortfolio>();
/**
 * One update as the bot makes it (src/community/community.ts, apply): the document prepared in the
 * worker, then put in on this thread. `main` is this thread's share; `all` from the document to the index.
 */
async function botUpdate(
  who: { id: string; name: string },
  text: string,
): Promise<{ main: Sample; longest: Sample; slices: Sample[]; all: Sample }> {
  const cpu = process.cpuUsage();
  const at = performance.now();
  const start = process.hrtime.bigint();
  const open = await preparer.prepare(text, `${who.id}.yaml`);
  const slices = await putIn(who, open);
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { main: total(slices), longest: longest(slices), slices, all: { wall, cpu: (used.user + used.system) / 1000, at } };
}

/** The slices of an update together: this thread's whole share of it (not the event loop's turns between them). */
function total(slices: Sample[]): Sample {
  return slices.reduce((sum, slice) => ({ wall: sum.wall + slice.wall, cpu: sum.cpu + slice.cpu, at: sum.at }), {
    wall: 0,
    cpu: 0,
    at: slices[0]!.at,
  });
}
const longest = (slices: Sample[]): Sample => slices.reduce((most, slice) => (slice.wall > most.wall ? slice : most));

/**
 * This thread's share of an update, timed slice by slice: the prepared member taken off the port and put in as the
 * bot puts it (indexMember, the event loop turning between slices); the first slice is timed with the taking off.
 */
async function putIn(who: { id: string; name: string }, open: () => PreparedMember): Promise<Sample[]> {
  const slices: Sample[] = [];
  let member: PreparedMember | undefined;
  const opened = measure(() => (member = open()));
  if (!member?.loaded) throw new Error(member?.problems.join('\n'));
  const { loaded, format } = member;
  const putting = indexMember(index, who, member.tokens, member.documents, {
    each: (slice) => {
      let done = false;
      slices.push(measure(() => (done = slice())));
      return done;
    },
    onPut: () => members.set(who.id, { owner: who, portfolio: memberPortfolio(loaded), format, updatedAt: 0 }),
  });
  // The first slice ran in the call, right after the answer was taken: one stretch of this thread's.
  slices[0] = { wall: opened.wall + slices[0]!.wall, cpu: opened.cpu + slices[0]!.cpu, at: opened.at };
  await putting;
  return slices;
}

function timeEach(inputs: string[], run: (input: string) => void): Sample[] {
  for (const input of inputs.slice(0, 200)) run(input);
  return inputs.map((input) => measure(() => run(input)));
}

type Operation =
  | 'search'
  | 'who'
  | 'suggest'
  | 'replace'
  | 'prepare'
  | 'apply'
  | 'add'
  | 'remove'
  | 'replaceTurning'
  | 'addTurning'
  | 'botReplace'
  | 'botReplaceSlice'
  | 'botReplaceAll'
  | 'botAdd'
  | 'botAddSlice'
  | 'botAddAll'
  | 'botRemove'
  | 'mixed'
  | 'mixedReady';
const LABELS: Record<Operation, [string, number | undefined]> = {
  search: [`search (${ROUNDS} queries, top 25)`, 5],
  who: ['search, top 100 (/who)', 5],
  suggest: [`autocomplete (${ROUNDS} prefixes)`, 5],
  replace: ['replace one member (put)', 10],
  prepare: ['  of which tokenizing (prepare)', undefined],
  apply: ['  of which the index update', undefined],
  add: ['add one member (put)', 10],
  remove: ['remove one member', 10],
  replaceTurning: ['replace (put), loop turning', 10],
  addTurning: ['add (put), loop turning', 10],
  botReplace: ['bot: replace, main thread', 10],
  botReplaceSlice: ['  its longest slice', undefined],
  botReplaceAll: ['bot: replace, document to index', undefined],
  botAdd: ['bot: add, main thread', 10],
  botAddSlice: ['  its longest slice', undefined],
  botAddAll: ['bot: add, document to index', undefined],
  botRemove: ['bot: remove one member', 10],
  mixed: ['mixed: search while updating', 5],
  mixedReady: ['mixed, documents prepared before', 5],
};
const runs: { load: number; samples: Record<Operation, Sample[]> }[] = [];
/** When each run's loop of puts with the event loop turning began and ended. */
const turningPhases: { start: number; end: number }[] = [];
const turn = () => new Promise((resolve) => setImmediate(resolve));
/** When each run's loop of the bot's updates began and ended (performance.now()). */
const botPhases: { start: number; end: number }[] = [];
/** The same for the mixed stream, and how many updates it made. */
const mixedPhases: { start: number; end: number }[] = [];
let mixedUpdates = 0;
/** This thread's share of each update made during the mixed stream (when it started, how long it took). */
const mixedApplies: Sample[] = [];

/** Searches a second in the mixed stream, and one update (through the bot's path) every UPDATE_EVERY of them. */
const MIXED_RATE = 500;
const UPDATE_EVERY = 20;
const MIXED_SEARCHES = quick ? 1000 : 3000;
/**
 * Searches, /who and autocompletes arriving at a steady rate while members are updated as the bot updates them
 * (the worker prepares, this thread puts in), each timed from when it arrived to its answer: the wait for an update
 * or a collection on this thread is in the figure, as a member of the server would see it.
 */
async function mixedStream(run: number, ready: boolean): Promise<Sample[]> {
  const samples: Sample[] = [];
  // `ready`: every document prepared before the stream starts (the worker idle during it), so that what the searches
  // wait for is this thread's own work: the updates put in, and its collections.
  const prepared: { m: number; open: () => PreparedMember }[] = [];
  if (ready) {
    const asked = Array.from({ length: Math.ceil(MIXED_SEARCHES / UPDATE_EVERY) }, () => {
      const m = Math.floor(server.rand() * MEMBERS);
      return { m, opening: preparer.prepare(documents[(m + 3) % MEMBERS]!, `${m}.yaml`) };
    });
    for (const { m, opening } of asked) prepared.push({ m, open: await opening });
  }
  const interval = 1000 / MIXED_RATE;
  const start = performance.now();
  let updates = 0;
  let pending = 0;
  for (let i = 0; i < MIXED_SEARCHES; i++) {
    const arrival = start + i * interval;
    // The event loop turns until the search arrives (prepared members are put in, scheduled collections run meanwhile),
    // asleep for most of the wait so that the worker has a core, then turning until the moment.
    for (let left = arrival - performance.now(); left > 0; left = arrival - performance.now()) {
      await new Promise((resolve) => (left > 1.5 ? setTimeout(resolve, Math.floor(left - 1)) : setImmediate(resolve)));
    }
    if (ready && i % UPDATE_EVERY === 0) {
      const { m, open } = prepared[i / UPDATE_EVERY]!;
      const added = updates % 2 === 1;
      const who = added ? owner(MEMBERS + 20 * RUNS * UPDATES + run * MIXED_SEARCHES + i) : owner(m);
      updates++;
      pending++;
      void putIn(who, open).then((slices) => {
        mixedApplies.push(...slices);
        if (added) {
          // Removed at the next turn of the event loop, as a /portfolio remove would come.
          setImmediate(() => {
            index.remove(who.id);
            members.delete(who.id);
            pending--;
          });
        } else pending--;
      });
    } else if (!ready && i % UPDATE_EVERY === 0 && pending < 2) {
      const m = Math.floor(server.rand() * MEMBERS);
      const added = updates % 2 === 1;
      const who = added ? owner(MEMBERS + 10 * RUNS * UPDATES + run * MIXED_SEARCHES + i) : owner(m);
      pending++;
      updates++;
      void botUpdate(who, documents[(m + 3) % MEMBERS]!).then(({ slices }) => {
        mixedApplies.push(...slices);
        pending--;
        if (added) {
          index.remove(who.id);
          members.delete(who.id);
        }
      });
    }
    const query = queries[i % queries.length]!;
    const cpu = process.cpuUsage();
    if (i % 3 === 0) index.search(query, { limit: 25 });
    else if (i % 3 === 1) index.search(query, { limit: 100 });
    else index.suggest(prefixes[i % prefixes.length]!);
    const used = process.cpuUsage(cpu);
    samples.push({ wall: performance.now() - arrival, cpu: (used.user + used.system) / 1000, at: arrival });
  }
  while (pending > 0) await new Promise((resolve) => setImmediate(resolve));
  mixedPhases.push({ start, end: performance.now() });
  mixedUpdates += updates;
  return samples;
}

for (let run = 0; run < RUNS; run++) {
  const load = loadavg()[0]!;
  const samples = {} as Record<Operation, Sample[]>;
  samples.search = timeEach(queries, (query) => index.search(query, { limit: 25 }));
  samples.who = timeEach(queries, (query) => index.search(query, { limit: 100 }));
  samples.suggest = timeEach(prefixes, (prefix) => index.suggest(prefix));
  // Incremental updates: replace a member's profile (whole, and in its two halves), add a new member, remove one.
  for (const key of ['replace', 'prepare', 'apply', 'add', 'remove'] as const) samples[key] = [];
  for (let i = 0; i < UPDATES; i++) {
    const m = Math.floor(server.rand() * MEMBERS);
    samples.replace.push(measure(() => index.put(owner(m), profiles[(m + 1) % MEMBERS]!)));
    let prepared: PreparedProfile | undefined;
    samples.prepare.push(measure(() => (prepared = prepareProfile(profiles[(m + 2) % MEMBERS]!))));
    samples.apply.push(measure(() => index.putPrepared(owner(m), prepared!, profiles[(m + 2) % MEMBERS]!)));
    const added = owner(MEMBERS + run * UPDATES + i);
    samples.add.push(measure(() => index.put(added, profiles[m]!)));
    samples.remove.push(measure(() => index.remove(added.id)));
  }
  // The same updates again, the event loop turning before each (as a bot's commands and change-feed reads come,
  // each in its own turn): a young-generation collection V8 has scheduled then runs between them, not inside one.
  // The same calls timed the same way; the collections are this thread's all the same (printed apart below).
  samples.replaceTurning = [];
  samples.addTurning = [];
  const turningStart = performance.now();
  for (let i = 0; i < UPDATES; i++) {
    const m = Math.floor(server.rand() * MEMBERS);
    await turn();
    samples.replaceTurning.push(measure(() => index.put(owner(m), profiles[(m + 1) % MEMBERS]!)));
    await turn();
    const prepared = prepareProfile(profiles[(m + 2) % MEMBERS]!);
    await turn();
    index.putPrepared(owner(m), prepared, profiles[(m + 2) % MEMBERS]!);
    await turn();
    const added = owner(MEMBERS + 40 * RUNS * UPDATES + run * UPDATES + i);
    samples.addTurning.push(measure(() => index.put(added, profiles[m]!)));
    await turn();
    index.remove(added.id);
  }
  turningPhases.push({ start: turningStart, end: performance.now() });
  // The bot's path, in a loop of its own (the puts above allocate on this thread what the worker now does).
  for (const key of ['botReplace', 'botReplaceSlice', 'botReplaceAll', 'botAdd', 'botAddSlice', 'botAddAll', 'botRemove'] as const) {
    samples[key] = [];
  }
  if (run === 0) for (let i = 0; i < 20; i++) await botUpdate(owner(0), documents[0]!);
  const phaseStart = performance.now();
  for (let i = 0; i < UPDATES; i++) {
    const m = Math.floor(server.rand() * MEMBERS);
    const replaced = await botUpdate(owner(m), documents[(m + 1) % MEMBERS]!);
    samples.botReplace.push(replaced.main);
    samples.botReplaceSlice.push(replaced.longest);
    samples.botReplaceAll.push(replaced.all);
    const added = owner(MEMBERS + RUNS * UPDATES + run * UPDATES + i);
    const addition = await botUpdate(added, documents[m]!);
    samples.botAdd.push(addition.main);
    samples.botAddSlice.push(addition.longest);
    samples.botAddAll.push(addition.all);
    samples.botRemove.push(
      measure(() => {
        index.remove(added.id);
        members.delete(added.id);
      }),
    );
  }
  botPhases.push({ start: phaseStart, end: performance.now() });
  samples.mixed = await mixedStream(run, false);
  samples.mixedReady = await mixedStream(run, true);
  runs.push({ load, samples });
}
await preparer.close();

// Let the observer have the last pauses.
await new Promise((resolve) => setTimeout(resolve, 50));
observer.disconnect();

const fmt = (value: number) => value.toFixed(value < 10 ? 3 : 1).padStart(7);
/** The median over the runs of each percentile. */
function medianStats(operation: Operation, clock: keyof Sample): Stats {
  const each = runs.map((run) => stats(run.samples[operation].map((sample) => sample[clock])));
  return { p50: median(each.map((s) => s.p50)), p99: median(each.map((s) => s.p99)), max: median(each.map((s) => s.max)) };
}
const rebuildWall = median(rebuilds.map((sample) => sample.wall));
const rebuildCpu = median(rebuilds.map((sample) => sample.cpu));
const megabytes = (bytes: number) => (bytes / 1048576).toFixed(1);

console.log(`community index: ${MEMBERS} members x ${ENTRIES} projects = ${entries} entries, ${server.words.length} words to draw from`);
console.log(
  `load average ${loadAtStart.toFixed(1)} at the start; ${runs.map((run) => run.load.toFixed(1)).join(', ')} at the start of each run; ` +
    `${loadavg()[0]!.toFixed(1)} at the end (Node ${process.version})`,
);
console.log(schedulingNote());
console.log(`full rebuild (median of 3)          wall ${fmt(rebuildWall)} ms  cpu ${fmt(rebuildCpu)} ms`);
console.log(
  gc
    ? `memory held by the index             ${megabytes(heldBytes)} MB, ${megabytes((heldBytes / entries) * 10_000)} MB per 10 000 entries`
    : 'memory: run with --expose-gc (npm run bench:community does) for the memory figure',
);
console.log(`per operation, median over ${RUNS} run(s) of each figure; target on the p99:`);
console.log(`${''.padEnd(34)} ${'wall p50'.padStart(10)} ${'p99'.padStart(10)} ${'max'.padStart(10)}   cpu p50 ${'p99'.padStart(10)}`);
for (const operation of Object.keys(LABELS) as Operation[]) {
  const [label, target] = LABELS[operation];
  const wall = medianStats(operation, 'wall');
  const cpu = medianStats(operation, 'cpu');
  const verdict = (p99: number) => (target === undefined ? '' : p99 < target ? 'met' : 'MISSED');
  console.log(
    `${label.padEnd(34)} ${fmt(wall.p50)} ms ${fmt(wall.p99)} ms ${fmt(wall.max)} ms  ${fmt(cpu.p50)} ms ${fmt(cpu.p99)} ms` +
      (target === undefined ? '' : `  < ${target} ms: wall ${verdict(wall.p99)}, cpu ${verdict(cpu.p99)}`),
  );
}
console.log('the slowest 1% of each update (wall), over all runs: how many had a GC pause inside, and how long the pauses were:');
for (const operation of [
  'replace',
  'prepare',
  'apply',
  'add',
  'remove',
  'replaceTurning',
  'addTurning',
  'botReplace',
  'botAdd',
  'botRemove',
] as const) {
  const all = runs.flatMap((run) => run.samples[operation]).sort((a, b) => b.wall - a.wall);
  const slowest = all.slice(0, Math.max(1, Math.ceil(all.length / 100)));
  const paused = slowest.map(pausedIn).filter((ms) => ms > 0);
  console.log(
    `  ${LABELS[operation][0].trim().padEnd(32)} ${paused.length} of ${slowest.length}` +
      (paused.length ? `, pauses ${fmt(Math.min(...paused)).trim()}–${fmt(Math.max(...paused)).trim()} ms` : ''),
  );
}
{
  const turningPauses = pauses.filter((pause) => turningPhases.some((phase) => pause.start >= phase.start && pause.end <= phase.end));
  const inPut = runs
    .flatMap((run) => [...run.samples.replaceTurning, ...run.samples.addTurning])
    .filter((sample) => pausedIn(sample) > 0).length;
  const each = stats(turningPauses.map((pause) => pause.end - pause.start));
  console.log(
    `GC pauses of the main thread during the puts with the loop turning, over all runs: ${turningPauses.length} ` +
      (turningPauses.length ? `(${inPut} inside a timed put), p50 ${fmt(each.p50).trim()} ms, max ${fmt(each.max).trim()} ms` : ''),
  );
}
// Between two of the bot's updates the event loop turns, and V8 runs a young-generation collection it has
// scheduled then rather than inside the next update: not in any update's figure, but the main thread's all the same.
const botPauses = pauses
  .filter((pause) => botPhases.some((phase) => pause.start >= phase.start && pause.end <= phase.end))
  .map((pause) => pause.end - pause.start);
const inside = runs
  .flatMap((run) => [...run.samples.botReplace, ...run.samples.botAdd, ...run.samples.botRemove])
  .filter((sample) => pausedIn(sample) > 0).length;
const pauseStats = stats(botPauses);
console.log(
  `GC pauses of the main thread during the bot's updates, over all runs: ${botPauses.length} ` +
    (botPauses.length
      ? `(${inside} of them inside an update), p50 ${fmt(pauseStats.p50).trim()} ms, max ${fmt(pauseStats.max).trim()} ms`
      : ''),
);
const mixedPauses = pauses
  .filter((pause) => mixedPhases.some((phase) => pause.start >= phase.start && pause.end <= phase.end))
  .map((pause) => pause.end - pause.start);
const mixedPauseStats = stats(mixedPauses);
console.log(
  `mixed stream: ${MIXED_SEARCHES} searches a run at ${MIXED_RATE}/s (search, /who, autocomplete in turn), ` +
    `one update every ${UPDATE_EVERY} (${Math.round(mixedUpdates / RUNS / 2)} a stream) through the bot's path; ` +
    `wall figures are from each search's ` +
    `arrival, its cpu figures the search's own; GC pauses of the main thread meanwhile: ${mixedPauses.length}` +
    (mixedPauses.length ? `, p50 ${fmt(mixedPauseStats.p50).trim()} ms, max ${fmt(mixedPauseStats.max).trim()} ms` : ''),
);
{
  const all = runs.flatMap((run) => [...run.samples.mixed, ...run.samples.mixedReady]).sort((a, b) => b.wall - a.wall);
  const slowest = all.slice(0, Math.max(1, Math.ceil(all.length / 100)));
  const overlaps = (sample: Sample, other: Sample) => other.at < sample.at + sample.wall && other.at + other.wall > sample.at;
  const paused = slowest.filter((sample) => pausedIn(sample) > 0).length;
  const updated = slowest.filter((sample) => mixedApplies.some((apply) => overlaps(sample, apply))).length;
  const neither = slowest.filter((sample) => pausedIn(sample) === 0 && !mixedApplies.some((apply) => overlaps(sample, apply))).length;
  console.log(
    `  the slowest 1% of both (${slowest.length}, ${fmt(slowest[slowest.length - 1]!.wall).trim()}–${fmt(slowest[0]!.wall).trim()} ms): ` +
      `${paused} waited on a GC pause, ${updated} on an update being put in, ${neither} on neither ` +
      '(this thread waiting for a core or its timer)',
  );
}
const update = medianStats('replace', 'cpu').p50;
console.log(
  `an update against a full rebuild (cpu p50): ${fmt(update).trim()} ms vs ${fmt(rebuildCpu).trim()} ms, ` +
    `1/${Math.round(rebuildCpu / update)} of a rebuild`,
);
