import type { Row } from '../csv/csvTypes';

/**
 * A key's hash: FNV-1a over its UTF-16 code units, cut to 30 bits so that it is a small integer
 * (V8 keeps it unboxed, in the row and in the index, with no string kept per row).
 */
export function keyHash(key: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 16777619);
  return hash & 0x3fffffff;
}

/**
 * `keyHash(value.trim().toLowerCase())`, or undefined when that key is empty, without making the
 * key when the value is ASCII (other values take the long way, for Unicode's spaces and cases);
 * `ascii` when the caller knows it is (then it is not checked again).
 */
export function trimmedLowercaseKeyHash(value: string, ascii = false): number | undefined {
  let start = 0;
  let end = value.length;
  let all = 0;
  if (!ascii) for (let i = 0; i < end; i++) all |= value.charCodeAt(i);
  if (all > 0x7f) {
    const key = value.trim().toLowerCase();
    return key === '' ? undefined : keyHash(key);
  }
  // ASCII white space, as trim() sees it: tab, line feed, vertical tab, form feed, carriage return, space.
  const space = (c: number) => c === 32 || (c >= 9 && c <= 13);
  while (start < end && space(value.charCodeAt(start))) start++;
  while (end > start && space(value.charCodeAt(end - 1))) end--;
  if (start === end) return undefined;
  let hash = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) {
    const c = value.charCodeAt(i);
    hash = Math.imul(hash ^ (c >= 65 && c <= 90 ? c + 32 : c), 16777619);
  }
  return hash & 0x3fffffff;
}

/**
 * Rows by a key (a District ID, a password …), updated row by row. The index holds each key's
 * hash, not the key: most keys belong to one row, so a hash maps to that row alone and only
 * becomes a list when a second row has it. Rows that share a hash share their key, except after
 * a hash collision, which `sharedGroups` sorts out by reading the rows' keys again (`keyOf`).
 */
/**
 * Whether `used` slots (held or freed) of `slots` make the table too full: past four fifths
 * (linear probing over pairs packed eight to a cache line stays short at that load, and the
 * tables of a 200,000-row file take half the memory they would at one half).
 */
function tooFull(used: number, slots: number): boolean {
  return used * 5 > slots * 4;
}

export class KeyIndex {
  /**
   * An open-addressing table of pairs in one Int32Array: `table[2 * i]` is 0 for a free slot,
   * -1 for one freed by a removal, else the hash + 1 of the rows held; `table[2 * i + 1]` is then
   * the entry in `held` that holds them (one row, or a list when rows share the hash). A lookup
   * among 200,000 keys touches one cache line of the table (off the JS heap, so the garbage
   * collector never scans it), and the entries are written one after another as rows come.
   */
  private table: Int32Array;
  private held: (Row | Row[] | undefined)[] = [];
  /** Entries of `held` freed by removals, reused by later adds. */
  private readonly freeEntries: number[] = [];
  /** Slots holding rows, and slots holding rows or freed. */
  private size = 0;
  private used = 0;
  /** Hashes held by more than one row. */
  private readonly crowded = new Set<number>();
  /**
   * The last answer of `sharedGroups`, until a row joins or leaves a shared hash: a keystroke
   * elsewhere (most of them) leaves the groups as they were, and reading every shared row's key
   * again on each one would cost a millisecond or more in a large file.
   */
  private groups: Row[][] | undefined;
  /**
   * Adds not yet in the table, in the order they came: a check of every row adds 200,000 rows,
   * and putting them into the table one by one costs a cache miss each (the table is larger than
   * the caches). `settle` puts them in at the next read or removal, sorted by their place in the
   * table, so that it is walked from one end to the other.
   */
  private pendingHashes: Int32Array;
  private pendingRows: Row[];
  private pendingCount = 0;

  /**
   * `keyOf`: a row's key, read again from its values (only for rows that share a hash).
   * `expected`: about how many keys it will hold (the table is sized for them at once).
   */
  constructor(
    private readonly keyOf: (row: Row) => string | undefined,
    expected = 0,
  ) {
    let length = 16;
    while (tooFull(expected, length)) length *= 2;
    this.table = new Int32Array(length * 2);
    // Room for the expected adds at once (a check of every row adds one per row).
    this.pendingHashes = new Int32Array(Math.max(64, expected));
    this.pendingRows = new Array<Row>(Math.max(64, expected));
  }

