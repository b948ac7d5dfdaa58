// The community index's words and their postings (src/search/community.ts), in
// typed arrays: a word has a number (its id), found through an open-addressed
// table of (hash, id) pairs, and its fields are a row of `rows`; every word's
// postings are one segment of a single arena. Adding a member looks up about
// 2 000 words in a vocabulary of tens of thousands, so the look-up is most of an
// update: this way it reads the table, the row and the segment (and the word
// itself once its hash matched) instead of a Map's buckets, entries and keys, a
// word object and its own typed array. Nothing here holds a pointer per word
// but the word itself, so there is little for the garbage collector to trace.
//
// Segments have power-of-two capacities; a segment given up (moved to a bigger
// one, or its word gone) is kept on a free list for its size and used again by
// the next word that needs one that size. The arena is in chunks of CHUNK
// postings and a segment lies within one: the arena grows by a chunk, never by
// copying what it holds into a bigger array (which, at a server's millions of
// postings, held the update that made it for a tenth of a second).

/** FNV-1a over the word's UTF-16 code units (prepareProfile works it out once per word of a profile). */
export function hashOf(word: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
  return hash;
}

/** A word's fields, at id × ROW in `rows`: where its segment starts, how long it is, how many postings are in use. */
export const START = 0;
export const CAPACITY = 1;
export const LENGTH = 2;
/** Postings of live slots (the word's document frequency), and of dead ones still in the segment. */
export const LIVE = 3;
export const DEAD = 4;
const HASH = 5;
export const ROW = 6;

const SMALLEST = 4;
/** A segment starting at `start` is in chunks[start >>> CHUNK_BITS], from start & CHUNK_MASK. */
export const CHUNK_BITS = 21;
const CHUNK = 1 << CHUNK_BITS;
export const CHUNK_MASK = CHUNK - 1;

export class Vocabulary {
  /** Pairs of (hash, id + 1), 0 as id + 1 meaning empty; linear probing, at most half full. */
  private table = new Int32Array(2 * 1024);
  private mask = 1023;
  private count = 0;
  /** Each id's word; undefined once it is gone (the id is free). */
  readonly words: (string | undefined)[] = [];
  private readonly freeIds: number[] = [];
  rows = new Int32Array(ROW * 1024);
  /**
   * The arena's chunks: the first grows (copied) while it is smaller than CHUNK, so that a small index stays small;
   * then each is CHUNK long.
   */
  readonly chunks: Int32Array[] = [new Int32Array(1 << 16)];
  /** Where the arena's unused tail starts (in the last chunk). */
  private top = 0;
  /** Segments given up, by log2 of their capacity: their starts. */
  private readonly free: number[][] = [];

  get size(): number {
    return this.count;
  }

  /** The word's id, or -1. `hash` is hashOf(word). */
  find(word: string, hash: number): number {
    const { table, mask } = this;
    for (let probe = hash & mask; ; probe = (probe + 1) & mask) {
      const known = table[2 * probe + 1]!;
      if (known === 0) return -1;
      if (table[2 * probe] === hash && this.words[known - 1] === word) return known - 1;
    }
  }

  /** A new word (not in the vocabulary), with no postings yet: its id. */
  add(word: string, hash: number): number {
    const id = this.freeIds.pop() ?? this.words.length;
    this.words[id] = word;
    if (ROW * (id + 1) > this.rows.length) {
      const rows = new Int32Array(this.rows.length * 2);
      rows.set(this.rows);
      this.rows = rows;
    }
    this.rows.fill(0, ROW * id, ROW * (id + 1));
    this.rows[ROW * id + HASH] = hash;
    if (2 * ++this.count > this.mask + 1) this.resize();
    this.place(id, hash);
    return id;
  }

  /** Takes the word out: its segment is free again, and so is its id. */
  delete(id: number): void {
    const { table, mask } = this;
    const row = ROW * id;
    let hole = this.rows[row + HASH]! & mask;
    while (table[2 * hole + 1] !== id + 1) hole = (hole + 1) & mask;
    // Backward-shift deletion: a later pair of the run moves into the hole when its home is not after the hole.
    for (let probe = (hole + 1) & mask; table[2 * probe + 1] !== 0; probe = (probe + 1) & mask) {
      const home = table[2 * probe]! & mask;
      if (((probe - home) & mask) >= ((probe - hole) & mask)) {
        table[2 * hole] = table[2 * probe]!;
        table[2 * hole + 1] = table[2 * probe + 1]!;
        hole = probe;
      }
    }
    table[2 * hole] = 0;
    table[2 * hole + 1] = 0;
    this.count--;
    this.giveUp(this.rows[row + START]!, this.rows[row + CAPACITY]!);
    this.rows.fill(0, row, row + ROW);
    this.words[id] = undefined;
    this.freeIds.push(id);
  }

  /** The capacity of the segment allocate() gave last. */
  allocated = 0;

  /**
   * A segment for at least `needed` postings: its start, its capacity in `allocated`
   * (the arena may have a new chunk, or a bigger first one, afterwards: read `chunks` again). The capacity
   * is the power of two at or above needed + needed / 2, so that a growing list moves now and then, not on every update.
   */
  allocate(needed: number): number {
    let size = 2;
    while (1 << size < SMALLEST || 1 << size < needed + (needed >> 1)) size++;
    const capacity = 1 << size;
    if (capacity > CHUNK) throw new Error(`a word's postings outgrew the arena's chunks (${needed})`);
    this.allocated = capacity;
    const reused = this.free[size]?.pop();
    if (reused !== undefined) return reused;
    const last = this.chunks.length - 1;
    const offset = this.top - last * CHUNK;
    if (offset + capacity > this.chunks[last]!.length) {
      if (offset + capacity <= CHUNK) {
        // The first chunk, still small: grown.
        const grown = new Int32Array(Math.min(CHUNK, Math.max(offset + capacity, Math.ceil(this.chunks[last]!.length * 1.5))));
        grown.set(this.chunks[last]!.subarray(0, offset));
        this.chunks[last] = grown;
      } else {
        // Full: what is left of it goes on the free lists (power-of-two pieces), and a new chunk starts.
        if (this.chunks[last]!.length < CHUNK) {
          const grown = new Int32Array(CHUNK);
          grown.set(this.chunks[last]!.subarray(0, offset));
          this.chunks[last] = grown;
        }
        for (let left = CHUNK - offset; left >= SMALLEST;) {
          const piece = 1 << (31 - Math.clz32(left));
          this.giveUp(this.top, piece);
          this.top += piece;
          left -= piece;
        }
        this.chunks.push(new Int32Array(CHUNK));
        this.top = (last + 1) * CHUNK;
        const reusedNow = this.free[size]?.pop();
        if (reusedNow !== undefined) return reusedNow;
      }
    }
    const start = this.top;
    this.top += capacity;
    return start;
  }

  /** A segment no word uses any more. */
  giveUp(start: number, capacity: number): void {
    if (capacity === 0) return;
    (this.free[31 - Math.clz32(capacity)] ??= []).push(start);
  }

  private place(id: number, hash: number): void {
    const { table, mask } = this;
    let probe = hash & mask;
    while (table[2 * probe + 1] !== 0) probe = (probe + 1) & mask;
    table[2 * probe] = hash;
    table[2 * probe + 1] = id + 1;
  }

  private resize(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.mask = old.length - 1;
    for (let pair = 0; pair < old.length; pair += 2) if (old[pair + 1] !== 0) this.place(old[pair + 1]! - 1, old[pair]!);
  }
}
