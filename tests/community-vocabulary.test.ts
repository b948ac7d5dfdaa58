// The community index's vocabulary (src/search/vocabulary.ts): an open-addressed
// table of (hash, id) pairs whose deletions shift later pairs back, and an arena
// whose segments are used again once given up. Checked against a Map over long
// random histories, with hashes chosen to collide (every word of a run in a few
// home positions, runs that wrap around the table's end).
import { describe, expect, it } from 'vitest';
import { CAPACITY, CHUNK_BITS, CHUNK_MASK, hashOf, ROW, START, Vocabulary } from '../src/search/vocabulary.js';
import { mulberry32 } from './helpers/random.js';

describe('the vocabulary', () => {
  it('finds every word it holds and none it does not, through adds and deletes that collide and wrap', () => {
    for (const [seed, homes] of [
      [1, 3],
      [2, 40],
      [3, 1 << 20],
    ] as const) {
      const rand = mulberry32(seed);
      const vocabulary = new Vocabulary();
      const expected = new Map<string, number>();
      // A word's hash: one of a few values (so runs of collisions form), near the table's end too.
      const hashes = new Map<string, number>();
      const hash = (word: string) => {
        if (!hashes.has(word)) hashes.set(word, homes < 100 ? 1020 + Math.floor(rand() * homes) : hashOf(word));
        return hashes.get(word)!;
      };
      for (let step = 0; step < 6000; step++) {
        const word = `w${Math.floor(rand() * 1500)}`;
        const id = vocabulary.find(word, hash(word));
        expect(id).toBe(expected.get(word) ?? -1);
        if (id < 0) expected.set(word, vocabulary.add(word, hash(word)));
        else if (rand() < 0.6) {
          vocabulary.delete(id);
          expected.delete(word);
        }
        if (step % 500 === 0) {
          for (const [each, at] of expected) expect(vocabulary.find(each, hash(each))).toBe(at);
          for (let w = 0; w < 1500; w++) if (!expected.has(`w${w}`)) expect(vocabulary.find(`w${w}`, hash(`w${w}`))).toBe(-1);
        }
      }
      expect(vocabulary.size).toBe(expected.size);
      // Ids are given again once free: never more than were held at once.
      expect(vocabulary.words.length).toBeLessThanOrEqual(1500);
      expect(new Set(expected.values()).size).toBe(expected.size);
      for (const [each, at] of expected) expect(vocabulary.words[at]).toBe(each);
    }
  });

  it('gives segments that never overlap, using those given up again for the same size', () => {
    const vocabulary = new Vocabulary();
    const held: { start: number; capacity: number }[] = [];
    const rand = mulberry32(9);
    let reused = 0;
    for (let step = 0; step < 3000; step++) {
      if (held.length > 0 && rand() < 0.45) {
        const [gone] = held.splice(Math.floor(rand() * held.length), 1);
        vocabulary.giveUp(gone!.start, gone!.capacity);
        continue;
      }
      const needed = 1 + Math.floor(rand() ** 3 * 5000);
      const top = held.reduce((most, each) => Math.max(most, each.start + each.capacity), 0);
      const start = vocabulary.allocate(needed);
      const capacity = vocabulary.allocated;
      if (start < top) reused++;
      expect(capacity).toBeGreaterThanOrEqual(needed + (needed >> 1));
      expect(capacity & (capacity - 1)).toBe(0);
      // Within one chunk of the arena.
      expect((start & CHUNK_MASK) + capacity).toBeLessThanOrEqual(vocabulary.chunks[start >>> CHUNK_BITS]!.length);
      const overlapping = held.filter((other) => start + capacity > other.start && other.start + other.capacity > start);
      expect(overlapping).toEqual([]);
      held.push({ start, capacity });
    }
    expect(reused).toBeGreaterThan(100);
  });

  it('grows by adding chunks, never by copying the postings of a full one into a bigger array', () => {
    const vocabulary = new Vocabulary();
    const segments: { start: number; capacity: number }[] = [];
    const write = (segment: { start: number; capacity: number }, value: number) =>
      vocabulary.chunks[segment.start >>> CHUNK_BITS]!.fill(
        value,
        segment.start & CHUNK_MASK,
        (segment.start & CHUNK_MASK) + segment.capacity,
      );
    // Past the first chunk (grown while small), then three more.
    for (let i = 0; vocabulary.chunks.length < 2; i++) {
      segments.push({ start: vocabulary.allocate(20_000), capacity: vocabulary.allocated });
      write(segments.at(-1)!, i + 1);
    }
    const first = vocabulary.chunks[0]!;
    expect(first.length).toBe(1 << CHUNK_BITS);
    while (vocabulary.chunks.length < 5) {
      segments.push({ start: vocabulary.allocate(100_000), capacity: vocabulary.allocated });
      write(segments.at(-1)!, segments.length);
    }
    // The same array, holding what was written in it.
    expect(vocabulary.chunks[0]).toBe(first);
    segments.forEach((segment, i) => {
      const chunk = vocabulary.chunks[segment.start >>> CHUNK_BITS]!;
      const from = segment.start & CHUNK_MASK;
      expect([chunk[from], chunk[from + segment.capacity - 1]]).toEqual([i + 1, i + 1]);
    });
  });

  it("keeps a word's row zeroed but for its hash until postings are given, and frees the segment with the word", () => {
    const vocabulary = new Vocabulary();
    const id = vocabulary.add('graph', hashOf('graph'));
    expect([...vocabulary.rows.subarray(id * ROW, id * ROW + 5)]).toEqual([0, 0, 0, 0, 0]);
    const start = vocabulary.allocate(10);
    vocabulary.rows[id * ROW + START] = start;
    vocabulary.rows[id * ROW + CAPACITY] = vocabulary.allocated;
    vocabulary.delete(id);
    expect(vocabulary.find('graph', hashOf('graph'))).toBe(-1);
    // The same size again: the segment the word had.
    expect(vocabulary.allocate(10)).toBe(start);
  });
});