  /**
   * Forgets every row, for a check of every row that starts over (a header edit): keeps the
   * table when it is large enough for `expected` keys, so that the new check does not allocate
   * a second one while the old one waits for the garbage collector.
   */
  clear(expected = 0): void {
    let length = 16;
    while (tooFull(expected, length)) length *= 2;
    if (this.table.length >= length * 2) this.table.fill(0);
    else this.table = new Int32Array(length * 2);
    this.held = [];
    this.freeEntries.length = 0;
    this.size = 0;
    this.used = 0;
    this.crowded.clear();
    this.groups = undefined;
    this.pendingCount = 0;
    if (this.pendingHashes.length < expected) this.pendingHashes = new Int32Array(Math.max(64, expected));
    this.pendingRows = new Array<Row>(Math.max(64, expected));
  }

  add(hash: number, row: Row): void {
    const n = this.pendingCount++;
    if (n === this.pendingHashes.length) {
      const grown = new Int32Array(n * 2);
      grown.set(this.pendingHashes);
      this.pendingHashes = grown;
    }
    this.pendingHashes[n] = hash;
    this.pendingRows[n] = row;
  }

  /** Puts the pending adds into the table, in the order of their first slots (rows of one hash keep their order). */
  private settle(): void {
    const n = this.pendingCount;
    if (n === 0) return;
    const hashes = this.pendingHashes;
    const rows = this.pendingRows;
    if (rows.length > n) rows.length = n;
    this.pendingCount = 0;
    this.pendingRows = new Array<Row>(64);
    this.pendingHashes = new Int32Array(64);
    if (n < 64) {
      for (let p = 0; p < n; p++) {
        const entry = this.freeEntries.length > 0 ? (this.freeEntries.pop() as number) : this.held.length;
        if (entry === this.held.length) this.held.push(rows[p] as Row);
        else this.held[entry] = rows[p] as Row;
        this.insert(hashes[p] as number, entry);
      }
      return;
    }
    // The rows go to the end of `held` in the order they came (entry base + p); the table is
    // grown first, so that no resize happens among the inserts below.
    const base = this.held.length;
    if (base === 0) this.held = rows;
    else for (let p = 0; p < n; p++) this.held.push(rows[p] as Row);
    while (tooFull(this.used + n, this.table.length >> 1)) this.resize(true);
    const slots = this.table.length >> 1;
    let bits = 0;
    while (1 << bits < slots) bits++;
    const bucketBits = Math.min(bits, 12);
    const shift = bits - bucketBits;
    // A counting sort of the adds by the block of the table where their probe starts.
    const starts = new Int32Array((1 << bucketBits) + 1);
    for (let p = 0; p < n; p++) {
      const b = ((Math.imul(hashes[p] as number, 0x9e3779b1) & (slots - 1)) >>> shift) + 1;
      starts[b] = (starts[b] as number) + 1;
    }
    for (let b = 1; b < starts.length; b++) (starts[b] as number) += starts[b - 1] as number;
    const sortedHashes = new Int32Array(n);
    const sortedAdds = new Int32Array(n);
    for (let p = 0; p < n; p++) {
      const hash = hashes[p] as number;
      const b = (Math.imul(hash, 0x9e3779b1) & (slots - 1)) >>> shift;
      const to = starts[b] as number;
      starts[b] = to + 1;
      sortedHashes[to] = hash;
      sortedAdds[to] = p;
    }
    // Hashes that become shared, by the add that made them so, so that `crowded` keeps the order of one-by-one adds.
    let madeCrowded: number[] | undefined;
    for (let k = 0; k < n; k++) {
      const p = sortedAdds[k] as number;
      if (this.insert(sortedHashes[k] as number, base + p, false)) (madeCrowded ??= []).push(p);
    }
    if (madeCrowded) for (const p of madeCrowded.sort((x, y) => x - y)) this.crowded.add(hashes[p] as number);
  }

  /**
   * Puts the row of entry `entry` of `held` into the table under `hash` (a hash already held
   * takes the row into its own entry and frees this one); true when that makes the hash shared
   * (then added to `crowded` unless `mark` is false).
   */
  private insert(hash: number, entry: number, mark = true): boolean {
    const at = this.slotOf(hash, true);
    const table = this.table;
    if (table[at] !== hash + 1) {
      if (table[at] === 0) this.used++;
      table[at] = hash + 1;
      table[at + 1] = entry;
      this.size++;
      if (tooFull(this.used, table.length >> 1)) this.resize(false);
      return false;
    }
    const row = this.held[entry] as Row;
    this.held[entry] = undefined;
    this.freeEntries.push(entry);
    const heldEntry = table[at + 1] as number;
    const held = this.held[heldEntry] as Row | Row[];
    this.groups = undefined;
    if (Array.isArray(held)) {
      held.push(row);
      return false;
    }
    this.held[heldEntry] = [held, row];
    if (mark) this.crowded.add(hash);
    return true;
  }

  remove(hash: number, row: Row): void {
    this.settle();
    const at = this.slotOf(hash, false);
    if (at < 0) return;
    const entry = this.table[at + 1] as number;
    const held = this.held[entry] as Row | Row[];
    if (!Array.isArray(held)) {
      if (held === row) this.free(at);
      return;
    }
    const i = held.indexOf(row);
    if (i >= 0) held.splice(i, 1);
    this.groups = undefined;
    if (held.length === 1) {
      this.held[entry] = held[0] as Row;
      this.crowded.delete(hash);
    } else if (held.length === 0) {
      this.free(at);
      this.crowded.delete(hash);
    }
  }

  /** The rows holding a key (of `hash`), in document order. */
  rows(key: string, hash = keyHash(key)): Row[] {
    this.settle();
    const at = this.slotOf(hash, false);
    if (at < 0) return [];
    const held = this.held[this.table[at + 1] as number] as Row | Row[];
    const rows = Array.isArray(held) ? held.filter((row) => this.keyOf(row) === key) : this.keyOf(held) === key ? [held] : [];
    return rows.sort((a, b) => a.start - b.start);
  }

  /** Every group of two or more rows with the same key, each in document order (do not change them: they are kept for the next call). */
  sharedGroups(): readonly (readonly Row[])[] {
    this.settle();
    if (this.groups) return this.groups;
    const groups: Row[][] = [];
    for (const hash of this.crowded) {
      const held = this.held[this.table[this.slotOf(hash, false) + 1] as number] as Row[];
      const byKey = new Map<string, Row[]>();
      for (const row of held) {
        const key = this.keyOf(row);
        if (key === undefined) continue;
        const group = byKey.get(key);
        if (group) group.push(row);
        else byKey.set(key, [row]);
      }
      for (const group of byKey.values()) if (group.length > 1) groups.push(group.sort((a, b) => a.start - b.start));
    }
    this.groups = groups;
    return groups;
  }

  /**
   * The slot of `hash` (the index of its pair's first number in `table`): where it is, else
   * (with `forAdd`) the first freed or free slot on its probe path, else -1. Linear probing
   * from a multiplicative spread of the hash.
   */
  private slotOf(hash: number, forAdd: boolean): number {
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    const wanted = hash + 1;
    let i = Math.imul(hash, 0x9e3779b1) & mask;
    let freed = -1;
    for (;;) {
      const at = i << 1;
      const h = table[at] as number;
      if (h === wanted) return at;
      if (h === 0) return forAdd ? (freed >= 0 ? freed : at) : -1;
      if (h === -1 && freed < 0) freed = at;
      i = (i + 1) & mask;
    }
  }

  private free(at: number): void {
    const entry = this.table[at + 1] as number;
    this.table[at] = -1;
    this.table[at + 1] = 0;
    this.held[entry] = undefined;
    this.freeEntries.push(entry);
    this.size--;
  }

  /** Doubles the table (or rebuilds it at its size when mostly freed slots fill it, unless `grow`). */
  private resize(grow: boolean): void {
    const old = this.table;
    const slots = old.length >> 1;
    const length = grow || this.size * 4 > slots ? slots * 2 : slots;
    this.table = new Int32Array(length * 2);
    this.used = this.size;
    for (let at = 0; at < old.length; at += 2) {
      const h = old[at] as number;
      if (h <= 0) continue;
      const to = this.slotOf(h - 1, true);
      this.table[to] = h;
      this.table[to + 1] = old[at + 1] as number;
    }
  }
}
